import { encodeGlobalID } from '@pothos/plugin-relay';
import type { RapportContext } from '../context.js';
import { notFound } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { isUuid } from '../shared/ids.js';
import { pushIterator } from '../shared/iterator.js';
import type { FiredAlert } from './bus.js';
import { alertReaches, alertsVisibleTo, type AlertKindDefinition } from './service.js';
import { actingUserId } from '../auth/viewer.js';
import { readerOf } from '../shared/reader.js';
import type { GraphQLResolveInfo } from 'graphql';
import { renderAlert, type AlertCatalogue, type AlertParams } from './messages.js';
import { withUserErrors } from '../schema/user-errors.js';

function ownAlerts(ctx: RapportContext, filter: { unreadOnly?: boolean | null; kinds?: string[] | null }): Prisma.AlertWhereInput {
  return {
    AND: [alertsVisibleTo(ctx.viewer)],
    ...(filter.unreadOnly ? { readAt: null } : {}),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
  };
}

type StoredAlert = { kind: string; title: string; body: string | null; params: unknown };

export function registerAlertSchema(builder: RapportBuilder, kinds: readonly AlertKindDefinition[], catalogue: AlertCatalogue) {
  /**
   * The kind's message in the reader's language and zone; the stored text for alerts raised without
   * parameters. A live stream reads the viewer's settings per pushed alert (one lookup per event), so
   * it follows a language changed while it is open.
   */
  const rendered = async (alert: StoredAlert, ctx: RapportContext, info: GraphQLResolveInfo) => {
    if (alert.params == null || typeof alert.params !== 'object') return { title: alert.title, body: alert.body };
    const { language, timeZone } = await readerOf(ctx, info.operation.operation === 'subscription' ? alert : undefined);
    return renderAlert(catalogue, alert.kind, alert.params as AlertParams, language, timeZone) ?? { title: alert.title, body: alert.body };
  };

  const AlertKind = builder.enumType('AlertKind', {
    values: Object.fromEntries(kinds.map((k) => [k.kind, { description: k.description }])),
  });

  const Alert = builder.prismaNode('Alert', {
    id: { field: 'id' },
    findUnique: (id, ctx) => ({ id, AND: [alertsVisibleTo(ctx.viewer)] }),
    description: 'A notice for the viewer: a due follow-up, an assignment, a breached SLA, ...',
    fields: (t) => ({
      kind: t.field({ type: AlertKind, resolve: (a) => a.kind as never }),
      title: t.string({
        description: "In the viewer's language (their locale) and time zone.",
        resolve: async (a, _args, ctx, info) => (await rendered(a, ctx, info)).title,
      }),
      body: t.string({
        nullable: true,
        description: "In the viewer's language (their locale) and time zone.",
        resolve: async (a, _args, ctx, info) => (await rendered(a, ctx, info)).body,
      }),
      subject: t.field({
        type: builder.nodeInterfaceRef(),
        nullable: true,
        description: 'What the alert is about (a task, ticket, customer, ...); null when it names none or you may no longer see it.',
        // Through Query.node, so the subject's own visibility rules and loaders apply.
        resolve: (a, _args, ctx, info) => {
          if (!a.entityType || !a.entityId) return null;
          const node = info.schema.getQueryType()!.getFields().node!;
          return node.resolve!({}, { id: encodeGlobalID(a.entityType, a.entityId) }, ctx, info) as never;
        },
      }),
      entityId: t.id({
        nullable: true,
        description: 'Global id of what the alert is about; fetch it with node(id).',
        deprecationReason: 'Use `subject`.',
        resolve: (a) => (a.entityType && a.entityId ? encodeGlobalID(a.entityType, a.entityId) : null),
      }),
      entityType: t.exposeString('entityType', { nullable: true, description: 'Type name of what the alert is about.', deprecationReason: 'Use `subject { __typename }`.' }),
      fireAt: t.expose('fireAt', { type: 'DateTime' }),
      firedAt: t.expose('firedAt', { type: 'DateTime', nullable: true }),
      readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
      isRead: t.boolean({ resolve: (a) => a.readAt !== null }),
    }),
  });

  builder.queryFields((t) => ({
    alerts: t.prismaConnection(
      {
        type: 'Alert',
        cursor: 'id',
        description: "The viewer's fired alerts, newest first; those fired while offline wait here.",
        args: { unreadOnly: t.arg.boolean(), kinds: t.arg({ type: [AlertKind] }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.alert.findMany({ ...query, where: ownAlerts(ctx, args), orderBy: [{ firedAt: 'desc' }, { id: 'desc' }] }),
        totalCount: (_c, args, ctx) => ctx.prisma.alert.count({ where: ownAlerts(ctx, args) }),
      },
      { name: 'AlertConnection' },
      { name: 'AlertEdge' },
    ),
    unreadAlertCount: t.int({
      resolve: (_root, _args, ctx) => ctx.prisma.alert.count({ where: ownAlerts(ctx, { unreadOnly: true }) }),
    }),
  }));

  const MarkReadInput = builder.inputType('MarkAlertReadInput', {
    description: 'Which alert to mark read.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Alert, description: 'The alert.' }) }),
  });
  const MarkReadPayload = builder.objectRef<{ alert: unknown }>('MarkAlertReadPayload').implement({
    description: 'The alert, now read.',
    fields: (t) => ({ alert: t.field({ type: Alert, nullable: true, description: 'The alert, read since now (or since it was first read).', resolve: (p) => p.alert as never }) }),
  });
  withUserErrors(builder, MarkReadPayload);
  const MarkAllReadInput = builder.inputType('MarkAllAlertsReadInput', {
    description: 'Which of your alerts to mark read.',
    fields: (t) => ({ kinds: t.field({ type: [AlertKind], description: 'Only alerts of these kinds (default: every kind).' }) }),
  });
  const MarkAllReadPayload = builder.objectRef<{ markedCount: number }>('MarkAllAlertsReadPayload').implement({
    description: 'How many alerts were marked read.',
    fields: (t) => ({ markedCount: t.exposeInt('markedCount', { nullable: true, description: 'How many unread alerts were marked read.' }) }),
  });
  withUserErrors(builder, MarkAllReadPayload);

  builder.mutationFields((t) => ({
    markAlertRead: t.field({
      type: MarkReadPayload,
      description: 'Marks one of your alerts read (again: it keeps its first read time).',
      args: { input: t.arg({ type: MarkReadInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const where = { ...ownAlerts(ctx, {}), id: isUuid(input.id.id) ? input.id.id : undefined };
        if (!where.id) throw notFound('Alert');
        await ctx.prisma.alert.updateMany({ where: { ...where, readAt: null }, data: { readAt: ctx.clock.now() } });
        const alert = await ctx.prisma.alert.findFirst({ where });
        if (!alert) throw notFound('Alert');
        return { alert };
      },
    }),
    markAllAlertsRead: t.field({
      type: MarkAllReadPayload,
      description: 'Marks every fired alert of yours read (or those of the kinds given).',
      args: { input: t.arg({ type: MarkAllReadInput }) },
      resolve: async (_root, { input }, ctx) => {
        const where = ownAlerts(ctx, { unreadOnly: true, kinds: input?.kinds as string[] | null | undefined });
        return { markedCount: (await ctx.prisma.alert.updateMany({ where, data: { readAt: ctx.clock.now() } })).count };
      },
    }),
  }));

  builder.subscriptionField('alerts', (t) =>
    t.field({
      type: Alert,
      description: "The viewer's alerts as they fire (graphql-ws or SSE).",
      args: { kinds: t.arg({ type: [AlertKind] }) },
      // Like the alerts list, for viewers holding customer.read (an API key: within its scopes).
      authScopes: { permission: 'customer.read' },
      subscribe: (_root, args, ctx) => {
        const viewerId = actingUserId(ctx.viewer);
        if (!viewerId) throw notFound('Viewer');
        const wanted = args.kinds?.length ? new Set<string>(args.kinds) : null;
        return pushIterator<FiredAlert>((push) =>
          ctx.alertBus.subscribe(viewerId, (alert) => {
            // The row rule again for each alert, with the viewer as re-checked for this stream.
            if ((!wanted || wanted.has(alert.kind)) && alertReaches(ctx.viewer, alert)) push(alert);
          }),
        );
      },
      resolve: (alert) => alert as never,
    }),
  );

  return { Alert, AlertKind };
}
