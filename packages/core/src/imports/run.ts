// Running an import: rows stream from the file in batches. A file answered while the caller waits goes
// into one transaction, so it is all or nothing, and its dry run does the very same work and rolls it
// back (reporting exactly what the import would do, duplicates of earlier rows included). A background
// import commits batch by batch and takes back what it wrote when it is refused or fails (runInBatches).
// Progress goes to subscribers after each batch.
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission } from '../auth/viewer.js';
import { storedMessage } from '../error-messages.js';
import { fieldError, InputError, notFound, RapportError } from '../errors.js';
import type { DataImport, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import type { DuplicateAction, DuplicateDecision, Importer, ImportRun, MappedRow, RowProblem } from './importer.js';
import { mappingProblems, rowByField, suggestMapping, type ColumnMapping } from './mapping.js';
import { importProgress } from './progress.js';
import { openSheet, type Sheet } from './read.js';
import { bulkInsert } from '../shared/bulk-insert.js';
import { uuidv7 } from '../shared/ids.js';

const BATCH = 500;
/** Errors and duplicate decisions kept in the report; the counts cover every row. */
export const MAX_REPORTED = 1_000;
/** An import of many rows holds its transaction for minutes, not Prisma's default 5 seconds. */
const TRANSACTION = { timeout: 60 * 60_000, maxWait: 60_000 };
/** One batch of a background import: bounded, so its transaction is short. */
const BATCH_TRANSACTION = { timeout: 5 * 60_000, maxWait: 60_000 };

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  /** Files larger than this run as a job. */
  syncBytes: number;
}

export interface StartImportInput {
  entity: string;
  bytes: Uint8Array;
  fileName: string | null;
  mapping: ColumnMapping[] | null;
  dryRun: boolean;
  skipInvalid: boolean;
  duplicates: { defaultAction: DuplicateAction; rows: Array<{ row: number; action: DuplicateAction; into: string | null }> };
  background: boolean | null;
}

class Refused extends Error {}
/** Ends a batch's transaction without writing (a dry run, or a refused import still checking rows). */
class RolledBack extends Error {}

export function importerFor(importers: readonly Importer[], entity: string): Importer {
  const importer = importers.find((i) => i.entity === entity);
  if (!importer) throw new InputError([fieldError('entity', 'import.unknownEntity', { entities: importers.map((i) => i.entity).join(', ') })]);
  return importer;
}

function requireImport(ctx: ServiceContext, importer: Importer) {
  requirePermission(ctx.viewer, 'data.import');
  if (importer.permission) requirePermission(ctx.viewer, importer.permission);
}

function checkSize(bytes: Uint8Array, limits: ImportLimits) {
  if (bytes.byteLength === 0) throw new InputError([fieldError('file', 'import.fileEmpty')]);
  if (bytes.byteLength > limits.maxBytes) throw new InputError([fieldError('file', 'import.fileTooLarge', { size: String(bytes.byteLength), max: String(limits.maxBytes) })]);
}

/** The header, a few rows and the suggested mapping, without writing anything. */
export async function previewImport(ctx: ServiceContext, importers: readonly Importer[], limits: ImportLimits, input: { entity: string; bytes: Uint8Array; fileName: string | null }) {
  const importer = importerFor(importers, input.entity);
  requireImport(ctx, importer);
  checkSize(input.bytes, limits);
  const sheet = await openSheet(input.bytes, input.fileName);
  const fields = await importer.fields(ctx, ctx.prisma);
  const sample: string[][] = [];
  for await (const row of sheet.rows) {
    sample.push(row.cells);
    if (sample.length === 5) break;
  }
  return { format: sheet.format, encoding: sheet.encoding, delimiter: sheet.delimiter, header: sheet.header, sample, fields, suggested: suggestMapping(sheet.header, fields) };
}

/**
 * Starts an import (or dry run). Small files finish before this returns; larger ones, or with
 * `background`, return the RUNNING import and go on (progress: the dataImportProgress subscription).
 */
export async function startImport(ctx: ServiceContext, importers: readonly Importer[], limits: ImportLimits, input: StartImportInput): Promise<DataImport> {
  const importer = importerFor(importers, input.entity);
  requireImport(ctx, importer);
  checkSize(input.bytes, limits);
  const sheet = await openSheet(input.bytes, input.fileName);
  const fields = await importer.fields(ctx, ctx.prisma);
  const mapping = input.mapping ?? suggestMapping(sheet.header, fields);
  const problems = mappingProblems(mapping, sheet.header, fields);
  if (problems.length) throw new InputError(problems);
  const record = await ctx.prisma.dataImport.create({
    data: {
      entity: importer.entity,
      dryRun: input.dryRun,
      fileName: input.fileName,
      format: sheet.format,
      encoding: sheet.encoding,
      delimiter: sheet.delimiter,
      options: { mapping, skipInvalid: input.skipInvalid, duplicates: input.duplicates } as unknown as Prisma.InputJsonObject,
      startedById: actingUserId(ctx.viewer),
      startedAt: ctx.clock.now(),
    },
  });
  const background = input.background ?? input.bytes.byteLength > limits.syncBytes;
  const work = runImport(ctx, importer, sheet, mapping, input, record, limits, background);
  if (!background) return work;
  work.catch(() => {}); // recorded on the import row as FAILED
  return record;
}

