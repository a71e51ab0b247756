import { alertMessage, emitWebhookEvents, type AlertInput, type JobDefinition, type PrismaClient, type TicketSlaTarget } from '@rapport/core';
import { ticketEvent } from './webhooks.js';
import { SERVICE_ALERT_MESSAGES, TICKET_SLA_BREACHED } from './alerts.js';
import { recordChange, type Change, type Ticket } from './changes.js';
import type { ServiceConfig } from './config.js';
import { breachData, dueAt, missedTargetWhere, SLA_TARGET_LABELS, SLA_TARGETS } from './sla.js';

const BATCH = 100;

/**
 * Records every SLA target missed as of `now`: flags the breach, escalates the ticket one level,
 * adds both to the timeline and alerts the assignee and the queue's manager. Idempotent: a
 * recorded breach no longer matches, so a second run at the same time changes nothing.
 */
export async function recordSlaBreaches(prisma: PrismaClient, now: Date): Promise<number> {
  let recorded = 0;
  for (const target of SLA_TARGETS) {
    for (;;) {
      const missed = await prisma.ticket.findMany({ where: missedTargetWhere(target, now), select: { id: true }, take: BATCH });
      for (const { id } of missed) if (await recordBreach(prisma, id, target, now)) recorded++;
      if (missed.length < BATCH) break;
    }
  }
  return recorded;
}

/** One ticket per transaction: short transactions, and a failure leaves the others recorded. */
async function recordBreach(prisma: PrismaClient, id: string, target: TicketSlaTarget, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // The condition is checked again in the write: another instance, or the agent, may have been first.
    const { count } = await tx.ticket.updateMany({
      where: { id, ...missedTargetWhere(target, now) },
      data: { ...breachData(target, now), escalationLevel: { increment: 1 }, version: { increment: 1 } },
    });
    if (count === 0) return false;
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id }, include: { queue: { select: { managerId: true } } } });
    await recordChange(tx, ticket, breach(ticket, target, ticket.queue?.managerId ?? null), { authorId: null, now });
    await emitWebhookEvents(tx, [ticketEvent('ticket.sla_breached', ticket, { slaTarget: target })], now, prisma);
    return true;
  });
}

function breach(ticket: Ticket, target: TicketSlaTarget, managerId: string | null): Change {
  const label = SLA_TARGET_LABELS[target];
  const recipients = [...new Set([ticket.assigneeId, managerId].filter((id): id is string => id !== null))];
  return {
    data: {}, // written by the conditional update in recordBreach
    events: [
      { kind: 'SLA_BREACHED', slaTarget: target },
      { kind: 'ESCALATED', escalationLevel: ticket.escalationLevel, body: `${label} SLA breached` },
    ],
    alerts: () =>
      recipients.map(
        (recipientId): AlertInput => ({
          recipientId,
          ...alertMessage(SERVICE_ALERT_MESSAGES, TICKET_SLA_BREACHED, {
            target,
            subject: ticket.subject,
            due: dueAt(ticket, target),
            level: ticket.escalationLevel,
          }),
          entity: { type: 'Ticket', id: ticket.id },
          dedupeKey: `ticket-breach:${ticket.id}:${target}:${recipientId}`,
        }),
      ),
  };
}

export const slaBreachJob: JobDefinition<ServiceConfig> = {
  name: 'service.sla-breaches',
  everyMs: (config) => config.breachCheckIntervalSeconds * 1000,
  async run({ prisma, clock, log }) {
    const recorded = await recordSlaBreaches(prisma, clock.now());
    if (recorded > 0) log(`service.sla-breaches: recorded ${recorded} SLA breach(es)`);
  },
};
