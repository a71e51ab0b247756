/**
 * Customer care (seed 004: 客户生日关怀, 定期回访, 定期检查和更新客户档案; seed 003: 客户关怀管理):
 * which birthdays and holidays fall within the lead days, and which customer files are due for a
 * review. Plain functions on calendar days (YYYY-MM-DD) in the deployment's zone, with `now` passed in.
 */
import { Lunar, LunarMonth } from 'lunar-typescript';
import { localDay } from '../shared/locale.js';

const DAY = 86_400_000;

/** A holiday of the care calendar: a fixed day (`MM-DD`) of the solar or of the Chinese lunar calendar. */
export interface Holiday {
  /** The name texts use (zh-CN), also what tells two holidays on one day apart. */
  name: string;
  /** The name for English readers; the name when unset. */
  nameEn?: string | undefined;
  /** `MM-DD`. */
  date: string;
  calendar: 'SOLAR' | 'LUNAR';
}

export const DEFAULT_HOLIDAYS: readonly Holiday[] = [
  { name: '元旦', nameEn: "New Year's Day", date: '01-01', calendar: 'SOLAR' },
  { name: '春节', nameEn: 'Spring Festival', date: '01-01', calendar: 'LUNAR' },
  { name: '端午', nameEn: 'Dragon Boat Festival', date: '05-05', calendar: 'LUNAR' },
  { name: '中秋', nameEn: 'Mid-Autumn Festival', date: '08-15', calendar: 'LUNAR' },
  { name: '国庆', nameEn: 'National Day', date: '10-01', calendar: 'SOLAR' },
];

/** A calendar day (YYYY-MM-DD) `days` later (earlier when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Whole days from one calendar day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A month and day in a solar year; Feb 29 falls on Feb 28 in other years. */
function solarDay(year: number, month: number, day: number): string {
  const fitted = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return `${year}-${pad(month)}-${pad(fitted)}`;
}

/** The days from today (local, in `timeZone`) through `leadDays` later: the care window. */
export function careWindow(now: Date, timeZone: string, leadDays: number): { from: string; to: string } {
  const from = localDay(now, timeZone);
  return { from, to: addDays(from, leadDays) };
}

/** The month-days (`MM-DD`) a birthday may have to fall in the window: Feb 29 too when Feb 28 of a common year is in it. */
export function birthdayMonthDays(window: { from: string; to: string }): string[] {
  const keys: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    keys.push(day.slice(5));
    if (day.slice(5) === '02-28' && !isLeapYear(Number(day.slice(0, 4)))) keys.push('02-29');
  }
  return keys;
}

/**
 * The day in the window a birthday (a calendar date; only its month and day count) is celebrated,
 * or null: its date this year or next (a window across New Year), Feb 29 on Feb 28 in common years.
 */
export function birthdayInWindow(birthday: string, window: { from: string; to: string }): string | null {
  const month = Number(birthday.slice(5, 7));
  const day = Number(birthday.slice(8, 10));
  const year = Number(window.from.slice(0, 4));
  for (const candidate of [solarDay(year, month, day), solarDay(year + 1, month, day)]) {
    if (candidate >= window.from && candidate <= window.to) return candidate;
  }
  return null;
}

/** The solar day of a lunar month-day in a lunar year; a 30th the month lacks falls on its last day (除夕 in a short year). */
function lunarToSolar(lunarYear: number, month: number, day: number): string {
  const length = LunarMonth.fromYm(lunarYear, month)?.getDayCount() ?? 29;
  return Lunar.fromYmd(lunarYear, month, Math.min(day, length)).getSolar().toYmd();
}

/** The solar days a holiday falls on around a year: its date in the years before, of and after it. */
export function holidayDays(holiday: Holiday, year: number): string[] {
  const [month, day] = holiday.date.split('-').map(Number) as [number, number];
  return [year - 1, year, year + 1].map((y) => (holiday.calendar === 'LUNAR' ? lunarToSolar(y, month, day) : solarDay(y, month, day)));
}

/** The holidays falling in the window, each with its day, in day order. */
export function holidaysInWindow(holidays: readonly Holiday[], window: { from: string; to: string }): Array<{ holiday: Holiday; day: string }> {
  const year = Number(window.from.slice(0, 4));
  return holidays
    .flatMap((holiday) => [...new Set(holidayDays(holiday, year))].filter((day) => day >= window.from && day <= window.to).map((day) => ({ holiday, day })))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * Whether a customer file is due for its review: `fileReviewDays` after the last review (the
 * completion of the previous review task), else after the customer was created.
 */
export function fileReviewDue(basis: Date, now: Date, fileReviewDays: number): boolean {
  return now.getTime() - basis.getTime() >= fileReviewDays * DAY;
}

/** The instant review is due for a basis: what the job selects customers by (basis at or before it). */
export function fileReviewCutoff(now: Date, fileReviewDays: number): Date {
  return new Date(now.getTime() - fileReviewDays * DAY);
}

/** Whether a `MM-DD` names a day some year has (02-29 included). */
export function isMonthDay(value: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** Whether a lunar `MM-DD` names a lunar day (months 1–12, days 1–30). */
export function isLunarMonthDay(value: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  return !!match && Number(match[1]) >= 1 && Number(match[1]) <= 12 && Number(match[2]) >= 1 && Number(match[2]) <= 30;
}