interface Tally {
  total: number;
  created: number;
  merged: number;
  skipped: number;
  invalid: number;
  duplicates: number;
  errors: RowProblem[];
  decisions: DuplicateDecision[];
}

async function runImport(ctx: ServiceContext, importer: Importer, sheet: Sheet, mapping: ColumnMapping[], input: StartImportInput, record: DataImport, limits: ImportLimits, background: boolean): Promise<DataImport> {
  const tally: Tally = { total: 0, created: 0, merged: 0, skipped: 0, invalid: 0, duplicates: 0, errors: [], decisions: [] };
  const choices = { defaultAction: input.duplicates.defaultAction, rows: new Map(input.duplicates.rows.map((r) => [r.row, { action: r.action, into: r.into }])) };
  const cellsOf = rowByField(sheet.header, mapping);
  const memo = new Map<string, unknown>();
  const counts = () => ({
    totalRows: tally.total,
    processedRows: tally.total,
    createdCount: tally.created,
    mergedCount: tally.merged,
    skippedCount: tally.skipped,
    invalidCount: tally.invalid,
    duplicateCount: tally.duplicates,
    errors: tally.errors as unknown as Prisma.InputJsonValue,
    duplicates: tally.decisions as unknown as Prisma.InputJsonValue,
  });
  const snapshot = (status: DataImport['status'], extra: Partial<DataImport> = {}): DataImport => ({ ...record, status, ...(counts() as unknown as Partial<DataImport>), ...extra });
  /** Checks and writes one batch in `tx`, adds its outcome to the tally; returns whether it had invalid rows. */
  const apply = async (tx: Prisma.TransactionClient, batch: MappedRow[], keepRecords: boolean): Promise<boolean> => {
    const run: ImportRun = { ctx, tx, choices, memo };
    const result = await importer.importBatch(run, batch);
    tally.created += result.created;
    tally.merged += result.merged;
    tally.skipped += result.skipped;
    tally.duplicates += result.duplicates.length;
    tally.invalid += new Set(result.problems.map((p) => p.row)).size;
    tally.errors.push(...result.problems.slice(0, MAX_REPORTED - tally.errors.length));
    tally.decisions.push(...result.duplicates.slice(0, MAX_REPORTED - tally.decisions.length));
    if (keepRecords) await bulkInsert(tx, 'DataImportRecord', result.records.map((r) => ({ id: uuidv7(), ...r, importId: record.id })));
    return result.problems.length > 0;
  };
  const rows = async function* () {
    let batch: MappedRow[] = [];
    for await (const row of sheet.rows) {
      if (tally.total + batch.length + 1 > limits.maxRows) throw new InputError([fieldError('file', 'import.tooManyRows', { max: String(limits.maxRows) })]);
      batch.push({ number: row.number, cells: cellsOf(row.cells) });
      if (batch.length === BATCH) {
        tally.total += batch.length;
        yield batch;
        batch = [];
      }
    }
    if (batch.length) {
      tally.total += batch.length;
      yield batch;
    }
  };
  const audit = (tx: Prisma.TransactionClient) =>
    recordAudit(tx, ctx, {
      action: 'data.import',
      entity: { type: 'DataImport', id: record.id },
      after: { entity: importer.entity, fileName: input.fileName, rows: tally.total, created: tally.created, merged: tally.merged, skipped: tally.skipped, invalid: tally.invalid },
    });

  let outcome: { status: DataImport['status']; failure: string | null };
  let audited = false;
  try {
    if (background) outcome = await runInBatches(ctx, importer, record, input, rows(), apply, counts);
    else {
      // One transaction for the whole (small) file: all or nothing, and a dry run sees its own earlier rows.
      await ctx.prisma.$transaction(async (tx) => {
        for await (const batch of rows()) {
          await apply(tx, batch, true);
          importProgress.publish(snapshot('RUNNING'));
        }
        if (tally.total === 0) throw new InputError([fieldError('file', 'import.noDataRows')]);
        if (input.dryRun || (tally.invalid > 0 && !input.skipInvalid)) throw new Refused();
        await audit(tx);
      }, TRANSACTION);
      audited = true;
      outcome = { status: 'DONE', failure: null };
    }
  } catch (error) {
    if (error instanceof Refused) outcome = { status: input.dryRun ? 'DONE' : 'REFUSED', failure: null };
    else {
      // A problem with the file as a whole is the caller's error while they wait for the answer.
      if (error instanceof InputError && !background) {
        await ctx.prisma.dataImport.delete({ where: { id: record.id } });
        importProgress.finish(record.id);
        throw error;
      }
      if (!(error instanceof RapportError)) console.error('import failed', error);
      outcome = { status: 'FAILED', failure: failureOf(error) };
    }
  }
  const final = snapshot(outcome.status, { failure: outcome.failure, finishedAt: ctx.clock.now() });
  const written = outcome.status === 'DONE' && !input.dryRun && background && !audited;
  await ctx.prisma.$transaction(async (tx) => {
    await tx.dataImport.update({ where: { id: record.id }, data: { ...counts(), status: final.status, failure: final.failure, finishedAt: final.finishedAt } });
    // A background import's rows are already committed, batch by batch: its audit entry goes with its final state.
    if (written) await audit(tx);
  });
  importProgress.publish(final);
  importProgress.finish(record.id);
  return final;
}

