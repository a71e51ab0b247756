import {
  connectionOf,
  isUuid,
  notFound,
  payloadMutation,
  requirePermission,
  type CoreRefs,
  type RapportBuilder,
  type Viewer,
} from '@rapport/core';
import { calendarDay, money } from './access.js';
import { addContractAttachment, attachmentsVisibleTo, CONTRACT_FILE_PATH, issueContractDownload, removeContractAttachment, type UploadedFile } from './attachments.js';
import type { SalesConfig } from './config.js';
import { CONTRACT_PDF_PATH } from './contract-pdf.js';
import { cancelSalesOrder, createSalesOrder, overdueOrdersWhere, recordSalesDelivery, salesOrderNumber, salesOrdersVisibleTo } from './orders.js';
import { printTemplate, updatePrintTemplate, type PrintTemplate } from './print-templates.js';

/**
 * Orders from signed contracts with their deliveries (销售订单, 发货), contract attachments by content
 * hash (合同附件), print templates (打印模板) and the contract PDF link. Kept apart from
 * contract-schema.ts; `Contract` is the type that file registers.
 */
export function registerOrderSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig, { Contract }: { Contract: { $inferType: unknown } & object }) {
  const ContractRef = Contract as never;
  const Status = builder.enumType('SalesOrderStatus', {
    description: 'PENDING → PARTIALLY_DELIVERED → DELIVERED; CANCELLED (what it did not deliver goes back to the contract).',
    values: {
      PENDING: { description: 'Nothing delivered yet.' },
      PARTIALLY_DELIVERED: { description: 'Some, not all, of its quantities delivered.' },
      DELIVERED: { description: 'Every line delivered in full.' },
      CANCELLED: { description: 'Cancelled; takes no more deliveries.' },
    } as const,
  });

  builder.prismaObject('SalesOrderLine', {
    description: 'A line of an order, drawn on a contract line. The amount is null without customer.viewFinancials.',
    fields: (t) => ({
      position: t.exposeInt('position', { description: 'Place in the order, from 1; deliveries name lines by it.' }),
      contractLinePosition: t.int({ description: 'The contract line it draws on, by its position.', resolve: async (l, _a, ctx) => (await ctx.prisma.contractLine.findUniqueOrThrow({ where: { id: l.contractLineId }, select: { position: true } })).position }),
      description: t.exposeString('description', { description: "The contract line's description." }),
      unit: t.exposeString('unit', { nullable: true, description: 'Unit of measure, e.g. 台.' }),
      quantity: t.field({ type: 'Decimal', description: 'Ordered.', resolve: (l) => l.quantity.toString() }),
      deliveredQuantity: t.field({ type: 'Decimal', description: 'Delivered so far.', resolve: (l) => l.deliveredQuantity.toString() }),
      remainingQuantity: t.field({ type: 'Decimal', description: 'Ordered and not delivered yet.', resolve: (l) => l.quantity.minus(l.deliveredQuantity).toString() }),
      amount: t.field({ type: 'Decimal', nullable: true, description: "The contract line's total for this quantity, pro rata.", resolve: (l, _a, ctx) => money(ctx.viewer, l.amount) }),
    }),
  });
  builder.prismaObject('SalesDeliveryLine', {
    description: 'What one delivery shipped of one order line.',
    fields: (t) => ({
      orderLine: t.relation('orderLine', { description: 'The order line shipped.' }),
      quantity: t.field({ type: 'Decimal', description: 'Quantity shipped.', resolve: (l) => l.quantity.toString() }),
    }),
  });
  builder.prismaObject('SalesDelivery', {
    description: 'One delivery (发货) of an order.',
    fields: (t) => ({
      deliveredOn: t.expose('deliveredOn', { type: 'Date', description: 'The day it left (deployment time zone).' }),
      note: t.exposeString('note', { nullable: true, description: 'e.g. the waybill number.' }),
      recordedBy: t.field({ type: refs.User, nullable: true, description: 'Who recorded it.', resolve: (d, _a, ctx) => (d.recordedById ? ctx.prisma.user.findUnique({ where: { id: d.recordedById } }) : null) }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
      lines: t.relation('lines', { description: 'Quantities per order line.' }),
    }),
  });

  const today = (ctx: { clock: { now(): Date } }) => calendarDay(ctx.clock.now(), config.timeZone);
  const SalesOrder = builder.prismaNode('SalesOrder', {
    id: { field: 'id' },
    description: "An order (销售订单) against a signed contract, visible with its customer. Amounts are null without customer.viewFinancials.",
    findUnique: (id, ctx) => ({ id, ...salesOrdersVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      number: t.string({
        description: "e.g. HT-2026-0001-01: the contract's number and the order's place among its orders.",
        select: { seq: true, contract: { select: { year: true, seq: true } } },
        resolve: (o) => salesOrderNumber(o, config),
      }),
      contract: t.relation('contract', { description: 'The contract it is placed against.' }),
      customer: t.relation('customer', { description: "The contract's customer." }),
      status: t.expose('status', { type: Status, description: 'Where its delivery stands.' }),
      expectedDeliveryDate: t.expose('expectedDeliveryDate', { type: 'Date', nullable: true, description: "When it should be delivered; by default the contract's end date." }),
      deliveryOverdue: t.boolean({
        description: 'Open (PENDING or PARTIALLY_DELIVERED) and its expected delivery day is past (deployment time zone).',
        resolve: (o, _a, ctx) => (o.status === 'PENDING' || o.status === 'PARTIALLY_DELIVERED') && !!o.expectedDeliveryDate && o.expectedDeliveryDate < today(ctx),
      }),
      currency: t.exposeString('currency', { description: "The contract's currency." }),
      amount: t.field({ type: 'Decimal', nullable: true, description: 'Sum of its lines.', resolve: (o, _a, ctx) => money(ctx.viewer, o.amount) }),
      note: t.exposeString('note', { nullable: true, description: 'Free text.' }),
      cancelReason: t.exposeString('cancelReason', { nullable: true, description: 'Why it was cancelled.' }),
      owner: t.relation('owner', { description: "The contract's owner, who is alerted when delivery is late." }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      lines: t.relation('lines', { description: 'Its lines in order.', query: () => ({ orderBy: { position: 'asc' } }) }),
      deliveries: t.relation('deliveries', { description: 'Its deliveries, oldest first.', query: () => ({ orderBy: [{ deliveredOn: 'asc' }, { id: 'asc' }] }) }),
    }),
  });

  const Attachment = builder.prismaNode('ContractAttachment', {
    id: { field: 'id' },
    description: 'A file attached to a contract (合同附件), stored by its SHA-256; visible with its contract.',
    findUnique: (id, ctx) => ({ id, ...attachmentsVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      contract: t.relation('contract', { description: 'The contract it belongs to.' }),
      fileName: t.exposeString('fileName', { description: 'The file’s name as uploaded.' }),
      mimeType: t.exposeString('mimeType', { description: 'One of pluginConfig.sales.contractAttachments.allowedTypes, checked against the content.' }),
      size: t.exposeInt('size', { description: 'Bytes.' }),
      sha256: t.exposeString('sha256', { description: 'The SHA-256 of its content (hex), to check a download.' }),
      uploadedBy: t.relation('uploadedBy', { nullable: true, description: 'Who attached it.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectField(ContractRef, 'orders', (t: any) =>
    t.relation('orders', { description: 'Orders placed against this contract, in order.', query: () => ({ orderBy: { seq: 'asc' } }) }),
  );
  builder.prismaObjectField(ContractRef, 'attachments', (t: any) =>
    t.relation('attachments', { description: 'Files attached to it, oldest first.', query: () => ({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }) }),
  );
  builder.prismaObjectField('ContractLine', 'orderedQuantity', (t) =>
    t.field({
      type: 'Decimal',
      description: 'What orders take of this line: open and delivered ones in full, cancelled ones what they delivered.',
      select: { orderLines: { select: { quantity: true, deliveredQuantity: true, order: { select: { status: true } } } } },
      resolve: (l) => l.orderLines.reduce((sum, o) => sum.plus(o.order.status === 'CANCELLED' ? o.deliveredQuantity : o.quantity), l.quantity.mul(0)).toString(),
    }),
  );

  const OrderFilter = builder.inputType('SalesOrderFilter', {
    description: 'Which orders to list.',
    fields: (t) => ({
      status: t.field({ type: [Status], description: 'Any of these statuses.' }),
      contractId: t.globalID({ for: ContractRef, description: 'Orders of this contract.' }),
      customerId: t.globalID({ for: refs.Customer, description: 'Orders of this customer.' }),
      deliveryOverdueOnly: t.boolean({ description: 'Only open orders past their expected delivery date.' }),
    }),
  });
  const none = '00000000-0000-0000-0000-000000000000';
  const orderWhere = (filter: any, viewer: Viewer | null, ctx: { clock: { now(): Date } }) => ({
    AND: [
      salesOrdersVisibleTo(viewer),
      filter?.status?.length ? { status: { in: filter.status } } : {},
      filter?.contractId ? { contractId: isUuid(filter.contractId.id) ? filter.contractId.id : none } : {},
      filter?.customerId ? { customerId: isUuid(filter.customerId.id) ? filter.customerId.id : none } : {},
      filter?.deliveryOverdueOnly ? overdueOrdersWhere(today(ctx)) : {},
    ],
  });
  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

  const PrintKind = builder.enumType('PrintTemplateKind', {
    description: 'Which PDF a print template shapes.',
    values: { QUOTE: { description: 'The quote PDF (报价单).' }, CONTRACT: { description: 'The contract PDF (销售合同).' } },
  });
  const PrintColumnRef = builder.enumType('PrintColumn', {
    description: 'A line column a PDF may print.',
    values: {
      POSITION: { description: 'Line number.' },
      ITEM: { description: 'Product / description (always printed).' },
      QUANTITY: { description: 'Quantity and unit.' },
      UNIT_PRICE: { description: 'Unit price.' },
      DISCOUNT: { description: 'Discount percent.' },
      TAX: { description: 'Tax percent.' },
      AMOUNT: { description: 'Line total.' },
    },
  });
  const Template = builder.objectRef<PrintTemplate>('PrintTemplate').implement({
    description: 'The deployment’s print template (打印模板) of quote or contract PDFs: the defaults until an admin saves one.',
    fields: (t) => ({
      kind: t.field({ type: PrintKind, description: 'Which PDF it shapes.', resolve: (p) => p.kind }),
      companyName: t.exposeString('companyName', { description: 'Printed above the title (and as the seller on contracts); empty: not printed.' }),
      title: t.exposeString('title', { description: 'The document title, e.g. 报价单 Quotation.' }),
      headerText: t.exposeString('headerText', { nullable: true, description: 'Printed under the title: address, phone, bank account.' }),
      footerText: t.exposeString('footerText', { nullable: true, description: 'Printed at the end: terms and conditions.' }),
      columns: t.field({ type: [PrintColumnRef], description: 'The line columns printed, in order.', resolve: (p) => p.columns }),
      version: t.exposeInt('version', { description: 'Pass back on updatePrintTemplate; 0 while the defaults apply.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'When it was last saved; null for the defaults.' }),
      updatedBy: t.field({ type: refs.User, nullable: true, description: 'Who saved it last.', resolve: (p, _a, ctx) => (p.updatedById ? ctx.prisma.user.findUnique({ where: { id: p.updatedById } }) : null) }),
    }),
  });

  builder.queryFields((t) => ({
    salesOrders: t.prismaConnection(
      {
        type: 'SalesOrder',
        cursor: 'id',
        description: 'Orders of customers you may see, newest first.',
        args: { filter: t.arg({ type: OrderFilter, description: 'Which orders.' }) },
        resolve: (query, _root, args, ctx) => ctx.prisma.salesOrder.findMany({ ...query, where: orderWhere(args.filter, ctx.viewer, ctx), orderBy: newestFirst }),
        totalCount: (_c, args, ctx) => ctx.prisma.salesOrder.count({ where: orderWhere(args.filter, ctx.viewer, ctx) }),
      },
      connectionOf(builder, 'SalesOrder'),
    ),
    salesOrder: t.prismaField({
      nullable: true,
      type: 'SalesOrder',
      description: 'One order, if you may see its customer.',
      args: { id: t.arg.globalID({ required: true, for: SalesOrder, description: 'The order.' }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.salesOrder.findFirst({ ...query, where: { id: args.id.id, ...salesOrdersVisibleTo(ctx.viewer) } }) : null;
        if (!found) throw notFound('SalesOrder');
        return found;
      },
    }),
    printTemplate: t.field({
      type: Template,
      description: 'The print template of one kind of PDF (for whoever reads customers).',
      args: { kind: t.arg({ type: PrintKind, required: true, description: 'Which PDF.' }) },
      resolve: (_root, args, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        return printTemplate(ctx.prisma, args.kind);
      },
    }),
  }));

  const LineInput = builder.inputType('SalesOrderLineInput', {
    description: 'A quantity of one contract line.',
    fields: (t) => ({
      position: t.int({ required: true, description: 'The contract line, by its position.' }),
      quantity: t.field({ type: 'Decimal', required: true, description: 'How much to order; at most what the contract still has.' }),
    }),
  });
  const CreateOrderInput = builder.inputType('CreateSalesOrderInput', {
    description: 'An order against a signed contract.',
    fields: (t) => ({
      contractId: t.globalID({ required: true, for: ContractRef, description: 'An ACTIVE (signed) contract.' }),
      lines: t.field({ type: [LineInput], description: 'Default: everything the contract has not ordered yet.' }),
      expectedDeliveryDate: t.field({ type: 'Date', description: "Default: the contract's end date." }),
      note: t.string({ description: 'Free text.' }),
    }),
  });
  const DeliveryLineInput = builder.inputType('SalesDeliveryLineInput', {
    description: 'A quantity shipped of one order line.',
    fields: (t) => ({
      position: t.int({ required: true, description: 'The order line, by its position.' }),
      quantity: t.field({ type: 'Decimal', required: true, description: 'How much left; at most what is undelivered.' }),
    }),
  });
  const DeliveryInput = builder.inputType('RecordSalesDeliveryInput', {
    description: 'A delivery of an open order.',
    fields: (t) => ({
      orderId: t.globalID({ required: true, for: SalesOrder, description: 'The order.' }),
      version: t.int({ required: true, description: 'The order version you read.' }),
      deliveredOn: t.field({ type: 'Date', required: true, description: 'The day it left; not in the future.' }),
      lines: t.field({ type: [DeliveryLineInput], required: true, description: 'Quantities per order line.' }),
      note: t.string({ description: 'e.g. the waybill number.' }),
    }),
  });
  const CancelInput = builder.inputType('CancelSalesOrderInput', {
    description: 'Which open order to cancel, and why.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: SalesOrder, description: 'The order.' }),
      version: t.int({ required: true, description: 'The order version you read.' }),
      reason: t.string({ description: 'Why; required.' }),
    }),
  });
  const AttachInput = builder.inputType('AddContractAttachmentInput', {
    description: 'A file to attach to a contract, uploaded with the GraphQL multipart request.',
    fields: (t) => ({
      contractId: t.globalID({ required: true, for: ContractRef, description: 'The contract.' }),
      file: t.field({ type: 'File', required: true, description: 'The file (a multipart request part); at most pluginConfig.sales.contractAttachments.maxBytes.' }),
      fileName: t.string({ description: "Default: the uploaded part's file name." }),
      mimeType: t.string({ description: "Default: the uploaded part's type; checked against the content." }),
    }),
  });
  const RemoveInput = builder.inputType('RemoveContractAttachmentInput', {
    description: 'Which attachment to remove from its contract.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Attachment, description: 'The attachment.' }) }),
  });
  const AttachmentLinkInput = builder.inputType('CreateContractAttachmentLinkInput', {
    description: 'Which attachment to link for download.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Attachment, description: 'The attachment.' }) }),
  });
  const PdfLinkInput = builder.inputType('CreateContractPdfLinkInput', {
    description: 'Which contract to link as a PDF.',
    fields: (t) => ({ id: t.globalID({ required: true, for: ContractRef, description: 'The contract.' }) }),
  });
  const TemplateInput = builder.inputType('UpdatePrintTemplateInput', {
    description: 'The whole print template of one kind; replaces what was saved.',
    fields: (t) => ({
      kind: t.field({ type: PrintKind, required: true, description: 'Which PDF.' }),
      version: t.int({ required: true, description: 'The template version you read (0 while the defaults apply).' }),
      companyName: t.string({ description: 'Printed above the title; empty: none.' }),
      title: t.string({ required: true, description: 'The document title.' }),
      headerText: t.string({ description: 'Printed under the title.' }),
      footerText: t.string({ description: 'Printed at the end (terms).' }),
      columns: t.field({ type: [PrintColumnRef], required: true, description: 'The line columns, in order; ITEM must be among them.' }),
    }),
  });

  const DownloadLink = builder.objectRef<{ url: string; expiresAt: Date }>('ContractDownloadLink').implement({
    description: 'A short-lived link to a contract PDF or attachment; anyone holding it can download it until it expires.',
    fields: (t) => ({
      url: t.exposeString('url', { description: `A path on this server (${CONTRACT_PDF_PATH}?token=… or ${CONTRACT_FILE_PATH}?token=…).` }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the link stops working.' }),
    }),
  });

  const order = { order: SalesOrder };
  payloadMutation(builder, 'createSalesOrder', {
    description: 'A PENDING order against an ACTIVE contract, its lines drawn on the contract lines (never beyond their quantities across orders).',
    input: CreateOrderInput,
    result: order,
    resolve: async (input, ctx) => ({
      order: await createSalesOrder(ctx, config, {
        contractId: input.contractId.id,
        lines: input.lines?.map((l) => ({ position: l.position, quantity: l.quantity })) ?? null,
        expectedDeliveryDate: input.expectedDeliveryDate ?? null,
        note: input.note ?? null,
      }),
    }),
  });
  payloadMutation(builder, 'recordSalesDelivery', {
    description: 'A delivery (发货) of an open order: it becomes PARTIALLY_DELIVERED, or DELIVERED once every line is.',
    input: DeliveryInput,
    result: order,
    resolve: async (input, ctx) => ({
      order: await recordSalesDelivery(ctx, config, {
        orderId: input.orderId.id,
        version: input.version,
        deliveredOn: input.deliveredOn,
        lines: input.lines.map((l) => ({ position: l.position, quantity: l.quantity })),
        note: input.note ?? null,
      }),
    }),
  });
  payloadMutation(builder, 'cancelSalesOrder', {
    description: 'Cancels an open order; what it did not deliver may be ordered again.',
    input: CancelInput,
    result: order,
    resolve: async (input, ctx) => ({ order: await cancelSalesOrder(ctx, { id: input.id.id, version: input.version, reason: input.reason ?? null }) }),
  });
  payloadMutation(builder, 'addContractAttachment', {
    description: 'Attaches an uploaded file to a contract you may change (any status).',
    input: AttachInput,
    result: { attachment: Attachment },
    resolve: async (input, ctx) => ({
      attachment: await addContractAttachment(ctx, config, { contractId: input.contractId.id, file: input.file as unknown as UploadedFile, fileName: input.fileName, mimeType: input.mimeType }),
    }),
  });
  payloadMutation(builder, 'removeContractAttachment', {
    description: 'Removes a file from its contract; the stored content goes once no attachment has it.',
    input: RemoveInput,
    result: { contract: ContractRef },
    resolve: async (input, ctx) => {
      const removed = await removeContractAttachment(ctx, config, input.id.id);
      return { contract: (await ctx.prisma.contract.findUniqueOrThrow({ where: { id: removed.contractId } })) as never };
    },
  });
  payloadMutation(builder, 'createContractAttachmentLink', {
    description: 'A link to download an attachment, valid for 10 minutes.',
    input: AttachmentLinkInput,
    result: { link: DownloadLink },
    resolve: async (input, ctx) => {
      const { token, expiresAt } = await issueContractDownload(ctx, { attachmentId: input.id.id });
      return { link: { url: `${CONTRACT_FILE_PATH}?token=${token}`, expiresAt } };
    },
  });
  payloadMutation(builder, 'createContractPdfLink', {
    description: 'A link to the contract as a printable PDF (the CONTRACT print template), valid for 10 minutes; needs customer.viewFinancials.',
    input: PdfLinkInput,
    result: { link: DownloadLink },
    resolve: async (input, ctx) => {
      const { token, expiresAt } = await issueContractDownload(ctx, { contractId: input.id.id });
      return { link: { url: `${CONTRACT_PDF_PATH}?token=${token}`, expiresAt } };
    },
  });
  payloadMutation(builder, 'updatePrintTemplate', {
    description: 'Saves the print template of quote or contract PDFs (pluginConfig.sales.configureRoles).',
    input: TemplateInput,
    result: { template: Template },
    resolve: async (input, ctx) => ({
      template: await updatePrintTemplate(ctx, config, {
        kind: input.kind,
        version: input.version,
        companyName: input.companyName ?? null,
        title: input.title,
        headerText: input.headerText ?? null,
        footerText: input.footerText ?? null,
        columns: input.columns,
      }),
    }),
  });

  return { SalesOrder, ContractAttachment: Attachment };
}
