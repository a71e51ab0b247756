import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();

const TARGET = `id metric period periodStart periodEnd amount currency achieved remaining percentAchieved forecastAmount forecastWeighted version
  user { email } team { name } splitFrom { id }`;
const SET = `mutation($input: SetSalesTargetInput!) { setSalesTarget(input: $input) { target { ${TARGET} } userErrors { field code message } } }`;
const SPLIT = `mutation($input: SplitSalesTargetInput!) { splitSalesTarget(input: $input) { target { id version splits { user { email } amount } } shares { ${TARGET} } userErrors { field code message } } }`;
const TARGETS = `query($filter: SalesTargetFilter) { salesTargets(first: 50, filter: $filter) { totalCount nodes { ${TARGET} } } }`;
const OPP = `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id version } userErrors { field code message } } }`;
const MOVE = `mutation($input: MoveOpportunityInput!) { moveOpportunity(input: $input) { opportunity { id version status } userErrors { field code message } } }`;
const CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`;
const ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`;

/**
 * Targets and reports through the graph, every figure worked out by hand. The clock is moved to
 * February 2027, after everything the demo seed dated, so only the facts made here count:
 *
 * Ray Rep (East Sales):
 * - customer A: quote 2 × product CNC-3X at 82000 (cost 52000), no tax → contract 164000 signed
 *   2027-02-10 (revenue 164000, gross margin 164000 − 2 × 52000 = 60000, A's first deal); payments
 *   50000 (02-09) + 14000 (02-10) = collections 64000;
 * - customer B: opportunity 36000 created 01-31, won 02-10 (10-day cycle, B's first deal); another lost 02-10;
 * - customer C: opportunity 20000 created 01-31 10:00 Shanghai, won at 2027-01-31T17:00Z — 02-01
 *   01:00 in Shanghai, so February (and Q1, a 1-day cycle), though January in UTC;
 * - an open opportunity of 50000 in negotiation (75 %) expected to close 2027-03-15;
 * - visits in the week of Monday 02-08: three completed (two with an outcome), one still planned, and a call.
 * Li Wei (East Sales): customer D, an opportunity of 80000 created and won 02-10 (D's first deal), one visit with an outcome.
 */
