import { describe, expect, it } from 'vitest';
import { deliverableAt, isQuiet } from './quiet-hours.js';

const night = { start: '22:00', end: '08:00' };

describe('quiet hours in the user’s time zone', () => {
  it('holds a message sent at 23:30 Beijing time until 08:00 Beijing time', () => {
    const now = new Date('2026-12-02T15:30:00Z'); // 23:30 in Asia/Shanghai
    expect(isQuiet(now, 'Asia/Shanghai', night)).toBe(true);
    expect(deliverableAt(now, 'Asia/Shanghai', night).toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });

  it('sends at once outside quiet hours, or when none are set', () => {
    const now = new Date('2026-12-02T04:00:00Z'); // 12:00 in Asia/Shanghai
    expect(deliverableAt(now, 'Asia/Shanghai', night)).toBe(now);
    expect(deliverableAt(new Date('2026-12-02T15:30:00Z'), 'Asia/Shanghai', null).toISOString()).toBe('2026-12-02T15:30:00.000Z');
  });

  it('reads the same instant in each user’s own zone', () => {
    const now = new Date('2026-12-02T15:30:00Z'); // 23:30 Shanghai, 15:30 London
    expect(isQuiet(now, 'Europe/London', night)).toBe(false);
  });

  it('handles quiet hours within one day and the early-morning side of a night span', () => {
    expect(isQuiet(new Date('2026-12-02T05:00:00Z'), 'Asia/Shanghai', { start: '12:00', end: '14:00' })).toBe(true);
    expect(deliverableAt(new Date('2026-12-02T21:10:00Z'), 'Asia/Shanghai', night).toISOString()).toBe('2026-12-03T00:00:00.000Z');
  });

  it('keeps the local end time across a daylight-saving change inside the quiet hours', () => {
    // New York falls back on 2026-11-01 at 02:00; 08:00 EST that morning is 13:00Z.
    const now = new Date('2026-11-01T03:00:00Z'); // 23:00 EDT on 31 October
    expect(deliverableAt(now, 'America/New_York', night).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('rejects a malformed time of day', () => {
    expect(() => isQuiet(new Date(), 'Asia/Shanghai', { start: '25:00', end: '08:00' })).toThrow(/HH:MM/);
  });
});
