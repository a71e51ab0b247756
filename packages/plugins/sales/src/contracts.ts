import { z } from 'zod';
import {
  actingUserId,
  approvalOf,
  customersVisibleTo,
  isUuid,
  notFound,
  parseInput,
  Prisma,
  recordAudit,
  recordDealIn,
  requestApproval,
  requireCustomerEditable,
  requirePermission,
  rules,
  throwIfAny,
  throwMissingOrStale,
  userReferenceError,
  type FieldError,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { calendarDay, rowToChange, throughCustomer } from './access.js';
import type { SalesConfig } from './config.js';
import { instalmentStates, planProblem } from './payment-plan.js';
import { sales } from './messages.js';

type Db = Prisma.TransactionClient;
export type Contract = Prisma.ContractModel;
export type Payment = Prisma.PaymentModel;
export type Invoice = Prisma.InvoiceModel;

const uuid = (what: string) => z.uuid(`must be the id of ${what}`);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code');
const positive = rules.money.refine((v) => Number(v) > 0, sales.key('sales.positive'));

const termFields = {
  signedDate: z.date().nullish(),
  startDate: z.date().nullish(),
  endDate: z.date().nullish(),
  paymentTerms: rules.optionalText(2_000),
  deliveryTerms: rules.optionalText(2_000),
};
const createContractInput = z.object({
  customerId: z.string().nullish(),
  opportunityId: uuid('an opportunity').nullish(),
  quoteId: uuid('a quote').nullish(),
  title: rules.requiredText(200).nullish(),
  amount: positive.nullish(),
  currency: currency.nullish(),
  ownerId: uuid('a user').nullish(),
  ...termFields,
});
const updateContractInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  title: rules.requiredText(200).optional(),
  amount: positive.optional(),
  currency: currency.optional(),
  ownerId: uuid('a user').optional(),
  ...termFields,
});
const actionInput = z.object({ id: z.string(), version: z.number().int().min(1), reason: rules.optionalText(2_000), signedDate: z.date().nullish() });
const planInput = z.object({
  contractId: z.string(),
  version: z.number().int().min(1),
  instalments: z
    .array(z.object({ dueDate: z.date(), amount: positive, note: rules.optionalText(500) }))
    .min(1, sales.key('sales.plan.needsInstalment'))
    .max(120, 'at most 120 instalments'),
});
const paymentInput = z.object({
  contractId: z.string(),
  amount: positive,
  receivedOn: z.date(),
  method: z.enum(['BANK_TRANSFER', 'CASH', 'CHEQUE', 'ACCEPTANCE_BILL', 'ONLINE', 'OTHER']),
  reference: rules.optionalText(200),
  note: rules.optionalText(2_000),
});
const invoiceInput = z.object({
  contractId: z.string(),
  number: rules.requiredText(50),
  amount: positive,
  issuedOn: z.date(),
  type: z.enum(['VAT_SPECIAL', 'VAT_ORDINARY']),
});
const rowActionInput = z.object({ id: z.string(), version: z.number().int().min(1) });

export type CreateContractInput = z.input<typeof createContractInput>;
export type UpdateContractInput = z.input<typeof updateContractInput>;
export type ContractActionInput = z.input<typeof actionInput>;
export type PaymentPlanInput = z.input<typeof planInput>;
export type RecordPaymentInput = z.input<typeof paymentInput>;
export type IssueInvoiceInput = z.input<typeof invoiceInput>;
export type RowActionInput = z.input<typeof rowActionInput>;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Contracts as the viewer may see them: their customer's row rule. */
export function contractsVisibleTo(viewer: Viewer | null | undefined): { customer?: Prisma.CustomerWhereInput } {
  return throughCustomer(viewer);
}
/** Payments and invoices: visible with their contract. */
export function contractChildrenVisibleTo(viewer: Viewer | null | undefined): { contract?: { customer?: Prisma.CustomerWhereInput } } {
  const rule = contractsVisibleTo(viewer);
  return Object.keys(rule).length ? { contract: rule } : {};
}

/**
 * A DRAFT contract: from an ACCEPTED quote (its lines, amount, currency, customer and opportunity are
 * copied), from a WON opportunity (amount and currency by default), or standalone on a customer.
 * Numbered HT-<year>-<seq>, the sequence per calendar year in the deployment's time zone.
 */
