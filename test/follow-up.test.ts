import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

describeOnDatabases(kinds)('FOLLOW_UP_NEEDED on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    // The pool release job would take long-silent customers from their owners; this suite is about reminders.
    server = await startTestServer({ database, customers: 40, env: { RAPPORT_FOLLOW_UP_DAYS: '30', RAPPORT_POOL_RELEASE_DAYS: '3650' } });
  });
  afterAll(() => server?.close());

  const silentOwned = async (days: number) => {
    const cutoff = new Date(server.clock.now().getTime() - days * 86_400_000);
    const customers = await server.db.prisma.customer.findMany({ where: { ownerId: { not: null } } });
    return customers.filter((c) => (c.lastContactedAt ?? c.createdAt) < cutoff);
  };
  const followUps = () => server.db.prisma.alert.findMany({ where: { kind: 'FOLLOW_UP_NEEDED' } });

  it('alerts each owner once per silent customer, and again only after a new contact goes silent', async () => {
    const silent = await silentOwned(30);
    expect(silent.length).toBeGreaterThan(0);
    await server.app.jobs.runDue();
    const alerts = await followUps();
    expect(alerts.map((a) => a.entityId).sort()).toEqual(silent.map((c) => c.id).sort());
    for (const alert of alerts) expect(alert.recipientId).toBe(silent.find((c) => c.id === alert.entityId)!.ownerId);

    server.clock.advance(15 * 60_000);
    await server.app.jobs.runDue();
    expect(await followUps()).toHaveLength(alerts.length);

    const customer = silent[0]!;
    await server.ok(`mutation($c: ID!) { createActivity(input: { customerId: $c, kind: CALL, subject: "Checking in" }) { activity { id } userErrors { field code message } } }`, {
      c: Buffer.from(`Customer:${customer.id}`).toString('base64'),
    });
    server.clock.advance(31 * 86_400_000);
    await server.app.jobs.runDue();
    const again = (await followUps()).filter((a) => a.entityId === customer.id);
    expect(again).toHaveLength(2);
  });
});
