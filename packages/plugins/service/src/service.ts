import { z } from 'zod';
import {
  alertMessage,
  actingUserId,
  conflict,
  customersVisibleTo,
  emitWebhookEvents,
  InputError,
  isUuid,
  notFound,
  parseInput,
  rules,
  throwIfAny,
  throwMissingOrStale,
  userReferenceError,
  TicketChannel,
  TicketCommentVisibility,
  TicketPriority,
  TicketStatus,
  TicketType,
  type ErrorParams,
  type FieldError,
  type ServiceContext,
  type TicketSlaTarget,
} from '@rapport/core';
import { service, type ServiceMessageKey } from './messages.js';
import { SERVICE_ALERT_MESSAGES, TICKET_ASSIGNED } from './alerts.js';
import { combine, recordChange, type Change, type Ticket } from './changes.js';
import type { SlaPolicy } from './config.js';
import { ticketsVisibleTo } from './filters.js';
import { breachData, isLateUnrecorded, slaDueTimes } from './sla.js';
import { isActive, transitionProblem, type TicketAction } from './transitions.js';
import { ticketEvent } from './webhooks.js';

type TicketEventType = Parameters<typeof ticketEvent>[0];

const ticketId = z.string();
const version = z.number().int().min(1);
const reference = (what: string) => z.uuid(`must be the id of a ${what}`);

const openTicketInput = z.object({
  customerId: z.string(),
  contactId: reference('contact').nullish(),
  subject: rules.requiredText(200),
  description: rules.optionalText(20_000),
  type: z.enum(TicketType),
  channel: z.enum(TicketChannel),
  priority: z.enum(TicketPriority).default('NORMAL'),
  assigneeId: reference('user').nullish(),
  queueId: reference('team').nullish(),
});
const assignTicketInput = z.object({
  id: ticketId,
  version,
  assigneeId: reference('user'),
  queueId: reference('team').nullish(),
  reason: rules.optionalText(2_000),
});
const commentOnTicketInput = z.object({
  id: ticketId,
  body: rules.requiredText(20_000),
  visibility: z.enum(TicketCommentVisibility),
});
const changeTicketStatusInput = z.object({ id: ticketId, version, status: z.enum(TicketStatus), note: rules.optionalText(2_000) });
const escalateTicketInput = z.object({
  id: ticketId,
  version,
  reason: rules.requiredText(2_000),
  assigneeId: reference('user').nullish(),
});
const resolveTicketInput = z.object({ id: ticketId, version, resolution: rules.requiredText(5_000) });
const closeTicketInput = z.object({ id: ticketId, version, note: rules.optionalText(2_000) });
const reopenTicketInput = z.object({ id: ticketId, version, reason: rules.requiredText(2_000) });
const rateTicketInput = z.object({
  id: ticketId,
  version,
  rating: z.number().int().min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
  comment: rules.optionalText(2_000),
});

export type OpenTicketInput = z.input<typeof openTicketInput>;
export type AssignTicketInput = z.input<typeof assignTicketInput>;
export type CommentOnTicketInput = z.input<typeof commentOnTicketInput>;
export type ChangeTicketStatusInput = z.input<typeof changeTicketStatusInput>;
export type EscalateTicketInput = z.input<typeof escalateTicketInput>;
export type ResolveTicketInput = z.input<typeof resolveTicketInput>;
export type CloseTicketInput = z.input<typeof closeTicketInput>;
export type ReopenTicketInput = z.input<typeof reopenTicketInput>;
export type RateTicketInput = z.input<typeof rateTicketInput>;

