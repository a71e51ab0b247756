// The public pool (公海): owners keep at most pool.maxOwnedCustomers customers, customers nobody follows
// up go back to the pool, reps claim from it (optionally giving one back), and every owner change is
// kept as a CustomerTransfer.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission, unauthenticated } from '../auth/viewer.js';
import { customersVisibleTo, customerToChange, poolMembershipOf } from '../auth/visibility.js';
import type { PrismaClient } from '../db/client.js';
import { InputError, notFound } from '../errors.js';
import type { Prisma, TransferKind } from '../../generated/prisma/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { userReferenceError } from '../users/service.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import { rulesOf } from './classification.js';
import type { CustomerRules } from './rules-config.js';
import { customerEvent, emitWebhookEvents, globalId } from '../webhooks/events.js';
import { storedMessage, storedMessageIn } from '../error-messages.js';
import { fieldError } from '../errors.js';
import { DEFAULT_LOCALE, localMidnight } from '../shared/locale.js';
import { assignDecision, claimRefusal, DEFAULT_POOL_ID } from './pool-rules.js';
import { judgePoolReleases, managesPool, poolOf, rulesOfPool, type OpenOpportunitiesHook } from './pool-service.js';
import { Prisma as PrismaSql } from '../../generated/prisma/client.js';

type Db = Prisma.TransactionClient;

export interface OwnerChange {
  customerId: string;
  fromUserId: string | null;
  toUserId: string | null;
  actorId: string | null;
  at: Date;
  reason?: string | null;
  kind?: TransferKind;
  /** The pool it came from or went to (null: the default pool, or none for a transfer between users). */
  poolId?: string | null;
  /** The rule that decided it (a key of error-messages.ts) and its parameters. */
  rule?: { rule: string; params: Record<string, string | number> } | null;
}

/** customer.transferred or customer.released_to_pool, with the transfer row. */
function ownerChangeEvent(customer: Parameters<typeof customerEvent>[1], transfer: { id: string; kind: string; fromUserId: string | null; toUserId: string | null; reason: string | null }) {
  const user = (id: string | null) => (id ? globalId('User', id) : null);
  const type = transfer.toUserId === null ? 'customer.released_to_pool' : 'customer.transferred';
  return customerEvent(type, customer, { transfer: { kind: transfer.kind, fromUserId: user(transfer.fromUserId), toUserId: user(transfer.toUserId), reason: storedMessageIn('en', transfer.reason) } });
}

export async function recordOwnerChange(db: Db, change: OwnerChange) {
  const kind = change.kind ?? (change.toUserId === null ? 'RELEASE' : change.fromUserId === null ? 'CLAIM' : 'TRANSFER');
  const { customerId, fromUserId, toUserId, actorId, at } = change;
  const rule = change.rule ? { rule: change.rule.rule, ruleParams: change.rule.params } : {};
  return db.customerTransfer.create({ data: { customerId, kind, fromUserId, toUserId, actorId, at, reason: change.reason ?? null, poolId: change.poolId ?? null, ...rule } });
}

/**
 * Serialises every change to one user's portfolio (claims and transfers to them) for the rest of the
 * transaction, so two concurrent claims cannot both pass the maximum. A writer that inserts a row
 * naming the user (a new customer) takes it first: the insert's key-share lock on the user, taken
 * before this one by two transactions, deadlocks them.
 */
export async function lockPortfolio(db: Db, userId: string): Promise<void> {
  await db.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
}

function ownedCount(db: Db, userId: string) {
  return db.customer.count({ where: { ownerId: userId } });
}

/**
 * Refuses to give `customerId` to a user who already owns the maximum of other customers, naming
 * `field`. Locks the user's portfolio for the rest of the transaction.
 */
export async function requireRoomFor(db: Db, userId: string, customerId: string, maxOwnedCustomers: number, field: string): Promise<void> {
  await lockPortfolio(db, userId);
  const owned = await db.customer.count({ where: { ownerId: userId, id: { not: customerId } } });
  if (owned >= maxOwnedCustomers) {
    throw new InputError([fieldError(field, 'pool.ownsMaximum', { owned, max: maxOwnedCustomers }, 'LIMIT_REACHED')]);
  }
}

/** Changes the owner if it is still `from`; a customer going to the pool goes to `poolId` (null: the default pool), one leaving it leaves any. */
async function changeOwner(db: Db, customerId: string, from: string | null, to: string | null, poolId: string | null = null): Promise<boolean> {
  const { count } = await db.customer.updateMany({ where: { id: customerId, ownerId: from }, data: { ownerId: to, poolId: to === null ? poolId : null, version: { increment: 1 } } });
  return count === 1;
}

