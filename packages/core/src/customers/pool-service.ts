// Public pools (公海) as records: the default pool (today's rules, open to everyone) and the pools an
// admin creates, each with members (users, teams) who see and claim its customers, admins who manage
// it, and its release and claim rules (pool-rules.ts). Also the release job's part for pools with
// rules of their own: owners warned once before, customers released once into the pool that judged them.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission, unauthenticated } from '../auth/viewer.js';
import { poolMembershipOf, poolsVisibleTo } from '../auth/visibility.js';
import type { PrismaClient } from '../db/client.js';
import { fieldError, fieldErrorsFromZod, InputError, notFound, type FieldError } from '../errors.js';
import { Prisma, type PublicPool } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules as textRules } from '../validation.js';
import { customerEvent, emitWebhookEvents, globalId } from '../webhooks/events.js';
import {
  chooseRelease,
  covers,
  DEFAULT_POOL_ID,
  deploymentPoolRules,
  poolRulesSchema,
  type JudgingPool,
  type PoolRules,
  type PoolTier,
  type ReleaseFacts,
} from './pool-rules.js';
import { releaseDueByPoolsWhere, type ReleasingPool } from './filters.js';
import type { CustomerRules } from './rules-config.js';

type Db = Prisma.TransactionClient;

/**
 * A plugin's report of open opportunities (RapportPlugin.openOpportunities): of the customers given,
 * the ids of those with one open. Called by the release job in batches.
 */
export type OpenOpportunitiesHook = (prisma: PrismaClient, customerIds: readonly string[]) => Promise<readonly string[]>;

/** A pool's rules in force: its own, or for the default pool without any, customerRules.pool. */
export function rulesOfPool(pool: Pick<PublicPool, 'rules'> | null, deployment: CustomerRules['pool']): PoolRules {
  if (!pool?.rules) return deploymentPoolRules(deployment);
  const parsed = poolRulesSchema.safeParse(pool.rules);
  return parsed.success ? parsed.data : deploymentPoolRules(deployment);
}

/** The pool a customer in the pool is in (poolId null: the default pool). */
export async function poolOf(db: Db | PrismaClient, poolId: string | null): Promise<PublicPool | null> {
  return db.publicPool.findUnique({ where: { id: poolId ?? DEFAULT_POOL_ID } });
}

/** Whether the viewer manages a pool: pool.manage, or ADMIN on it (directly or through their team). */
export async function managesPool(db: Db | PrismaClient, viewer: ServiceContext['viewer'], poolId: string): Promise<boolean> {
  if (can(viewer, 'pool.manage')) return true;
  const userId = actingUserId(viewer);
  if (!userId) return false;
  return (await db.publicPoolMember.count({ where: { poolId, role: 'ADMIN', ...poolMembershipOf(userId) } })) > 0;
}

const memberInput = z.object({
  userId: z.uuid().nullish(),
  teamId: z.uuid().nullish(),
  role: z.enum(['MEMBER', 'ADMIN']).default('MEMBER'),
});
const poolName = textRules.requiredText(60);
const createInput = z.object({ name: poolName, rules: z.unknown().optional(), members: z.array(memberInput).max(500).default([]) });
const updateInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: poolName.optional(),
  rules: z.unknown().optional(),
  members: z.array(memberInput).max(500).optional(),
});

export type PoolMemberInput = z.input<typeof memberInput>;

function parseRules(raw: unknown): PoolRules {
  const parsed = poolRulesSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new InputError(fieldErrorsFromZod(parsed.error, 'rules').map((f) => ({ ...f, code: 'INVALID' as const })));
  }
  return parsed.data;
}

