// When a scheduled export runs next: a local wall-clock time in the schedule's time zone, every day,
// on a weekday, or on a day of the month. Computed from `after` (the clock's now, passed in), so the
// rule is tested without a clock.

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

export interface Recurrence {
  frequency: Frequency;
  /** 1 Monday … 7 Sunday (ISO), for WEEKLY. */
  dayOfWeek?: number | null;
  /** 1–28, for MONTHLY (every month has it). */
  dayOfMonth?: number | null;
  /** HH:MM, local to timeZone. */
  time: string;
  /** IANA name, e.g. Asia/Shanghai. */
  timeZone: string;
}

const DAY_MS = 86_400_000;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDate(at: Date, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant the wall clock of `timeZone` shows `date` `hh:mm`. A time a daylight-saving change
 * skips (02:30 on the spring-forward night) comes out an hour later, as a clock set before the change
 * would ring; a time it repeats is its first occurrence.
 */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(date.year, date.month - 1, date.day, hours, minutes);
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // Either the offset changed between the two guesses (a gap or an overlap): the earlier candidate
  // whose wall clock shows the wanted time, else (a gap) the later one.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  const exact = candidates.find((c) => c + offsetMs(new Date(c), timeZone) === wall);
  return new Date(exact ?? Math.max(first, second));
}

function matches(rule: Recurrence, date: LocalDate): boolean {
  if (rule.frequency === 'DAILY') return true;
  if (rule.frequency === 'MONTHLY') return date.day === rule.dayOfMonth;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
  return weekday === rule.dayOfWeek;
}

/** The first run strictly after `after`. */
export function nextRunAt(rule: Recurrence, after: Date): Date {
  const today = localDate(after, rule.timeZone);
  const start = Date.UTC(today.year, today.month - 1, today.day);
  // A month and a bit covers every rule (MONTHLY days are 1–28).
  for (let i = 0; i <= 32; i++) {
    const day = new Date(start + i * DAY_MS);
    const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    if (!matches(rule, date)) continue;
    const at = zonedInstant(date, rule.time, rule.timeZone);
    if (at > after) return at;
  }
  throw new Error(`No run found for ${JSON.stringify(rule)}`);
}
