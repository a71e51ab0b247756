// The rules behind targets and the weekly report, as plain functions: periods and weeks are cut on
// calendar days (the caller passes the day "now" falls on in the deployment's time zone), and a team
// target is split across its reps exactly, in decimals.
import { Prisma } from '@rapport/core';

export type TargetPeriod = 'MONTH' | 'QUARTER' | 'YEAR';
export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

const WEEKDAYS: readonly Weekday[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const DAY = 86_400_000;

/** A range of calendar days (dates at UTC midnight): `start` inclusive, `end` exclusive. */
export interface DayRange {
  start: Date;
  end: Date;
}

/** The calendar month, quarter or year `day` (a date at UTC midnight) falls in. */
export function periodOf(kind: TargetPeriod, day: Date): DayRange {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  if (kind === 'YEAR') return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
  if (kind === 'QUARTER') {
    const first = month - (month % 3);
    return { start: new Date(Date.UTC(year, first, 1)), end: new Date(Date.UTC(year, first + 3, 1)) };
  }
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}

/** The week `day` falls in, weeks starting on `startsOn` (seven calendar days). */
export function weekOf(day: Date, startsOn: Weekday): DayRange {
  const back = (day.getUTCDay() - WEEKDAYS.indexOf(startsOn) + 7) % 7;
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - back));
  return { start, end: new Date(start.getTime() + 7 * DAY) };
}

/**
 * Why splitting `total` into `amounts` is refused, or null: every share must be ≥ 0 with at most
 * `scale` decimals (0 for counts of customers) and the shares must add up to exactly the total.
 */
export function splitProblem(
  total: Prisma.Decimal,
  amounts: readonly Prisma.Decimal[],
  scale: number,
): { index: number | null; key: 'sales.target.negative' | 'sales.target.whole' | 'sales.target.decimals' | 'sales.target.sumMismatch'; params: Record<string, string | number> } | null {
  for (const [index, amount] of amounts.entries()) {
    if (amount.isNegative()) return { index, key: 'sales.target.negative', params: {} };
    if (amount.decimalPlaces() > scale) return scale === 0 ? { index, key: 'sales.target.whole', params: {} } : { index, key: 'sales.target.decimals', params: { scale } };
  }
  const sum = amounts.reduce((s, a) => s.add(a), new Prisma.Decimal(0));
  if (sum.equals(total)) return null;
  const difference = total.sub(sum);
  return {
    index: null,
    key: 'sales.target.sumMismatch',
    params: { sum: sum.toFixed(scale), difference: difference.abs().toFixed(scale), direction: difference.isPositive() ? 'less' : 'more', total: total.toFixed(scale) },
  };
}

/**
 * `total` in `count` shares as equal as the unit (10^-scale) allows, adding up exactly: every share is
 * the total divided and rounded down, and the units left over go one each to the first shares.
 */
export function splitEvenly(total: Prisma.Decimal, count: number, scale: number): Prisma.Decimal[] {
  if (count <= 0) return [];
  const unit = new Prisma.Decimal(10).pow(-scale);
  const base = total.div(count).toDecimalPlaces(scale, Prisma.Decimal.ROUND_DOWN);
  const left = total.sub(base.mul(count)).div(unit).toNumber();
  return Array.from({ length: count }, (_, i) => (i < left ? base.add(unit) : base));
}

/** What share of the target was reached, in percent to two decimals; null for a zero target. */
export function percentOf(achieved: Prisma.Decimal, target: Prisma.Decimal): Prisma.Decimal | null {
  if (target.isZero()) return null;
  return achieved.mul(100).div(target).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}

/** A ratio to four decimals (0.6667), or null when nothing was counted below the line. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}