/**
 * A background import: every batch in a transaction of its own (seconds, not the whole file), with the
 * records undo needs and the progress counts, so memory and locks are bounded by one batch and other
 * instances see the progress. All or nothing as an outcome: once a batch holds an invalid row (without
 * skipInvalid), or anything fails, nothing more is written, the remaining rows are only checked (each
 * batch rolled back) so every invalid row is reported, and what the earlier batches wrote is taken back
 * (the importer's undo) before the import ends REFUSED or FAILED. A dry run rolls back every batch.
 */
async function runInBatches(
  ctx: ServiceContext,
  importer: Importer,
  record: DataImport,
  input: StartImportInput,
  batches: AsyncGenerator<MappedRow[]>,
  apply: (tx: Prisma.TransactionClient, batch: MappedRow[], keepRecords: boolean) => Promise<boolean>,
  counts: () => Prisma.DataImportUpdateInput,
): Promise<{ status: DataImport['status']; failure: string | null }> {
  let writing = !input.dryRun;
  let wroteAny = false;
  let rows = 0;
  try {
    for await (const batch of batches) {
      rows += batch.length;
      const commit = writing;
      try {
        await ctx.prisma.$transaction(async (tx) => {
          const invalid = await apply(tx, batch, commit);
          if (!commit) throw new RolledBack();
          if (invalid && !input.skipInvalid) {
            writing = false;
            throw new RolledBack();
          }
          await tx.dataImport.update({ where: { id: record.id }, data: counts() });
          wroteAny = true;
        }, BATCH_TRANSACTION);
      } catch (error) {
        if (!(error instanceof RolledBack)) throw error;
      }
      importProgress.publish({ ...record, ...(counts() as unknown as Partial<DataImport>), status: 'RUNNING' });
    }
    if (rows === 0) throw new InputError([fieldError('file', 'import.noDataRows')]);
  } catch (error) {
    if (wroteAny) await takeBack(ctx, importer, record.id);
    throw error;
  }
  if (input.dryRun) return { status: 'DONE', failure: null };
  if (!writing) {
    if (wroteAny) await takeBack(ctx, importer, record.id);
    return { status: 'REFUSED', failure: null };
  }
  return { status: 'DONE', failure: null };
}

/**
 * Why an import failed, stored for its readers (`storedMessageIn`): a refusal's text as raised in each
 * language (`import.failedWith` picks the reader's), anything else as the unexpected failure.
 */
function failureOf(error: unknown): string {
  if (!(error instanceof RapportError)) return storedMessage('import.unexpectedFailure');
  const messages = error.messages ?? { 'zh-CN': error.message, en: error.message };
  return storedMessage('import.failedWith', { zh: messages['zh-CN'], en: messages.en });
}

/** Deletes (restores) what a background import's committed batches wrote, in one transaction. */
async function takeBack(ctx: ServiceContext, importer: Importer, importId: string): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const records = await tx.dataImportRecord.findMany({ where: { importId } });
    await importer.undo(tx, ctx, records);
    await tx.dataImportRecord.deleteMany({ where: { importId } });
  }, TRANSACTION);
}

/** Whether a viewer may see (and undo) an import: their own, or any with audit.read. */
export function importsVisibleTo(ctx: ServiceContext): Prisma.DataImportWhereInput {
  if (can(ctx.viewer, 'audit.read')) return {};
  const userId = actingUserId(ctx.viewer);
  return userId ? { startedById: userId } : { id: { in: [] } };
}

/** Undoes an applied import while nothing it wrote has changed since (CONFLICT otherwise). */
export async function undoImport(ctx: ServiceContext, importers: readonly Importer[], id: string): Promise<DataImport> {
  requirePermission(ctx.viewer, 'data.import');
  return ctx.prisma.$transaction(async (tx) => {
    const found = await tx.dataImport.findFirst({ where: { AND: [{ id }, importsVisibleTo(ctx)] } });
    if (!found) throw notFound('Import');
    const records = found.dryRun ? [] : await tx.dataImportRecord.findMany({ where: { importId: id } });
    // A background import that failed and could not take its batches back still holds their records.
    const undoable = found.status === 'DONE' || (found.status === 'FAILED' && records.length > 0);
    if (found.dryRun || !undoable) throw new InputError([fieldError('id', 'import.notUndoable', { state: found.dryRun ? 'dryRun' : found.status })]);
    const importer = importerFor(importers, found.entity);
    await importer.undo(tx, ctx, records);
    const undone = await tx.dataImport.update({ where: { id }, data: { status: 'UNDONE', undoneAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, { action: 'data.undoImport', entity: { type: 'DataImport', id }, after: { records: records.length } });
    return undone;
  }, TRANSACTION);
}
