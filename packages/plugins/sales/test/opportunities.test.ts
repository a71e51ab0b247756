import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;

/** The database id inside a global id (base64 of `Type:id`). */
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const OPPORTUNITY = /* GraphQL */ `
  id code name status amount currency probability probabilityOverride weightedAmount expectedCloseDate source competitor lostReason
  version lastActivityAt closedAt owner { email } team { name } stage { key } pipeline { name } customer { id tier stage }
  deal { id amount }
`;
const CREATE = `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { ${OPPORTUNITY} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { ${OPPORTUNITY} } userErrors { field code message } } }`;
const MOVE = `mutation($input: MoveOpportunityInput!) { moveOpportunity(input: $input) { opportunity { ${OPPORTUNITY} } userErrors { field code message } } }`;
const LINK = `mutation($input: LinkActivityToOpportunityInput!) { linkActivityToOpportunity(input: $input) { opportunity { ${OPPORTUNITY} } userErrors { field code message } } }`;
const FORECAST = `query($input: SalesForecastInput!) { salesForecast(input: $input) { owner { email } team { name } periodStart currency opportunities amount weightedAmount } }`;

const plugins = () => resolvePlugins([salesPlugin], ['sales'], { sales: { staleAfterDays: 10 } });

describe.each(kinds)('sales opportunities on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let colleague: TestClient;
  let stages: Record<string, string>;
  let customerId: string;
  let contactId: string;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 30, plugins: plugins() });
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    colleague = server.as('li.wei@demo.local');
    const data = await server.ok(`{ salesPipelines { name isDefault stages { id key probability outcome } } }`);
    stages = Object.fromEntries(data.salesPipelines[0].stages.map((s: any) => [s.key, s.id]));
    const me = await rep.ok(`{ viewer { id } }`);
    const created = await rep.ok(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id tier stage contacts { id } } } }`,
      { input: { name: '杭州明远机械有限公司', ownerId: me.viewer.id, contacts: [{ name: '王海' }] } },
    );
    customerId = created.createCustomer.customer.id;
    contactId = created.createCustomer.customer.contacts[0].id;
  });
  afterAll(() => server?.close());

  const create = (client: TestClient, input: Record<string, unknown>) => client.gql(CREATE, { input: { customerId, name: 'CNC line retrofit', ...input } });

  it("has the default pipeline of 004's development flow, with a probability per stage", async () => {
    const data = await server.ok(`{ salesPipelines { isDefault stages { key probability outcome } } }`);
    expect(data.salesPipelines).toEqual([
      {
        isDefault: true,
        stages: [
          { key: 'lead', probability: 10, outcome: 'OPEN' },
          { key: 'needs', probability: 25, outcome: 'OPEN' },
          { key: 'proposal', probability: 50, outcome: 'OPEN' },
          { key: 'negotiation', probability: 75, outcome: 'OPEN' },
          { key: 'won', probability: 100, outcome: 'WON' },
          { key: 'lost', probability: 0, outcome: 'LOST' },
        ],
      },
    ]);
  });

  it('keeps amounts behind customer.viewFinancials: a rep may not set or read them', async () => {
    const refused = await create(rep, { amount: '1000.00' });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', fields: ['amount'] });
    expect(await server.db.prisma.opportunity.count()).toBe(0);
    const opened = (await create(rep, { expectedCloseDate: '2026-11-30' })).data!.createOpportunity.opportunity;
    expect(opened).toMatchObject({ status: 'OPEN', amount: null, weightedAmount: null, currency: 'CNY', probability: 10, stage: { key: 'lead' } });
    expect(opened.owner.email).toBe('rep@demo.local');
    expect(opened.team.name).toBe('East Sales');
    const seen = await manager.ok(`query($id: ID!) { opportunity(id: $id) { amount weightedAmount } }`, { id: opened.id });
    expect(seen.opportunity).toEqual({ amount: '0.00', weightedAmount: '0.00' });
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await server.db.prisma.opportunity.count();
    const bad = await create(manager, { name: ' ', amount: '-5', currency: 'yuan', probability: 120 });
    expect(bad.errors).toBeUndefined();
    expect(bad.data?.createOpportunity.opportunity).toBeNull();
    expect(bad.data?.createOpportunity.userErrors).toEqual([
      { field: ['input', 'name'], code: 'REQUIRED', message: expect.any(String) },
      { field: ['input', 'amount'], code: expect.any(String), message: expect.any(String) },
      { field: ['input', 'currency'], code: 'INVALID', message: '必须是 3 位 ISO 4217 货币代码' },
      { field: ['input', 'probability'], code: 'OUT_OF_RANGE', message: '必须在 0 到 100 之间' },
    ]);
    const closing = await create(manager, { stageId: stages.won });
    expect(userErrorOf(closing)).toMatchObject({ codes: ['NOT_ALLOWED_VALUE'], fields: ['stageId'] });
    expect(await server.db.prisma.opportunity.count()).toBe(before);
  });

  it('keeps opportunities with their customer: a colleague outside the row rule sees none of them', async () => {
    const own = (await create(rep, {})).data!.createOpportunity.opportunity;
    const node = await colleague.gql(`query($id: ID!) { opportunity(id: $id) { id } node(id: $id) { id } }`, { id: own.id });
    expect(errorOf(node).code).toBe('NOT_FOUND');
    const listed = await colleague.ok(`{ opportunities(first: 50) { totalCount edges { node { id } } } }`);
    expect(listed.opportunities.edges.map((e: any) => e.node.id)).not.toContain(own.id);
    const repList = await rep.ok(`{ opportunities(first: 50) { totalCount } }`);
    expect(repList.opportunities.totalCount).toBeGreaterThanOrEqual(2);
    const change = await colleague.gql(MOVE, { input: { id: own.id, version: own.version, stageId: stages.needs } });
    expect(errorOf(change).code).toBe('NOT_FOUND');
  });

  it('moves through the stages with history, refuses stale versions and wrong moves, and a win records the deal fact', async () => {
    const opened = (await create(manager, { amount: '600000.00', contactId, source: 'trade show', competitor: 'Acme', ownerId: await userId('rep@demo.local') }))
      .data!.createOpportunity.opportunity;
    expect(opened.customer).toMatchObject({ tier: 'D', stage: 'POTENTIAL' });
    const alertsForRep = await server.db.prisma.alert.count({ where: { kind: 'OPPORTUNITY_ASSIGNED', entityId: dbId(opened.id) } });
    expect(alertsForRep).toBe(1);

    server.clock.advance(DAY);
    const needs = (await manager.ok(MOVE, { input: { id: opened.id, version: opened.version, stageId: stages.needs, note: 'budget confirmed' } })).moveOpportunity.opportunity;
    expect(needs).toMatchObject({ stage: { key: 'needs' }, probability: 25, weightedAmount: '150000.00', version: opened.version + 1 });

    const stale = await manager.gql(MOVE, { input: { id: opened.id, version: opened.version, stageId: stages.proposal } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    const noReason = await manager.gql(MOVE, { input: { id: opened.id, version: needs.version, stageId: stages.lost } });
    expect(userErrorOf(noReason)).toMatchObject({ codes: ['REQUIRED'], fields: ['lostReason'] });

    const overridden = (await manager.ok(UPDATE, { input: { id: opened.id, version: needs.version, probability: 40 } })).updateOpportunity.opportunity;
    expect(overridden).toMatchObject({ probability: 40, probabilityOverride: 40, weightedAmount: '240000.00' });

    server.clock.advance(DAY);
    const won = (await manager.ok(MOVE, { input: { id: opened.id, version: overridden.version, stageId: stages.won } })).moveOpportunity.opportunity;
    expect(won).toMatchObject({ status: 'WON', probability: 100, probabilityOverride: null, deal: { amount: '600000.00' }, customer: { tier: 'A', stage: 'NEW' } });
    expect(won.closedAt).toBe(server.clock.now().toISOString());

    const final = await manager.gql(MOVE, { input: { id: opened.id, version: won.version, stageId: stages.negotiation } });
    expect(userErrorOf(final)).toMatchObject({ codes: ['CONFLICT'], fields: ['stageId'] });
    expect(await server.db.prisma.deal.count({ where: { customerId: dbId(customerId) } })).toBe(1);

    const history = await manager.ok(`query($id: ID!) { opportunity(id: $id) { stageHistory { fromStage { key } toStage { key } changedBy { email } note changedAt } } }`, {
      id: opened.id,
    });
    expect(history.opportunity.stageHistory.map((c: any) => [c.fromStage?.key ?? null, c.toStage.key, c.changedBy.email, c.note])).toEqual([
      [null, 'lead', 'manager@demo.local', null],
      ['lead', 'needs', 'manager@demo.local', 'budget confirmed'],
      ['needs', 'won', 'manager@demo.local', null],
    ]);
    const audit = await server.db.prisma.auditEntry.findMany({ where: { entityId: dbId(opened.id) }, orderBy: { at: 'asc' }, select: { action: true } });
    // Some share an instant on the test clock: compared as a set.
    expect(audit.map((a) => a.action).sort()).toEqual(['opportunity.advance', 'opportunity.create', 'opportunity.update', 'opportunity.win']);
  });

  it('loses with a reason and reopens', async () => {
    const opened = (await create(manager, { amount: '1000.00' })).data!.createOpportunity.opportunity;
    const lost = (await manager.ok(MOVE, { input: { id: opened.id, version: opened.version, stageId: stages.lost, lostReason: 'price too high' } })).moveOpportunity.opportunity;
    expect(lost).toMatchObject({ status: 'LOST', lostReason: 'price too high', probability: 0, deal: null });
    const reopened = (await manager.ok(MOVE, { input: { id: opened.id, version: lost.version, stageId: stages.needs } })).moveOpportunity.opportunity;
    expect(reopened).toMatchObject({ status: 'OPEN', lostReason: null, closedAt: null, stage: { key: 'needs' } });
  });

  it("shows linked activities in the opportunity's timeline and counts them as its latest activity", async () => {
    const opened = (await create(rep, { name: 'Spare parts' })).data!.createOpportunity.opportunity;
    server.clock.advance(DAY);
    const activity = await rep.ok(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`,
      { input: { customerId, kind: 'VISIT', subject: 'On-site survey' } },
    );
    const linked = (await rep.ok(LINK, { input: { opportunityId: opened.id, activityId: activity.createActivity.activity.id } })).linkActivityToOpportunity.opportunity;
    expect(linked.lastActivityAt).toBe(server.clock.now().toISOString());
    const twice = await rep.gql(LINK, { input: { opportunityId: opened.id, activityId: activity.createActivity.activity.id } });
    expect(userErrorOf(twice)).toMatchObject({ codes: ['DUPLICATE'], fields: ['activityId'] });
    const timeline = await rep.ok(
      `query($id: ID!) { opportunity(id: $id) { timeline { kind at stageChange { toStage { key } } activity { subject opportunities { name } } } } }`,
      { id: opened.id },
    );
    expect(timeline.opportunity.timeline.map((e: any) => [e.kind, e.stageChange?.toStage.key ?? e.activity.subject])).toEqual([
      ['STAGE_CHANGE', 'lead'],
      ['ACTIVITY', 'On-site survey'],
    ]);
    expect(timeline.opportunity.timeline[1].activity.opportunities).toEqual([{ name: 'Spare parts' }]);
    const elsewhere = await server.ok(`{ customers(first: 1, orderBy: { field: CODE }) { edges { node { activities(first: 1) { edges { node { id } } } } } } }`);
    const foreign = elsewhere.customers.edges[0].node.activities.edges[0]?.node.id;
    if (foreign) {
      const refused = await server.gql(LINK, { input: { opportunityId: opened.id, activityId: foreign } });
      expect(userErrorOf(refused)).toMatchObject({ codes: ['NOT_FOUND'], fields: ['activityId'] });
    }
  });

  it('alerts the owner once about a stale opportunity and once about a passed close date, on the clock', async () => {
    const opened = (await create(rep, { name: 'Quiet one', expectedCloseDate: dayAfter(server.clock.now(), 3) })).data!.createOpportunity.opportunity;
    const alerts = () =>
      server.db.prisma.alert.findMany({ where: { entityId: dbId(opened.id) }, select: { kind: true, recipientId: true }, orderBy: { kind: 'asc' } });
    await server.app.jobs.runDue();
    expect(await alerts()).toEqual([]);
    server.clock.advance(5 * DAY);
    await server.app.jobs.runDue();
    expect((await alerts()).map((a) => a.kind)).toEqual(['OPPORTUNITY_CLOSE_DATE_PASSED']);
    server.clock.advance(6 * DAY);
    await server.app.jobs.runDue();
    server.clock.advance(2 * 3600_000);
    await server.app.jobs.runDue();
    const after = await alerts();
    expect(after.map((a) => a.kind)).toEqual(['OPPORTUNITY_CLOSE_DATE_PASSED', 'OPPORTUNITY_STALE']);
    expect(new Set(after.map((a) => a.recipientId))).toEqual(new Set([dbId(await userId('rep@demo.local'))]));
  });

  it('forecasts weighted and unweighted by owner, team and month under the row rule', async () => {
    const pipeline = (await server.ok(`{ salesPipelines { id } }`)).salesPipelines[0].id;
    const other = await server.ok(
      `mutation($input: DefineSalesPipelineInput!) { defineSalesPipeline(input: $input) { pipeline { id stages { id key } } userErrors { field code message } } }`,
      {
        input: {
          name: 'Projects',
          stages: [
            { key: 'tender', name: 'Tender', probability: 30, outcome: 'OPEN' },
            { key: 'won', name: 'Won', probability: 100, outcome: 'WON' },
            { key: 'lost', name: 'Lost', probability: 0, outcome: 'LOST' },
          ],
        },
      },
    );
    const liWei = await userId('li.wei@demo.local');
    // Forecast range February – March 2027: nothing else of the suite closes then.
    await create(manager, { name: 'F1', amount: '100000.00', expectedCloseDate: '2027-02-10', stageId: stages.proposal });
    await create(manager, { name: 'F2', amount: '33333.33', expectedCloseDate: '2027-02-20', probability: 33 });
    await create(manager, { name: 'F3', amount: '50000.00', expectedCloseDate: '2027-03-05', pipelineId: other.defineSalesPipeline.pipeline.id });
    const liCustomer = await server.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, {
      input: { name: 'Li Wei customer', ownerId: liWei },
    });
    await server.ok(CREATE, {
      input: { customerId: liCustomer.createCustomer.customer.id, name: 'F4', amount: '80000.00', expectedCloseDate: '2027-02-15', stageId: stages.negotiation, ownerId: liWei },
    });
    const input = { from: '2027-02-01', to: '2027-04-01', groupBy: ['OWNER', 'PERIOD'], period: 'MONTH' };
    const rows = (await server.ok(FORECAST, { input })).salesForecast.map((r: any) => [r.owner.email, r.periodStart, r.opportunities, r.amount, r.weightedAmount]);
    // F1 100000 × 50 % = 50000; F2 33333.33 × 33 % = 10999.9989 → 11000.00; F3 50000 × 30 % = 15000; F4 80000 × 75 % = 60000.
    expect(rows).toEqual([
      ['manager@demo.local', '2027-02-01', 2, '133333.33', '61000.00'],
      ['li.wei@demo.local', '2027-02-01', 1, '80000.00', '60000.00'],
      ['manager@demo.local', '2027-03-01', 1, '50000.00', '15000.00'],
    ]);
    // The manager sees their team's customers, Li Wei's among them: F1 + F2 + F4 in the standard pipeline.
    const byTeam = (await manager.ok(FORECAST, { input: { ...input, groupBy: ['TEAM'], pipelineId: pipeline } })).salesForecast;
    expect(byTeam.map((r: any) => [r.team.name, r.opportunities, r.amount, r.weightedAmount])).toEqual([['East Sales', 3, '213333.33', '121000.00']]);
    const asColleague = (await colleague.ok(FORECAST, { input: { ...input, groupBy: [] } })).salesForecast;
    expect(asColleague).toEqual([{ owner: null, team: null, periodStart: null, currency: 'CNY', opportunities: 1, amount: null, weightedAmount: null }]);
  });

  it('shows the pipeline board in a fixed number of statements', async () => {
    const query = `{ pipelineBoard(top: 3) { stage { key } opportunities amount weightedAmount top { name customer { name } owner { email } stage { key } } } }`;
    await server.ok('{ __typename }'); // the session read once, then cached: not part of the count
    server.statements.length = 0;
    const board = (await server.ok(query)).pipelineBoard;
    const statements = server.statements.filter((s) => !/^(BEGIN|COMMIT)/i.test(s)).length;
    expect(board.map((c: any) => c.stage.key)).toEqual(['lead', 'needs', 'proposal', 'negotiation', 'won', 'lost']);
    const rows = await server.db.prisma.opportunity.findMany({ where: { stageId: { in: Object.values(stages).map(dbId) } }, select: { stageId: true } });
    const counted = Object.values(stages).map((id) => rows.filter((r) => r.stageId === dbId(id)).length);
    expect(counted.reduce((a, b) => a + b)).toBeGreaterThan(5);
    expect(board.map((c: any) => c.opportunities)).toEqual(counted);
    for (const column of board) expect(column.top.length).toBe(Math.min(3, column.opportunities));
    // More opportunities do not add statements.
    for (let i = 0; i < 4; i += 1) await create(manager, { name: `More ${i}`, amount: '10.00', stageId: stages.needs });
    server.statements.length = 0;
    await server.ok(query);
    expect(server.statements.filter((s) => !/^(BEGIN|COMMIT)/i.test(s)).length).toBe(statements);
    // Pipeline, stages, the aggregate, the top opportunities, and one batch per related type.
    expect(statements).toBeLessThanOrEqual(8);
  });

  it('lets only configure roles define pipelines, with field-level errors for bad stages', async () => {
    const input = {
      name: 'Distribution',
      stages: [
        { key: 'lead', name: 'Lead', probability: 10, outcome: 'OPEN' },
        { key: 'won', name: 'Won', probability: 90, outcome: 'WON' },
        { key: 'lost', name: 'Lost', probability: 0, outcome: 'LOST' },
      ],
    };
    const define = `mutation($input: DefineSalesPipelineInput!) { defineSalesPipeline(input: $input) { pipeline { id version name isDefault stages { key } } userErrors { field code message } } }`;
    expect(errorOf(await manager.gql(define, { input })).code).toBe('FORBIDDEN');
    expect(userErrorOf(await server.gql(define, { input }))).toMatchObject({ codes: ['INVALID'], fields: ['stages.1.probability'] });
    input.stages[1]!.probability = 100;
    const made = (await server.ok(define, { input: { ...input, isDefault: true } })).defineSalesPipeline.pipeline;
    const pipelines = (await server.ok(`{ salesPipelines { name isDefault } }`)).salesPipelines;
    expect(pipelines.filter((p: any) => p.isDefault).map((p: any) => p.name)).toEqual(['Distribution']);
    const update = `mutation($input: UpdateSalesPipelineInput!) { updateSalesPipeline(input: $input) { pipeline { version isDefault stages { key name position } } userErrors { field code message } } }`;
    const renamed = await server.ok(update, {
      input: { id: made.id, version: made.version, stages: [{ key: 'qualify', name: 'Qualify', probability: 20, outcome: 'OPEN' }, ...input.stages] },
    });
    expect(renamed.updateSalesPipeline.pipeline.stages.map((s: any) => [s.key, s.position])).toEqual([
      ['qualify', 1],
      ['lead', 2],
      ['won', 3],
      ['lost', 4],
    ]);
    const oldDefault = (await server.ok(`{ salesPipelines { id version name } }`)).salesPipelines.find((p: any) => p.name.includes('Standard'));
    const removing = await server.gql(update, {
      input: { id: oldDefault.id, version: oldDefault.version, stages: [{ key: 'won', name: 'Won', probability: 100, outcome: 'WON' }, { key: 'lost', name: 'Lost', probability: 0, outcome: 'LOST' }, { key: 'x', name: 'X', probability: 5, outcome: 'OPEN' }] },
    });
    expect(userErrorOf(removing)).toMatchObject({ codes: ['CONFLICT'], fields: ['stages'] });
    // Back to the standard pipeline as default for the other suites' expectations.
    await server.ok(update, { input: { id: oldDefault.id, version: oldDefault.version, isDefault: true } });
  });

  async function userId(email: string): Promise<string> {
    const data = await server.ok(`{ users(first: 100) { edges { node { id email } } } }`);
    return data.users.edges.find((e: any) => e.node.email === email).node.id;
  }
});

function dayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
}
