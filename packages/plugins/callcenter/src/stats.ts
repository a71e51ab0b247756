import { isUuid, Prisma, type PrismaClient, type Viewer } from '@rapport/core';
import { statisticsScopeSql } from './access.js';
import { callcenter } from './messages.js';

/** Calls started (and callbacks due) in [from, to), taken by any of the agents, on any of the queues. */
export interface CallStatsFilter {
  from?: Date | null;
  to?: Date | null;
  agentIds?: string[] | null;
  queueIds?: string[] | null;
}

export type StatsPeriod = 'DAY' | 'WEEK' | 'MONTH';
export type StatsDimension = 'AGENT' | 'QUEUE' | { period: StatsPeriod };

export interface CallStats {
  inbound: number;
  outbound: number;
  /** Inbound calls answered by an agent. */
  answered: number;
  /** Inbound calls that ended without an agent answering (missed, voicemail, busy, failed, no answer). */
  missed: number;
  /** answered / (answered + missed); null without ended inbound calls. */
  answerRate: number | null;
  /** Mean talk time of answered calls, both directions. */
  averageHandleSeconds: number | null;
  /** Mean ring time of ended inbound calls: how long callers waited. */
  averageWaitSeconds: number | null;
  /** Callbacks due in the period. */
  callbacks: number;
  /** Of those, completed no later than due. */
  callbacksDoneOnTime: number;
  callbackOnTimeRate: number | null;
}

export function checkStatsFilter(filter: CallStatsFilter | null | undefined): CallStatsFilter {
  if (filter?.from && filter.to && filter.from >= filter.to) callcenter.refuse('filter.to', 'callcenter.afterFrom');
  return filter ?? {};
}