const claimInput = z.object({ customerId: z.string(), giveBackCustomerId: z.string().nullish(), reason: rules.optionalText(500) });
const releaseInput = z.object({ customerId: z.string(), reason: rules.optionalText(500) });
const transferInput = z.object({ customerId: z.string(), toUserId: z.uuid('rule.userId'), reason: rules.requiredText(500) });

/**
 * Takes a customer from the public pool. Refused when the viewer already owns the maximum, unless
 * they give one of theirs back in the same call: both happen, or neither.
 */
export async function claimCustomer(ctx: ServiceContext, input: z.input<typeof claimInput>) {
  const { customerId, giveBackCustomerId, reason } = parseInput(claimInput, input);
  requirePermission(ctx.viewer, 'customer.write');
  const userId = actingUserId(ctx.viewer);
  if (!userId) throw unauthenticated();
  const { maxOwnedCustomers } = rulesOf(ctx).pool;
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    await lockPortfolio(tx, userId);
    const customer = isUuid(customerId) ? await tx.customer.findFirst({ where: { AND: [{ id: customerId }, customersVisibleTo(ctx.viewer)] } }) : null;
    if (!customer) throw notFound('Customer');
    if (customer.ownerId !== null) throw new InputError([fieldError('customerId', 'pool.notInPool')]);
    // The pool's own rules: the previous owner's cooldown, claims per local day (membership is the row rule above).
    const pool = await poolOf(tx, customer.poolId);
    const poolRules = rulesOfPool(pool, rulesOf(ctx).pool);
    const lastRelease = await tx.customerTransfer.findFirst({ where: { customerId, toUserId: null }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { fromUserId: true, at: true } });
    const user = await tx.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
    const midnight = localMidnight(now, user?.timeZone ?? ctx.config?.locale?.timeZone ?? DEFAULT_LOCALE.timeZone);
    const claimsToday = await tx.customerTransfer.count({ where: { kind: 'CLAIM', toUserId: userId, poolId: customer.poolId, at: { gte: midnight } } });
    const refusal = claimRefusal(poolRules, { userId, previousOwnerId: lastRelease?.fromUserId ?? null, releasedAt: lastRelease?.at ?? null, claimsToday }, now);
    if (refusal) {
      const params = refusal.rule === 'pool.claim.cooldown' ? { days: refusal.params.days!, remaining: Math.ceil((Number(refusal.params.until) - now.getTime()) / 86_400_000) } : refusal.params;
      throw new InputError([fieldError('customerId', refusal.rule as 'pool.claim.cooldown' | 'pool.claim.perDay', params, refusal.code)]);
    }
    if (giveBackCustomerId) await giveBack(tx, ctx, userId, giveBackCustomerId, customer.name, now);
    const owned = await ownedCount(tx, userId);
    if (owned >= maxOwnedCustomers) {
      throw new InputError([fieldError('customerId', 'pool.youOwnMaximum', { owned, max: maxOwnedCustomers }, 'LIMIT_REACHED')]);
    }
    // Someone else may have claimed it since it was read: the conditional update decides.
    if (!(await changeOwner(tx, customerId, null, userId))) throw new InputError([fieldError('customerId', 'pool.claimedBySomeoneElse', {}, 'CONFLICT')]);
    const transfer = await recordOwnerChange(tx, {
      customerId,
      fromUserId: null,
      toUserId: userId,
      actorId: userId,
      at: now,
      reason: reason ?? null,
      poolId: customer.poolId,
      rule: { rule: 'pool.claim', params: { count: claimsToday + 1, max: poolRules.claimsPerDay ?? 0 } },
    });
    const after = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    await recordAudit(tx, ctx, { action: 'customer.claim', entity: { type: 'Customer', id: customerId }, before: customer, after: { ...after, transfer } });
    await emitWebhookEvents(tx, [ownerChangeEvent(after, transfer)], now, ctx.prisma);
    return after;
  });
}

