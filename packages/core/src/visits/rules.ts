/**
 * Rules of daily visit plans, daily sales reports and the weekly follow-up summary (seed 004:
 * 每日访问计划表, 每日销售报告表, 6.22 本周跟进情况 / 下一步行动措施). Plain functions with `now` passed in;
 * the service reads the rows and applies them.
 */
import type { ErrorMessageKey } from '../error-messages.js';
import { localDay, localDayStart } from '../shared/locale.js';

/** A plan may be made this many days ahead at most. */
export const MAX_PLAN_DAYS_AHEAD = 31;
/** A report may be written this many days after its day at most. */
export const MAX_REPORT_DAYS_BACK = 31;
/** At most this many planned visits in one day. */
export const MAX_PLAN_LINES = 50;

export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY = 86_400_000;

/** A calendar day (YYYY-MM-DD) `days` later (earlier when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The instants of a local day: from its midnight (included) to the next one (excluded). */
export function localDayRange(day: string, timeZone: string): { from: Date; to: Date } {
  return { from: localDayStart(day, timeZone), to: localDayStart(addDays(day, 1), timeZone) };
}

/** The local week (first day and the day after its last) a calendar day falls in, weeks starting on `startsOn`. */
export function weekOf(day: string, startsOn: Weekday): { start: string; end: string } {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const start = addDays(day, -((weekday - WEEKDAYS.indexOf(startsOn) + 7) % 7));
  return { start, end: addDays(start, 7) };
}

/** Why a plan for `day` may not be made or changed now, or null: today or later, at most a month ahead. */
export function planDayProblem(day: string, now: Date, timeZone: string): ErrorMessageKey | null {
  const today = localDay(now, timeZone);
  if (day < today) return 'visits.planInPast';
  if (day > addDays(today, MAX_PLAN_DAYS_AHEAD)) return 'visits.planTooFarAhead';
  return null;
}

/** Why a report for `day` may not be written now, or null: today or earlier, at most a month back. */
export function reportDayProblem(day: string, now: Date, timeZone: string): ErrorMessageKey | null {
  const today = localDay(now, timeZone);
  if (day > today) return 'visits.reportInFuture';
  if (day < addDays(today, -MAX_REPORT_DAYS_BACK)) return 'visits.reportTooLate';
  return null;
}

/** Whether a planned time falls on the plan's local day. */
export function plannedOnDay(plannedAt: Date, day: string, timeZone: string): boolean {
  return localDay(plannedAt, timeZone) === day;
}

export type VisitRecordStatus = 'DRAFT' | 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * Where a plan or report stands by its latest approval request: PENDING while one waits; APPROVED or
 * REJECTED when the decided request names the record's current version; DRAFT otherwise (never
 * submitted, withdrawn, or changed since the decision, which voids it).
 */
export function recordStatus(latest: { status: string; entityVersion: number } | null, version: number): VisitRecordStatus {
  if (!latest) return 'DRAFT';
  if (latest.status === 'PENDING') return 'PENDING';
  if (latest.entityVersion !== version) return 'DRAFT';
  return latest.status === 'APPROVED' || latest.status === 'REJECTED' ? latest.status : 'DRAFT';
}

/** Why a plan or report in this status may not be submitted, or null. */
export function submitProblem(status: VisitRecordStatus): ErrorMessageKey | null {
  if (status === 'PENDING') return 'visits.pending';
  if (status === 'APPROVED') return 'visits.alreadyApproved';
  return null;
}

export interface PlannedVisit {
  customerId: string;
  plannedAt: Date;
}

export interface DayActivity {
  id: string;
  kind: string;
  customerId: string;
  completedAt: Date;
}

export interface DailyFacts {
  /** Per plan line (in order): the completed visit that carried it out, or null. */
  lineVisits: Array<string | null>;
  planned: number;
  /** Plan lines carried out by a visit that day. */
  plannedDone: number;
  /** Completed visits of the day, planned or not. */
  visitsDone: number;
  /** Completed visits to customers the plan did not name (or more visits than it planned to them). */
  unplannedVisitIds: string[];
  /** plannedDone / planned; null without a plan. */
  visitRate: number | null;
}

/**
 * Visits done against the plan. Each plan line is carried out by a completed VISIT to its customer on
 * the day (the activities given are the rep's, of that local day), the earliest not yet used by an
 * earlier line, so two lines for one customer need two visits; visits no line used are unplanned.
 */
export function visitsAgainstPlan(lines: readonly PlannedVisit[], activities: readonly DayActivity[]): DailyFacts {
  const visits = activities.filter((a) => a.kind === 'VISIT').sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime() || a.id.localeCompare(b.id));
  const used = new Set<string>();
  const lineVisits = lines.map((line) => {
    const visit = visits.find((v) => v.customerId === line.customerId && !used.has(v.id));
    if (!visit) return null;
    used.add(visit.id);
    return visit.id;
  });
  const plannedDone = lineVisits.filter((v) => v !== null).length;
  return {
    lineVisits,
    planned: lines.length,
    plannedDone,
    visitsDone: visits.length,
    unplannedVisitIds: visits.filter((v) => !used.has(v.id)).map((v) => v.id),
    visitRate: lines.length ? plannedDone / lines.length : null,
  };
}

export interface FollowUpActivity {
  id: string;
  customerId: string;
  completedAt: Date;
}

export interface OpenStep {
  id: string;
  customerId: string;
  dueAt: Date;
}

export interface FollowUpRow {
  customerId: string;
  /** The week's completed interactions with the customer, oldest first. */
  activityIds: string[];
  lastContactAt: Date;
  /** Open scheduled activities with the customer, soonest due first: the next steps and their times. */
  nextStepIds: string[];
}

/**
 * The weekly follow-up summary: one row per customer followed up in the week (the interactions given
 * are those completed in it), most recently contacted first, each with its open next steps.
 */
export function weeklyFollowUp(activities: readonly FollowUpActivity[], openSteps: readonly OpenStep[]): FollowUpRow[] {
  const byCustomer = new Map<string, FollowUpActivity[]>();
  for (const a of [...activities].sort((x, y) => x.completedAt.getTime() - y.completedAt.getTime() || x.id.localeCompare(y.id))) {
    byCustomer.set(a.customerId, [...(byCustomer.get(a.customerId) ?? []), a]);
  }
  const steps = [...openSteps].sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime() || x.id.localeCompare(y.id));
  return [...byCustomer.entries()]
    .map(([customerId, list]) => ({
      customerId,
      activityIds: list.map((a) => a.id),
      lastContactAt: list[list.length - 1]!.completedAt,
      nextStepIds: steps.filter((s) => s.customerId === customerId).map((s) => s.id),
    }))
    .sort((a, b) => b.lastContactAt.getTime() - a.lastContactAt.getTime() || a.customerId.localeCompare(b.customerId));
}
