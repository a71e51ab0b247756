import { can, customersVisibleSql, isUuid, Prisma, type PrismaClient, type TicketPriority, type Viewer } from '@rapport/core';
import { ticketsVisibleTo } from './filters.js';
import { service } from './messages.js';
import { ACTIVE_STATUSES } from './transitions.js';

/**
 * Which tickets the numbers cover: those the viewer may see (the tickets' row rule, as for the
 * `tickets` list; everything for customer.readAll), opened in [from, to), in any of the teams'
 * queues, assigned to any of the agents.
 */
export interface MetricsFilter {
  viewer: Viewer | null;
  from?: Date | null;
  to?: Date | null;
  teamIds?: string[] | null;
  assigneeIds?: string[] | null;
}

export type MetricsPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface TicketStats {
  tickets: number;
  /** Still NEW, OPEN or PENDING. */
  open: number;
  /** Resolved (and possibly closed since). */
  resolved: number;
  /** Missed the first-response or the resolution target. */
  breached: number;
  /** breached / tickets; null without tickets. */
  breachRate: number | null;
  averageFirstResponseSeconds: number | null;
  averageResolutionSeconds: number | null;
  rated: number;
  satisfactionAverage: number | null;
}

export function checkMetricsFilter(viewer: Viewer | null, filter: Omit<MetricsFilter, 'viewer'> | null | undefined): MetricsFilter {
  if (filter?.from && filter.to && filter.from >= filter.to) {
    service.refuse('filter.to', 'service.afterFrom');
  }
  return { ...filter, viewer };
}

function validIds(ids: string[] | null | undefined): string[] | null {
  return ids?.length ? ids.filter(isUuid) : null;
}

function scopeWhere(filter: MetricsFilter): Prisma.TicketWhereInput {
  const teams = validIds(filter.teamIds);
  const agents = validIds(filter.assigneeIds);
  return {
    AND: [ticketsVisibleTo(filter.viewer)],
    createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) },
    ...(teams ? { queueId: { in: teams } } : {}),
    ...(agents ? { assigneeId: { in: agents } } : {}),
  };
}

/** The same scope as `scopeWhere`, for the aggregate queries Prisma's query API cannot express. */
function scopeSql(filter: MetricsFilter): Prisma.Sql {
  const uuidList = (ids: string[]) => (ids.length ? Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`)) : Prisma.sql`NULL`);
  const teams = validIds(filter.teamIds);
  const agents = validIds(filter.assigneeIds);
  // ticketsVisibleTo in SQL: the ticket's customer passes customersVisibleSql (nothing to add for readAll).
  const visible = can(filter.viewer, 'customer.readAll')
    ? []
    : [Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = "Ticket"."customerId" AND ${customersVisibleSql(filter.viewer, 'c')})`];
  const conditions = [
    Prisma.sql`TRUE`,
    ...visible,
    ...(filter.from ? [Prisma.sql`"createdAt" >= ${filter.from}`] : []),
    ...(filter.to ? [Prisma.sql`"createdAt" < ${filter.to}`] : []),
    ...(teams ? [Prisma.sql`"queueId" IN (${uuidList(teams)})`] : []),
    ...(agents ? [Prisma.sql`"assigneeId" IN (${uuidList(agents)})`] : []),
  ];
  return Prisma.join(conditions, ' AND ');
}

/** Open tickets per status, every active status listed (zero included). */
export async function openByStatus(prisma: PrismaClient, filter: MetricsFilter) {
  const groups = await prisma.ticket.groupBy({ by: ['status'], where: openWhere(filter), _count: { _all: true } });
  const count = new Map(groups.map((g) => [g.status, g._count._all]));
  return ACTIVE_STATUSES.map((status) => ({ status, count: count.get(status) ?? 0 }));
}

/** Open tickets per priority, most urgent first, every priority listed. */
export async function openByPriority(prisma: PrismaClient, filter: MetricsFilter) {
  const groups = await prisma.ticket.groupBy({ by: ['priority'], where: openWhere(filter), _count: { _all: true } });
  const count = new Map(groups.map((g) => [g.priority, g._count._all]));
  return PRIORITIES_DESCENDING.map((priority) => ({ priority, count: count.get(priority) ?? 0 }));
}

