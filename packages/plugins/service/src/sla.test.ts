import { describe, expect, it } from 'vitest';
import { serviceConfigSchema } from './config.js';
import { breachData, dueAt, isLateUnrecorded, missedTargetWhere, SLA_TARGET_LABELS, SLA_TARGETS, slaDueTimes } from './sla.js';

const opened = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso);
const defaults = serviceConfigSchema.parse(undefined);

describe('SLA due times', () => {
  it('follows the default policy per priority', () => {
    expect(slaDueTimes(defaults.sla, 'URGENT', opened)).toEqual({
      firstResponseDueAt: at('2026-03-02T09:30:00Z'),
      resolutionDueAt: at('2026-03-02T13:00:00Z'),
    });
    expect(slaDueTimes(defaults.sla, 'HIGH', opened)).toEqual({
      firstResponseDueAt: at('2026-03-02T11:00:00Z'),
      resolutionDueAt: at('2026-03-03T09:00:00Z'),
    });
    expect(slaDueTimes(defaults.sla, 'NORMAL', opened)).toEqual({
      firstResponseDueAt: at('2026-03-02T17:00:00Z'),
      resolutionDueAt: at('2026-03-05T09:00:00Z'),
    });
    expect(slaDueTimes(defaults.sla, 'LOW', opened)).toEqual({
      firstResponseDueAt: at('2026-03-03T09:00:00Z'),
      resolutionDueAt: at('2026-03-09T09:00:00Z'),
    });
  });

  it('runs on calendar time, across midnight and month ends', () => {
    expect(slaDueTimes(defaults.sla, 'URGENT', at('2026-01-31T23:45:00Z'))).toEqual({
      firstResponseDueAt: at('2026-02-01T00:15:00Z'),
      resolutionDueAt: at('2026-02-01T03:45:00Z'),
    });
  });

  it('takes configured targets, keeping the defaults of what is not configured', () => {
    const config = serviceConfigSchema.parse({ sla: { URGENT: { firstResponseMinutes: 15 }, LOW: { resolutionMinutes: 60 * 24 * 14 } } });
    expect(slaDueTimes(config.sla, 'URGENT', opened)).toEqual({
      firstResponseDueAt: at('2026-03-02T09:15:00Z'),
      resolutionDueAt: at('2026-03-02T13:00:00Z'),
    });
    expect(slaDueTimes(config.sla, 'LOW', opened).resolutionDueAt).toEqual(at('2026-03-16T09:00:00Z'));
    expect(config.sla.HIGH).toEqual(defaults.sla.HIGH);
  });
});

describe('service configuration', () => {
  it('has documented defaults', () => {
    expect(defaults).toEqual({
      ticketCodePrefix: 'T-',
      breachCheckIntervalSeconds: 60,
      sla: {
        URGENT: { firstResponseMinutes: 30, resolutionMinutes: 240 },
        HIGH: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
        NORMAL: { firstResponseMinutes: 480, resolutionMinutes: 4320 },
        LOW: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
      },
    });
  });

  it('names each invalid key', () => {
    const result = serviceConfigSchema.safeParse({
      sla: { HIGH: { firstResponseMinutes: 600, resolutionMinutes: 60 }, NORMAL: { firstResponseMinutes: 0 }, CRITICAL: {} },
      breachCheckInterval: 30,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['', 'sla', 'sla.HIGH.firstResponseMinutes', 'sla.NORMAL.firstResponseMinutes']);
  });
});

describe('SLA breaches', () => {
  const ticket = {
    ...slaDueTimes(defaults.sla, 'URGENT', opened),
    firstRespondedAt: null,
    resolvedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
  };

  it('counts a target met after its due time as late, once', () => {
    expect(isLateUnrecorded(ticket, 'FIRST_RESPONSE', at('2026-03-02T09:30:00Z'))).toBe(false);
    expect(isLateUnrecorded(ticket, 'FIRST_RESPONSE', at('2026-03-02T09:30:00.001Z'))).toBe(true);
    expect(isLateUnrecorded({ ...ticket, firstResponseBreachedAt: at('2026-03-02T09:31:00Z') }, 'FIRST_RESPONSE', at('2026-03-02T10:00:00Z'))).toBe(false);
    expect(isLateUnrecorded(ticket, 'RESOLUTION', at('2026-03-02T12:00:00Z'))).toBe(false);
  });

  it('looks for unmet, unrecorded targets past due', () => {
    const now = at('2026-03-02T10:00:00Z');
    expect(missedTargetWhere('FIRST_RESPONSE', now)).toEqual({ firstRespondedAt: null, firstResponseBreachedAt: null, firstResponseDueAt: { lt: now } });
    expect(missedTargetWhere('RESOLUTION', now)).toEqual({ resolvedAt: null, resolutionBreachedAt: null, resolutionDueAt: { lt: now } });
  });

  it('records a breach on the column of its own target, and reads each due time from its own column', () => {
    const when = at('2026-03-02T10:00:00Z');
    expect(breachData('FIRST_RESPONSE', when)).toEqual({ firstResponseBreachedAt: when });
    expect(breachData('RESOLUTION', when)).toEqual({ resolutionBreachedAt: when });
    expect(dueAt(ticket, 'FIRST_RESPONSE')).toEqual(at('2026-03-02T09:30:00Z'));
    expect(dueAt(ticket, 'RESOLUTION')).toEqual(at('2026-03-02T13:00:00Z'));
    expect(isLateUnrecorded(ticket, 'RESOLUTION', at('2026-03-02T13:00:00.001Z'))).toBe(true);
    expect(isLateUnrecorded({ ...ticket, resolutionBreachedAt: when }, 'RESOLUTION', at('2026-03-02T14:00:00Z'))).toBe(false);
  });

  it('names both targets for people', () => {
    expect(SLA_TARGETS).toEqual(['FIRST_RESPONSE', 'RESOLUTION']);
    expect(SLA_TARGET_LABELS).toEqual({ FIRST_RESPONSE: 'First response', RESOLUTION: 'Resolution' });
  });
});
