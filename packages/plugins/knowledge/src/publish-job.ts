import type { JobDefinition, PrismaClient } from '@rapport/core';
import type { KnowledgeConfig } from './config.js';
import { publishInTransaction } from './service.js';

const BATCH = 100;

/** Approved articles whose publish time has come (or was cleared after approval). */
const duePublish = (now: Date) => ({
  status: 'IN_REVIEW' as const,
  approvedAt: { not: null },
  OR: [{ publishAt: null }, { publishAt: { lte: now } }],
});
/** Live articles past their expiry. */
const dueExpiry = (now: Date) => ({ status: 'PUBLISHED' as const, expireAt: { lte: now } });

/**
 * Publishes approved articles whose `publishAt` has passed and archives published ones whose
 * `expireAt` has. Idempotent: a handled article no longer matches, and each write is conditional on
 * the version read, so a second run (or another instance) at the same time changes nothing.
 */
export async function runScheduledPublishing(prisma: PrismaClient, now: Date): Promise<{ published: number; archived: number }> {
  let published = 0;
  for (;;) {
    const due = await prisma.article.findMany({ where: duePublish(now), take: BATCH, orderBy: [{ publishAt: 'asc' }, { id: 'asc' }] });
    for (const article of due) {
      const done = await prisma.$transaction(async (tx) => {
        const current = await tx.article.findFirst({ where: { id: article.id, version: article.version, ...duePublish(now) } });
        if (!current) return false;
        await publishInTransaction(tx, current, now, null);
        return true;
      });
      if (done) published++;
    }
    if (due.length < BATCH) break;
  }
  const { count: archived } = await prisma.article.updateMany({
    where: dueExpiry(now),
    data: { status: 'ARCHIVED', archivedAt: now, version: { increment: 1 } },
  });
  return { published, archived };
}

export const publishJob: JobDefinition<KnowledgeConfig> = {
  name: 'knowledge.scheduled-publishing',
  everyMs: (config) => config.publishCheckIntervalSeconds * 1000,
  async run({ prisma, clock, log }) {
    const { published, archived } = await runScheduledPublishing(prisma, clock.now());
    if (published || archived) log(`knowledge.scheduled-publishing: published ${published}, archived ${archived}`);
  },
};
