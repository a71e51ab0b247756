import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { customerCode, sha256, type Prisma, type PrismaClient, type RouteContext } from '@rapport/core';
import type { SalesConfig } from './config.js';
import { defaultPrintTemplate, PRINT_COLUMNS, printTemplate, type PrintColumn, type PrintTemplate } from './print-templates.js';

const require = createRequire(import.meta.url);
/** Noto Sans SC (SIL OFL) from an npm package: a full CJK font, so Chinese names print; pdfkit embeds only the glyphs used. */
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
/** Read once per process: the files are large and never change. */
const loadFonts = () =>
  (fonts ??= Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]).then(([regular, bold]) => ({ regular, bold })));

export type PrintableQuote = Prisma.QuoteGetPayload<{
  include: { lines: { orderBy: { position: 'asc' } }; customer: true; contact: true; owner: true };
}>;

export const money = (value: Prisma.Decimal) => value.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const day = (date: Date) => date.toISOString().slice(0, 10);

/** A line as a PDF prints it (a quote's or a contract's). */
export interface PrintableLine {
  position: number;
  description: string;
  unit: string | null;
  quantity: Prisma.Decimal;
  unitPrice: Prisma.Decimal;
  discountPercent: Prisma.Decimal;
  taxPercent: Prisma.Decimal;
  totalAmount: Prisma.Decimal;
}

const COLUMNS: Record<PrintColumn, { title: string; width: number; align: 'left' | 'right'; cell: (l: PrintableLine) => string }> = {
  POSITION: { title: '#', width: 22, align: 'left', cell: (l) => String(l.position) },
  ITEM: { title: '产品 / 描述 Item', width: 180, align: 'left', cell: (l) => l.description },
  QUANTITY: { title: '数量 Qty', width: 55, align: 'right', cell: (l) => `${l.quantity.toString()}${l.unit ? ` ${l.unit}` : ''}` },
  UNIT_PRICE: { title: '单价 Unit price', width: 75, align: 'right', cell: (l) => money(l.unitPrice) },
  DISCOUNT: { title: '折扣 Disc.', width: 45, align: 'right', cell: (l) => `${l.discountPercent.toString()}%` },
  TAX: { title: '税率 Tax', width: 40, align: 'right', cell: (l) => `${l.taxPercent.toString()}%` },
  AMOUNT: { title: '金额 Amount', width: 78, align: 'right', cell: (l) => money(l.totalAmount) },
};

/**
 * An A4 document with the CJK font, the template's company name, title and header; `body` writes the
 * rest, then the template's footer (terms) follows. Resolves to the PDF's bytes.
 */
export async function printDocument(template: PrintTemplate, info: string, body: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: info } });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (template.companyName) doc.font('bold').fontSize(12).text(template.companyName, { align: 'left' }).moveDown(0.2);
  doc.font('bold').fontSize(20).text(template.title, { align: 'left' });
  if (template.headerText) doc.font('body').fontSize(9).text(template.headerText);
  doc.moveDown(0.3).font('body').fontSize(10);
  body(doc);
  if (template.footerText) {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.moveDown().font('body').fontSize(9).text(template.footerText);
  }
  doc.end();
  return done;
}

/** The lines as a table of the template's columns; the item column takes the width the others leave. */
export function printLines(doc: PDFKit.PDFDocument, columnNames: readonly PrintColumn[], lines: readonly PrintableLine[]) {
  const chosen = (columnNames.length ? columnNames : PRINT_COLUMNS).map((name) => COLUMNS[name]);
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const fixed = chosen.filter((c) => c !== COLUMNS.ITEM).reduce((sum, c) => sum + c.width, 0);
  const widths = chosen.map((c) => (c === COLUMNS.ITEM ? Math.max(120, usable - fixed) : c.width));
  const row = (cells: string[], font: 'body' | 'bold') => {
    const y = doc.y;
    let x = doc.page.margins.left;
    doc.font(font).fontSize(9);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 }));
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i]! - 4, align: chosen[i]!.align });
      x += widths[i]!;
    });
    doc.x = doc.page.margins.left;
    doc.y = y + Math.max(...heights) + 4;
  };
  row(chosen.map((c) => c.title), 'bold');
  doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.width - doc.page.margins.right, doc.y).stroke();
  doc.moveDown(0.3);
  for (const line of lines) {
    if (doc.y > doc.page.height - 150) doc.addPage();
    row(chosen.map((c) => c.cell(line)), 'body');
  }
}

/** The printable quote (报价单): template header, customer, lines with the template's columns, totals, validity, template footer. */
export async function renderQuotePdf(quote: PrintableQuote, config: SalesConfig, template: PrintTemplate = defaultPrintTemplate('QUOTE')): Promise<Buffer> {
  return printDocument(template, `${quoteCode(quote, config)} ${quote.title}`, (doc) => {
    doc.text(`${quoteCode(quote, config)} · ${quote.title}`);
    doc.text(`日期 Date: ${day(quote.sentAt ?? quote.createdAt)}    有效期至 Valid until: ${day(quote.validUntil)}    币种 Currency: ${quote.currency}`);
    doc.moveDown();
    doc.font('bold').text('客户 Customer');
    doc.font('body').text(quote.customer.name);
    if (quote.contact) doc.text(`联系人 Contact: ${quote.contact.name}${quote.contact.phone ? ` · ${quote.contact.phone}` : ''}`);
    doc.text(`销售 Sales: ${quote.owner.name} · ${quote.owner.email}`);
    doc.moveDown();
    printLines(doc, template.columns, quote.lines);
    doc.moveDown();
    const totals: Array<[string, Prisma.Decimal]> = [
      ['小计 Subtotal', quote.subtotal],
      ['折扣 Discount', quote.discountTotal.neg()],
      ['税额 Tax', quote.taxTotal],
      ['合计 Total', quote.total],
    ];
    for (const [label, value] of totals) {
      doc.font(label.startsWith('合计') ? 'bold' : 'body').fontSize(label.startsWith('合计') ? 12 : 10);
      doc.text(`${label}: ${quote.currency} ${money(value)}`, { align: 'right' });
    }
    if (quote.note) {
      doc.moveDown().font('bold').fontSize(10).text('备注 Notes');
      doc.font('body').text(quote.note);
    }
  });
}

export function quoteCode(quote: { number: number; revision: number }, config: SalesConfig): string {
  const base = customerCode(config.quoteCodePrefix, quote.number);
  return quote.revision > 1 ? `${base}-${quote.revision}` : base;
}

/** GET /sales/quote.pdf?token=… — redeems a link issued by createQuotePdfLink (the viewer was checked then). */
export async function serveQuotePdf(request: Request, ctx: RouteContext<SalesConfig>): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token');
  const quote = token ? await quoteForToken(ctx.prisma, token, ctx.clock.now()) : null;
  if (!quote) return new Response('This quote link is unknown or has expired; ask for a new one (createQuotePdfLink).', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const pdf = await renderQuotePdf(quote, ctx.config, await printTemplate(ctx.prisma, 'QUOTE'));
  const filename = `${quoteCode(quote, ctx.config)}.pdf`;
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

async function quoteForToken(prisma: PrismaClient, token: string, now: Date): Promise<PrintableQuote | null> {
  const download = await prisma.quoteDownload.findUnique({ where: { tokenHash: sha256(token) }, select: { quoteId: true, expiresAt: true } });
  if (!download || download.expiresAt <= now) return null;
  return prisma.quote.findUnique({
    where: { id: download.quoteId },
    include: { lines: { orderBy: { position: 'asc' } }, customer: true, contact: true, owner: true },
  });
}
