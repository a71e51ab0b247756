import type { CoreRefs, RapportBuilder } from '@rapport/core';
import {
  checkMetricsFilter,
  openByPriority,
  openByStatus,
  overallStats,
  statsPerAgent,
  statsPerPeriod,
  statsPerTeam,
  type MetricsFilter,
  type TicketStats,
} from './metrics.js';
import type { TicketRefs } from './schema.js';

/** Each field of TicketMetrics runs its own aggregate query, only when asked for. */
export function registerMetricsSchema(builder: RapportBuilder, refs: CoreRefs, { Status, Priority }: TicketRefs) {
  const Period = builder.enumType('TicketMetricsPeriod', { values: ['DAY', 'WEEK', 'MONTH'] as const });

  const Filter = builder.inputType('TicketMetricsFilter', {
    fields: (t) => ({
      from: t.field({ type: 'DateTime', description: 'Tickets opened at or after this instant.' }),
      to: t.field({ type: 'DateTime', description: 'Tickets opened before this instant.' }),
      teamIds: t.globalIDList({ for: refs.Team, description: 'In the queue of any of these teams.' }),
      assigneeIds: t.globalIDList({ for: refs.User }),
    }),
  });

  const Stats = builder.objectRef<TicketStats>('TicketStats').implement({
    fields: (t) => ({
      tickets: t.exposeInt('tickets', { description: 'Tickets opened.' }),
      open: t.exposeInt('open', { description: 'Of those, still NEW, OPEN or PENDING.' }),
      resolved: t.exposeInt('resolved', { description: 'Of those, resolved (or resolved and closed).' }),
      breached: t.exposeInt('breached', { description: 'Of those, missed the first-response or resolution target.' }),
      breachRate: t.exposeFloat('breachRate', { nullable: true, description: 'breached / tickets.' }),
      averageFirstResponseSeconds: t.exposeFloat('averageFirstResponseSeconds', {
        nullable: true,
        description: 'From opening to the first response, over the tickets answered.',
      }),
      averageResolutionSeconds: t.exposeFloat('averageResolutionSeconds', {
        nullable: true,
        description: 'From opening to the (latest) resolution, over the tickets resolved.',
      }),
      rated: t.exposeInt('rated'),
      satisfactionAverage: t.exposeFloat('satisfactionAverage', { nullable: true, description: 'Mean rating, 1 to 5.' }),
    }),
  });

  const StatusCount = builder.objectRef<{ status: typeof Status.$inferType; count: number }>('TicketStatusCount').implement({
    fields: (t) => ({ status: t.expose('status', { type: Status }), count: t.exposeInt('count') }),
  });
  const PriorityCount = builder.objectRef<{ priority: typeof Priority.$inferType; count: number }>('TicketPriorityCount').implement({
    fields: (t) => ({ priority: t.expose('priority', { type: Priority }), count: t.exposeInt('count') }),
  });
  const AgentStats = builder
    .objectRef<Awaited<ReturnType<typeof statsPerAgent>>[number]>('TicketAgentStats')
    .implement({
      fields: (t) => ({
        agent: t.field({ type: refs.User, nullable: true, description: 'Null: unassigned tickets.', resolve: (row) => row.agent }),
        stats: t.field({ type: Stats, resolve: (row) => row.stats }),
      }),
    });
  const TeamStats = builder.objectRef<Awaited<ReturnType<typeof statsPerTeam>>[number]>('TicketTeamStats').implement({
    fields: (t) => ({
      team: t.field({ type: refs.Team, nullable: true, description: 'Null: tickets in no queue.', resolve: (row) => row.team }),
      stats: t.field({ type: Stats, resolve: (row) => row.stats }),
    }),
  });
  const PeriodStats = builder.objectRef<Awaited<ReturnType<typeof statsPerPeriod>>[number]>('TicketPeriodStats').implement({
    fields: (t) => ({
      start: t.expose('start', { type: 'DateTime', description: 'First instant of the period (UTC).' }),
      stats: t.field({ type: Stats, resolve: (row) => row.stats }),
    }),
  });

  const Metrics = builder.objectRef<MetricsFilter>('TicketMetrics').implement({
    description: 'Service quality over the tickets you may see that the filter selects, computed by the database.',
    fields: (t) => ({
      openByStatus: t.field({ type: [StatusCount], resolve: (filter, _args, ctx) => openByStatus(ctx.reportDb, filter) }),
      openByPriority: t.field({ type: [PriorityCount], resolve: (filter, _args, ctx) => openByPriority(ctx.reportDb, filter) }),
      overall: t.field({ type: Stats, resolve: (filter, _args, ctx) => overallStats(ctx.reportDb, filter) }),
      perAgent: t.field({
        type: [AgentStats],
        description: 'Per assignee, most tickets first.',
        resolve: (filter, _args, ctx) => statsPerAgent(ctx.reportDb, filter),
      }),
      perTeam: t.field({
        type: [TeamStats],
        description: 'Per queue team, most tickets first.',
        resolve: (filter, _args, ctx) => statsPerTeam(ctx.reportDb, filter),
      }),
      perPeriod: t.field({
        type: [PeriodStats],
        description: 'Per period in which tickets were opened, oldest first; periods without tickets are left out.',
        args: { period: t.arg({ type: Period, required: true, defaultValue: 'WEEK' }) },
        resolve: (filter, args, ctx) => statsPerPeriod(ctx.reportDb, filter, args.period),
      }),
    }),
  });

  builder.queryField('ticketMetrics', (t) =>
    t.field({
      type: Metrics,
      args: { filter: t.arg({ type: Filter }) },
      resolve: (_root, { filter }, ctx) =>
        checkMetricsFilter(
          ctx.viewer,
          filter && {
            from: filter.from,
            to: filter.to,
            teamIds: filter.teamIds?.map((team) => team.id),
            assigneeIds: filter.assigneeIds?.map((user) => user.id),
          },
        ),
    }),
  );
}