/** Opens a ticket with the SLA of its priority; with an assignee it starts OPEN, otherwise NEW. */
export async function openTicket(ctx: ServiceContext, sla: SlaPolicy, input: OpenTicketInput): Promise<Ticket> {
  const { customerId, assigneeId, queueId, ...fields } = parseInput(openTicketInput, input);
  const customer = isUuid(customerId)
    ? await ctx.prisma.customer.findFirst({ where: { AND: [{ id: customerId }, customersVisibleTo(ctx.viewer)] }, select: { id: true } })
    : null;
  if (!customer) throw notFound('Customer');
  throwIfAny([
    await contactReferenceError(ctx, customerId, fields.contactId),
    await userReferenceError(ctx, 'assigneeId', assigneeId),
    await teamReferenceError(ctx, 'queueId', queueId),
  ]);
  const now = ctx.clock.now();
  const opened: Change = { data: {}, events: [{ kind: 'OPENED', toStatus: 'NEW', queueId }] };
  return ctx.prisma.$transaction(async (tx) => {
    const created = await tx.ticket.create({
      data: { ...fields, customerId, queueId, status: 'NEW', ...slaDueTimes(sla, fields.priority, now), createdAt: now },
    });
    const handOver = assigneeId ? assignment(ctx, created, assigneeId, undefined) : null;
    // Part of opening: the version stays 1.
    const ticket = handOver ? await tx.ticket.update({ where: { id: created.id }, data: handOver.data }) : created;
    await recordChange(tx, ticket, handOver ? combine(opened, handOver) : opened, { authorId: actingUserId(ctx.viewer), now });
    await emitWebhookEvents(tx, [ticketEvent('ticket.opened', ticket)], now, ctx.prisma);
    return ticket;
  });
}

