// What an importable entity provides. Core registers customers, contacts and activities; a plugin adds
// its own through `importers` in its definition (e.g. the sales plugin's opportunities).
import type { Permission } from '../auth/permissions.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { zodIssueMessages } from '../error-messages.js';
import type { Messages } from '../shared/locale.js';
import type { ImportField } from './mapping.js';

export interface ImportCell {
  value: string;
  column: string;
}

/** One data row: its spreadsheet row number and its cells by field (only the mapped fields). */
export interface MappedRow {
  number: number;
  cells: Record<string, ImportCell>;
}

export interface RowProblem {
  row: number;
  /** The field (`name`, `custom.region`) or `row` for the row as a whole. */
  field: string;
  column: string | null;
  value: string | null;
  /** The English text; `messages` holds it in every language (the report serves the reader's). */
  message: string;
  messages?: Messages | null;
}

/** A zod issue's text in every language (as written, in both, when it has none in the catalogue). */
export function issueMessages(issue: { message: string }): Messages {
  return zodIssueMessages(issue) ?? { 'zh-CN': issue.message, en: issue.message };
}

/** A field error's text in every language (as written, in both, when it has none). */
export function textsOf(error: { message: string; messages?: Messages | null }): Messages {
  return error.messages ?? { 'zh-CN': error.message, en: error.message };
}

export type DuplicateAction = 'SKIP' | 'MERGE' | 'CREATE';

export interface DuplicateDecision {
  row: number;
  reasons: Array<'NAME' | 'PHONE' | 'EMAIL'>;
  /** Matching customers the viewer may see (an unseen one is counted, not named). */
  customerIds: string[];
  /** Another row of this file it duplicates, when it is one. */
  fileRow: number | null;
  action: DuplicateAction;
  /** The customer merged into or created. */
  customerId: string | null;
}

export interface ImportChoices {
  /** What to do with a duplicate row without its own choice. */
  defaultAction: DuplicateAction;
  /** Per row number: the action and, for MERGE, which customer (else the first match the viewer may change). */
  rows: ReadonlyMap<number, { action: DuplicateAction; into: string | null }>;
}

/** A record a batch wrote, so undo can take it back. */
export interface WrittenRecord {
  entityType: string;
  recordId: string;
  created: boolean;
  versionAfter: number;
  before?: Prisma.InputJsonValue;
}

/** A written record as read back for undo. */
export type StoredRecord = Omit<WrittenRecord, 'before'> & { before: Prisma.JsonValue | null };

export interface BatchOutcome {
  problems: RowProblem[];
  records: WrittenRecord[];
  created: number;
  merged: number;
  skipped: number;
  duplicates: DuplicateDecision[];
}

export interface ImportRun {
  ctx: ServiceContext;
  tx: Prisma.TransactionClient;
  choices: ImportChoices;
  /** Per-import memo for lookups a batch repeats (users, tags, definitions). */
  memo: Map<string, unknown>;
}

export interface Importer {
  /** Upper-case name in the graph's ImportEntity enum, e.g. CUSTOMER. */
  entity: string;
  description: string;
  /** Needed on top of data.import. */
  permission?: Permission;
  /** The fields a column can fill, custom fields included, as this viewer may write them. */
  fields(ctx: ServiceContext, db: Prisma.TransactionClient): Promise<ImportField[]>;
  /** Checks and writes one batch of rows inside the import's transaction; invalid rows are reported, not written. */
  importBatch(run: ImportRun, rows: readonly MappedRow[]): Promise<BatchOutcome>;
  /** Takes back what an import wrote; throws CONFLICT when any of it has changed since. */
  undo(tx: Prisma.TransactionClient, ctx: ServiceContext, records: readonly StoredRecord[]): Promise<void>;
}

export const emptyOutcome = (): BatchOutcome => ({ problems: [], records: [], created: 0, merged: 0, skipped: 0, duplicates: [] });

/** Memoised per import run. */
export async function memoised<T>(run: ImportRun, key: string, load: () => Promise<T>): Promise<T> {
  if (!run.memo.has(key)) run.memo.set(key, await load());
  return run.memo.get(key) as T;
}
