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

/**
 * The problems shared by ordering and delivering, one per line field: a position that names no line,
 * a line named twice, a quantity not above zero, or one beyond what `tooMuch` allows.
 */
function lineQuantityProblems<Line extends { position: number }>(
  lines: ReadonlyArray<Line>,
  wanted: ReadonlyArray<{ position: number; quantity: string }>,
  noSuchLine: OrderMessageKey,
  tooMuch: (line: Line, quantity: Decimal) => Pick<Problem, 'key' | 'params'> | null,
): Problem[] {
  const byPosition = new Map(lines.map((l) => [l.position, l]));
  const seen = new Set<number>();
  const problems: Problem[] = [];
  for (const [i, w] of wanted.entries()) {
    const problem = lineProblem(byPosition.get(w.position), w, seen, noSuchLine, tooMuch);
    if (problem) problems.push({ ...problem, field: `lines.${i}.${problem.field}` });
  }
  return problems;
}

function lineProblem<Line extends { position: number }>(
  line: Line | undefined,
  wanted: { position: number; quantity: string },
  seen: Set<number>,
  noSuchLine: OrderMessageKey,
  tooMuch: (line: Line, quantity: Decimal) => Pick<Problem, 'key' | 'params'> | null,
): (Omit<Problem, 'field'> & { field: 'position' | 'quantity' }) | null {
  if (!line) return { field: 'position', key: noSuchLine, params: { position: wanted.position }, code: 'NOT_FOUND' };
  if (seen.has(wanted.position)) return { field: 'position', key: 'order.duplicateLine', params: { position: wanted.position }, code: 'DUPLICATE' };
  seen.add(wanted.position);
  const quantity = new Decimal(wanted.quantity);
  if (quantity.lte(0)) return { field: 'quantity', key: 'order.quantityPositive', params: {}, code: 'OUT_OF_RANGE' };
  const beyond = tooMuch(line, quantity);
  return beyond ? { field: 'quantity', ...beyond, code: 'OUT_OF_RANGE' } : null;
}

/** Why the wanted lines (contract line position, quantity) may not be ordered, one problem per line field. */
export function orderProblems(
  contractLines: ReadonlyArray<{ id: string; position: number; quantity: Decimal }>,
  left: ReadonlyMap<string, Decimal>,
  wanted: ReadonlyArray<{ position: number; quantity: string }>,
): Problem[] {
  return lineQuantityProblems(contractLines, wanted, 'order.noSuchContractLine', (line, quantity) => {
    const remaining = left.get(line.id)!;
    return quantity.greaterThan(remaining)
      ? { key: 'order.beyondContract', params: { position: line.position, left: Decimal.max(0, remaining).toString(), contracted: line.quantity.toString() } }
      : null;
  });
}

/** Why a delivery (order line position, quantity) may not be recorded: unknown lines, twice, more than is undelivered. */
export function deliveryProblems(
  orderLines: ReadonlyArray<{ position: number; quantity: Decimal; deliveredQuantity: Decimal }>,
  delivered: ReadonlyArray<{ position: number; quantity: string }>,
): Problem[] {
  return lineQuantityProblems(orderLines, delivered, 'order.noSuchOrderLine', (line, quantity) => {
    const left = line.quantity.minus(line.deliveredQuantity);
    return quantity.greaterThan(left) ? { key: 'order.beyondOrdered', params: { position: line.position, left: left.toString(), ordered: line.quantity.toString() } } : null;
  });
}

/** DELIVERED once every line is delivered in full, else PARTIALLY_DELIVERED (something was) or PENDING. */
export function orderStatusAfter(lines: ReadonlyArray<{ quantity: Decimal; delivered: Decimal }>): 'PENDING' | 'PARTIALLY_DELIVERED' | 'DELIVERED' {
  if (lines.every((l) => l.delivered.gte(l.quantity))) return 'DELIVERED';
  return lines.some((l) => l.delivered.greaterThan(0)) ? 'PARTIALLY_DELIVERED' : 'PENDING';
}
