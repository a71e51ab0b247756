import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import { perClient, TableReadCache } from '../db/changes.js';

/** An event type core or a plugin emits: `area.happening`, lower case (e.g. `ticket.opened`). */
export interface WebhookEventDefinition {
  type: string;
  description: string;
}

/** The event types core emits; plugins add their own through `webhookEvents` (docs/webhooks.md). */
export const CORE_WEBHOOK_EVENTS = [
  { type: 'customer.created', description: 'A customer was created.' },
  { type: 'customer.updated', description: "A customer's fields were changed." },
  { type: 'customer.transferred', description: 'A customer got a new owner: given to another user, or claimed from the public pool.' },
  { type: 'customer.released_to_pool', description: 'A customer went back to the public pool (released, given back, or nobody followed it up).' },
  { type: 'activity.completed', description: 'An activity (a call, visit, task, …) was completed or logged as done.' },
  { type: 'task.overdue', description: 'An open follow-up passed its due time.' },
] as const satisfies readonly WebhookEventDefinition[];

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Core's event types and the enabled plugins'; a malformed or repeated type is a start-up error. */
export function webhookEventCatalog(declared: readonly WebhookEventDefinition[] = []): ReadonlyMap<string, string> {
  const catalog = new Map<string, string>(CORE_WEBHOOK_EVENTS.map((e) => [e.type, e.description]));
  for (const { type, description } of declared) {
    if (!EVENT_TYPE.test(type)) throw new Error(`Webhook event type "${type}" must look like area.happening (lower case)`);
    if (catalog.has(type)) throw new Error(`Webhook event type ${type} is declared twice`);
    catalog.set(type, description);
  }
  return catalog;
}

export interface WebhookEventInput {
  type: string;
  /** What it is about, as a GraphQL type name and database id: events of one entity reach each endpoint in order. */
  entity: { type: string; id: string };
  /** The payload's `data`: ids as the graph's global ids. */
  data: Record<string, unknown>;
}

/** The graph's global id of a row, as payloads carry it. */
export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}

/** How long this process trusts the subscribed event types it read, unless a write to an endpoint (here or, over the alert bus, elsewhere) drops them first. */
const SUBSCRIBED_CACHE_MS = 5_000;

/** The event types some endpoint lists (active or paused), as this process read them lately, per database client; see db/changes.ts. */
const subscribedTypes = perClient((prisma) => new TableReadCache<'all', ReadonlySet<string>>(prisma, 'WebhookEndpoint', SUBSCRIBED_CACHE_MS));

/** `db` reads them when the copy is stale: the transaction, as on PGlite a query beside it would wait forever. */
function readSubscribedTypes(client: object, db: Prisma.TransactionClient): Promise<ReadonlySet<string>> {
  return subscribedTypes(client).get('all', () => db.webhookEndpoint.findMany({ select: { eventTypes: true } }).then((rows) => new Set(rows.flatMap((r) => r.eventTypes))));
}

/**
 * Writes events to the outbox. Pass the transaction of the change that caused them: the event exists
 * if and only if the change does. One statement: an event nobody subscribes to (no endpoint lists its
 * type, active or paused) is not stored; one delivery per subscribed endpoint is. Given `client`,
 * the one the transaction was opened on, events of types no endpoint lists cost no statement at all.
 */
export async function emitWebhookEvents(
  db: Prisma.TransactionClient,
  all: readonly WebhookEventInput[],
  now: Date,
  client?: object,
): Promise<void> {
  const subscribed = client && all.length ? await readSubscribedTypes(client, db) : null;
  const events = subscribed ? all.filter((event) => subscribed.has(event.type)) : all;
  if (events.length === 0) return;
  const rows = events.map((event, ord) => ({
    ord,
    id: randomUUID(),
    type: event.type,
    entityType: event.entity.type,
    entityId: event.entity.id,
    payload: { type: event.type, timestamp: now.toISOString(), data: event.data },
  }));
  await db.$executeRaw`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x("ord" int, "id" uuid, "type" text, "entityType" text, "entityId" text, "payload" jsonb)
    ), wanted AS (
      SELECT i."id" AS "eventId", e."id" AS "endpointId" FROM input i JOIN "WebhookEndpoint" e ON i."type" = ANY(e."eventTypes")
    ), events AS (
      INSERT INTO "WebhookEvent" ("id", "type", "entityType", "entityId", "payload", "occurredAt")
      SELECT i."id", i."type", i."entityType", i."entityId", i."payload", ${now}
      FROM input i WHERE EXISTS (SELECT 1 FROM wanted w WHERE w."eventId" = i."id") ORDER BY i."ord"
      RETURNING "id", "sequence", "entityType", "entityId"
    )
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "entityKey", "sequence", "status", "attemptCount", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid(), w."endpointId", ev."id", ev."entityType" || ':' || ev."entityId", ev."sequence", 'PENDING', 0, ${now}, ${now}
    FROM events ev JOIN wanted w ON w."eventId" = ev."id"`;
}

interface CustomerLike {
  id: string;
  number?: number | null;
  name: string;
  kind?: string | null;
  stage?: string | null;
  tier?: string | null;
  ownerId: string | null;
  version: number;
  updatedAt?: Date | null;
}

/** A customer as payloads carry it. */
export function customerData(customer: CustomerLike): Record<string, unknown> {
  return {
    id: globalId('Customer', customer.id),
    name: customer.name,
    kind: customer.kind ?? null,
    stage: customer.stage ?? null,
    tier: customer.tier ?? null,
    ownerId: customer.ownerId ? globalId('User', customer.ownerId) : null,
    version: customer.version,
  };
}

export function customerEvent(type: string, customer: CustomerLike, extra: Record<string, unknown> = {}): WebhookEventInput {
  return { type, entity: { type: 'Customer', id: customer.id }, data: { customer: customerData(customer), ...extra } };
}

interface ActivityLike {
  id: string;
  customerId: string;
  kind: string;
  subject: string;
  ownerId: string;
  assigneeId: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  outcome?: string | null;
  version: number;
}

export function activityEvent(type: string, activity: ActivityLike): WebhookEventInput {
  const user = (id: string | null) => (id ? globalId('User', id) : null);
  return {
    type,
    entity: { type: 'Activity', id: activity.id },
    data: {
      activity: {
        id: globalId('Activity', activity.id),
        customerId: globalId('Customer', activity.customerId),
        kind: activity.kind,
        subject: activity.subject,
        ownerId: user(activity.ownerId),
        assigneeId: user(activity.assigneeId),
        dueAt: activity.dueAt?.toISOString() ?? null,
        completedAt: activity.completedAt?.toISOString() ?? null,
        outcome: activity.outcome ?? null,
        version: activity.version,
      },
    },
  };
}
