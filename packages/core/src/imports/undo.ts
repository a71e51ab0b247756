// Undoing an import: created rows are deleted and merged customers get their filled columns back, but
// only while nothing the import wrote has changed since (every version as the import left it, and no
// other row — a ticket, a call, a deal, an activity — now hangs off a customer it created).
import { customerReferences } from '../customers/merge.js';
import { errorMessages, type ErrorMessageKey, type ErrorParams } from '../error-messages.js';
import { RapportError } from '../errors.js';
import { LANGUAGES, type Messages } from '../shared/locale.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import type { StoredRecord } from './importer.js';

type Tx = Prisma.TransactionClient;
type Stored = StoredRecord;

/** Tables the import itself fills for a customer it creates (its rules' bookkeeping, its contacts). */
const WRITTEN_WITH_A_CUSTOMER = new Set(['CustomerOverride', 'TierChange', 'StageChange', 'ChurnRisk', 'Contact', 'Activity', 'DataImportRecord']);

/** Ids per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 10_000;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

const TABLES = { Customer: 'customer', Contact: 'contact', Activity: 'activity' } as const;

/** The CONFLICT undo answers: what changed (`changed` keeps its English text), in every language. */
function changedSince(key: ErrorMessageKey, params: ErrorParams = {}): RapportError {
  const what = errorMessages(key, params);
  const messages = Object.fromEntries(LANGUAGES.map((language) => [language, errorMessages('import.undoConflict', { what: what[language] })[language]])) as Messages;
  const error = new RapportError('CONFLICT', messages.en, { changed: what.en });
  error.messages = messages;
  return error;
}

export async function undoRecords(tx: Tx, _ctx: ServiceContext, records: readonly Stored[]): Promise<void> {
  const byType = new Map<string, Stored[]>();
  for (const r of records) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r]);
  for (const [type, rows] of byType) {
    const table = TABLES[type as keyof typeof TABLES];
    if (!table) throw new Error(`No undo for ${type} records`);
    const versions = new Map<string, number>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const current = await (tx[table] as unknown as { findMany(args: object): Promise<Array<{ id: string; version: number }>> }).findMany({
        where: { id: { in: rows.slice(i, i + CHUNK).map((r) => r.recordId) } },
        select: { id: true, version: true },
      });
      for (const c of current) versions.set(c.id, c.version);
    }
    const stale = rows.filter((r) => versions.get(r.recordId) !== r.versionAfter);
    if (stale.length) throw changedSince('import.changedRecords', { count: String(stale.length), type: type.toLowerCase(), example: stale[0]!.recordId });
  }
  const createdCustomers = (byType.get('Customer') ?? []).filter((r) => r.created).map((r) => r.recordId);
  const ownRows = new Set(records.map((r) => r.recordId));
  await requireNothingHangsOff(tx, createdCustomers, ownRows);
  await requireOnlyOwnChildren(tx, createdCustomers, ownRows);

  // Children first, then customers; merged customers get their columns back with a new version.
  const created = (type: string) => (byType.get(type) ?? []).filter((r) => r.created).map((r) => r.recordId);
  for (const ids of chunks(created('Activity'))) await tx.activity.deleteMany({ where: { id: { in: ids } } });
  for (const ids of chunks(created('Contact'))) await tx.contact.deleteMany({ where: { id: { in: ids } } });
  for (const ids of chunks(createdCustomers)) await tx.customer.deleteMany({ where: { id: { in: ids } } });
  for (const merged of (byType.get('Customer') ?? []).filter((r) => !r.created)) {
    const { version: _version, ...columns } = (merged.before ?? {}) as Record<string, unknown>;
    await tx.customer.update({ where: { id: merged.recordId }, data: { ...(columns as Prisma.CustomerUpdateInput), version: { increment: 1 } } });
  }
}

/** Rows of other tables (a plugin's included, found in the catalog) that now reference a created customer. */
async function requireNothingHangsOff(tx: Tx, customerIds: readonly string[], _own: ReadonlySet<string>) {
  if (!customerIds.length) return;
  for (const ref of await customerReferences(tx)) {
    if (WRITTEN_WITH_A_CUSTOMER.has(ref.table)) continue;
    const quoted = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);
    const [row] = await tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM ${quoted(ref.schema)}.${quoted(ref.table)} WHERE ${quoted(ref.column)} = ANY(${customerIds}::uuid[])`;
    if (row && row.n > 0) throw changedSince('import.changedReferences', { table: ref.table });
  }
}

/** Contacts and activities added to a created customer after the import are changes too. */
async function requireOnlyOwnChildren(tx: Tx, customerIds: readonly string[], own: ReadonlySet<string>) {
  if (!customerIds.length) return;
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Contact" WHERE "customerId" = ANY(${customerIds}::uuid[])
    UNION ALL SELECT id FROM "Activity" WHERE "customerId" = ANY(${customerIds}::uuid[])`;
  if (rows.some((r) => !own.has(r.id))) throw changedSince('import.changedChildren');
}
