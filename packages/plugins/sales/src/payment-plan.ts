import { Prisma } from '@rapport/core';

type Money = Prisma.Decimal | string | number;
const dec = (v: Money) => new Prisma.Decimal(v);

export interface InstalmentIn {
  id?: string;
  position: number;
  dueDate: Date;
  amount: Money;
}

export interface InstalmentState {
  /** Covered by confirmed payments, which fill instalments in due order. */
  paid: Prisma.Decimal;
  outstanding: Prisma.Decimal;
  /** Outstanding and due before today. */
  overdue: Prisma.Decimal;
  status: 'PAID' | 'PARTLY_PAID' | 'OPEN' | 'OVERDUE';
}

/**
 * How far the received total covers each instalment: confirmed payments fill the instalments in due
 * order (then position), so the earliest open instalment is always the one being paid. An instalment
 * still owing anything and due before `today` is OVERDUE.
 */
export function instalmentStates<T extends InstalmentIn>(instalments: readonly T[], received: Money, today: Date): Array<T & InstalmentState> {
  let left = dec(received);
  const ordered = [...instalments].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.position - b.position);
  const states = new Map<T, InstalmentState>();
  for (const i of ordered) {
    const amount = dec(i.amount);
    const paid = Prisma.Decimal.max(0, Prisma.Decimal.min(amount, left));
    left = left.minus(paid);
    const outstanding = amount.minus(paid);
    const late = outstanding.greaterThan(0) && i.dueDate < today;
    states.set(i, {
      paid,
      outstanding,
      overdue: late ? outstanding : dec(0),
      status: outstanding.isZero() ? 'PAID' : late ? 'OVERDUE' : paid.greaterThan(0) ? 'PARTLY_PAID' : 'OPEN',
    });
  }
  return instalments.map((i) => ({ ...i, ...states.get(i)! }));
}

/** Why a payment plan does not fit the contract: its instalments must sum to exactly the contract amount. */
export function planProblem(amounts: readonly Money[], contractAmount: Money, currency: string): { key: 'sales.plan.sumMismatch'; params: Record<string, string> } | null {
  const sum = amounts.reduce<Prisma.Decimal>((s, a) => s.plus(dec(a)), dec(0));
  const total = dec(contractAmount);
  if (sum.equals(total)) return null;
  const diff = total.minus(sum);
  return { key: 'sales.plan.sumMismatch', params: { currency, sum: sum.toFixed(2), difference: diff.abs().toFixed(2), direction: diff.greaterThan(0) ? 'less' : 'more', total: total.toFixed(2) } };
}

/** HT-2026-0001. */
export function contractNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
