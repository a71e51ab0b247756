import { approvalsVisibleTo, isUuid, notFound, payloadMutation, QuoteStatus, rawId, requirePermission, type CoreRefs, type RapportBuilder, connectionOf } from '@rapport/core';
import { catalogVisibleTo, money, throughCustomer } from './access.js';
import type { SalesConfig } from './config.js';
import { quoteCode } from './pdf.js';
import { definePriceList, defineProduct, updatePriceList, updateProduct } from './products.js';
import { acceptQuote, createQuote, issueQuoteDownload, quoteApproval, rejectQuote, reviseQuote, sendQuote, submitQuoteForApproval, updateQuote, type CreateQuoteInput, type UpdateQuoteInput } from './quotes.js';
import type { OpportunityRefs } from './schema.js';

export const QUOTE_PDF_PATH = '/sales/quote.pdf';

/** Products, price lists and quotes, with the approval of discounts above the threshold. */
export function registerQuoteSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig, { Opportunity }: OpportunityRefs) {
  const Status = builder.enumType(QuoteStatus, {
    name: 'QuoteStatus',
    description: 'DRAFT (editable) → SENT (immutable) → ACCEPTED / REJECTED / EXPIRED; SUPERSEDED once revised.',
  });

  const Product = builder.prismaNode('Product', {
    id: { field: 'id' },
    description: 'Something the company sells. Every member of staff may read the catalogue; cost needs customer.viewFinancials.',
    findUnique: (id, ctx) => ({ id, ...catalogVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      code: t.exposeString('code'),
      name: t.exposeString('name'),
      unit: t.exposeString('unit'),
      description: t.exposeString('description', { nullable: true }),
      active: t.exposeBoolean('active'),
      cost: t.field({ type: 'Decimal', nullable: true, description: 'Unit cost, for gross margin; null without customer.viewFinancials.', resolve: (p, _a, ctx) => money(ctx.viewer, p.cost) }),
      version: t.exposeInt('version'),
    }),
  });
  const ProductPrice = builder.prismaObject('ProductPrice', {
    fields: (t) => ({
      product: t.relation('product'),
      unitPrice: t.expose('unitPrice', { type: 'Decimal' }),
    }),
  });
  const PriceList = builder.prismaNode('PriceList', {
    id: { field: 'id' },
    description: 'List prices in one currency, so quotes are consistent across reps.',
    findUnique: (id, ctx) => ({ id, ...catalogVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      name: t.exposeString('name'),
      currency: t.exposeString('currency'),
      active: t.exposeBoolean('active'),
      version: t.exposeInt('version'),
      prices: t.relation('prices', { query: () => ({ orderBy: { product: { code: 'asc' } } }) }),
    }),
  });

  const QuoteLine = builder.prismaObject('QuoteLine', {
    description: 'A line of a quote; amounts are null without customer.viewFinancials.',
    fields: (t) => ({
      position: t.exposeInt('position'),
      product: t.relation('product', { nullable: true }),
      description: t.exposeString('description'),
      unit: t.exposeString('unit', { nullable: true }),
      // Up to 3 decimals: passed as text so the scalar's money formatting (2 decimals) does not round it.
      quantity: t.field({ type: 'Decimal', resolve: (l) => l.quantity.toString() }),
      unitPrice: t.field({ type: 'Decimal', nullable: true, resolve: (l, _a, ctx) => money(ctx.viewer, l.unitPrice) }),
      discountPercent: t.expose('discountPercent', { type: 'Decimal' }),
      taxPercent: t.expose('taxPercent', { type: 'Decimal' }),
      netAmount: t.field({ type: 'Decimal', nullable: true, description: 'After discount, before tax.', resolve: (l, _a, ctx) => money(ctx.viewer, l.netAmount) }),
      taxAmount: t.field({ type: 'Decimal', nullable: true, resolve: (l, _a, ctx) => money(ctx.viewer, l.taxAmount) }),
      totalAmount: t.field({ type: 'Decimal', nullable: true, resolve: (l, _a, ctx) => money(ctx.viewer, l.totalAmount) }),
    }),
  });

  const Quote = builder.prismaNode('Quote', {
    id: { field: 'id' },
    description: 'One revision of a quote (报价单), visible with its customer. Amounts are null without customer.viewFinancials.',
    findUnique: (id, ctx) => ({ id, ...throughCustomer(ctx.viewer) }),
    fields: (t) => ({
      code: t.string({ description: 'e.g. Q-000123, revisions Q-000123-2.', resolve: (q) => quoteCode(q, config) }),
      number: t.exposeInt('number'),
      revision: t.exposeInt('revision'),
      title: t.exposeString('title'),
      customer: t.relation('customer'),
      contact: t.relation('contact', { nullable: true }),
      opportunity: t.relation('opportunity', { nullable: true }),
      priceList: t.relation('priceList', { nullable: true }),
      currency: t.exposeString('currency'),
      status: t.expose('status', { type: Status }),
      validUntil: t.expose('validUntil', { type: 'Date' }),
      note: t.exposeString('note', { nullable: true }),
      subtotal: t.field({ type: 'Decimal', nullable: true, resolve: (q, _a, ctx) => money(ctx.viewer, q.subtotal) }),
      discountTotal: t.field({ type: 'Decimal', nullable: true, resolve: (q, _a, ctx) => money(ctx.viewer, q.discountTotal) }),
      taxTotal: t.field({ type: 'Decimal', nullable: true, resolve: (q, _a, ctx) => money(ctx.viewer, q.taxTotal) }),
      total: t.field({ type: 'Decimal', nullable: true, resolve: (q, _a, ctx) => money(ctx.viewer, q.total) }),
      maxDiscount: t.expose('maxDiscount', { type: 'Decimal', description: 'The largest line discount in percent.' }),
      owner: t.relation('owner'),
      sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
      offer: t.relation('offer', { nullable: true, description: "The customer's offer fact recorded when it was sent." }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      lines: t.relation('lines', { query: () => ({ orderBy: { position: 'asc' } }) }),
      needsApproval: t.boolean({
        description: `A line discount above ${config.quoteApproval.discountAbovePercent}%: it is sent only once approved (submitQuoteForApproval).`,
        resolve: (q) => q.maxDiscount.greaterThan(config.quoteApproval.discountAbovePercent),
      }),
      approval: t.field({
        type: refs.ApprovalRequest,
        nullable: true,
        description: 'The latest approval request for this quote, if you may see it.',
        resolve: (q, _a, ctx) =>
          ctx.prisma.approvalRequest.findFirst({
            where: { AND: [{ entityType: 'Quote', entityId: q.id }, approvalsVisibleTo(ctx.viewer)] },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          }),
      }),
      approvedForSending: t.boolean({
        nullable: true,
        description: 'For a DRAFT: no approval needed, or this very version was approved. Null once sent.',
        resolve: async (q, _a, ctx) => {
          if (q.status !== 'DRAFT') return null;
          const state = await quoteApproval(ctx.prisma, q, config);
          return !state.needed || state.status === 'APPROVED';
        },
      }),
    }),
  });

  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  builder.prismaObjectField(refs.Customer, 'quotes', (t) =>
    t.relatedConnection('quotes', { cursor: 'id', totalCount: true, description: 'Quotes (every revision), newest first.', query: () => ({ orderBy: newestFirst }) }, connectionOf(builder, 'Quote')),
  );
  builder.prismaObjectField(Opportunity, 'quotes', (t) => t.relation('quotes', { description: 'Quotes for this opportunity, newest first.', query: () => ({ orderBy: newestFirst }) }));

  builder.queryFields((t) => ({
    products: t.prismaField({
      type: [Product],
      args: { includeInactive: t.arg.boolean({ defaultValue: false }), search: t.arg.string() },
      resolve: (query, _root, args, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const search = args.search?.trim();
        return ctx.prisma.product.findMany({
          ...query,
          where: {
            ...(args.includeInactive ? {} : { active: true }),
            ...(search ? { OR: [{ code: { contains: search, mode: 'insensitive' } }, { name: { contains: search, mode: 'insensitive' } }] } : {}),
          },
          orderBy: { code: 'asc' },
          take: 500,
        });
      },
    }),
    priceLists: t.prismaField({
      type: [PriceList],
      resolve: (query, _root, _args, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        return ctx.prisma.priceList.findMany({ ...query, orderBy: { name: 'asc' } });
      },
    }),
    quote: t.prismaField({
      nullable: true,
      type: 'Quote',
      args: { id: t.arg.globalID({ required: true, for: Quote }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.quote.findFirst({ ...query, where: { id: args.id.id, ...throughCustomer(ctx.viewer) } }) : null;
        if (!found) throw notFound('Quote');
        return found;
      },
    }),
  }));

  const LineInput = builder.inputType('QuoteLineInput', {
    fields: (t) => ({
      productId: t.globalID({ for: Product }),
      description: t.string({ description: "Default: the product's name; required without a product." }),
      quantity: t.field({ type: 'Decimal', required: true }),
      unitPrice: t.field({ type: 'Decimal', description: "Default: the product's price in the quote's price list." }),
      discountPercent: t.field({ type: 'Decimal', defaultValue: '0' }),
      taxPercent: t.field({ type: 'Decimal', defaultValue: '0', description: 'VAT in percent, e.g. 13.' }),
    }),
  });
  const CreateQuoteInputRef = builder.inputType('CreateQuoteInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: refs.Customer }),
      opportunityId: t.globalID({ for: Opportunity, description: "One of the customer's open opportunities." }),
      contactId: t.globalID({ for: refs.Contact }),
      priceListId: t.globalID({ for: PriceList, description: 'Prices lines without a unit price; sets the currency.' }),
      currency: t.string(),
      title: t.string({ required: true }),
      validUntil: t.field({ type: 'Date', description: `Default: ${config.quoteValidDays} days from today.` }),
      note: t.string(),
      lines: t.field({ type: [LineInput], required: true }),
    }),
  });
  const UpdateQuoteInputRef = builder.inputType('UpdateQuoteInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Quote }),
      version: t.int({ required: true }),
      title: t.string(),
      contactId: t.globalID({ for: refs.Contact }),
      validUntil: t.field({ type: 'Date' }),
      note: t.string(),
      lines: t.field({ type: [LineInput], description: 'Replaces every line.' }),
    }),
  });
  // Each quote action its own input (docs/graph-conventions.md).
  const DecideInput = (name: string, description: string) =>
    builder.inputType(name, {
      description,
      fields: (t) => ({
        id: t.globalID({ required: true, for: Quote, description: 'The quote.' }),
        version: t.int({ required: true, description: 'The quote version you read.' }),
        note: t.string({ description: 'A note kept with the quote’s history (e.g. why the customer declined).' }),
      }),
    });
  const pdfLinkInput = (name: string) =>
    builder.inputType(name, { description: 'Which quote to link as a PDF.', fields: (t) => ({ id: t.globalID({ required: true, for: Quote, description: 'The quote.' }) }) });
  const CreatePdfLinkInput = pdfLinkInput('CreateQuotePdfLinkInput');
  const PdfLinkInput = pdfLinkInput('QuotePdfLinkInput');
  const ProductInput = builder.inputType('DefineProductInput', {
    fields: (t) => ({
      code: t.string({ required: true }),
      name: t.string({ required: true }),
      unit: t.string({ required: true, description: 'e.g. 台, 套, 件.' }),
      description: t.string(),
      cost: t.field({ type: 'Decimal' }),
    }),
  });
  const UpdateProductInputRef = builder.inputType('UpdateProductInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Product }),
      version: t.int({ required: true }),
      code: t.string(),
      name: t.string(),
      unit: t.string(),
      description: t.string(),
      cost: t.field({ type: 'Decimal' }),
      active: t.boolean({ description: 'false: off new quotes; existing quotes keep it.' }),
    }),
  });
  const PriceInput = builder.inputType('ProductPriceInput', {
    fields: (t) => ({ productId: t.globalID({ required: true, for: Product }), unitPrice: t.field({ type: 'Decimal', required: true }) }),
  });
  const DefinePriceListInputRef = builder.inputType('DefinePriceListInput', {
    fields: (t) => ({ name: t.string({ required: true }), currency: t.string({ required: true }), prices: t.field({ type: [PriceInput] }) }),
  });
  const UpdatePriceListInputRef = builder.inputType('UpdatePriceListInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: PriceList }),
      version: t.int({ required: true }),
      name: t.string(),
      active: t.boolean(),
      prices: t.field({ type: [PriceInput], description: "Sets these products' prices; others stay." }),
      removeProductIds: t.globalIDList({ for: Product }),
    }),
  });

  const PdfLink = builder.objectRef<{ url: string; expiresAt: Date }>('QuotePdfLink').implement({
    description: 'A short-lived link to the quote as PDF; anyone holding it can download it until it expires.',
    fields: (t) => ({ url: t.exposeString('url', { description: `A path on this server (${QUOTE_PDF_PATH}?token=…).` }), expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
  });

  const lines = (list: Array<typeof LineInput.$inferInput> | null | undefined) =>
    list?.map((l) => ({ ...l, productId: rawId(l.productId), unitPrice: l.unitPrice ?? undefined }));
  const action = (input: { id: { id: string }; version: number; note?: string | null }) => ({ id: input.id.id, version: input.version, note: input.note });

  const quote = { quote: Quote };
  payloadMutation(builder, 'defineProduct', {
    input: ProductInput,
    result: { product: Product },
    resolve: async (input, ctx) => ({ product: await defineProduct(ctx, config, input) }),
  });
  payloadMutation(builder, 'updateProduct', {
    input: UpdateProductInputRef,
    result: { product: Product },
    resolve: async (input, ctx) => ({
      product: await updateProduct(ctx, config, {
        ...input,
        id: input.id.id,
        code: input.code ?? undefined,
        name: input.name ?? undefined,
        unit: input.unit ?? undefined,
        active: input.active ?? undefined,
      }),
    }),
  });
  payloadMutation(builder, 'definePriceList', {
    input: DefinePriceListInputRef,
    result: { priceList: PriceList },
    resolve: async (input, ctx) => ({
      priceList: await definePriceList(ctx, config, { ...input, prices: input.prices?.map((p) => ({ productId: p.productId.id, unitPrice: p.unitPrice })) ?? [] }),
    }),
  });
  payloadMutation(builder, 'updatePriceList', {
    input: UpdatePriceListInputRef,
    result: { priceList: PriceList },
    resolve: async (input, ctx) => ({
      priceList: await updatePriceList(ctx, config, {
        id: input.id.id,
        version: input.version,
        name: input.name ?? undefined,
        active: input.active ?? undefined,
        prices: input.prices?.map((p) => ({ productId: p.productId.id, unitPrice: p.unitPrice })) ?? [],
        removeProductIds: input.removeProductIds?.map((p) => p.id) ?? [],
      }),
    }),
  });
  payloadMutation(builder, 'createQuote', {
    description: 'A DRAFT quote; needs customer.viewFinancials.',
    input: CreateQuoteInputRef,
    result: quote,
    resolve: async (input, ctx) => ({
      quote: await createQuote(ctx, config, {
        ...input,
        customerId: input.customerId.id,
        opportunityId: rawId(input.opportunityId),
        contactId: rawId(input.contactId),
        priceListId: rawId(input.priceListId),
        lines: lines(input.lines),
      } as CreateQuoteInput),
    }),
  });
  payloadMutation(builder, 'updateQuote', {
    description: 'Changes a DRAFT quote (a sent one is immutable: revise it).',
    input: UpdateQuoteInputRef,
    result: quote,
    resolve: async (input, ctx) => ({
      quote: await updateQuote(ctx, {
        ...input,
        id: input.id.id,
        contactId: rawId(input.contactId),
        title: input.title ?? undefined,
        validUntil: input.validUntil ?? undefined,
        lines: lines(input.lines),
      } as UpdateQuoteInput),
    }),
  });
  payloadMutation(builder, 'sendQuote', {
    description: "Sends a DRAFT quote: it becomes immutable and the customer's offer fact is recorded (tier C without deals).",
    input: DecideInput('SendQuoteInput', 'Which DRAFT quote to send to the customer.'),
    result: quote,
    resolve: async (input, ctx) => ({ quote: await sendQuote(ctx, config, action(input)) }),
  });
  payloadMutation(builder, 'submitQuoteForApproval', {
    description: 'Submits a DRAFT quote whose discount is above the threshold through pluginConfig.sales.quoteApproval.steps; approvers are alerted.',
    input: DecideInput('SubmitQuoteForApprovalInput', 'Which DRAFT quote to submit for discount approval.'),
    result: quote,
    resolve: async (input, ctx) => ({ quote: await submitQuoteForApproval(ctx, config, action(input)) }),
  });
  payloadMutation(builder, 'acceptQuote', {
    input: DecideInput('AcceptQuoteInput', 'Which SENT quote the customer accepted.'),
    result: quote,
    resolve: async (input, ctx) => ({ quote: await acceptQuote(ctx, config, action(input)) }),
  });
  payloadMutation(builder, 'rejectQuote', {
    input: DecideInput('RejectQuoteInput', 'Which SENT quote the customer declined.'),
    result: quote,
    resolve: async (input, ctx) => ({ quote: await rejectQuote(ctx, action(input)) }),
  });
  payloadMutation(builder, 'reviseQuote', {
    description: 'A new DRAFT revision with the same lines; the revised one becomes SUPERSEDED. Returns the new revision.',
    input: DecideInput('ReviseQuoteInput', 'Which quote to revise into a new DRAFT revision.'),
    result: quote,
    resolve: async (input, ctx) => ({ quote: await reviseQuote(ctx, config, action(input)) }),
  });
  payloadMutation(builder, 'createQuotePdfLink', {
    description: 'A link to the quote as a printable PDF, valid for 10 minutes; needs customer.viewFinancials.',
    input: CreatePdfLinkInput,
    result: { link: PdfLink },
    resolve: async (input, ctx) => {
      const { token, expiresAt } = await issueQuoteDownload(ctx, input.id.id);
      return { link: { url: `${QUOTE_PDF_PATH}?token=${token}`, expiresAt } };
    },
  });
  payloadMutation(builder, 'quotePdfLink', {
    description: 'A link to the quote as a printable PDF (deprecated: use createQuotePdfLink, which does the same).',
    deprecationReason: 'Use createQuotePdfLink: a mutation is named verb-noun. Removed in the next release.',
    input: PdfLinkInput,
    result: { link: PdfLink },
    resolve: async (input, ctx) => {
      const { token, expiresAt } = await issueQuoteDownload(ctx, input.id.id);
      return { link: { url: `${QUOTE_PDF_PATH}?token=${token}`, expiresAt } };
    },
  });

  return { Quote, QuoteStatus: Status, Product, PriceList };
}

export type QuoteRefs = ReturnType<typeof registerQuoteSchema>;
