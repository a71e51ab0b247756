import { z } from 'zod';
import {
  actingUserId,
  alertMessage,
  emitAlerts,
  InputError,
  parseInput,
  Prisma,
  recordAudit,
  rules,
  throwMissingOrStale,
  type AlertInput,
  type FieldError,
  type JobDefinition,
  type PrismaClient,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { calendarDay, rowToChange, throughCustomer } from './access.js';
import { SALES_ALERT_MESSAGES, SALES_ORDER_DELIVERY_OVERDUE } from './alerts.js';
import type { SalesConfig } from './config.js';
import { contractCode, contractToChange } from './contracts.js';
import { refuse, refuseField } from './order-messages.js';
import { deliveryProblems, orderableQuantities, orderProblems, orderStatusAfter } from './order-rules.js';

type Db = Prisma.TransactionClient;
export type SalesOrder = Prisma.SalesOrderModel;
const Decimal = Prisma.Decimal;

const quantity = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be a quantity with at most 3 decimals');
const createOrderInput = z.object({
  contractId: z.string(),
  lines: z.array(z.object({ position: z.number().int().min(1), quantity })).max(500).nullish(),
  expectedDeliveryDate: z.date().nullish(),
  note: rules.optionalText(2_000),
});
const deliveryInput = z.object({
  orderId: z.string(),
  version: z.number().int().min(1),
  deliveredOn: z.date(),
  lines: z.array(z.object({ position: z.number().int().min(1), quantity })).max(500),
  note: rules.optionalText(2_000),
});
const cancelInput = z.object({ id: z.string(), version: z.number().int().min(1), reason: rules.optionalText(2_000) });

export type CreateSalesOrderInput = z.input<typeof createOrderInput>;
export type RecordSalesDeliveryInput = z.input<typeof deliveryInput>;
export type CancelSalesOrderInput = z.input<typeof cancelInput>;

/** Orders as the viewer may see them: their customer's row rule (the contract's customer). */
export function salesOrdersVisibleTo(viewer: Viewer | null | undefined): { customer?: Prisma.CustomerWhereInput } {
  return throughCustomer(viewer);
}

/** HT-2026-0001-01: the contract's number and the order's place among its orders. */
export function salesOrderNumber(order: Pick<SalesOrder, 'seq'> & { contract: { year: number; seq: number } }, config: SalesConfig): string {
  return `${contractCode(order.contract, config)}-${String(order.seq).padStart(2, '0')}`;
}

const toFieldErrors = (problems: ReturnType<typeof orderProblems>): FieldError[] => problems.map((p) => refuseField(p.field, p.key, p.params, p.code));

/**
 * A PENDING order against an ACTIVE contract (销售订单). Its lines draw on the contract's lines by
 * position; without `lines` it takes everything not ordered yet. What all orders of the contract take
 * (a cancelled order: only what it delivered) never exceeds the contract's quantities: the contract row
 * is locked while this is checked, so two orders at once cannot both pass. The expected delivery date
 * defaults to the contract's end date.
 */
export async function createSalesOrder(ctx: ServiceContext, _config: SalesConfig, input: CreateSalesOrderInput): Promise<SalesOrder> {
  const fields = parseInput(createOrderInput, input);
  const contract = await contractToChange(ctx, fields.contractId);
  if (contract.status !== 'ACTIVE') refuse('contractId', 'order.contractNotActive', { status: contract.status }, 'CONFLICT');
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Contract" WHERE "id" = ${contract.id}::uuid FOR UPDATE`;
    const contractLines = await tx.contractLine.findMany({ where: { contractId: contract.id }, orderBy: { position: 'asc' } });
    if (contractLines.length === 0) refuse('contractId', 'order.contractHasNoLines', {}, 'CONFLICT');
    const taken = await tx.salesOrderLine.findMany({
      where: { contractLine: { contractId: contract.id } },
      select: { contractLineId: true, quantity: true, deliveredQuantity: true, order: { select: { status: true } } },
    });
    const left = orderableQuantities(contractLines, taken);
    const wanted =
      fields.lines ??
      contractLines.filter((l) => left.get(l.id)!.greaterThan(0)).map((l) => ({ position: l.position, quantity: left.get(l.id)!.toString() }));
    if (wanted.length === 0) refuse('contractId', 'order.nothingLeft', {}, 'CONFLICT');
    const problems = orderProblems(contractLines, left, wanted);
    if (problems.length) throw new InputError(toFieldErrors(problems));

    const { _max } = await tx.salesOrder.aggregate({ where: { contractId: contract.id }, _max: { seq: true } });
    const byPosition = new Map(contractLines.map((l) => [l.position, l]));
    const lines = wanted.map((w, n) => {
      const line = byPosition.get(w.position)!;
      const qty = new Decimal(w.quantity);
      return {
        contractLineId: line.id,
        position: n + 1,
        description: line.description,
        unit: line.unit,
        quantity: qty,
        amount: line.totalAmount.mul(qty).div(line.quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
      };
    });
    const order = await tx.salesOrder.create({
      data: {
        contractId: contract.id,
        customerId: contract.customerId,
        seq: (_max.seq ?? 0) + 1,
        expectedDeliveryDate: fields.expectedDeliveryDate ?? contract.endDate ?? null,
        currency: contract.currency,
        amount: lines.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)),
        note: fields.note ?? null,
        ownerId: contract.ownerId,
        createdById: actingUserId(ctx.viewer),
        createdAt: now,
        lines: { create: lines },
      },
      include: { lines: true },
    });
    await recordAudit(tx, ctx, { action: 'salesOrder.create', entity: { type: 'SalesOrder', id: order.id }, after: order });
    const { lines: _lines, ...row } = order;
    return row;
  });
}