export async function createContract(ctx: ServiceContext, config: SalesConfig, input: CreateContractInput): Promise<Contract> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const fields = parseInput(createContractInput, input);
  requirePermission(ctx.viewer, 'customer.write');
  const visible = customersVisibleTo(ctx.viewer);
  const quote = fields.quoteId
    ? await ctx.prisma.quote.findFirst({ where: { id: fields.quoteId, customer: visible }, include: { lines: { orderBy: { position: 'asc' } }, contract: { select: { id: true } } } })
    : null;
  if (fields.quoteId && !quote) sales.refuse('quoteId', 'sales.noSuchQuote', {}, 'NOT_FOUND');
  const opportunityId = fields.opportunityId ?? quote?.opportunityId ?? null;
  const opportunity = opportunityId ? await ctx.prisma.opportunity.findFirst({ where: { id: opportunityId, customer: visible } }) : null;
  if (fields.opportunityId && !opportunity) sales.refuse('opportunityId', 'sales.noSuchOpportunity', {}, 'NOT_FOUND');
  const customerId = quote?.customerId ?? opportunity?.customerId ?? (fields.customerId && isUuid(fields.customerId) ? fields.customerId : null);
  const customer = customerId ? await ctx.prisma.customer.findFirst({ where: { AND: [{ id: customerId }, visible] }, select: { id: true, name: true } }) : null;
  if (!customer) {
    if (!fields.customerId) sales.refuse('customerId', 'sales.contract.needsSource', {}, 'REQUIRED');
    throw notFound('Customer');
  }
  const amount = fields.amount ?? quote?.total.toFixed(2) ?? (opportunity ? opportunity.amount.toFixed(2) : null);
  throwIfAny([
    quote && quote.status !== 'ACCEPTED' ? sales.field('quoteId', 'sales.contract.quoteNotAccepted', { status: quote.status }, 'CONFLICT') : null,
    quote?.contract ? sales.field('quoteId', 'sales.contract.quoteHasContract', {}, 'CONFLICT') : null,
    opportunity && !quote && opportunity.status !== 'WON' ? sales.field('opportunityId', 'sales.contract.opportunityNotWon', { status: opportunity.status }, 'CONFLICT') : null,
    fields.customerId && customer.id !== fields.customerId ? sales.field('customerId', 'sales.contract.notSourceCustomer', {}, 'INVALID') : null,
    quote && opportunity && quote.opportunityId !== opportunity.id ? sales.field('opportunityId', 'sales.contract.notQuoteOpportunity') : null,
    quote && fields.amount && fields.amount !== quote.total.toFixed(2) ? sales.field('amount', 'sales.contract.amountIsQuoteTotal', { total: quote.total.toFixed(2) }, 'INVALID') : null,
    quote && fields.currency && fields.currency !== quote.currency ? sales.field('currency', 'sales.contract.quoteCurrency', { currency: quote.currency }) : null,
    !amount || Number(amount) <= 0 ? sales.field('amount', 'sales.contract.amountRequired', {}, 'REQUIRED') : null,
    ...termProblems(fields),
    await userReferenceError(ctx, 'ownerId', fields.ownerId),
  ]);
  const ownerId = fields.ownerId ?? actingUserId(ctx.viewer)!;
  const owner = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ownerId }, select: { teamId: true } });
  const now = ctx.clock.now();
  const year = Number(day(calendarDay(now, config.timeZone)).slice(0, 4));
  return ctx.prisma.$transaction(async (tx) => {
    await requireCustomerEditable(tx, ctx.viewer, customer.id);
    const [next] = await tx.$queryRaw<Array<{ last: number }>>`
      INSERT INTO "ContractNumberSequence" ("year", "last") VALUES (${year}, 1)
      ON CONFLICT ("year") DO UPDATE SET "last" = "ContractNumberSequence"."last" + 1
      RETURNING "last"`;
    const contract = await tx.contract.create({
      data: {
        year,
        seq: next!.last,
        title: fields.title ?? quote?.title ?? opportunity?.name ?? customer.name,
        customerId: customer.id,
        opportunityId: opportunity?.id ?? null,
        quoteId: quote?.id ?? null,
        amount: amount!,
        currency: quote?.currency ?? fields.currency ?? opportunity?.currency ?? config.defaultCurrency,
        signedDate: fields.signedDate ?? null,
        startDate: fields.startDate ?? null,
        endDate: fields.endDate ?? null,
        paymentTerms: fields.paymentTerms ?? null,
        deliveryTerms: fields.deliveryTerms ?? null,
        ownerId,
        teamId: owner.teamId,
        dealId: opportunity?.dealId ?? null,
        createdAt: now,
        lines: quote ? { create: quote.lines.map(({ id: _id, quoteId: _q, ...line }) => line) } : undefined,
      },
    });
    await recordAudit(tx, ctx, { action: 'contract.create', entity: { type: 'Contract', id: contract.id }, after: contract });
    return contract;
  });
}

