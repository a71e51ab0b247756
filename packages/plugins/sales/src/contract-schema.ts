import {
  approvalsVisibleTo,
  ContractStatus,
  InvoiceStatus,
  InvoiceType,
  isUuid,
  notFound,
  payloadMutation,
  PaymentMethod,
  PaymentStatus,
  rawId,
  requirePermission,
  type CoreRefs,
  type RapportBuilder,
  type RapportContext,
  type Viewer,
  connectionOf,
} from '@rapport/core';
import { calendarDay, money } from './access.js';
import type { SalesConfig } from './config.js';
import {
  completeContract,
  confirmPayment,
  contractApproval,
  contractChildrenVisibleTo,
  contractCode,
  contractSums,
  contractsVisibleTo,
  createContract,
  issueInvoice,
  recordPayment,
  setPaymentPlan,
  signContract,
  submitContractForApproval,
  terminateContract,
  updateContract,
  voidInvoice,
  type Contract as ContractRow,
  type ContractSums,
} from './contracts.js';
import { batch } from './batch.js';
import type { QuoteRefs } from './quote-schema.js';
import { openInstalments, receivablesReport, type ReceivablesDimension } from './receivables.js';
import type { OpportunityRefs } from './schema.js';

/** Contracts (销售合同), their payment plans, payments received (回款) and invoices (开票), and the receivables report. */
export function registerContractSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig, { Opportunity }: OpportunityRefs, { Quote }: QuoteRefs) {
  const Status = builder.enumType(ContractStatus, {
    name: 'ContractStatus',
    description: 'DRAFT → PENDING_APPROVAL (amount above the approval threshold) → ACTIVE (signed) → COMPLETED / TERMINATED.',
  });
  const PaymentStatusRef = builder.enumType(PaymentStatus, { name: 'PaymentStatus', description: 'PENDING while its approval runs (when configured); only CONFIRMED payments count as received.' });
  const PaymentMethodRef = builder.enumType(PaymentMethod, { name: 'PaymentMethod' });
  const InvoiceTypeRef = builder.enumType(InvoiceType, { name: 'InvoiceType', description: 'VAT_SPECIAL 增值税专用发票, VAT_ORDINARY 增值税普通发票.' });
  const InvoiceStatusRef = builder.enumType(InvoiceStatus, { name: 'InvoiceStatus' });
  const InstalmentStatus = builder.enumType('InstalmentStatus', { values: ['OPEN', 'PARTLY_PAID', 'PAID', 'OVERDUE'] as const });

  // A contract's sums and plan are loaded for every contract a request selects at once (three statements per list).
  const sumsOf = (c: ContractRow, ctx: RapportContext) => batch(ctx, 'contract-sums', c, (rows) => contractSums(ctx.prisma, rows, calendarDay(ctx.clock.now(), config.timeZone)));

  builder.prismaObject('ContractLine', {
    description: "A line of a contract, copied from its quote; amounts are null without customer.viewFinancials.",
    fields: (t) => ({
      position: t.exposeInt('position'),
      product: t.relation('product', { nullable: true }),
      description: t.exposeString('description'),
      unit: t.exposeString('unit', { nullable: true }),
      quantity: t.field({ type: 'Decimal', resolve: (l) => l.quantity.toString() }),
      unitPrice: t.field({ type: 'Decimal', nullable: true, resolve: (l, _a, ctx) => money(ctx.viewer, l.unitPrice) }),
      discountPercent: t.expose('discountPercent', { type: 'Decimal' }),
      taxPercent: t.expose('taxPercent', { type: 'Decimal' }),
      totalAmount: t.field({ type: 'Decimal', nullable: true, resolve: (l, _a, ctx) => money(ctx.viewer, l.totalAmount) }),
    }),
  });

  type InstalmentShape = ContractSums['instalments'][number] & { viewer: Viewer | null };
  const Instalment = builder.objectRef<InstalmentShape>('PaymentInstalment').implement({
    description: 'One instalment of the payment plan (回款计划); confirmed payments cover instalments in due order. Amounts are null without customer.viewFinancials.',
    fields: (t) => ({
      position: t.exposeInt('position'),
      dueDate: t.field({ type: 'Date', resolve: (i) => i.dueDate }),
      note: t.exposeString('note', { nullable: true }),
      amount: t.field({ type: 'Decimal', nullable: true, resolve: (i) => money(i.viewer, i.amount) }),
      paid: t.field({ type: 'Decimal', nullable: true, resolve: (i) => money(i.viewer, i.paid) }),
      outstanding: t.field({ type: 'Decimal', nullable: true, resolve: (i) => money(i.viewer, i.outstanding) }),
      overdue: t.field({ type: 'Decimal', nullable: true, description: 'Outstanding and past its due date.', resolve: (i) => money(i.viewer, i.overdue) }),
      status: t.field({ type: InstalmentStatus, resolve: (i) => i.status }),
    }),
  });

  const Contract = builder.prismaNode('Contract', {
    id: { field: 'id' },
    description: "A sales contract (销售合同), visible with its customer. Amounts are null without customer.viewFinancials.",
    findUnique: (id, ctx) => ({ id, ...contractsVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      number: t.string({ description: 'e.g. HT-2026-0001: a sequence per calendar year.', resolve: (c) => contractCode(c, config) }),
      title: t.exposeString('title'),
      customer: t.relation('customer'),
      opportunity: t.relation('opportunity', { nullable: true }),
      quote: t.relation('quote', { nullable: true }),
      currency: t.exposeString('currency'),
      amount: t.field({ type: 'Decimal', nullable: true, resolve: (c, _a, ctx) => money(ctx.viewer, c.amount) }),
      signedDate: t.expose('signedDate', { type: 'Date', nullable: true }),
      startDate: t.expose('startDate', { type: 'Date', nullable: true }),
      endDate: t.expose('endDate', { type: 'Date', nullable: true }),
      paymentTerms: t.exposeString('paymentTerms', { nullable: true }),
      deliveryTerms: t.exposeString('deliveryTerms', { nullable: true }),
      status: t.expose('status', { type: Status }),
      terminationReason: t.exposeString('terminationReason', { nullable: true }),
      owner: t.relation('owner'),
      team: t.relation('team', { nullable: true }),
      deal: t.relation('deal', { nullable: true, description: "The customer's deal fact: the won opportunity's, or recorded when it was signed." }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      lines: t.relation('lines', { query: () => ({ orderBy: { position: 'asc' } }) }),
      instalments: t.field({
        type: [Instalment],
        description: 'The payment plan in due order, each with what confirmed payments cover.',
        resolve: async (c, _a, ctx) => (await sumsOf(c, ctx)).instalments.map((i) => ({ ...i, viewer: ctx.viewer })),
      }),
      payments: t.relation('payments', { query: () => ({ orderBy: [{ receivedOn: 'asc' }, { id: 'asc' }] }) }),
      invoices: t.relation('invoices', { query: () => ({ orderBy: [{ issuedOn: 'asc' }, { id: 'asc' }] }) }),
      received: t.field({ type: 'Decimal', nullable: true, description: 'Sum of CONFIRMED payments.', resolve: async (c, _a, ctx) => money(ctx.viewer, (await sumsOf(c, ctx)).received) }),
      outstanding: t.field({ type: 'Decimal', nullable: true, description: 'Amount not yet received.', resolve: async (c, _a, ctx) => money(ctx.viewer, (await sumsOf(c, ctx)).outstanding) }),
      overdue: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'Outstanding on instalments past their due date (deployment time zone).',
        resolve: async (c, _a, ctx) => money(ctx.viewer, (await sumsOf(c, ctx)).overdue),
      }),
      invoiced: t.field({ type: 'Decimal', nullable: true, description: 'Sum of ISSUED invoices.', resolve: async (c, _a, ctx) => money(ctx.viewer, (await sumsOf(c, ctx)).invoiced) }),
      needsApproval: t.boolean({
        description: `Amount above ${config.contractApproval.amountAbove}: signed only once approved (submitContractForApproval).`,
        resolve: (c) => c.amount.greaterThan(config.contractApproval.amountAbove),
      }),
      approvedForSigning: t.boolean({
        nullable: true,
        description: 'For a DRAFT or PENDING_APPROVAL contract: no approval needed, or this version was approved. Null once signed.',
        resolve: async (c, _a, ctx) => {
          if (c.status !== 'DRAFT' && c.status !== 'PENDING_APPROVAL') return null;
          const state = await contractApproval(ctx.prisma, c, config);
          return !state.needed || state.status === 'APPROVED';
        },
      }),
      approval: t.field({
        type: refs.ApprovalRequest,
        nullable: true,
        description: 'The latest approval request for this contract, if you may see it.',
        resolve: (c, _a, ctx) =>
          ctx.prisma.approvalRequest.findFirst({ where: { AND: [{ entityType: 'Contract', entityId: c.id }, approvalsVisibleTo(ctx.viewer)] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      }),
    }),
  });

  const Payment = builder.prismaNode('Payment', {
    id: { field: 'id' },
    description: 'Money received against a contract (回款), visible with its contract. The amount is null without customer.viewFinancials.',
    findUnique: (id, ctx) => ({ id, ...contractChildrenVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      contract: t.relation('contract'),
      amount: t.field({ type: 'Decimal', nullable: true, resolve: (p, _a, ctx) => money(ctx.viewer, p.amount) }),
      receivedOn: t.expose('receivedOn', { type: 'Date' }),
      method: t.expose('method', { type: PaymentMethodRef }),
      reference: t.exposeString('reference', { nullable: true, description: 'e.g. the bank transfer reference.' }),
      note: t.exposeString('note', { nullable: true }),
      status: t.expose('status', { type: PaymentStatusRef }),
      recordedBy: t.relation('recordedBy', { nullable: true }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      approval: t.field({
        type: refs.ApprovalRequest,
        nullable: true,
        resolve: (p, _a, ctx) =>
          ctx.prisma.approvalRequest.findFirst({ where: { AND: [{ entityType: 'Payment', entityId: p.id }, approvalsVisibleTo(ctx.viewer)] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      }),
    }),
  });

  const Invoice = builder.prismaNode('Invoice', {
    id: { field: 'id' },
    description: 'An invoice issued against a contract (开票), visible with its contract.',
    findUnique: (id, ctx) => ({ id, ...contractChildrenVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      contract: t.relation('contract'),
      number: t.exposeString('number'),
      amount: t.field({ type: 'Decimal', nullable: true, resolve: (i, _a, ctx) => money(ctx.viewer, i.amount) }),
      issuedOn: t.expose('issuedOn', { type: 'Date' }),
      type: t.expose('type', { type: InvoiceTypeRef }),
      status: t.expose('status', { type: InvoiceStatusRef }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  builder.prismaObjectField(refs.Customer, 'contracts', (t) =>
    t.relatedConnection('contracts', { cursor: 'id', totalCount: true, description: 'Contracts, newest first.', query: () => ({ orderBy: newestFirst }) }, connectionOf(builder, 'Contract')),
  );
  builder.prismaObjectField(Opportunity, 'contracts', (t) => t.relation('contracts', { description: 'Contracts from this opportunity, newest first.', query: () => ({ orderBy: newestFirst }) }));
  builder.prismaObjectField(Quote, 'contract', (t) => t.relation('contract', { nullable: true, description: 'The contract made from this accepted quote.' }));

  const ContractFilter = builder.inputType('ContractFilter', {
    fields: (t) => ({
      status: t.field({ type: [Status] }),
      customerId: t.globalID({ for: refs.Customer }),
      ownerId: t.globalID({ for: refs.User }),
      overdueOnly: t.boolean({ description: 'Only ACTIVE contracts with an instalment past due and not paid in full.' }),
    }),
  });
  const where = (filter: typeof ContractFilter.$inferInput | null | undefined, viewer: Viewer | null) => ({
    AND: [
      contractsVisibleTo(viewer),
      filter?.status?.length ? { status: { in: filter.status } } : {},
      filter?.customerId ? { customerId: isUuid(filter.customerId.id) ? filter.customerId.id : '00000000-0000-0000-0000-000000000000' } : {},
      filter?.ownerId ? { ownerId: isUuid(filter.ownerId.id) ? filter.ownerId.id : '00000000-0000-0000-0000-000000000000' } : {},
    ],
  });

  const Dimension = builder.enumType('ReceivablesDimension', { values: ['OWNER', 'TEAM', 'MONTH'] as const });
  const ReportInput = builder.inputType('ReceivablesReportInput', {
    fields: (t) => ({
      from: t.field({ type: 'Date', required: true, description: 'Instalments due on or after this day.' }),
      to: t.field({ type: 'Date', required: true, description: 'Instalments due before this day.' }),
      groupBy: t.field({ type: [Dimension], required: true, description: 'Any of OWNER, TEAM, MONTH (of the due date); empty: one row per currency.' }),
    }),
  });
  type ReportRowShape = Awaited<ReturnType<typeof receivablesReport>>[number] & { viewer: Viewer | null };
  const ReportRow = builder.objectRef<ReportRowShape>('ReceivablesRow').implement({
    description: 'Instalments of signed contracts due in the range, for one group and currency.',
    fields: (t) => ({
      owner: t.field({ type: refs.User, nullable: true, resolve: (r, _a, ctx) => (r.ownerId ? ctx.prisma.user.findUnique({ where: { id: r.ownerId } }) : null) }),
      team: t.field({ type: refs.Team, nullable: true, resolve: (r, _a, ctx) => (r.teamId ? ctx.prisma.team.findUnique({ where: { id: r.teamId } }) : null) }),
      month: t.string({ nullable: true, description: 'YYYY-MM of the due date.', resolve: (r) => r.month }),
      currency: t.exposeString('currency'),
      instalments: t.exposeInt('instalments'),
      planned: t.field({ type: 'Decimal', resolve: (r) => r.planned }),
      received: t.field({ type: 'Decimal', description: 'Covered by confirmed payments.', resolve: (r) => r.received }),
      outstanding: t.field({ type: 'Decimal', resolve: (r) => r.outstanding }),
      overdue: t.field({ type: 'Decimal', description: 'Outstanding and due before today.', resolve: (r) => r.overdue }),
    }),
  });

  builder.queryFields((t) => ({
    contracts: t.prismaConnection(
      {
        type: 'Contract',
        cursor: 'id',
        description: 'Contracts of customers you may see, newest first.',
        args: { filter: t.arg({ type: ContractFilter }) },
        resolve: async (query, _root, args, ctx) => {
          const base = where(args.filter, ctx.viewer);
          const overdue = args.filter?.overdueOnly ? await overdueContractIds(ctx) : null;
          return ctx.prisma.contract.findMany({ ...query, where: overdue ? { AND: [base, { id: { in: overdue } }] } : base, orderBy: newestFirst });
        },
        totalCount: async (_c, args, ctx) => {
          const base = where(args.filter, ctx.viewer);
          const overdue = args.filter?.overdueOnly ? await overdueContractIds(ctx) : null;
          return ctx.prisma.contract.count({ where: overdue ? { AND: [base, { id: { in: overdue } }] } : base });
        },
      },
      connectionOf(builder, 'Contract'),
    ),
    contract: t.prismaField({
      nullable: true,
      type: 'Contract',
      args: { id: t.arg.globalID({ required: true, for: Contract }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.contract.findFirst({ ...query, where: { id: args.id.id, ...contractsVisibleTo(ctx.viewer) } }) : null;
        if (!found) throw notFound('Contract');
        return found;
      },
    }),
    receivablesReport: t.field({
      type: [ReportRow],
      description: 'Receivables by owner, team and/or month of the due date: planned, received, outstanding, overdue (one SQL statement, under your visibility). Needs customer.viewFinancials.',
      args: { input: t.arg({ type: ReportInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requirePermission(ctx.viewer, 'customer.viewFinancials');
        const rows = await receivablesReport(ctx.reportDb, ctx.viewer, {
          from: input.from,
          to: input.to,
          groupBy: input.groupBy as ReceivablesDimension[],
          today: calendarDay(ctx.clock.now(), config.timeZone),
        });
        return rows.map((r) => ({ ...r, viewer: ctx.viewer }));
      },
    }),
  }));

  async function overdueContractIds(ctx: { prisma: import('@rapport/core').PrismaClient; clock: { now(): Date } }) {
    const rows = await openInstalments(ctx.prisma, calendarDay(ctx.clock.now(), config.timeZone));
    return [...new Set(rows.map((r) => r.contractId))];
  }

  const CreateInput = builder.inputType('CreateContractInput', {
    fields: (t) => ({
      quoteId: t.globalID({ for: Quote, description: 'An ACCEPTED quote: its customer, opportunity, lines, total and currency are copied.' }),
      opportunityId: t.globalID({ for: Opportunity, description: 'A WON opportunity: its customer, amount and currency by default, and its deal.' }),
      customerId: t.globalID({ for: refs.Customer, description: 'For a standalone contract.' }),
      title: t.string({ description: "Default: the quote's title or the opportunity's name." }),
      amount: t.field({ type: 'Decimal' }),
      currency: t.string({ description: `ISO 4217; default ${config.defaultCurrency}.` }),
      signedDate: t.field({ type: 'Date' }),
      startDate: t.field({ type: 'Date' }),
      endDate: t.field({ type: 'Date' }),
      paymentTerms: t.string(),
      deliveryTerms: t.string(),
      ownerId: t.globalID({ for: refs.User, description: 'Default: you.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateContractInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Contract }),
      version: t.int({ required: true }),
      title: t.string(),
      amount: t.field({ type: 'Decimal', description: "Not for a contract from a quote (it keeps the quote's total)." }),
      currency: t.string(),
      signedDate: t.field({ type: 'Date' }),
      startDate: t.field({ type: 'Date' }),
      endDate: t.field({ type: 'Date' }),
      paymentTerms: t.string(),
      deliveryTerms: t.string(),
      ownerId: t.globalID({ for: refs.User }),
    }),
  });
  // Each contract action its own input (docs/graph-conventions.md), with only the fields it reads.
  const actionInput = (name: string, description: string) =>
    builder.inputType(name, {
      description,
      fields: (t) => ({ id: t.globalID({ required: true, for: Contract, description: 'The contract.' }), version: t.int({ required: true, description: 'The contract version you read.' }) }),
    });
  const SubmitForApprovalInput = actionInput('SubmitContractForApprovalInput', 'Which contract to submit for approval.');
  const CompleteInput = actionInput('CompleteContractInput', 'Which contract to complete: every obligation is fulfilled.');
  const SignInput = builder.inputType('SignContractInput', {
    description: 'Which contract to sign, and on what date.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Contract, description: 'The contract.' }),
      version: t.int({ required: true, description: 'The contract version you read.' }),
      signedDate: t.field({ type: 'Date', description: 'The date both sides signed; default the contract’s signedDate, else today.' }),
    }),
  });
  const TerminateInput = builder.inputType('TerminateContractInput', {
    description: 'Which contract to end early, and why.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Contract, description: 'The contract.' }),
      version: t.int({ required: true, description: 'The contract version you read.' }),
      reason: t.string({ description: 'Why the contract ends early; required.' }),
    }),
  });
  const InstalmentInput = builder.inputType('PaymentInstalmentInput', {
    fields: (t) => ({ dueDate: t.field({ type: 'Date', required: true }), amount: t.field({ type: 'Decimal', required: true }), note: t.string() }),
  });
  const PlanInput = builder.inputType('SetPaymentPlanInput', {
    fields: (t) => ({
      contractId: t.globalID({ required: true, for: Contract }),
      version: t.int({ required: true, description: "The contract's version." }),
      instalments: t.field({ type: [InstalmentInput], required: true, description: 'Replaces the plan; must sum to the contract amount.' }),
    }),
  });
  const PaymentInput = builder.inputType('RecordPaymentInput', {
    fields: (t) => ({
      contractId: t.globalID({ required: true, for: Contract }),
      amount: t.field({ type: 'Decimal', required: true }),
      receivedOn: t.field({ type: 'Date', required: true }),
      method: t.field({ type: PaymentMethodRef, required: true }),
      reference: t.string(),
      note: t.string(),
    }),
  });
  const PaymentActionInput = builder.inputType('ConfirmPaymentInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Payment }), version: t.int({ required: true }) }),
  });
  const InvoiceInput = builder.inputType('IssueInvoiceInput', {
    fields: (t) => ({
      contractId: t.globalID({ required: true, for: Contract }),
      number: t.string({ required: true, description: 'The invoice number (发票号码); unique.' }),
      amount: t.field({ type: 'Decimal', required: true }),
      issuedOn: t.field({ type: 'Date', required: true }),
      type: t.field({ type: InvoiceTypeRef, required: true }),
    }),
  });
  const InvoiceActionInput = builder.inputType('VoidInvoiceInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Invoice }), version: t.int({ required: true }) }),
  });

  const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
  const act = (i: { id: { id: string }; version: number; signedDate?: Date | null; reason?: string | null }) => ({ id: i.id.id, version: i.version, signedDate: i.signedDate ?? undefined, reason: i.reason ?? undefined });

  const contract = { contract: Contract };
  payloadMutation(builder, 'createContract', {
    description: 'A DRAFT contract from an ACCEPTED quote, a WON opportunity, or standalone on a customer; needs customer.viewFinancials.',
    input: CreateInput,
    result: contract,
    resolve: async (input, ctx) => ({
      contract: await createContract(ctx, config, {
        ...defined({ ...input, quoteId: undefined, opportunityId: undefined, customerId: undefined, ownerId: undefined }),
        quoteId: rawId(input.quoteId),
        opportunityId: rawId(input.opportunityId),
        customerId: input.customerId?.id ?? null,
        ownerId: rawId(input.ownerId),
      } as never),
    }),
  });
  payloadMutation(builder, 'updateContract', {
    description: 'Changes a DRAFT contract (or one whose approval was rejected or withdrawn; it becomes a DRAFT again).',
    input: UpdateInput,
    result: contract,
    resolve: async (input, ctx) => ({
      contract: await updateContract(ctx, config, { ...defined({ ...input, id: undefined, ownerId: undefined }), id: input.id.id, version: input.version, ownerId: rawId(input.ownerId) ?? undefined } as never),
    }),
  });
  payloadMutation(builder, 'submitContractForApproval', {
    description: 'DRAFT → PENDING_APPROVAL for a contract above pluginConfig.sales.contractApproval.amountAbove; approvers are alerted.',
    input: SubmitForApprovalInput,
    result: contract,
    resolve: async (input, ctx) => ({ contract: await submitContractForApproval(ctx, config, act(input)) }),
  });
  payloadMutation(builder, 'signContract', {
    description: "→ ACTIVE (approved first when needed); records the customer's deal fact unless its won opportunity did.",
    input: SignInput,
    result: contract,
    resolve: async (input, ctx) => ({ contract: await signContract(ctx, config, act(input)) }),
  });
  payloadMutation(builder, 'completeContract', {
    input: CompleteInput,
    result: contract,
    resolve: async (input, ctx) => ({ contract: await completeContract(ctx, act(input)) }),
  });
  payloadMutation(builder, 'terminateContract', {
    input: TerminateInput,
    result: contract,
    resolve: async (input, ctx) => ({ contract: await terminateContract(ctx, act(input)) }),
  });
  payloadMutation(builder, 'setPaymentPlan', {
    description: 'Replaces the payment plan (回款计划); the instalments must sum to the contract amount.',
    input: PlanInput,
    result: contract,
    resolve: async (input, ctx) => ({
      contract: await setPaymentPlan(ctx, {
        contractId: input.contractId.id,
        version: input.version,
        instalments: input.instalments.map((i) => ({ dueDate: i.dueDate, amount: i.amount, note: i.note ?? undefined })),
      }),
    }),
  });
  payloadMutation(builder, 'recordPayment', {
    description: 'Money received against an ACTIVE contract (回款); PENDING until approved and confirmed where pluginConfig.sales.paymentApproval.required.',
    input: PaymentInput,
    result: { payment: Payment },
    resolve: async (input, ctx) => ({
      payment: await recordPayment(ctx, config, { ...input, contractId: input.contractId.id, reference: input.reference ?? undefined, note: input.note ?? undefined }),
    }),
  });
  payloadMutation(builder, 'confirmPayment', {
    description: 'A PENDING payment whose approval was decided: CONFIRMED when approved, REJECTED when rejected.',
    input: PaymentActionInput,
    result: { payment: Payment },
    resolve: async (input, ctx) => ({ payment: await confirmPayment(ctx, { id: input.id.id, version: input.version }) }),
  });
  payloadMutation(builder, 'issueInvoice', {
    description: 'An invoice (开票) against a signed contract; issued invoices never sum above the contract amount.',
    input: InvoiceInput,
    result: { invoice: Invoice },
    resolve: async (input, ctx) => ({ invoice: await issueInvoice(ctx, config, { ...input, contractId: input.contractId.id }) }),
  });
  payloadMutation(builder, 'voidInvoice', {
    input: InvoiceActionInput,
    result: { invoice: Invoice },
    resolve: async (input, ctx) => ({ invoice: await voidInvoice(ctx, { id: input.id.id, version: input.version }) }),
  });

  return { Contract, Payment, Invoice };
}
