// Deal registration: a partner claims a deal; the conflict check flags channel conflicts for staff;
// a manager approves (the customer, found or created, and the contact are shared with the partner)
// or rejects it. Both sides hear about it: staff through core's alerts, partners through their own.
import { z } from 'zod';
import {
  actingUserId,
  conflict,
  createCustomer,
  customerToChange,
  alertMessage,
  emitAlerts,
  InputError,
  isUuid,
  joinTransaction,
  LANGUAGES,
  notFound,
  parseInput,
  phoneDigits,
  recordAudit,
  rules,
  throwIfAny,
  throwMissingOrStale,
  type AlertBus,
  type FieldError,
  type FiredAlert,
  type Messages,
  type Prisma,
  type ServiceContext,
} from '@rapport/core';
import { partnerOf, requirePartnerManager } from './access.js';
import { partner as texts } from './messages.js';
import { DEAL_REGISTRATION_SUBMITTED, PARTNER_REGISTERED_YOUR_CUSTOMER, PARTNER_STAFF_ALERT_MESSAGES } from './alerts.js';
import type { PartnerConfig } from './config.js';
import { findConflicts, matchKeys, type Conflict } from './conflicts.js';
import { emitPartnerAlerts, partnerAlertMessage, publishPartnerAlerts } from './partner-alerts.js';

const DAY_MS = 86_400_000;

const registerDealInput = z
  .object({
    companyName: rules.requiredText(200),
    contactName: rules.requiredText(120),
    contactEmail: rules.email,
    contactPhone: rules.phone,
    expectedAmount: rules.money.refine((v) => Number(v) > 0, texts.key('partner.positive')),
    expectedCloseDate: z.date(),
    productInterest: rules.requiredText(200),
    notes: rules.optionalText(2_000),
  })
  .refine((i) => i.contactEmail || i.contactPhone, { message: texts.key('partner.registration.contactNeeded'), path: ['contactEmail'] });

const decisionBase = { id: z.string(), version: z.number().int().min(1) };
const approveInput = z.object({
  ...decisionBase,
  /** An existing customer to attach the deal to; without it a new customer is created. */
  customerId: z.uuid(texts.key('partner.customerId')).nullish(),
  access: z.enum(['READ', 'EDIT']).nullish(),
  reason: rules.optionalText(2_000),
});
const rejectInput = z.object({ ...decisionBase, reason: rules.requiredText(2_000) });

export type RegisterDealInput = z.input<typeof registerDealInput>;
export type ApproveDealRegistrationInput = z.input<typeof approveInput>;
export type RejectDealRegistrationInput = z.input<typeof rejectInput>;

type Db = Prisma.TransactionClient;
type Context = ServiceContext & { alertBus?: AlertBus };

async function storeConflicts(tx: Db, registrationId: string, conflicts: Conflict[]): Promise<void> {
  await tx.dealRegistrationConflict.deleteMany({ where: { registrationId } });
  if (conflicts.length) await tx.dealRegistrationConflict.createMany({ data: conflicts.map((c) => ({ ...c, registrationId })) });
}

/** A partner registers a deal; it waits PENDING for a manager, who is alerted (conflicts named in the title). */
export async function registerDeal(ctx: Context, config: PartnerConfig, input: RegisterDealInput) {
  const viewer = partnerOf(ctx);
  const fields = parseInput(registerDealInput, input);
  const now = ctx.clock.now();
  const keys = matchKeys(fields);
  const closeDay = Math.floor(fields.expectedCloseDate.getTime() / DAY_MS);
  throwIfAny([closeDay < Math.floor(now.getTime() / DAY_MS) ? texts.field('expectedCloseDate', 'partner.notInPast') : null]);
  return ctx.prisma.$transaction(async (tx) => {
    // The organisation's row is locked first: concurrent registrations of one partner run one after
    // another, so the duplicate check below sees the others' rows.
    await tx.$queryRaw`SELECT 1 FROM "PartnerOrganization" WHERE "id" = ${viewer.attributes.partnerId}::uuid FOR UPDATE`;
    const mine = await tx.dealRegistration.findFirst({
      where: { partnerId: viewer.attributes.partnerId, companyNameKey: keys.nameKey, status: { in: ['PENDING', 'APPROVED'] } },
      select: { number: true },
    });
    throwIfAny([
      mine ? texts.field('companyName', 'partner.registration.alreadyRegistered', { code: `${config.registrationCodePrefix}${String(mine.number).padStart(6, '0')}` }) : null,
    ]);
    const registration = await tx.dealRegistration.create({
      data: {
        ...fields,
        partnerId: viewer.attributes.partnerId,
        registeredById: viewer.id,
        companyNameKey: keys.nameKey,
        contactEmail: keys.email,
        contactPhoneDigits: phoneDigits(fields.contactPhone),
        createdAt: now,
      },
    });
    const conflicts = await findConflicts(tx, viewer.attributes.partnerId, keys, registration.id);
    await storeConflicts(tx, registration.id, conflicts);
    await alertManagers(tx, config, registration, conflicts.length, now);
    await recordAudit(tx, ctx, { action: 'dealRegistration.register', entity: { type: 'DealRegistration', id: registration.id }, after: { ...registration, conflicts } });
    return registration;
  });
}

