import { describe, expect, it } from 'vitest';
import {
  addDays,
  birthdayInWindow,
  birthdayMonthDays,
  careWindow,
  DEFAULT_HOLIDAYS,
  fileReviewCutoff,
  fileReviewDue,
  holidaysInWindow,
  isLunarMonthDay,
  isMonthDay,
  type Holiday,
} from './rules.js';

describe('careWindow', () => {
  it('starts on the local day in the deployment zone', () => {
    // 16:30 UTC on 30 April is already 1 May in Shanghai.
    const now = new Date('2026-04-30T16:30:00Z');
    expect(careWindow(now, 'Asia/Shanghai', 3)).toEqual({ from: '2026-05-01', to: '2026-05-04' });
    expect(careWindow(now, 'UTC', 3)).toEqual({ from: '2026-04-30', to: '2026-05-03' });
  });
});

describe('birthdayInWindow', () => {
  it('finds the birthday within the lead days, on its local day', () => {
    const now = new Date('2026-04-30T16:30:00Z');
    const shanghai = careWindow(now, 'Asia/Shanghai', 3);
    // Born 1 May: in Shanghai it is the birthday today; in UTC tomorrow; a birthday on 30 April is over in Shanghai.
    expect(birthdayInWindow('1990-05-01', shanghai)).toBe('2026-05-01');
    expect(birthdayInWindow('1990-04-30', shanghai)).toBeNull();
    expect(birthdayInWindow('1990-04-30', careWindow(now, 'UTC', 3))).toBe('2026-04-30');
    expect(birthdayInWindow('1990-05-04', shanghai)).toBe('2026-05-04');
    expect(birthdayInWindow('1990-05-05', shanghai)).toBeNull();
  });

  it('looks across New Year', () => {
    expect(birthdayInWindow('1985-01-02', { from: '2026-12-30', to: '2027-01-02' })).toBe('2027-01-02');
    expect(birthdayInWindow('1985-12-31', { from: '2026-12-30', to: '2027-01-02' })).toBe('2026-12-31');
  });

  it('celebrates Feb 29 on Feb 28 in common years, on Feb 29 in leap years', () => {
    expect(birthdayInWindow('1992-02-29', { from: '2027-02-27', to: '2027-03-01' })).toBe('2027-02-28');
    expect(birthdayInWindow('1992-02-29', { from: '2028-02-27', to: '2028-03-01' })).toBe('2028-02-29');
    expect(birthdayInWindow('1992-02-29', { from: '2027-03-01', to: '2027-03-04' })).toBeNull();
  });
});

describe('birthdayMonthDays', () => {
  it('lists each day of the window, with 02-29 beside 02-28 of a common year', () => {
    expect(birthdayMonthDays({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['12-30', '12-31', '01-01', '01-02']);
    expect(birthdayMonthDays({ from: '2027-02-27', to: '2027-03-01' })).toEqual(['02-27', '02-28', '02-29', '03-01']);
    expect(birthdayMonthDays({ from: '2028-02-27', to: '2028-03-01' })).toEqual(['02-27', '02-28', '02-29', '03-01']);
    expect(birthdayMonthDays({ from: '2028-02-28', to: '2028-02-28' })).toEqual(['02-28']);
  });
});

describe('holidaysInWindow', () => {
  const names = (window: { from: string; to: string }, holidays: readonly Holiday[] = DEFAULT_HOLIDAYS) =>
    holidaysInWindow(holidays, window).map(({ holiday, day }) => `${holiday.name} ${day}`);

  it('finds fixed holidays, across New Year too', () => {
    expect(names({ from: '2026-09-28', to: '2026-10-01' })).toEqual(['国庆 2026-10-01']);
    expect(names({ from: '2026-09-27', to: '2026-09-30' })).toEqual([]);
    expect(names({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['元旦 2027-01-01']);
  });

  it('turns lunar holidays into their solar day of the year', () => {
    expect(names({ from: '2026-02-14', to: '2026-02-17' })).toEqual(['春节 2026-02-17']);
    expect(names({ from: '2027-02-06', to: '2027-02-06' })).toEqual(['春节 2027-02-06']);
    expect(names({ from: '2026-06-17', to: '2026-06-20' })).toEqual(['端午 2026-06-19']);
    expect(names({ from: '2026-09-22', to: '2026-09-25' })).toEqual(['中秋 2026-09-25']);
    // 2028: 中秋 on 3 October, two days after 国庆.
    expect(names({ from: '2028-09-30', to: '2028-10-03' })).toEqual(['国庆 2028-10-01', '中秋 2028-10-03']);
  });

  it('puts a lunar 30th the month lacks on its last day (除夕 of a short year)', () => {
    const eve: Holiday = { name: '除夕', date: '12-30', calendar: 'LUNAR' };
    // Lunar month 12 of 2026 has 29 days: the eve of 2027's Spring Festival (6 Feb) is 5 Feb.
    expect(names({ from: '2027-02-03', to: '2027-02-06' }, [eve])).toEqual(['除夕 2027-02-05']);
  });

  it('takes the holidays of the configuration', () => {
    const own: Holiday[] = [{ name: '公司周年', date: '11-05', calendar: 'SOLAR' }];
    expect(names({ from: '2026-11-02', to: '2026-11-05' }, own)).toEqual(['公司周年 2026-11-05']);
    expect(names({ from: '2026-11-02', to: '2026-11-04' }, own)).toEqual([]);
  });
});

describe('file review', () => {
  const created = new Date('2026-01-01T08:00:00Z');
  it('is due fileReviewDays after the basis, not before', () => {
    expect(fileReviewDue(created, new Date(created.getTime() + 180 * 86_400_000 - 1), 180)).toBe(false);
    expect(fileReviewDue(created, new Date(created.getTime() + 180 * 86_400_000), 180)).toBe(true);
    const now = new Date('2026-07-01T00:00:00Z');
    expect(fileReviewCutoff(now, 10).toISOString()).toBe('2026-06-21T00:00:00.000Z');
  });
});

describe('month-day checks', () => {
  it('accepts days some year has', () => {
    expect(isMonthDay('02-29')).toBe(true);
    expect(isMonthDay('02-30')).toBe(false);
    expect(isMonthDay('13-01')).toBe(false);
    expect(isMonthDay('4-01')).toBe(false);
    expect(isLunarMonthDay('12-30')).toBe(true);
    expect(isLunarMonthDay('12-31')).toBe(false);
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
