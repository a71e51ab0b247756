import { customersVisibleSql, Prisma, type PrismaClient, type Viewer } from '@rapport/core';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Every instalment of signed (ACTIVE or COMPLETED) contracts with the part confirmed payments cover:
 * payments fill a contract's instalments in due order (then position), as `instalmentStates` does.
 * `visible` restricts the contracts (alias k, customer alias c).
 */
function coveredInstalments(visible: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH received AS (
      SELECT p."contractId", sum(p."amount") AS amount FROM "Payment" p WHERE p."status" = 'CONFIRMED' GROUP BY 1
    ), inst AS (
      SELECT i."id", i."contractId", i."position", i."dueDate", i."amount",
             sum(i."amount") OVER (PARTITION BY i."contractId" ORDER BY i."dueDate", i."position") - i."amount" AS "before"
      FROM "PaymentInstalment" i
    ), covered AS (
      SELECT inst."id", inst."contractId", inst."position", inst."dueDate", inst."amount", k."ownerId", k."teamId", k."currency",
             k."title", k."year", k."seq",
             LEAST(inst."amount", GREATEST(0, COALESCE(r.amount, 0) - inst."before")) AS "paid"
      FROM inst
      JOIN "Contract" k ON k."id" = inst."contractId"
      JOIN "Customer" c ON c."id" = k."customerId"
      LEFT JOIN received r ON r."contractId" = k."id"
      WHERE k."status" IN ('ACTIVE', 'COMPLETED') AND ${visible}
    )`;
}

export type ReceivablesDimension = 'OWNER' | 'TEAM' | 'MONTH';

export interface ReceivablesRow {
  ownerId: string | null;
  teamId: string | null;
  month: string | null;
  currency: string;
  instalments: number;
  planned: Prisma.Decimal;
  received: Prisma.Decimal;
  outstanding: Prisma.Decimal;
  overdue: Prisma.Decimal;
}

/**
 * Receivables (应收) of instalments due in [from, to) of signed contracts the viewer may see (their
 * customer's row rule), per currency and the chosen dimensions: planned, received (covered by
 * confirmed payments), outstanding, and overdue (outstanding and due before `today`). One statement.
 */
export async function receivablesReport(
  prisma: Db,
  viewer: Viewer | null,
  query: { from: Date; to: Date; groupBy: readonly ReceivablesDimension[]; today: Date },
): Promise<ReceivablesRow[]> {
  const by = new Set(query.groupBy);
  const owner = by.has('OWNER') ? Prisma.sql`"ownerId"` : Prisma.sql`NULL::uuid`;
  const team = by.has('TEAM') ? Prisma.sql`"teamId"` : Prisma.sql`NULL::uuid`;
  const month = by.has('MONTH') ? Prisma.sql`to_char("dueDate", 'YYYY-MM')` : Prisma.sql`NULL::text`;
  return prisma.$queryRaw<ReceivablesRow[]>`
    ${coveredInstalments(customersVisibleSql(viewer, 'c'))}
    SELECT ${owner} AS "ownerId", ${team} AS "teamId", ${month} AS "month", "currency",
           count(*)::int AS "instalments", sum("amount") AS "planned", sum("paid") AS "received",
           sum("amount" - "paid") AS "outstanding",
           sum(CASE WHEN "dueDate" < ${query.today}::date THEN "amount" - "paid" ELSE 0 END) AS "overdue"
    FROM covered
    WHERE "dueDate" >= ${query.from}::date AND "dueDate" < ${query.to}::date
    GROUP BY 1, 2, 3, 4
    ORDER BY 3 NULLS FIRST, 4, 1, 2`;
}

export interface OpenInstalment {
  id: string;
  contractId: string;
  position: number;
  dueDate: Date;
  amount: Prisma.Decimal;
  paid: Prisma.Decimal;
  ownerId: string;
  currency: string;
  title: string;
  year: number;
  seq: number;
}

/** Instalments of ACTIVE contracts still owing something and due before `dueBefore` (for alerts). */
export function openInstalments(prisma: Db, dueBefore: Date): Promise<OpenInstalment[]> {
  return prisma.$queryRaw<OpenInstalment[]>`
    ${coveredInstalments(Prisma.sql`k."status" = 'ACTIVE'`)}
    SELECT * FROM covered WHERE "paid" < "amount" AND "dueDate" < ${dueBefore}::date
    ORDER BY "dueDate", "contractId", "position"`;
}
