import { z } from 'zod';
import {
  actingUserId,
  can,
  DEFAULT_LOCALE,
  interactionContextOf,
  conflict,
  customersEditableBy,
  customersVisibleTo,
  isUuid,
  notFound,
  NOTHING,
  parseInput,
  recordAudit,
  requirePermission,
  rules,
  throwIfAny,
  throwMissingOrStale,
  userReferenceError,
  type FieldError,
  type Prisma,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { callsVisibleTo } from './access.js';
import { callcenter, type CallcenterMessageKey } from './messages.js';
import { syncMissedCallCallback } from './callbacks.js';
import { emitMissedCall } from './webhooks.js';
import { syncCallContact } from './contact.js';
import type { CallcenterConfig } from './config.js';
import { dispositionOf, timing } from './fold.js';
import { matchParty } from './matching.js';
import { normalizePhone } from './phone.js';

const DISPOSITIONS = ['ANSWERED', 'MISSED', 'VOICEMAIL', 'BUSY', 'FAILED', 'NO_ANSWER'] as const;
const number = z.string().trim().min(1, callcenter.key('callcenter.notEmpty')).max(64, callcenter.key('callcenter.maxCharacters'));
const reference = (what: string) => z.uuid(callcenter.stored('callcenter.idOf', { what })).nullish();
const recordingUrl = z.url({ protocol: /^https?$/, message: callcenter.key('callcenter.httpUrl') }).max(2_000).nullish();

const logCallInput = z
  .object({
    direction: z.enum(['INBOUND', 'OUTBOUND']),
    from: number,
    to: number,
    customerId: reference('customer'),
    contactId: reference('contact'),
    agentId: reference('user'),
    queueId: reference('team'),
    ticketId: reference('ticket'),
    startedAt: z.date(),
    answeredAt: z.date().nullish(),
    endedAt: z.date(),
    disposition: z.enum(DISPOSITIONS).nullish(),
    outcome: z.string().trim().nullish(),
    recordingUrl,
    notes: rules.optionalText(20_000),
  })
  .superRefine((call, issues) => {
    const problem = (path: string, key: CallcenterMessageKey) => issues.addIssue({ code: 'custom', path: [path], message: callcenter.key(key) });
    if (call.endedAt < call.startedAt) problem('endedAt', 'callcenter.endBeforeStart');
    if (call.answeredAt && (call.answeredAt < call.startedAt || call.answeredAt > call.endedAt)) {
      problem('answeredAt', 'callcenter.answeredOutside');
    }
    if (call.disposition === 'ANSWERED' && !call.answeredAt) problem('answeredAt', 'callcenter.answeredRequired');
    if (call.answeredAt && call.disposition && call.disposition !== 'ANSWERED' && call.disposition !== 'VOICEMAIL') {
      problem('disposition', 'callcenter.answeredDisposition');
    }
  });

const updateCallInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  outcome: z.string().trim().nullish(),
  notes: rules.optionalText(20_000),
  recordingUrl,
  ticketId: reference('ticket'),
});

export type LogCallInput = z.input<typeof logCallInput>;
export type UpdateCallInput = z.input<typeof updateCallInput>;

/** The configured spelling of an outcome (matched without regard to case), or a field error. */
function configuredOutcome(config: CallcenterConfig, outcome: string | null | undefined): string | null | FieldError {
  if (!outcome) return null;
  const found = config.outcomes.find((o) => o.toLowerCase() === outcome.toLowerCase());
  return found ?? callcenter.field('outcome', 'callcenter.outcomeOneOf', { outcomes: config.outcomes.join(', ') });
}

const isFieldError = (value: unknown): value is FieldError => typeof value === 'object' && value !== null && 'field' in value;

/** Calls a viewer may annotate: ones they took, their customers' (editable) and, as manager, their teams'. */
export function callsEditableBy(viewer: Viewer | null | undefined): Prisma.CallWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.write')) return NOTHING;
  if (can(viewer, 'customer.editAll')) return {};
  const team: Prisma.CallWhereInput[] = can(viewer, 'customer.team')
    ? [{ agent: { team: { managerId: userId } } }, { queue: { managerId: userId } }]
    : [];
  return { OR: [{ agentId: userId }, { legs: { some: { agentId: userId } } }, { customer: customersEditableBy(viewer) }, ...team] };
}

async function visibleCustomerId(ctx: ServiceContext, customerId: string | null | undefined, contactId: string | null | undefined) {
  if (contactId) {
    const contact = await ctx.prisma.contact.findFirst({
      where: { id: contactId, ...(customerId ? { customerId } : {}), customer: customersVisibleTo(ctx.viewer) },
      select: { customerId: true },
    });
    return contact ? contact.customerId : callcenter.field('contactId', customerId ? 'callcenter.notCustomerContact' : 'callcenter.noSuchContact');
  }
  if (!customerId) return null;
  const customer = await ctx.prisma.customer.findFirst({ where: { AND: [{ id: customerId }, customersVisibleTo(ctx.viewer)] }, select: { id: true } });
  return customer ? customer.id : callcenter.field('customerId', 'callcenter.noSuchCustomer');
}

