// Leads (线索): prospects before they are customers. Their row rule mirrors core's customer rule
// (own, the team's for its manager, the pool's for everyone, all with customer.readAll); conversion
// makes the customer, contact, activities and opportunity through core's and this plugin's services
// inside one transaction (joinTransaction), so a refusal anywhere writes nothing.
import { sales } from './messages.js';
import { z } from 'zod';
import {
  actingUserId,
  alertMessage,
  can,
  conflict,
  createActivity,
  createContact,
  createCustomer,
  customerToChange,
  emitAlerts,
  findDuplicates,
  InputError,
  isUuid,
  joinTransaction,
  normalizeName,
  NOTHING,
  notFound,
  parseInput,
  phoneDigits,
  recordAudit,
  recordAuditMany,
  requirePermission,
  rules,
  throwIfAny,
  throwMissingOrStale,
  userReferenceError,
  type AlertInput,
  type DuplicateReason,
  type FieldError,
  type Prisma,
  type PrismaClient,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { reject } from './access.js';
import { LEAD_ABOUT_TO_BE_RELEASED, LEAD_ASSIGNED, LEAD_RELEASED_TO_POOL, SALES_ALERT_MESSAGES } from './alerts.js';
import type { SalesConfig } from './config.js';
import { leadPoolVerdict, leadStatusProblem, isOpenLead, statusAfterFollowUp } from './lead-rules.js';
import { createOpportunity } from './opportunities.js';

type Db = Prisma.TransactionClient;
export type Lead = Prisma.LeadModel;

const uuid = (what: string) => z.uuid(`must be the id of a ${what}`);
const version = z.number().int().min(1);
const ACTIVITY_KINDS = ['CALL', 'EMAIL', 'MEETING', 'VISIT', 'MESSAGE', 'NOTE'] as const;

const leadFields = z.object({
  name: rules.requiredText(200),
  contactName: rules.optionalText(120),
  contactTitle: rules.optionalText(120),
  phone: rules.phone,
  email: rules.email,
  source: rules.optionalText(100),
  region: rules.optionalText(120),
  notes: rules.optionalText(5_000),
});

const createLeadInput = leadFields.extend({ ownerId: uuid('user').nullish(), ignoreDuplicates: z.boolean().nullish() });
const updateLeadInput = leadFields.partial().extend({
  id: z.string(),
  version,
  ownerId: uuid('user').optional(),
  status: z.enum(['NEW', 'FOLLOWING', 'CONVERTED', 'INVALID']).optional(),
  invalidReason: rules.optionalText(500),
});
const followUpInput = z.object({
  leadId: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  subject: rules.requiredText(200),
  body: rules.optionalText(20_000),
  at: z.date().nullish(),
});
const leadActionInput = z.object({ id: z.string(), version });
const convertInput = z.object({
  id: z.string(),
  version,
  customerId: uuid('customer').nullish(),
  ignoreDuplicates: z.boolean().nullish(),
  opportunity: z
    .object({
      name: z.string().nullish(),
      amount: z.string().nullish(),
      currency: z.string().nullish(),
      expectedCloseDate: z.date().nullish(),
      pipelineId: z.string().nullish(),
      stageId: z.string().nullish(),
    })
    .nullish(),
});
const duplicatesInput = z.object({ name: z.string().nullish(), phone: z.string().nullish(), email: z.string().nullish(), leadId: z.string().nullish() });

export type CreateLeadInput = z.input<typeof createLeadInput>;
export type UpdateLeadInput = z.input<typeof updateLeadInput>;
export type FollowUpLeadInput = z.input<typeof followUpInput>;
export type LeadActionInput = z.input<typeof leadActionInput>;
export type ConvertLeadInput = z.input<typeof convertInput>;
export type LeadDuplicatesInput = z.input<typeof duplicatesInput>;

// --- the row rule ---------------------------------------------------------------------------

/** Own leads, the team's (for its manager, with customer.team), the pool's; every lead with customer.readAll. */
export function leadsVisibleTo(viewer: Viewer | null | undefined): Prisma.LeadWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || viewer?.kind === 'principal' || !can(viewer, 'customer.read')) return NOTHING;
  if (can(viewer, 'customer.readAll')) return {};
  return { OR: [{ ownerId: userId }, { ownerId: null }, ...(can(viewer, 'customer.team') ? [{ owner: { team: { managerId: userId } } }] : [])] };
}

