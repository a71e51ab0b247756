import { z } from 'zod';
import { lockPortfolio } from './pool.js';
import { assignCustomerCodes, codeSettingsOf } from './code.js';
import { recordAudit } from '../audit/service.js';
import { requireWritableFields } from '../auth/fields.js';
import { actingUserId, requirePermission, type Viewer } from '../auth/viewer.js';
import { customerToChange } from '../auth/visibility.js';
import { contactData, contactFields } from '../contacts/rules.js';
import { CustomerKind, CustomerNature, CustomerSize, CustomerStage, CustomerTier, type Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { refuseSecondOwnersCopy } from './duplicates.js';
import { divisionByCode, resolveRegion } from './regions.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import { userReferenceError } from '../users/service.js';
import { afterCustomerWrite } from './overrides.js';
import { customerSearchColumns, refreshCustomerSearch } from './search.js';
import { customFieldInputs } from '../custom-fields/rules.js';
import { customFieldsToStore } from '../custom-fields/service.js';
import { unlistedTagErrors } from '../tags/service.js';
import { customerEvent, emitWebhookEvents } from '../webhooks/events.js';
import { fieldError } from '../errors.js';
import { archiveRefusal, deleteRefusal } from './archive.js';

const regionFields = z.object({
  country: rules.optionalText(80),
  province: rules.optionalText(80),
  city: rules.optionalText(80),
  district: rules.optionalText(80),
  code: z
    .string()
    .regex(/^\d{6}$/, 'must be a six-digit administrative division code')
    .refine((code) => divisionByCode(code) !== null, 'is not a known administrative division code')
    .nullish(),
});

const customerFields = z.object({
  name: rules.requiredText(200),
  kind: z.enum(CustomerKind).optional(),
  industry: rules.optionalText(100),
  nature: z.enum(CustomerNature).nullish(),
  size: z.enum(CustomerSize).nullish(),
  source: rules.optionalText(100),
  region: regionFields.nullish(),
  phone: rules.phone,
  email: rules.email,
  website: rules.optionalText(200),
  tier: z.enum(CustomerTier).optional(),
  stage: z.enum(CustomerStage).optional(),
  ownerId: z.uuid('must be the id of a user').nullish(),
  tags: rules.tags.optional(),
  customFields: customFieldInputs.optional(),
  annualContractValue: rules.money.optional(),
});

const createCustomerInput = customerFields.extend({
  contacts: z.array(contactFields).max(50, 'at most 50 contacts at once').optional(),
});

const updateCustomerInput = customerFields.partial().extend({
  id: z.string(),
  version: z.number().int().min(1),
});

export type CreateCustomerInput = z.input<typeof createCustomerInput>;
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

type CustomerFields = z.output<typeof customerFields>;

/**
 * Database columns for customer fields: derived search keys are kept beside what was typed. Custom
 * fields arrive as the JSON to store (see customFieldsToStore).
 */
function customerData<T extends Partial<CustomerFields>>(fields: T, customFields: Prisma.InputJsonObject | undefined) {
  const { region, customFields: _typed, name, phone, ...rest } = fields;
  return {
    ...rest,
    ...(name !== undefined ? { name, nameKey: normalizeName(name) } : {}),
    ...(phone !== undefined ? { phone, phoneDigits: phoneDigits(phone) } : {}),
    ...(customFields !== undefined ? { customFields } : {}),
    ...(region !== undefined ? resolveRegion(region ?? {}) : {}),
  };
}

/**
 * Giving a customer to a user other than `keeper` (its owner; on create, the viewer) needs
 * customer.assign, taking over a shared one included. Keeping it or releasing it to the pool does not.
 */
function requireAssignable(viewer: Viewer | null, ownerId: string | null | undefined, keeper: string | null): void {
  if (ownerId && ownerId !== keeper) requirePermission(viewer, 'customer.assign');
}

/** Creates a customer with its first contacts in one statement: all of it is written or none. */
export async function createCustomer(ctx: ServiceContext, input: CreateCustomerInput) {
  const { contacts, ...fields } = parseInput(createCustomerInput, input);
  requirePermission(ctx.viewer, 'customer.write');
  requireWritableFields(ctx.viewer, { annualContractValue: fields.annualContractValue });
  const ownerId = fields.ownerId === undefined ? actingUserId(ctx.viewer) : fields.ownerId;
  requireAssignable(ctx.viewer, ownerId, actingUserId(ctx.viewer));
  throwIfAny([await userReferenceError(ctx, 'ownerId', ownerId), ...(await unlistedTagErrors(ctx.prisma, fields.tags))]);
  await refuseSecondOwnersCopy(ctx, { nameKey: normalizeName(fields.name), phoneDigits: phoneDigits(fields.phone) }, ownerId ?? null);
  const customFields = await customFieldsToStore(ctx, 'CUSTOMER', fields.customFields, { mode: 'create' });
  const contactCustomFields = await Promise.all(
    (contacts ?? []).map((c, i) => customFieldsToStore(ctx, 'CONTACT', c.customFields, { mode: 'create', prefix: `contacts.${i}.customFields` })),
  );
  const primaryIndex = Math.max(0, contacts?.findIndex((c) => c.isPrimary) ?? 0);
  return ctx.prisma.$transaction(async (tx) => {
    // The owner's portfolio before the insert (see lockPortfolio): concurrent creations for one owner wait, not deadlock.
    if (ownerId) await lockPortfolio(tx, ownerId);
    const customer = await tx.customer.create({
      data: {
        ...customerData(fields, customFields),
        name: fields.name,
        nameKey: normalizeName(fields.name),
        ...customerSearchColumns(fields.name, (contacts ?? []).map((c) => c.name)),
        ownerId,
        contacts: contacts?.length
          ? { create: contacts.map((c, i) => ({ ...contactData(c), customFields: contactCustomFields[i], isPrimary: i === primaryIndex })) }
          : undefined,
      },
    });
    // Its contacts' inserts marked the search key stale (the trigger in the customer_search migration).
    if (contacts?.length) await refreshCustomerSearch(tx, [customer.id]);
    await afterCustomerWrite(tx, ctx, { customerId: customer.id, before: null, tier: fields.tier, stage: fields.stage, ownerId });
    // Last of the writes: the code's sequence row stays locked until commit, so nothing else waits behind it.
    await assignCustomerCodes(tx, codeSettingsOf(ctx), [customer.id]);
    const after = await tx.customer.findUniqueOrThrow({ where: { id: customer.id }, include: { contacts: true } });
    await recordAudit(tx, ctx, { action: 'customer.create', entity: { type: 'Customer', id: customer.id }, after });
    await emitWebhookEvents(tx, [customerEvent('customer.created', after)], ctx.clock.now(), ctx.prisma);
    return after;
  });
}

/** Applies a patch only if nobody changed the customer since `version` was read. */
export async function updateCustomer(ctx: ServiceContext, input: UpdateCustomerInput) {
  const { id, version, ...fields } = parseInput(updateCustomerInput, input);
  requireWritableFields(ctx.viewer, { annualContractValue: fields.annualContractValue });
  if (fields.ownerId) throwIfAny([await userReferenceError(ctx, 'ownerId', fields.ownerId)]);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, id);
    requireAssignable(ctx.viewer, fields.ownerId, before.ownerId);
    throwIfAny(await unlistedTagErrors(tx, fields.tags, before.tags));
    const customFields = await customFieldsToStore(ctx, 'CUSTOMER', fields.customFields, { mode: 'update', current: before.customFields, db: tx });
    const { count } = await tx.customer.updateMany({
      where: { id, version },
      // A new owner takes it out of any pool; back to the pool by hand: the default pool.
      data: { ...customerData(fields, customFields), ...(fields.ownerId !== undefined && fields.ownerId !== before.ownerId ? { poolId: null } : {}), version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Customer', currentVersion(tx, id));
    if (fields.name !== undefined) await refreshCustomerSearch(tx, [id]);
    await afterCustomerWrite(tx, ctx, { customerId: id, before, tier: fields.tier, stage: fields.stage, ownerId: fields.ownerId });
    const after = await tx.customer.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'customer.update', entity: { type: 'Customer', id }, before, after });
    await emitWebhookEvents(tx, [customerEvent('customer.updated', after)], ctx.clock.now(), ctx.prisma);
    return after;
  });
}

