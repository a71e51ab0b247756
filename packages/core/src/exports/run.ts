// Exports: a mutation checks the request and returns a short-lived signed link; the download streams
// the rows in batches (one query per batch, keyset by id) into CSV or XLSX, so memory stays bounded
// whatever the list's size, and the page-size cap does not apply.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { GraphQLSchema } from 'graphql';
import { recordAudit } from '../audit/service.js';
import type { Permission } from '../auth/permissions.js';
import { actingUserId, requirePermission, type Viewer } from '../auth/viewer.js';
import type { RapportConfig } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { Clock } from '../clock.js';
import { fieldError, InputError } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { filterFor, neutralise, type ExportCell, type Exporter, type ExportContext } from './exporter.js';

export type ExportFormat = 'CSV' | 'XLSX';
export const EXPORT_PATH = '/exports/download';
/** Rows per query. */
export const EXPORT_BATCH = 1_000;
const LINK_TTL_MS = 5 * 60_000;

export function exporterFor(exporters: readonly Exporter[], entity: string): Exporter {
  const exporter = exporters.find((e) => e.entity === entity);
  if (!exporter) throw new InputError([fieldError('entity', 'export.cannotExport', { entities: exporters.map((e) => e.entity).join(', ') })]);
  return exporter;
}

const signature = (id: string, secret: string) => createHmac('sha256', secret).update(`export:${id}`).digest('base64url');

/** `<export id>.<HMAC>`: names the export and proves the server issued the link. */
export function downloadToken(id: string, secret: string): string {
  return `${id}.${signature(id, secret)}`;
}

function exportIdOf(token: string, secret: string): string | null {
  const [id, mac, ...rest] = token.split('.');
  if (!id || !mac || rest.length) return null;
  const expected = Buffer.from(signature(id, secret));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

interface StoredViewer {
  kind: Viewer['kind'];
  id: string;
  role?: string;
  label: string;
  permissions: Permission[];
  hiddenCustomFields: string[];
}

/** The viewer as it asked: the download applies its visibility and field permissions (the link lives minutes). */
export const storedViewer = (viewer: Viewer): StoredViewer => ({
  kind: viewer.kind,
  id: viewer.id,
  ...('role' in viewer ? { role: viewer.role } : {}),
  label: viewer.label,
  permissions: [...viewer.permissions],
  hiddenCustomFields: [...viewer.hiddenCustomFields],
});

function viewerOf(stored: StoredViewer): Viewer {
  return { ...stored, permissions: new Set(stored.permissions), email: stored.label, name: stored.label, sessionId: null } as unknown as Viewer;
}

export interface ExportRequestInput {
  entity: string;
  format: ExportFormat;
  filter: unknown;
}

/** Checks an export (permission, filter) and records it; returns the download link's token and expiry. */
export async function requestExport(
  ctx: ServiceContext & { config: RapportConfig },
  schema: GraphQLSchema,
  exporters: readonly Exporter[],
  input: ExportRequestInput,
) {
  const exporter = exporterFor(exporters, input.entity);
  requirePermission(ctx.viewer, 'data.export');
  if (exporter.permission) requirePermission(ctx.viewer, exporter.permission);
  const filter = filterFor(schema, exporter, input.filter);
  // Validates the filter against the data (custom-field keys and the like) before a link exists.
  await exporter.batch(exportContext(ctx, ctx.viewer!), filter, null, 1);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const created = await tx.dataExport.create({
      data: {
        entity: exporter.entity,
        format: input.format,
        filter: (filter ?? undefined) as Prisma.InputJsonValue | undefined,
        viewer: storedViewer(ctx.viewer!) as unknown as Prisma.InputJsonObject,
        requestedById: actingUserId(ctx.viewer),
        requestedAt: now,
        expiresAt: new Date(now.getTime() + LINK_TTL_MS),
      },
    });
    await recordAudit(tx, ctx, { action: 'data.export', entity: { type: 'DataExport', id: created.id }, after: { entity: exporter.entity, format: input.format, filter: input.filter ?? null } });
    return { id: created.id, token: downloadToken(created.id, ctx.config.authSecret!), expiresAt: created.expiresAt };
  });
}

export function exportContext(ctx: Pick<ExportContext, 'prisma' | 'clock' | 'config'>, viewer: Viewer): ExportContext {
  // A fresh object per export: per-request caches (custom-field definitions) key on it.
  return { prisma: ctx.prisma, clock: ctx.clock, config: ctx.config, viewer };
}

