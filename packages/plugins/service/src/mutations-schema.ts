import { rawId, type CoreRefs, type RapportBuilder, withUserErrors, payloadPerMutation } from '@rapport/core';
import type { ServiceConfig } from './config.js';
import type { TicketRefs } from './schema.js';
import {
  assignTicket,
  changeTicketStatus,
  closeTicket,
  commentOnTicket,
  escalateTicket,
  openTicket,
  rateTicket,
  reopenTicket,
  resolveTicket,
  type AssignTicketInput,
  type ChangeTicketStatusInput,
  type CloseTicketInput,
  type CommentOnTicketInput,
  type EscalateTicketInput,
  type OpenTicketInput,
  type RateTicketInput,
  type ReopenTicketInput,
  type ResolveTicketInput,
} from './service.js';

/** The ticket mutations: each takes one input, calls its service and returns a payload. */
export function registerTicketMutations(
  builder: RapportBuilder,
  refs: CoreRefs,
  config: ServiceConfig,
  { Ticket, TicketEvent, Type, Channel, Priority, Status, Visibility }: TicketRefs,
) {
  const OpenTicketInputRef = builder.inputType('OpenTicketInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: refs.Customer }),
      contactId: t.globalID({ for: refs.Contact, description: "One of the customer's contacts: who raised it." }),
      subject: t.string({ required: true }),
      description: t.string(),
      type: t.field({ type: Type, required: true }),
      channel: t.field({ type: Channel, required: true }),
      priority: t.field({ type: Priority, defaultValue: 'NORMAL' }),
      assigneeId: t.globalID({ for: refs.User, description: 'Assigning at once opens the ticket as OPEN.' }),
      queueId: t.globalID({ for: refs.Team }),
    }),
  });
  const AssignTicketInputRef = builder.inputType('AssignTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      assigneeId: t.globalID({ required: true, for: refs.User }),
      queueId: t.globalID({ for: refs.Team, description: 'Moves the ticket to this team’s queue; null takes it out of any queue.' }),
      reason: t.string({ description: 'Why it is (re)assigned; shown in the timeline.' }),
    }),
  });
  const CommentOnTicketInputRef = builder.inputType('CommentOnTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      body: t.string({ required: true }),
      visibility: t.field({ type: Visibility, required: true }),
    }),
  });
  const ChangeTicketStatusInputRef = builder.inputType('ChangeTicketStatusInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      status: t.field({ type: Status, required: true, description: 'OPEN or PENDING; resolving, closing and reopening have their own mutations.' }),
      note: t.string(),
    }),
  });
  const EscalateTicketInputRef = builder.inputType('EscalateTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      reason: t.string({ required: true }),
      assigneeId: t.globalID({ for: refs.User, description: 'Hands the ticket to this agent in the same step.' }),
    }),
  });
  const ResolveTicketInputRef = builder.inputType('ResolveTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      resolution: t.string({ required: true, description: 'What solved it, for the customer.' }),
    }),
  });
  const CloseTicketInputRef = builder.inputType('CloseTicketInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Ticket }), version: t.int({ required: true }), note: t.string() }),
  });
  const ReopenTicketInputRef = builder.inputType('ReopenTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      reason: t.string({ required: true }),
    }),
  });
  const RateTicketInputRef = builder.inputType('RateTicketInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Ticket }),
      version: t.int({ required: true }),
      rating: t.int({ required: true, description: '1 (poor) to 5 (excellent).' }),
      comment: t.string(),
    }),
  });

  const TicketPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ ticket: { id: string } }>(name).implement({
    fields: (t) => ({ ticket: t.field({ nullable: true, type: Ticket, resolve: (p) => p.ticket as never }) }),
  }),
  );
  const CommentOnTicketPayload = builder
    .objectRef<{ ticket: { id: string }; comment: { id: string } }>('CommentOnTicketPayload')
    .implement({
      fields: (t) => ({
        ticket: t.field({ nullable: true, type: Ticket, resolve: (p) => p.ticket as never }),
        comment: t.field({ nullable: true, type: TicketEvent, resolve: (p) => p.comment as never }),
      }),
    });
  withUserErrors(builder, CommentOnTicketPayload);

  /** Unwraps the global ids of a mutation input; services validate the rest. */
  const ids = <T extends { id: { id: string }; assigneeId?: { id: string } | null; queueId?: { id: string } | null }>(input: T) => ({
    ...input,
    id: input.id.id,
    assigneeId: rawId(input.assigneeId),
    queueId: rawId(input.queueId),
  });

  builder.mutationFields((t) => ({
    openTicket: t.field({
      type: TicketPayload('OpenTicketPayload'),
      args: { input: t.arg({ type: OpenTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        ticket: await openTicket(ctx, config.sla, {
          ...input,
          customerId: input.customerId.id,
          contactId: rawId(input.contactId),
          assigneeId: rawId(input.assigneeId),
          queueId: rawId(input.queueId),
        } as OpenTicketInput),
      }),
    }),
    assignTicket: t.field({
      type: TicketPayload('AssignTicketPayload'),
      description: 'Assigns or reassigns; a NEW ticket becomes OPEN. Alerts the assignee (TICKET_ASSIGNED) unless they assigned themselves.',
      args: { input: t.arg({ type: AssignTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await assignTicket(ctx, ids(input) as AssignTicketInput) }),
    }),
    commentOnTicket: t.field({
      type: CommentOnTicketPayload,
      args: { input: t.arg({ type: CommentOnTicketInputRef, required: true }) },
      resolve: (_root, { input }, ctx) => commentOnTicket(ctx, { ...input, id: input.id.id } as CommentOnTicketInput),
    }),
    changeTicketStatus: t.field({
      type: TicketPayload('ChangeTicketStatusPayload'),
      args: { input: t.arg({ type: ChangeTicketStatusInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        ticket: await changeTicketStatus(ctx, { ...input, id: input.id.id } as ChangeTicketStatusInput),
      }),
    }),
    escalateTicket: t.field({
      type: TicketPayload('EscalateTicketPayload'),
      args: { input: t.arg({ type: EscalateTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await escalateTicket(ctx, ids(input) as EscalateTicketInput) }),
    }),
    resolveTicket: t.field({
      type: TicketPayload('ResolveTicketPayload'),
      args: { input: t.arg({ type: ResolveTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await resolveTicket(ctx, { ...input, id: input.id.id } as ResolveTicketInput) }),
    }),
    closeTicket: t.field({
      type: TicketPayload('CloseTicketPayload'),
      args: { input: t.arg({ type: CloseTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await closeTicket(ctx, { ...input, id: input.id.id } as CloseTicketInput) }),
    }),
    reopenTicket: t.field({
      type: TicketPayload('ReopenTicketPayload'),
      args: { input: t.arg({ type: ReopenTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await reopenTicket(ctx, { ...input, id: input.id.id } as ReopenTicketInput) }),
    }),
    rateTicket: t.field({
      type: TicketPayload('RateTicketPayload'),
      args: { input: t.arg({ type: RateTicketInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ ticket: await rateTicket(ctx, { ...input, id: input.id.id } as RateTicketInput) }),
    }),
  }));
}
