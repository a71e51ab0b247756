// Sales reports as SQL aggregates under the viewer's customer rule, days cut in the deployment's time
// zone: the sales facts targets are measured against, target progress, the leaderboard, win rate and
// average cycle, and the weekly sales management report (销售管理周报). Each report is one statement.
import { customersVisibleSql, Prisma, type PrismaClient, type Viewer } from '@rapport/core';
import { ratio } from './target-rules.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** The calendar day (deployment zone) a UTC timestamp column falls on. */
function localDay(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}::text)::date`;
}

export interface FactWindow {
  /** Calendar days [from, to). */
  from: Date;
  to: Date;
  timeZone: string;
  /** Money facts only in this currency; null: every currency (the caller compares). */
  currency: string | null;
}

/**
 * `facts`: one row per sales fact the viewer may see (through the customer's row rule) on a day in
 * the window — metric, owner, team, currency, value, day:
 * - REVENUE: a won opportunity (its amount, on the day it closed), and a signed (ACTIVE/COMPLETED)
 *   contract on its signed date unless it shares a won opportunity's deal (counted once, as the opportunity);
 * - GROSS_MARGIN: a signed contract's lines whose product carries a cost, net amount − quantity × cost;
 * - COLLECTIONS: a confirmed payment on the day received, for the contract's owner and team;
 * - NEW_CUSTOMERS: a customer whose first deal closed that day, for the deal's owner (else the
 *   customer's) and that user's team; value 1.
 */
export function factsCte(viewer: Viewer | null, w: FactWindow): Prisma.Sql {
  const visible = customersVisibleSql(viewer, 'c');
  const currency = (column: Prisma.Sql) => (w.currency ? Prisma.sql`AND ${column} = ${w.currency}` : Prisma.empty);
  const closed = localDay(Prisma.sql`o."closedAt"`, w.timeZone);
  const firstDeal = localDay(Prisma.sql`d."closedAt"`, w.timeZone);
  return Prisma.sql`facts AS (
      SELECT 'REVENUE' AS "metric", o."ownerId", o."teamId", o."currency", o."amount" AS "value", ${closed} AS "day"
      FROM "Opportunity" o JOIN "Customer" c ON c."id" = o."customerId"
      WHERE o."status" = 'WON' AND ${closed} >= ${w.from}::date AND ${closed} < ${w.to}::date AND ${visible} ${currency(Prisma.sql`o."currency"`)}
    UNION ALL
      SELECT 'REVENUE', k."ownerId", k."teamId", k."currency", k."amount", k."signedDate"
      FROM "Contract" k JOIN "Customer" c ON c."id" = k."customerId"
      WHERE k."status" IN ('ACTIVE', 'COMPLETED') AND k."signedDate" >= ${w.from}::date AND k."signedDate" < ${w.to}::date
        AND NOT EXISTS (SELECT 1 FROM "Opportunity" wo WHERE wo."dealId" = k."dealId" AND wo."status" = 'WON')
        AND ${visible} ${currency(Prisma.sql`k."currency"`)}
    UNION ALL
      SELECT 'GROSS_MARGIN', k."ownerId", k."teamId", k."currency", sum(l."netAmount" - round(l."quantity" * p."cost", 2)), k."signedDate"
      FROM "Contract" k JOIN "Customer" c ON c."id" = k."customerId"
      JOIN "ContractLine" l ON l."contractId" = k."id" JOIN "Product" p ON p."id" = l."productId" AND p."cost" IS NOT NULL
      WHERE k."status" IN ('ACTIVE', 'COMPLETED') AND k."signedDate" >= ${w.from}::date AND k."signedDate" < ${w.to}::date
        AND ${visible} ${currency(Prisma.sql`k."currency"`)}
      GROUP BY k."id"
    UNION ALL
      SELECT 'COLLECTIONS', k."ownerId", k."teamId", k."currency", pay."amount", pay."receivedOn"
      FROM "Payment" pay JOIN "Contract" k ON k."id" = pay."contractId" JOIN "Customer" c ON c."id" = k."customerId"
      WHERE pay."status" = 'CONFIRMED' AND pay."receivedOn" >= ${w.from}::date AND pay."receivedOn" < ${w.to}::date
        AND ${visible} ${currency(Prisma.sql`k."currency"`)}
    UNION ALL
      SELECT 'NEW_CUSTOMERS', u."id", u."teamId", NULL, 1, ${firstDeal}
      FROM (SELECT DISTINCT ON (d."customerId") d."customerId", d."ownerId", d."closedAt" FROM "Deal" d ORDER BY d."customerId", d."closedAt", d."id") d
      JOIN "Customer" c ON c."id" = d."customerId" JOIN "User" u ON u."id" = COALESCE(d."ownerId", c."ownerId")
      WHERE ${firstDeal} >= ${w.from}::date AND ${firstDeal} < ${w.to}::date AND ${visible}
  )`;
}

export interface TargetSubject {
  id: string;
  metric: string;
  userId: string | null;
  teamId: string | null;
  currency: string | null;
  periodStart: Date;
  periodEnd: Date;
}

export interface TargetProgress {
  id: string;
  achieved: Prisma.Decimal;
  openAmount: Prisma.Decimal;
  openWeighted: Prisma.Decimal;
}

/**
 * What each target reached (facts of its metric, period, currency and subject: the rep as owner, or
 * the team the fact was recorded for) and, for REVENUE, the open opportunities expected to close in its
 * period (unweighted and weighted, as the forecast rounds them) — one statement for any number of targets.
 */
export async function targetProgress(prisma: Db, viewer: Viewer | null, targets: readonly TargetSubject[], timeZone: string): Promise<Map<string, TargetProgress>> {
  if (targets.length === 0) return new Map();
  const from = new Date(Math.min(...targets.map((t) => t.periodStart.getTime())));
  const to = new Date(Math.max(...targets.map((t) => t.periodEnd.getTime())));
  const subject = (f: string) => Prisma.raw(`CASE WHEN t."userId" IS NULL THEN ${f}."teamId" = t."teamId" ELSE ${f}."ownerId" = t."userId" END`);
  const rows = await prisma.$queryRaw<TargetProgress[]>`
    WITH ${factsCte(viewer, { from, to, timeZone, currency: null })},
    open AS (
      SELECT o."ownerId", o."teamId", o."currency", o."amount", o."expectedCloseDate",
             round(o."amount" * COALESCE(o."probability", s."probability") / 100.0, 2) AS "weighted"
      FROM "Opportunity" o JOIN "Customer" c ON c."id" = o."customerId" JOIN "PipelineStage" s ON s."id" = o."stageId"
      WHERE o."status" = 'OPEN' AND o."expectedCloseDate" >= ${from}::date AND o."expectedCloseDate" < ${to}::date
        AND ${customersVisibleSql(viewer, 'c')}
    )
    SELECT t."id",
      (SELECT COALESCE(sum(f."value"), 0) FROM facts f
        WHERE f."metric" = t."metric"::text AND f."day" >= t."periodStart" AND f."day" < t."periodEnd"
          AND (t."currency" IS NULL OR f."currency" = t."currency") AND ${subject('f')}) AS "achieved",
      (SELECT COALESCE(sum(p."amount"), 0) FROM open p
        WHERE t."metric" = 'REVENUE' AND p."expectedCloseDate" >= t."periodStart" AND p."expectedCloseDate" < t."periodEnd"
          AND p."currency" = t."currency" AND ${subject('p')}) AS "openAmount",
      (SELECT COALESCE(sum(p."weighted"), 0) FROM open p
        WHERE t."metric" = 'REVENUE' AND p."expectedCloseDate" >= t."periodStart" AND p."expectedCloseDate" < t."periodEnd"
          AND p."currency" = t."currency" AND ${subject('p')}) AS "openWeighted"
    FROM "SalesTarget" t WHERE t."id" = ANY(${targets.map((t) => t.id)}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r]));
}

