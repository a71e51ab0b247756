// Deals and offers: the recorded facts that move a customer's stage and tier.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId } from '../auth/viewer.js';
import { customerToChange } from '../auth/visibility.js';
import { fieldError } from '../errors.js';
import { OfferKind, type Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import { reclassify, rulesOf } from './classification.js';
import { clearStageMarkBefore } from './overrides.js';
import { recordContact } from './service.js';

type Db = Prisma.TransactionClient;

const recordDealInput = z.object({
  customerId: z.string(),
  title: rules.requiredText(200),
  amount: rules.money,
  /** ISO 4217; absent or null: the deployment's currency. */
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'rule.currency').nullish(),
  closedAt: z.date().nullish(),
});

const recordOfferInput = z.object({
  customerId: z.string(),
  kind: z.enum(OfferKind),
  note: rules.optionalText(2_000),
  sentAt: z.date().nullish(),
});

function notInFuture(field: string, at: Date, now: Date) {
  return at > now ? fieldError(field, 'deal.inFuture') : null;
}

/**
 * Records a closed deal: it counts as contact, hands a manually marked stage back to the rules, and
 * re-evaluates the customer, so the stage change it causes names the deal.
 */
export async function recordDeal(ctx: ServiceContext, input: z.input<typeof recordDealInput>) {
  return ctx.prisma.$transaction((tx) => recordDealIn(tx, ctx, input));
}

/**
 * recordDeal inside the caller's transaction, for plugins whose own change records the deal (a won
 * opportunity, a signed contract): both are written or neither is.
 */
export async function recordDealIn(tx: Db, ctx: ServiceContext, input: z.input<typeof recordDealInput>) {
  const { customerId, title, amount, currency, closedAt } = parseInput(recordDealInput, input);
  const now = ctx.clock.now();
  const at = closedAt ?? now;
  throwIfAny([notInFuture('closedAt', at, now)]);
  await customerToChange(tx, ctx.viewer, customerId);
  const deal = await tx.deal.create({ data: { customerId, title, amount, currency: currency && currency !== ctx.config?.locale?.currency ? currency : null, closedAt: at, ownerId: actingUserId(ctx.viewer) } });
  await recordContact(tx, customerId, at);
  await clearStageMarkBefore(tx, customerId, at);
  await reclassify(tx, [customerId], { now, rules: rulesOf(ctx), actorId: actingUserId(ctx.viewer), deal });
  await recordAudit(tx, ctx, { action: 'deal.record', entity: { type: 'Deal', id: deal.id }, after: deal });
  return deal;
}

/** Records a quote or a sample sent: counts as contact; a customer with offers and no deal is tier C. */
export async function recordOffer(ctx: ServiceContext, input: z.input<typeof recordOfferInput>) {
  return ctx.prisma.$transaction((tx) => recordOfferIn(tx, ctx, input));
}

/** recordOffer inside the caller's transaction (e.g. a quote being sent). */
export async function recordOfferIn(tx: Db, ctx: ServiceContext, input: z.input<typeof recordOfferInput>) {
  const { customerId, kind, note, sentAt } = parseInput(recordOfferInput, input);
  const now = ctx.clock.now();
  const at = sentAt ?? now;
  throwIfAny([notInFuture('sentAt', at, now)]);
  await customerToChange(tx, ctx.viewer, customerId);
  const offer = await tx.offer.create({ data: { customerId, kind, note: note ?? null, sentAt: at, ownerId: actingUserId(ctx.viewer) } });
  await recordContact(tx, customerId, at);
  await reclassify(tx, [customerId], { now, rules: rulesOf(ctx), actorId: actingUserId(ctx.viewer) });
  await recordAudit(tx, ctx, { action: 'offer.record', entity: { type: 'Offer', id: offer.id }, after: offer });
  return offer;
}