async function giveBack(tx: Db, ctx: ServiceContext, userId: string, customerId: string, claimedName: string, now: Date) {
  const mine = isUuid(customerId) ? await tx.customer.findFirst({ where: { id: customerId, ownerId: userId } }) : null;
  if (!mine) throw new InputError([fieldError('giveBackCustomerId', 'pool.notYourCustomer')]);
  await changeOwner(tx, customerId, userId, null);
  const transfer = await recordOwnerChange(tx, { customerId, fromUserId: userId, toUserId: null, actorId: userId, at: now, reason: storedMessage('pool.givenBackFor', { customer: claimedName }) });
  await recordAudit(tx, ctx, { action: 'customer.release', entity: { type: 'Customer', id: customerId }, before: mine, after: { transfer } });
  await emitWebhookEvents(tx, [ownerChangeEvent({ ...mine, ownerId: null, version: mine.version + 1 }, transfer)], now, ctx.prisma);
}

/** Puts a customer back into the public pool (whoever may change it may). */
export async function releaseCustomer(ctx: ServiceContext, input: z.input<typeof releaseInput>) {
  const { customerId, reason } = parseInput(releaseInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, customerId);
    if (before.ownerId === null) throw new InputError([fieldError('customerId', 'pool.alreadyInPool')]);
    if (!(await changeOwner(tx, customerId, before.ownerId, null))) throw notFound('Customer');
    const actorId = actingUserId(ctx.viewer);
    const transfer = await recordOwnerChange(tx, { customerId, fromUserId: before.ownerId, toUserId: null, actorId, at: ctx.clock.now(), reason: reason ?? null });
    const after = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    await recordAudit(tx, ctx, { action: 'customer.release', entity: { type: 'Customer', id: customerId }, before, after: { ...after, transfer } });
    await emitWebhookEvents(tx, [ownerChangeEvent(after, transfer)], ctx.clock.now(), ctx.prisma);
    return after;
  });
}

/**
 * Gives a customer to another user, within that user's maximum, with the reason kept: with
 * customer.assign any customer the viewer may change; without it, a pool's admin a customer of their
 * pool to one of its members (rule pool.assign on the transfer, assignDecision).
 */
export async function transferCustomer(ctx: ServiceContext, input: z.input<typeof transferInput>) {
  const { customerId, toUserId, reason } = parseInput(transferInput, input);
  const holdsAssign = can(ctx.viewer, 'customer.assign');
  if (!holdsAssign && !actingUserId(ctx.viewer)) requirePermission(ctx.viewer, 'customer.assign');
  throwIfAny([await userReferenceError(ctx, 'toUserId', toUserId)]);
  const { maxOwnedCustomers } = rulesOf(ctx).pool;
  return ctx.prisma.$transaction(async (tx) => {
    const before = holdsAssign ? await customerToChange(tx, ctx.viewer, customerId) : await poolCustomerToAssign(tx, ctx, customerId, toUserId);
    if (before.ownerId === toUserId) throw new InputError([fieldError('toUserId', 'pool.alreadyOwns')]);
    await requireRoomFor(tx, toUserId, customerId, maxOwnedCustomers, 'toUserId');
    if (!(await changeOwner(tx, customerId, before.ownerId, toUserId))) throw notFound('Customer');
    const actorId = actingUserId(ctx.viewer);
    const fromPool = holdsAssign ? {} : { poolId: before.poolId, rule: { rule: 'pool.assign', params: {} } };
    const transfer = await recordOwnerChange(tx, { customerId, fromUserId: before.ownerId, toUserId, actorId, at: ctx.clock.now(), reason, kind: 'TRANSFER', ...fromPool });
    const after = await tx.customer.findUniqueOrThrow({ where: { id: customerId } });
    await recordAudit(tx, ctx, { action: 'customer.transfer', entity: { type: 'Customer', id: customerId }, before, after: { ...after, transfer } });
    await emitWebhookEvents(tx, [ownerChangeEvent(after, transfer)], ctx.clock.now(), ctx.prisma);
    return after;
  });
}

/** A customer a pool admin without customer.assign may assign: in a pool they manage, to one of its members; else FORBIDDEN or a refusal. */
async function poolCustomerToAssign(tx: Db, ctx: ServiceContext, customerId: string, toUserId: string) {
  const customer = isUuid(customerId) ? await tx.customer.findFirst({ where: { AND: [{ id: customerId }, customersVisibleTo(ctx.viewer)] } }) : null;
  // Without customer.assign, what is not theirs to assign is FORBIDDEN, as it always was.
  if (!customer) requirePermission(ctx.viewer, 'customer.assign');
  const poolId = customer!.poolId ?? DEFAULT_POOL_ID;
  const inPool = customer!.ownerId === null;
  const decision = assignDecision({
    holdsAssign: false,
    inPool,
    managesPool: inPool && (await managesPool(tx, ctx.viewer, poolId)),
    receiverIsMember: poolId === DEFAULT_POOL_ID || (await tx.publicPoolMember.count({ where: { poolId, ...poolMembershipOf(toUserId) } })) > 0,
  });
  if ('refused' in decision) {
    if (decision.refused === 'FORBIDDEN') requirePermission(ctx.viewer, 'customer.assign');
    throw new InputError([fieldError('toUserId', 'pool.assignNotMember', {}, 'NOT_ALLOWED_VALUE')]);
  }
  return customer!;
}