/** Own and the team's leads (for its manager); every lead with customer.editAll. Pool leads are claimed first. */
export function leadsEditableBy(viewer: Viewer | null | undefined): Prisma.LeadWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || viewer?.kind === 'principal' || !can(viewer, 'customer.write')) return NOTHING;
  if (can(viewer, 'customer.editAll')) return {};
  return { OR: [{ ownerId: userId }, ...(can(viewer, 'customer.team') ? [{ owner: { team: { managerId: userId } } }] : [])] };
}

/**
 * The lead to act on: NOT_FOUND unless visible, FORBIDDEN when visible but not changeable (a pool
 * lead: claim it), a STALE_VERSION user error when `expectedVersion` is not the current one.
 */
async function leadToChange(db: Db, viewer: Viewer | null | undefined, id: string, expectedVersion?: number, { pool = false, field = 'id' } = {}): Promise<Lead> {
  requirePermission(viewer, 'customer.write');
  const lead = isUuid(id) ? await db.lead.findFirst({ where: { AND: [{ id }, leadsVisibleTo(viewer)] } }) : null;
  if (!lead) throw notFound('Lead');
  if (!pool) {
    const editable = leadsEditableBy(viewer);
    if (Object.keys(editable).length && (await db.lead.count({ where: { AND: [{ id }, editable] } })) === 0) {
      reject(field, lead.ownerId ? 'sales.lead.anothersLead' : 'sales.lead.inPool', 'CONFLICT');
    }
  }
  if (expectedVersion !== undefined && lead.version !== expectedVersion) throw conflict('Lead', lead.version);
  return lead;
}

// --- duplicates -----------------------------------------------------------------------------

export interface LeadDuplicate {
  reasons: DuplicateReason[];
  /** Null when the viewer may not see the matching customer (they learn that it exists). */
  customerId: string | null;
  contactId: string | null;
  /** Another open lead with the same name, phone or e-mail (visible to the viewer). */
  leadId: string | null;
}

/**
 * Customers and contacts matching by core's duplicate check (name through the search key, phone
 * digits, e-mail), and other open leads the viewer may see matching the same way.
 */
export async function leadDuplicates(ctx: ServiceContext, input: LeadDuplicatesInput): Promise<LeadDuplicate[]> {
  const { name, phone, email, leadId } = parseInput(duplicatesInput, input);
  requirePermission(ctx.viewer, 'customer.read');
  const nameKey = name?.trim() ? normalizeName(name) : null;
  const digits = phoneDigits(phone);
  const mail = email?.trim().toLowerCase() || null;
  const customers = await findDuplicates(ctx, { nameKey, phones: [digits], emails: [mail] });
  const or: Prisma.LeadWhereInput[] = [
    ...(nameKey ? [{ nameKey }] : []),
    ...(digits && digits.length >= 6 ? [{ phoneDigits: digits }] : []),
    ...(mail?.includes('@') ? [{ email: { equals: mail, mode: 'insensitive' as const } }] : []),
  ];
  const leads = or.length
    ? await ctx.prisma.lead.findMany({
        where: { AND: [{ OR: or }, { status: { in: ['NEW', 'FOLLOWING'] } }, leadId && isUuid(leadId) ? { id: { not: leadId } } : {}, leadsVisibleTo(ctx.viewer)] },
        select: { id: true, nameKey: true, phoneDigits: true, email: true },
        orderBy: { number: 'asc' },
        take: 10,
      })
    : [];
  return [
    ...customers.map((c) => ({ ...c, leadId: null })),
    ...leads.map((l) => ({
      reasons: [
        ...(nameKey && l.nameKey === nameKey ? ['NAME' as const] : []),
        ...(digits && l.phoneDigits === digits ? ['PHONE' as const] : []),
        ...(mail && l.email?.toLowerCase() === mail ? ['EMAIL' as const] : []),
      ],
      customerId: null,
      contactId: null,
      leadId: l.id,
    })),
  ];
}

