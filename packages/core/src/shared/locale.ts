// The deployment's locale: the time zone date rules cut days in, the language of texts written for
// nobody in particular (an activity a plugin records), and the default currency.

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One text in every language a user may read. */
export type Messages = Record<Language, string>;

export interface DeploymentLocale {
  /** IANA zone "today", due days and daily statistics are cut in (RAPPORT_TIMEZONE). */
  timeZone: string;
  /** Language of texts not addressed to one user (RAPPORT_LOCALE). */
  language: Language;
  /** ISO 4217 code of money fields without one of their own (RAPPORT_CURRENCY). */
  currency: string;
}

export const DEFAULT_LOCALE: DeploymentLocale = { timeZone: 'UTC', language: 'zh-CN', currency: 'CNY' };

/** The user's language when it is one we write, else the fallback (zh-CN first). */
export function languageOf(locale: string | null | undefined, fallback: Language = 'zh-CN'): Language {
  if (!locale) return fallback;
  return locale.toLowerCase().startsWith('en') ? 'en' : locale.toLowerCase().startsWith('zh') ? 'zh-CN' : fallback;
}

/** Whether a string names a time zone this runtime knows. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone: what "today" means there. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The first instant of the local day an instant falls on in a zone ("since midnight" there). */
export function localMidnight(at: Date, timeZone: string): Date {
  return localDayStart(localDay(at, timeZone), timeZone);
}

/** The first instant of a calendar day (YYYY-MM-DD) in a zone. */
export function localDayStart(calendarDay: string, timeZone: string): Date {
  const [year, month, day] = calendarDay.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day);
  // The offset at midnight itself (a DST change during the day does not move it); twice for zones changing at midnight.
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}
