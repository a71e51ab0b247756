import { describe, expect, it } from 'vitest';
import { retentionCutoffs } from './deliveries.js';

describe('retentionCutoffs', () => {
  const now = new Date('2026-12-03T10:00:00Z');

  it('counts whole days back from now, delivered and undelivered apart', () => {
    expect(retentionCutoffs({ deliveredDays: 30, failedDays: 90 }, now)).toEqual({
      delivered: new Date('2026-11-03T10:00:00Z'),
      undelivered: new Date('2026-09-04T10:00:00Z'),
    });
  });

  it('moves with the clock it is given', () => {
    const later = new Date('2026-12-04T10:00:00Z');
    expect(retentionCutoffs({ deliveredDays: 1, failedDays: 1 }, later).delivered).toEqual(now);
  });
});
