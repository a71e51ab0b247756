import { Prisma, type UserErrorCode } from '@rapport/core';
import type { OrderMessageKey } from './order-messages.js';

const Decimal = Prisma.Decimal;
type Decimal = Prisma.Decimal;

export interface Problem {
  field: string;
  key: OrderMessageKey;
  params: Record<string, string | number>;
  code: UserErrorCode;
}

/**
 * What each contract line still has to order: its quantity less what orders took — an open or
 * delivered order its whole quantity, a cancelled one only what it delivered.
 */
export function orderableQuantities(
  contractLines: ReadonlyArray<{ id: string; quantity: Decimal }>,
  taken: ReadonlyArray<{ contractLineId: string; quantity: Decimal; deliveredQuantity: Decimal; order: { status: string } }>,
): Map<string, Decimal> {
  const left = new Map(contractLines.map((l) => [l.id, l.quantity]));
  for (const t of taken) {
    const used = t.order.status === 'CANCELLED' ? t.deliveredQuantity : t.quantity;
    left.set(t.contractLineId, (left.get(t.contractLineId) ?? new Decimal(0)).minus(used));
  }
  return left;
}

/** Why the wanted lines (contract line position, quantity) may not be ordered, one problem per line field. */
export function orderProblems(
  contractLines: ReadonlyArray<{ id: string; position: number; quantity: Decimal }>,
  left: ReadonlyMap<string, Decimal>,
  wanted: ReadonlyArray<{ position: number; quantity: string }>,
): Problem[] {
  const byPosition = new Map(contractLines.map((l) => [l.position, l]));
  const seen = new Set<number>();
  const problems: Problem[] = [];
  for (const [i, w] of wanted.entries()) {
    const line = byPosition.get(w.position);
    if (!line) {
      problems.push({ field: `lines.${i}.position`, key: 'order.noSuchContractLine', params: { position: w.position }, code: 'NOT_FOUND' });
      continue;
    }
    if (seen.has(w.position)) {
      problems.push({ field: `lines.${i}.position`, key: 'order.duplicateLine', params: { position: w.position }, code: 'DUPLICATE' });
      continue;
    }
    seen.add(w.position);
    const qty = new Decimal(w.quantity);
    if (qty.lte(0)) {
      problems.push({ field: `lines.${i}.quantity`, key: 'order.quantityPositive', params: {}, code: 'OUT_OF_RANGE' });
      continue;
    }
    const remaining = left.get(line.id)!;
    if (qty.greaterThan(remaining)) {
      problems.push({
        field: `lines.${i}.quantity`,
        key: 'order.beyondContract',
        params: { position: w.position, left: Decimal.max(0, remaining).toString(), contracted: line.quantity.toString() },
        code: 'OUT_OF_RANGE',
      });
    }
  }
  return problems;
}

/** Why a delivery (order line position, quantity) may not be recorded: unknown lines, twice, more than is undelivered. */
export function deliveryProblems(
  orderLines: ReadonlyArray<{ position: number; quantity: Decimal; deliveredQuantity: Decimal }>,
  delivered: ReadonlyArray<{ position: number; quantity: string }>,
): Problem[] {
  const byPosition = new Map(orderLines.map((l) => [l.position, l]));
  const seen = new Set<number>();
  const problems: Problem[] = [];
  for (const [i, d] of delivered.entries()) {
    const line = byPosition.get(d.position);
    if (!line) {
      problems.push({ field: `lines.${i}.position`, key: 'order.noSuchOrderLine', params: { position: d.position }, code: 'NOT_FOUND' });
      continue;
    }
    if (seen.has(d.position)) {
      problems.push({ field: `lines.${i}.position`, key: 'order.duplicateLine', params: { position: d.position }, code: 'DUPLICATE' });
      continue;
    }
    seen.add(d.position);
    const qty = new Decimal(d.quantity);
    if (qty.lte(0)) {
      problems.push({ field: `lines.${i}.quantity`, key: 'order.quantityPositive', params: {}, code: 'OUT_OF_RANGE' });
      continue;
    }
    const left = line.quantity.minus(line.deliveredQuantity);
    if (qty.greaterThan(left)) {
      problems.push({ field: `lines.${i}.quantity`, key: 'order.beyondOrdered', params: { position: d.position, left: left.toString(), ordered: line.quantity.toString() }, code: 'OUT_OF_RANGE' });
    }
  }
  return problems;
}

/** DELIVERED once every line is delivered in full, else PARTIALLY_DELIVERED (something was) or PENDING. */
export function orderStatusAfter(lines: ReadonlyArray<{ quantity: Decimal; delivered: Decimal }>): 'PENDING' | 'PARTIALLY_DELIVERED' | 'DELIVERED' {
  if (lines.every((l) => l.delivered.gte(l.quantity))) return 'DELIVERED';
  return lines.some((l) => l.delivered.greaterThan(0)) ? 'PARTIALLY_DELIVERED' : 'PENDING';
}
