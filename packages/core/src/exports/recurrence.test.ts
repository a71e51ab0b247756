import { describe, expect, it } from 'vitest';
import { nextRunAt, zonedInstant } from './recurrence.js';

const weekly = { frequency: 'WEEKLY' as const, dayOfWeek: 5, time: '17:00', timeZone: 'Asia/Shanghai' };

describe('nextRunAt', () => {
  it('runs every Friday 17:00 in Asia/Shanghai (UTC+8, no daylight saving)', () => {
    // Wednesday 2026-12-02 10:00 Shanghai.
    const first = nextRunAt(weekly, new Date('2026-12-02T02:00:00Z'));
    expect(first.toISOString()).toBe('2026-12-04T09:00:00.000Z');
    // Exactly at the run time: the next one is a week later.
    expect(nextRunAt(weekly, first).toISOString()).toBe('2026-12-11T09:00:00.000Z');
    // A minute before it: still that Friday.
    expect(nextRunAt(weekly, new Date(first.getTime() - 60_000)).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    // Friday 23:30 Shanghai is Friday 15:30 UTC: the local date decides, so next Friday.
    expect(nextRunAt(weekly, new Date('2026-12-04T15:30:00Z')).toISOString()).toBe('2026-12-11T09:00:00.000Z');
    // Saturday 01:00 Shanghai is still Friday in UTC.
    expect(nextRunAt(weekly, new Date('2026-12-04T17:00:00Z')).toISOString()).toBe('2026-12-11T09:00:00.000Z');
  });

  it('keeps the local time across daylight-saving changes (Europe/Berlin)', () => {
    const berlin = { ...weekly, timeZone: 'Europe/Berlin' };
    // Friday 2026-03-27 17:00 CET (UTC+1); the clocks go forward on Sunday 29 March.
    expect(nextRunAt(berlin, new Date('2026-03-26T12:00:00Z')).toISOString()).toBe('2026-03-27T16:00:00.000Z');
    // Friday 2026-04-03 17:00 CEST (UTC+2).
    expect(nextRunAt(berlin, new Date('2026-03-27T16:00:00Z')).toISOString()).toBe('2026-04-03T15:00:00.000Z');
    // Back on Sunday 25 October: Friday 30 October 17:00 CET.
    expect(nextRunAt(berlin, new Date('2026-10-23T15:00:00Z')).toISOString()).toBe('2026-10-30T16:00:00.000Z');
  });

  it('handles the skipped and the repeated hour of a daylight-saving change (America/New_York)', () => {
    // 2026-03-08 02:30 does not exist in New York: the run is at 03:30 EDT (07:30 UTC).
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice: the first (EDT, 05:30 UTC).
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    const daily = { frequency: 'DAILY' as const, time: '02:30', timeZone: 'America/New_York' };
    expect(nextRunAt(daily, new Date('2026-03-07T08:00:00Z')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(nextRunAt(daily, new Date('2026-03-08T07:30:00Z')).toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });

  it('runs daily and monthly', () => {
    const daily = { frequency: 'DAILY' as const, time: '08:00', timeZone: 'Asia/Shanghai' };
    expect(nextRunAt(daily, new Date('2026-12-02T00:30:00Z')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(nextRunAt(daily, new Date('2026-12-01T23:59:00Z')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    const monthly = { frequency: 'MONTHLY' as const, dayOfMonth: 1, time: '09:00', timeZone: 'Asia/Shanghai' };
    expect(nextRunAt(monthly, new Date('2026-12-02T00:00:00Z')).toISOString()).toBe('2027-01-01T01:00:00.000Z');
    expect(nextRunAt({ ...monthly, dayOfMonth: 28 }, new Date('2027-01-28T02:00:00Z')).toISOString()).toBe('2027-02-28T01:00:00.000Z');
  });
});
