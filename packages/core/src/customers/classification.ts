// Applies the tier and stage rules (rules.ts) to stored customers: on the changes that move the facts
// (customer edits, activities, deals, offers, overrides) and from the daily job for the passage of time.
import type { ClassificationCause, CustomerStage, CustomerTier } from '../../generated/prisma/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import type { ServiceContext } from '../service-context.js';
import { DEFAULT_CUSTOMER_RULES, type CustomerRules } from './rules-config.js';
import { stageFor, tierFor, type CustomerFacts } from './rules.js';
import { storedMessage } from '../error-messages.js';
import { uuidv7 } from '../shared/ids.js';

type Db = Prisma.TransactionClient;

export function rulesOf(ctx: Pick<ServiceContext, 'config'>): CustomerRules {
  return ctx.config?.customerRules ?? DEFAULT_CUSTOMER_RULES;
}

interface FactsRow {
  id: string;
  tier: CustomerTier;
  stage: CustomerStage;
  acv: number;
  lastContactedAt: Date | null;
  createdAt: Date;
  tierOverride: CustomerTier | null;
  tierReason: string | null;
  stageMark: CustomerStage | null;
  stageReason: string | null;
  dealCount: number;
  dealValueLastYear: number;
  lastDealAt: Date | null;
  offerCount: number;
}

/**
 * Facts for the customers `where` selects, in id order: one statement whatever their number. With
 * `contactedAt`, the same statement first moves their lastContactedAt forward to it (never back), as
 * recordContact does, and the facts show the moved value (a statement does not see its own CTE's update).
 * `alongside`: further writes of the caller's (an audit entry), run in the same statement as CTEs.
 */
async function loadFacts(db: Db, where: Prisma.Sql, now: Date, limit: number, contactedAt?: Date, alongside: readonly Prisma.Sql[] = []): Promise<FactsRow[]> {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const writes = alongside.map((sql, i) => Prisma.sql`${Prisma.raw(`"alongside${i}"`)} AS (${sql})`);
  if (contactedAt) {
    writes.unshift(Prisma.sql`"touched" AS (
        UPDATE "Customer" c SET "lastContactedAt" = ${contactedAt}, "updatedAt" = ${new Date()}
        WHERE ${where} AND (c."lastContactedAt" IS NULL OR c."lastContactedAt" < ${contactedAt}) RETURNING c."id"
      )`);
  }
  const ctes = writes.length ? Prisma.sql`WITH ${Prisma.join(writes)}` : Prisma.empty;
  const lastContactedAt = contactedAt
    ? Prisma.sql`GREATEST(c."lastContactedAt", ${contactedAt}::timestamp(3)) AS "lastContactedAt"`
    : Prisma.sql`c."lastContactedAt"`;
  return db.$queryRaw<FactsRow[]>`
    ${ctes}
    SELECT c."id", c."tier", c."stage", c."annualContractValue"::float8 AS "acv", ${lastContactedAt}, c."createdAt",
           o."tier" AS "tierOverride", o."tierReason", o."stage" AS "stageMark", o."stageReason",
           COALESCE(d."n", 0)::int AS "dealCount", COALESCE(d."yearSum", 0)::float8 AS "dealValueLastYear",
           d."lastAt" AS "lastDealAt", COALESCE(f."n", 0)::int AS "offerCount"
    FROM "Customer" c
    LEFT JOIN "CustomerOverride" o ON o."customerId" = c."id"
    LEFT JOIN LATERAL (
      SELECT count(*) AS "n", sum("amount") FILTER (WHERE "closedAt" > ${yearAgo}) AS "yearSum", max("closedAt") AS "lastAt"
      FROM "Deal" WHERE "customerId" = c."id"
    ) d ON TRUE
    LEFT JOIN LATERAL (SELECT count(*) AS "n" FROM "Offer" WHERE "customerId" = c."id") f ON TRUE
    WHERE ${where}
    ORDER BY c."id"
    LIMIT ${limit}`;
}