async function memberErrors(db: Db, members: z.output<typeof memberInput>[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [index, m] of members.entries()) {
    const field = `members.${index}`;
    if ((m.userId ? 1 : 0) + (m.teamId ? 1 : 0) !== 1) {
      errors.push(fieldError(field, 'pool.memberOneOf', {}, 'INVALID'));
      continue;
    }
    const key = m.userId ? `u:${m.userId}` : `t:${m.teamId}`;
    if (seen.has(key)) errors.push(fieldError(field, 'pool.memberTwice', {}, 'DUPLICATE'));
    seen.add(key);
    const exists = m.userId ? await db.user.count({ where: { id: m.userId } }) : await db.team.count({ where: { id: m.teamId! } });
    if (!exists) errors.push(fieldError(field, 'pool.memberMissing', {}, 'NOT_FOUND'));
  }
  return errors;
}

async function requireFreeName(db: Db, name: string, exceptId?: string) {
  const taken = await db.publicPool.findUnique({ where: { name }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw new InputError([fieldError('name', 'pool.nameTaken', { name }, 'DUPLICATE')]);
}

const auditShape = (pool: PublicPool, members: Array<{ userId: string | null; teamId: string | null; role: string }>) => ({
  ...pool,
  members: members.map(({ userId, teamId, role }) => ({ userId, teamId, role })),
});

/** A new pool with its rules (defaults for what is left out) and members; pool.manage. */
export async function createPublicPool(ctx: ServiceContext, input: z.input<typeof createInput>): Promise<PublicPool> {
  const fields = parseInput(createInput, input);
  requirePermission(ctx.viewer, 'pool.manage');
  const rules = parseRules(fields.rules);
  return ctx.prisma.$transaction(async (tx) => {
    const errors = await memberErrors(tx, fields.members);
    if (errors.length) throw new InputError(errors);
    await requireFreeName(tx, fields.name);
    const now = ctx.clock.now();
    const pool = await tx.publicPool.create({ data: { name: fields.name, rules: rules as Prisma.InputJsonValue, createdAt: now, updatedAt: now } });
    await tx.publicPoolMember.createMany({ data: fields.members.map((m) => ({ poolId: pool.id, userId: m.userId ?? null, teamId: m.teamId ?? null, role: m.role })) });
    await recordAudit(tx, ctx, { action: 'publicPool.create', entity: { type: 'PublicPool', id: pool.id }, after: auditShape(pool, fields.members.map((m) => ({ userId: m.userId ?? null, teamId: m.teamId ?? null, role: m.role }))) });
    return pool;
  });
}

/**
 * Renames a pool, replaces its rules (the whole object: what is left out takes its default) or its
 * members; its admins or pool.manage, at the version read. The default pool takes no members (it is
 * everyone's); rules on it replace customerRules.pool for it.
 */
export async function updatePublicPool(ctx: ServiceContext, input: z.input<typeof updateInput>): Promise<PublicPool> {
  const { id, version, ...fields } = parseInput(updateInput, input);
  if (!actingUserId(ctx.viewer)) throw unauthenticated();
  const rules = fields.rules !== undefined ? parseRules(fields.rules) : undefined;
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(id) ? await tx.publicPool.findFirst({ where: { AND: [{ id }, poolsVisibleTo(ctx.viewer)] }, include: { members: true } }) : null;
    if (!before) throw notFound('PublicPool');
    if (!(await managesPool(tx, ctx.viewer, id))) throw new InputError([fieldError('id', 'pool.notAdmin', {}, 'NOT_ALLOWED_VALUE')]);
    if (fields.members && before.isDefault && fields.members.length) throw new InputError([fieldError('members', 'pool.defaultHasMembers', {}, 'NOT_ALLOWED_VALUE')]);
    if (fields.members) {
      const errors = await memberErrors(tx, fields.members);
      if (errors.length) throw new InputError(errors);
    }
    if (fields.name !== undefined && fields.name !== before.name) await requireFreeName(tx, fields.name, id);
    const { count } = await tx.publicPool.updateMany({
      where: { id, version },
      data: {
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(rules ? { rules: rules as Prisma.InputJsonValue } : {}),
        updatedAt: ctx.clock.now(),
        version: { increment: 1 },
      },
    });
    if (count === 0) await throwMissingOrStale('PublicPool', tx.publicPool.findUnique({ where: { id }, select: { version: true } }));
    if (fields.members) {
      await tx.publicPoolMember.deleteMany({ where: { poolId: id } });
      await tx.publicPoolMember.createMany({ data: fields.members.map((m) => ({ poolId: id, userId: m.userId ?? null, teamId: m.teamId ?? null, role: m.role })) });
    }
    const after = await tx.publicPool.findUniqueOrThrow({ where: { id }, include: { members: true } });
    const { members: beforeMembers, ...beforePool } = before;
    const { members: afterMembers, ...afterPool } = after;
    await recordAudit(tx, ctx, { action: 'publicPool.update', entity: { type: 'PublicPool', id }, before: auditShape(beforePool, beforeMembers), after: auditShape(afterPool, afterMembers) });
    return afterPool;
  });
}

