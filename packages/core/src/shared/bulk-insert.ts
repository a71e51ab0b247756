// Many rows into one table in a few statements, without Prisma's per-call query compilation (which,
// with createMany's garbage, was most of a big import's time): the rows travel as one JSON parameter
// per chunk and PostgreSQL types every column from the table's own row type (uuids, enums, arrays,
// jsonb, timestamps, decimals), in the order given, so autoincrement numbers follow it.
import { Prisma } from '../../generated/prisma/client.js';

type Db = Pick<Prisma.TransactionClient, '$executeRaw'>;

/** Rows per statement: one parameter each way, this bounds the statement's size. */
export const BULK_CHUNK = 500;

/**
 * The columns of a bulk insert: every key any row has plus the filled ones. A row's missing key is
 * NULL unless `fill` gives it a value (what a column's default would be: the statement lists it).
 */
export function bulkColumns(rows: readonly Record<string, unknown>[], fill: Record<string, unknown> = {}): string[] {
  const columns = new Set(Object.keys(fill));
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined) columns.add(key);
  return [...columns];
}

/** A row as it is sent: `fill` for the keys it lacks, dates and decimals as their JSON text. */
export function bulkRow(row: Record<string, unknown>, fill: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fill };
  for (const [key, value] of Object.entries(row)) if (value !== undefined) out[key] = value;
  return out;
}

/** Inserts the rows into `table` in chunks of BULK_CHUNK; returns how many were written. */
export async function bulkInsert(db: Db, table: string, rows: readonly Record<string, unknown>[], fill: Record<string, unknown> = {}): Promise<number> {
  if (!rows.length) return 0;
  const columns = bulkColumns(rows, fill);
  const list = Prisma.raw(columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', '));
  // Schema-qualified as Prisma writes its own statements (tests and the statement log see the same text).
  const type = Prisma.raw(`"public"."${table.replaceAll('"', '""')}"`);
  let written = 0;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK).map((r) => bulkRow(r, fill));
    written += await db.$executeRaw`INSERT INTO ${type} (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::${type}, ${JSON.stringify(chunk)}::jsonb) WITH ORDINALITY AS r
      ORDER BY r.ordinality`;
  }
  return written;
}