/** Assigns or reassigns to an agent, optionally moving the ticket to another queue (null leaves all queues). */
export async function assignTicket(ctx: ServiceContext, input: AssignTicketInput): Promise<Ticket> {
  const { id, version, assigneeId, queueId, reason } = parseInput(assignTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  rejectIfClosed(ticket);
  throwIfAny([await userReferenceError(ctx, 'assigneeId', assigneeId), await teamReferenceError(ctx, 'queueId', queueId)]);
  rejectIfUnchanged(ticket, assigneeId, queueId);
  return applyChange(ctx, ticket, assignment(ctx, ticket, assigneeId, queueId, reason), ctx.clock.now());
}

/**
 * Adds a comment to the timeline. The first PUBLIC comment is the ticket's first response (an
 * internal note does not answer the customer). No version needed: comments never conflict.
 */
export async function commentOnTicket(ctx: ServiceContext, input: CommentOnTicketInput) {
  const { id, body, visibility } = parseInput(commentOnTicketInput, input);
  const ticket = await ticketToChange(ctx, id);
  rejectIfClosed(ticket);
  const now = ctx.clock.now();
  const authorId = actingUserId(ctx.viewer);
  return ctx.prisma.$transaction(async (tx) => {
    const comment = await tx.ticketEvent.create({
      data: { ticketId: id, kind: 'COMMENTED', body, visibility, authorId, createdAt: now },
    });
    if (visibility === 'PUBLIC' && ticket.firstRespondedAt === null) {
      const response = meetTarget(ticket, 'FIRST_RESPONSE', now);
      // Only the first of two concurrent first responses counts.
      const { count } = await tx.ticket.updateMany({
        where: { id, firstRespondedAt: null },
        data: { ...response.data, version: { increment: 1 } },
      });
      if (count === 1) await recordChange(tx, ticket, response, { authorId, now });
    }
    return { ticket: await tx.ticket.findUniqueOrThrow({ where: { id } }), comment };
  });
}

/** Moves a ticket between the working statuses (NEW, OPEN, PENDING); see TRANSITIONS. */
export async function changeTicketStatus(ctx: ServiceContext, input: ChangeTicketStatusInput): Promise<Ticket> {
  const { id, version, status, note } = parseInput(changeTicketStatusInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  return applyChange(ctx, ticket, transition(ticket, status, 'change', 'status', note), ctx.clock.now());
}

/** Raises the escalation level, optionally handing the ticket to another agent (same queue) in the same step. */
export async function escalateTicket(ctx: ServiceContext, input: EscalateTicketInput): Promise<Ticket> {
  const { id, version, reason, assigneeId } = parseInput(escalateTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  if (!isActive(ticket.status)) reject('id', 'service.ticket.cannotEscalate', { status: ticket.status });
  throwIfAny([await userReferenceError(ctx, 'assigneeId', assigneeId)]);
  if (assigneeId) rejectIfUnchanged(ticket, assigneeId, undefined);
  const escalationLevel = ticket.escalationLevel + 1;
  const escalation: Change = { data: { escalationLevel }, events: [{ kind: 'ESCALATED', escalationLevel, body: reason }] };
  const handOver = assigneeId ? [assignment(ctx, ticket, assigneeId, undefined, reason)] : [];
  return applyChange(ctx, ticket, combine(escalation, ...handOver), ctx.clock.now());
}

/** Resolves with a note for the customer; a ticket resolved before any response counts as answered then. */
export async function resolveTicket(ctx: ServiceContext, input: ResolveTicketInput): Promise<Ticket> {
  const { id, version, resolution } = parseInput(resolveTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  const now = ctx.clock.now();
  const resolved = transition(ticket, 'RESOLVED', 'resolve', 'id', resolution, { resolution });
  const answered = ticket.firstRespondedAt === null ? [meetTarget(ticket, 'FIRST_RESPONSE', now)] : [];
  return applyChange(ctx, ticket, combine(resolved, meetTarget(ticket, 'RESOLUTION', now), ...answered), now, ['ticket.resolved']);
}

export async function closeTicket(ctx: ServiceContext, input: CloseTicketInput): Promise<Ticket> {
  const { id, version, note } = parseInput(closeTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  const now = ctx.clock.now();
  return applyChange(ctx, ticket, transition(ticket, 'CLOSED', 'close', 'id', note, { closedAt: now }), now);
}

/** Back to OPEN with a reason. The SLA due times stay: the customer is still waiting since the ticket was opened. */
export async function reopenTicket(ctx: ServiceContext, input: ReopenTicketInput): Promise<Ticket> {
  const { id, version, reason } = parseInput(reopenTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  const reopened = transition(ticket, 'OPEN', 'reopen', 'id', reason, { resolvedAt: null, closedAt: null, resolution: null });
  return applyChange(ctx, ticket, reopened, ctx.clock.now());
}

/** The customer's satisfaction (1–5), once, after the ticket was resolved. */
export async function rateTicket(ctx: ServiceContext, input: RateTicketInput): Promise<Ticket> {
  const { id, version, rating, comment } = parseInput(rateTicketInput, input);
  const ticket = await ticketToChange(ctx, id, version);
  if (ticket.status !== 'RESOLVED' && ticket.status !== 'CLOSED') {
    reject('rating', 'service.ticket.rateWhenResolved', { status: ticket.status });
  }
  if (ticket.satisfactionRating !== null) reject('rating', 'service.ticket.alreadyRated');
  const now = ctx.clock.now();
  const rated: Change = {
    data: { satisfactionRating: rating, satisfactionComment: comment ?? null, ratedAt: now },
    events: [{ kind: 'RATED', rating, body: comment }],
  };
  return applyChange(ctx, ticket, rated, now);
}

// ---------------------------------------------------------------------------------------------

function reject(field: string, key: ServiceMessageKey, params: ErrorParams = {}): never {
  service.refuse(field, key, params);
}

function rejectIfClosed(ticket: Ticket): void {
  if (ticket.status === 'CLOSED') reject('id', 'service.ticket.closed');
}

function rejectIfUnchanged(ticket: Ticket, assigneeId: string, queueId: string | null | undefined): void {
  if (assigneeId === ticket.assigneeId && (queueId === undefined || queueId === ticket.queueId)) {
    reject('assigneeId', 'service.ticket.alreadyAssigned');
  }
}

/** The ticket as it is now; with a version, the caller must have read that one (else CONFLICT). */
async function ticketToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Ticket> {
  const ticket = isUuid(id) ? await ctx.prisma.ticket.findFirst({ where: { AND: [{ id }, ticketsVisibleTo(ctx.viewer)] } }) : null;
  if (!ticket) throw notFound('Ticket');
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) throw conflict('Ticket', ticket.version);
  return ticket;
}

/** Writes the change on the version read; if someone changed the ticket meanwhile, nothing is written. */
async function applyChange(ctx: ServiceContext, read: Ticket, change: Change, now: Date, events: readonly TicketEventType[] = []): Promise<Ticket> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({
      where: { id: read.id, version: read.version },
      data: { ...change.data, version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Ticket', tx.ticket.findUnique({ where: { id: read.id }, select: { version: true } }));
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: read.id } });
    await recordChange(tx, ticket, change, { authorId: actingUserId(ctx.viewer), now });
    await emitWebhookEvents(tx, events.map((type) => ticketEvent(type, ticket)), now, ctx.prisma);
    return ticket;
  });
}

/** A status change the table allows (else rejected, naming `field`), with the columns that go with it. */
function transition(
  ticket: Ticket,
  to: TicketStatus,
  action: TicketAction,
  field: string,
  note: string | null | undefined,
  data: Change['data'] = {},
): Change {
  const problem = transitionProblem(ticket.status, to, action);
  if (problem) throw new InputError([{ field, message: problem.en, messages: problem }]);
  return { data: { ...data, status: to }, events: [{ kind: 'STATUS_CHANGED', fromStatus: ticket.status, toStatus: to, body: note }] };
}

/** Meets an SLA target now; met late and not yet caught by the breach job, the breach is recorded too. */
function meetTarget(ticket: Ticket, target: TicketSlaTarget, now: Date): Change {
  const met = target === 'FIRST_RESPONSE' ? { firstRespondedAt: now } : { resolvedAt: now };
  if (!isLateUnrecorded(ticket, target, now)) return { data: met, events: [] };
  return { data: { ...met, ...breachData(target, now) }, events: [{ kind: 'SLA_BREACHED', slaTarget: target }] };
}

/** A NEW ticket that gets an assignee is being worked on: it becomes OPEN. */
function assignment(
  ctx: ServiceContext,
  ticket: Pick<Ticket, 'status' | 'assigneeId' | 'queueId'>,
  assigneeId: string,
  queueId: string | null | undefined,
  reason?: string | null,
): Change {
  const queue = queueId === undefined ? ticket.queueId : queueId;
  const opens = ticket.status === 'NEW';
  // Nobody needs an alert about a ticket they took themselves.
  const alertsAssignee = assigneeId !== actingUserId(ctx.viewer);
  return {
    data: { assigneeId, queueId: queue, ...(opens ? { status: 'OPEN' as const } : {}) },
    events: [
      { kind: 'ASSIGNED', assigneeId, queueId: queue, body: reason },
      ...(opens ? [{ kind: 'STATUS_CHANGED' as const, fromStatus: 'NEW' as const, toStatus: 'OPEN' as const }] : []),
    ],
    alerts: (written) =>
      alertsAssignee
        ? [
            {
              recipientId: assigneeId,
              ...alertMessage(SERVICE_ALERT_MESSAGES, TICKET_ASSIGNED, { subject: written.subject, reason }),
              entity: { type: 'Ticket', id: written.id },
              dedupeKey: `ticket-assigned:${written.id}:v${written.version}`,
            },
          ]
        : [],
  };
}

/** One answer for unknown and foreign contacts: another customer's contact may be one the viewer cannot see. */
async function contactReferenceError(ctx: ServiceContext, customerId: string, contactId: string | null | undefined): Promise<FieldError | null> {
  if (!contactId) return null;
  const contact = await ctx.prisma.contact.findFirst({ where: { id: contactId, customerId }, select: { id: true } });
  return contact ? null : service.field('contactId', 'service.notCustomerContact');
}

async function teamReferenceError(ctx: ServiceContext, field: string, teamId: string | null | undefined): Promise<FieldError | null> {
  if (!teamId) return null;
  const team = await ctx.prisma.team.findUnique({ where: { id: teamId }, select: { id: true } });
  return team ? null : service.field(field, 'service.noSuchTeam');
}