const DAY = 86_400_000;
const BATCH = 500;

interface RulePool extends JudgingPool {
  name: string;
  isDefault: boolean;
}

/** Pools with rules of their own, and for each user the non-default ones they are on. */
async function rulePools(prisma: PrismaClient) {
  const rows = await prisma.publicPool.findMany({
    where: { rules: { not: Prisma.DbNull } },
    include: { members: { include: { team: { select: { members: { select: { id: true } } } } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const byUser = new Map<string, RulePool[]>();
  const judging: ReleasingPool[] = [];
  let fallback: RulePool | null = null;
  for (const row of rows) {
    const parsed = poolRulesSchema.safeParse(row.rules);
    if (!parsed.success) continue;
    const pool: RulePool = { id: row.id, name: row.name, isDefault: row.isDefault, createdAt: row.createdAt, rules: parsed.data };
    if (row.isDefault) {
      fallback = pool;
      continue;
    }
    const users = new Set(row.members.flatMap((m) => (m.userId ? [m.userId] : (m.team?.members.map((u) => u.id) ?? []))));
    for (const user of users) byUser.set(user, [...(byUser.get(user) ?? []), pool]);
    judging.push({ rules: pool.rules, userIds: [...users] });
  }
  return { byUser, fallback, judging };
}

/** The customers list's `releaseDueWithinDays`: owned customers some pool's release takes within `days` days. */
export async function releaseDueWithin(prisma: PrismaClient, deployment: CustomerRules['pool'], days: number, now: Date): Promise<Prisma.CustomerWhereInput> {
  const { fallback, judging } = await rulePools(prisma);
  return releaseDueByPoolsWhere(judging, fallback?.rules ?? null, deployment.releaseAfterDays, days, now);
}

const alertParams = (pool: RulePool, extra: Record<string, string | number>) => ({
  ...extra,
  basis: pool.rules.basis,
  poolKind: pool.isDefault ? 'DEFAULT' : 'OTHER',
  pool: pool.name,
});

/**
 * The release job's part for pools with rules of their own: every owned customer whose owner is on
 * such a pool covering its tier (or every owned customer, when the default pool has rules) is judged
 * by chooseRelease; a due one goes, in one transaction, to the pool that judged it (AUTO_RELEASE with
 * the rule and its parameters, CUSTOMER_RELEASED_TO_POOL for the previous owner, the webhook event); a
 * customer within the pool's warnBeforeDays warns its owner once per silence
 * (CUSTOMER_ABOUT_TO_BE_RELEASED, keyed like the default pool's warning). A customer changed since it
 * was read is left for the next run.
 */
export async function judgePoolReleases(
  prisma: PrismaClient,
  deployment: CustomerRules['pool'],
  now: Date,
  hooks: readonly OpenOpportunitiesHook[] = [],
): Promise<{ warned: number; released: number }> {
  void deployment;
  const { byUser, fallback } = await rulePools(prisma);
  let warned = 0;
  let released = 0;
  if (!byUser.size && !fallback) return { warned, released };
  const owners = fallback ? { not: null } : { in: [...byUser.keys()] };
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.customer.findMany({
      where: { ownerId: owners, archivedAt: null },
      orderBy: { id: 'asc' },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        name: true,
        kind: true,
        stage: true,
        tier: true,
        version: true,
        ownerId: true,
        createdAt: true,
        lastContactedAt: true,
        transfers: { select: { at: true }, orderBy: { at: 'desc' }, take: 1 },
        deals: { select: { closedAt: true }, orderBy: { closedAt: 'desc' }, take: 1 },
      },
    });
    if (!batch.length) break;
    cursor = batch[batch.length - 1]!.id;
    const open = new Set<string>();
    for (const hook of hooks) for (const id of await hook(prisma, batch.map((c) => c.id))) open.add(id);
    for (const c of batch) {
      const tier = c.tier as PoolTier;
      const own = (byUser.get(c.ownerId!) ?? []).filter((p) => covers(p.rules, tier));
      const candidates = own.length ? own : fallback && covers(fallback.rules, tier) ? [fallback] : [];
      const facts: ReleaseFacts = {
        tier,
        createdAt: c.createdAt,
        lastContactedAt: c.lastContactedAt,
        lastTransferAt: c.transfers[0]?.at ?? null,
        lastDealAt: c.deals[0]?.closedAt ?? null,
        hasDeal: c.deals.length > 0,
        hasOpenOpportunity: open.has(c.id),
      };
      const choice = chooseRelease(candidates, facts);
      if (!choice) continue;
      const { pool, judgement } = choice;
      if (judgement.dueAt <= now) {
        if (await releaseInto(prisma, c, pool, judgement, now)) released += 1;
      } else if (judgement.warnAt && judgement.warnAt <= now) {
        const { count } = await prisma.alert.createMany({
          skipDuplicates: true,
          data: [
            {
              recipientId: c.ownerId!,
              kind: 'CUSTOMER_ABOUT_TO_BE_RELEASED',
              title: c.name,
              params: alertParams(pool, { customer: c.name, since: judgement.since.getTime(), days: Math.ceil((judgement.dueAt.getTime() - now.getTime()) / DAY) }),
              entityType: 'Customer',
              entityId: c.id,
              fireAt: now,
              dedupeKey: `pool-warning:${c.id}:${judgement.since.toISOString().slice(0, 23)}`,
              createdAt: now,
            },
          ],
        });
        warned += count;
      }
    }
    if (batch.length < BATCH) break;
  }
  return { warned, released };
}

type Judged = { id: string; name: string; kind: string; stage: string; tier: string; version: number; ownerId: string | null };

async function releaseInto(prisma: PrismaClient, c: Judged, pool: RulePool, judgement: { rule: string; params: Record<string, string | number> }, now: Date): Promise<boolean> {
  const poolId = pool.isDefault ? null : pool.id;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.customer.updateMany({ where: { id: c.id, ownerId: c.ownerId, version: c.version }, data: { ownerId: null, poolId, version: { increment: 1 }, updatedAt: now } });
    if (count !== 1) return false;
    const transfer = await tx.customerTransfer.create({
      data: { customerId: c.id, kind: 'AUTO_RELEASE', fromUserId: c.ownerId, toUserId: null, actorId: null, at: now, poolId, rule: judgement.rule, ruleParams: judgement.params, reason: null },
    });
    await tx.alert.createMany({
      skipDuplicates: true,
      data: [
        {
          recipientId: c.ownerId!,
          kind: 'CUSTOMER_RELEASED_TO_POOL',
          title: c.name,
          params: alertParams(pool, { customer: c.name, days: Number(judgement.params.days) }),
          entityType: 'Customer',
          entityId: c.id,
          fireAt: now,
          dedupeKey: `pool-release:${transfer.id}`,
          createdAt: now,
        },
      ],
    });
    const user = (id: string | null) => (id ? globalId('User', id) : null);
    await emitWebhookEvents(
      tx,
      [
        customerEvent('customer.released_to_pool', { ...c, ownerId: null, version: c.version + 1 } as Parameters<typeof customerEvent>[1], {
          transfer: { kind: 'AUTO_RELEASE', fromUserId: user(c.ownerId), toUserId: null, reason: null },
        }),
      ],
      now,
      prisma,
    );
    return true;
  });
}