const RELEASE_BATCH = 500;
const DAY = 86_400_000;

/**
 * Releases owned customers without follow-up for pool.releaseAfterDays: no contact (interactions,
 * deals and offers all count), no creation and no change of owner in that time. Each batch is one
 * statement: the release, its AUTO_RELEASE transfer rows and CUSTOMER_RELEASED_TO_POOL for the
 * previous owner. Rows another instance holds are skipped; a released customer no longer matches,
 * so re-runs do nothing.
 */
export async function releaseNeglectedCustomers(prisma: PrismaClient, rules: CustomerRules['pool'], now: Date): Promise<number> {
  const defaultPool = await defaultPoolOf(prisma);
  if (defaultPool.rules !== null) return 0; // judged with its own rules (pool-service.ts)
  const cutoff = new Date(now.getTime() - rules.releaseAfterDays * 86_400_000);
  const reason = storedMessage('pool.noFollowUp', { days: rules.releaseAfterDays });
  let released = 0;
  for (;;) {
    // The release and its customer.released_to_pool events commit together.
    const rows = await prisma.$transaction(async (tx) => {
      const batch = await tx.$queryRaw<Array<{ id: string; name: string; kind: string; stage: string; tier: string; version: number; previousOwnerId: string; transferId: string }>>`
      WITH due AS (
        SELECT c."id", c."ownerId" FROM "Customer" c
        WHERE c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL
          AND COALESCE(c."lastContactedAt", c."createdAt") < ${cutoff}
          AND c."createdAt" < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM "CustomerTransfer" t WHERE t."customerId" = c."id" AND t."at" >= ${cutoff})
          AND ${notCoveredByAPool}
        ORDER BY c."id" LIMIT ${RELEASE_BATCH}
        FOR UPDATE OF c SKIP LOCKED
      ), released AS (
        UPDATE "Customer" c SET "ownerId" = NULL, "version" = c."version" + 1, "updatedAt" = ${now}
        FROM due WHERE c."id" = due."id"
        RETURNING c."id", c."name", c."kind"::text AS "kind", c."stage"::text AS "stage", c."tier"::text AS "tier", c."version", due."ownerId" AS "previousOwnerId"
      ), transfers AS (
        INSERT INTO "CustomerTransfer" ("id", "customerId", "kind", "fromUserId", "toUserId", "reason", "actorId", "at", "poolId", "rule", "ruleParams")
        SELECT gen_random_uuid(), r."id", 'AUTO_RELEASE', r."previousOwnerId", NULL, ${reason}, NULL, ${now}, NULL, 'pool.release.noFollowUp',
               jsonb_build_object('days', ${rules.releaseAfterDays}::int, 'tier', r."tier")
        FROM released r
        RETURNING "id", "customerId"
      ), alerts AS (
        INSERT INTO "Alert" ("id", "recipientId", "kind", "title", "params", "entityType", "entityId", "fireAt", "dedupeKey", "createdAt")
        SELECT gen_random_uuid(), r."previousOwnerId", 'CUSTOMER_RELEASED_TO_POOL', r."name",
               jsonb_build_object('customer', r."name", 'days', ${rules.releaseAfterDays}::int, 'basis', 'FOLLOW_UP', 'poolKind', 'DEFAULT', 'pool', ${defaultPool.name}::text),
               'Customer', r."id"::text, ${now}, 'pool-release:' || t."id", ${now}
        FROM released r JOIN transfers t ON t."customerId" = r."id"
        ON CONFLICT ("dedupeKey") DO NOTHING
        RETURNING 1
      )
      SELECT r.*, t."id" AS "transferId", (SELECT count(*) FROM alerts)::int AS "alerts"
      FROM released r JOIN transfers t ON t."customerId" = r."id"`;
      await emitWebhookEvents(
        tx,
        batch.map((r) =>
          ownerChangeEvent({ ...r, ownerId: null }, { id: r.transferId, kind: 'AUTO_RELEASE', fromUserId: r.previousOwnerId, toUserId: null, reason }),
        ),
        now,
        prisma,
      );
      return batch.length;
    });
    released += rows;
    if (rows < RELEASE_BATCH) return released;
  }
}