async function alertManagers(tx: Db, config: PartnerConfig, registration: { id: string; companyName: string; partnerId: string }, conflicts: number, now: Date) {
  const [managers, partner] = [
    await tx.user.findMany({ where: { role: { in: config.managerRoles }, active: true }, select: { id: true } }),
    await tx.partnerOrganization.findUniqueOrThrow({ where: { id: registration.partnerId }, select: { name: true } }),
  ];
  await emitAlerts(
    tx,
    managers.map((m) => ({
      recipientId: m.id,
      ...alertMessage(PARTNER_STAFF_ALERT_MESSAGES, DEAL_REGISTRATION_SUBMITTED, { partner: partner.name, company: registration.companyName, conflicts }),
      entity: { type: 'DealRegistration', id: registration.id },
      dedupeKey: `deal-registration-submitted:${registration.id}:${m.id}`,
    })),
    now,
  );
}

/** The PENDING registration a manager decides on, at the version they read. */
async function pendingRegistration(tx: Db, id: string, version: number) {
  const registration = isUuid(id) ? await tx.dealRegistration.findUnique({ where: { id }, include: { partner: { select: { name: true } } } }) : null;
  if (!registration) throw notFound('DealRegistration');
  if (registration.version !== version) throw conflict('DealRegistration', registration.version);
  if (registration.status !== 'PENDING') texts.refuse('id', 'partner.registration.alreadyDecided', { status: registration.status });
  return registration;
}

