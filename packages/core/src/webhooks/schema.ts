import { encodeGlobalID } from '@pothos/plugin-relay';
import { can } from '../auth/viewer.js';
import { NOTHING } from '../auth/visibility.js';
import { WebhookDeliveryStatus, WebhookEndpointStatus, type Prisma } from '../../generated/prisma/client.js';
import type { RapportContext } from '../context.js';
import { storedMessageIn } from '../error-messages.js';
import { readerOf } from '../shared/reader.js';
import type { RapportBuilder } from '../schema/builder.js';
import { withUserErrors } from '../schema/user-errors.js';
import { webhookMessageId } from './delivery.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  pauseWebhookEndpoint,
  redeliverWebhookDelivery,
  resumeWebhookEndpoint,
  updateWebhookEndpoint,
  type WebhookContext,
} from './service.js';

const manages = (ctx: RapportContext): Prisma.WebhookEndpointWhereInput => (can(ctx.viewer, 'webhook.manage') ? {} : NOTHING);

/** Outbound webhooks, for holders of webhook.manage (admins by default): endpoints, delivery logs, redelivery. */
export function registerWebhookSchema(builder: RapportBuilder, eventTypes: ReadonlyMap<string, string>) {
  const context = (ctx: RapportContext): WebhookContext => ({ ...ctx, eventTypes, settings: ctx.config.webhooks });
  const EndpointStatus = builder.enumType(WebhookEndpointStatus, { name: 'WebhookEndpointStatus' });
  const DeliveryStatus = builder.enumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

  const EventType = builder.objectRef<{ type: string; description: string }>('WebhookEventType').implement({
    description: 'An event endpoints can subscribe to: core emits some, each enabled plugin declares its own.',
    fields: (t) => ({ type: t.exposeString('type', { description: 'e.g. customer.created.' }), description: t.exposeString('description') }),
  });

  builder.prismaObject('WebhookDeliveryAttempt', {
    description: 'One request of a delivery.',
    fields: (t) => ({
      attemptedAt: t.expose('attemptedAt', { type: 'DateTime' }),
      succeeded: t.exposeBoolean('succeeded', { description: 'The receiver answered 2xx.' }),
      statusCode: t.exposeInt('statusCode', { nullable: true, description: 'Null when no answer came (refused, timed out, private address).' }),
      responseTimeMs: t.exposeInt('responseTimeMs'),
      error: t.exposeString('error', { nullable: true }),
    }),
  });

  const Delivery = builder.prismaNode('WebhookDelivery', {
    id: { field: 'id' },
    description: 'One event for one endpoint, with every attempt to send it (webhook.manage).',
    findUnique: (id, ctx) => ({ id, endpoint: manages(ctx) }),
    fields: (t) => ({
      webhookId: t.string({ description: 'The webhook-id header: the same on every attempt and redelivery, for the receiver to deduplicate.', resolve: (d) => webhookMessageId(d.id) }),
      eventType: t.string({ select: { event: { select: { type: true } } }, resolve: (d) => d.event.type }),
      payload: t.field({ type: 'JSON', description: 'The body sent: { type, timestamp, data }.', select: { event: { select: { payload: true } } }, resolve: (d) => d.event.payload }),
      status: t.field({ type: DeliveryStatus, resolve: (d) => d.status }),
      attemptCount: t.exposeInt('attemptCount'),
      nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried next (while PENDING and its endpoint is active).', resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null) }),
      deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      endpoint: t.relation('endpoint'),
      attempts: t.relation('attempts', { description: 'Newest first (the last 50).', query: { orderBy: [{ attemptedAt: 'desc' }, { id: 'desc' }], take: 50 } }),
    }),
  });

  const Endpoint = builder.prismaNode('WebhookEndpoint', {
    id: { field: 'id' },
    description: 'A URL receiving the events it subscribes to, signed per Standard Webhooks (webhook.manage). Its secret is shown once, at creation.',
    findUnique: (id, ctx) => ({ id, AND: [manages(ctx)] }),
    fields: (t) => ({
      url: t.exposeString('url'),
      description: t.exposeString('description', { nullable: true }),
      eventTypes: t.exposeStringList('eventTypes'),
      status: t.field({ type: EndpointStatus, resolve: (e) => e.status }),
      pausedAt: t.expose('pausedAt', { type: 'DateTime', nullable: true }),
      pausedReason: t.string({
        nullable: true,
        description: "Why it is paused, in the viewer's language (their locale, else Accept-Language).",
        resolve: async (e, _args, ctx) => (e.pausedReason ? storedMessageIn((await readerOf(ctx)).language, e.pausedReason) : null),
      }),
      consecutiveFailures: t.exposeInt('consecutiveFailures', { description: 'Failed attempts in a row (0 after a success).' }),
      createdBy: t.prismaField({
        type: 'User',
        nullable: true,
        resolve: (query, e, _args, ctx) => (e.createdById ? ctx.prisma.user.findUnique({ ...query, where: { id: e.createdById } }) : null),
      }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      deliveries: t.relatedConnection(
        'deliveries',
        {
          cursor: 'id',
          totalCount: true,
          description: 'The delivery log, newest first.',
          args: { status: t.arg({ type: DeliveryStatus }) },
          query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: [{ createdAt: 'desc' }, { sequence: 'desc' }, { id: 'desc' }] }),
        },
        { name: 'WebhookDeliveryConnection' },
        { name: 'WebhookDeliveryEdge' },
      ),
    }),
  });

  builder.queryFields((t) => ({
    webhookEndpoints: t.prismaConnection(
      {
        type: 'WebhookEndpoint',
        cursor: 'id',
        description: 'Outbound webhook endpoints, newest first (webhook.manage).',
        authScopes: { permission: 'webhook.manage' },
        resolve: (query, _root, _args, ctx) => ctx.prisma.webhookEndpoint.findMany({ ...query, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
        totalCount: (_connection, _args, ctx) => ctx.prisma.webhookEndpoint.count(),
      },
      { name: 'WebhookEndpointConnection' },
      { name: 'WebhookEndpointEdge' },
    ),
    webhookEventTypes: t.field({
      type: [EventType],
      description: 'The event types of this deployment: core’s and the enabled plugins’ (webhook.manage).',
      authScopes: { permission: 'webhook.manage' },
      resolve: () => [...eventTypes].map(([type, description]) => ({ type, description })),
    }),
  }));

  const CreateInput = builder.inputType('CreateWebhookEndpointInput', {
    fields: (t) => ({
      url: t.string({ required: true, description: 'http(s); private and loopback addresses only with RAPPORT_WEBHOOK_ALLOW_PRIVATE=1.' }),
      description: t.string(),
      eventTypes: t.stringList({ required: true, description: 'e.g. ["customer.created", "ticket.opened"] (see webhookEventTypes).' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateWebhookEndpointInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Endpoint }),
      version: t.int({ required: true }),
      url: t.string(),
      description: t.string(),
      eventTypes: t.stringList(),
    }),
  });
  const ByIdInput = (name: string) =>
    builder.inputType(name, { fields: (t) => ({ id: t.globalID({ required: true, for: Endpoint }) }) });
  const RedeliverInput = builder.inputType('RedeliverWebhookDeliveryInput', { fields: (t) => ({ id: t.globalID({ required: true, for: Delivery }) }) });

  type EndpointRow = { id: string };
  const CreatePayload = builder.objectRef<{ endpoint: EndpointRow; secret: string }>('CreateWebhookEndpointPayload').implement({
    description: 'The endpoint subscribed, with its signing secret.',
    fields: (t) => ({
      endpoint: t.field({ type: Endpoint, nullable: true, description: 'The new endpoint; null when nothing was written.', resolve: (p) => p.endpoint as never }),
      secret: t.exposeString('secret', { nullable: true, description: 'The signing secret (whsec_…), for Webhook.verify on the receiver. Shown only now.' }),
    }),
  });
  withUserErrors(builder, CreatePayload);
  // One payload type per mutation (docs/graph-conventions.md), each holding the endpoint as it is now.
  const endpointPayload = (name: string, description: string) => {
    const ref = builder.objectRef<{ endpoint: EndpointRow }>(name).implement({
      description,
      fields: (t) => ({ endpoint: t.field({ type: Endpoint, nullable: true, description: 'The endpoint as it is now; null when nothing was written.', resolve: (p) => p.endpoint as never }) }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const UpdatePayload = endpointPayload('UpdateWebhookEndpointPayload', 'The endpoint changed.');
  const PausePayload = endpointPayload('PauseWebhookEndpointPayload', 'The endpoint paused.');
  const ResumePayload = endpointPayload('ResumeWebhookEndpointPayload', 'The endpoint resumed.');
  const DeletePayload = builder.objectRef<{ deletedId: string }>('DeleteWebhookEndpointPayload').implement({
    description: 'Which endpoint was deleted.',
    fields: (t) => ({
      deletedId: t.id({ nullable: true, description: 'Global id of the deleted endpoint; null when nothing was deleted.', resolve: (p) => encodeGlobalID('WebhookEndpoint', p.deletedId) }),
    }),
  });
  withUserErrors(builder, DeletePayload);
  const RedeliverPayload = builder.objectRef<{ delivery: { id: string } }>('RedeliverWebhookDeliveryPayload').implement({
    description: 'The delivery queued again.',
    fields: (t) => ({ delivery: t.field({ type: Delivery, nullable: true, description: 'The delivery, PENDING again; null when nothing was written.', resolve: (p) => p.delivery as never }) }),
  });
  withUserErrors(builder, RedeliverPayload);

  builder.mutationFields((t) => ({
    createWebhookEndpoint: t.field({
      type: CreatePayload,
      description: 'Subscribes a URL to event types, with a new signing secret returned only here (webhook.manage).',
      args: { input: t.arg({ type: CreateInput, required: true }) },
      resolve: (_root, { input }, ctx) => createWebhookEndpoint(context(ctx), { url: input.url, description: input.description, eventTypes: input.eventTypes }),
    }),
    updateWebhookEndpoint: t.field({
      type: UpdatePayload,
      description: 'Changes an endpoint’s URL, description or event types (webhook.manage).',
      args: { input: t.arg({ type: UpdateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        endpoint: await updateWebhookEndpoint(context(ctx), {
          id: input.id.id,
          version: input.version,
          ...(input.url != null ? { url: input.url } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.eventTypes != null ? { eventTypes: input.eventTypes } : {}),
        }),
      }),
    }),
    pauseWebhookEndpoint: t.field({
      type: PausePayload,
      description: 'Stops sending to the endpoint; its events wait and go out in order once resumed.',
      args: { input: t.arg({ type: ByIdInput('PauseWebhookEndpointInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ endpoint: await pauseWebhookEndpoint(ctx, { id: input.id.id }) }),
    }),
    resumeWebhookEndpoint: t.field({
      type: ResumePayload,
      description: 'Sends to a paused endpoint again, starting with what waited.',
      args: { input: t.arg({ type: ByIdInput('ResumeWebhookEndpointInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ endpoint: await resumeWebhookEndpoint(ctx, { id: input.id.id }) }),
    }),
    deleteWebhookEndpoint: t.field({
      type: DeletePayload,
      description: 'Deletes an endpoint with its delivery log (webhook.manage).',
      args: { input: t.arg({ type: ByIdInput('DeleteWebhookEndpointInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ deletedId: await deleteWebhookEndpoint(ctx, { id: input.id.id }) }),
    }),
    redeliverWebhookDelivery: t.field({
      type: RedeliverPayload,
      description: 'Sends a delivery again with the same webhook-id (the receiver may deduplicate it).',
      args: { input: t.arg({ type: RedeliverInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ delivery: await redeliverWebhookDelivery(ctx, { id: input.id.id }) }),
    }),
  }));
  return { WebhookEndpoint: Endpoint, WebhookDelivery: Delivery };
}
