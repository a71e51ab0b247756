import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, requirePermission } from '../auth/viewer.js';
import { fieldError, InputError, notFound, type FieldError } from '../errors.js';
import { storedMessage } from '../error-messages.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules } from '../validation.js';
import type { WebhookSettings } from './settings.js';
import { endpointUrlProblem } from './ssrf.js';

export interface WebhookContext extends ServiceContext {
  /** Event types that exist in this deployment (core's and the enabled plugins'). */
  eventTypes: ReadonlyMap<string, string>;
  settings: Pick<WebhookSettings, 'allowPrivate'>;
}

/** A new signing secret in the Standard Webhooks format: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const eventTypesField = z
  .array(z.string().trim())
  .min(1, 'webhook.atLeastOneEvent')
  .max(100)
  .transform((types) => [...new Set(types)]);

const createInput = z.object({
  url: z.string().trim().max(2_000, 'webhook.urlMaxCharacters'),
  description: rules.optionalText(500),
  eventTypes: eventTypesField,
});

const updateInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  url: z.string().trim().max(2_000, 'webhook.urlMaxCharacters').optional(),
  description: rules.optionalText(500),
  eventTypes: eventTypesField.optional(),
});

/** Columns the graph and the audit log see: never the secret. */
const PUBLIC = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  status: true,
  pausedAt: true,
  pausedReason: true,
  consecutiveFailures: true,
  failingSince: true,
  createdById: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

async function checkEndpoint(ctx: WebhookContext, fields: { url?: string | undefined; eventTypes?: string[] | undefined }): Promise<void> {
  const problems: FieldError[] = [];
  if (fields.url !== undefined) {
    const problem = await endpointUrlProblem(fields.url, ctx.settings.allowPrivate);
    if (problem) problems.push({ field: 'url', message: problem });
  }
  for (const [index, type] of (fields.eventTypes ?? []).entries()) {
    if (!ctx.eventTypes.has(type)) problems.push(fieldError(`eventTypes.${index}`, 'webhook.unknownEventType', { type }));
  }
  if (problems.length) throw new InputError(problems);
}

async function endpointToChange(ctx: ServiceContext, id: string) {
  requirePermission(ctx.viewer, 'webhook.manage');
  const endpoint = isUuid(id) ? await ctx.prisma.webhookEndpoint.findUnique({ where: { id }, select: PUBLIC }) : null;
  if (!endpoint) throw notFound('WebhookEndpoint');
  return endpoint;
}

/** Creates an endpoint with a new secret, returned only here. */
export async function createWebhookEndpoint(ctx: WebhookContext, input: z.input<typeof createInput>) {
  requirePermission(ctx.viewer, 'webhook.manage');
  const fields = parseInput(createInput, input);
  await checkEndpoint(ctx, fields);
  const secret = newWebhookSecret();
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { ...fields, description: fields.description ?? null, secret, createdById: actingUserId(ctx.viewer), createdAt: now, updatedAt: now },
      select: PUBLIC,
    });
    await recordAudit(tx, ctx, { action: 'webhookEndpoint.create', entity: { type: 'WebhookEndpoint', id: endpoint.id }, after: endpoint });
    return { endpoint, secret };
  });
}

/** Changes the URL, description or event types, if nobody changed the endpoint since `version`. */
export async function updateWebhookEndpoint(ctx: WebhookContext, input: z.input<typeof updateInput>) {
  const { id, version, ...fields } = parseInput(updateInput, input);
  const before = await endpointToChange(ctx, id);
  await checkEndpoint(ctx, fields);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id, version },
      data: { ...fields, version: { increment: 1 }, updatedAt: ctx.clock.now() },
    });
    if (count === 0) await throwMissingOrStale('WebhookEndpoint', tx.webhookEndpoint.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: PUBLIC });
    await recordAudit(tx, ctx, { action: 'webhookEndpoint.update', entity: { type: 'WebhookEndpoint', id }, before, after });
    return after;
  });
}

/** Stops sending: events still queue for the endpoint and go out, in order, when it is resumed. */
export async function pauseWebhookEndpoint(ctx: ServiceContext, input: { id: string }) {
  const before = await endpointToChange(ctx, input.id);
  if (before.status === 'PAUSED') throw new InputError([fieldError('id', 'webhook.alreadyPaused')]);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const after = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { status: 'PAUSED', pausedAt: now, pausedReason: storedMessage('webhook.pausedByAdmin'), version: { increment: 1 }, updatedAt: now },
      select: PUBLIC,
    });
    await recordAudit(tx, ctx, { action: 'webhookEndpoint.pause', entity: { type: 'WebhookEndpoint', id: before.id }, before, after });
    return after;
  });
}

/** Sends again: what waited goes out now, in order; the failure count starts over. */
export async function resumeWebhookEndpoint(ctx: ServiceContext, input: { id: string }) {
  const before = await endpointToChange(ctx, input.id);
  if (before.status === 'ACTIVE') throw new InputError([fieldError('id', 'webhook.notPaused')]);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const after = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { status: 'ACTIVE', pausedAt: null, pausedReason: null, consecutiveFailures: 0, failingSince: null, version: { increment: 1 }, updatedAt: now },
      select: PUBLIC,
    });
    await tx.webhookDelivery.updateMany({ where: { endpointId: before.id, status: 'PENDING' }, data: { nextAttemptAt: now } });
    await recordAudit(tx, ctx, { action: 'webhookEndpoint.resume', entity: { type: 'WebhookEndpoint', id: before.id }, before, after });
    return after;
  });
}

/** Deletes the endpoint with its deliveries and their log. */
export async function deleteWebhookEndpoint(ctx: ServiceContext, input: { id: string }) {
  const before = await endpointToChange(ctx, input.id);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action: 'webhookEndpoint.delete', entity: { type: 'WebhookEndpoint', id: before.id }, before });
    return before.id;
  });
}

/**
 * Sends a delivery again (delivered or not), with the same webhook-id, as soon as its endpoint is
 * active and the earlier events of its entity went out.
 */
export async function redeliverWebhookDelivery(ctx: ServiceContext, input: { id: string }) {
  requirePermission(ctx.viewer, 'webhook.manage');
  const before = isUuid(input.id) ? await ctx.prisma.webhookDelivery.findUnique({ where: { id: input.id } }) : null;
  if (!before) throw notFound('WebhookDelivery');
  return ctx.prisma.$transaction(async (tx) => {
    const after = await tx.webhookDelivery.update({ where: { id: before.id }, data: { status: 'PENDING', nextAttemptAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, {
      action: 'webhookDelivery.redeliver',
      entity: { type: 'WebhookDelivery', id: before.id },
      before: { status: before.status, attemptCount: before.attemptCount },
      after: { status: after.status },
    });
    return after;
  });
}