async function ticketReferenceError(ctx: ServiceContext, ticketId: string | null | undefined, customerId: string | null): Promise<FieldError | null> {
  if (!ticketId) return null;
  const ticket = await ctx.prisma.ticket.findFirst({
    where: { id: ticketId, customer: customersVisibleTo(ctx.viewer) },
    select: { customerId: true },
  });
  if (!ticket) return callcenter.field('ticketId', 'callcenter.noSuchTicket');
  return customerId && ticket.customerId !== customerId ? callcenter.field('ticketId', 'callcenter.notCustomerTicket') : null;
}

async function teamReferenceError(ctx: ServiceContext, teamId: string | null | undefined): Promise<FieldError | null> {
  if (!teamId) return null;
  return (await ctx.prisma.team.findUnique({ where: { id: teamId }, select: { id: true } })) ? null : callcenter.field('queueId', 'callcenter.noSuchTeam');
}

/**
 * Logs a call by hand (a mobile call, a call the telephony system missed). The customer and contact
 * are the given ones, or matched by the other party's number; the agent is the viewer unless named.
 * A missed inbound call gets its automatic callback like a telephony one.
 */
export async function logCall(ctx: ServiceContext, config: CallcenterConfig, input: LogCallInput) {
  requirePermission(ctx.viewer, 'customer.write');
  const fields = parseInput(logCallInput, input);
  const now = ctx.clock.now();
  const customerId = await visibleCustomerId(ctx, fields.customerId, fields.contactId);
  const outcome = configuredOutcome(config, fields.outcome);
  throwIfAny([
    fields.endedAt > now ? callcenter.field('endedAt', 'callcenter.notInFuture') : null,
    isFieldError(customerId) ? customerId : null,
    isFieldError(outcome) ? outcome : null,
    await userReferenceError(ctx, 'agentId', fields.agentId),
    await teamReferenceError(ctx, fields.queueId),
    await ticketReferenceError(ctx, fields.ticketId, isFieldError(customerId) ? null : customerId),
  ]);
  const party = customerId
    ? { customerId: customerId as string, contactId: fields.contactId ?? null }
    : await matchParty(ctx.prisma, fields.direction === 'INBOUND' ? fields.from : fields.to, config.defaultCountry, customersVisibleTo(ctx.viewer));
  const answeredAt = fields.answeredAt ?? null;
  const agentId = fields.agentId ?? actingUserId(ctx.viewer);
  const data = {
    source: 'MANUAL' as const,
    direction: fields.direction,
    fromRaw: fields.from,
    fromNumber: normalizePhone(fields.from, config.defaultCountry)?.e164 ?? null,
    toRaw: fields.to,
    toNumber: normalizePhone(fields.to, config.defaultCountry)?.e164 ?? null,
    ...party,
    agentId,
    queueId: fields.queueId ?? null,
    ...timing(fields.startedAt, answeredAt, fields.endedAt),
    disposition: fields.disposition ?? dispositionOf(fields.direction, answeredAt !== null, true, null),
    outcome: outcome as string | null,
    recordingUrl: fields.recordingUrl ?? null,
    notes: fields.notes ?? null,
    ticketId: fields.ticketId ?? null,
  };
  return ctx.prisma.$transaction(async (tx) => {
    const call = await tx.call.create({ data });
    await tx.callLeg.create({
      data: { callId: call.id, position: 1, agentId, queueId: data.queueId, startedAt: fields.startedAt, endedAt: fields.endedAt },
    });
    await syncMissedCallCallback(tx, call, config, ctx.clock);
    await emitMissedCall(tx, call, ctx.clock.now(), ctx.prisma);
    await syncCallContact(tx, call, config, { ...interactionContextOf(ctx), language: ctx.config?.locale?.language ?? DEFAULT_LOCALE.language });
    await recordAudit(tx, ctx, { action: 'call.log', entity: { type: 'Call', id: call.id }, after: call });
    return call;
  });
}

/** Notes, outcome, recording and linked ticket of a call, on the version read. */
export async function updateCall(ctx: ServiceContext, config: CallcenterConfig, input: UpdateCallInput) {
  const { id, version, ...fields } = parseInput(updateCallInput, input);
  const current = isUuid(id) ? await ctx.prisma.call.findFirst({ where: { AND: [{ id }, callsVisibleTo(ctx.viewer)] } }) : null;
  if (!current) throw notFound('Call');
  const editable = await ctx.prisma.call.count({ where: { AND: [{ id }, callsEditableBy(ctx.viewer)] } });
  if (!editable) throw callcenter.error('FORBIDDEN', 'callcenter.mayNotChange');
  if (current.version !== version) throw conflict('Call', current.version);
  const outcome = fields.outcome !== undefined ? configuredOutcome(config, fields.outcome) : undefined;
  throwIfAny([isFieldError(outcome) ? outcome : null, await ticketReferenceError(ctx, fields.ticketId, current.customerId)]);
  const data = {
    ...(outcome !== undefined ? { outcome: outcome as string | null } : {}),
    ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
    ...(fields.recordingUrl !== undefined ? { recordingUrl: fields.recordingUrl } : {}),
    ...(fields.ticketId !== undefined ? { ticketId: fields.ticketId } : {}),
  };
  if (Object.keys(data).length === 0) callcenter.refuse('id', 'callcenter.nothingToChange');
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.call.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Call', tx.call.findUnique({ where: { id }, select: { version: true } }));
    const call = await tx.call.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'call.update', entity: { type: 'Call', id }, before: current, after: call });
    return call;
  });
}