export async function deleteCustomer(ctx: ServiceContext, input: { id: string; version: number }) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, input.id);
    const refusal = deleteRefusal(before);
    if (refusal) throwIfAny([fieldError('id', refusal, {}, 'CONFLICT')]);
    const { count } = await tx.customer.deleteMany({ where: { id: input.id, version: input.version, archivedAt: null } });
    if (count === 0) await throwMissingOrStale('Customer', currentVersion(tx, input.id));
    await recordAudit(tx, ctx, { action: 'customer.delete', entity: { type: 'Customer', id: input.id }, before });
    return input.id;
  });
}

/**
 * Archives a customer no longer served, or restores one (archive.ts): needs customer.archive and the
 * right to change the customer; version-checked and audited. Archiving ends a churn warning.
 */
export async function setCustomerArchived(ctx: ServiceContext, input: { id: string; version: number }, archive: boolean) {
  requirePermission(ctx.viewer, 'customer.archive');
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, input.id);
    const refusal = archiveRefusal(before, archive);
    if (refusal) throwIfAny([fieldError('id', refusal, {}, 'CONFLICT')]);
    const { count } = await tx.customer.updateMany({
      where: { id: input.id, version: input.version, archivedAt: archive ? null : { not: null } },
      data: { archivedAt: archive ? ctx.clock.now() : null, version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Customer', currentVersion(tx, input.id));
    if (archive) await tx.churnRisk.deleteMany({ where: { customerId: input.id } });
    const after = await tx.customer.findUniqueOrThrow({ where: { id: input.id } });
    await recordAudit(tx, ctx, { action: archive ? 'customer.archive' : 'customer.unarchive', entity: { type: 'Customer', id: input.id }, before, after });
    return after;
  });
}

function currentVersion(db: Prisma.TransactionClient, id: string) {
  return db.customer.findUnique({ where: { id }, select: { version: true } });
}

/** Moves lastContactedAt forward (never back) when an interaction is logged. */
export async function recordContact(db: Prisma.TransactionClient, customerId: string, at: Date): Promise<void> {
  await db.customer.updateMany({
    where: { id: customerId, OR: [{ lastContactedAt: null }, { lastContactedAt: { lt: at } }] },
    data: { lastContactedAt: at },
  });
}
