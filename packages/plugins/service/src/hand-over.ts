// The service desk's part of a hand-over: a deactivated agent's active tickets go to their successor,
// each with an ASSIGNED timeline entry and an audit entry, in deactivateUser's transaction.
import type { UserHandOverHook } from '@rapport/core';
import { ACTIVE_STATUSES } from './transitions.js';

export const handOverTickets: UserHandOverHook = async (tx, { from, to, actorId, at }, audit) => {
  const tickets = await tx.ticket.findMany({
    where: { assigneeId: from.id, status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true, number: true, subject: true, status: true, assigneeId: true, queueId: true, version: true },
  });
  if (tickets.length === 0) return [{ kind: 'openTickets', count: 0 }];
  const ids = tickets.map((t) => t.id);
  await tx.ticket.updateMany({ where: { id: { in: ids } }, data: { assigneeId: to.id, version: { increment: 1 }, updatedAt: at } });
  const body = `hand-over: ${from.name} (${from.email}) deactivated`;
  await tx.ticketEvent.createMany({
    data: tickets.map((t) => ({ ticketId: t.id, kind: 'ASSIGNED' as const, assigneeId: to.id, queueId: t.queueId, body, authorId: actorId, createdAt: at })),
  });
  await audit(
    tickets.map((t) => ({
      action: 'ticket.handOver',
      entity: { type: 'Ticket', id: t.id },
      before: t,
      after: { ...t, assigneeId: to.id, version: t.version + 1 },
    })),
  );
  return [{ kind: 'openTickets', count: tickets.length }];
};
