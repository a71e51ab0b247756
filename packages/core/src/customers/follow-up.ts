import type { JobDefinition } from '../jobs/runner.js';

export interface FollowUpConfig {
  /** Days without contact after which the owner is reminded. */
  followUpAfterDays: number;
}

/**
 * FOLLOW_UP_NEEDED for owned customers nobody contacted for N days: one set-based insert, once per
 * silence (the dedupe key carries the last contact, so a new contact starts a new period).
 */
export const followUpJob: JobDefinition<FollowUpConfig> = {
  name: 'core.follow-up-needed',
  everyMs: 15 * 60_000,
  async run({ prisma, clock, config }) {
    const now = clock.now();
    const cutoff = new Date(now.getTime() - config.followUpAfterDays * 86_400_000);
    await prisma.$executeRaw`
      INSERT INTO "Alert" ("id", "recipientId", "kind", "title", "params", "entityType", "entityId", "fireAt", "dedupeKey", "createdAt")
      SELECT gen_random_uuid(), c."ownerId", 'FOLLOW_UP_NEEDED',
             -- The text is the kind's message (core-messages.ts), rendered when read; the name is the fallback.
             c."name", jsonb_build_object('customer', c."name", 'days', ${config.followUpAfterDays}::int),
             'Customer', c."id"::text, ${now},
             'follow-up:' || c."id" || ':' || COALESCE(to_char(c."lastContactedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), 'never'),
             ${now}
      FROM "Customer" c
      WHERE c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL AND COALESCE(c."lastContactedAt", c."createdAt") < ${cutoff}
      ON CONFLICT ("dedupeKey") DO NOTHING`;
  },
};
