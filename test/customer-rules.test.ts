// Tiers, lifecycle stages and churn warnings through the GraphQL surface, on a ManualClock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const CUSTOMER = /* GraphQL */ `
  query($id: ID!) {
    customer(id: $id) {
      tier stage
      tierOverride { tier reason setBy { email } }
      stageMark { stage reason }
      tierHistory(first: 20) { totalCount edges { node { fromTier toTier cause reason actor { email } at } } }
      stageHistory(first: 20) { edges { node { fromStage toStage cause reason deal { title } actor { email } } } }
      deals(first: 10) { totalCount edges { node { title amount closedAt owner { email } } } }
      churnRisk { reason recentContacts baselineContactsPerWindow }
    }
  }`;

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id tier stage } userErrors { field code message } } }`;
const DEAL = `mutation($input: RecordDealInput!) { recordDeal(input: $input) { deal { id title } customer { tier stage } userErrors { field code message } } }`;
const OFFER = `mutation($input: RecordOfferInput!) { recordOffer(input: $input) { offer { kind } customer { tier stage } userErrors { field code message } } }`;
const LOG_CALL = `mutation($c: ID!, $at: DateTime) { createActivity(input: { customerId: $c, kind: CALL, subject: "Call", completedAt: $at }) { activity { id } userErrors { field code message } } }`;

