import {
  connectionOf,
  isUuid,
  notFound,
  payloadMutation,
  rawId,
  SalesTargetMetric,
  SalesTargetPeriod,
  type CoreRefs,
  type Prisma,
  type RapportBuilder,
  type RapportContext,
  type Viewer,
} from '@rapport/core';
import { money } from './access.js';
import { batch } from './batch.js';
import type { SalesConfig } from './config.js';
import { targetProgress } from './reports.js';
import { percentOf } from './target-rules.js';
import { isMoneyMetric, setSalesTarget, splitSalesTarget, targetsVisibleTo, type SalesTarget as SalesTargetRow } from './targets.js';

/** Sales targets (销售目标) with their progress, setting and splitting them. */
export function registerTargetSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig) {
  const Metric = builder.enumType(SalesTargetMetric, {
    name: 'SalesTargetMetric',
    description: 'What a sales target measures: REVENUE, GROSS_MARGIN, COLLECTIONS (money, in the target’s currency) or NEW_CUSTOMERS (a count).',
  });
  const Period = builder.enumType(SalesTargetPeriod, {
    name: 'SalesTargetPeriod',
    description: 'Calendar month, quarter or year, cut in the deployment’s time zone (pluginConfig.sales.timeZone).',
  });

  // Progress of every target a request shows is computed in one statement.
  const progressOf = (t: SalesTargetRow, ctx: RapportContext) =>
    batch(ctx, 'sales-target-progress', t, (rows) => targetProgress(ctx.prisma, ctx.viewer, rows, config.timeZone));
  /** A money target's figure as this viewer may read it; counts always. */
  const figure = (t: SalesTargetRow, viewer: Viewer | null, value: Prisma.Decimal) => (isMoneyMetric(t.metric) ? money(viewer, value) : value.toFixed(0));

  const SalesTarget = builder.prismaNode('SalesTarget', {
    id: { field: 'id' },
    description:
      'A sales target for one rep or one team over a month, quarter or year, with its progress from the facts you may see (customer row rule). Money figures are null without customer.viewFinancials.',
    findUnique: (id, ctx) => ({ id, ...targetsVisibleTo(ctx.viewer) }) as Prisma.SalesTargetWhereUniqueInput,
    fields: (t) => ({
      metric: t.expose('metric', { type: Metric }),
      period: t.expose('period', { type: Period }),
      periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period.' }),
      periodEnd: t.expose('periodEnd', { type: 'Date', description: 'The day after the period’s last day.' }),
      user: t.relation('user', { nullable: true, description: 'The rep; null for a team target.' }),
      team: t.relation('team', { nullable: true, description: 'The team of a team target; for a rep’s, the rep’s team when it was set.' }),
      amount: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'The target: money in `currency` (null without customer.viewFinancials), or a count of new customers.',
        resolve: (r, _a, ctx) => figure(r, ctx.viewer, r.amount),
      }),
      currency: t.exposeString('currency', { nullable: true, description: 'ISO 4217 for money metrics; null for NEW_CUSTOMERS.' }),
      achieved: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'Reached so far in the period, from the facts you may see (README, Targets and reports).',
        resolve: async (r, _a, ctx) => figure(r, ctx.viewer, (await progressOf(r, ctx))!.achieved),
      }),
      remaining: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'What is still missing to the target (0 once reached).',
        resolve: async (r, _a, ctx) => {
          const left = r.amount.sub((await progressOf(r, ctx))!.achieved);
          return figure(r, ctx.viewer, left.isNegative() ? left.mul(0) : left);
        },
      }),
      percentAchieved: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'achieved ÷ amount in percent, to two decimals; null for a zero target or without customer.viewFinancials for money.',
        resolve: async (r, _a, ctx) => {
          const pct = percentOf((await progressOf(r, ctx))!.achieved, r.amount);
          return pct && (isMoneyMetric(r.metric) ? money(ctx.viewer, pct) : pct);
        },
      }),
      forecastAmount: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'REVENUE only: achieved plus the open opportunities expected to close in the period, unweighted (forecast vs target).',
        resolve: async (r, _a, ctx) => {
          if (r.metric !== 'REVENUE') return null;
          const p = (await progressOf(r, ctx))!;
          return money(ctx.viewer, p.achieved.add(p.openAmount));
        },
      }),
      forecastWeighted: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'REVENUE only: achieved plus those open opportunities weighted by probability (each rounded to the cent).',
        resolve: async (r, _a, ctx) => {
          if (r.metric !== 'REVENUE') return null;
          const p = (await progressOf(r, ctx))!;
          return money(ctx.viewer, p.achieved.add(p.openWeighted));
        },
      }),
      splitFrom: t.relation('splitFrom', { nullable: true, description: 'The team target this rep’s target was split from.' }),
      splits: t.relation('splits', {
        description: 'The rep targets this team target was split into, by rep name.',
        query: (_a, ctx) => ({ where: targetsVisibleTo(ctx.viewer), orderBy: [{ user: { name: 'asc' } }, { id: 'asc' }] }),
      }),
      setBy: t.relation('setBy', { nullable: true, description: 'Who set it last.' }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is STALE_VERSION.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  const Filter = builder.inputType('SalesTargetFilter', {
    description: 'Which targets to list; all given conditions hold.',
    fields: (t) => ({
      period: t.field({ type: Period, description: 'Only targets of this period length.' }),
      day: t.field({ type: 'Date', description: 'Only targets whose period contains this day.' }),
      metric: t.field({ type: [Metric], description: 'Only these metrics.' }),
      userIds: t.globalIDList({ for: refs.User, description: 'Only these reps’ targets.' }),
      teamIds: t.globalIDList({ for: refs.Team, description: 'Only targets of these teams (team targets and their reps’).' }),
      teamTargetsOnly: t.boolean({ description: 'true: only team targets; false: only reps’ targets.' }),
    }),
  });
  const where = (filter: typeof Filter.$inferInput | null | undefined, viewer: Viewer | null): Prisma.SalesTargetWhereInput => {
    const and: Prisma.SalesTargetWhereInput[] = [targetsVisibleTo(viewer)];
    const ids = (list: Array<{ id: string }> | null | undefined) => list?.map((x) => x.id).filter(isUuid) ?? [];
    if (filter?.period) and.push({ period: filter.period });
    if (filter?.day) and.push({ periodStart: { lte: filter.day }, periodEnd: { gt: filter.day } });
    if (filter?.metric?.length) and.push({ metric: { in: filter.metric } });
    if (filter?.userIds?.length) and.push({ userId: { in: ids(filter.userIds) } });
    if (filter?.teamIds?.length) and.push({ teamId: { in: ids(filter.teamIds) } });
    if (filter?.teamTargetsOnly != null) and.push({ userId: filter.teamTargetsOnly ? null : { not: null } });
    return { AND: and };
  };
  const order = [{ periodStart: 'asc' as const }, { metric: 'asc' as const }, { userId: { sort: 'asc' as const, nulls: 'first' as const } }, { id: 'asc' as const }];

  builder.queryFields((t) => ({
    salesTargets: t.prismaConnection(
      {
        type: 'SalesTarget',
        cursor: 'id',
        description: 'Targets you may see (yours, your team’s, the teams you manage and their reps’; all with customer.readAll), by period, metric, team first.',
        args: { filter: t.arg({ type: Filter }) },
        resolve: (query, _root, args, ctx) => ctx.prisma.salesTarget.findMany({ ...query, where: where(args.filter, ctx.viewer), orderBy: order }),
        totalCount: (_c, args, ctx) => ctx.prisma.salesTarget.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'SalesTarget'),
    ),
    salesTarget: t.prismaField({
      type: 'SalesTarget',
      nullable: true,
      description: 'One target, when you may see it.',
      args: { id: t.arg.globalID({ required: true, for: SalesTarget }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.salesTarget.findFirst({ ...query, where: { AND: [{ id: args.id.id }, targetsVisibleTo(ctx.viewer)] } }) : null;
        if (!found) throw notFound('SalesTarget');
        return found;
      },
    }),
  }));

  const SetInput = builder.inputType('SetSalesTargetInput', {
    description: 'The target of one rep or one team for a metric and the period a day falls in.',
    fields: (t) => ({
      metric: t.field({ type: Metric, required: true }),
      period: t.field({ type: Period, required: true }),
      day: t.field({ type: 'Date', required: true, description: 'Any day of the period (e.g. 2026-10-01 for Q4 2026).' }),
      userId: t.globalID({ for: refs.User, description: 'The rep (exactly one of userId and teamId).' }),
      teamId: t.globalID({ for: refs.Team, description: 'The team (exactly one of userId and teamId).' }),
      amount: t.field({ type: 'Decimal', required: true, description: 'Money (2 decimals) or, for NEW_CUSTOMERS, a whole number.' }),
      currency: t.string({ description: 'ISO 4217 for money metrics; default pluginConfig.sales.defaultCurrency.' }),
      version: t.int({ description: 'The version read, when changing an existing target.' }),
    }),
  });
  payloadMutation(builder, 'setSalesTarget', {
    description: 'Sets a rep’s or a team’s target (creates it, or changes it given its version); needs salesTarget.manage for that team.',
    input: SetInput,
    result: { target: SalesTarget },
    resolve: async (input, ctx) => ({
      target: await setSalesTarget(ctx, config, {
        metric: input.metric,
        period: input.period,
        day: input.day,
        userId: rawId(input.userId),
        teamId: rawId(input.teamId),
        amount: input.amount,
        currency: input.currency,
        version: input.version,
      }),
    }),
  });

  const ShareInput = builder.inputType('SalesTargetShareInput', {
    description: 'One rep’s share of a team target.',
    fields: (t) => ({
      userId: t.globalID({ for: refs.User, required: true, description: 'A rep of the team.' }),
      amount: t.field({ type: 'Decimal', required: true, description: 'Their share (whole numbers for NEW_CUSTOMERS).' }),
    }),
  });
  const SplitInput = builder.inputType('SplitSalesTargetInput', {
    description: 'A team target and how to split it across the team’s reps.',
    fields: (t) => ({
      id: t.globalID({ for: SalesTarget, required: true, description: 'The team target.' }),
      version: t.int({ required: true, description: 'The version read.' }),
      shares: t.field({ type: [ShareInput], description: 'Shares adding up to exactly the team target; omitted: evenly across the active reps.' }),
    }),
  });
  payloadMutation(builder, 'splitSalesTarget', {
    description: 'Splits a team target into rep targets whose amounts add up exactly to it (销售目标分解); reps an earlier split named and this one leaves out lose theirs.',
    input: SplitInput,
    result: { target: SalesTarget, shares: [SalesTarget] as never },
    resolve: async (input, ctx) => {
      const { target, shares } = await splitSalesTarget(ctx, {
        id: input.id.id,
        version: input.version,
        shares: input.shares?.map((s) => ({ userId: s.userId.id, amount: s.amount })) ?? null,
      });
      return { target, shares: shares as never };
    },
  });

  return { SalesTarget, Metric, Period };
}
