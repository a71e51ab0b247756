import {
  customerCode,
  isUuid,
  notFound,
  OpportunityStatus,
  prismaDirection,
  rawId,
  requirePermission,
  type CoreRefs,
  type Prisma,
  type RapportBuilder,
  type Viewer,
  connectionOf,
} from '@rapport/core';
import { catalogVisibleTo, money, throughCustomer } from './access.js';
import { opportunityListWhere } from './opportunity-list.js';
import type { SalesConfig } from './config.js';
import { salesForecast, type ForecastDimension, type ForecastPeriod } from './forecast.js';
import { pipelineBoard } from './board.js';
import { effectiveProbability } from './pipelines.js';

/** Pipelines, opportunities with their history and timeline, the board and the forecast. */
export function registerOpportunityTypes(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig) {
  const Status = builder.enumType(OpportunityStatus, {
    name: 'OpportunityStatus',
    description: 'OPEN while worked through the stages; WON or LOST once it reached the closing stage.',
  });

  const SalesPipeline = builder.prismaNode('SalesPipeline', {
    id: { field: 'id' },
    description: 'A business type with its own sales stages (销售阶段组). Every member of staff may read pipelines.',
    findUnique: (id, ctx) => ({ id, ...catalogVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      name: t.exposeString('name'),
      isDefault: t.exposeBoolean('isDefault', { description: 'New opportunities without a pipeline go here.' }),
      active: t.exposeBoolean('active', { description: 'Inactive pipelines take no new opportunities.' }),
      version: t.exposeInt('version'),
      stages: t.relation('stages', { query: () => ({ orderBy: { position: 'asc' } }) }),
    }),
  });

  const PipelineStage = builder.prismaNode('PipelineStage', {
    id: { field: 'id' },
    description: 'One stage of a pipeline; reaching the WON or LOST stage closes the opportunity.',
    findUnique: (id, ctx) => ({ id, ...catalogVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      key: t.exposeString('key'),
      name: t.exposeString('name'),
      position: t.exposeInt('position'),
      probability: t.exposeInt('probability', { description: 'Percent chance of winning in this stage, unless the opportunity overrides it.' }),
      outcome: t.expose('outcome', { type: Status, description: 'OPEN for working stages; WON or LOST for the closing ones.' }),
      pipeline: t.relation('pipeline'),
    }),
  });

  const StageChange = builder.prismaObject('OpportunityStageChange', {
    description: 'A stage change: from where to where, by whom, when.',
    fields: (t) => ({
      fromStage: t.relation('fromStage', { nullable: true, description: 'Null when the opportunity was created.' }),
      toStage: t.relation('toStage'),
      changedBy: t.relation('changedBy', { nullable: true }),
      note: t.exposeString('note', { nullable: true }),
      changedAt: t.expose('changedAt', { type: 'DateTime' }),
    }),
  });

  const TimelineKind = builder.enumType('OpportunityTimelineKind', { values: ['STAGE_CHANGE', 'ACTIVITY'] as const });
  type TimelineEntry = { at: Date; kind: 'STAGE_CHANGE' | 'ACTIVITY'; stageChange?: object; activity?: object };
  const TimelineEntryRef = builder.objectRef<TimelineEntry>('OpportunityTimelineEntry').implement({
    description: 'One line of the timeline: a stage change or a linked activity.',
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime' }),
      kind: t.expose('kind', { type: TimelineKind }),
      stageChange: t.field({ type: StageChange, nullable: true, resolve: (e) => (e.stageChange as never) ?? null }),
      activity: t.field({ type: refs.Activity, nullable: true, resolve: (e) => (e.activity as never) ?? null }),
    }),
  });

  const Opportunity = builder.prismaNode('Opportunity', {
    id: { field: 'id' },
    description: "A chance to sell to a customer (销售机会), visible with its customer. Amounts are null without customer.viewFinancials.",
    findUnique: (id, ctx) => ({ id, ...throughCustomer(ctx.viewer) }),
    fields: (t) => ({
      number: t.exposeInt('number'),
      code: t.string({ description: 'Readable unique code, e.g. OPP-000123.', resolve: (o) => customerCode(config.opportunityCodePrefix, o.number) }),
      name: t.exposeString('name'),
      customer: t.relation('customer'),
      contact: t.relation('contact', { nullable: true }),
      pipeline: t.relation('pipeline'),
      stage: t.relation('stage'),
      status: t.expose('status', { type: Status }),
      amount: t.field({ type: 'Decimal', nullable: true, description: 'Null without customer.viewFinancials.', resolve: (o, _a, ctx) => money(ctx.viewer, o.amount) }),
      currency: t.exposeString('currency', { description: 'ISO 4217, e.g. CNY.' }),
      probability: t.int({
        description: 'Percent chance of winning: the override, else the stage’s; 100 when WON, 0 when LOST.',
        select: { stage: { select: { probability: true } } },
        resolve: (o) => effectiveProbability(o, o.stage),
      }),
      probabilityOverride: t.exposeInt('probability', { nullable: true, description: 'Set by updateOpportunity; null: the stage’s probability.' }),
      weightedAmount: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'amount × probability, to the cent. Null without customer.viewFinancials.',
        select: { stage: { select: { probability: true } } },
        resolve: (o, _a, ctx) => money(ctx.viewer, o.amount.mul(effectiveProbability(o, o.stage)).div(100).toDecimalPlaces(2)),
      }),
      expectedCloseDate: t.expose('expectedCloseDate', { type: 'Date' }),
      source: t.exposeString('source', { nullable: true }),
      competitor: t.exposeString('competitor', { nullable: true }),
      lostReason: t.exposeString('lostReason', { nullable: true }),
      owner: t.relation('owner'),
      team: t.relation('team', { nullable: true, description: "The owner's team when the owner was set." }),
      deal: t.relation('deal', { nullable: true, description: "The customer's deal fact recorded when it was won." }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
      lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime', description: 'Latest linked activity or stage change.' }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      stageHistory: t.relation('stageChanges', { description: 'Oldest first.', query: () => ({ orderBy: [{ changedAt: 'asc' }, { seq: 'asc' }] }) }),
      activities: t.field({
        type: [refs.Activity],
        description: 'Linked activities (calls, visits, tasks, …), newest first.',
        select: (_args, _ctx, nested) => ({ activityLinks: { include: { activity: nested() }, orderBy: [{ activity: { createdAt: 'desc' } }] } }),
        resolve: (o) => o.activityLinks.map((l) => l.activity),
      }),
      timeline: t.field({
        type: [TimelineEntryRef],
        description: 'Stage changes and linked activities, oldest first.',
        select: {
          stageChanges: { include: { fromStage: true, toStage: true, changedBy: true } },
          activityLinks: { include: { activity: true } },
        },
        resolve: (o) =>
          [
            ...o.stageChanges.map((c) => ({ at: c.changedAt, kind: 'STAGE_CHANGE' as const, stageChange: c, seq: c.seq })),
            ...o.activityLinks.map((l) => ({ at: l.activity.completedAt ?? l.activity.createdAt, kind: 'ACTIVITY' as const, activity: l.activity, seq: 0 })),
          ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq),
      }),
    }),
  });

  builder.prismaObjectField(refs.Customer, 'opportunities', (t) =>
    t.relatedConnection('opportunities', {
      cursor: 'id',
      totalCount: true,
      description: 'Sales opportunities, newest first.',
      args: { status: t.arg({ type: [Status] }) },
      query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }, connectionOf(builder, 'Opportunity')),
  );
  builder.prismaObjectField(refs.Activity, 'opportunities', (t) =>
    t.field({
      type: [Opportunity],
      description: 'Opportunities whose timeline shows this activity.',
      select: (_args, _ctx, nested) => ({ opportunityLinks: { include: { opportunity: nested() } } }),
      resolve: (a) => a.opportunityLinks.map((l) => l.opportunity),
    }),
  );

  const OpportunityFilter = builder.inputType('OpportunityFilter', {
    fields: (t) => ({
      status: t.field({ type: [Status] }),
      pipelineId: t.globalID({ for: SalesPipeline }),
      stageIds: t.globalIDList({ for: PipelineStage }),
      ownerIds: t.globalIDList({ for: refs.User }),
      teamIds: t.globalIDList({ for: refs.Team }),
      customerId: t.globalID({ for: refs.Customer }),
      expectedCloseFrom: t.field({ type: 'Date', description: 'Expected close on or after this day.' }),
      expectedCloseBefore: t.field({ type: 'Date', description: 'Expected close before this day.' }),
      search: t.string({ description: 'Name containing the text.' }),
    }),
  });
  const OrderField = builder.enumType('OpportunityOrderField', { values: ['CREATED_AT', 'EXPECTED_CLOSE_DATE', 'AMOUNT', 'LAST_ACTIVITY_AT'] as const });
  const OpportunityOrder = builder.inputType('OpportunityOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true, description: 'Ordering by AMOUNT needs customer.viewFinancials.' }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC' }),
    }),
  });
  const ORDER = { CREATED_AT: 'createdAt', EXPECTED_CLOSE_DATE: 'expectedCloseDate', AMOUNT: 'amount', LAST_ACTIVITY_AT: 'lastActivityAt' } as const;

  const where = opportunityListWhere;

  const ForecastDimensionRef = builder.enumType('ForecastDimension', { values: ['OWNER', 'TEAM', 'PERIOD'] as const });
  const ForecastPeriodRef = builder.enumType('ForecastPeriod', { values: ['MONTH', 'QUARTER', 'YEAR'] as const });
  const ForecastInput = builder.inputType('SalesForecastInput', {
    fields: (t) => ({
      from: t.field({ type: 'Date', required: true, description: 'Expected close on or after this day.' }),
      to: t.field({ type: 'Date', required: true, description: 'Expected close before this day.' }),
      groupBy: t.field({ type: [ForecastDimensionRef], required: true, description: 'Any of OWNER, TEAM, PERIOD; empty: one row per currency.' }),
      period: t.field({ type: ForecastPeriodRef, defaultValue: 'MONTH' }),
      pipelineId: t.globalID({ for: SalesPipeline }),
    }),
  });
  type ForecastRowShape = Awaited<ReturnType<typeof salesForecast>>[number] & { viewer: Viewer | null };
  const ForecastRow = builder.objectRef<ForecastRowShape>('SalesForecastRow').implement({
    description: 'Open opportunities expected to close in the range, for one group and currency.',
    fields: (t) => ({
      owner: t.field({ type: refs.User, nullable: true, resolve: (r, _a, ctx) => (r.ownerId ? ctx.prisma.user.findUnique({ where: { id: r.ownerId } }) : null) }),
      team: t.field({ type: refs.Team, nullable: true, resolve: (r, _a, ctx) => (r.teamId ? ctx.prisma.team.findUnique({ where: { id: r.teamId } }) : null) }),
      periodStart: t.field({ type: 'Date', nullable: true, resolve: (r) => r.periodStart }),
      currency: t.exposeString('currency'),
      opportunities: t.exposeInt('opportunities'),
      amount: t.field({ type: 'Decimal', nullable: true, description: 'Unweighted; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.amount) }),
      weightedAmount: t.field({ type: 'Decimal', nullable: true, description: 'Weighted by probability; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.weightedAmount) }),
    }),
  });

  type BoardStage = Awaited<ReturnType<typeof pipelineBoard>>[number] & { viewer: Viewer | null };
  const BoardColumn = builder.objectRef<BoardStage>('PipelineBoardColumn').implement({
    description: 'One stage of the pipeline board with the opportunities you may see in it.',
    fields: (t) => ({
      stage: t.field({ type: PipelineStage, resolve: (c) => c.stage as never }),
      opportunities: t.exposeInt('count'),
      amount: t.field({ type: 'Decimal', nullable: true, description: 'Null without customer.viewFinancials.', resolve: (c) => money(c.viewer, c.amount) }),
      weightedAmount: t.field({ type: 'Decimal', nullable: true, description: 'Null without customer.viewFinancials.', resolve: (c) => money(c.viewer, c.weightedAmount) }),
      top: t.field({ type: [Opportunity], description: 'Up to `top` opportunities in the stage, by expected close date.', resolve: (c) => c.top as never }),
    }),
  });

  builder.queryFields((t) => ({
    salesPipelines: t.prismaField({
      type: [SalesPipeline],
      args: { includeInactive: t.arg.boolean({ defaultValue: false }) },
      description: 'The pipelines (business types), the default first.',
      resolve: (query, _root, args, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        return ctx.prisma.salesPipeline.findMany({ ...query, where: args.includeInactive ? {} : { active: true }, orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
      },
    }),
    opportunities: t.prismaConnection(
      {
        type: 'Opportunity',
        cursor: 'id',
        description: 'Opportunities of customers you may see; newest first unless ordered otherwise.',
        args: { filter: t.arg({ type: OpportunityFilter }), orderBy: t.arg({ type: OpportunityOrder }) },
        resolve: (query, _root, args, ctx) => {
          if (args.orderBy?.field === 'AMOUNT') requirePermission(ctx.viewer, 'customer.viewFinancials');
          const direction = prismaDirection(args.orderBy?.direction, 'desc');
          return ctx.prisma.opportunity.findMany({
            ...query,
            where: where(args.filter, ctx.viewer),
            orderBy: [{ [ORDER[args.orderBy?.field ?? 'CREATED_AT']]: direction }, { id: direction }],
          });
        },
        totalCount: (_c, args, ctx) => ctx.prisma.opportunity.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'Opportunity'),
    ),
    opportunity: t.prismaField({
      nullable: true,
      type: 'Opportunity',
      args: { id: t.arg.globalID({ required: true, for: Opportunity }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.opportunity.findFirst({ ...query, where: { id: args.id.id, ...throughCustomer(ctx.viewer) } }) : null;
        if (!found) throw notFound('Opportunity');
        return found;
      },
    }),
    pipelineBoard: t.field({
      type: [BoardColumn],
      description: 'The pipeline as a board: each stage with its count, amounts and first opportunities (a fixed number of statements).',
      args: {
        pipelineId: t.arg.globalID({ for: SalesPipeline, description: 'Default: the default pipeline.' }),
        top: t.arg.int({ defaultValue: 5, description: 'Opportunities shown per stage, 0–50.' }),
        ownerIds: t.arg.globalIDList({ for: refs.User }),
      },
      resolve: async (_root, args, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const columns = await pipelineBoard(ctx.prisma, ctx.viewer, {
          pipelineId: rawId(args.pipelineId) ?? null,
          top: Math.max(0, Math.min(50, args.top ?? 5)),
          ownerIds: args.ownerIds?.map((o) => o.id).filter(isUuid) ?? null,
        });
        return columns.map((c) => ({ ...c, viewer: ctx.viewer }));
      },
    }),
    salesForecast: t.field({
      type: [ForecastRow],
      description: 'Weighted and unweighted forecast of open opportunities by owner, team and/or period (one SQL statement).',
      args: { input: t.arg({ type: ForecastInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const rows = await salesForecast(ctx.prisma, ctx.viewer, {
          from: input.from,
          to: input.to,
          groupBy: input.groupBy as ForecastDimension[],
          period: (input.period ?? 'MONTH') as ForecastPeriod,
          pipelineId: input.pipelineId && isUuid(input.pipelineId.id) ? input.pipelineId.id : null,
        });
        return rows.map((r) => ({ ...r, viewer: ctx.viewer }));
      },
    }),
  }));

  return { Status, SalesPipeline, PipelineStage, Opportunity, StageChange };
}

export type OpportunityRefs = ReturnType<typeof registerOpportunityTypes>;
