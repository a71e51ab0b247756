import type { Activity } from '../../generated/prisma/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import { activityEvent, emitWebhookEvents } from './events.js';

const BATCH = 500;

/**
 * Emits task.overdue once per open follow-up whose due time passed: the activity is marked with the
 * due time it was emitted for, in the same transaction as the event (a rescheduled task can be
 * overdue again). Rows another instance holds are skipped; re-runs find nothing new.
 */
export async function emitOverdueTasks(prisma: Parameters<JobDefinition['run']>[0]['prisma'], now: Date): Promise<number> {
  let emitted = 0;
  for (;;) {
    const count = await prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<Activity[]>`
        UPDATE "Activity" a SET "overdueEventFor" = a."dueAt"
        WHERE a."id" IN (
          SELECT "id" FROM "Activity"
          WHERE "completedAt" IS NULL AND "dueAt" <= ${now} AND ("overdueEventFor" IS NULL OR "overdueEventFor" <> "dueAt")
          ORDER BY "dueAt", "id" LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING a.*`;
      await emitWebhookEvents(tx, due.map((activity) => activityEvent('task.overdue', activity)), now, prisma);
      return due.length;
    });
    emitted += count;
    if (count < BATCH) return emitted;
  }
}

export const taskOverdueWebhookJob: JobDefinition = {
  name: 'core.webhook-task-overdue',
  everyMs: 60_000,
  async run({ prisma, clock, log }) {
    const emitted = await emitOverdueTasks(prisma, clock.now());
    if (emitted) log(`core.webhook-task-overdue: ${emitted} task(s) overdue`);
  },
};
