import type { Prisma, PrismaClient, RouteContext } from '@rapport/core';
import { downloadForToken } from './attachments.js';
import type { SalesConfig } from './config.js';
import { contractCode } from './contracts.js';
import { day, money, printDocument, printLines } from './pdf.js';
import { defaultPrintTemplate, printTemplate, type PrintTemplate } from './print-templates.js';

export const CONTRACT_PDF_PATH = '/sales/contract.pdf';

const INCLUDE = { lines: { orderBy: { position: 'asc' } }, customer: true, owner: true, instalments: { orderBy: { position: 'asc' } } } as const;
export type PrintableContract = Prisma.ContractGetPayload<{ include: typeof INCLUDE }>;

/** The printable contract (销售合同): template header, parties, lines with the template's columns, amount, terms, payment plan, template footer. */
export async function renderContractPdf(contract: PrintableContract, config: SalesConfig, template: PrintTemplate = defaultPrintTemplate('CONTRACT')): Promise<Buffer> {
  const code = contractCode(contract, config);
  return printDocument(template, `${code} ${contract.title}`, (doc) => {
    doc.text(`合同编号 No.: ${code} · ${contract.title}`);
    doc.text(
      `签订日期 Signed: ${contract.signedDate ? day(contract.signedDate) : '—'}    期限 Term: ${contract.startDate ? day(contract.startDate) : '—'} ~ ${contract.endDate ? day(contract.endDate) : '—'}    币种 Currency: ${contract.currency}`,
    );
    doc.moveDown();
    doc.font('bold').text('买方 Buyer');
    doc.font('body').text(contract.customer.name);
    if (template.companyName) {
      doc.font('bold').text('卖方 Seller');
      doc.font('body').text(template.companyName);
    }
    doc.text(`销售 Sales: ${contract.owner.name} · ${contract.owner.email}`);
    doc.moveDown();
    if (contract.lines.length) {
      printLines(doc, template.columns, contract.lines);
      doc.moveDown();
    }
    doc.font('bold').fontSize(12).text(`合同金额 Contract amount: ${contract.currency} ${money(contract.amount)}`, { align: 'right' });
    doc.font('body').fontSize(10);
    if (contract.paymentTerms) doc.moveDown().font('bold').text('付款条款 Payment terms').font('body').text(contract.paymentTerms);
    if (contract.deliveryTerms) doc.moveDown().font('bold').text('交货条款 Delivery terms').font('body').text(contract.deliveryTerms);
    if (contract.instalments.length) {
      doc.moveDown().font('bold').text('回款计划 Payment plan').font('body');
      for (const i of contract.instalments) doc.text(`${i.position}. ${day(i.dueDate)}  ${contract.currency} ${money(i.amount)}${i.note ? `  ${i.note}` : ''}`);
    }
  });
}

async function contractForToken(prisma: PrismaClient, token: string | null, now: Date): Promise<PrintableContract | null> {
  const download = await downloadForToken(prisma, token, now);
  if (!download || download.attachmentId) return null;
  return prisma.contract.findUnique({ where: { id: download.contractId }, include: INCLUDE });
}

/** GET /sales/contract.pdf?token=… — redeems a link issued by createContractPdfLink (the viewer was checked then). */
export async function serveContractPdf(request: Request, ctx: RouteContext<SalesConfig>): Promise<Response> {
  const contract = await contractForToken(ctx.prisma, new URL(request.url).searchParams.get('token'), ctx.clock.now());
  if (!contract) return new Response('This contract link is unknown or has expired; ask for a new one (createContractPdfLink).', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const pdf = await renderContractPdf(contract, ctx.config, await printTemplate(ctx.prisma, 'CONTRACT'));
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${contractCode(contract, ctx.config)}.pdf"`, 'cache-control': 'private, no-store' },
  });
}