async function decide(tx: Db, id: string, version: number, data: Prisma.DealRegistrationUncheckedUpdateManyInput) {
  const { count } = await tx.dealRegistration.updateMany({ where: { id, version, status: 'PENDING' }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) await throwMissingOrStale('DealRegistration', tx.dealRegistration.findUnique({ where: { id }, select: { version: true } }));
  return tx.dealRegistration.findUniqueOrThrow({ where: { id } });
}

type Registration = Awaited<ReturnType<typeof pendingRegistration>>;

/**
 * The registration's customer: the one the manager names (which they must be able to change), or a
 * new one they own, made by core's createCustomer in this transaction so every customer rule holds
 * (the per-owner maximum among them). The manager sent no owner: a refusal names `customerId`.
 */
async function customerFor(tx: Db, ctx: ServiceContext, registration: Registration, customerId: string | null | undefined) {
  if (customerId) return customerToChange(tx, ctx.viewer, customerId);
  try {
    return await createCustomer({ ...ctx, prisma: joinTransaction(tx) }, { name: registration.companyName, source: `partner: ${registration.partner.name}` });
  } catch (error) {
    const owner = error instanceof InputError ? error.fields.find((f) => f.field === 'ownerId') : undefined;
    if (!owner) throw error;
    throw new InputError([newCustomerNotYours(owner)]);
  }
}

/** Core's refusal of the new customer's owner (in each language) inside the registration's own. */
function newCustomerNotYours(owner: FieldError): FieldError {
  const reason = (language: (typeof LANGUAGES)[number]) => owner.messages?.[language] ?? owner.message;
  const messages = Object.fromEntries(
    LANGUAGES.map((language) => [language, texts.texts('partner.registration.newCustomerNotYours', { reason: reason(language) })[language]]),
  ) as Messages;
  return { field: 'customerId', message: messages.en, messages };
}

/** The registered contact at the customer: an existing one with the same e-mail or phone, else a new one. */
async function contactFor(tx: Db, customerId: string, registration: Registration) {
  const same: Prisma.ContactWhereInput[] = [
    ...(registration.contactEmail ? [{ email: { equals: registration.contactEmail, mode: 'insensitive' as const } }] : []),
    ...(registration.contactPhoneDigits ? [{ phoneDigits: registration.contactPhoneDigits }] : []),
  ];
  const existing = await tx.contact.findFirst({ where: { customerId, OR: same } });
  if (existing) return existing;
  return tx.contact.create({
    data: {
      customerId,
      name: registration.contactName,
      email: registration.contactEmail,
      phone: registration.contactPhone,
      phoneDigits: registration.contactPhoneDigits,
    },
  });
}

/**
 * Approves a PENDING registration: the conflict check runs again (the finding is stored for the
 * record), the customer and contact are shared with the partner, the partner's users and the
 * customer's owner are alerted. All in one transaction.
 */
export async function approveDealRegistration(ctx: Context, config: PartnerConfig, input: ApproveDealRegistrationInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { id, version, customerId, access, reason } = parseInput(approveInput, input);
  const now = ctx.clock.now();
  const deciderId = actingUserId(ctx.viewer);
  let partnerAlerts: FiredAlert[] = [];
  const approved = await ctx.prisma.$transaction(async (tx) => {
    const registration = await pendingRegistration(tx, id, version);
    const customer = await customerFor(tx, ctx, registration, customerId);
    const contact = await contactFor(tx, customer.id, registration);
    const shareAccess = access ?? config.approvalAccess;
    const partnerId = registration.partnerId;
    await tx.partnerCustomerShare.upsert({
      where: { customerId_partnerId: { customerId: customer.id, partnerId } },
      create: { customerId: customer.id, partnerId, access: shareAccess, grantedById: deciderId, createdAt: now },
      update: { access: shareAccess },
    });
    await tx.partnerContactShare.upsert({
      where: { contactId_partnerId: { contactId: contact.id, partnerId } },
      create: { contactId: contact.id, partnerId, access: shareAccess, grantedById: deciderId, createdAt: now },
      update: { access: shareAccess },
    });
    await storeConflicts(tx, id, await findConflicts(tx, partnerId, matchKeys(registration), id));
    const after = await decide(tx, id, version, { status: 'APPROVED', customerId: customer.id, decidedById: deciderId, decidedAt: now, decisionReason: reason ?? null });
    if (customer.ownerId && customer.ownerId !== deciderId) {
      await emitAlerts(
        tx,
        [
          {
            recipientId: customer.ownerId,
            ...alertMessage(PARTNER_STAFF_ALERT_MESSAGES, PARTNER_REGISTERED_YOUR_CUSTOMER, { partner: registration.partner.name, customer: customer.name }),
            entity: { type: 'DealRegistration', id },
            dedupeKey: `deal-registration-approved:${id}:${customer.ownerId}`,
          },
        ],
        now,
      );
    }
    partnerAlerts = await emitPartnerAlerts(
      tx,
      partnerId,
      {
        ...partnerAlertMessage('DEAL_REGISTRATION_APPROVED', { company: registration.companyName, reason }),
        entity: { type: 'DealRegistration', id },
        dedupeKey: `deal-registration-approved:${id}`,
      },
      now,
    );
    await recordAudit(tx, ctx, {
      action: 'dealRegistration.approve',
      entity: { type: 'DealRegistration', id },
      before: registration,
      after: { ...after, sharedContactId: contact.id, access: shareAccess },
    });
    return after;
  });
  await publishPartnerAlerts(ctx, partnerAlerts);
  return approved;
}

/** Rejects a PENDING registration with a reason the partner reads. */
export async function rejectDealRegistration(ctx: Context, config: PartnerConfig, input: RejectDealRegistrationInput) {
  requirePartnerManager(ctx.viewer, config, true);
  const { id, version, reason } = parseInput(rejectInput, input);
  const now = ctx.clock.now();
  let partnerAlerts: FiredAlert[] = [];
  const rejected = await ctx.prisma.$transaction(async (tx) => {
    const registration = await pendingRegistration(tx, id, version);
    const after = await decide(tx, id, version, { status: 'REJECTED', decidedById: actingUserId(ctx.viewer), decidedAt: now, decisionReason: reason });
    partnerAlerts = await emitPartnerAlerts(
      tx,
      registration.partnerId,
      {
        ...partnerAlertMessage('DEAL_REGISTRATION_REJECTED', { company: registration.companyName, reason }),
        entity: { type: 'DealRegistration', id },
        dedupeKey: `deal-registration-rejected:${id}`,
      },
      now,
    );
    await recordAudit(tx, ctx, { action: 'dealRegistration.reject', entity: { type: 'DealRegistration', id }, before: registration, after });
    return after;
  });
  await publishPartnerAlerts(ctx, partnerAlerts);
  return rejected;
}
