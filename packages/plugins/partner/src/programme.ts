// The partner programme as staff run it: organisations, their portal users, and what is shared with them.
import { z } from 'zod';
import {
  actingUserId,
  conflict,
  customerToChange,
  hashPassword,
  isUuid,
  notFound,
  parseInput,
  PartnerStatus,
  PartnerTier,
  recordAudit,
  rules,
  type AlertBus,
  type FiredAlert,
  type Prisma,
  type ServiceContext,
} from '@rapport/core';
import { requirePartnerManager } from './access.js';
import { partner as texts } from './messages.js';
import type { PartnerConfig } from './config.js';
import { emitPartnerAlerts, partnerAlertMessage, publishPartnerAlerts } from './partner-alerts.js';

type Context = ServiceContext & { alertBus?: AlertBus };
type Db = Prisma.TransactionClient;

const partnerFields = z.object({
  name: rules.requiredText(200),
  tier: z.enum(PartnerTier).optional(),
  region: rules.optionalText(120),
  status: z.enum(PartnerStatus).optional(),
});
const updatePartnerInput = partnerFields.partial().extend({ id: z.string(), version: z.number().int().min(1) });
const partnerUserInput = z.object({
  partnerId: z.uuid(texts.key('partner.partnerId')),
  email: z.string().trim().toLowerCase().pipe(z.email(texts.key('partner.email'))),
  name: rules.requiredText(120),
  password: z.string().min(8, texts.key('partner.password.min')).max(200, texts.key('partner.password.max')),
});
const partnerUserActiveInput = z.object({ id: z.string(), active: z.boolean() });
const access = z.enum(['READ', 'EDIT']).default('READ');
const partnerId = z.uuid(texts.key('partner.partnerId'));
const shareCustomerInput = z.object({
  customerId: z.string(),
  partnerId,
  access,
  /** Contacts of the customer shared in the same step (others stay hidden from the partner). */
  contactIds: z.array(z.uuid(texts.key('partner.contactId'))).max(100, texts.key('partner.contacts.max')).default([]),
});
const unshareCustomerInput = z.object({ customerId: z.string(), partnerId });
const shareContactInput = z.object({ contactId: z.string(), partnerId, access });
const unshareContactInput = z.object({ contactId: z.string(), partnerId });

export type CreatePartnerInput = z.input<typeof partnerFields>;
export type UpdatePartnerInput = z.input<typeof updatePartnerInput>;
export type CreatePartnerUserInput = z.input<typeof partnerUserInput>;
export type ShareCustomerWithPartnerInput = z.input<typeof shareCustomerInput>;
export type ShareContactWithPartnerInput = z.input<typeof shareContactInput>;

function nameTaken(error: unknown, field: string): never {
  if ((error as { code?: string }).code === 'P2002') texts.refuse(field, 'partner.taken');
  throw error;
}

async function partnerToUse(db: Db, id: string) {
  const partner = isUuid(id) ? await db.partnerOrganization.findUnique({ where: { id } }) : null;
  if (!partner) texts.refuse('partnerId', 'partner.partnerId');
  return partner;
}

export async function createPartner(ctx: Context, config: PartnerConfig, input: CreatePartnerInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const fields = parseInput(partnerFields, input);
  return ctx.prisma
    .$transaction(async (tx) => {
      const partner = await tx.partnerOrganization.create({ data: fields });
      await recordAudit(tx, ctx, { action: 'partner.create', entity: { type: 'PartnerOrganization', id: partner.id }, after: partner });
      return partner;
    })
    .catch((error) => nameTaken(error, 'name'));
}

/** Suspending an organisation ends its users' portal access at once (every request checks it). */
export async function updatePartner(ctx: Context, config: PartnerConfig, input: UpdatePartnerInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { id, version, ...fields } = parseInput(updatePartnerInput, input);
  return ctx.prisma
    .$transaction(async (tx) => {
      const before = isUuid(id) ? await tx.partnerOrganization.findUnique({ where: { id } }) : null;
      if (!before) throw notFound('PartnerOrganization');
      const { count } = await tx.partnerOrganization.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
      if (count === 0) throw conflict('PartnerOrganization', before.version);
      const after = await tx.partnerOrganization.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, ctx, { action: 'partner.update', entity: { type: 'PartnerOrganization', id }, before, after });
      return after;
    })
    .catch((error) => nameTaken(error, 'name'));
}

export async function createPartnerUser(ctx: Context, config: PartnerConfig, input: CreatePartnerUserInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { password, ...fields } = parseInput(partnerUserInput, input);
  await partnerToUse(ctx.prisma, fields.partnerId);
  const passwordHash = await hashPassword(password);
  return ctx.prisma
    .$transaction(async (tx) => {
      const user = await tx.partnerUser.create({ data: { ...fields, passwordHash } });
      await recordAudit(tx, ctx, { action: 'partnerUser.create', entity: { type: 'PartnerUser', id: user.id }, after: user });
      return user;
    })
    .catch((error) => nameTaken(error, 'email'));
}

/** Deactivating a partner user ends their portal access at once. */
export async function setPartnerUserActive(ctx: Context, config: PartnerConfig, input: z.input<typeof partnerUserActiveInput>) {
  requirePartnerManager(ctx.viewer, config, true);
  const { id, active } = parseInput(partnerUserActiveInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(id) ? await tx.partnerUser.findUnique({ where: { id } }) : null;
    if (!before) throw notFound('PartnerUser');
    const after = await tx.partnerUser.update({ where: { id }, data: { active } });
    await recordAudit(tx, ctx, { action: active ? 'partnerUser.activate' : 'partnerUser.deactivate', entity: { type: 'PartnerUser', id }, before, after });
    return after;
  });
}