const PRIORITIES_DESCENDING: readonly TicketPriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

function openWhere(filter: MetricsFilter): Prisma.TicketWhereInput {
  return { ...scopeWhere(filter), status: { in: [...ACTIVE_STATUSES] } };
}

const STATS_COLUMNS = Prisma.sql`
  COUNT(*)::int AS tickets,
  COUNT(*) FILTER (WHERE "status"::text IN (${Prisma.join([...ACTIVE_STATUSES])}))::int AS open,
  COUNT("resolvedAt")::int AS resolved,
  COUNT(*) FILTER (WHERE "firstResponseBreachedAt" IS NOT NULL OR "resolutionBreachedAt" IS NOT NULL)::int AS breached,
  AVG(EXTRACT(EPOCH FROM "firstRespondedAt" - "createdAt"))::float8 AS "averageFirstResponseSeconds",
  AVG(EXTRACT(EPOCH FROM "resolvedAt" - "createdAt"))::float8 AS "averageResolutionSeconds",
  COUNT("satisfactionRating")::int AS rated,
  AVG("satisfactionRating")::float8 AS "satisfactionAverage"`;

type StatsRow = Omit<TicketStats, 'breachRate'>;

function withRate(row: StatsRow): TicketStats {
  return { ...row, breachRate: row.tickets ? row.breached / row.tickets : null };
}

export async function overallStats(prisma: PrismaClient, filter: MetricsFilter): Promise<TicketStats> {
  const [row] = await prisma.$queryRaw<StatsRow[]>`SELECT ${STATS_COLUMNS} FROM "Ticket" WHERE ${scopeSql(filter)}`;
  return withRate(row!);
}

/** Stats per value of one column (null: tickets without one), most tickets first. */
async function statsPer(prisma: PrismaClient, filter: MetricsFilter, column: 'assigneeId' | 'queueId') {
  const rows = await prisma.$queryRaw<Array<StatsRow & { key: string | null }>>`
    SELECT ${Prisma.raw(`"${column}"`)} AS key, ${STATS_COLUMNS}
    FROM "Ticket" WHERE ${scopeSql(filter)}
    GROUP BY 1 ORDER BY tickets DESC, key`;
  return rows.map(({ key, ...row }) => ({ key, stats: withRate(row) }));
}

export async function statsPerAgent(prisma: PrismaClient, filter: MetricsFilter) {
  const rows = await statsPer(prisma, filter, 'assigneeId');
  const users = await prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.key ? [r.key] : [])) } } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map(({ key, stats }) => ({ agent: key ? (byId.get(key) ?? null) : null, stats }));
}

export async function statsPerTeam(prisma: PrismaClient, filter: MetricsFilter) {
  const rows = await statsPer(prisma, filter, 'queueId');
  const teams = await prisma.team.findMany({ where: { id: { in: rows.flatMap((r) => (r.key ? [r.key] : [])) } } });
  const byId = new Map(teams.map((t) => [t.id, t]));
  return rows.map(({ key, stats }) => ({ team: key ? (byId.get(key) ?? null) : null, stats }));
}

const TRUNCATE_TO: Record<MetricsPeriod, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** Stats per day, ISO week (from Monday) or month in UTC, by when tickets were opened; periods without tickets are left out. */
export async function statsPerPeriod(prisma: PrismaClient, filter: MetricsFilter, period: MetricsPeriod) {
  const start = Prisma.raw(`date_trunc('${TRUNCATE_TO[period]}', "createdAt")`);
  const rows = await prisma.$queryRaw<Array<StatsRow & { start: Date }>>`
    SELECT ${start} AS start, ${STATS_COLUMNS}
    FROM "Ticket" WHERE ${scopeSql(filter)}
    GROUP BY 1 ORDER BY 1`;
  return rows.map(({ start: periodStart, ...row }) => ({ start: new Date(periodStart), stats: withRate(row) }));
}
