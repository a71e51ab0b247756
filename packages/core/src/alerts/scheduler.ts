import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import type { AlertBus, FiredAlert } from './bus.js';
import { STAFF_RECIPIENT } from './service.js';

type ClaimedAlert = FiredAlert & { recipientActive: boolean };

/** How long a claimed alert is left to its claimer to publish before any instance publishes it again. */
const PUBLISH_LEASE_MS = 30_000;

/**
 * Claims due alerts and marks them fired in one statement: those that came due, and those fired
 * earlier whose publishing failed or was never confirmed (the outbox, `publishAfter` passed).
 * `FOR UPDATE SKIP LOCKED` lets several instances claim concurrently without waiting on or
 * double-claiming each other's rows; alerts that came due while every instance was down fire on the
 * next pass. A claim leases the alert's publishing for PUBLISH_LEASE_MS. The same statement reads
 * whether each recipient is still active: the per-event check costs nothing.
 */
export async function claimDueAlerts(prisma: PrismaClient, now: Date, limit: number): Promise<ClaimedAlert[]> {
  const leaseUntil = new Date(now.getTime() + PUBLISH_LEASE_MS);
  // The bus address and the recipient's activity as alertAddress and the staff users' table say;
  // other recipient kinds' plugins check their principals when a stream delivers.
  return prisma.$queryRaw<ClaimedAlert[]>`
    UPDATE "Alert" AS a SET "firedAt" = COALESCE(a."firedAt", ${now}), "publishAfter" = ${leaseUntil}
    WHERE a."id" IN (
      SELECT "id" FROM "Alert"
      WHERE ("firedAt" IS NULL AND "fireAt" <= ${now}) OR "publishAfter" <= ${now}
      ORDER BY "fireAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING a."id",
              CASE WHEN a."recipientKind" = ${STAFF_RECIPIENT} THEN a."recipientId"::text ELSE a."recipientKind" || ':' || a."recipientId"::text END AS "recipientId",
              a."kind", a."title", a."body", a."params", a."entityType", a."entityId",
              a."fireAt", a."firedAt", a."readAt", a."createdAt",
              COALESCE((SELECT u."active" FROM "User" u WHERE a."recipientKind" = ${STAFF_RECIPIENT} AND u."id" = a."recipientId"), a."recipientKind" <> ${STAFF_RECIPIENT}) AS "recipientActive"`;
}

/** Published: out of the outbox. */
async function markPublished(prisma: PrismaClient, ids: string[]): Promise<void> {
  await prisma.alert.updateMany({ where: { id: { in: ids } }, data: { publishAfter: null } });
}

/** Not published: any instance's next pass tries again. */
async function releaseForRetry(prisma: PrismaClient, ids: string[], now: Date): Promise<void> {
  await prisma.alert.updateMany({ where: { id: { in: ids } }, data: { publishAfter: now } });
}

export interface AlertSchedulerOptions {
  prisma: PrismaClient;
  bus: AlertBus;
  clock: Clock;
  /** How often to look for due alerts. */
  intervalMs?: number;
  /** Most alerts claimed per statement; a pass repeats until none are due. */
  batchSize?: number;
  /**
   * Told about every claimed batch before it is published, e.g. to queue its e-mail and chat
   * notifications (idempotently: a batch can be claimed again). A failure retries the batch.
   */
  onFired?: (alertIds: string[], now: Date) => Promise<unknown>;
  log?: (line: string) => void;
}

export class AlertScheduler {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: AlertSchedulerOptions) {}

  /** Fires everything due now (and publishes what an earlier pass could not); returns how many alerts this instance published. */
  fireDue(): Promise<number> {
    this.pass = this.pass.then(() => this.drain());
    return this.pass;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.fireDue().catch((error: Error) => this.options.log?.(`alert scheduler: ${error.message}`));
    }, this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass.catch(() => 0);
  }

  /**
   * Publishes after the claim has committed, so a bus outage loses nothing: an alert the bus refused
   * stays in the outbox and is published again on a later pass (one that was published but not marked
   * so is published twice, which subscribers ignore by alert id: each reaches them once).
   */
  private async drain(): Promise<number> {
    const { prisma, bus, clock, batchSize = 500 } = this.options;
    let published = 0;
    for (;;) {
      const now = clock.now();
      const alerts = await claimDueAlerts(prisma, now, batchSize);
      if (alerts.length === 0) return published;
      const ids = alerts.map((a) => a.id);
      try {
        await this.options.onFired?.(ids, now);
        // A deactivated recipient's alerts are fired (they stay listed) but never pushed.
        await bus.publish(alerts.filter((a) => a.recipientActive).map(({ recipientActive: _, ...alert }) => alert));
      } catch (error) {
        this.options.log?.(`alert scheduler: publishing ${ids.length} alerts failed, retrying on the next pass: ${(error as Error).message}`);
        await releaseForRetry(prisma, ids, now);
        return published;
      }
      await markPublished(prisma, ids);
      published += alerts.length;
    }
  }
}
