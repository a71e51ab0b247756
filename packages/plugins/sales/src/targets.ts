// Sales targets (销售目标): set per rep or per team, metric and period, and split a team target across
// its reps (销售目标分解给销售员, seed 004). Who may set them: `salesTarget.manage` (managers by default,
// admins hold every permission) for the teams they manage and those teams' members; with
// customer.readAll, for anyone. Money targets need customer.viewFinancials.
import { z } from 'zod';
import {
  actingUserId,
  can,
  conflict,
  forbidden,
  InputError,
  isUuid,
  notFound,
  parseInput,
  Prisma,
  recordAudit,
  requirePermission,
  type PermissionDefinition,
  type FieldError,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { calendarDay, requireFinancials } from './access.js';
import type { SalesConfig } from './config.js';
import { periodOf, splitEvenly, splitProblem, type TargetPeriod } from './target-rules.js';
import { sales } from './messages.js';

export type SalesTarget = Prisma.SalesTargetModel;

declare module '@rapport/core' {
  interface PermissionRegistry {
    'salesTarget.manage': true;
  }
}

export const SALES_PERMISSIONS: readonly PermissionDefinition[] = [
  {
    name: 'salesTarget.manage',
    description: 'Set sales targets (销售目标) for the teams one manages and their reps, and split a team target across its reps; with customer.readAll, for every team.',
    roles: ['MANAGER'],
  },
];

export type TargetMetric = 'REVENUE' | 'GROSS_MARGIN' | 'NEW_CUSTOMERS' | 'COLLECTIONS';

/** Money metrics carry a currency and follow customer.viewFinancials; NEW_CUSTOMERS is a count. */
export const isMoneyMetric = (metric: string) => metric !== 'NEW_CUSTOMERS';
const scaleOf = (metric: string) => (isMoneyMetric(metric) ? 2 : 0);

/**
 * Targets a viewer may read: their own, their team's, those of the teams they manage and of those
 * teams' members; every target with customer.readAll.
 */
export function targetsVisibleTo(viewer: Viewer | null | undefined): Prisma.SalesTargetWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return { OR: [] };
  if (can(viewer, 'customer.readAll')) return {};
  return {
    OR: [
      { userId },
      { userId: null, team: { members: { some: { id: userId } } } },
      { team: { managerId: userId } },
      { user: { team: { managerId: userId } } },
    ],
  };
}

const amount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a non-negative amount with at most 2 decimals');

const setInput = z
  .object({
    metric: z.enum(['REVENUE', 'GROSS_MARGIN', 'NEW_CUSTOMERS', 'COLLECTIONS']),
    period: z.enum(['MONTH', 'QUARTER', 'YEAR']),
    /** Any day of the period. */
    day: z.date(),
    userId: z.string().nullish(),
    teamId: z.string().nullish(),
    amount,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').nullish(),
    /** The version read, when the target exists already. */
    version: z.number().int().min(1).nullish(),
  });
export type SetSalesTargetInput = z.input<typeof setInput>;

const splitInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  /** Explicit shares; without them the target is split evenly across the team's active reps. */
  shares: z.array(z.object({ userId: z.string(), amount })).max(200).nullish(),
});
export type SplitSalesTargetInput = z.input<typeof splitInput>;

/** FORBIDDEN unless the viewer may set targets for this team (or this rep, of this team). */
async function requireManages(ctx: ServiceContext, teamId: string | null): Promise<void> {
  requirePermission(ctx.viewer, 'salesTarget.manage');
  if (can(ctx.viewer, 'customer.readAll')) return;
  const userId = actingUserId(ctx.viewer);
  const team = teamId ? await ctx.prisma.team.findUnique({ where: { id: teamId }, select: { managerId: true } }) : null;
  if (!userId || !team || team.managerId !== userId) throw forbidden('Only the manager of the team (or someone with customer.readAll) may set its targets');
}