const DUPLICATE_FIELD: Record<DuplicateReason, string> = { NAME: 'name', PHONE: 'phone', EMAIL: 'email' };

/** One DUPLICATE user error per matching field, naming what it matches (pass ignoreDuplicates to go ahead). */
async function refuseDuplicates(ctx: ServiceContext, lead: { name: string; phone?: string | null; email?: string | null }, leadId?: string): Promise<void> {
  const found = await leadDuplicates(ctx, { name: lead.name, phone: lead.phone, email: lead.email, leadId });
  if (!found.length) return;
  const names = new Map(
    (await ctx.prisma.customer.findMany({ where: { id: { in: found.flatMap((d) => (d.customerId ? [d.customerId] : [])) } }, select: { id: true, name: true } })).map(
      (c) => [c.id, c.name],
    ),
  );
  const errors = new Map<string, FieldError>();
  for (const d of found) {
    for (const reason of d.reasons) {
      const field = DUPLICATE_FIELD[reason];
      if (!errors.has(field)) errors.set(field, d.leadId ? sales.field(field, 'sales.lead.duplicateLead', {}, 'DUPLICATE') : d.customerId ? sales.field(field, 'sales.lead.duplicateCustomer', { customer: names.get(d.customerId) }, 'DUPLICATE') : sales.field(field, 'sales.lead.duplicateHidden', {}, 'DUPLICATE'));
    }
  }
  throw new InputError([...errors.values()]);
}

// --- writes ---------------------------------------------------------------------------------

function leadData<T extends Partial<z.output<typeof leadFields>>>(fields: T) {
  const { name, phone, ...rest } = fields;
  return {
    ...rest,
    ...(name !== undefined ? { name, nameKey: normalizeName(name) } : {}),
    ...(phone !== undefined ? { phone, phoneDigits: phoneDigits(phone) } : {}),
  };
}

function assignedAlert(ctx: ServiceContext, config: SalesConfig, lead: Lead): AlertInput[] {
  if (!lead.ownerId || lead.ownerId === actingUserId(ctx.viewer)) return [];
  return [
    {
      recipientId: lead.ownerId,
      ...alertMessage(SALES_ALERT_MESSAGES, LEAD_ASSIGNED, { lead: lead.name, code: leadCode(config, lead), assignedBy: ctx.viewer?.label ?? '' }),
      entity: { type: 'Lead', id: lead.id },
      dedupeKey: `lead-assigned:${lead.id}:v${lead.version}`,
    },
  ];
}

export function leadCode(config: SalesConfig, lead: { number: number }): string {
  return `${config.leadCodePrefix}${String(lead.number).padStart(6, '0')}`;
}

/** A new lead, the viewer's unless given to someone (customer.assign; they are alerted). Duplicates are refused unless ignoreDuplicates. */
export async function createLead(ctx: ServiceContext, config: SalesConfig, input: CreateLeadInput): Promise<Lead> {
  const { ownerId: givenOwner, ignoreDuplicates, ...fields } = parseInput(createLeadInput, input);
  requirePermission(ctx.viewer, 'customer.write');
  const me = actingUserId(ctx.viewer);
  if (!me || ctx.viewer?.kind === 'principal') throw notFound('User');
  const ownerId = givenOwner === undefined ? me : givenOwner;
  if (ownerId && ownerId !== me) requirePermission(ctx.viewer, 'customer.assign');
  throwIfAny([await userReferenceError(ctx, 'ownerId', ownerId)]);
  if (!ignoreDuplicates) await refuseDuplicates(ctx, fields);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const lead = await tx.lead.create({ data: { ...leadData(fields), name: fields.name, nameKey: normalizeName(fields.name), ownerId, lastFollowUpAt: now, createdAt: now } });
    await emitAlerts(tx, assignedAlert(ctx, config, lead), now);
    await recordAudit(tx, ctx, { action: 'lead.create', entity: { type: 'Lead', id: lead.id }, after: lead });
    return lead;
  });
}