async function contactsOfCustomer(db: Db, customerId: string, contactIds: string[], field: string) {
  const found = await db.contact.findMany({ where: { id: { in: contactIds }, customerId }, select: { id: true } });
  const known = new Set(found.map((c) => c.id));
  const missing = contactIds.findIndex((id) => !known.has(id));
  if (missing >= 0) texts.refuse(`${field}.${missing}`, 'partner.notCustomerContact');
}

/**
 * Shares a customer (and the contacts named) with a partner, or changes the access given. The manager
 * must be able to change the customer themselves. The partner's users are alerted.
 */
export async function shareCustomerWithPartner(ctx: Context, config: PartnerConfig, input: ShareCustomerWithPartnerInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { customerId, partnerId, access, contactIds } = parseInput(shareCustomerInput, input);
  const now = ctx.clock.now();
  const grantedById = actingUserId(ctx.viewer);
  let alerts: FiredAlert[] = [];
  const share = await ctx.prisma.$transaction(async (tx) => {
    const customer = await customerToChange(tx, ctx.viewer, customerId);
    await partnerToUse(tx, partnerId);
    await contactsOfCustomer(tx, customerId, contactIds, 'contactIds');
    const before = await tx.partnerCustomerShare.findUnique({ where: { customerId_partnerId: { customerId, partnerId } } });
    const share = await tx.partnerCustomerShare.upsert({
      where: { customerId_partnerId: { customerId, partnerId } },
      create: { customerId, partnerId, access, grantedById, createdAt: now },
      update: { access },
    });
    for (const contactId of contactIds) {
      await tx.partnerContactShare.upsert({
        where: { contactId_partnerId: { contactId, partnerId } },
        create: { contactId, partnerId, access, grantedById, createdAt: now },
        update: { access },
      });
    }
    if (!before) {
      alerts = await emitPartnerAlerts(
        tx,
        partnerId,
        { ...partnerAlertMessage('CUSTOMER_SHARED', { customer: customer.name }), entity: { type: 'Customer', id: customerId }, dedupeKey: `customer-shared:${share.id}` },
        now,
      );
    }
    await recordAudit(tx, ctx, { action: 'customer.shareWithPartner', entity: { type: 'Customer', id: customerId }, before, after: { ...share, contactIds } });
    return share;
  });
  await publishPartnerAlerts(ctx, alerts);
  return share;
}

/** Ends a partner's access to a customer and to every one of its contacts. */
export async function unshareCustomerFromPartner(ctx: Context, config: PartnerConfig, input: z.input<typeof unshareCustomerInput>) {
  requirePartnerManager(ctx.viewer, config, true);
  const { customerId, partnerId } = parseInput(unshareCustomerInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    await customerToChange(tx, ctx.viewer, customerId);
    const before = await tx.partnerCustomerShare.findUnique({ where: { customerId_partnerId: { customerId, partnerId } } });
    if (!before) throw notFound('Share');
    await tx.partnerCustomerShare.delete({ where: { id: before.id } });
    const { count } = await tx.partnerContactShare.deleteMany({ where: { partnerId, contact: { customerId } } });
    await recordAudit(tx, ctx, { action: 'customer.unshareFromPartner', entity: { type: 'Customer', id: customerId }, before, after: { removedContactShares: count } });
    return customerId;
  });
}

/** Shares one more contact of a customer the partner already has. */
export async function shareContactWithPartner(ctx: Context, config: PartnerConfig, input: ShareContactWithPartnerInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { contactId, partnerId, access } = parseInput(shareContactInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    const contact = isUuid(contactId) ? await tx.contact.findUnique({ where: { id: contactId }, select: { customerId: true } }) : null;
    if (!contact) throw notFound('Contact');
    await customerToChange(tx, ctx.viewer, contact.customerId);
    const customerShare = await tx.partnerCustomerShare.findUnique({ where: { customerId_partnerId: { customerId: contact.customerId, partnerId } } });
    if (!customerShare) texts.refuse('contactId', 'partner.shareCustomerFirst');
    const share = await tx.partnerContactShare.upsert({
      where: { contactId_partnerId: { contactId, partnerId } },
      create: { contactId, partnerId, access, grantedById: actingUserId(ctx.viewer), createdAt: ctx.clock.now() },
      update: { access },
    });
    await recordAudit(tx, ctx, { action: 'contact.shareWithPartner', entity: { type: 'Contact', id: contactId }, after: share });
    return share;
  });
}

export async function unshareContactFromPartner(ctx: Context, config: PartnerConfig, input: z.input<typeof unshareContactInput>) {
  requirePartnerManager(ctx.viewer, config, true);
  const { contactId, partnerId } = parseInput(unshareContactInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(contactId) ? await tx.partnerContactShare.findUnique({ where: { contactId_partnerId: { contactId, partnerId } }, include: { contact: { select: { customerId: true } } } }) : null;
    if (!before) throw notFound('Share');
    await customerToChange(tx, ctx.viewer, before.contact.customerId);
    await tx.partnerContactShare.delete({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action: 'contact.unshareFromPartner', entity: { type: 'Contact', id: contactId }, before });
    return contactId;
  });
}