function termProblems(fields: { startDate?: Date | null; endDate?: Date | null }): Array<FieldError | null> {
  return [fields.startDate && fields.endDate && fields.endDate < fields.startDate ? sales.field('endDate', 'sales.endBeforeStart', {}, 'OUT_OF_RANGE') : null];
}

/** Changes a DRAFT contract (or one whose approval was rejected or withdrawn: it is a DRAFT again). */
export async function updateContract(ctx: ServiceContext, _config: SalesConfig, input: UpdateContractInput): Promise<Contract> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const { id, version, ...fields } = parseInput(updateContractInput, input);
  const read = await contractToChange(ctx, id, version);
  await requireEditable(ctx.prisma, read);
  throwIfAny([
    read.quoteId && fields.amount && fields.amount !== read.amount.toFixed(2) ? sales.field('amount', 'sales.contract.keepsQuoteTotal', {}, 'CONFLICT') : null,
    read.quoteId && fields.currency && fields.currency !== read.currency ? sales.field('currency', 'sales.contract.keepsQuoteCurrency', {}, 'CONFLICT') : null,
    ...termProblems({ startDate: fields.startDate === undefined ? read.startDate : fields.startDate, endDate: fields.endDate === undefined ? read.endDate : fields.endDate }),
    await userReferenceError(ctx, 'ownerId', fields.ownerId),
  ]);
  const teamId = fields.ownerId && fields.ownerId !== read.ownerId ? (await ctx.prisma.user.findUniqueOrThrow({ where: { id: fields.ownerId }, select: { teamId: true } })).teamId : undefined;
  const data: Prisma.ContractUncheckedUpdateManyInput = {
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    ...(teamId !== undefined ? { teamId } : {}),
    status: 'DRAFT',
  };
  return writeContract(ctx, read, data, 'contract.update');
}

/** Whether the contract's amount needs approval before signing, and where the approval of this version stands. */
export async function contractApproval(db: Db, contract: Contract, config: SalesConfig) {
  const threshold = config.contractApproval.amountAbove;
  const needed = contract.amount.greaterThan(threshold);
  const reasonParams = { currency: contract.currency, amount: contract.amount.toFixed(2), threshold };
  const reason = sales.stored('sales.contract.needsApproval', reasonParams);
  const latest = needed ? await approvalOf(db, 'Contract', contract.id) : null;
  const status = latest && (latest.status === 'PENDING' || latest.entityVersion === contract.version) ? latest.status : null;
  return { needed, reason, reasonParams, status };
}

/** DRAFT → PENDING_APPROVAL through pluginConfig.sales.contractApproval.steps; the approvers are alerted. */
export async function submitContractForApproval(ctx: ServiceContext, config: SalesConfig, input: ContractActionInput): Promise<Contract> {
  const { id, version } = parseInput(actionInput, input);
  const read = await contractToChange(ctx, id, version);
  await requireEditable(ctx.prisma, read);
  const approval = await contractApproval(ctx.prisma, read, config);
  if (!approval.needed) sales.refuse('id', 'sales.contract.noApprovalNeeded', { threshold: config.contractApproval.amountAbove }, 'CONFLICT');
  return writeContract(ctx, read, { status: 'PENDING_APPROVAL' }, 'contract.submit', async (tx, written) => {
    await requestApproval(tx, ctx, {
      entityType: 'Contract',
      entityId: id,
      entityVersion: written.version,
      title: `${read.title} (${read.currency} ${read.amount.toFixed(2)})`,
      reason: approval.reason,
      ownerId: read.ownerId,
      steps: config.contractApproval.steps,
    });
  });
}