/**
 * Changes a lead's details, owner (customer.assign to give it to someone else; the pool clock
 * restarts and they are alerted) or status (NEW, FOLLOWING, INVALID with a reason).
 */
export async function updateLead(ctx: ServiceContext, config: SalesConfig, input: UpdateLeadInput): Promise<Lead> {
  const { id, version, ownerId, status, invalidReason, ...fields } = parseInput(updateLeadInput, input);
  const read = await leadToChange(ctx.prisma, ctx.viewer, id, version);
  if (read.status === 'CONVERTED') reject('id', 'sales.lead.convertedFixed', 'CONFLICT');
  const problem = status ? leadStatusProblem(read.status, status, invalidReason ?? read.invalidReason) : null;
  throwIfAny([problem, await userReferenceError(ctx, 'ownerId', ownerId)]);
  const reassigned = ownerId !== undefined && ownerId !== read.ownerId;
  if (reassigned && ownerId !== actingUserId(ctx.viewer)) requirePermission(ctx.viewer, 'customer.assign');
  const now = ctx.clock.now();
  const data: Prisma.LeadUncheckedUpdateManyInput = {
    ...withoutUndefined(leadData(fields)),
    ...(status ? { status, invalidReason: status === 'INVALID' ? (invalidReason ?? read.invalidReason) : null } : {}),
    ...(reassigned ? { ownerId, lastFollowUpAt: now } : {}),
  };
  return writeLead(ctx, read, data, reassigned ? 'lead.assign' : 'lead.update', async (tx, written) => {
    if (reassigned) await emitAlerts(tx, assignedAlert(ctx, config, written), now);
  });
}

/** Logs a follow-up on a lead: the pool clock restarts, and a NEW lead is FOLLOWING from now on. */
export async function followUpLead(ctx: ServiceContext, input: FollowUpLeadInput): Promise<Lead> {
  const { leadId, at, ...fields } = parseInput(followUpInput, input);
  const read = await leadToChange(ctx.prisma, ctx.viewer, leadId, undefined, { field: 'leadId' });
  if (!isOpenLead(read.status)) reject('leadId', 'sales.lead.noFollowUps', 'CONFLICT', { status: read.status });
  const now = ctx.clock.now();
  const when = at ?? now;
  if (when > now) reject('at', 'sales.notInFuture', 'OUT_OF_RANGE');
  return ctx.prisma.$transaction(async (tx) => {
    await tx.leadFollowUp.create({ data: { leadId, ...fields, body: fields.body ?? null, at: when, authorId: actingUserId(ctx.viewer), createdAt: now } });
    await tx.lead.updateMany({
      where: { id: leadId },
      data: { status: statusAfterFollowUp(read.status), version: { increment: 1 }, ...(when > read.lastFollowUpAt ? { lastFollowUpAt: when } : {}) },
    });
    const after = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
    await recordAudit(tx, ctx, { action: 'lead.followUp', entity: { type: 'Lead', id: leadId }, before: read, after });
    return after;
  });
}

/** Takes a lead from the public pool: the viewer owns it and the pool clock starts again. */
export async function claimLead(ctx: ServiceContext, input: LeadActionInput): Promise<Lead> {
  const { id, version } = parseInput(leadActionInput, input);
  const read = await leadToChange(ctx.prisma, ctx.viewer, id, version, { pool: true });
  if (read.ownerId) reject('id', read.ownerId === actingUserId(ctx.viewer) ? 'sales.lead.alreadyYours' : 'sales.lead.anothersLead', 'CONFLICT');
  if (!isOpenLead(read.status)) reject('id', 'sales.lead.cannotClaim', 'CONFLICT', { status: read.status });
  return writeLead(ctx, read, { ownerId: actingUserId(ctx.viewer), lastFollowUpAt: ctx.clock.now() }, 'lead.claim', async () => {});
}

