// Spreadsheet rows as a stream: CSV in any common delimiter and encoding (UTF-8, GB18030, BOMs), or the
// first worksheet of an XLSX. Rows are yielded one at a time, so a large file never becomes an array.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fieldError, InputError } from '../errors.js';

export type SpreadsheetFormat = 'CSV' | 'XLSX';

export interface SheetRow {
  /** The row's number as a spreadsheet shows it (the header is row 1); for CSV, the line it starts on. */
  number: number;
  cells: string[];
}

export interface SheetInfo {
  format: SpreadsheetFormat;
  encoding: string | null;
  delimiter: string | null;
}

export interface Sheet extends SheetInfo {
  header: string[];
  rows: AsyncIterable<SheetRow>;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format of a file from its bytes (XLSX is a zip) or, failing that, its name. */
export function formatOf(bytes: Uint8Array, fileName?: string | null): SpreadsheetFormat {
  if (Buffer.from(bytes.subarray(0, 4)).equals(XLSX_MAGIC)) return 'XLSX';
  if (fileName && /\.xlsx$/i.test(fileName)) {
    throw new InputError([fieldError('file', 'import.notXlsx')]);
  }
  return 'CSV';
}

/** The text encoding of CSV bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, anything else GB18030. */
export function detectEncoding(bytes: Uint8Array): { encoding: string; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunk = 1 << 20;
  try {
    // Chunk by chunk with `stream`, so the check allocates a chunk's worth, not the file's.
    for (let i = 0; i < bytes.length; i += chunk) decoder.decode(bytes.subarray(i, i + chunk), { stream: true });
    decoder.decode();
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** The delimiter of a CSV from its first line: the candidate found most often outside quotes (comma on a tie). */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** A cell of an XLSX row as text: dates as YYYY-MM-DD (with the time when it has one), formulas by result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/** Trimmed, and an export's formula guard (a leading apostrophe before = + - @) taken off again. */
const trimRow = (cells: string[]) => cells.map((c) => c.trim().replace(/^'(?=[=+\-@])/, ''));

/** Opens a spreadsheet: its header row and the data rows after it (blank rows are skipped). */
export async function openSheet(bytes: Uint8Array, fileName?: string | null): Promise<Sheet> {
  const format = formatOf(bytes, fileName);
  const iterator = format === 'XLSX' ? xlsxRows(bytes) : null;
  if (iterator) return withHeader({ format, encoding: null, delimiter: null }, iterator);
  const { encoding, bomLength } = detectEncoding(bytes);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.byteLength - bomLength);
  const head = iconv.decode(body.subarray(0, 64 * 1024), encoding);
  const delimiter = detectDelimiter(head.split(/\r?\n/, 1)[0] ?? '');
  return withHeader({ format, encoding, delimiter }, csvRows(body, encoding, delimiter));
}

async function withHeader(info: SheetInfo, iterator: AsyncIterator<SheetRow>): Promise<Sheet> {
  let first: IteratorResult<SheetRow>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw unreadable(info.format, error);
  }
  if (first.done) throw new InputError([fieldError('file', 'import.noRows')]);
  const header = first.value.cells;
  if (!header.some(Boolean)) throw new InputError([fieldError('file', 'import.noHeader')]);
  const rows: AsyncIterable<SheetRow> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        try {
          return await iterator.next();
        } catch (error) {
          throw unreadable(info.format, error);
        }
      },
    }),
  };
  return { ...info, header, rows };
}

function unreadable(format: SpreadsheetFormat, error: unknown): InputError {
  return new InputError([fieldError('file', 'import.unreadable', { format, reason: (error as Error).message })]);
}

async function* csvRows(body: Buffer, encoding: string, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = Readable.from(chunks(body))
    .pipe(iconv.decodeStream(encoding))
    .pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = trimRow(record);
    // `lines` is where the record ends; quoted line breaks inside it move its start back.
    const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (cells.some(Boolean)) yield { number: info.lines - breaks, cells };
  }
}

function* chunks(body: Buffer) {
  for (let i = 0; i < body.length; i += 1 << 16) yield body.subarray(i, i + (1 << 16));
}

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const cells = trimRow(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1] ?? null)));
      if (cells.some(Boolean)) yield { number: row.number, cells };
    }
    return; // the first worksheet only
  }
}