/**
 * Signs a contract: DRAFT (no approval needed) or PENDING_APPROVAL with this very version approved →
 * ACTIVE. The customer's deal fact is recorded through core in the same transaction (tier and stage
 * follow) — unless the contract comes from a won opportunity, whose deal it already is.
 */
export async function signContract(ctx: ServiceContext, config: SalesConfig, input: ContractActionInput): Promise<Contract> {
  const { id, version, signedDate } = parseInput(actionInput, input);
  const read = await contractToChange(ctx, id, version);
  if (read.status !== 'DRAFT' && read.status !== 'PENDING_APPROVAL') sales.refuse('id', 'sales.contract.onlyDraftSigned', { status: read.status }, 'CONFLICT');
  const approval = await contractApproval(ctx.prisma, read, config);
  if (approval.needed && approval.status !== 'APPROVED') {
    if (approval.status === 'PENDING') sales.refuse('id', 'sales.contract.waitingForApproval', {}, 'CONFLICT');
    if (approval.status === 'REJECTED') sales.refuse('id', 'sales.contract.approvalRejected', {}, 'CONFLICT');
    sales.refuse('id', 'sales.contract.needsApproval', approval.reasonParams, 'CONFLICT');
  }
  const now = ctx.clock.now();
  const today = calendarDay(now, config.timeZone);
  const signed = signedDate ?? read.signedDate ?? today;
  if (signed > today) sales.refuse('signedDate', 'sales.notInFuture', {}, 'OUT_OF_RANGE');
  // Approval named this version: sign without bumping it first, the approval stays attached to it.
  return writeContract(ctx, read, { status: 'ACTIVE', signedDate: signed }, 'contract.sign', async (tx) => {
    if (read.dealId) return;
    const deal = await recordDealIn(tx, ctx, {
      customerId: read.customerId,
      title: `${read.title} (${contractCode(read, config)})`,
      amount: read.amount.toFixed(2),
      closedAt: signed < today ? signed : now,
    });
    await tx.contract.update({ where: { id }, data: { dealId: deal.id } });
  });
}

export async function completeContract(ctx: ServiceContext, input: ContractActionInput): Promise<Contract> {
  const { id, version } = parseInput(actionInput, input);
  const read = await contractToChange(ctx, id, version);
  if (read.status !== 'ACTIVE') sales.refuse('id', 'sales.contract.onlyActiveCompleted', { status: read.status }, 'CONFLICT');
  return writeContract(ctx, read, { status: 'COMPLETED' }, 'contract.complete');
}

export async function terminateContract(ctx: ServiceContext, input: ContractActionInput): Promise<Contract> {
  const { id, version, reason } = parseInput(actionInput, input);
  const read = await contractToChange(ctx, id, version);
  if (read.status === 'COMPLETED' || read.status === 'TERMINATED') sales.refuse('id', 'sales.contract.alreadyEnded', { status: read.status }, 'CONFLICT');
  if (!reason) sales.refuse('reason', 'sales.contract.terminationReason', {}, 'REQUIRED');
  if (await approvalOf(ctx.prisma, 'Contract', id, 'PENDING')) sales.refuse('id', 'sales.contract.withdrawFirst', {}, 'CONFLICT');
  return writeContract(ctx, read, { status: 'TERMINATED', terminationReason: reason }, 'contract.terminate');
}

/**
 * Replaces the contract's payment plan (回款计划). The instalments must sum to exactly the contract
 * amount (the error names the difference); an ACTIVE contract keeps its plan changeable, a closed or
 * pending one does not.
 */
