import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import type { AlertBus, FiredAlert } from './bus.js';

type ClaimedAlert = FiredAlert & { recipientActive: boolean };

/**
 * Claims due alerts and marks them fired in one statement. `FOR UPDATE SKIP LOCKED` lets several
 * instances claim concurrently without waiting on or double-claiming each other's rows, so each
 * alert fires exactly once; alerts that came due while every instance was down fire on the next pass.
 * The same statement reads whether each recipient is still active: the per-event check costs nothing.
 */
export async function claimDueAlerts(prisma: PrismaClient, now: Date, limit: number): Promise<ClaimedAlert[]> {
  return prisma.$queryRaw<ClaimedAlert[]>`
    UPDATE "Alert" AS a SET "firedAt" = ${now}
    FROM "User" AS u
    WHERE u."id" = a."recipientId" AND a."id" IN (
      SELECT "id" FROM "Alert"
      WHERE "firedAt" IS NULL AND "fireAt" <= ${now}
      ORDER BY "fireAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING a."id", a."recipientId", a."kind", a."title", a."body", a."entityType", a."entityId",
              a."fireAt", a."firedAt", a."readAt", a."createdAt", u."active" AS "recipientActive"`;
}

export interface AlertSchedulerOptions {
  prisma: PrismaClient;
  bus: AlertBus;
  clock: Clock;
  /** How often to look for due alerts. */
  intervalMs?: number;
  /** Most alerts claimed per statement; a pass repeats until none are due. */
  batchSize?: number;
  log?: (line: string) => void;
}

export class AlertScheduler {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: AlertSchedulerOptions) {}

  /** Fires everything due now; returns how many alerts this instance fired. */
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

  private async drain(): Promise<number> {
    const { prisma, bus, clock, batchSize = 500 } = this.options;
    let fired = 0;
    for (;;) {
      const alerts = await claimDueAlerts(prisma, clock.now(), batchSize);
      if (alerts.length === 0) return fired;
      // A deactivated recipient's alerts are fired (they stay listed) but never pushed.
      await bus.publish(alerts.filter((a) => a.recipientActive).map(({ recipientActive: _, ...alert }) => alert));
      fired += alerts.length;
    }
  }
}
