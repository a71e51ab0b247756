// Retention of the delivery logs: webhook deliveries (with their attempts, and events no delivery
// refers to any more) and notification deliveries older than the configured days are deleted by the
// core.delivery-retention job. Delivered ones go after RAPPORT_DELIVERY_RETENTION_DAYS; the ones that
// never went out (FAILED notifications, webhooks still PENDING) are kept longer, for whoever looks
// into why, after RAPPORT_FAILED_DELIVERY_RETENTION_DAYS. See docs/webhooks.md and docs/notifications.md.
import type { PrismaClient } from '../db/client.js';
import type { JobDefinition } from '../jobs/runner.js';

export interface RetentionSettings {
  /** Delivered (SUCCEEDED webhook, SENT notification) deliveries older than this many days are deleted. */
  deliveredDays: number;
  /** Undelivered ones (FAILED notifications, webhooks still PENDING) older than this many days. */
  failedDays: number;
}

const DAY_MS = 24 * 3_600_000;
/** Rows per DELETE statement: each statement (and its locks) stays small however long the log. */
const CHUNK = 5_000;

/** The creation times before which deliveries are deleted: delivered ones, and undelivered ones. */
export function retentionCutoffs(settings: RetentionSettings, now: Date): { delivered: Date; undelivered: Date } {
  return { delivered: new Date(now.getTime() - settings.deliveredDays * DAY_MS), undelivered: new Date(now.getTime() - settings.failedDays * DAY_MS) };
}

async function deleteInChunks(run: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await run();
    total += n;
    if (n < CHUNK) return total;
  }
}

/**
 * Deletes the deliveries past retention (a delivery's attempts go with it), then the webhook events
 * older than the delivered cutoff that no delivery refers to. PENDING notifications are never deleted:
 * they end SENT or FAILED within their retries. Returns what was deleted.
 */
export async function deleteExpiredDeliveries(prisma: PrismaClient, settings: RetentionSettings, now: Date): Promise<{ webhookDeliveries: number; webhookEvents: number; notificationDeliveries: number }> {
  const { delivered, undelivered } = retentionCutoffs(settings, now);
  const webhookDeliveries = await deleteInChunks(
    () => prisma.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery"
        WHERE ("status" = 'SUCCEEDED' AND "createdAt" < ${delivered}) OR ("status" = 'PENDING' AND "createdAt" < ${undelivered})
        LIMIT ${CHUNK})`,
  );
  const webhookEvents = await deleteInChunks(
    () => prisma.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE "id" IN (
        SELECT e."id" FROM "WebhookEvent" e
        WHERE e."occurredAt" < ${delivered} AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e."id")
        LIMIT ${CHUNK})`,
  );
  const notificationDeliveries = await deleteInChunks(
    () => prisma.$executeRaw`
      DELETE FROM "NotificationDelivery" WHERE "id" IN (
        SELECT "id" FROM "NotificationDelivery"
        WHERE ("status" = 'SENT' AND "createdAt" < ${delivered}) OR ("status" = 'FAILED' AND "createdAt" < ${undelivered})
        LIMIT ${CHUNK})`,
  );
  return { webhookDeliveries, webhookEvents, notificationDeliveries };
}

/** Hourly: the delivery logs past their retention. */
export const deliveryRetentionJob: JobDefinition<RetentionSettings> = {
  name: 'core.delivery-retention',
  everyMs: 60 * 60_000,
  async run({ prisma, clock, config, log }) {
    const deleted = await deleteExpiredDeliveries(prisma, config, clock.now());
    if (deleted.webhookDeliveries || deleted.webhookEvents || deleted.notificationDeliveries) {
      log(`core.delivery-retention: deleted ${deleted.webhookDeliveries} webhook deliveries, ${deleted.webhookEvents} webhook events, ${deleted.notificationDeliveries} notification deliveries`);
    }
  },
};
