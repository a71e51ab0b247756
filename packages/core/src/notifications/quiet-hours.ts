// When a notification may go out to a user who has quiet hours set in their own time zone.

/** Quiet hours as local wall-clock times `HH:MM`; `start` after `end` spans midnight (22:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`Not a time of day (HH:MM): ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes since local midnight of `at` in `timeZone` (an IANA name such as Asia/Shanghai). */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return part('hour') * 60 + part('minute');
}

export function isQuiet(now: Date, timeZone: string, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = localMinutes(now, timeZone);
  if (start === end) return false;
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/**
 * `now` outside quiet hours; otherwise the first minute the quiet hours end. Re-reads the local time
 * at the candidate once so a daylight-saving change inside the quiet hours does not shift the end.
 */
export function deliverableAt(now: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet || !isQuiet(now, timeZone, quiet)) return now;
  const end = minutesOf(quiet.end);
  const wholeMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const ahead = (end - localMinutes(wholeMinute, timeZone) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const candidate = new Date(wholeMinute.getTime() + ahead * 60_000);
  const drift = (localMinutes(candidate, timeZone) - end + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const correction = drift > MINUTES_PER_DAY / 2 ? drift - MINUTES_PER_DAY : drift;
  return new Date(candidate.getTime() - correction * 60_000);
}
