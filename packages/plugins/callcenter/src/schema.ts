import {
  activitiesVisibleTo,
  CallDirection,
  CallDisposition,
  CallSource,
  contactsVisibleTo,
  customersVisibleTo,
  isUuid,
  notFound,
  prismaDirection,
  rawId,
  type CoreRefs,
  type RapportBuilder,
  type Viewer,
  withUserErrors,
  payloadPerMutation,
  connectionOf,
} from '@rapport/core';
import { callListWhere, callsVisibleTo } from './access.js';
import { scheduleCallback } from './callbacks.js';
import { logCall, updateCall, type LogCallInput } from './calls.js';
import type { CallcenterConfig } from './config.js';
import { findCallerMatches, LOOKUP_LIMIT } from './lookup.js';
import { callStatistics, checkStatsFilter, type CallStats, type CallStatsFilter } from './stats.js';

interface Options {
  config: CallcenterConfig;
  /** The service plugin is on: calls link to tickets. */
  tickets: boolean;
}

export function registerCallSchema(builder: RapportBuilder, refs: CoreRefs, options: Options) {
  const types = registerCallTypes(builder, refs, options);
  registerCallQueries(builder, refs, options, types);
  registerCallMutations(builder, refs, options, types);
  registerStatistics(builder, refs);
}

