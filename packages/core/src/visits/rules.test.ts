import { describe, expect, it } from 'vitest';
import { localDayRange, planDayProblem, plannedOnDay, recordStatus, reportDayProblem, submitProblem, visitsAgainstPlan, weekOf, weeklyFollowUp } from './rules.js';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('local days', () => {
  it('cuts a day at Asia/Shanghai midnight (16:00 UTC the day before)', () => {
    expect(localDayRange('2026-11-03', SH)).toEqual({ from: at('2026-11-02T16:00:00Z'), to: at('2026-11-03T16:00:00Z') });
    // 01:00 local on the 3rd is still the 2nd in UTC: it belongs to the 3rd's plan.
    expect(plannedOnDay(at('2026-11-02T17:00:00Z'), '2026-11-03', SH)).toBe(true);
    expect(plannedOnDay(at('2026-11-02T15:59:59Z'), '2026-11-03', SH)).toBe(false);
    expect(plannedOnDay(at('2026-11-03T16:00:00Z'), '2026-11-03', SH)).toBe(false);
  });

  it('plans today or later (at most 31 days ahead), reports today or earlier (at most 31 days back), in the rep’s zone', () => {
    // 2026-11-02T17:00Z is 01:00 on the 3rd in Shanghai, still the 2nd in UTC.
    const now = at('2026-11-02T17:00:00Z');
    expect(planDayProblem('2026-11-02', now, SH)).toBe('visits.planInPast');
    expect(planDayProblem('2026-11-02', now, 'UTC')).toBeNull();
    expect(planDayProblem('2026-11-03', now, SH)).toBeNull();
    expect(planDayProblem('2026-12-04', now, SH)).toBeNull();
    expect(planDayProblem('2026-12-05', now, SH)).toBe('visits.planTooFarAhead');
    expect(reportDayProblem('2026-11-03', now, SH)).toBeNull();
    expect(reportDayProblem('2026-11-03', now, 'UTC')).toBe('visits.reportInFuture');
    expect(reportDayProblem('2026-10-03', now, SH)).toBeNull();
    expect(reportDayProblem('2026-10-02', now, SH)).toBe('visits.reportTooLate');
  });

  it('finds the week of a day for any first weekday', () => {
    // 2026-11-04 is a Wednesday.
    expect(weekOf('2026-11-04', 'MONDAY')).toEqual({ start: '2026-11-02', end: '2026-11-09' });
    expect(weekOf('2026-11-02', 'MONDAY')).toEqual({ start: '2026-11-02', end: '2026-11-09' });
    expect(weekOf('2026-11-01', 'MONDAY')).toEqual({ start: '2026-10-26', end: '2026-11-02' });
    expect(weekOf('2026-11-04', 'SUNDAY')).toEqual({ start: '2026-11-01', end: '2026-11-08' });
    expect(weekOf('2026-11-04', 'SATURDAY')).toEqual({ start: '2026-10-31', end: '2026-11-07' });
  });
});

describe('sign-off status', () => {
  it('follows the latest request; a change after a decision voids it', () => {
    expect(recordStatus(null, 1)).toBe('DRAFT');
    expect(recordStatus({ status: 'PENDING', entityVersion: 1 }, 1)).toBe('PENDING');
    expect(recordStatus({ status: 'APPROVED', entityVersion: 2 }, 2)).toBe('APPROVED');
    expect(recordStatus({ status: 'APPROVED', entityVersion: 2 }, 3)).toBe('DRAFT');
    expect(recordStatus({ status: 'REJECTED', entityVersion: 1 }, 1)).toBe('REJECTED');
    expect(recordStatus({ status: 'WITHDRAWN', entityVersion: 1 }, 1)).toBe('DRAFT');
  });

  it('submits a draft or a rejected record, not a pending or approved one', () => {
    expect(submitProblem('DRAFT')).toBeNull();
    expect(submitProblem('REJECTED')).toBeNull();
    expect(submitProblem('PENDING')).toBe('visits.pending');
    expect(submitProblem('APPROVED')).toBe('visits.alreadyApproved');
  });
});

describe('visits against the plan', () => {
  const visit = (id: string, customerId: string, iso: string, kind = 'VISIT') => ({ id, kind, customerId, completedAt: at(iso) });

  it('matches each planned visit to the earliest unused visit to its customer; the rest are unplanned', () => {
    const lines = [
      { customerId: 'a', plannedAt: at('2026-11-03T01:00:00Z') },
      { customerId: 'b', plannedAt: at('2026-11-03T03:00:00Z') },
      { customerId: 'a', plannedAt: at('2026-11-03T06:00:00Z') },
      { customerId: 'c', plannedAt: at('2026-11-03T08:00:00Z') },
    ];
    const facts = visitsAgainstPlan(lines, [
      visit('v3', 'a', '2026-11-03T07:00:00Z'),
      visit('v1', 'a', '2026-11-03T02:00:00Z'),
      visit('call', 'c', '2026-11-03T05:00:00Z', 'CALL'),
      visit('v2', 'd', '2026-11-03T04:00:00Z'),
    ]);
    expect(facts).toEqual({ lineVisits: ['v1', null, 'v3', null], planned: 4, plannedDone: 2, visitsDone: 3, unplannedVisitIds: ['v2'], visitRate: 0.5 });
  });

  it('has no rate without a plan', () => {
    expect(visitsAgainstPlan([], [visit('v', 'a', '2026-11-03T02:00:00Z')])).toMatchObject({ planned: 0, visitsDone: 1, unplannedVisitIds: ['v'], visitRate: null });
  });
});

describe('weekly follow-up', () => {
  it('groups the week’s interactions per customer, latest contact first, with the open next steps soonest first', () => {
    const rows = weeklyFollowUp(
      [
        { id: 'a2', customerId: 'A', completedAt: at('2026-11-04T02:00:00Z') },
        { id: 'b1', customerId: 'B', completedAt: at('2026-11-05T02:00:00Z') },
        { id: 'a1', customerId: 'A', completedAt: at('2026-11-02T02:00:00Z') },
      ],
      [
        { id: 't2', customerId: 'A', dueAt: at('2026-11-12T02:00:00Z') },
        { id: 't1', customerId: 'A', dueAt: at('2026-11-10T02:00:00Z') },
        { id: 'tx', customerId: 'X', dueAt: at('2026-11-10T02:00:00Z') },
      ],
    );
    expect(rows).toEqual([
      { customerId: 'B', activityIds: ['b1'], lastContactAt: at('2026-11-05T02:00:00Z'), nextStepIds: [] },
      { customerId: 'A', activityIds: ['a1', 'a2'], lastContactAt: at('2026-11-04T02:00:00Z'), nextStepIds: ['t1', 't2'] },
    ]);
  });
});