function factsOf(row: FactsRow): CustomerFacts {
  return {
    annualContractValue: row.acv,
    dealValueLastYear: row.dealValueLastYear,
    dealCount: row.dealCount,
    lastDealAt: row.lastDealAt,
    offerCount: row.offerCount,
    lastContactedAt: row.lastContactedAt,
    createdAt: row.createdAt,
  };
}

export interface ReclassifyOptions {
  now: Date;
  rules: CustomerRules;
  /** Who caused it; null for the job. */
  actorId?: string | null;
  /** An interaction happened then: move lastContactedAt forward to it first (recordContact), in the same statement. */
  contactedAt?: Date;
  /** Writes of the caller's to run in the statement that reads the facts (e.g. `auditInsertSql`): no statement of their own. */
  alongside?: readonly Prisma.Sql[];
  /** Tier and stage as they were before the change being applied (create/update write the columns first). */
  previous?: { tier: CustomerTier | null; stage: CustomerStage | null };
  /** The deal that caused it: a stage change is then recorded as caused by the deal. */
  deal?: { id: string; title: string };
  /** Set when a person decided: the cause to record instead of RULE. */
  tierCause?: ClassificationCause;
  stageCause?: ClassificationCause;
  /** The person's reason when they withdrew a decision: recorded with the rule that applies again. */
  clearedBecause?: string;
}

interface Outcome {
  row: FactsRow;
  tier: { value: CustomerTier; cause: ClassificationCause; reason: string };
  stage: { value: CustomerStage; cause: ClassificationCause; reason: string };
}

function decide(row: FactsRow, options: ReclassifyOptions): Outcome {
  const facts = factsOf(row);
  const ruleTier = tierFor(facts, options.rules.tiers, options.now);
  const ruleStage = stageFor(facts, options.rules.lifecycle, options.now);
  const byRule = (cause: ClassificationCause | undefined, reason: string) =>
    cause === 'OVERRIDE_CLEARED' ? storedMessage('reason.overrideCleared', { because: options.clearedBecause ?? storedMessage('reason.noReasonGiven'), rule: reason }) : reason;
  const tier = row.tierOverride
    ? { value: row.tierOverride, cause: options.tierCause ?? ('OVERRIDE' as const), reason: row.tierReason ?? storedMessage('reason.manualOverride') }
    : { value: ruleTier.value, cause: options.tierCause ?? ('RULE' as const), reason: byRule(options.tierCause, ruleTier.reason) };
  const stage = row.stageMark
    ? { value: row.stageMark, cause: options.stageCause ?? ('MANUAL' as const), reason: row.stageReason ?? storedMessage('reason.markedByHand') }
    : options.deal
      ? { value: ruleStage.value, cause: 'DEAL' as const, reason: storedMessage('reason.byDeal', { deal: options.deal.title, rule: ruleStage.reason }) }
      : { value: ruleStage.value, cause: options.stageCause ?? ('RULE' as const), reason: byRule(options.stageCause, ruleStage.reason) };
  return { row, tier, stage };
}

/**
 * Re-evaluates the given customers and writes what changed: the tier and stage columns (no version
 * bump: they are derived, not edited) and one history row per change. Returns how many changed.
 */