export async function setPaymentPlan(ctx: ServiceContext, input: PaymentPlanInput): Promise<Contract> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const { contractId, version, instalments } = parseInput(planInput, input);
  const read = await contractToChange(ctx, contractId, version);
  if (read.status !== 'DRAFT' && read.status !== 'ACTIVE') sales.refuse('contractId', 'sales.contract.planFixed', { status: read.status }, 'CONFLICT');
  if (await approvalOf(ctx.prisma, 'Contract', read.id, 'PENDING')) sales.refuse('contractId', 'sales.contract.waitingForApproval', {}, 'CONFLICT');
  const problem = planProblem(
    instalments.map((i) => i.amount),
    read.amount,
    read.currency,
  );
  if (problem) sales.refuse('instalments', problem.key, problem.params, 'INVALID');
  return writeContract(ctx, read, {}, 'contract.paymentPlan', async (tx) => {
    await tx.paymentInstalment.deleteMany({ where: { contractId: read.id } });
    await tx.paymentInstalment.createMany({
      data: instalments.map((i, n) => ({ contractId: read.id, position: n + 1, dueDate: i.dueDate, amount: i.amount, note: i.note ?? null })),
    });
  });
}

/**
 * Records money received against an ACTIVE contract (回款). Beyond what is still outstanding it is
 * refused unless allowOverpayment. With paymentApproval.required it is PENDING and counts only once
 * approved and confirmed (confirmPayment); otherwise CONFIRMED at once.
 */
export async function recordPayment(ctx: ServiceContext, config: SalesConfig, input: RecordPaymentInput): Promise<Payment> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const fields = parseInput(paymentInput, input);
  const contract = await contractToChange(ctx, fields.contractId);
  if (contract.status !== 'ACTIVE') sales.refuse('contractId', 'sales.contract.paymentsNeedActive', { status: contract.status }, 'CONFLICT');
  const now = ctx.clock.now();
  if (fields.receivedOn > calendarDay(now, config.timeZone)) sales.refuse('receivedOn', 'sales.notInFuture', {}, 'OUT_OF_RANGE');
  return ctx.prisma.$transaction(async (tx) => {
    await lockContract(tx, contract.id);
    const received = await receivedTotal(tx, contract.id, true);
    const left = contract.amount.minus(received);
    if (!config.allowOverpayment && new Prisma.Decimal(fields.amount).greaterThan(left)) {
      sales.refuse('amount', 'sales.contract.paymentBeyondOutstanding', { currency: contract.currency, left: left.toFixed(2) }, 'OUT_OF_RANGE');
    }
    const payment = await tx.payment.create({
      data: {
        contractId: contract.id,
        amount: fields.amount,
        receivedOn: fields.receivedOn,
        method: fields.method,
        reference: fields.reference ?? null,
        note: fields.note ?? null,
        status: config.paymentApproval.required ? 'PENDING' : 'CONFIRMED',
        recordedById: actingUserId(ctx.viewer),
        createdAt: now,
      },
    });
    if (config.paymentApproval.required) {
      await requestApproval(tx, ctx, {
        entityType: 'Payment',
        entityId: payment.id,
        entityVersion: payment.version,
        title: `回款 ${contract.currency} ${payment.amount.toFixed(2)} — ${contractCode(contract, config)}`,
        reason: sales.stored('sales.payment.confirmedThroughApproval'),
        ownerId: contract.ownerId,
        steps: config.paymentApproval.steps,
      });
    }
    await recordAudit(tx, ctx, { action: 'payment.record', entity: { type: 'Payment', id: payment.id }, after: payment });
    return payment;
  });
}