/**
 * Sets (creates or changes) the target of one rep or one team for a metric and period — the period
 * the given day falls in. Changing an existing one needs its `version`.
 */
export async function setSalesTarget(ctx: ServiceContext, config: SalesConfig, input: SetSalesTargetInput): Promise<SalesTarget> {
  const fields = parseInput(setInput, input);
  requirePermission(ctx.viewer, 'salesTarget.manage');
  if (isMoneyMetric(fields.metric)) requireFinancials(ctx.viewer, ['amount']);
  if (!fields.userId === !fields.teamId) {
    sales.refuse(fields.userId ? 'teamId' : 'userId', 'sales.target.oneOwner', {}, 'INVALID');
  }
  let teamId: string | null;
  if (fields.userId) {
    const user = isUuid(fields.userId) ? await ctx.prisma.user.findUnique({ where: { id: fields.userId }, select: { teamId: true, active: true } }) : null;
    if (!user) sales.refuse('userId', 'sales.noSuchUser', {}, 'NOT_FOUND');
    teamId = user.teamId;
  } else {
    const team = isUuid(fields.teamId!) ? await ctx.prisma.team.findUnique({ where: { id: fields.teamId! }, select: { id: true } }) : null;
    if (!team) sales.refuse('teamId', 'sales.noSuchTeam', {}, 'NOT_FOUND');
    teamId = team.id;
  }
  await requireManages(ctx, teamId);
  const value = new Prisma.Decimal(fields.amount);
  if (!isMoneyMetric(fields.metric) && !value.isInteger()) sales.refuse('amount', 'sales.target.wholeCount', {}, 'INVALID');
  const range = periodOf(fields.period as TargetPeriod, fields.day);
  const subjectId = (fields.userId ?? teamId)!;
  const currency = isMoneyMetric(fields.metric) ? (fields.currency ?? config.defaultCurrency) : null;
  const key = { subjectId, metric: fields.metric, period: fields.period, periodStart: range.start };
  const read = await ctx.prisma.salesTarget.findUnique({ where: { subjectId_metric_period_periodStart: key } });
  if (read && read.version !== fields.version) throw conflict('SalesTarget', read.version);
  const now = ctx.clock.now();
  const setById = actingUserId(ctx.viewer);
  return ctx.prisma.$transaction(async (tx) => {
    if (!read) {
      const created = await tx.salesTarget.create({
        data: { ...key, periodEnd: range.end, userId: fields.userId ?? null, teamId, amount: value, currency, setById, createdAt: now },
      });
      await recordAudit(tx, ctx, { action: 'salesTarget.set', entity: { type: 'SalesTarget', id: created.id }, after: created });
      return created;
    }
    const { count } = await tx.salesTarget.updateMany({
      where: { id: read.id, version: read.version },
      data: { amount: value, currency, teamId, setById, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('SalesTarget', read.version + 1);
    const after = await tx.salesTarget.findUniqueOrThrow({ where: { id: read.id } });
    await recordAudit(tx, ctx, { action: 'salesTarget.set', entity: { type: 'SalesTarget', id: read.id }, before: read, after });
    return after;
  });
}

/**
 * Splits a team target across reps of the team: one rep target each (same metric, period and
 * currency; `splitFrom` the team target), the shares adding up to exactly the team's amount. Without
 * shares, evenly across the team's active SALES and MANAGER members (the leftover cents to the first by
 * name). Rep targets an earlier split made and this one leaves out are removed. One transaction.
 */
export async function splitSalesTarget(ctx: ServiceContext, input: SplitSalesTargetInput): Promise<{ target: SalesTarget; shares: SalesTarget[] }> {
  const fields = parseInput(splitInput, input);
  requirePermission(ctx.viewer, 'salesTarget.manage');
  const team = isUuid(fields.id) ? await ctx.prisma.salesTarget.findFirst({ where: { AND: [{ id: fields.id }, targetsVisibleTo(ctx.viewer)] } }) : null;
  if (!team) throw notFound('SalesTarget');
  if (team.userId || !team.teamId) sales.refuse('id', 'sales.target.onlyTeamSplit', {}, 'CONFLICT');
  if (isMoneyMetric(team.metric)) requireFinancials(ctx.viewer, ['shares']);
  await requireManages(ctx, team.teamId);
  if (team.version !== fields.version) throw conflict('SalesTarget', team.version);
  const members = await ctx.prisma.user.findMany({
    where: { teamId: team.teamId, active: true },
    select: { id: true, role: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const memberIds = new Set(members.map((m) => m.id));
  const scale = scaleOf(team.metric);
  let shares: Array<{ userId: string; amount: Prisma.Decimal }>;
  if (fields.shares?.length) {
    const seen = new Set<string>();
    const problems = fields.shares.flatMap((s, i): FieldError[] => {
      if (!memberIds.has(s.userId)) return [sales.field(`shares.${i}.userId`, 'sales.target.notTeamMember', {}, 'NOT_ALLOWED_VALUE')];
      if (seen.has(s.userId)) return [sales.field(`shares.${i}.userId`, 'sales.target.repTwice', {}, 'DUPLICATE')];
      seen.add(s.userId);
      return [];
    });
    if (problems.length) throw new InputError(problems);
    shares = fields.shares.map((s) => ({ userId: s.userId, amount: new Prisma.Decimal(s.amount) }));
    const problem = splitProblem(team.amount, shares.map((s) => s.amount), scale);
    if (problem) sales.refuse(problem.index === null ? 'shares' : `shares.${problem.index}.amount`, problem.key, problem.params, 'INVALID');
  } else {
    const reps = members.filter((m) => m.role === 'SALES' || m.role === 'MANAGER');
    if (reps.length === 0) sales.refuse('shares', 'sales.target.noReps', {}, 'INVALID');
    const even = splitEvenly(team.amount, reps.length, scale);
    shares = reps.map((r, i) => ({ userId: r.id, amount: even[i]! }));
  }
  const now = ctx.clock.now();
  const setById = actingUserId(ctx.viewer);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.salesTarget.updateMany({ where: { id: team.id, version: team.version }, data: { version: { increment: 1 }, setById } });
    if (count === 0) throw conflict('SalesTarget', team.version + 1);
    const keep = shares.map((s) => s.userId);
    const dropped = await tx.salesTarget.findMany({ where: { splitFromId: team.id, userId: { notIn: keep } } });
    if (dropped.length) await tx.salesTarget.deleteMany({ where: { id: { in: dropped.map((d) => d.id) } } });
    const written: SalesTarget[] = [];
    for (const share of shares) {
      const key = { subjectId: share.userId, metric: team.metric, period: team.period, periodStart: team.periodStart };
      written.push(
        await tx.salesTarget.upsert({
          where: { subjectId_metric_period_periodStart: key },
          create: { ...key, periodEnd: team.periodEnd, userId: share.userId, teamId: team.teamId, amount: share.amount, currency: team.currency, splitFromId: team.id, setById, createdAt: now },
          update: { amount: share.amount, currency: team.currency, teamId: team.teamId, splitFromId: team.id, setById, version: { increment: 1 } },
        }),
      );
    }
    const after = await tx.salesTarget.findUniqueOrThrow({ where: { id: team.id } });
    await recordAudit(tx, ctx, {
      action: 'salesTarget.split',
      entity: { type: 'SalesTarget', id: team.id },
      before: team,
      after: { ...after, shares: written.map((w) => ({ userId: w.userId, amount: w.amount })), removed: dropped.map((d) => d.userId) },
    });
    return { target: after, shares: written };
  });
}

/** The period a target input names, for callers that list targets by a day. */
export function targetPeriodOf(period: TargetPeriod, day: Date | null | undefined, now: Date, timeZone: string) {
  return periodOf(period, day ?? calendarDay(now, timeZone));
}
