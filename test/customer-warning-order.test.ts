// With the default rules, a customer going silent is warned about in this order on the clock: the
// churn warning, then "about to be released", then the release to the pool (and tier X / DORMANT
// come after the churn warning too); each alert once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`;
const DEAL = `mutation($input: RecordDealInput!) { recordDeal(input: $input) { deal { id } } }`;
const LOG_CALL = `mutation($c: ID!, $at: DateTime) { createActivity(input: { customerId: $c, kind: CALL, subject: "回访", completedAt: $at }) { activity { id } } }`;
const STATE = /* GraphQL */ `
  query($id: ID!) {
    customer(id: $id) { tier stage owner { email } }
    alerts(first: 100, kinds: [CUSTOMER_AT_RISK, CUSTOMER_ABOUT_TO_BE_RELEASED, CUSTOMER_RELEASED_TO_POOL]) {
      nodes { kind title body subject { ... on Customer { id } } }
    }
  }`;

describeOnDatabases(kinds)('warnings before a customer is lost, on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
  });
  afterAll(() => server?.close());

  it('warns of churn, then of the coming release, then releases; each once, churn before tier X and DORMANT', async () => {
    const rep = server.as('rep@demo.local');
    const start = server.clock.now().getTime();
    const { createCustomer } = await rep.ok(CREATE, { input: { name: '远航机械有限公司' } });
    const id = createCustomer.customer.id;
    await rep.ok(DEAL, { input: { customerId: id, title: '首单', amount: '20000' } });
    // A call a month for nine months, then silence after day 275.
    for (let day = 5; day <= 275; day += 30) await rep.ok(LOG_CALL, { c: id, at: new Date(start + day * DAY).toISOString() });

    // The daily jobs on days around each expected step (and every ten days between them).
    const days = [280, 290, 300, 310, 320, 330, 340, 350, 357, 358, 364, 365, 370];
    const firstDay = new Map<string, number>();
    for (const day of days) {
      server.clock.set(new Date(start + day * DAY + day));
      await server.app.jobs.runDue();
      await server.app.alerts.fireDue();
      const state = await rep.ok(STATE, { id });
      for (const alert of state.alerts.nodes.filter((a: any) => a.subject?.id === id)) if (!firstDay.has(alert.kind)) firstDay.set(alert.kind, day);
      if (state.customer.tier === 'X' && !firstDay.has('tier X')) firstDay.set('tier X', day);
      if (state.customer.stage === 'DORMANT' && !firstDay.has('DORMANT')) firstDay.set('DORMANT', day);
    }

    const order = [...firstDay.entries()].sort((a, b) => a[1] - b[1]).map(([what]) => what);
    expect(order.slice(0, 2)).toEqual(['CUSTOMER_AT_RISK', 'CUSTOMER_ABOUT_TO_BE_RELEASED']);
    expect(firstDay.get('CUSTOMER_ABOUT_TO_BE_RELEASED')).toBe(275 + 90 - 7);
    expect(firstDay.get('CUSTOMER_RELEASED_TO_POOL')).toBe(275 + 90);
    expect(firstDay.get('tier X')).toBeGreaterThan(firstDay.get('CUSTOMER_AT_RISK')!);
    expect(firstDay.get('DORMANT')).toBeGreaterThan(firstDay.get('CUSTOMER_AT_RISK')!);

    const { alerts, customer } = await rep.ok(STATE, { id });
    const mine = alerts.nodes.filter((a: any) => a.subject?.id === id);
    expect(mine.map((a: any) => a.kind).sort()).toEqual(['CUSTOMER_ABOUT_TO_BE_RELEASED', 'CUSTOMER_AT_RISK', 'CUSTOMER_RELEASED_TO_POOL']);
    expect(mine.find((a: any) => a.kind === 'CUSTOMER_ABOUT_TO_BE_RELEASED').body).toMatch(/将在 7 天后退回公海/); // the rep reads zh-CN
    expect(customer.owner).toBeNull();
  });
});
