// Manual decisions on tier and stage, and the hook customer writes call so the rules follow every change.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId } from '../auth/viewer.js';
import { customerToChange } from '../auth/visibility.js';
import { notFound } from '../errors.js';
import { CustomerStage, CustomerTier, type Customer, type Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput, rules } from '../validation.js';
import { reclassify, rulesOf } from './classification.js';
import { recordOwnerChange, requireRoomFor } from './pool.js';
import { storedMessage } from '../error-messages.js';

type Db = Prisma.TransactionClient;

/**
 * Re-evaluates one customer after a change that may move its facts (a contact, a deal, an edit).
 * `contactedAt`: an interaction happened then, recorded first (as recordContact does) in the same statement.
 * `alongside`: writes of the caller's run in that statement too (see ReclassifyOptions).
 */
export function reclassifyCustomer(db: Db, ctx: ServiceContext, customerId: string, contactedAt?: Date, alongside?: readonly Prisma.Sql[]) {
  return reclassify(db, [customerId], {
    now: ctx.clock.now(),
    rules: rulesOf(ctx),
    actorId: actingUserId(ctx.viewer),
    ...(contactedAt ? { contactedAt } : {}),
    ...(alongside ? { alongside } : {}),
  });
}

/**
 * Called by createCustomer/updateCustomer inside their transaction, after the row is written:
 * a tier or stage given in the input is a manual decision (kept as an override), an owner change is
 * a transfer, and the rules re-evaluate the customer (its contract value may have changed).
 */
export async function afterCustomerWrite(
  db: Db,
  ctx: ServiceContext,
  change: { customerId: string; before: Customer | null; tier?: CustomerTier | undefined; stage?: CustomerStage | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  const { customerId, before } = change;
  const now = ctx.clock.now();
  const actorId = actingUserId(ctx.viewer);
  const verb = before ? 'updateCustomer' : 'createCustomer';
  const newOwner = change.ownerId !== undefined && change.ownerId !== before?.ownerId ? change.ownerId : null;
  if (newOwner) await requireRoomFor(db, newOwner, customerId, rulesOf(ctx).pool.maxOwnedCustomers, 'ownerId');
  const setWith = storedMessage('reason.setWith', { mutation: verb });
  if (change.tier) await setTierOverride(db, customerId, change.tier, setWith, actorId, now);
  if (change.stage) await setStageMark(db, customerId, change.stage, setWith, actorId, now);
  if (before && change.ownerId !== undefined && change.ownerId !== before.ownerId) {
    await recordOwnerChange(db, { customerId, fromUserId: before.ownerId, toUserId: change.ownerId, actorId, at: now, reason: setWith });
  }
  await reclassify(db, [customerId], {
    now,
    rules: rulesOf(ctx),
    actorId,
    previous: before ? { tier: before.tier, stage: before.stage } : { tier: null, stage: null },
  });
}

function setTierOverride(db: Db, customerId: string, tier: CustomerTier | null, reason: string | null, actorId: string | null, at: Date) {
  const data = { tier, tierReason: reason, tierSetById: actorId, tierSetAt: at };
  return db.customerOverride.upsert({ where: { customerId }, create: { customerId, ...data }, update: data });
}

function setStageMark(db: Db, customerId: string, stage: CustomerStage | null, reason: string | null, actorId: string | null, at: Date) {
  const data = { stage, stageReason: reason, stageSetById: actorId, stageSetAt: at };
  return db.customerOverride.upsert({ where: { customerId }, create: { customerId, ...data }, update: data });
}

/** A stage mark holds until the next deal: a deal closed after it hands the stage back to the rules. */
export async function clearStageMarkBefore(db: Db, customerId: string, dealClosedAt: Date): Promise<void> {
  await db.customerOverride.updateMany({
    where: { customerId, stage: { not: null }, stageSetAt: { lte: dealClosedAt } },
    data: { stage: null, stageReason: null, stageSetById: null, stageSetAt: null },
  });
}

const reason = rules.requiredText(500);
const overrideTierInput = z.object({ customerId: z.string(), tier: z.enum(CustomerTier), reason });
const markStageInput = z.object({ customerId: z.string(), stage: z.enum(CustomerStage), reason });
const clearInput = z.object({ customerId: z.string(), reason });

type Decision = { kind: 'tier'; value: CustomerTier | null } | { kind: 'stage'; value: CustomerStage | null };

/** One transaction: the override row, the re-evaluation (history row with the reason), the audit entry. */
async function applyDecision(ctx: ServiceContext, customerId: string, decision: Decision, why: string, action: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, customerId);
    const current = await tx.customerOverride.findUnique({ where: { customerId } });
    const actorId = actingUserId(ctx.viewer);
    const now = ctx.clock.now();
    if (decision.value === null && !(decision.kind === 'tier' ? current?.tier : current?.stage)) throw notFound(decision.kind === 'tier' ? 'Tier override' : 'Stage mark');
    if (decision.kind === 'tier') await setTierOverride(tx, customerId, decision.value, decision.value ? why : null, actorId, now);
    else await setStageMark(tx, customerId, decision.value, decision.value ? why : null, actorId, now);
    const cause = decision.value ? (decision.kind === 'tier' ? 'OVERRIDE' : 'MANUAL') : 'OVERRIDE_CLEARED';
    await reclassify(tx, [customerId], {
      now,
      rules: rulesOf(ctx),
      actorId,
      clearedBecause: why,
      ...(decision.kind === 'tier' ? { tierCause: cause } : { stageCause: cause }),
    });
    const after = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, include: { override: true } });
    await recordAudit(tx, ctx, { action, entity: { type: 'Customer', id: customerId }, before: { ...before, override: current }, after });
    return after;
  });
}

export function overrideCustomerTier(ctx: ServiceContext, input: z.input<typeof overrideTierInput>) {
  const { customerId, tier, reason: why } = parseInput(overrideTierInput, input);
  return applyDecision(ctx, customerId, { kind: 'tier', value: tier }, why, 'customer.overrideTier');
}

export function clearCustomerTierOverride(ctx: ServiceContext, input: z.input<typeof clearInput>) {
  const { customerId, reason: why } = parseInput(clearInput, input);
  return applyDecision(ctx, customerId, { kind: 'tier', value: null }, why, 'customer.clearTierOverride');
}

export function markCustomerStage(ctx: ServiceContext, input: z.input<typeof markStageInput>) {
  const { customerId, stage, reason: why } = parseInput(markStageInput, input);
  return applyDecision(ctx, customerId, { kind: 'stage', value: stage }, why, 'customer.markStage');
}

export function clearCustomerStageMark(ctx: ServiceContext, input: z.input<typeof clearInput>) {
  const { customerId, reason: why } = parseInput(clearInput, input);
  return applyDecision(ctx, customerId, { kind: 'stage', value: null }, why, 'customer.clearStageMark');
}