export interface LeaderboardRow {
  ownerId: string;
  revenue: Prisma.Decimal;
  deals: number;
  grossMargin: Prisma.Decimal;
  collections: Prisma.Decimal;
  newCustomers: number;
}

/**
 * Per rep: revenue (and how many deals), gross margin, collections and new customers in [from, to), in
 * one currency. Best revenue first (then new customers, then collections) — by new customers only when
 * `byMoney` is false (a viewer without customer.viewFinancials must not learn the ranking by money).
 */
export function salesLeaderboard(prisma: Db, viewer: Viewer | null, w: FactWindow & { currency: string }, teamId: string | null, byMoney: boolean): Promise<LeaderboardRow[]> {
  const team = teamId ? Prisma.sql`WHERE f."ownerId" IN (SELECT u."id" FROM "User" u WHERE u."teamId" = ${teamId}::uuid)` : Prisma.empty;
  return prisma.$queryRaw<LeaderboardRow[]>`
    WITH ${factsCte(viewer, w)}
    SELECT f."ownerId",
      COALESCE(sum(f."value") FILTER (WHERE f."metric" = 'REVENUE'), 0) AS "revenue",
      (count(*) FILTER (WHERE f."metric" = 'REVENUE'))::int AS "deals",
      COALESCE(sum(f."value") FILTER (WHERE f."metric" = 'GROSS_MARGIN'), 0) AS "grossMargin",
      COALESCE(sum(f."value") FILTER (WHERE f."metric" = 'COLLECTIONS'), 0) AS "collections",
      (count(*) FILTER (WHERE f."metric" = 'NEW_CUSTOMERS'))::int AS "newCustomers"
    FROM facts f ${team}
    GROUP BY f."ownerId"
    ORDER BY ${byMoney ? Prisma.sql`2 DESC, 6 DESC, 5 DESC` : Prisma.sql`6 DESC`}, 1`;
}

export type WinRateDimension = 'OWNER' | 'TEAM';