const uuidList = (ids: string[]) => (ids.length ? Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`)) : Prisma.sql`NULL`);
const validIds = (ids: string[] | null | undefined) => (ids?.length ? ids.filter(isUuid) : null);

function conditions(filter: CallStatsFilter, viewer: Viewer | null, time: Prisma.Sql, agent: Prisma.Sql): Prisma.Sql {
  const agents = validIds(filter.agentIds);
  const queues = validIds(filter.queueIds);
  return Prisma.join(
    [
      statisticsScopeSql(viewer),
      ...(filter.from ? [Prisma.sql`${time} >= ${filter.from}`] : []),
      ...(filter.to ? [Prisma.sql`${time} < ${filter.to}`] : []),
      ...(agents ? [Prisma.sql`${agent} IN (${uuidList(agents)})`] : []),
      ...(queues ? [Prisma.sql`c."queueId" IN (${uuidList(queues)})`] : []),
    ],
    ' AND ',
  );
}

const TRUNCATE_TO: Record<StatsPeriod, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** The grouping key of calls and of callbacks for a dimension (calls by agent, callbacks by assignee). */
function keys(dimension: StatsDimension | null): { call: Prisma.Sql; callback: Prisma.Sql } {
  if (dimension === null) return { call: Prisma.sql`NULL::text`, callback: Prisma.sql`NULL::text` };
  if (dimension === 'AGENT') return { call: Prisma.sql`c."agentId"::text`, callback: Prisma.sql`a."assigneeId"::text` };
  if (dimension === 'QUEUE') return { call: Prisma.sql`c."queueId"::text`, callback: Prisma.sql`c."queueId"::text` };
  const unit = TRUNCATE_TO[dimension.period];
  return {
    call: Prisma.raw(`to_char(date_trunc('${unit}', c."startedAt"), 'YYYY-MM-DD')`),
    callback: Prisma.raw(`to_char(date_trunc('${unit}', a."dueAt"), 'YYYY-MM-DD')`),
  };
}

interface CallRow {
  key: string | null;
  inbound: number;
  outbound: number;
  answered: number;
  missed: number;
  averageHandleSeconds: number | null;
  averageWaitSeconds: number | null;
}

interface CallbackRow {
  key: string | null;
  callbacks: number;
  callbacksDoneOnTime: number;
}

/**
 * Call-center figures grouped by a dimension (null: one group), each from one aggregate query over
 * the calls and one over the callbacks, within what the viewer's statistics cover.
 */
export async function callStatistics(
  prisma: PrismaClient,
  viewer: Viewer | null,
  filter: CallStatsFilter,
  dimension: StatsDimension | null,
): Promise<Array<{ key: string | null; stats: CallStats }>> {
  const key = keys(dimension);
  const calls = await prisma.$queryRaw<CallRow[]>`
    SELECT ${key.call} AS key,
      COUNT(*) FILTER (WHERE c."direction" = 'INBOUND')::int AS inbound,
      COUNT(*) FILTER (WHERE c."direction" = 'OUTBOUND')::int AS outbound,
      COUNT(*) FILTER (WHERE c."direction" = 'INBOUND' AND c."disposition" = 'ANSWERED')::int AS answered,
      COUNT(*) FILTER (WHERE c."direction" = 'INBOUND' AND c."disposition" <> 'ANSWERED')::int AS missed,
      AVG(c."talkSeconds") FILTER (WHERE c."disposition" = 'ANSWERED')::float8 AS "averageHandleSeconds",
      AVG(c."ringSeconds") FILTER (WHERE c."direction" = 'INBOUND' AND c."disposition" IS NOT NULL)::float8 AS "averageWaitSeconds"
    FROM "Call" c
    WHERE ${conditions(filter, viewer, Prisma.sql`c."startedAt"`, Prisma.sql`c."agentId"`)}
    GROUP BY 1`;
  const callbacks = await prisma.$queryRaw<CallbackRow[]>`
    SELECT ${key.callback} AS key,
      COUNT(*)::int AS callbacks,
      COUNT(*) FILTER (WHERE a."completedAt" <= a."dueAt")::int AS "callbacksDoneOnTime"
    FROM "CallCallback" cb
    JOIN "Activity" a ON a."id" = cb."activityId"
    JOIN "Call" c ON c."id" = cb."callId"
    WHERE ${conditions(filter, viewer, Prisma.sql`a."dueAt"`, Prisma.sql`a."assigneeId"`)}
    GROUP BY 1`;
  return merged(calls, callbacks, dimension);
}

const EMPTY_CALLS: Omit<CallRow, 'key'> = {
  inbound: 0,
  outbound: 0,
  answered: 0,
  missed: 0,
  averageHandleSeconds: null,
  averageWaitSeconds: null,
};

function merged(calls: CallRow[], callbacks: CallbackRow[], dimension: StatsDimension | null) {
  const byKey = new Map<string | null, { calls?: CallRow; callbacks?: CallbackRow }>();
  for (const row of calls) byKey.set(row.key, { calls: row });
  for (const row of callbacks) byKey.set(row.key, { ...byKey.get(row.key), callbacks: row });
  if (dimension === null && byKey.size === 0) byKey.set(null, {});
  const rows = [...byKey].map(([key, { calls: c, callbacks: cb }]) => {
    const { key: _ignored, ...figures } = c ?? { key, ...EMPTY_CALLS };
    const callbackCount = cb?.callbacks ?? 0;
    const onTime = cb?.callbacksDoneOnTime ?? 0;
    const ended = figures.answered + figures.missed;
    const stats: CallStats = {
      ...figures,
      answerRate: ended ? figures.answered / ended : null,
      callbacks: callbackCount,
      callbacksDoneOnTime: onTime,
      callbackOnTimeRate: callbackCount ? onTime / callbackCount : null,
    };
    return { key, stats };
  });
  // Periods oldest first; agents and queues busiest first (nulls, "nobody", last).
  return rows.sort((a, b) =>
    typeof dimension === 'object' && dimension !== null
      ? String(a.key).localeCompare(String(b.key))
      : (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
        b.stats.inbound + b.stats.outbound - (a.stats.inbound + a.stats.outbound) ||
        String(a.key).localeCompare(String(b.key)),
  );
}
