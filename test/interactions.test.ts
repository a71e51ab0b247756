// Calls count as contact: an answered call, logged by hand or reported by the telephony system, goes
// through core's recordInteraction and keeps its customer out of tier X and the public pool on the clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import callcenterPlugin, { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_PATH } from '@rapport/plugin-callcenter';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const SECRET = 'telephony-test-secret-of-at-least-32-chars';
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const CUSTOMER = /* GraphQL */ `
  query($id: ID!) {
    customer(id: $id) {
      tier lastContactedAt owner { email }
      activities(first: 20) { totalCount edges { node { kind subject completedAt owner { email } } } }
    }
  }`;
const LOG_CALL = `mutation($input: LogCallInput!) { logCall(input: $input) { call { id talkSeconds disposition } userErrors { field code message } } }`;

describeOnDatabases(kinds)('calls count as contact on %s', (database) => {
  let server: TestServer;
  let users: Record<string, string>;

  beforeAll(async () => {
    const plugins = resolvePlugins([servicePlugin, callcenterPlugin], ['service', 'callcenter'], { callcenter: { webhook: { secret: SECRET } } });
    server = await startTestServer({ database, customers: 10, plugins, env: { RAPPORT_LOCALE: 'zh-CN' } });
    const list = await server.ok(`{ users(first: 100) { edges { node { id email } } } }`);
    users = Object.fromEntries(list.users.edges.map((e: any) => [e.node.email, e.node.id]));
  });
  afterAll(() => server?.close());

  /** A rep's customer with a 620k deal (tier A), reachable on `mobile`. */
  async function dealtCustomer(name: string, mobile: string) {
    const { createCustomer } = await server.ok(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }`,
      { input: { name, ownerId: users['rep@demo.local'], contacts: [{ name: '王芳', phone: mobile, isPrimary: true }] } },
    );
    const id = createCustomer.customer.id;
    await server.ok(`mutation($c: ID!) { recordDeal(input: { customerId: $c, title: "年度供货", amount: "620000" }) { deal { id } userErrors { field code message } } }`, { c: id });
    return id;
  }

  async function deliver(event: object) {
    const raw = JSON.stringify(event);
    const timestamp = String(Math.floor(server.clock.now().getTime() / 1000));
    const response = await fetch(server.url.replace('/graphql', WEBHOOK_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(SECRET, timestamp, raw) },
      body: raw,
    });
    expect(response.status).toBe(200);
  }

  /** An inbound call answered by the rep and ended 180 s later, as the telephony system reports it. */
  async function telephonyCall(externalId: string, from: string) {
    const at = (seconds: number) => new Date(server.clock.now().getTime() - 200_000 + seconds * 1000).toISOString();
    const call = { id: externalId, direction: 'INBOUND', from, to: '+86 21 6000 8000', agent: 'rep@demo.local' };
    const ended = { id: `${externalId}-end`, type: 'call.ended', occurredAt: at(190), call };
    await deliver({ id: `${externalId}-start`, type: 'call.started', occurredAt: at(0), call });
    await deliver({ id: `${externalId}-answer`, type: 'call.answered', occurredAt: at(10), call });
    await deliver(ended);
    await deliver(ended); // a redelivery changes nothing
  }

  it('an answered 180 s call moves lastContactedAt, shows on the timeline, counts for the rep and keeps the customer A and owned', async () => {
    const called = await dealtCustomer('远航机械', '+86 139-1111-2222');
    const silent = await dealtCustomer('静默贸易', '+86 139-3333-4444');
    const start = server.clock.now();

    // Every 20 days for 200 days: a call logged by hand, then one reported by the telephony system.
    for (let round = 0; round < 10; round += 1) {
      server.clock.advance(20 * DAY);
      if (round % 2 === 0) {
        const now = server.clock.now().getTime();
        const { logCall } = await server.as('rep@demo.local').ok(LOG_CALL, {
          input: {
            direction: 'OUTBOUND', from: '+86 21 6000 8000', to: '139 1111 2222',
            startedAt: new Date(now - 200_000).toISOString(), answeredAt: new Date(now - 190_000).toISOString(), endedAt: new Date(now - 10_000).toISOString(),
          },
        });
        expect(logCall.call).toMatchObject({ talkSeconds: 180, disposition: 'ANSWERED' });
      } else {
        await telephonyCall(`pbx-${round}`, '+86 139-1111-2222');
      }
      await server.app.jobs.runDue();
    }

    const kept = (await server.ok(CUSTOMER, { id: called })).customer;
    expect(kept).toMatchObject({ tier: 'A', owner: { email: 'rep@demo.local' } });
    expect(new Date(kept.lastContactedAt).getTime()).toBe(server.clock.now().getTime() - 10_000);
    const calls = kept.activities.edges.map((e: any) => e.node).filter((a: any) => a.kind === 'CALL');
    expect(calls).toHaveLength(10); // one per call, the redelivered events and re-folds included
    expect(calls.map((c: any) => c.subject)).toEqual(expect.arrayContaining(['呼出通话 3 分钟', '呼入通话 3 分钟']));
    expect(calls.every((c: any) => c.owner.email === 'rep@demo.local')).toBe(true);

    const gone = (await server.ok(CUSTOMER, { id: silent })).customer;
    expect(gone).toMatchObject({ tier: 'X', owner: null });

    const stats = await server.ok(`query($from: DateTime!, $to: DateTime!, $reps: [ID!]) { activityStats(from: $from, to: $to, period: WEEK, repIds: $reps) { calls followUps } }`, {
      from: start.toISOString(), to: server.clock.now().toISOString(), reps: [users['rep@demo.local']],
    });
    expect(stats.activityStats.reduce((sum: number, row: any) => sum + row.calls, 0)).toBe(10);
  });

  it('an unanswered or zero-talk call is not contact', async () => {
    const id = await dealtCustomer('未接电话公司', '+86 139-5555-6666');
    const before = (await server.ok(CUSTOMER, { id })).customer.lastContactedAt;
    server.clock.advance(DAY);
    const now = server.clock.now().getTime();
    await server.as('rep@demo.local').ok(LOG_CALL, {
      input: { direction: 'OUTBOUND', from: '+86 21 6000 8000', to: '139 5555 6666', startedAt: new Date(now - 60_000).toISOString(), endedAt: new Date(now - 30_000).toISOString() },
    });
    const after = (await server.ok(CUSTOMER, { id })).customer;
    expect(after.lastContactedAt).toBe(before);
    expect(await server.db.prisma.activity.count({ where: { customerId: dbId(id), sourceType: 'Call' } })).toBe(0);
  });
});
