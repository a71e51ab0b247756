import { randomBytes } from 'node:crypto';
import { sales } from './messages.js';
import { z } from 'zod';
import {
  actingUserId,
  approvalOf,
  requestApproval,
  customersVisibleTo,
  isUuid,
  notFound,
  parseInput,
  type Prisma,
  recordAudit,
  recordOfferIn,
  requireCustomerEditable,
  requirePermission,
  rules,
  sha256,
  throwIfAny,
  throwMissingOrStale,
  type FieldError,
  type ServiceContext,
} from '@rapport/core';
import { addDays, calendarDay, reject, rowToChange } from './access.js';
import type { SalesConfig } from './config.js';
import { quoteTotals, lineAmounts } from './quote-math.js';
import { quoteTransition, type QuoteAction } from './quote-status.js';

type Db = Prisma.TransactionClient;
export type Quote = Prisma.QuoteModel;

const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage with at most 2 decimals')
  .refine((v) => Number(v) <= 100, 'must be at most 100');
const quantity = z
  .string()
  .regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be a positive quantity with at most 3 decimals')
  .refine((v) => Number(v) > 0, sales.key('sales.positive'));

const lineInput = z.object({
  productId: z.uuid(sales.key('sales.idOfProduct')).nullish(),
  description: rules.optionalText(500),
  quantity,
  /** Default: the product's price in the quote's price list. */
  unitPrice: rules.money.nullish(),
  discountPercent: percent.default('0'),
  taxPercent: percent.default('0'),
});

const quoteFields = {
  title: rules.requiredText(200),
  contactId: z.uuid(sales.key('sales.idOfContact')).nullish(),
  validUntil: z.date().nullish(),
  note: rules.optionalText(5_000),
  lines: z.array(lineInput).min(1, sales.key('sales.quote.needsLine')).max(200, sales.key('sales.quote.maxLines')),
};

const createQuoteInput = z.object({
  customerId: z.string(),
  opportunityId: z.uuid(sales.key('sales.idOfOpportunity')).nullish(),
  priceListId: z.uuid(sales.key('sales.idOfPriceList')).nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').nullish(),
  ...quoteFields,
});
const updateQuoteInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  title: quoteFields.title.optional(),
  contactId: quoteFields.contactId,
  validUntil: z.date().optional(),
  note: quoteFields.note,
  lines: quoteFields.lines.optional(),
});
const decideInput = z.object({ id: z.string(), version: z.number().int().min(1), note: rules.optionalText(2_000) });

export type CreateQuoteInput = z.input<typeof createQuoteInput>;
export type UpdateQuoteInput = z.input<typeof updateQuoteInput>;
export type DecideQuoteInput = z.input<typeof decideInput>;
type LineIn = z.output<typeof lineInput>;


/**
 * A DRAFT quote for a customer (optionally for one of its opportunities), priced from a price list
 * unless a line gives its own unit price. Totals are computed exactly from the lines.
 */
export async function createQuote(ctx: ServiceContext, config: SalesConfig, input: CreateQuoteInput): Promise<Quote> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const fields = parseInput(createQuoteInput, input);
  requirePermission(ctx.viewer, 'customer.write');
  const customer = isUuid(fields.customerId)
    ? await ctx.prisma.customer.findFirst({ where: { AND: [{ id: fields.customerId }, customersVisibleTo(ctx.viewer)] }, select: { id: true } })
    : null;
  if (!customer) throw notFound('Customer');
  const opportunity = fields.opportunityId
    ? await ctx.prisma.opportunity.findFirst({ where: { id: fields.opportunityId, customerId: customer.id }, select: { id: true, currency: true, status: true } })
    : null;
  const priceList = fields.priceListId ? await ctx.prisma.priceList.findUnique({ where: { id: fields.priceListId } }) : null;
  const currency = priceList?.currency ?? fields.currency ?? opportunity?.currency ?? config.defaultCurrency;
  throwIfAny([
    fields.opportunityId && !opportunity ? sales.field('opportunityId', 'sales.quote.notCustomerOpportunity', {}, 'NOT_FOUND') : null,
    opportunity && opportunity.status !== 'OPEN' ? sales.field('opportunityId', 'sales.quote.opportunityClosed', { status: opportunity.status }, 'CONFLICT') : null,
    fields.priceListId && !priceList ? sales.field('priceListId', 'sales.noSuchPriceList', {}, 'NOT_FOUND') : null,
    priceList && !priceList.active ? sales.field('priceListId', 'sales.priceListRetired', {}, 'NOT_ALLOWED_VALUE') : null,
    priceList && fields.currency && fields.currency !== priceList.currency ? sales.field('currency', 'sales.quote.priceListCurrency', { currency: priceList.currency }) : null,
    await contactError(ctx.prisma, customer.id, fields.contactId),
  ]);
  const lines = await pricedLines(ctx.prisma, fields.lines, priceList?.id ?? null);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    await requireCustomerEditable(tx, ctx.viewer, customer.id);
    const quote = await tx.quote.create({
      data: {
        title: fields.title,
        customerId: customer.id,
        contactId: fields.contactId ?? null,
        opportunityId: opportunity?.id ?? null,
        priceListId: priceList?.id ?? null,
        currency,
        validUntil: fields.validUntil ?? addDays(calendarDay(now, config.timeZone), config.quoteValidDays),
        note: fields.note ?? null,
        ownerId: actingUserId(ctx.viewer)!,
        createdAt: now,
        ...totalsOf(lines),
        lines: { create: lines },
      },
    });
    await recordAudit(tx, ctx, { action: 'quote.create', entity: { type: 'Quote', id: quote.id }, after: { ...quote, lines } });
    return quote;
  });
}

