import { describe, expect, it } from 'vitest';
import { Prisma } from '@rapport/core';
import { sales } from './messages.js';
import { percentOf, periodOf, ratio, splitEvenly, splitProblem, weekOf } from './target-rules.js';

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (r: { start: Date; end: Date }) => [r.start.toISOString().slice(0, 10), r.end.toISOString().slice(0, 10)];
const dec = (v: string) => new Prisma.Decimal(v);

describe('periods', () => {
  it('cuts months, quarters and years on calendar days, the end exclusive', () => {
    expect(iso(periodOf('MONTH', d('2026-11-02')))).toEqual(['2026-11-01', '2026-12-01']);
    expect(iso(periodOf('MONTH', d('2026-12-31')))).toEqual(['2026-12-01', '2027-01-01']);
    expect(iso(periodOf('MONTH', d('2028-02-29')))).toEqual(['2028-02-01', '2028-03-01']);
    expect(iso(periodOf('QUARTER', d('2026-11-02')))).toEqual(['2026-10-01', '2027-01-01']);
    expect(iso(periodOf('QUARTER', d('2026-01-01')))).toEqual(['2026-01-01', '2026-04-01']);
    expect(iso(periodOf('QUARTER', d('2026-06-30')))).toEqual(['2026-04-01', '2026-07-01']);
    expect(iso(periodOf('YEAR', d('2026-07-15')))).toEqual(['2026-01-01', '2027-01-01']);
  });

  it('cuts weeks starting on the configured day', () => {
    // 2026-11-02 is a Monday.
    expect(iso(weekOf(d('2026-11-02'), 'MONDAY'))).toEqual(['2026-11-02', '2026-11-09']);
    expect(iso(weekOf(d('2026-11-08'), 'MONDAY'))).toEqual(['2026-11-02', '2026-11-09']);
    expect(iso(weekOf(d('2026-11-08'), 'SUNDAY'))).toEqual(['2026-11-08', '2026-11-15']);
    expect(iso(weekOf(d('2026-11-07'), 'SUNDAY'))).toEqual(['2026-11-01', '2026-11-08']);
    expect(iso(weekOf(d('2027-01-01'), 'SATURDAY'))).toEqual(['2026-12-26', '2027-01-02']);
  });
});

describe('splitting a team target', () => {
  it('accepts shares adding up to exactly the team target', () => {
    expect(splitProblem(dec('300000.00'), [dec('100000.01'), dec('99999.99'), dec('100000')], 2)).toBeNull();
  });

  it('refuses shares a cent off, naming the difference, and bad shares by index', () => {
    const text = (problem: ReturnType<typeof splitProblem>, language: 'zh-CN' | 'en') => sales.texts(problem!.key, problem!.params)[language];
    const centOff = splitProblem(dec('300000.00'), [dec('150000.00'), dec('149999.99')], 2);
    expect(centOff).toMatchObject({ index: null, key: 'sales.target.sumMismatch' });
    expect(text(centOff, 'zh-CN')).toBe('拆分合计 299999.99，比团队目标 300000.00 少 0.01');
    expect(text(centOff, 'en')).toBe('the shares sum to 299999.99, 0.01 less than the team target 300000.00');
    expect(text(splitProblem(dec('10'), [dec('6'), dec('5')], 0), 'en')).toBe('the shares sum to 11, 1 more than the team target 10');
    expect(splitProblem(dec('10'), [dec('5'), dec('-1'), dec('6')], 0)).toEqual({ index: 1, key: 'sales.target.negative', params: {} });
    expect(splitProblem(dec('10'), [dec('9.5'), dec('0.5')], 0)).toEqual({ index: 0, key: 'sales.target.whole', params: {} });
    expect(text(splitProblem(dec('1'), [dec('0.333'), dec('0.667')], 2), 'zh-CN')).toBe('最多 2 位小数');
  });

  it('splits evenly to the unit, the leftover units to the first shares', () => {
    expect(splitEvenly(dec('100000.00'), 3, 2).map(String)).toEqual(['33333.34', '33333.33', '33333.33']);
    expect(splitEvenly(dec('100000.02'), 3, 2).map(String)).toEqual(['33333.34', '33333.34', '33333.34']);
    expect(splitEvenly(dec('10'), 4, 0).map(String)).toEqual(['3', '3', '2', '2']);
    expect(splitEvenly(dec('0.05'), 3, 2).map(String)).toEqual(['0.02', '0.02', '0.01']);
    for (const [total, n] of [['987654.31', 7], ['1', 3], ['500000', 6]] as const) {
      const shares = splitEvenly(dec(total), n, 2);
      expect(splitProblem(dec(total), shares, 2)).toBeNull();
    }
  });

  it('gives percent reached and ratios to fixed decimals', () => {
    expect(percentOf(dec('36000.00'), dec('90000.00'))?.toString()).toBe('40');
    expect(percentOf(dec('1'), dec('3'))?.toString()).toBe('33.33');
    expect(percentOf(dec('5'), dec('0'))).toBeNull();
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 0)).toBeNull();
  });
});