describeOnDatabases(kinds)('customer rules on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
  });
  afterAll(() => server?.close());

  const read = async (id: string) => (await server.ok(CUSTOMER, { id })).customer;
  const runJobsAfter = async (days: number) => {
    server.clock.advance(days * DAY);
    return server.app.jobs.runDue();
  };

  it('computes the tier from offers, deals, value and contact, and re-evaluates it daily as time passes', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Tiered Trading Co.' } });
    const id = createCustomer.customer.id;
    expect(createCustomer.customer).toMatchObject({ tier: 'D', stage: 'POTENTIAL' });

    const offer = await server.ok(OFFER, { input: { customerId: id, kind: 'QUOTE', note: 'Price list 2027' } });
    expect(offer.recordOffer.customer).toMatchObject({ tier: 'C', stage: 'POTENTIAL' });

    const deal = await server.ok(DEAL, { input: { customerId: id, title: 'Annual supply', amount: '620000.00' } });
    expect(deal.recordDeal.customer).toMatchObject({ tier: 'A', stage: 'NEW' });

    // Close contact ends after 30 days (A → B); after 90 days of silence it is dormant (X, DORMANT).
    await runJobsAfter(31);
    expect(await read(id)).toMatchObject({ tier: 'B', stage: 'NEW' });
    await runJobsAfter(59);
    const dormant = await read(id);
    expect(dormant).toMatchObject({ tier: 'X', stage: 'DORMANT' });
    expect(dormant.tierHistory.edges.map((e: any) => [e.node.fromTier, e.node.toTier, e.node.cause])).toEqual([
      ['B', 'X', 'RULE'],
      ['A', 'B', 'RULE'],
      ['C', 'A', 'RULE'],
      ['D', 'C', 'RULE'],
      [null, 'D', 'RULE'],
    ]);
    expect(dormant.tierHistory.edges[0].node).toMatchObject({ reason: '曾成交或报价，已 90 天未联系', actor: null });
    expect(dormant.tierHistory.edges[2].node.actor).toEqual({ email: 'admin@demo.local' });

    // A logged call brings it back.
    await server.ok(LOG_CALL, { c: id });
    expect(await read(id)).toMatchObject({ tier: 'A', stage: 'NEW' });
  });

  it('keeps a manual tier override with its reason through the daily job until it is cleared', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Override Gmbh' } });
    const id = createCustomer.customer.id;
    const missing = await server.gql(`mutation($id: ID!) { overrideCustomerTier(input: { customerId: $id, tier: A, reason: " " }) { customer { tier } userErrors { field code message } } }`, { id });
    expect(userErrorOf(missing)).toMatchObject({ fields: ['reason'] });

    await server.ok(`mutation($id: ID!) { overrideCustomerTier(input: { customerId: $id, tier: A, reason: "Strategic partner of HQ" }) { customer { tier } userErrors { field code message } } }`, { id });
    await runJobsAfter(1);
    const overridden = await read(id);
    expect(overridden).toMatchObject({ tier: 'A', tierOverride: { tier: 'A', reason: 'Strategic partner of HQ', setBy: { email: 'admin@demo.local' } } });
    expect(overridden.tierHistory.edges[0].node).toMatchObject({ fromTier: 'D', toTier: 'A', cause: 'OVERRIDE', reason: 'Strategic partner of HQ' });

    await server.ok(`mutation($id: ID!) { clearCustomerTierOverride(input: { customerId: $id, reason: "Partnership ended" }) { customer { tier } userErrors { field code message } } }`, { id });
    const cleared = await read(id);
    expect(cleared).toMatchObject({ tier: 'D', tierOverride: null });
    expect(cleared.tierHistory.edges[0].node).toMatchObject({ fromTier: 'A', toTier: 'D', cause: 'OVERRIDE_CLEARED', reason: expect.stringContaining('Partnership ended') });
    const again = await server.gql(`mutation($id: ID!) { clearCustomerTierOverride(input: { customerId: $id, reason: "twice" }) { customer { tier } userErrors { field code message } } }`, { id });
    expect(errorOf(again).code).toBe('NOT_FOUND');
  });

  it('moves the stage with each deal, names the deal in the history, and keeps a manual mark until the next deal', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Lifecycle Ltd.' } });
    const id = createCustomer.customer.id;
    await server.ok(DEAL, { input: { customerId: id, title: 'Trial order', amount: '5000' } });
    const second = await server.ok(DEAL, { input: { customerId: id, title: 'Repeat order', amount: '7000' } });
    expect(second.recordDeal.customer.stage).toBe('RETURNING');

    await server.ok(`mutation($id: ID!) { markCustomerStage(input: { customerId: $id, stage: LOYAL, reason: "Ten years with the parent company" }) { customer { stage } userErrors { field code message } } }`, { id });
    await runJobsAfter(1);
    expect(await read(id)).toMatchObject({ stage: 'LOYAL', stageMark: { stage: 'LOYAL', reason: 'Ten years with the parent company' } });

    await server.ok(DEAL, { input: { customerId: id, title: 'Third order', amount: '9000' } });
    const after = await read(id);
    expect(after).toMatchObject({ stage: 'RETURNING', stageMark: null });
    expect(after.stageHistory.edges.map((e: any) => [e.node.fromStage, e.node.toStage, e.node.cause, e.node.deal?.title ?? null])).toEqual([
      ['LOYAL', 'RETURNING', 'DEAL', 'Third order'],
      ['RETURNING', 'LOYAL', 'MANUAL', null],
      ['NEW', 'RETURNING', 'DEAL', 'Repeat order'],
      ['POTENTIAL', 'NEW', 'DEAL', 'Trial order'],
      [null, 'POTENTIAL', 'RULE', null],
    ]);
    await server.ok(`mutation($id: ID!) { markCustomerStage(input: { customerId: $id, stage: DORMANT, reason: "Plant closed for a year" }) { customer { stage } userErrors { field code message } } }`, { id });
    await server.ok(`mutation($id: ID!) { clearCustomerStageMark(input: { customerId: $id, reason: "Plant reopened" }) { customer { stage } userErrors { field code message } } }`, { id });
    const unmarked = await read(id);
    expect(unmarked).toMatchObject({ stage: 'RETURNING', stageMark: null });
    expect(unmarked.stageHistory.edges[0].node).toMatchObject({ fromStage: 'DORMANT', toStage: 'RETURNING', cause: 'OVERRIDE_CLEARED', reason: '已取消手动设置（Plant reopened）；规则：3 笔成交' });

    const future = await server.gql(DEAL, { input: { customerId: id, title: 'Later', amount: '1', closedAt: new Date(server.clock.now().getTime() + DAY).toISOString() } });
    expect(userErrorOf(future)).toMatchObject({ fields: ['closedAt'] });
  });

  it('hides deal amounts without customer.viewFinancials, and refuses deals on customers the viewer may not change', async () => {
    const rep = server.as('rep@demo.local');
    const { createCustomer } = await rep.ok(CREATE, { input: { name: 'Rep Owned Co.' } });
    const recorded = await rep.ok(DEAL, { input: { customerId: createCustomer.customer.id, title: 'First', amount: '1200' } });
    expect(recorded.recordDeal.customer.stage).toBe('NEW');
    const { customer: seen } = await rep.ok(CUSTOMER, { id: createCustomer.customer.id });
    expect(seen.deals.edges[0].node).toMatchObject({ title: 'First', amount: null, owner: { email: 'rep@demo.local' } });
    const { customer: admins } = await server.ok(CUSTOMER, { id: createCustomer.customer.id });
    expect(admins.deals.edges[0].node.amount).toBe('1200.00');

    const foreign = await server.db.prisma.customer.findFirstOrThrow({ where: { owner: { email: { not: 'rep@demo.local' } }, shares: { none: {} }, ownerId: { not: null } } });
    const refused = await rep.gql(DEAL, { input: { customerId: gid('Customer', foreign.id), title: 'Sneaky', amount: '1' } });
    expect(errorOf(refused).code).toBe('NOT_FOUND');
  });
});

