// The server's own loops, as `npm start` runs them (runJobs): the job runner and the alert scheduler on
// their real intervals, shortened through the environment. Nothing here calls runDue or fireDue: a
// customer going silent must reach its owner's live subscription by itself, once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subscribeWs, untilSubscribers, wsClient } from './support/clients.js';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeOnDatabases(kinds)('jobs and alerts on their own intervals on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 10,
      runJobs: true,
      // The pool release job would take the silent customer away; this suite is about the reminder.
      env: { RAPPORT_JOB_TICK_MS: '100', RAPPORT_ALERT_INTERVAL_MS: '50', RAPPORT_FOLLOW_UP_DAYS: '30', RAPPORT_POOL_RELEASE_DAYS: '3650' },
    });
  });
  afterAll(() => server?.close());

  it('tells the owner live when a customer goes silent, without anyone running the job or the scheduler', async () => {
    const repClient = server.as('rep@demo.local');
    const created = await repClient.ok('mutation { createCustomer(input: { name: "Quiet Trading Co" }) { customer { id owner { email } } userErrors { field code message } } }');
    expect(created.createCustomer.customer.owner).toEqual({ email: 'rep@demo.local' });
    const customer = { id: Buffer.from(created.createCustomer.customer.id, 'base64').toString('utf8').split(':')[1]! };
    const client = wsClient(server.url, { authorization: (await repClient.authorization())! });
    const live = subscribeWs<any>(client, 'subscription { alerts(kinds: [FOLLOW_UP_NEEDED]) { id title entityId } }');
    try {
      await live.ready;
      await untilSubscribers(server.app, 1);
      const forCustomer = () => live.items.filter((item) => item.alerts.entityId === gid('Customer', customer.id));
      // The job's lease (15 minutes) has run out and the customer has been silent for over a year.
      // (A year, not 31 days: createCustomer stamps createdAt with the database's clock, not the injected one.)
      server.clock.advance(400 * DAY);
      await until(() => forCustomer().length > 0, 'FOLLOW_UP_NEEDED to arrive on the live subscription');
      expect(forCustomer().map((item) => item.alerts.title)).toEqual(['请跟进 Quiet Trading Co']);

      // The job runs again after its interval; the same silence alerts nobody twice.
      const lease = () => server.db.prisma.jobLease.findUniqueOrThrow({ where: { name: 'core.follow-up-needed' } });
      server.clock.advance(16 * 60_000);
      await until(async () => (await lease()).leasedUntil > server.clock.now(), 'the follow-up job to run again');
      await server.app.alerts.fireDue(); // queued after any pass in flight: what the job added has been pushed
      expect(forCustomer()).toHaveLength(1);
      expect(await server.db.prisma.alert.count({ where: { kind: 'FOLLOW_UP_NEEDED', entityId: customer.id } })).toBe(1);
    } finally {
      await live.stop();
      await client.dispose();
    }
  });
});