export interface WinRateRow {
  ownerId: string | null;
  teamId: string | null;
  currency: string;
  won: number;
  lost: number;
  wonAmount: Prisma.Decimal;
  /** Mean days from created to won (calendar days, deployment zone), of the won ones. */
  averageCycleDays: Prisma.Decimal | null;
}

/**
 * Opportunities closed in [from, to) (the day they closed, deployment zone): won, lost, won amount and
 * average sales cycle (created → won, in calendar days, to one decimal), per currency and group.
 */
export async function winRateReport(prisma: Db, viewer: Viewer | null, query: { from: Date; to: Date; timeZone: string; groupBy: readonly WinRateDimension[] }) {
  const by = new Set(query.groupBy);
  const owner = by.has('OWNER') ? Prisma.sql`o."ownerId"` : Prisma.sql`NULL::uuid`;
  const team = by.has('TEAM') ? Prisma.sql`o."teamId"` : Prisma.sql`NULL::uuid`;
  const closed = localDay(Prisma.sql`o."closedAt"`, query.timeZone);
  const created = localDay(Prisma.sql`o."createdAt"`, query.timeZone);
  const rows = await prisma.$queryRaw<WinRateRow[]>`
    SELECT ${owner} AS "ownerId", ${team} AS "teamId", o."currency",
      (count(*) FILTER (WHERE o."status" = 'WON'))::int AS "won",
      (count(*) FILTER (WHERE o."status" = 'LOST'))::int AS "lost",
      COALESCE(sum(o."amount") FILTER (WHERE o."status" = 'WON'), 0) AS "wonAmount",
      round(avg(${closed} - ${created}) FILTER (WHERE o."status" = 'WON'), 1) AS "averageCycleDays"
    FROM "Opportunity" o JOIN "Customer" c ON c."id" = o."customerId"
    WHERE o."status" IN ('WON', 'LOST') AND o."closedAt" IS NOT NULL
      AND ${closed} >= ${query.from}::date AND ${closed} < ${query.to}::date AND ${customersVisibleSql(viewer, 'c')}
    GROUP BY 1, 2, 3
    ORDER BY 3, 4 DESC, 1, 2`;
  return rows.map((r) => ({ ...r, winRate: ratio(r.won, r.won + r.lost) }));
}

export interface WeeklyRow {
  ownerId: string;
  newCustomers: number;
  collections: Prisma.Decimal;
  visits: number;
  effectiveVisits: number;
  deals: number;
  sales: Prisma.Decimal;
}

/**
 * The weekly sales management report (销售管理周报, seed 004's 周进度控制) for [from, to): per rep,
 * new customers developed, collections, visits and effective visits (completed VISIT activities the
 * rep owns; effective: with an outcome written down), deals (revenue facts) and sales (their sum), in
 * one currency; reps with anything to show. Rates are left to the caller (ratios of these counts).
 */
export function weeklySalesRows(prisma: Db, viewer: Viewer | null, w: FactWindow & { currency: string }, teamId: string | null): Promise<WeeklyRow[]> {
  const completed = localDay(Prisma.sql`a."completedAt"`, w.timeZone);
  const team = teamId ? Prisma.sql`WHERE r."ownerId" IN (SELECT u."id" FROM "User" u WHERE u."teamId" = ${teamId}::uuid)` : Prisma.empty;
  return prisma.$queryRaw<WeeklyRow[]>`
    WITH ${factsCte(viewer, w)},
    visits AS (
      SELECT a."ownerId", count(*)::int AS "visits", (count(*) FILTER (WHERE btrim(COALESCE(a."outcome", '')) <> ''))::int AS "effective"
      FROM "Activity" a JOIN "Customer" c ON c."id" = a."customerId"
      WHERE a."kind" = 'VISIT' AND a."completedAt" IS NOT NULL AND ${completed} >= ${w.from}::date AND ${completed} < ${w.to}::date
        AND ${customersVisibleSql(viewer, 'c')}
      GROUP BY 1
    ), sums AS (
      SELECT f."ownerId",
        (count(*) FILTER (WHERE f."metric" = 'NEW_CUSTOMERS'))::int AS "newCustomers",
        COALESCE(sum(f."value") FILTER (WHERE f."metric" = 'COLLECTIONS'), 0) AS "collections",
        (count(*) FILTER (WHERE f."metric" = 'REVENUE'))::int AS "deals",
        COALESCE(sum(f."value") FILTER (WHERE f."metric" = 'REVENUE'), 0) AS "sales"
      FROM facts f GROUP BY 1
    ), r AS (
      SELECT COALESCE(s."ownerId", v."ownerId") AS "ownerId", COALESCE(s."newCustomers", 0) AS "newCustomers",
        COALESCE(s."collections", 0) AS "collections", COALESCE(v."visits", 0) AS "visits", COALESCE(v."effective", 0) AS "effectiveVisits",
        COALESCE(s."deals", 0) AS "deals", COALESCE(s."sales", 0) AS "sales"
      FROM sums s FULL JOIN visits v ON v."ownerId" = s."ownerId"
    )
    SELECT r.* FROM r ${team} ORDER BY r."sales" DESC, r."collections" DESC, r."ownerId"`;
}
