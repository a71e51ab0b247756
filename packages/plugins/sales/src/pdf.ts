import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { customerCode, sha256, type Prisma, type PrismaClient, type RouteContext } from '@rapport/core';
import type { SalesConfig } from './config.js';

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

const money = (value: Prisma.Decimal) => value.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The printable quote (报价单): header, customer, lines with discount and tax, totals, validity. */
export async function renderQuotePdf(quote: PrintableQuote, config: SalesConfig): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${quoteCode(quote, config)} ${quote.title}` } });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(20).text('报价单 Quotation', { align: 'left' });
  doc.moveDown(0.3).font('body').fontSize(10);
  doc.text(`${quoteCode(quote, config)} · ${quote.title}`);
  doc.text(`日期 Date: ${day(quote.sentAt ?? quote.createdAt)}    有效期至 Valid until: ${day(quote.validUntil)}    币种 Currency: ${quote.currency}`);
  doc.moveDown();
  doc.font('bold').text('客户 Customer');
  doc.font('body').text(quote.customer.name);
  if (quote.contact) doc.text(`联系人 Contact: ${quote.contact.name}${quote.contact.phone ? ` · ${quote.contact.phone}` : ''}`);
  doc.text(`销售 Sales: ${quote.owner.name} · ${quote.owner.email}`);
  doc.moveDown();

  const columns = [
    { title: '#', width: 22, align: 'left' as const },
    { title: '产品 / 描述 Item', width: 180, align: 'left' as const },
    { title: '数量 Qty', width: 55, align: 'right' as const },
    { title: '单价 Unit price', width: 75, align: 'right' as const },
    { title: '折扣 Disc.', width: 45, align: 'right' as const },
    { title: '税率 Tax', width: 40, align: 'right' as const },
    { title: '金额 Amount', width: 78, align: 'right' as const },
  ];
  const row = (cells: string[], font: 'body' | 'bold') => {
    const y = doc.y;
    let x = doc.page.margins.left;
    doc.font(font).fontSize(9);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 4 }));
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: columns[i]!.width - 4, align: columns[i]!.align });
      x += columns[i]!.width;
    });
    doc.x = doc.page.margins.left;
    doc.y = y + Math.max(...heights) + 4;
  };
  row(columns.map((c) => c.title), 'bold');
  doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.width - doc.page.margins.right, doc.y).stroke();
  doc.moveDown(0.3);
  for (const line of quote.lines) {
    if (doc.y > doc.page.height - 150) doc.addPage();
    row(
      [
        String(line.position),
        line.description,
        `${line.quantity.toString()}${line.unit ? ` ${line.unit}` : ''}`,
        money(line.unitPrice),
        `${line.discountPercent.toString()}%`,
        `${line.taxPercent.toString()}%`,
        money(line.totalAmount),
      ],
      'body',
    );
  }
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
  doc.end();
  return done;
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
  const pdf = await renderQuotePdf(quote, ctx.config);
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
