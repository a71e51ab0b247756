import { globalId, type WebhookEventDefinition, type WebhookEventInput } from '@rapport/core';
import type { Ticket } from './changes.js';

/** The webhook events the service plugin emits, in the transaction of the change (docs/webhooks.md). */
export const SERVICE_WEBHOOK_EVENTS = [
  { type: 'ticket.opened', description: 'A service ticket was opened.' },
  { type: 'ticket.resolved', description: 'A service ticket was resolved.' },
  { type: 'ticket.sla_breached', description: 'A service ticket missed an SLA target (first response or resolution).' },
] as const satisfies readonly WebhookEventDefinition[];

type TicketEventType = (typeof SERVICE_WEBHOOK_EVENTS)[number]['type'];

export function ticketEvent(type: TicketEventType, ticket: Ticket, extra: Record<string, unknown> = {}): WebhookEventInput {
  const user = (id: string | null) => (id ? globalId('User', id) : null);
  return {
    type,
    entity: { type: 'Ticket', id: ticket.id },
    data: {
      ticket: {
        id: globalId('Ticket', ticket.id),
        number: ticket.number,
        subject: ticket.subject,
        customerId: globalId('Customer', ticket.customerId),
        status: ticket.status,
        priority: ticket.priority,
        type: ticket.type,
        channel: ticket.channel,
        assigneeId: user(ticket.assigneeId),
        resolution: ticket.resolution,
        resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
        version: ticket.version,
      },
      ...extra,
    },
  };
}
