import type { Prisma, TicketPriority, TicketSlaTarget } from '@rapport/core';
import type { SlaPolicy } from './config.js';

const MINUTE = 60_000;

/**
 * When a ticket opened at `openedAt` must get its first response and be resolved. Targets run on
 * calendar time (no business hours) and keep running while the ticket is PENDING.
 */
export function slaDueTimes(policy: SlaPolicy, priority: TicketPriority, openedAt: Date) {
  const target = policy[priority];
  return {
    firstResponseDueAt: new Date(openedAt.getTime() + target.firstResponseMinutes * MINUTE),
    resolutionDueAt: new Date(openedAt.getTime() + target.resolutionMinutes * MINUTE),
  };
}

type SlaColumns = Pick<
  Prisma.TicketModel,
  'firstResponseDueAt' | 'resolutionDueAt' | 'firstRespondedAt' | 'resolvedAt' | 'firstResponseBreachedAt' | 'resolutionBreachedAt'
>;

/** The columns behind each SLA target: when it is due, when it was met, when its breach was recorded. */
const COLUMNS = {
  FIRST_RESPONSE: { due: 'firstResponseDueAt', met: 'firstRespondedAt', breached: 'firstResponseBreachedAt' },
  RESOLUTION: { due: 'resolutionDueAt', met: 'resolvedAt', breached: 'resolutionBreachedAt' },
} as const satisfies Record<TicketSlaTarget, Record<string, keyof SlaColumns>>;

export const SLA_TARGETS = Object.keys(COLUMNS) as TicketSlaTarget[];

export const SLA_TARGET_LABELS: Record<TicketSlaTarget, string> = { FIRST_RESPONSE: 'First response', RESOLUTION: 'Resolution' };

/**
 * Tickets whose target is past due, still unmet, and not yet recorded as breached: the breach job's
 * work. An unmet target means an active ticket: resolving sets both `firstRespondedAt` and `resolvedAt`.
 */
export function missedTargetWhere(target: TicketSlaTarget, now: Date): Prisma.TicketWhereInput {
  const { due, met, breached } = COLUMNS[target];
  return { [met]: null, [breached]: null, [due]: { lt: now } };
}

/** The columns that record a breach at `at`. */
export function breachData(target: TicketSlaTarget, at: Date): Prisma.TicketUncheckedUpdateManyInput {
  return { [COLUMNS[target].breached]: at };
}

/** Whether meeting the target at `at` is late and the breach is not recorded yet (the job had not run). */
export function isLateUnrecorded(ticket: SlaColumns, target: TicketSlaTarget, at: Date): boolean {
  const { due, breached } = COLUMNS[target];
  return ticket[breached] === null && ticket[due] < at;
}

export function dueAt(ticket: SlaColumns, target: TicketSlaTarget): Date {
  return ticket[COLUMNS[target].due];
}
