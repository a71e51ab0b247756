// The core.delivery-retention job on the injected clock: delivered webhook and notification deliveries
// go after RAPPORT_DELIVERY_RETENTION_DAYS, undelivered ones after RAPPORT_FAILED_DELIVERY_RETENTION_DAYS,
// pending notifications never; the webhook delivery log in the graph shows what is left.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 24 * 3_600_000;

describeOnDatabases(kinds)('delivery retention on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 2, env: { RAPPORT_DELIVERY_RETENTION_DAYS: '30', RAPPORT_FAILED_DELIVERY_RETENTION_DAYS: '90' } });
  });
  afterAll(() => server?.close());

  it('deletes deliveries past retention, keeps undelivered ones longer and pending notifications always', async () => {
    const { prisma } = server.db;
    const now = server.clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const rep = await prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const endpoint = await prisma.webhookEndpoint.create({ data: { url: 'https://hooks.example.cn/crm', eventTypes: ['customer.created'], secret: 'whsec_dGVzdA==', createdAt: ago(200), updatedAt: ago(200) } });
    const webhook = async (label: string, days: number, status: 'SUCCEEDED' | 'PENDING') => {
      const event = await prisma.webhookEvent.create({ data: { id: randomUUID(), type: 'customer.created', entityType: 'Customer', entityId: randomUUID(), payload: { label }, occurredAt: ago(days) } });
      const delivery = await prisma.webhookDelivery.create({
        data: { id: randomUUID(), endpointId: endpoint.id, eventId: event.id, entityKey: `Customer:${label}`, sequence: event.sequence, status, nextAttemptAt: ago(days), createdAt: ago(days), ...(status === 'SUCCEEDED' ? { deliveredAt: ago(days) } : {}) },
      });
      await prisma.webhookDeliveryAttempt.create({ data: { deliveryId: delivery.id, attemptedAt: ago(days), succeeded: status === 'SUCCEEDED', responseTimeMs: 12 } });
      return event.id;
    };
    const events = {
      oldDelivered: await webhook('old-delivered', 31, 'SUCCEEDED'),
      recentDelivered: await webhook('recent-delivered', 29, 'SUCCEEDED'),
      oldPending: await webhook('old-pending', 60, 'PENDING'),
      ancientPending: await webhook('ancient-pending', 91, 'PENDING'),
    };
    const notification = (key: string, days: number, status: 'SENT' | 'FAILED' | 'PENDING') =>
      prisma.notificationDelivery.create({ data: { recipientId: rep.id, channel: 'EMAIL', dedupeKey: key, status, nextAttemptAt: ago(days), createdAt: ago(days), ...(status === 'SENT' ? { sentAt: ago(days) } : { lastError: 'SMTP 550' }) } });
    await notification('old-sent', 31, 'SENT');
    await notification('recent-sent', 29, 'SENT');
    await notification('old-failed', 60, 'FAILED');
    await notification('ancient-failed', 91, 'FAILED');
    await notification('ancient-pending', 120, 'PENDING');

    expect(await server.app.jobs.runDue()).toContain('core.delivery-retention');
    const log = await server.ok(`{ webhookEndpoints(first: 5) { edges { node { deliveries(first: 10) { totalCount edges { node { payload status } } } } } } }`);
    const left = log.webhookEndpoints.edges[0].node.deliveries;
    expect(left.edges.map((e: { node: { payload: { label: string } } }) => e.node.payload.label).sort()).toEqual(['old-pending', 'recent-delivered']);
    const keptEvents = await prisma.webhookEvent.findMany({ where: { id: { in: Object.values(events) } }, select: { id: true } });
    expect(keptEvents.map((e) => e.id).sort()).toEqual([events.recentDelivered, events.oldPending].sort());
    expect(await prisma.webhookDeliveryAttempt.count()).toBe(2);
    const keys = async () => (await prisma.notificationDelivery.findMany({ where: { recipientId: rep.id }, select: { dedupeKey: true } })).map((d) => d.dedupeKey).sort();
    expect(await keys()).toEqual(['ancient-pending', 'old-failed', 'recent-sent']);

    // Two days on (the job's lease of an hour long over): the recent delivered ones have aged out too.
    server.clock.advance(2 * DAY);
    expect(await server.app.jobs.runDue()).toContain('core.delivery-retention');
    expect(await keys()).toEqual(['ancient-pending', 'old-failed']);
    const later = await server.ok(`{ webhookEndpoints(first: 5) { edges { node { deliveries(first: 10) { totalCount } } } } }`);
    expect(later.webhookEndpoints.edges[0].node.deliveries.totalCount).toBe(1);
  });
});