/**
 * Changes a DRAFT quote; new lines replace the old ones and the totals are computed again. A quote
 * under approval cannot change; a change after an approval voids it (the approval names the version).
 */
export async function updateQuote(ctx: ServiceContext, input: UpdateQuoteInput): Promise<Quote> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const { id, version, lines: lineInputs, ...fields } = parseInput(updateQuoteInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'edit');
  if (await approvalOf(ctx.prisma, 'Quote', id, 'PENDING')) reject('id', 'sales.quote.waitingWithdrawFirst', 'CONFLICT');
  throwIfAny([await contactError(ctx.prisma, read.customerId, fields.contactId)]);
  const lines = lineInputs ? await pricedLines(ctx.prisma, lineInputs, read.priceListId) : null;
  const data: Prisma.QuoteUncheckedUpdateManyInput = {
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    ...(lines ? totalsOf(lines) : {}),
  };
  return writeQuote(ctx, read, data, 'quote.update', async (tx) => {
    if (!lines) return;
    await tx.quoteLine.deleteMany({ where: { quoteId: id } });
    await tx.quoteLine.createMany({ data: lines.map((line) => ({ ...line, quoteId: id })) });
  });
}

/**
 * Sends a DRAFT quote: from now on it is immutable, and the customer's offer fact is recorded
 * through core in the same transaction (a customer with offers and no deal is tier C). A discount
 * above the threshold needs an approval of exactly this version first.
 */
export async function sendQuote(ctx: ServiceContext, config: SalesConfig, input: DecideQuoteInput): Promise<Quote> {
  const { id, version, note } = parseInput(decideInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'send');
  const now = ctx.clock.now();
  if (read.validUntil < calendarDay(now, config.timeZone)) reject('id', 'sales.quote.validUntilPassed', 'CONFLICT', { day: day(read.validUntil) });
  const approval = await quoteApproval(ctx.prisma, read, config);
  if (approval.needed && approval.status !== 'APPROVED') {
    if (approval.status === 'PENDING') reject('id', 'sales.quote.waitingForApproval', 'CONFLICT');
    reject('id', 'sales.quote.needsApproval', 'CONFLICT', approval.reasonParams);
  }
  return writeQuote(ctx, read, { status: 'SENT', sentAt: now }, 'quote.send', async (tx) => {
    const offer = await recordOfferIn(tx, ctx, {
      customerId: read.customerId,
      kind: 'QUOTE',
      note: note ?? `${read.title} (revision ${read.revision})`,
      sentAt: now,
    });
    await tx.quote.update({ where: { id }, data: { offerId: offer.id } });
  });
}

/** Submits a DRAFT quote whose discount needs approval through the configured flow; the approvers are alerted. */
export async function submitQuoteForApproval(ctx: ServiceContext, config: SalesConfig, input: DecideQuoteInput): Promise<Quote> {
  const { id, version } = parseInput(decideInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'send');
  const approval = await quoteApproval(ctx.prisma, read, config);
  if (!approval.needed) reject('id', 'sales.quote.noApprovalNeeded', 'CONFLICT', { threshold: config.quoteApproval.discountAbovePercent });
  if (approval.status === 'PENDING' || approval.status === 'APPROVED') reject('id', approval.status === 'PENDING' ? 'sales.quote.alreadyPending' : 'sales.quote.alreadyApproved', 'CONFLICT');
  await ctx.prisma.$transaction((tx) =>
    requestApproval(tx, ctx, {
      entityType: 'Quote',
      entityId: id,
      entityVersion: read.version,
      title: `${read.title} (${read.currency} ${read.total.toFixed(2)})`,
      reason: approval.reason,
      ownerId: read.ownerId,
      steps: config.quoteApproval.steps,
    }),
  );
  return read;
}