describe.each(kinds)('sales targets and reports on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let li: TestClient;
  let manager: TestClient;
  let ids: { rep: string; li: string; manager: string; sophie: string; zhang: string; east: string; north: string };
  let stages: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 20,
      plugins: resolvePlugins([salesPlugin], ['sales'], { sales: { contractApproval: { amountAbove: 10_000_000, steps: [{ kind: 'OWNER_MANAGER' }] } } }),
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    li = server.as('li.wei@demo.local');
    manager = server.as('manager@demo.local');
    const user = (email: string) => server.db.prisma.user.findUniqueOrThrow({ where: { email }, include: { team: true } });
    const [r, l, m, s, z] = await Promise.all(['rep@demo.local', 'li.wei@demo.local', 'manager@demo.local', 'sophie.becker@demo.local', 'zhang.min@demo.local'].map(user));
    const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
    ids = { rep: gid('User', r!.id), li: gid('User', l!.id), manager: gid('User', m!.id), sophie: gid('User', s!.id), zhang: gid('User', z!.id), east: gid('Team', r!.teamId!), north: gid('Team', z!.teamId!) };
    stages = Object.fromEntries((await server.ok(`{ salesPipelines { stages { id key } } }`)).salesPipelines[0].stages.map((st: any) => [st.key, st.id]));

    const customer = async (client: TestClient, name: string, ownerId: string) => (await client.ok(CUSTOMER, { input: { name, ownerId } })).createCustomer.customer.id as string;
    const opportunity = async (client: TestClient, input: object) => (await client.ok(OPP, { input })).createOpportunity.opportunity;
    const move = async (client: TestClient, o: { id: string; version: number }, stageId: string, extra: object = {}) =>
      (await client.ok(MOVE, { input: { id: o.id, version: o.version, stageId, ...extra } })).moveOpportunity.opportunity;

    server.clock.set('2027-01-31T02:00:00Z');
    const a = await customer(rep, '宁波甬江机床有限公司', ids.rep);
    const b = await customer(rep, '苏州恒润精工有限公司', ids.rep);
    const c = await customer(rep, '无锡新达模具有限公司', ids.rep);
    const d = await customer(li, '合肥华宇自动化有限公司', ids.li);
    const o2 = await opportunity(rep, { customerId: b, name: '年度维保', amount: '36000.00', expectedCloseDate: '2027-02-28' });
    const o3 = await opportunity(rep, { customerId: b, name: '备件框架协议', amount: '90000.00', expectedCloseDate: '2027-02-28' });
    const o4 = await opportunity(rep, { customerId: c, name: '培训服务', amount: '20000.00', expectedCloseDate: '2027-02-28' });

    server.clock.set('2027-01-31T17:00:00Z');
    await move(rep, o4, stages.won!);

    server.clock.set('2027-02-10T02:00:00Z');
    await move(rep, o2, stages.won!);
    await move(rep, o3, stages.lost!, { lostReason: '价格 price' });
    const o5 = await opportunity(li, { customerId: d, name: '自动化项目', amount: '80000.00', expectedCloseDate: '2027-02-28' });
    await move(li, o5, stages.won!);
    await opportunity(rep, { customerId: a, name: '二期扩产', amount: '50000.00', stageId: stages.negotiation, expectedCloseDate: '2027-03-15' });

    const product = (await server.ok(`mutation($input: DefineProductInput!) { defineProduct(input: $input) { product { id } userErrors { field code message } } }`, {
      input: { code: 'CNC-3X', name: '三轴立式加工中心', unit: '台', cost: '52000.00' },
    })).defineProduct.product.id;
    const quote = (await rep.ok(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } userErrors { field code message } } }`, {
      input: { customerId: a, title: '加工中心', lines: [{ productId: product, quantity: '2', unitPrice: '82000.00' }] },
    })).createQuote.quote;
    const sent = (await rep.ok(`mutation($input: SendQuoteInput!) { sendQuote(input: $input) { quote { version } } }`, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    await rep.ok(`mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { status } } }`, { input: { id: quote.id, version: sent.version } });
    const draft = (await rep.ok(`mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id version amount } userErrors { field code message } } }`, { input: { quoteId: quote.id } })).createContract.contract;
    expect(draft.amount).toBe('164000.00');
    await rep.ok(`mutation($input: SignContractInput!) { signContract(input: $input) { contract { status } userErrors { field code message } } }`, { input: { id: draft.id, version: draft.version } });
    const pay = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } userErrors { field code message } } }`;
    await rep.ok(pay, { input: { contractId: draft.id, amount: '50000.00', receivedOn: '2027-02-09', method: 'BANK_TRANSFER' } });
    await rep.ok(pay, { input: { contractId: draft.id, amount: '14000.00', receivedOn: '2027-02-10', method: 'BANK_TRANSFER' } });

    const visit = (client: TestClient, customerId: string, extra: object) => client.ok(ACTIVITY, { input: { customerId, kind: 'VISIT', subject: '上门拜访', ...extra } });
    await visit(rep, a, { completedAt: '2027-02-08T03:00:00Z', outcome: '确认二期需求' });
    await visit(rep, b, { completedAt: '2027-02-09T06:00:00Z', outcome: '签约意向' });
    await visit(rep, c, { completedAt: '2027-02-09T08:00:00Z', outcome: '  ' });
    await visit(rep, c, { dueAt: '2027-02-12T02:00:00Z' });
    await rep.ok(ACTIVITY, { input: { customerId: a, kind: 'CALL', subject: '电话回访', completedAt: '2027-02-09T02:00:00Z', outcome: '已回访' } });
    // 2027-02-07T17:00Z is Monday 02-08 01:00 in Shanghai: in the week.
    await visit(li, d, { completedAt: '2027-02-07T17:00:00Z', outcome: '演示成功' });
    // Sunday 02-07 in Shanghai: the week before.
    await visit(li, d, { completedAt: '2027-02-07T15:00:00Z', outcome: '初次拜访' });
  });
  afterAll(() => server?.close());

  let teamTarget: any;

  it('lets a manager set targets for the team they manage and its reps, not a rep nor another team', async () => {
    const created = (await manager.ok(SET, { input: { metric: 'REVENUE', period: 'QUARTER', day: '2027-02-10', teamId: ids.east, amount: '900000.00' } })).setSalesTarget.target;
    expect(created).toMatchObject({ metric: 'REVENUE', period: 'QUARTER', periodStart: '2027-01-01', periodEnd: '2027-04-01', amount: '900000.00', currency: 'CNY', user: null, team: { name: 'East Sales' }, version: 1 });
    // Team facts: contract 164000 + won 36000 + 20000 (rep) + 80000 (Li Wei) = 300000; 300000 ÷ 900000 = 33.33 %.
    // Forecast: plus the open 50000 closing 03-15 → 350000; weighted 50000 × 75 % = 37500 → 337500.
    expect(created).toMatchObject({ achieved: '300000.00', remaining: '600000.00', percentAchieved: '33.33', forecastAmount: '350000.00', forecastWeighted: '337500.00' });

    const stale = await manager.gql(SET, { input: { metric: 'REVENUE', period: 'QUARTER', day: '2027-03-31', teamId: ids.east, amount: '950000.00', version: 7 } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    const changed = (await manager.ok(SET, { input: { metric: 'REVENUE', period: 'QUARTER', day: '2027-03-31', teamId: ids.east, amount: '900000', version: 1 } })).setSalesTarget.target;
    expect(changed).toMatchObject({ id: created.id, version: 2 });
    expect(changed).toMatchObject({ id: created.id, version: 2 });
    teamTarget = changed;

    expect(errorOf(await rep.gql(SET, { input: { metric: 'REVENUE', period: 'MONTH', day: '2027-02-01', userId: ids.rep, amount: '1.00' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await manager.gql(SET, { input: { metric: 'REVENUE', period: 'MONTH', day: '2027-02-01', teamId: ids.north, amount: '1.00' } }))).toMatchObject({ code: 'FORBIDDEN' });
    const both = await manager.gql(SET, { input: { metric: 'REVENUE', period: 'MONTH', day: '2027-02-01', teamId: ids.east, userId: ids.rep, amount: '1.00' } });
    expect(userErrorOf(both)).toMatchObject({ codes: ['INVALID'] });
    const fraction = await manager.gql(SET, { input: { metric: 'NEW_CUSTOMERS', period: 'MONTH', day: '2027-02-01', userId: ids.rep, amount: '2.50' } });
    expect(userErrorOf(fraction)).toMatchObject({ codes: ['INVALID'], fields: ['amount'] });
    expect(await server.db.prisma.salesTarget.count()).toBe(1);
  });

  it('splits a team target so the reps’ shares add up exactly, refusing a cent off and writing nothing', async () => {
    const off = await manager.gql(SPLIT, { input: { id: teamTarget.id, version: teamTarget.version, shares: [{ userId: ids.rep, amount: '500000.00' }, { userId: ids.li, amount: '399999.99' }] } });
    expect(userErrorOf(off)).toMatchObject({ codes: ['INVALID'], fields: ['shares'], message: '拆分合计 899999.99，比团队目标 900000.00 少 0.01' });
    const stranger = await manager.gql(SPLIT, { input: { id: teamTarget.id, version: teamTarget.version, shares: [{ userId: ids.rep, amount: '900000' }, { userId: ids.zhang, amount: '0' }] } });
    expect(userErrorOf(stranger)).toMatchObject({ codes: ['NOT_ALLOWED_VALUE'], fields: ['shares.1.userId'] });
    expect(await server.db.prisma.salesTarget.count()).toBe(1);

    const split = (await manager.ok(SPLIT, { input: { id: teamTarget.id, version: teamTarget.version, shares: [{ userId: ids.rep, amount: '500000.00' }, { userId: ids.li, amount: '400000.00' }] } })).splitSalesTarget;
    expect(split.target).toMatchObject({ version: 3, splits: [{ user: { email: 'li.wei@demo.local' }, amount: '400000.00' }, { user: { email: 'rep@demo.local' }, amount: '500000.00' }] });
    const byEmail = Object.fromEntries(split.shares.map((s: any) => [s.user.email, s]));
    // Ray: 164000 + 36000 + 20000 = 220000 of 500000 = 44 %; Li Wei: 80000 of 400000 = 20 %.
    expect(byEmail['rep@demo.local']).toMatchObject({ period: 'QUARTER', periodStart: '2027-01-01', team: { name: 'East Sales' }, splitFrom: { id: teamTarget.id }, achieved: '220000.00', percentAchieved: '44.00', forecastAmount: '270000.00', forecastWeighted: '257500.00' });
    expect(byEmail['li.wei@demo.local']).toMatchObject({ achieved: '80000.00', percentAchieved: '20.00', forecastAmount: '80000.00' });

    // Evenly: a team target of 10 new customers over the four active East Sales members, by name.
    const count = (await manager.ok(SET, { input: { metric: 'NEW_CUSTOMERS', period: 'MONTH', day: '2027-02-10', teamId: ids.east, amount: '10' } })).setSalesTarget.target;
    const even = (await manager.ok(SPLIT, { input: { id: count.id, version: count.version } })).splitSalesTarget.shares;
    expect(even.map((s: any) => [s.user.email, s.amount, s.currency])).toEqual([
      ['li.wei@demo.local', '3', null],
      ['manager@demo.local', '3', null],
      ['rep@demo.local', '2', null],
      ['sophie.becker@demo.local', '2', null],
    ]);
    // New customers in February: A (contract), B, C (rep), D (Li Wei).
    expect(count).toMatchObject({ amount: '10', achieved: '4', percentAchieved: '40.00' });
    expect(even.map((s: any) => s.achieved)).toEqual(['1', '0', '3', '0']);
  });

  it('measures gross margin and collections, and a rep sees only their own figures and targets', async () => {
    const margin = (await manager.ok(SET, { input: { metric: 'GROSS_MARGIN', period: 'MONTH', day: '2027-02-10', userId: ids.rep, amount: '80000.00' } })).setSalesTarget.target;
    expect(margin).toMatchObject({ periodStart: '2027-02-01', periodEnd: '2027-03-01', achieved: '60000.00', percentAchieved: '75.00', forecastAmount: null, team: { name: 'East Sales' } });
    const collections = (await manager.ok(SET, { input: { metric: 'COLLECTIONS', period: 'YEAR', day: '2027-02-10', userId: ids.rep, amount: '100000.00' } })).setSalesTarget.target;
    expect(collections).toMatchObject({ periodStart: '2027-01-01', periodEnd: '2028-01-01', achieved: '64000.00', remaining: '36000.00', percentAchieved: '64.00' });

    const mine = (await rep.ok(TARGETS, { filter: { day: '2027-02-15' } })).salesTargets;
    // The team's two targets, and Ray's four (revenue share, new customers share, margin, collections); not Li Wei's.
    expect(mine.totalCount).toBe(6);
    expect(mine.nodes.every((t: any) => t.user === null || t.user.email === 'rep@demo.local')).toBe(true);
    const team = mine.nodes.find((t: any) => t.id === teamTarget.id);
    // Ray cannot see Li Wei's customer, so the team's revenue he sees is his own 220000.
    expect(team).toMatchObject({ achieved: '220000.00', forecastAmount: '270000.00' });
    const lisTarget = await server.db.prisma.salesTarget.findFirstOrThrow({ where: { metric: 'REVENUE', user: { email: 'li.wei@demo.local' } } });
    const hidden = await rep.gql(`query($id: ID!) { node(id: $id) { id } salesTarget(id: $id) { id } }`, { id: Buffer.from(`SalesTarget:${lisTarget.id}`).toString('base64') });
    expect(hidden.data?.node).toBeNull();
    expect(errorOf(hidden)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await manager.ok(TARGETS, { filter: { day: '2027-02-15', metric: ['REVENUE'] } })).salesTargets.totalCount).toBe(3);

    // The service desk reads every customer but holds no customer.viewFinancials: counts, no money.
    const agent = server.as('agent@demo.local');
    const seen = (await agent.ok(TARGETS, { filter: { day: '2027-02-15', metric: ['REVENUE', 'NEW_CUSTOMERS'], teamTargetsOnly: true } })).salesTargets.nodes;
    expect(seen.map((t: any) => [t.metric, t.amount, t.achieved, t.percentAchieved, t.forecastAmount])).toEqual([
      ['REVENUE', null, null, null, null],
      ['NEW_CUSTOMERS', '10', '4', '40.00', null],
    ]);
    const board = (await agent.ok(`{ salesLeaderboard(input: { from: "2027-02-01", to: "2027-03-01" }) { owner { email } revenue newCustomers } }`)).salesLeaderboard;
    expect(board).toEqual([
      { owner: { email: 'rep@demo.local' }, revenue: null, newCustomers: 3 },
      { owner: { email: 'li.wei@demo.local' }, revenue: null, newCustomers: 1 },
    ]);
  });

  it('ranks reps on the leaderboard and gives win rate and average cycle, under the viewer’s visibility', async () => {
    const BOARD = `query($input: SalesLeaderboardInput!) { salesLeaderboard(input: $input) { rank owner { email } revenue deals grossMargin collections newCustomers } }`;
    const feb = { from: '2027-02-01', to: '2027-03-01' };
    expect((await manager.ok(BOARD, { input: feb })).salesLeaderboard).toEqual([
      { rank: 1, owner: { email: 'rep@demo.local' }, revenue: '220000.00', deals: 3, grossMargin: '60000.00', collections: '64000.00', newCustomers: 3 },
      { rank: 2, owner: { email: 'li.wei@demo.local' }, revenue: '80000.00', deals: 1, grossMargin: '0.00', collections: '0.00', newCustomers: 1 },
    ]);
    expect((await rep.ok(BOARD, { input: feb })).salesLeaderboard).toEqual([
      { rank: 1, owner: { email: 'rep@demo.local' }, revenue: '220000.00', deals: 3, grossMargin: '60000.00', collections: '64000.00', newCustomers: 3 },
    ]);
    // In UTC the 20000 opportunity closed in January; in Shanghai it is February's.
    expect((await manager.ok(BOARD, { input: { from: '2027-01-01', to: '2027-02-01' } })).salesLeaderboard).toEqual([]);

    const WIN = `query($input: SalesWinRateInput!) { salesWinRate(input: $input) { owner { email } team { name } currency won lost winRate wonAmount averageCycleDays } }`;
    // Ray: won 36000 (10 days) and 20000 (1 day), lost one: 2 ÷ 3 = 0.6667, cycle (10 + 1) ÷ 2 = 5.5. Li Wei: won the same day.
    expect((await manager.ok(WIN, { input: { ...feb, groupBy: ['OWNER'] } })).salesWinRate).toEqual([
      { owner: { email: 'rep@demo.local' }, team: null, currency: 'CNY', won: 2, lost: 1, winRate: 0.6667, wonAmount: '56000.00', averageCycleDays: 5.5 },
      { owner: { email: 'li.wei@demo.local' }, team: null, currency: 'CNY', won: 1, lost: 0, winRate: 1, wonAmount: '80000.00', averageCycleDays: 0 },
    ]);
    expect((await manager.ok(WIN, { input: { ...feb, groupBy: ['TEAM'] } })).salesWinRate).toEqual([
      { owner: null, team: { name: 'East Sales' }, currency: 'CNY', won: 3, lost: 1, winRate: 0.75, wonAmount: '136000.00', averageCycleDays: 3.7 },
    ]);
    expect((await rep.ok(WIN, { input: { ...feb, groupBy: [] } })).salesWinRate).toEqual([
      { owner: null, team: null, currency: 'CNY', won: 2, lost: 1, winRate: 0.6667, wonAmount: '56000.00', averageCycleDays: 5.5 },
    ]);
  });

  it('gives the weekly sales management report per rep for the week starting Monday, in the deployment’s time zone', async () => {
    const WEEK = `query($input: WeeklySalesReportInput!) { weeklySalesReport(input: $input) { weekStart weekEnd currency newCustomers collections effectiveVisitRate dealRate sales averageSalesPerRep
      rows { owner { email } newCustomers collections visits effectiveVisits effectiveVisitRate deals dealRate sales } } }`;
    // Ray: A and B new (C's first deal was 02-01, the week before); 50000 + 14000; 3 visits, 2 effective;
    // deals: the contract and the 36000 opportunity → 200000; 2 ÷ 3. Li Wei: D new, 1 visit in the week, 1 deal of 80000.
    const report = (await manager.ok(WEEK, { input: {} })).weeklySalesReport;
    expect(report).toEqual({
      weekStart: '2027-02-08',
      weekEnd: '2027-02-15',
      currency: 'CNY',
      newCustomers: 3,
      collections: '64000.00',
      effectiveVisitRate: 0.75,
      dealRate: 0.75,
      sales: '280000.00',
      averageSalesPerRep: '140000.00',
      rows: [
        { owner: { email: 'rep@demo.local' }, newCustomers: 2, collections: '64000.00', visits: 3, effectiveVisits: 2, effectiveVisitRate: 0.6667, deals: 2, dealRate: 0.6667, sales: '200000.00' },
        { owner: { email: 'li.wei@demo.local' }, newCustomers: 1, collections: '0.00', visits: 1, effectiveVisits: 1, effectiveVisitRate: 1, deals: 1, dealRate: 1, sales: '80000.00' },
      ],
    });
    const own = (await rep.ok(WEEK, { input: { day: '2027-02-14' } })).weeklySalesReport;
    expect(own.rows.map((r: any) => r.owner.email)).toEqual(['rep@demo.local']);
    expect(own).toMatchObject({ sales: '200000.00', averageSalesPerRep: '200000.00', effectiveVisitRate: 0.6667 });
    // The week before (Mon 02-01 … Sun 02-07): C's 20000 and Li Wei's Sunday visit.
    const before = (await manager.ok(WEEK, { input: { day: '2027-02-07' } })).weeklySalesReport;
    expect(before.rows).toEqual([
      { owner: { email: 'rep@demo.local' }, newCustomers: 1, collections: '0.00', visits: 0, effectiveVisits: 0, effectiveVisitRate: null, deals: 1, dealRate: null, sales: '20000.00' },
      { owner: { email: 'li.wei@demo.local' }, newCustomers: 0, collections: '0.00', visits: 1, effectiveVisits: 1, effectiveVisitRate: 1, deals: 0, dealRate: 0, sales: '0.00' },
    ]);
  });

  it('answers targets and reports in a fixed number of statements, whatever the rows', async () => {
    const count = async (client: TestClient, query: string, variables?: object) => {
      server.statements.length = 0;
      await client.ok(query, variables as never);
      return server.statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(s.trim()));
    };
    const list = `query($filter: SalesTargetFilter) { salesTargets(first: 50, filter: $filter) { nodes { achieved percentAchieved forecastWeighted user { email } team { name } } } }`;
    const many = await count(manager, list, { filter: { day: '2027-02-15' } });
    const one = await count(manager, list, { filter: { day: '2027-02-15', metric: ['GROSS_MARGIN'] } });
    expect(many.length).toBe(one.length);
    expect(many.filter((s) => /facts AS/.test(s)).length).toBe(1);
    const week = await count(manager, `{ weeklySalesReport(input: { day: "2027-02-10" }) { rows { owner { email } sales effectiveVisitRate } averageSalesPerRep } }`);
    expect(week.filter((s) => /facts AS/.test(s)).length).toBe(1);
    const board = await count(manager, `{ salesLeaderboard(input: { from: "2027-02-01", to: "2027-03-01" }) { owner { email } revenue } }`);
    const win = await count(manager, `{ salesWinRate(input: { from: "2027-02-01", to: "2027-03-01", groupBy: [OWNER] }) { owner { email } winRate } }`);
    // The aggregate, then the users it names.
    expect([week.length, board.length, win.length]).toEqual([2, 2, 2]);
  });
});