/**
 * Records a delivery (发货) of an open order: quantities per order line, each at most what is still
 * undelivered. The order becomes PARTIALLY_DELIVERED, or DELIVERED once every line is delivered in full.
 */
export async function recordSalesDelivery(ctx: ServiceContext, config: SalesConfig, input: RecordSalesDeliveryInput): Promise<SalesOrder> {
  const fields = parseInput(deliveryInput, input);
  const order = await orderToChange(ctx, fields.orderId, fields.version);
  if (order.status !== 'PENDING' && order.status !== 'PARTIALLY_DELIVERED') refuse('orderId', 'order.notOpen', { status: order.status }, 'CONFLICT');
  if (fields.lines.length === 0) refuse('lines', 'order.deliveryNeedsLines', {}, 'REQUIRED');
  const now = ctx.clock.now();
  if (fields.deliveredOn > calendarDay(now, config.timeZone)) refuse('deliveredOn', 'order.deliveredInFuture', {}, 'OUT_OF_RANGE');
  const lines = await ctx.prisma.salesOrderLine.findMany({ where: { orderId: order.id }, orderBy: { position: 'asc' } });
  const problems = deliveryProblems(lines, fields.lines);
  if (problems.length) throw new InputError(toFieldErrors(problems));
  const byPosition = new Map(lines.map((l) => [l.position, l]));
  const delivered = new Map(lines.map((l) => [l.id, l.deliveredQuantity]));
  for (const d of fields.lines) {
    const line = byPosition.get(d.position)!;
    delivered.set(line.id, delivered.get(line.id)!.plus(d.quantity));
  }
  const status = orderStatusAfter(lines.map((l) => ({ quantity: l.quantity, delivered: delivered.get(l.id)! })));
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.salesOrder.updateMany({ where: { id: order.id, version: order.version }, data: { status, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('SalesOrder', tx.salesOrder.findUnique({ where: { id: order.id }, select: { version: true } }));
    for (const d of fields.lines) {
      await tx.salesOrderLine.update({ where: { id: byPosition.get(d.position)!.id }, data: { deliveredQuantity: { increment: d.quantity } } });
    }
    const delivery = await tx.salesDelivery.create({
      data: {
        orderId: order.id,
        deliveredOn: fields.deliveredOn,
        note: fields.note ?? null,
        recordedById: actingUserId(ctx.viewer),
        createdAt: now,
        lines: { create: fields.lines.map((d) => ({ orderLineId: byPosition.get(d.position)!.id, quantity: d.quantity })) },
      },
      include: { lines: true },
    });
    const after = await tx.salesOrder.findUniqueOrThrow({ where: { id: order.id } });
    await recordAudit(tx, ctx, { action: 'salesOrder.deliver', entity: { type: 'SalesOrder', id: order.id }, before: order, after: { ...after, delivery } });
    return after;
  });
}

/** Cancels an open order; what it did not deliver goes back to the contract for other orders. */
export async function cancelSalesOrder(ctx: ServiceContext, input: CancelSalesOrderInput): Promise<SalesOrder> {
  const { id, version, reason } = parseInput(cancelInput, input);
  const order = await orderToChange(ctx, id, version);
  if (order.status !== 'PENDING' && order.status !== 'PARTIALLY_DELIVERED') refuse('id', 'order.notOpen', { status: order.status }, 'CONFLICT');
  if (!reason) refuse('reason', 'order.reasonRequired', {}, 'REQUIRED');
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.salesOrder.updateMany({ where: { id, version }, data: { status: 'CANCELLED', cancelReason: reason, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('SalesOrder', tx.salesOrder.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.salesOrder.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'salesOrder.cancel', entity: { type: 'SalesOrder', id }, before: order, after });
    return after;
  });
}

function orderToChange(ctx: ServiceContext, id: string, version: number): Promise<SalesOrder> {
  return rowToChange(ctx.prisma, ctx.viewer, 'SalesOrder', id, (where) => ctx.prisma.salesOrder.findFirst({ where }), version);
}

/** Open orders (PENDING or PARTIALLY_DELIVERED) whose expected delivery day is before `today`. */
export function overdueOrdersWhere(today: Date): Prisma.SalesOrderWhereInput {
  return { status: { in: ['PENDING', 'PARTIALLY_DELIVERED'] }, expectedDeliveryDate: { lt: today } };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Alerts each order's owner once when its expected delivery day (deployment time zone) passed and it
 * is not delivered in full; keyed by order and expected day, so re-runs add nothing, while a moved date
 * that passes again earns a new alert.
 */
export async function alertOverdueOrders(prisma: PrismaClient, now: Date, config: SalesConfig): Promise<number> {
  const today = calendarDay(now, config.timeZone);
  const orders = await prisma.salesOrder.findMany({
    where: overdueOrdersWhere(today),
    select: { id: true, seq: true, ownerId: true, expectedDeliveryDate: true, customer: { select: { name: true } }, contract: { select: { year: true, seq: true } } },
  });
  const alerts: AlertInput[] = orders.map((o) => ({
    recipientId: o.ownerId,
    ...alertMessage(SALES_ALERT_MESSAGES, SALES_ORDER_DELIVERY_OVERDUE, {
      order: salesOrderNumber(o, config),
      customer: o.customer.name,
      expectedDate: day(o.expectedDeliveryDate!),
    }),
    entity: { type: 'SalesOrder', id: o.id },
    dedupeKey: `sales-order-overdue:${o.id}:${day(o.expectedDeliveryDate!)}`,
  }));
  return prisma.$transaction((tx) => emitAlerts(tx, alerts, now));
}

export const orderDeliveryAlertJob: JobDefinition<SalesConfig> = {
  name: 'sales.order-delivery-alerts',
  everyMs: (config) => config.checkIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const emitted = await alertOverdueOrders(prisma, clock.now(), config);
    if (emitted > 0) log(`sales.order-delivery-alerts: ${emitted} alert(s)`);
  },
};

export type { Db as OrderDb };