export interface QuoteApprovalState {
  needed: boolean;
  /** Why, as a stored text (the approval request's reason), and its parameters. */
  reason: string;
  reasonParams: { discount: string; threshold: number };
  /** The status of the approval of this very version, if any. */
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' | null;
}

/** Whether the quote's discount needs approval, and where the approval of its current version stands. */
export async function quoteApproval(db: Db, quote: Quote, config: SalesConfig): Promise<QuoteApprovalState> {
  const threshold = config.quoteApproval.discountAbovePercent;
  const needed = quote.maxDiscount.greaterThan(threshold);
  const reasonParams = { discount: quote.maxDiscount.toString(), threshold };
  const reason = sales.stored('sales.quote.discountAbove', reasonParams);
  const latest = needed ? await approvalOf(db, 'Quote', quote.id) : null;
  const current = latest && (latest.status === 'PENDING' || latest.entityVersion === quote.version) ? latest.status : null;
  return { needed, reason, reasonParams, status: current };
}

export async function acceptQuote(ctx: ServiceContext, config: SalesConfig, input: DecideQuoteInput): Promise<Quote> {
  const { id, version } = parseInput(decideInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'accept');
  const now = ctx.clock.now();
  if (read.validUntil < calendarDay(now, config.timeZone)) reject('id', 'sales.quote.expired', 'CONFLICT', { day: day(read.validUntil) });
  return writeQuote(ctx, read, { status: 'ACCEPTED', decidedAt: now }, 'quote.accept', async () => {});
}

export async function rejectQuote(ctx: ServiceContext, input: DecideQuoteInput): Promise<Quote> {
  const { id, version } = parseInput(decideInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'reject');
  return writeQuote(ctx, read, { status: 'REJECTED', decidedAt: ctx.clock.now() }, 'quote.reject', async () => {});
}

/** A new DRAFT revision with the same lines; the revised one is SUPERSEDED. Only the latest revision can be revised. */
export async function reviseQuote(ctx: ServiceContext, config: SalesConfig, input: DecideQuoteInput): Promise<Quote> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const { id, version } = parseInput(decideInput, input);
  const read = await quoteToChange(ctx, id, version);
  requireAction(read, 'revise');
  const now = ctx.clock.now();
  const lines = await ctx.prisma.quoteLine.findMany({ where: { quoteId: id }, orderBy: { position: 'asc' } });
  let revised: Quote | undefined;
  await writeQuote(ctx, read, { status: 'SUPERSEDED' }, 'quote.supersede', async (tx) => {
    revised = await tx.quote.create({
      data: {
        number: read.number,
        revision: read.revision + 1,
        title: read.title,
        customerId: read.customerId,
        contactId: read.contactId,
        opportunityId: read.opportunityId,
        priceListId: read.priceListId,
        currency: read.currency,
        // A still-valid quote's revision keeps its date; an expired one's gets a fresh validity.
        validUntil: read.validUntil >= calendarDay(now, config.timeZone) ? read.validUntil : addDays(calendarDay(now, config.timeZone), config.quoteValidDays),
        note: read.note,
        ownerId: actingUserId(ctx.viewer)!,
        createdAt: now,
        subtotal: read.subtotal,
        discountTotal: read.discountTotal,
        taxTotal: read.taxTotal,
        total: read.total,
        maxDiscount: read.maxDiscount,
        lines: { create: lines.map(({ id: _id, quoteId: _q, ...line }) => line) },
      },
    });
    await recordAudit(tx, ctx, { action: 'quote.revise', entity: { type: 'Quote', id: revised.id }, after: { ...revised, revisedFrom: id } });
  });
  return revised!;
}

/** Marks SENT quotes past their validity (in the deployment's time zone) EXPIRED; idempotent. */
export async function expireQuotes(prisma: Prisma.TransactionClient | ServiceContext['prisma'], now: Date, timeZone: string): Promise<number> {
  const { count } = await prisma.quote.updateMany({
    where: { status: 'SENT', validUntil: { lt: calendarDay(now, timeZone) } },
    data: { status: 'EXPIRED', version: { increment: 1 } },
  });
  return count;
}

/** A link to the quote's PDF, valid for `minutes`; the token is stored only as a hash. */
export async function issueQuoteDownload(ctx: ServiceContext, quoteId: string, minutes = 10): Promise<{ token: string; expiresAt: Date }> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const quote = isUuid(quoteId) ? await ctx.prisma.quote.findFirst({ where: { id: quoteId, customer: customersVisibleTo(ctx.viewer) }, select: { id: true } }) : null;
  if (!quote) throw notFound('Quote');
  const token = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.quoteDownload.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.quoteDownload.create({ data: { tokenHash: sha256(token), quoteId, issuedToId: actingUserId(ctx.viewer), expiresAt, createdAt: now } });
    await recordAudit(tx, ctx, { action: 'quote.download', entity: { type: 'Quote', id: quoteId } });
  });
  return { token, expiresAt };
}