describeOnDatabases(kinds)('churn warnings on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    // Long silences here are about churn; keep the pool release job from taking the customer away.
    server = await startTestServer({ database, customers: 20, env: { RAPPORT_POOL_RELEASE_DAYS: '3650' } });
  });
  afterAll(() => server?.close());

  const AT_RISK = `{ atRiskCustomers(first: 50) { totalCount edges { node { id name owner { email } churnRisk { reason recentContacts baselineContactsPerWindow } } } } }`;
  const atRiskAlerts = () => server.db.prisma.alert.findMany({ where: { kind: 'CUSTOMER_AT_RISK' } });

  it('flags a customer whose contact frequency fell, alerts its owner once, and lifts the flag when contact resumes', async () => {
    const rep = server.as('rep@demo.local');
    const { createCustomer } = await rep.ok(CREATE, { input: { name: 'Fading Interest Ltd.' } });
    const id = createCustomer.customer.id;
    // Three calls a month for 270 days, then silence for 90 days.
    const start = server.clock.now().getTime();
    for (let day = 5; day < 270; day += 10) {
      await rep.ok(LOG_CALL, { c: id, at: new Date(start + day * DAY).toISOString() });
    }
    server.clock.set(new Date(start + 360 * DAY));
    await server.app.jobs.runDue();

    const seen = await rep.ok(AT_RISK);
    const mine = seen.atRiskCustomers.edges.find((e: any) => e.node.id === id);
    // The default window is 45 days here (half of tier X's 90; the pool release is off) over a 270-day
    // baseline: 22 calls in the six windows before the recent one.
    expect(mine?.node).toMatchObject({ owner: { email: 'rep@demo.local' }, churnRisk: { recentContacts: 0 } });
    expect(mine.node.churnRisk.baselineContactsPerWindow).toBeCloseTo(22 / 6, 5);
    expect(mine.node.churnRisk.reason).toContain('联系降至 0 次');
    const repId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id;
    const alerts = (await atRiskAlerts()).filter((a) => a.entityId === gidless(id));
    expect(alerts).toEqual([expect.objectContaining({ recipientId: repId, title: '流失风险：Fading Interest Ltd.' })]);

    // Another rep of the team does not see it; the job running again adds no alert.
    const other = await server.as('li.wei@demo.local').ok(AT_RISK);
    expect(other.atRiskCustomers.edges.some((e: any) => e.node.id === id)).toBe(false);
    server.clock.advance(DAY + 1);
    await server.app.jobs.runDue();
    expect((await atRiskAlerts()).filter((a) => a.entityId === gidless(id))).toHaveLength(1);

    for (let i = 0; i < 5; i++) await rep.ok(LOG_CALL, { c: id });
    server.clock.advance(DAY + 1);
    await server.app.jobs.runDue();
    expect((await rep.ok(AT_RISK)).atRiskCustomers.edges.some((e: any) => e.node.id === id)).toBe(false);
  });
});

function gidless(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().split(':')[1]!;
}
