import {
  customerCode as readableCode,
  findVisibleOrThrow,
  prismaDirection,
  TicketChannel,
  TicketCommentVisibility,
  TicketEventKind,
  TicketPriority,
  TicketSlaTarget,
  TicketStatus,
  TicketType,
  type CoreRefs,
  type RapportBuilder,
  type Viewer,
  connectionOf,
} from '@rapport/core';
import type { ServiceConfig } from './config.js';
import { ticketListWhere, ticketOrderBy, ticketsVisibleTo } from './filters.js';

/** The ticket enums, shared by the ticket types and the metrics types. */
function registerTicketEnums(builder: RapportBuilder) {
  return {
    Status: builder.enumType(TicketStatus, {
      name: 'TicketStatus',
      description: 'NEW (nobody on it yet) → OPEN / PENDING (waiting on the customer) → RESOLVED → CLOSED; reopening goes back to OPEN.',
    }),
    Priority: builder.enumType(TicketPriority, { name: 'TicketPriority', description: 'Decides the SLA targets.' }),
    Type: builder.enumType(TicketType, { name: 'TicketType' }),
    Channel: builder.enumType(TicketChannel, { name: 'TicketChannel', description: 'How the customer reached us.' }),
    EventKind: builder.enumType(TicketEventKind, { name: 'TicketEventKind' }),
    Visibility: builder.enumType(TicketCommentVisibility, {
      name: 'TicketCommentVisibility',
      description: 'PUBLIC answers the customer (the first one is the first response); INTERNAL is a note for staff.',
    }),
    SlaTarget: builder.enumType(TicketSlaTarget, { name: 'TicketSlaTarget' }),
  };
}