/** A PENDING payment whose approval went through becomes CONFIRMED (counts as received); a rejected one REJECTED. */
export async function confirmPayment(ctx: ServiceContext, input: RowActionInput): Promise<Payment> {
  const { id, version } = parseInput(rowActionInput, input);
  const read = await paymentToChange(ctx, id, version);
  if (read.status !== 'PENDING') sales.refuse('id', 'sales.payment.alreadyDecided', { status: read.status }, 'CONFLICT');
  const approval = await approvalOf(ctx.prisma, 'Payment', id);
  if (!approval || approval.status === 'PENDING') sales.refuse('id', 'sales.payment.waitingForApproval', {}, 'CONFLICT');
  const status = approval.status === 'APPROVED' ? 'CONFIRMED' : 'REJECTED';
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.payment.updateMany({ where: { id, version }, data: { status, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Payment', tx.payment.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.payment.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: `payment.${status === 'CONFIRMED' ? 'confirm' : 'reject'}`, entity: { type: 'Payment', id }, before: read, after });
    return after;
  });
}

/** Issues an invoice (开票) against a signed contract; the issued invoices never sum above the contract amount. */
export async function issueInvoice(ctx: ServiceContext, config: SalesConfig, input: IssueInvoiceInput): Promise<Invoice> {
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const fields = parseInput(invoiceInput, input);
  const contract = await contractToChange(ctx, fields.contractId);
  if (contract.status !== 'ACTIVE' && contract.status !== 'COMPLETED') sales.refuse('contractId', 'sales.invoice.needsSigned', { status: contract.status }, 'CONFLICT');
  if (fields.issuedOn > calendarDay(ctx.clock.now(), config.timeZone)) sales.refuse('issuedOn', 'sales.notInFuture', {}, 'OUT_OF_RANGE');
  return ctx.prisma.$transaction(async (tx) => {
    await lockContract(tx, contract.id);
    if (await tx.invoice.findUnique({ where: { number: fields.number }, select: { id: true } })) sales.refuse('number', 'sales.invoice.numberTaken', {}, 'DUPLICATE');
    const invoiced = await invoicedTotal(tx, contract.id);
    const left = contract.amount.minus(invoiced);
    if (new Prisma.Decimal(fields.amount).greaterThan(left)) {
      sales.refuse('amount', 'sales.invoice.beyondContract', { currency: contract.currency, left: left.toFixed(2), amount: contract.amount.toFixed(2) }, 'OUT_OF_RANGE');
    }
    const invoice = await tx.invoice.create({ data: { ...fields, contractId: contract.id, createdAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, { action: 'invoice.issue', entity: { type: 'Invoice', id: invoice.id }, after: invoice });
    return invoice;
  });
}

export async function voidInvoice(ctx: ServiceContext, input: RowActionInput): Promise<Invoice> {
  const { id, version } = parseInput(rowActionInput, input);
  requirePermission(ctx.viewer, 'customer.viewFinancials');
  const read = await childToChange(ctx, 'Invoice', id, version, (where) => ctx.prisma.invoice.findFirst({ where, include: { contract: { select: { customerId: true } } } }));
  if (read.status === 'VOIDED') sales.refuse('id', 'sales.invoice.alreadyVoided', {}, 'CONFLICT');
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.invoice.updateMany({ where: { id, version }, data: { status: 'VOIDED', version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Invoice', tx.invoice.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.invoice.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'invoice.void', entity: { type: 'Invoice', id }, before: read, after });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------

export interface ContractMoney {
  received: Prisma.Decimal;
  outstanding: Prisma.Decimal;
  overdue: Prisma.Decimal;
  invoiced: Prisma.Decimal;
}

export interface ContractSums extends ContractMoney {
  /** The payment plan in due order, each instalment with what confirmed payments cover. */
  instalments: ReturnType<typeof instalmentStates<Prisma.PaymentInstalmentModel>>;
}

/**
 * Received (confirmed), outstanding, overdue (instalments past due, in the deployment's time zone),
 * invoiced and the covered plan of several contracts, in three statements whatever their number.
 */
export async function contractSums(db: Db, contracts: ReadonlyArray<Pick<Contract, 'id' | 'amount'>>, today: Date): Promise<Map<string, ContractSums>> {
  const ids = contracts.map((c) => c.id);
  const [paid, invoiced, instalments] = await Promise.all([
    db.payment.groupBy({ by: ['contractId'], where: { contractId: { in: ids }, status: 'CONFIRMED' }, _sum: { amount: true } }),
    db.invoice.groupBy({ by: ['contractId'], where: { contractId: { in: ids }, status: 'ISSUED' }, _sum: { amount: true } }),
    db.paymentInstalment.findMany({ where: { contractId: { in: ids } }, orderBy: [{ dueDate: 'asc' }, { position: 'asc' }] }),
  ]);
  const zero = new Prisma.Decimal(0);
  const received = new Map(paid.map((p) => [p.contractId, p._sum.amount ?? zero]));
  const billed = new Map(invoiced.map((i) => [i.contractId, i._sum.amount ?? zero]));
  return new Map(
    contracts.map((c) => {
      const got = received.get(c.id) ?? zero;
      const plan = instalmentStates(
        instalments.filter((i) => i.contractId === c.id),
        got,
        today,
      );
      return [
        c.id,
        {
          received: got,
          outstanding: Prisma.Decimal.max(0, c.amount.minus(got)),
          overdue: plan.reduce((sum, i) => sum.plus(i.overdue), zero),
          invoiced: billed.get(c.id) ?? zero,
          instalments: plan,
        },
      ];
    }),
  );
}

async function receivedTotal(db: Db, contractId: string, includePending: boolean): Promise<Prisma.Decimal> {
  const { _sum } = await db.payment.aggregate({ where: { contractId, status: includePending ? { in: ['CONFIRMED', 'PENDING'] } : 'CONFIRMED' }, _sum: { amount: true } });
  return _sum.amount ?? new Prisma.Decimal(0);
}

async function invoicedTotal(db: Db, contractId: string): Promise<Prisma.Decimal> {
  const { _sum } = await db.invoice.aggregate({ where: { contractId, status: 'ISSUED' }, _sum: { amount: true } });
  return _sum.amount ?? new Prisma.Decimal(0);
}

/** Serialises payments and invoices of one contract, so two at once cannot both pass the sum check. */
async function lockContract(tx: Db, id: string) {
  await tx.$queryRaw`SELECT 1 FROM "Contract" WHERE "id" = ${id}::uuid FOR UPDATE`;
}

export function contractCode(contract: Pick<Contract, 'year' | 'seq'>, config: SalesConfig): string {
  return `${config.contractNumberPrefix}-${contract.year}-${String(contract.seq).padStart(4, '0')}`;
}

export function contractToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Contract> {
  return rowToChange(ctx.prisma, ctx.viewer, 'Contract', id, (where) => ctx.prisma.contract.findFirst({ where }), expectedVersion);
}

function paymentToChange(ctx: ServiceContext, id: string, version: number): Promise<Payment> {
  return childToChange(ctx, 'Payment', id, version, (where) => ctx.prisma.payment.findFirst({ where, include: { contract: { select: { customerId: true } } } }));
}

/** A payment or invoice to change, under its contract's customer: the same rules as rowToChange. */
async function childToChange<Row extends { version: number; contract: { customerId: string } }>(
  ctx: ServiceContext,
  entity: string,
  id: string,
  version: number,
  find: (where: { id: string; contract?: { customer?: Prisma.CustomerWhereInput } }) => Promise<Row | null>,
): Promise<Omit<Row, 'contract'>> {
  const row = await rowToChange(
    ctx.prisma,
    ctx.viewer,
    entity,
    id,
    async ({ id, customer }) => {
      const found = await find({ id, ...(customer ? { contract: { customer } } : {}) });
      return found && { ...found, customerId: found.contract.customerId };
    },
    version,
  );
  const { contract: _contract, customerId: _customerId, ...own } = row;
  return own as Omit<Row, 'contract'>;
}

/** A DRAFT, or a PENDING_APPROVAL whose approval is no longer pending (rejected or withdrawn): editable again. */
async function requireEditable(db: Db, contract: Contract) {
  if (contract.status === 'DRAFT') return;
  if (contract.status === 'PENDING_APPROVAL') {
    if (await approvalOf(db, 'Contract', contract.id, 'PENDING')) sales.refuse('id', 'sales.contract.withdrawToChange', {}, 'CONFLICT');
    return;
  }
  sales.refuse('id', 'sales.contract.onlyDraftChanges', { status: contract.status }, 'CONFLICT');
}

async function writeContract(
  ctx: ServiceContext,
  read: Contract,
  data: Prisma.ContractUncheckedUpdateManyInput,
  action: string,
  more: (tx: Db, written: Contract) => Promise<void> = async () => {},
): Promise<Contract> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.contract.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Contract', tx.contract.findUnique({ where: { id: read.id }, select: { version: true } }));
    const written = await tx.contract.findUniqueOrThrow({ where: { id: read.id } });
    await more(tx, written);
    const after = await tx.contract.findUniqueOrThrow({ where: { id: read.id } });
    await recordAudit(tx, ctx, { action, entity: { type: 'Contract', id: read.id }, before: read, after });
    return after;
  });
}
