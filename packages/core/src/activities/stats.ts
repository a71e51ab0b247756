// Reps' workload per day or week: one aggregate query over the activities of customers the viewer sees.
import { customersVisibleSql } from '../auth/visibility-sql.js';
import type { Viewer } from '../auth/viewer.js';
import type { PrismaClient } from '../db/client.js';
import { fieldError, InputError } from '../errors.js';
import { Prisma, type User } from '../../generated/prisma/client.js';
import { isUuid } from '../shared/ids.js';
import { localPeriodStart } from '../shared/local-time-sql.js';

export type ActivityStatsPeriod = 'DAY' | 'WEEK';

export interface ActivityStatsFilter {
  from: Date;
  to: Date;
  period: ActivityStatsPeriod;
  /** Only these reps; everyone otherwise. */
  userIds?: string[] | null;
  /** IANA zone whose midnights cut the days and weeks. */
  timeZone: string;
}

export interface RepPeriodStats {
  rep: User;
  /** First instant of the local day or ISO week (Monday) in the report's zone. */
  start: Date;
  calls: number;
  visits: number;
  followUps: number;
  tasksCompleted: number;
  tasksOverdue: number;
}

const MAX_SPAN_DAYS = 366;
const INTERACTIONS = ['CALL', 'EMAIL', 'MEETING', 'VISIT', 'MESSAGE', 'CARE'];

export function checkActivityStatsFilter(filter: ActivityStatsFilter): ActivityStatsFilter {
  if (filter.from >= filter.to) throw new InputError([fieldError('to', 'stats.toBeforeFrom')]);
  if (filter.to.getTime() - filter.from.getTime() > MAX_SPAN_DAYS * 86_400_000) {
    throw new InputError([fieldError('to', 'stats.spanTooLong', { days: MAX_SPAN_DAYS })]);
  }
  return filter;
}

/**
 * Per rep and period (rows without activity left out; oldest period first, then rep name):
 * - calls, visits: completed CALL / VISIT activities, by who logged them, when completed;
 * - followUps: completed interactions of every kind (call, e-mail, meeting, visit, message, care);
 * - tasksCompleted: scheduled activities (with a due time) completed in the period, by assignee (else owner);
 * - tasksOverdue: scheduled activities due in the period, before `now`, and not completed by their due time.
 */
export async function activityStats(prisma: PrismaClient, viewer: Viewer | null, filter: ActivityStatsFilter, now: Date): Promise<RepPeriodStats[]> {
  const { from, to } = checkActivityStatsFilter(filter);
  const unit = filter.period === 'DAY' ? 'day' : 'week';
  const start = (column: string) => localPeriodStart(unit, Prisma.raw(`a."${column}"`), filter.timeZone);
  const visible = customersVisibleSql(viewer);
  const kinds = Prisma.join(INTERACTIONS.map((k) => Prisma.sql`${k}::"ActivityKind"`));
  const users = filter.userIds?.filter(isUuid);
  const onlyUsers = users ? Prisma.sql`WHERE e."userId" IN (${users.length ? Prisma.join(users.map((u) => Prisma.sql`${u}::uuid`)) : Prisma.sql`NULL`})` : Prisma.empty;
  const overdueUntil = now < to ? now : to;
  const rows = await prisma.$queryRaw<Array<Omit<RepPeriodStats, 'rep'> & { userId: string }>>`
    WITH e AS (
      SELECT a."ownerId" AS "userId", ${start('completedAt')} AS "start",
             (a."kind" = 'CALL')::int AS "calls", (a."kind" = 'VISIT')::int AS "visits", 1 AS "followUps", 0 AS "done", 0 AS "overdue"
      FROM "Activity" a JOIN "Customer" c ON c."id" = a."customerId"
      WHERE a."kind" IN (${kinds}) AND a."completedAt" >= ${from} AND a."completedAt" < ${to} AND ${visible}
      UNION ALL
      SELECT COALESCE(a."assigneeId", a."ownerId"), ${start('completedAt')}, 0, 0, 0, 1, 0
      FROM "Activity" a JOIN "Customer" c ON c."id" = a."customerId"
      WHERE a."dueAt" IS NOT NULL AND a."completedAt" >= ${from} AND a."completedAt" < ${to} AND ${visible}
      UNION ALL
      SELECT COALESCE(a."assigneeId", a."ownerId"), ${start('dueAt')}, 0, 0, 0, 0, 1
      FROM "Activity" a JOIN "Customer" c ON c."id" = a."customerId"
      WHERE a."dueAt" >= ${from} AND a."dueAt" < ${overdueUntil} AND (a."completedAt" IS NULL OR a."completedAt" > a."dueAt") AND ${visible}
    )
    SELECT e."userId", e."start", sum(e."calls")::int AS "calls", sum(e."visits")::int AS "visits",
           sum(e."followUps")::int AS "followUps", sum(e."done")::int AS "tasksCompleted", sum(e."overdue")::int AS "tasksOverdue"
    FROM e ${onlyUsers}
    GROUP BY 1, 2`;
  const reps = new Map((await prisma.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } } })).map((u) => [u.id, u]));
  return rows
    .map(({ userId, start, ...counts }) => ({ rep: reps.get(userId)!, start: new Date(start), ...counts }))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.rep.name.localeCompare(b.rep.name) || a.rep.id.localeCompare(b.rep.id));
}