function registerCallTypes(builder: RapportBuilder, refs: CoreRefs, { tickets }: Options) {
  const Direction = builder.enumType(CallDirection, { name: 'CallDirection' });
  const Disposition = builder.enumType(CallDisposition, {
    name: 'CallDisposition',
    description: 'How an ended call went: ANSWERED by an agent, or why not.',
  });
  const Source = builder.enumType(CallSource, { name: 'CallSource', description: 'TELEPHONY: from the webhook; MANUAL: logCall.' });

  const CallLeg = builder.prismaObject('CallLeg', {
    description: 'A stretch of a call with one agent or queue; each transfer starts the next.',
    fields: (t) => ({
      position: t.exposeInt('position', { description: 'From 1, in the order of the transfer chain.' }),
      agent: t.relation('agent', { nullable: true }),
      queue: t.relation('queue', { nullable: true }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const CallCallback = builder.prismaObject('CallCallback', {
    description: 'A callback promised on a call; the follow-up task carries its due time, assignee and completion.',
    fields: (t) => ({
      automatic: t.exposeBoolean('automatic', { description: 'Created by the missed-call rule.' }),
      task: t.relation('activity'),
      doneOnTime: t.boolean({
        description: 'Completed no later than due.',
        select: { activity: { select: { dueAt: true, completedAt: true } } },
        resolve: ({ activity }) => !!activity.completedAt && !!activity.dueAt && activity.completedAt <= activity.dueAt,
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Call = builder.prismaNode('Call', {
    id: { field: 'id' },
    description: 'A phone call with a customer: who, when, how long, how it went, and what was promised.',
    findUnique: (id, ctx) => ({ id, AND: [callsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      source: t.expose('source', { type: Source }),
      direction: t.expose('direction', { type: Direction }),
      fromNumber: t.exposeString('fromNumber', { nullable: true, description: 'E.164; null when the caller was not a valid number.' }),
      fromRaw: t.exposeString('fromRaw', { description: 'As received.' }),
      toNumber: t.exposeString('toNumber', { nullable: true, description: 'E.164.' }),
      toRaw: t.exposeString('toRaw'),
      // A call may be visible because the viewer took it while its customer is not: then these are null.
      customer: t.relation('customer', {
        nullable: true,
        description: 'Matched by number (or given by hand); null when unknown or not visible to you.',
        query: (_args, ctx) => ({ where: customersVisibleTo(ctx.viewer) }),
      }),
      contact: t.relation('contact', { nullable: true, query: (_args, ctx) => ({ where: contactsVisibleTo(ctx.viewer) }) }),
      agent: t.relation('agent', { nullable: true, description: 'Who has the call: the agent of its last leg.' }),
      queue: t.relation('queue', { nullable: true, description: 'The team queue it came in on.' }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true }),
      endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
      ringSeconds: t.exposeInt('ringSeconds', { nullable: true, description: 'Start to answer (or to the end, unanswered).' }),
      talkSeconds: t.exposeInt('talkSeconds', { nullable: true, description: 'Answer to end; 0 when unanswered; null while it goes on.' }),
      disposition: t.expose('disposition', { type: Disposition, nullable: true, description: 'Null while the call goes on.' }),
      outcome: t.exposeString('outcome', { nullable: true, description: 'One of callOutcomes.' }),
      recordingUrl: t.exposeString('recordingUrl', { nullable: true }),
      notes: t.exposeString('notes', { nullable: true }),
      legs: t.relation('legs', { description: 'The transfer chain, in order.', query: () => ({ orderBy: { position: 'asc' } }) }),
      callbacks: t.relation('callbacks', {
        description: 'Callbacks promised on it, oldest first.',
        query: (_args, ctx) => ({ where: { activity: activitiesVisibleTo(ctx.viewer) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      }),
      version: t.exposeInt('version', { description: 'Pass back on updateCall; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  if (tickets) {
    builder.prismaObjectField(Call, 'ticket', (t) =>
      t.relation('ticket', {
        nullable: true,
        description: 'The service ticket the call is about.',
        query: (_args, ctx) => ({ where: { customer: customersVisibleTo(ctx.viewer) } }),
      }),
    );
  }

  const newestFirst = [{ startedAt: 'desc' as const }, { id: 'desc' as const }];
  for (const core of [refs.Customer, refs.Contact] as const) {
    builder.prismaObjectField(core, 'calls', (t) =>
      t.relatedConnection('calls', { cursor: 'id', totalCount: true, description: 'Phone calls, newest first.', query: () => ({ orderBy: newestFirst }) }, connectionOf(builder, 'Call')),
    );
  }
  return { Call, CallLeg, CallCallback, Direction, Disposition };
}

type CallTypes = ReturnType<typeof registerCallTypes>;

function registerCallQueries(builder: RapportBuilder, refs: CoreRefs, { config }: Options, { Call, Direction, Disposition }: CallTypes) {
  const CallOrderField = builder.enumType('CallOrderField', {
    description: 'What calls are ordered by.',
    values: { STARTED_AT: { description: 'When the call started (then by id, for a stable order).' } } as const,
  });
  const CallOrder = builder.inputType('CallOrder', {
    description: 'The order of a call list.',
    fields: (t) => ({
      field: t.field({ type: CallOrderField, required: true }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC' }),
    }),
  });
  const CallFilter = builder.inputType('CallFilter', {
    fields: (t) => ({
      direction: t.field({ type: Direction }),
      disposition: t.field({ type: [Disposition] }),
      agentIds: t.globalIDList({ for: refs.User }),
      queueIds: t.globalIDList({ for: refs.Team }),
      customerId: t.globalID({ for: refs.Customer }),
      from: t.field({ type: 'DateTime', description: 'Started at or after.' }),
      to: t.field({ type: 'DateTime', description: 'Started before.' }),
    }),
  });
  const where = (filter: typeof CallFilter.$inferInput | null | undefined, viewer: Viewer | null) => callListWhere(filter, viewer);

  const CallerLookup = builder
    .objectRef<Awaited<ReturnType<typeof findCallerMatches>>>('CallerLookup')
    .implement({
      description: 'Who is calling: the contacts and customers a number belongs to, for the screen-pop.',
      fields: (t) => ({
        number: t.exposeString('number', { nullable: true, description: 'The number in E.164, when it is a whole one.' }),
        matchedDigits: t.exposeString('matchedDigits', { description: 'Stored numbers ending with these digits matched.' }),
        contacts: t.prismaField({
          type: ['Contact'],
          description: `Contacts with the number that you may see (at most ${LOOKUP_LIMIT}), primary contacts first.`,
          resolve: (query, lookup, _args, ctx) =>
            ctx.prisma.contact.findMany({
              ...query,
              where: { AND: [{ id: { in: lookup.contactIds } }, contactsVisibleTo(ctx.viewer)] },
              orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }, { id: 'asc' }],
            }),
        }),
        customers: t.prismaField({
          type: ['Customer'],
          description: "Customers with the number, or whose contact has it, that you may see; latest contacted first.",
          resolve: (query, lookup, _args, ctx) =>
            ctx.prisma.customer.findMany({
              ...query,
              where: { AND: [{ id: { in: lookup.customerIds } }, customersVisibleTo(ctx.viewer)] },
              orderBy: [{ lastContactedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
            }),
        }),
      }),
    });

  builder.queryFields((t) => ({
    calls: t.prismaConnection(
      {
        type: 'Call',
        cursor: 'id',
        description: 'Calls you may see, newest first.',
        args: { filter: t.arg({ type: CallFilter }), orderBy: t.arg({ type: CallOrder, description: 'By start time, newest first by default.' }) },
        resolve: (query, _root, args, ctx) => {
          const direction = prismaDirection(args.orderBy?.direction, 'desc');
          return ctx.prisma.call.findMany({ ...query, where: where(args.filter, ctx.viewer), orderBy: [{ startedAt: direction }, { id: direction }] });
        },
        totalCount: (_connection, args, ctx) => ctx.prisma.call.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'Call'),
    ),
    call: t.prismaField({
      nullable: true,
      type: 'Call',
      args: { id: t.arg.globalID({ required: true, for: Call }) },
      resolve: async (query, _root, args, ctx) => {
        const call = isUuid(args.id.id) ? await ctx.prisma.call.findFirst({ ...query, where: { AND: [{ id: args.id.id }, callsVisibleTo(ctx.viewer)] } }) : null;
        if (!call) throw notFound('Call');
        return call;
      },
    }),
    callerLookup: t.field({
      type: CallerLookup,
      description: 'Screen-pop: finds contacts and customers by a number in any writing (+86 138-0013-8000, 0086…, 13800138000) or by its last 7+ digits.',
      args: { phone: t.arg.string({ required: true }) },
      resolve: (_root, args, ctx) => findCallerMatches(ctx.prisma, args.phone, config.defaultCountry),
    }),
    callOutcomes: t.stringList({ description: 'The outcomes a call may record (configured).', resolve: () => config.outcomes }),
  }));
}

function registerCallMutations(builder: RapportBuilder, refs: CoreRefs, { config, tickets }: Options, { Call, Direction, Disposition }: CallTypes) {
  /** With the service plugin on, an input also takes `ticketId` (read back by `ticketId(input)`). */
  const withTicket = <F extends object>(t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0], fields: F): F =>
    tickets ? { ...fields, ticketId: t.globalID({ description: "One of the call's customer's service tickets." }) } : fields;

  const LogCallInputRef = builder.inputType('LogCallInput', {
    fields: (t) => withTicket(t, {
      direction: t.field({ type: Direction, required: true }),
      from: t.string({ required: true, description: 'Any writing; stored as given and in E.164.' }),
      to: t.string({ required: true }),
      customerId: t.globalID({ for: refs.Customer, description: "Omitted: matched by the other party's number." }),
      contactId: t.globalID({ for: refs.Contact }),
      agentId: t.globalID({ for: refs.User, description: 'Omitted: you.' }),
      queueId: t.globalID({ for: refs.Team }),
      startedAt: t.field({ type: 'DateTime', required: true }),
      answeredAt: t.field({ type: 'DateTime' }),
      endedAt: t.field({ type: 'DateTime', required: true }),
      disposition: t.field({ type: Disposition, description: 'Omitted: ANSWERED when answeredAt is given, else MISSED (inbound) or NO_ANSWER.' }),
      outcome: t.string({ description: 'One of callOutcomes.' }),
      recordingUrl: t.string(),
      notes: t.string(),
    }),
  });
  const UpdateCallInputRef = builder.inputType('UpdateCallInput', {
    fields: (t) => withTicket(t, {
      id: t.globalID({ required: true, for: Call }),
      version: t.int({ required: true }),
      outcome: t.string({ description: 'One of callOutcomes; null clears it.' }),
      notes: t.string(),
      recordingUrl: t.string(),
    }),
  });
  const ScheduleCallbackInputRef = builder.inputType('ScheduleCallbackInput', {
    fields: (t) => ({
      callId: t.globalID({ required: true, for: Call }),
      dueAt: t.field({ type: 'DateTime', required: true, description: 'When to call back.' }),
      remindAt: t.field({ type: 'DateTime', description: 'When the assignee is reminded; by default a configured lead time before dueAt.' }),
      assigneeId: t.globalID({ for: refs.User, description: 'Who calls back; omitted: you.' }),
      note: t.string(),
    }),
  });

  const CallPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ call: { id: string } }>(name).implement({
    fields: (t) => ({ call: t.field({ nullable: true, type: Call, resolve: (p) => p.call as never }) }),
  }),
  );
  const ScheduleCallbackPayload = builder.objectRef<{ call: { id: string }; activity: { id: string } }>('ScheduleCallbackPayload').implement({
    fields: (t) => ({
      call: t.field({ nullable: true, type: Call, resolve: (p) => p.call as never }),
      task: t.field({ nullable: true, type: refs.Activity, description: 'The follow-up task (kind CALL).', resolve: (p) => p.activity as never }),
    }),
  });
  withUserErrors(builder, ScheduleCallbackPayload);
  const ticketId = (input: object) => rawId((input as { ticketId?: { id: string } | null }).ticketId);

  builder.mutationFields((t) => ({
    logCall: t.field({
      type: CallPayload('LogCallPayload'),
      description: 'Logs a call by hand. A missed inbound call from a known customer gets a callback task when so configured.',
      args: { input: t.arg({ type: LogCallInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        call: await logCall(ctx, config, {
          ...input,
          customerId: rawId(input.customerId),
          contactId: rawId(input.contactId),
          agentId: rawId(input.agentId),
          queueId: rawId(input.queueId),
          ticketId: ticketId(input),
        } as LogCallInput),
      }),
    }),
    updateCall: t.field({
      type: CallPayload('UpdateCallPayload'),
      description: `Notes, outcome${tickets ? ', recording or linked ticket' : ' or recording'} of a call you took, manage or whose customer you may change.`,
      args: { input: t.arg({ type: UpdateCallInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        call: await updateCall(ctx, config, { ...input, id: input.id.id, ticketId: ticketId(input) }),
      }),
    }),
    scheduleCallback: t.field({
      type: ScheduleCallbackPayload,
      description: 'Promises a callback: a follow-up task for the assignee, who is reminded (TASK_DUE_SOON) and alerted when it is overdue (TASK_OVERDUE).',
      args: { input: t.arg({ type: ScheduleCallbackInputRef, required: true }) },
      resolve: (_root, { input }, ctx) =>
        scheduleCallback(ctx, config, { ...input, callId: input.callId.id, assigneeId: rawId(input.assigneeId), note: input.note }),
    }),
  }));
}

function registerStatistics(builder: RapportBuilder, refs: CoreRefs) {
  const Period = builder.enumType('CallStatisticsPeriod', { values: ['DAY', 'WEEK', 'MONTH'] as const });
  const Filter = builder.inputType('CallStatisticsFilter', {
    fields: (t) => ({
      from: t.field({ type: 'DateTime', description: 'Calls started (callbacks due) at or after this instant.' }),
      to: t.field({ type: 'DateTime', description: 'Calls started (callbacks due) before this instant.' }),
      agentIds: t.globalIDList({ for: refs.User, description: 'Calls these agents have; callbacks assigned to them.' }),
      queueIds: t.globalIDList({ for: refs.Team }),
    }),
  });
  const Stats = builder.objectRef<CallStats>('CallStats').implement({
    fields: (t) => ({
      inbound: t.exposeInt('inbound'),
      outbound: t.exposeInt('outbound'),
      answered: t.exposeInt('answered', { description: 'Inbound calls an agent answered.' }),
      missed: t.exposeInt('missed', { description: 'Inbound calls that ended unanswered (missed, voicemail, busy, failed, no answer).' }),
      answerRate: t.exposeFloat('answerRate', { nullable: true, description: 'answered / (answered + missed).' }),
      averageHandleSeconds: t.exposeFloat('averageHandleSeconds', { nullable: true, description: 'Mean talk time of answered calls.' }),
      averageWaitSeconds: t.exposeFloat('averageWaitSeconds', { nullable: true, description: 'Mean ring time of ended inbound calls.' }),
      callbacks: t.exposeInt('callbacks', { description: 'Callbacks due.' }),
      callbacksDoneOnTime: t.exposeInt('callbacksDoneOnTime', { description: 'Of those, completed no later than due.' }),
      callbackOnTimeRate: t.exposeFloat('callbackOnTimeRate', { nullable: true }),
    }),
  });
  type Row = { key: string | null; stats: CallStats };
  type Owned<T> = Row & { owner: T | null };
  const AgentStats = builder.objectRef<Owned<typeof refs.User.$inferType>>('CallAgentStats').implement({
    fields: (t) => ({
      agent: t.field({ type: refs.User, nullable: true, description: 'Null: calls nobody took.', resolve: (row) => row.owner }),
      stats: t.field({ type: Stats, resolve: (row) => row.stats }),
    }),
  });
  const QueueStats = builder.objectRef<Owned<typeof refs.Team.$inferType>>('CallQueueStats').implement({
    fields: (t) => ({
      queue: t.field({ type: refs.Team, nullable: true, description: 'Null: calls on no queue.', resolve: (row) => row.owner }),
      stats: t.field({ type: Stats, resolve: (row) => row.stats }),
    }),
  });
  const PeriodStats = builder.objectRef<Row>('CallPeriodStats').implement({
    fields: (t) => ({
      start: t.field({ type: 'DateTime', description: 'First instant of the period (UTC).', resolve: (row) => new Date(`${row.key}T00:00:00Z`) }),
      stats: t.field({ type: Stats, resolve: (row) => row.stats }),
    }),
  });
  const Statistics = builder.objectRef<CallStatsFilter>('CallStatistics').implement({
    description:
      'Call-center figures computed by the database, over the calls your statistics cover: all with customer.readAll, else your own and, as a manager, your teams’.',
    fields: (t) => ({
      overall: t.field({ type: Stats, resolve: async (filter, _args, ctx) => (await callStatistics(ctx.reportDb, ctx.viewer, filter, null))[0]!.stats }),
      perAgent: t.field({
        type: [AgentStats],
        description: 'Busiest first.',
        resolve: async (filter, _args, ctx) => {
          const rows = await callStatistics(ctx.reportDb, ctx.viewer, filter, 'AGENT');
          const users = await ctx.prisma.user.findMany({ where: { id: { in: keysOf(rows) } } });
          return withOwners(rows, users);
        },
      }),
      perQueue: t.field({
        type: [QueueStats],
        description: 'Busiest first.',
        resolve: async (filter, _args, ctx) => {
          const rows = await callStatistics(ctx.reportDb, ctx.viewer, filter, 'QUEUE');
          const teams = await ctx.prisma.team.findMany({ where: { id: { in: keysOf(rows) } } });
          return withOwners(rows, teams);
        },
      }),
      perPeriod: t.field({
        type: [PeriodStats],
        description: 'Per UTC day, ISO week or month, oldest first; periods without calls or callbacks are left out.',
        args: { period: t.arg({ type: Period, required: true, defaultValue: 'WEEK' }) },
        resolve: (filter, args, ctx) => callStatistics(ctx.reportDb, ctx.viewer, filter, { period: args.period }),
      }),
    }),
  });
  builder.queryField('callStatistics', (t) =>
    t.field({
      type: Statistics,
      args: { filter: t.arg({ type: Filter }) },
      resolve: (_root, { filter }) =>
        checkStatsFilter(
          filter && { from: filter.from, to: filter.to, agentIds: filter.agentIds?.map((u) => u.id), queueIds: filter.queueIds?.map((q) => q.id) },
        ),
    }),
  );
}

const keysOf = (rows: Array<{ key: string | null }>) => rows.flatMap((r) => (r.key ? [r.key] : []));

/** Each row with the user or team its key names, loaded in one query for all rows. */
function withOwners<R extends { key: string | null }, T extends { id: string }>(rows: R[], owners: T[]): Array<R & { owner: T | null }> {
  const byId = new Map(owners.map((o) => [o.id, o]));
  return rows.map((row) => ({ ...row, owner: row.key ? (byId.get(row.key) ?? null) : null }));
}