/** Every row, batch by batch; nothing outlives its batch. */
async function* rowsOf(ctx: ExportContext, exporter: Exporter, filter: unknown): AsyncGenerator<Record<string, ExportCell>> {
  let after: string | null = null;
  for (;;) {
    const batch = await exporter.batch(ctx, filter, after, EXPORT_BATCH);
    for (const row of batch) yield row.cells;
    if (batch.length < EXPORT_BATCH) return;
    after = batch.at(-1)!.id;
  }
}

const csvCell = (value: ExportCell) => (value instanceof Date ? value.toISOString() : value);

/** Streams CSV (UTF-8 with a BOM, so Excel reads Chinese right), waiting for the client between writes. */
function csvStream(headers: string[], keys: string[], rows: AsyncIterable<Record<string, ExportCell>>, done: (count: number) => Promise<void>): Readable {
  const out = stringify({ bom: true });
  void (async () => {
    let count = 0;
    try {
      out.write(headers.map(neutralise));
      for await (const row of rows) {
        if (!out.write(keys.map((k) => neutralise(csvCell(row[k] ?? null))))) await new Promise((r) => out.once('drain', r));
        count++;
      }
      out.end();
      await done(count);
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Streams XLSX with exceljs's streaming writer: each row is committed (written out) as it comes. */
function xlsxStream(headers: string[], keys: string[], rows: AsyncIterable<Record<string, ExportCell>>, sheetName: string, done: (count: number) => Promise<void>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    let count = 0;
    try {
      sheet.addRow(headers.map(neutralise)).commit();
      for await (const row of rows) {
        sheet.addRow(keys.map((k) => neutralise(row[k] ?? null))).commit();
        if (++count % EXPORT_BATCH === 0 && out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
      }
      sheet.commit();
      await workbook.commit();
      await done(count);
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

const problem = (status: number, message: string) => new Response(JSON.stringify({ error: status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message }), { status, headers: { 'content-type': 'application/json' } });

/**
 * GET /exports/download?token=…: once, before it expires, for a requester who is still active. The
 * rows are read as the requester may see them at download time.
 */
export async function downloadExport(request: Request, services: ExportServices): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const id = exportIdOf(token, services.config.authSecret!);
  if (!id) return problem(403, 'Invalid download link');
  const now = services.clock.now();
  const { count } = await services.prisma.dataExport.updateMany({ where: { id, downloadedAt: null, expiresAt: { gt: now } }, data: { downloadedAt: now } });
  if (count === 0) return problem(404, 'This download link has expired or was used already; request the export again');
  const stored = await services.prisma.dataExport.findUniqueOrThrow({ where: { id } });
  if (stored.requestedById) {
    const user = await services.prisma.user.findUnique({ where: { id: stored.requestedById }, select: { active: true } });
    if (!user?.active) return problem(403, 'The user who requested this export is no longer active');
  }
  const file = await exportFile(services, stored, now);
  return new Response(Readable.toWeb(file.content) as ReadableStream, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
  });
}

export interface ExportServices {
  prisma: PrismaClient;
  /** Where the exported rows are read: the read replica when one is configured (Database.reportPrisma). */
  reportDb?: PrismaClient;
  clock: Clock;
  config: RapportConfig;
  exporters: readonly Exporter[];
}

export interface ExportFile {
  filename: string;
  contentType: string;
  /** The rows streamed as they are read (under the stored viewer's visibility at this moment). */
  content: Readable;
}

/**
 * An export's file, streamed: for the download route, and for a scheduled run's e-mail attachment
 * (nodemailer reads the stream while it talks to the SMTP server). Records the row count when done.
 */
export async function exportFile(
  services: ExportServices,
  stored: { id: string; entity: string; format: string; filter: unknown; viewer: unknown },
  now: Date,
): Promise<ExportFile> {
  const viewer = viewerOf(stored.viewer as StoredViewer);
  const exporter = exporterFor(services.exporters, stored.entity);
  // The rows (and columns) are read from the replica when there is one: an exporter only reads.
  const ctx = exportContext({ ...services, prisma: services.reportDb ?? services.prisma }, viewer);
  const columns = await exporter.columns(ctx);
  const headers = columns.map((c) => c.header);
  const keys = columns.map((c) => c.key);
  const rows = rowsOf(ctx, exporter, stored.filter);
  const done = async (rowCount: number) => void (await services.prisma.dataExport.update({ where: { id: stored.id }, data: { rowCount } }));
  const stamp = now.toISOString().slice(0, 10);
  const filename = `${stored.entity.toLowerCase()}-${stamp}.${stored.format.toLowerCase()}`;
  const content = stored.format === 'XLSX' ? xlsxStream(headers, keys, rows, stored.entity.toLowerCase(), done) : csvStream(headers, keys, rows, done);
  return { filename, content, contentType: stored.format === 'XLSX' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8' };
}