// ---------------------------------------------------------------------------------------------

export function quoteToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Quote> {
  return rowToChange(ctx.prisma, ctx.viewer, 'Quote', id, (where) => ctx.prisma.quote.findFirst({ where }), expectedVersion);
}

function requireAction(quote: Quote, action: QuoteAction) {
  const decided = quoteTransition(quote.status, action);
  if ('problem' in decided) reject('id', 'sales.quote.cannot', 'CONFLICT', decided.problem);
}

async function writeQuote(
  ctx: ServiceContext,
  read: Quote,
  data: Prisma.QuoteUncheckedUpdateManyInput,
  action: string,
  more: (tx: Db, written: Quote) => Promise<void>,
): Promise<Quote> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.quote.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Quote', tx.quote.findUnique({ where: { id: read.id }, select: { version: true } }));
    const written = await tx.quote.findUniqueOrThrow({ where: { id: read.id } });
    await more(tx, written);
    const after = await tx.quote.findUniqueOrThrow({ where: { id: read.id } });
    await recordAudit(tx, ctx, { action, entity: { type: 'Quote', id: read.id }, before: read, after });
    return after;
  });
}

type PricedLine = Omit<Prisma.QuoteLineCreateManyInput, 'quoteId'>;

/** Lines with their prices (from the price list when not given) and exact amounts; every problem names its line. */
async function pricedLines(db: Db, lines: LineIn[], priceListId: string | null): Promise<PricedLine[]> {
  const productIds = lines.flatMap((l) => (l.productId ? [l.productId] : []));
  const [products, prices] = await Promise.all([
    productIds.length ? db.product.findMany({ where: { id: { in: productIds } } }) : [],
    productIds.length && priceListId ? db.productPrice.findMany({ where: { priceListId, productId: { in: productIds } } }) : [],
  ]);
  const product = new Map(products.map((p) => [p.id, p]));
  const listPrice = new Map(prices.map((p) => [p.productId, p.unitPrice]));
  const problems: FieldError[] = [];
  const priced = lines.map((line, i) => {
    const p = line.productId ? product.get(line.productId) : undefined;
    if (line.productId && !p) problems.push(sales.field(`lines.${i}.productId`, 'sales.noSuchProduct', {}, 'NOT_FOUND'));
    if (p && !p.active) problems.push(sales.field(`lines.${i}.productId`, 'sales.productRetired', {}, 'NOT_ALLOWED_VALUE'));
    if (!line.productId && !line.description) problems.push(sales.field(`lines.${i}.description`, 'sales.quote.lineNeedsDescription', {}, 'REQUIRED'));
    const unitPrice = line.unitPrice ?? (line.productId ? listPrice.get(line.productId)?.toFixed(2) : undefined);
    if (unitPrice === undefined) problems.push(sales.field(`lines.${i}.unitPrice`, 'sales.quote.lineNeedsPrice', {}, 'REQUIRED'));
    const amounts = lineAmounts({ quantity: line.quantity, unitPrice: unitPrice ?? '0', discountPercent: line.discountPercent, taxPercent: line.taxPercent });
    return {
      position: i + 1,
      productId: line.productId ?? null,
      description: line.description ?? p?.name ?? '',
      unit: p?.unit ?? null,
      quantity: line.quantity,
      unitPrice: unitPrice ?? '0',
      discountPercent: line.discountPercent,
      taxPercent: line.taxPercent,
      netAmount: amounts.netAmount,
      taxAmount: amounts.taxAmount,
      totalAmount: amounts.totalAmount,
    };
  });
  throwIfAny(problems);
  return priced;
}

function totalsOf(lines: PricedLine[]) {
  return quoteTotals(lines.map((l) => ({ quantity: l.quantity as string, unitPrice: l.unitPrice as string, discountPercent: l.discountPercent as string, taxPercent: l.taxPercent as string })));
}

async function contactError(db: Db, customerId: string, contactId: string | null | undefined): Promise<FieldError | null> {
  if (!contactId) return null;
  const contact = await db.contact.findFirst({ where: { id: contactId, customerId }, select: { id: true } });
  return contact ? null : sales.field('contactId', 'sales.notCustomerContact', {}, 'NOT_FOUND');
}

const day = (date: Date) => date.toISOString().slice(0, 10);