/** Ticket and timeline types, the tickets on core types, and the ticket queries. */
export function registerTicketTypes(builder: RapportBuilder, refs: CoreRefs, config: ServiceConfig) {
  const enums = registerTicketEnums(builder);
  const { Status, Priority, Type, Channel, EventKind, Visibility, SlaTarget } = enums;

  const Ticket = builder.prismaNode('Ticket', {
    id: { field: 'id' },
    description: "A customer's service request (inquiry, complaint, repair, request), worked under the SLA of its priority.",
    findUnique: (id, ctx) => ({ id, AND: [ticketsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      number: t.exposeInt('number'),
      code: t.string({
        description: 'Readable unique code, e.g. T-000123.',
        resolve: (ticket) => readableCode(config.ticketCodePrefix, ticket.number),
      }),
      subject: t.exposeString('subject'),
      description: t.exposeString('description', { nullable: true }),
      customer: t.relation('customer'),
      contact: t.relation('contact', { nullable: true, description: 'The person at the customer who raised it.' }),
      type: t.expose('type', { type: Type }),
      channel: t.expose('channel', { type: Channel }),
      priority: t.expose('priority', { type: Priority }),
      status: t.expose('status', { type: Status }),
      assignee: t.relation('assignee', { nullable: true }),
      queue: t.relation('queue', { nullable: true, description: "The team whose queue holds the ticket; its manager hears about SLA breaches." }),
      escalationLevel: t.exposeInt('escalationLevel', { description: 'Raised by escalateTicket and by every SLA breach.' }),
      firstResponseDueAt: t.expose('firstResponseDueAt', { type: 'DateTime' }),
      resolutionDueAt: t.expose('resolutionDueAt', { type: 'DateTime' }),
      firstRespondedAt: t.expose('firstRespondedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'The first PUBLIC comment, or the resolution when it came first.',
      }),
      resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
      firstResponseBreachedAt: t.expose('firstResponseBreachedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When the missed first-response target was recorded.',
      }),
      resolutionBreachedAt: t.expose('resolutionBreachedAt', { type: 'DateTime', nullable: true }),
      breached: t.boolean({
        description: 'Missed its first-response or resolution target.',
        resolve: (ticket) => ticket.firstResponseBreachedAt !== null || ticket.resolutionBreachedAt !== null,
      }),
      resolution: t.exposeString('resolution', { nullable: true, description: 'The note of the latest resolution.' }),
      satisfactionRating: t.exposeInt('satisfactionRating', { nullable: true, description: '1 (poor) to 5 (excellent).' }),
      satisfactionComment: t.exposeString('satisfactionComment', { nullable: true }),
      ratedAt: t.expose('ratedAt', { type: 'DateTime', nullable: true }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was opened; the SLA clock starts here.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      timeline: t.relatedConnection('events', {
        cursor: 'id',
        totalCount: true,
        description: 'Oldest first: opening, comments, status changes, assignments, escalations, SLA breaches, rating.',
        query: () => ({ orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }] }),
      }, connectionOf(builder, 'TicketEvent')),
    }),
  });

  const TicketEvent = builder.prismaNode('TicketEvent', {
    id: { field: 'id' },
    description: "An entry of a ticket's timeline; which fields are set depends on the kind.",
    findUnique: (id, ctx) => ({ id, ticket: ticketsVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      ticket: t.relation('ticket'),
      kind: t.expose('kind', { type: EventKind }),
      author: t.relation('author', { nullable: true, description: 'Null when the system acted (the SLA breach job).' }),
      body: t.exposeString('body', {
        nullable: true,
        description: 'Comment text, resolution note, or the reason of a reopening, reassignment or escalation.',
      }),
      visibility: t.expose('visibility', { type: Visibility, nullable: true, description: 'Set on comments.' }),
      fromStatus: t.expose('fromStatus', { type: Status, nullable: true }),
      toStatus: t.expose('toStatus', { type: Status, nullable: true }),
      assignee: t.relation('assignee', { nullable: true, description: 'On assignments: the new assignee.' }),
      queue: t.relation('queue', { nullable: true, description: 'On assignments: the queue.' }),
      escalationLevel: t.exposeInt('escalationLevel', { nullable: true, description: 'On escalations: the new level.' }),
      slaTarget: t.expose('slaTarget', { type: SlaTarget, nullable: true, description: 'On SLA breaches: the missed target.' }),
      rating: t.exposeInt('rating', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  for (const core of [refs.Customer, refs.Contact] as const) {
    builder.prismaObjectField(core, 'tickets', (t) =>
      t.relatedConnection('tickets', {
        cursor: 'id',
        totalCount: true,
        description: 'Service tickets, newest first.',
        args: { status: t.arg({ type: [Status] }) },
        query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: newestFirst }),
      }, connectionOf(builder, 'Ticket')),
    );
  }

  const TicketFilter = builder.inputType('TicketFilter', {
    fields: (t) => ({
      status: t.field({ type: [Status] }),
      priority: t.field({ type: [Priority] }),
      type: t.field({ type: [Type] }),
      assigneeIds: t.globalIDList({ for: refs.User }),
      queueIds: t.globalIDList({ for: refs.Team, description: 'In the queue of any of these teams.' }),
      customerId: t.globalID({ for: refs.Customer }),
      breached: t.boolean({ description: 'Missed (true) or has not missed (false) an SLA target.' }),
      search: t.string({ description: 'Subject or description containing the text, or the code (T-000123).' }),
    }),
  });
  const OrderField = builder.enumType('TicketOrderField', {
    values: ['CREATED_AT', 'UPDATED_AT', 'NUMBER', 'PRIORITY', 'RESOLUTION_DUE_AT'] as const,
  });
  const TicketOrder = builder.inputType('TicketOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC' }),
    }),
  });
  const where = (filter: typeof TicketFilter.$inferInput | null | undefined, viewer: Viewer | null) => ticketListWhere(filter, viewer, config.ticketCodePrefix);

  builder.queryFields((t) => ({
    tickets: t.prismaConnection(
      {
        type: 'Ticket',
        cursor: 'id',
        description: 'Service tickets; newest first unless ordered otherwise.',
        args: { filter: t.arg({ type: TicketFilter }), orderBy: t.arg({ type: TicketOrder }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.ticket.findMany({
            ...query,
            where: where(args.filter, ctx.viewer),
            orderBy: ticketOrderBy(args.orderBy?.field, prismaDirection(args.orderBy?.direction, 'desc')),
          }),
        totalCount: (_connection, args, ctx) => ctx.prisma.ticket.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'Ticket'),
    ),
    ticket: t.prismaField({
      nullable: true,
      type: 'Ticket',
      args: { id: t.arg.globalID({ required: true, for: Ticket }) },
      resolve: (query, _root, args, ctx) =>
        findVisibleOrThrow('Ticket', args.id.id, (id) => ctx.prisma.ticket.findFirst({ ...query, where: { AND: [{ id }, ticketsVisibleTo(ctx.viewer)] } })),
    }),
  }));


  return { ...enums, Ticket, TicketEvent };
}

export type TicketRefs = ReturnType<typeof registerTicketTypes>;