/** Gives a lead back to the public pool by hand. */
export async function releaseLead(ctx: ServiceContext, input: LeadActionInput): Promise<Lead> {
  const { id, version } = parseInput(leadActionInput, input);
  const read = await leadToChange(ctx.prisma, ctx.viewer, id, version);
  if (!isOpenLead(read.status)) reject('id', 'sales.lead.staysWithOwner', 'CONFLICT', { status: read.status });
  return writeLead(ctx, read, { ownerId: null, releasedAt: ctx.clock.now() }, 'lead.release', async () => {});
}

/**
 * Converts a lead in one transaction: a new customer through core's createCustomer (owned by the
 * lead's owner, its contact person as the first contact) — or, with `customerId`, a contact on that
 * existing customer — the lead's follow-ups as completed activities on the customer (linked from the
 * follow-up), and with `opportunity` an opportunity through createOpportunity. The lead keeps
 * convertedAt and its links. Duplicates of a new customer are refused unless ignoreDuplicates; a
 * refusal anywhere (a user error at `opportunity.<field>`, say) writes nothing.
 */
export async function convertLead(ctx: ServiceContext, config: SalesConfig, input: ConvertLeadInput): Promise<Lead> {
  const { id, version, customerId, ignoreDuplicates, opportunity } = parseInput(convertInput, input);
  const read = await leadToChange(ctx.prisma, ctx.viewer, id, version);
  if (!isOpenLead(read.status)) reject('id', 'sales.lead.cannotConvert', 'CONFLICT', { status: read.status });
  if (!read.ownerId) reject('id', 'sales.lead.inPool', 'CONFLICT');
  if (!customerId && !ignoreDuplicates) await refuseDuplicates(ctx, read, read.id);
  const now = ctx.clock.now();
  const followUps = await ctx.prisma.leadFollowUp.findMany({ where: { leadId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  return ctx.prisma.$transaction(
    async (tx) => {
      const inTx: ServiceContext = { ...ctx, prisma: joinTransaction(tx) };
      const person = read.contactName ? { name: read.contactName, title: read.contactTitle, phone: read.phone, email: read.email } : null;
      let customer: { id: string };
      let contactId: string | null = null;
      if (customerId) {
        customer = await customerToChange(tx, ctx.viewer, customerId);
        if (person) contactId = (await prefixed('customerId', () => createContact(inTx, { ...person, customerId }))).id;
      } else {
        const made = await createCustomer(inTx, {
          name: read.name,
          source: read.source,
          ownerId: read.ownerId,
          ...(person ? { contacts: [{ ...person, isPrimary: true }] } : { phone: read.phone, email: read.email }),
        });
        customer = made;
        contactId = made.contacts[0]?.id ?? null;
      }
      for (const f of followUps) {
        const activity = await createActivity(inTx, { customerId: customer.id, contactId, kind: f.kind, subject: f.subject, body: f.body, completedAt: f.at });
        await tx.leadFollowUp.update({ where: { id: f.id }, data: { activityId: activity.id } });
      }
      const opened = opportunity
        ? await prefixed('opportunity', () =>
            createOpportunity(inTx, config, {
              customerId: customer.id,
              contactId,
              name: opportunity.name ?? read.name,
              amount: opportunity.amount ?? null,
              currency: opportunity.currency ?? null,
              expectedCloseDate: opportunity.expectedCloseDate ?? null,
              pipelineId: opportunity.pipelineId ?? null,
              stageId: opportunity.stageId ?? null,
              source: read.source,
              ownerId: read.ownerId,
            }),
          )
        : null;
      const { count } = await tx.lead.updateMany({
        where: { id, version: read.version },
        data: {
          status: 'CONVERTED',
          convertedAt: now,
          convertedById: actingUserId(ctx.viewer),
          customerId: customer.id,
          contactId,
          opportunityId: opened?.id ?? null,
          version: { increment: 1 },
        },
      });
      if (count === 0) await throwMissingOrStale('Lead', tx.lead.findUnique({ where: { id }, select: { version: true } }));
      const after = await tx.lead.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, ctx, { action: 'lead.convert', entity: { type: 'Lead', id }, before: read, after });
      return after;
    },
    { timeout: 20_000 },
  );
}

/** Runs a nested service, putting its user errors under `prefix` (e.g. opportunity.stageId). */
async function prefixed<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(error.fields.map((f) => ({ ...f, field: prefix === 'customerId' ? prefix : `${prefix}.${f.field}` })));
  }
}

