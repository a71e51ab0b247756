import type { Messages, TicketStatus } from '@rapport/core';
import { service } from './messages.js';

/**
 * How a status change happens: `change` through changeTicketStatus; the others through their own
 * mutation, because each records something more (a resolution note, a reopen reason).
 */
export type TicketAction = 'change' | 'resolve' | 'close' | 'reopen';

/** Every allowed transition, and the one action that makes it. Anything missing is not allowed. */
export const TRANSITIONS: Readonly<Record<TicketStatus, Partial<Record<TicketStatus, TicketAction>>>> = {
  NEW: { OPEN: 'change', PENDING: 'change', RESOLVED: 'resolve' },
  OPEN: { PENDING: 'change', RESOLVED: 'resolve' },
  PENDING: { OPEN: 'change', RESOLVED: 'resolve' },
  RESOLVED: { CLOSED: 'close', OPEN: 'reopen' },
  CLOSED: { OPEN: 'reopen' },
};

/** Statuses in which the ticket still needs work (and its SLA targets run). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING'];

export function isActive(status: TicketStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** Why `action` cannot take a ticket from `from` to `to` (in every language), or null when it can. */
export function transitionProblem(from: TicketStatus, to: TicketStatus, action: TicketAction): Messages | null {
  if (from === to) return service.texts('service.ticket.alreadyStatus', { status: from });
  const allowed = TRANSITIONS[from];
  const via = allowed[to];
  if (via === action) return null;
  if (via) return service.texts('service.ticket.useAction', { from, to, via });
  const targets = Object.keys(allowed).join(', ');
  return service.texts('service.ticket.notAllowed', { from, to, targets });
}
