import { emitAlerts, type AlertInput, type Prisma } from '@rapport/core';

export type Ticket = Prisma.TicketModel;
export type TimelineEntry = Omit<Prisma.TicketEventCreateManyInput, 'ticketId' | 'authorId' | 'createdAt'>;

/**
 * What one action does to a ticket: the columns it sets, the timeline entries it adds and the
 * alerts it raises. All three are written in one transaction, so a ticket never shows a change
 * without its history or the other way round.
 */
export interface Change {
  data: Prisma.TicketUncheckedUpdateManyInput;
  events: TimelineEntry[];
  /** Built from the ticket as written, so dedupe keys can name its new version. */
  alerts?: (ticket: Ticket) => AlertInput[];
}

export function combine(...changes: Change[]): Change {
  return {
    data: Object.assign({}, ...changes.map((c) => c.data)),
    events: changes.flatMap((c) => c.events),
    alerts: (ticket) => changes.flatMap((c) => c.alerts?.(ticket) ?? []),
  };
}

/** Writes a change's timeline entries and alerts; the caller has written its columns in `tx`. */
export async function recordChange(
  tx: Prisma.TransactionClient,
  ticket: Ticket,
  change: Change,
  by: { authorId: string | null; now: Date },
): Promise<void> {
  await tx.ticketEvent.createMany({
    data: change.events.map((event) => ({ ...event, ticketId: ticket.id, authorId: by.authorId, createdAt: by.now })),
  });
  await emitAlerts(tx, change.alerts?.(ticket) ?? [], by.now);
}