export async function reclassify(db: Db, ids: readonly string[], options: ReclassifyOptions): Promise<number> {
  if (ids.length === 0) return 0;
  const where = Prisma.sql`c."id" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  const rows = await loadFacts(db, where, options.now, ids.length, options.contactedAt, options.alongside);
  return writeOutcomes(db, rows.map((row) => decide(row, options)), options);
}

/** The tier and stage columns and the history rows of what changed, in one statement (none when nothing did). */
async function writeOutcomes(db: Db, outcomes: Outcome[], options: ReclassifyOptions): Promise<number> {
  const at = options.now;
  const actorId = options.actorId ?? null;
  const moved: Prisma.Sql[] = [];
  const tierChanges: Prisma.Sql[] = [];
  const stageChanges: Prisma.Sql[] = [];
  for (const { row, tier, stage } of outcomes) {
    const fromTier = options.previous ? options.previous.tier : row.tier;
    const fromStage = options.previous ? options.previous.stage : row.stage;
    if (tier.value !== fromTier) {
      tierChanges.push(Prisma.sql`(${uuidv7()}::uuid, ${row.id}::uuid, ${fromTier}::"CustomerTier", ${tier.value}::"CustomerTier",
        ${tier.cause}::"ClassificationCause", ${tier.reason}, ${actorId}::uuid, ${at})`);
    }
    if (stage.value !== fromStage) {
      const dealId = stage.cause === 'DEAL' ? (options.deal?.id ?? null) : null;
      stageChanges.push(Prisma.sql`(${uuidv7()}::uuid, ${row.id}::uuid, ${fromStage}::"CustomerStage", ${stage.value}::"CustomerStage",
        ${stage.cause}::"ClassificationCause", ${stage.reason}, ${dealId}::uuid, ${actorId}::uuid, ${at})`);
    }
    if (tier.value !== row.tier || stage.value !== row.stage) {
      moved.push(Prisma.sql`(${row.id}::uuid, ${tier.value}::"CustomerTier", ${stage.value}::"CustomerStage")`);
    }
  }
  const writes: Prisma.Sql[] = [];
  if (moved.length) {
    // updatedAt as Prisma's @updatedAt sets it (the wall clock); no version bump: the columns are derived, not edited.
    writes.push(Prisma.sql`"moved" AS (
      UPDATE "Customer" c SET "tier" = v."tier", "stage" = v."stage", "updatedAt" = ${new Date()}
      FROM (VALUES ${Prisma.join(moved)}) AS v("id", "tier", "stage") WHERE c."id" = v."id")`);
  }
  if (tierChanges.length) {
    writes.push(Prisma.sql`"tierChanges" AS (
      INSERT INTO "TierChange" ("id", "customerId", "fromTier", "toTier", "cause", "reason", "actorId", "at") VALUES ${Prisma.join(tierChanges)})`);
  }
  if (stageChanges.length) {
    writes.push(Prisma.sql`"stageChanges" AS (
      INSERT INTO "StageChange" ("id", "customerId", "fromStage", "toStage", "cause", "reason", "dealId", "actorId", "at") VALUES ${Prisma.join(stageChanges)})`);
  }
  if (writes.length) await db.$executeRaw`WITH ${Prisma.join(writes)} SELECT 1`;
  return tierChanges.length + stageChanges.length;
}

const BATCH = 500;

/**
 * Every customer, in batches: time alone moves tiers (X) and stages (DORMANT). The customers that
 * move are re-read and written in one short transaction per batch, so a change made meanwhile wins.
 */
export async function reclassifyAll(prisma: PrismaClient, rules: CustomerRules, now: Date): Promise<number> {
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const where: Prisma.Sql = after ? Prisma.sql`c."id" > ${after}::uuid` : Prisma.sql`TRUE`;
    const rows = await loadFacts(prisma, where, now, BATCH);
    const moved = rows
      .map((row) => decide(row, { now, rules }))
      .filter((o) => o.tier.value !== o.row.tier || o.stage.value !== o.row.stage)
      .map((o) => o.row.id);
    if (moved.length) changed += await prisma.$transaction((tx) => reclassify(tx, moved, { now, rules }));
    if (rows.length < BATCH) return changed;
    after = rows[rows.length - 1]!.id;
  }
}

export const classificationJob: JobDefinition<CustomerRules> = {
  name: 'core.customer-classification',
  everyMs: 24 * 60 * 60_000,
  async run({ prisma, clock, config, log }) {
    const changed = await reclassifyAll(prisma, config, clock.now());
    if (changed) log(`core.customer-classification: ${changed} tier/stage change(s)`);
  },
};