/**
 * Warns the owners of customers that the release job will take within pool.warnBeforeReleaseDays:
 * the same follow-up the release judges (contact, creation, change of owner), one
 * CUSTOMER_ABOUT_TO_BE_RELEASED per silence (keyed by its start, so a follow-up and a new silence warn
 * again). Customers already due are left to the release itself. Returns how many were warned.
 */
export async function warnBeforeRelease(prisma: PrismaClient, rules: CustomerRules['pool'], now: Date): Promise<number> {
  if (rules.warnBeforeReleaseDays === 0) return 0;
  const defaultPool = await defaultPoolOf(prisma);
  if (defaultPool.rules !== null) return 0;
  const releaseCutoff = new Date(now.getTime() - rules.releaseAfterDays * DAY);
  const warnCutoff = new Date(releaseCutoff.getTime() + rules.warnBeforeReleaseDays * DAY);
  return prisma.$executeRaw`
    WITH silent AS (
      SELECT c."id", c."name", c."ownerId",
             GREATEST(c."lastContactedAt", c."createdAt", (SELECT max(t."at") FROM "CustomerTransfer" t WHERE t."customerId" = c."id")) AS "since"
      FROM "Customer" c
      WHERE c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL AND COALESCE(c."lastContactedAt", c."createdAt") <= ${warnCutoff} AND c."createdAt" <= ${warnCutoff}
        AND ${notCoveredByAPool}
    )
    INSERT INTO "Alert" ("id", "recipientId", "kind", "title", "params", "entityType", "entityId", "fireAt", "dedupeKey", "createdAt")
    SELECT gen_random_uuid(), s."ownerId", 'CUSTOMER_ABOUT_TO_BE_RELEASED', s."name",
           jsonb_build_object('customer', s."name", 'since', (EXTRACT(EPOCH FROM s."since") * 1000)::bigint,
                              'days', CEIL(EXTRACT(EPOCH FROM (s."since" - ${releaseCutoff}::timestamp)) / 86400)::int,
                              'basis', 'FOLLOW_UP', 'poolKind', 'DEFAULT', 'pool', ${defaultPool.name}::text),
           'Customer', s."id"::text, ${now}, 'pool-warning:' || s."id" || ':' || to_char(s."since", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), ${now}
    FROM silent s
    WHERE s."since" >= ${releaseCutoff} AND s."since" <= ${warnCutoff}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/**
 * Customers the default pool leaves to another: their owner is on a pool with rules of its own that
 * has days for their tier (pool-service.ts judges them). SQL on the customer row "c".
 */
const notCoveredByAPool = PrismaSql.sql`NOT EXISTS (
  SELECT 1 FROM "PublicPool" p JOIN "PublicPoolMember" m ON m."poolId" = p."id"
  WHERE NOT p."isDefault" AND p."rules" IS NOT NULL AND (p."rules"->'daysByTier'->>(c."tier"::text)) IS NOT NULL
    AND (m."userId" = c."ownerId" OR m."teamId" = (SELECT u."teamId" FROM "User" u WHERE u."id" = c."ownerId")))`;

/** The default pool's name and rules (null: customerRules.pool); as the migration made it if the row is gone. */
async function defaultPoolOf(prisma: PrismaClient): Promise<{ name: string; rules: unknown }> {
  const row = await prisma.publicPool.findUnique({ where: { id: DEFAULT_POOL_ID }, select: { name: true, rules: true } });
  return { name: row?.name ?? '公海', rules: row?.rules ?? null };
}

/** The release job's parameters: the deployment's rules and what plugins report of open opportunities. */
export type PoolJobConfig = CustomerRules & { openOpportunities?: readonly OpenOpportunitiesHook[] };

export const poolReleaseJob: JobDefinition<PoolJobConfig> = {
  name: 'core.pool-release',
  everyMs: 60 * 60_000,
  async run({ prisma, clock, config, log }) {
    const pools = await judgePoolReleases(prisma, config.pool, clock.now(), config.openOpportunities ?? []);
    if (pools.warned || pools.released) log(`core.pool-release: pools with their own rules warned ${pools.warned} and released ${pools.released}`);
    const warned = await warnBeforeRelease(prisma, config.pool, clock.now());
    if (warned) log(`core.pool-release: ${warned} owner(s) warned of an upcoming release`);
    const released = await releaseNeglectedCustomers(prisma, config.pool, clock.now());
    if (released) log(`core.pool-release: ${released} customer(s) released to the public pool`);
  },
};
