// One way for any part of Rapport to say "we were in touch with this customer": an answered call, a
// ticket reply to the customer, a campaign response. It is what makes an exchange count as contact.
import { actingUserId } from '../auth/viewer.js';
import { reclassify, rulesOf } from '../customers/classification.js';
import type { CustomerRules } from '../customers/rules-config.js';
import { recordContact } from '../customers/service.js';
import type { Activity, ActivityKind, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isInteraction } from './service.js';

type Db = Prisma.TransactionClient;

export interface Interaction {
  customerId: string;
  /** An exchange kind (CALL, EMAIL, MEETING, VISIT, MESSAGE, CARE). */
  kind: ActivityKind;
  /** When it happened (a call's end, a reply's time). */
  at: Date;
  /** Who had it: the timeline and workload count it for them; null falls back to the customer's owner. */
  byUserId: string | null;
  contactId?: string | null;
  subject: string;
  body?: string | null;
  /** What recorded it (e.g. `{ type: 'Call', id }`): the same source never makes a second activity. */
  source: { type: string; id: string };
}

export interface InteractionContext {
  now: Date;
  rules: CustomerRules;
  /** The person acting, for the tier/stage history; null for integrations and jobs. */
  actorId?: string | null;
}

/** The context of a service call (a GraphQL mutation) as recordInteraction needs it. */
export function interactionContextOf(ctx: ServiceContext): InteractionContext {
  return { now: ctx.clock.now(), rules: rulesOf(ctx), actorId: actingUserId(ctx.viewer) };
}

/**
 * Records a completed interaction in the caller's transaction: a completed activity on the customer's
 * timeline (counted in the workload of whoever had it), `lastContactedAt` moved forward, and tier and
 * stage re-evaluated. Idempotent per source: recording the same call twice changes nothing more.
 * Returns the activity, or null when nobody can hold it (no user given and the customer has no owner;
 * the contact still counts).
 */
export async function recordInteraction(db: Db, ctx: InteractionContext, interaction: Interaction): Promise<Activity | null> {
  if (!isInteraction(interaction.kind)) throw new Error(`recordInteraction: ${interaction.kind} is not an interaction kind`);
  const { customerId, source } = interaction;
  const existing = await db.activity.findUnique({ where: { sourceType_sourceId: { sourceType: source.type, sourceId: source.id } } });
  if (existing) return existing;
  const ownerId = interaction.byUserId ?? (await db.customer.findUnique({ where: { id: customerId }, select: { ownerId: true } }))?.ownerId ?? null;
  const activity = ownerId
    ? await db.activity.create({
        data: {
          customerId,
          kind: interaction.kind,
          subject: interaction.subject,
          body: interaction.body ?? null,
          contactId: interaction.contactId ?? null,
          ownerId,
          completedAt: interaction.at,
          sourceType: source.type,
          sourceId: source.id,
        },
      })
    : null;
  await recordContact(db, customerId, interaction.at);
  await reclassify(db, [customerId], { now: ctx.now, rules: ctx.rules, actorId: ctx.actorId ?? null });
  return activity;
}