/** Writes on the version read (else STALE_VERSION, nothing written), then `more` in the same transaction, then the audit entry. */
async function writeLead(
  ctx: ServiceContext,
  read: Lead,
  data: Prisma.LeadUncheckedUpdateManyInput,
  action: string,
  more: (tx: Db, written: Lead) => Promise<void>,
): Promise<Lead> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.lead.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Lead', tx.lead.findUnique({ where: { id: read.id }, select: { version: true } }));
    const written = await tx.lead.findUniqueOrThrow({ where: { id: read.id } });
    await more(tx, written);
    await recordAudit(tx, ctx, { action, entity: { type: 'Lead', id: read.id }, before: read, after: written });
    return written;
  });
}

// --- the pool clock -------------------------------------------------------------------------

const POOL_ACTOR = { kind: 'system' as const, id: 'sales.lead-pool', label: 'sales.lead-pool' };

/**
 * The lead pool job: owned open leads without a follow-up for `leadPool.releaseAfterDays` go back to
 * the pool (their owner is told, LEAD_RELEASED_TO_POOL; audited as lead.autoRelease by
 * sales.lead-pool); those within `warnDaysBefore` days of it warn their owner once per silence
 * (LEAD_ABOUT_TO_BE_RELEASED, keyed by the last follow-up). Returns what it did.
 */
export async function runLeadPool(prisma: PrismaClient, config: SalesConfig, now: Date): Promise<{ released: number; warned: number }> {
  const rules = config.leadPool;
  const warnFrom = new Date(now.getTime() - (rules.releaseAfterDays - rules.warnDaysBefore) * 86_400_000);
  const due = await prisma.lead.findMany({
    where: { ownerId: { not: null }, status: { in: ['NEW', 'FOLLOWING'] }, lastFollowUpAt: { lte: warnFrom } },
    orderBy: { id: 'asc' },
  });
  const release: Lead[] = [];
  const warn: AlertInput[] = [];
  for (const lead of due) {
    const verdict = leadPoolVerdict(lead, rules, now);
    if (verdict.verdict === 'RELEASE') release.push(lead);
    if (verdict.verdict === 'WARN') {
      warn.push({
        recipientId: lead.ownerId!,
        ...alertMessage(SALES_ALERT_MESSAGES, LEAD_ABOUT_TO_BE_RELEASED, { lead: lead.name, since: lead.lastFollowUpAt, days: verdict.daysLeft }),
        entity: { type: 'Lead', id: lead.id },
        dedupeKey: `lead-pool-warning:${lead.id}:${lead.lastFollowUpAt.toISOString()}`,
      });
    }
  }
  return prisma.$transaction(async (tx) => {
    const warned = await emitAlerts(tx, warn, now);
    const released: Lead[] = [];
    for (const lead of release) {
      // Only if nobody followed it up or took it meanwhile.
      const { count } = await tx.lead.updateMany({
        where: { id: lead.id, version: lead.version },
        data: { ownerId: null, releasedAt: now, version: { increment: 1 } },
      });
      if (count) released.push(lead);
    }
    await emitAlerts(
      tx,
      released.map((lead) => ({
        recipientId: lead.ownerId!,
        ...alertMessage(SALES_ALERT_MESSAGES, LEAD_RELEASED_TO_POOL, { lead: lead.name, days: rules.releaseAfterDays }),
        entity: { type: 'Lead', id: lead.id },
        dedupeKey: `lead-pool-release:${lead.id}:${now.toISOString()}`,
      })),
      now,
    );
    await recordAuditMany(
      tx,
      { viewer: null, clock: { now: () => now } },
      released.map((lead) => ({ action: 'lead.autoRelease', entity: { type: 'Lead', id: lead.id }, before: { ownerId: lead.ownerId }, after: { ownerId: null } })),
      POOL_ACTOR,
    );
    return { released: released.length, warned };
  });
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
