import { customersVisibleSql, Prisma, type PrismaClient, type Viewer } from '@rapport/core';

export type ForecastDimension = 'OWNER' | 'TEAM' | 'PERIOD';
export type ForecastPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

export interface ForecastQuery {
  /** Expected close dates from (inclusive) … to (exclusive), calendar days. */
  from: Date;
  to: Date;
  groupBy: readonly ForecastDimension[];
  period: ForecastPeriod;
  pipelineId?: string | null;
}

export interface ForecastRow {
  ownerId: string | null;
  teamId: string | null;
  periodStart: Date | null;
  currency: string;
  opportunities: number;
  amount: Prisma.Decimal;
  weightedAmount: Prisma.Decimal;
}

const TRUNC: Record<ForecastPeriod, string> = { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

/**
 * Open opportunities expected to close in [from, to), summed unweighted and weighted by their
 * probability (override or stage), per currency and the chosen dimensions, in one statement under
 * the viewer's customer rule. Weighted values are rounded to cents per opportunity, then summed.
 */
export async function salesForecast(prisma: PrismaClient, viewer: Viewer | null, query: ForecastQuery): Promise<ForecastRow[]> {
  const by = new Set(query.groupBy);
  const owner = by.has('OWNER') ? Prisma.sql`o."ownerId"` : Prisma.sql`NULL::uuid`;
  const team = by.has('TEAM') ? Prisma.sql`o."teamId"` : Prisma.sql`NULL::uuid`;
  const period = by.has('PERIOD') ? Prisma.sql`date_trunc(${TRUNC[query.period]}, o."expectedCloseDate")::date` : Prisma.sql`NULL::date`;
  const pipeline = query.pipelineId ? Prisma.sql`AND o."pipelineId" = ${query.pipelineId}::uuid` : Prisma.empty;
  return prisma.$queryRaw<ForecastRow[]>`
    SELECT ${owner} AS "ownerId", ${team} AS "teamId", ${period} AS "periodStart", o."currency",
           count(*)::int AS "opportunities", sum(o."amount") AS "amount",
           sum(round(o."amount" * COALESCE(o."probability", s."probability") / 100.0, 2)) AS "weightedAmount"
    FROM "Opportunity" o
    JOIN "Customer" c ON c."id" = o."customerId"
    JOIN "PipelineStage" s ON s."id" = o."stageId"
    WHERE o."status" = 'OPEN' AND o."expectedCloseDate" >= ${query.from}::date AND o."expectedCloseDate" < ${query.to}::date
      AND ${customersVisibleSql(viewer, 'c')} ${pipeline}
    GROUP BY 1, 2, 3, 4
    ORDER BY 3 NULLS FIRST, 4, 6 DESC, 1, 2`;
}
