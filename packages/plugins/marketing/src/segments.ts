import { z } from 'zod';
import {
  actingUserId,
  contactsVisibleTo,
  customersVisibleTo,
  customerWhere,
  CustomerStage,
  CustomerTier,
  customFieldDefinitions,
  InputError,
  isUuid,
  notFound,
  parseInput,
  type Prisma,
  recordAudit,
  requirePermission,
  rules,
  throwIfAny,
  throwMissingOrStale,
  hiddenKeys,
  type ServiceContext,
  type Viewer,
  zodIssueMessages,
} from '@rapport/core';
import { marketing } from './messages.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const text = (max: number) => z.string().trim().min(1, marketing.key('marketing.notEmpty')).max(max, marketing.key('marketing.maxCharacters'));
const scalar = z.union([z.string().max(500), z.number(), z.boolean()], marketing.key('marketing.segment.scalar'));

/** A condition on one key of Customer.customFields: equal to a value, one of several, or a number in a range. */
const customFieldCondition = z
  .strictObject({
    key: text(100),
    equals: scalar.optional(),
    in: z.array(scalar).min(1, marketing.key('marketing.segment.atLeastOneValue')).max(100).optional(),
    gte: z.number().optional(),
    lte: z.number().optional(),
  })
  .refine((c) => [c.equals, c.in, c.gte ?? c.lte].filter((v) => v !== undefined).length === 1, {
    message: marketing.key('marketing.segment.exactlyOne'),
    path: ['key'],
  });

const contactCondition = z.strictObject({
  primaryOnly: z.boolean().optional(),
  hasEmail: z.boolean().optional(),
  hasPhone: z.boolean().optional(),
  department: text(100).optional(),
  titleContains: text(100).optional(),
});

/**
 * What a segment selects: contacts (conditions under `contact`) of customers matching the rest.
 * The customer part is core's customer filter (the same as the `customers` list), plus custom
 * fields and contact recency. Stored as validated here, in Segment.filter.
 */
export const segmentFilterSchema = z.strictObject({
  tier: z.array(z.enum(CustomerTier)).optional(),
  stage: z.array(z.enum(CustomerStage)).optional(),
  tagsAny: z.array(text(50)).max(50).optional(),
  tagsAll: z.array(text(50)).max(50).optional(),
  country: text(100).optional(),
  province: text(100).optional(),
  city: text(100).optional(),
  industry: text(100).optional(),
  source: text(100).optional(),
  ownerIds: z.array(z.uuid(marketing.stored('marketing.idOf', { what: 'user' }))).max(100).optional(),
  inPublicPool: z.boolean().optional(),
  customFields: z.array(customFieldCondition).max(20).optional(),
  /** Contacted (a completed interaction) within the last N days. */
  contactedWithinDays: z.number().int().min(1).max(3650).optional(),
  /** Not contacted for at least N days, or never. */
  notContactedForDays: z.number().int().min(1).max(3650).optional(),
  contact: contactCondition.optional(),
});

export type SegmentFilter = z.output<typeof segmentFilterSchema>;
type CustomFieldCondition = z.output<typeof customFieldCondition>;

function customFieldWhere(c: CustomFieldCondition): Prisma.CustomerWhereInput {
  const path = [c.key];
  if (c.equals !== undefined) return { customFields: { path, equals: c.equals } };
  if (c.in) return { OR: c.in.map((value) => ({ customFields: { path, equals: value } })) };
  return {
    AND: [
      ...(c.gte !== undefined ? [{ customFields: { path, gte: c.gte } }] : []),
      ...(c.lte !== undefined ? [{ customFields: { path, lte: c.lte } }] : []),
    ],
  };
}

/** The customer half of a segment, as SQL conditions (core's customer filter does the common part). */
function customerPart(filter: SegmentFilter, now: Date): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [customerWhere(filter, '')];
  for (const condition of filter.customFields ?? []) and.push(customFieldWhere(condition));
  if (filter.contactedWithinDays) and.push({ lastContactedAt: { gte: new Date(now.getTime() - filter.contactedWithinDays * DAY_MS) } });
  if (filter.notContactedForDays) {
    const since = new Date(now.getTime() - filter.notContactedForDays * DAY_MS);
    and.push({ OR: [{ lastContactedAt: null }, { lastContactedAt: { lt: since } }] });
  }
  return { AND: and };
}

function contactPart(contact: SegmentFilter['contact']): Prisma.ContactWhereInput {
  if (!contact) return {};
  const and: Prisma.ContactWhereInput[] = [];
  if (contact.primaryOnly) and.push({ isPrimary: true });
  if (contact.hasEmail != null) and.push({ email: contact.hasEmail ? { not: null } : null });
  if (contact.hasPhone != null) and.push({ phone: contact.hasPhone ? { not: null } : null });
  if (contact.department) and.push({ department: { equals: contact.department, mode: 'insensitive' } });
  if (contact.titleContains) and.push({ title: { contains: contact.titleContains, mode: 'insensitive' } });
  return { AND: and };
}

/**
 * The contacts a segment selects for this viewer, as one `where` the database evaluates: only
 * contacts of customers the viewer may see. Recency is relative to `now`.
 */
export function segmentContactsWhere(filter: SegmentFilter, viewer: Viewer | null, now: Date): Prisma.ContactWhereInput {
  return { AND: [{ customer: customerPart(filter, now) }, contactPart(filter.contact), contactsVisibleTo(viewer)] };
}

/** Customers with at least one selected contact. */
export function segmentCustomersWhere(filter: SegmentFilter, viewer: Viewer | null, now: Date): Prisma.CustomerWhereInput {
  return { AND: [customerPart(filter, now), customersVisibleTo(viewer), { contacts: { some: contactPart(filter.contact) } }] };
}

/** Customer custom-field keys this viewer may filter by: defined ones, less those private to them. */
async function filterableKeys(ctx: ServiceContext, db: Prisma.TransactionClient = ctx.prisma): Promise<Set<string>> {
  const definitions = await customFieldDefinitions(ctx, 'CUSTOMER', db);
  const hidden = new Set(await hiddenKeys(ctx, 'CUSTOMER', db));
  return new Set(definitions.map((d) => d.key).filter((key) => !hidden.has(key)));
}

/**
 * A filter given as input may use only keys the viewer may filter by. A private key is refused
 * exactly like an unknown one (core's rule for the customers list), so no answer tells them apart.
 */
export async function requireFilterableKeys(ctx: ServiceContext, filter: SegmentFilter, field = 'filter'): Promise<void> {
  const keys = await filterableKeys(ctx);
  throwIfAny(
    (filter.customFields ?? []).map((c, index) =>
      keys.has(c.key) ? null : marketing.field(`${field}.customFields.${index}.key`, 'marketing.segment.notFilterable', { key: c.key }),
    ),
  );
}

/** A saved segment as one viewer may know it. */
export interface SavedFilter {
  /** What the viewer reads: the saved filter less its conditions on keys they may not filter by. */
  shown: Prisma.JsonValue;
  /** What it selects for them: nothing (null) when a condition is on such a key, or the filter no longer validates. */
  usable: SegmentFilter | null;
}

/**
 * A condition on a key the viewer may not filter by (private to them, or no longer defined) is left
 * out of what they read, and makes the segment select nothing for them: private and unknown alike.
 */
export async function savedFilterFor(ctx: ServiceContext, json: Prisma.JsonValue, db: Prisma.TransactionClient = ctx.prisma): Promise<SavedFilter> {
  const keys = await filterableKeys(ctx, db);
  const filter = storedSegmentFilter(json);
  const conditions = json && typeof json === 'object' && !Array.isArray(json) && Array.isArray(json.customFields) ? json.customFields : null;
  if (!conditions) return { shown: json, usable: filter };
  const allowed = (c: Prisma.JsonValue) => !!c && typeof c === 'object' && !Array.isArray(c) && typeof c.key === 'string' && keys.has(c.key);
  const kept = conditions.filter(allowed);
  const { customFields: _, ...rest } = json as Prisma.JsonObject;
  const shown = kept.length ? { ...rest, customFields: kept } : rest;
  return { shown, usable: kept.length === conditions.length ? filter : null };
}

/** Parses a filter given as input (errors named under `field`). */
export function parseSegmentFilter(input: unknown, field: string): SegmentFilter {
  const parsed = segmentFilterSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((i) => {
      const messages = zodIssueMessages(i as Parameters<typeof zodIssueMessages>[0]);
      return { field: [field, ...i.path.map(String)].join('.'), message: messages?.en ?? i.message, messages };
    }),
  );
}

/** A stored filter; one that no longer validates (an older format) matches nothing rather than everything. */
export function storedSegmentFilter(json: unknown): SegmentFilter | null {
  const parsed = segmentFilterSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export interface SegmentPreview {
  contacts: number;
  customers: number;
}

/** How many contacts and customers the filter selects right now, among those the viewer may see. */
export async function previewSegment(ctx: ServiceContext, filter: SegmentFilter | null): Promise<SegmentPreview> {
  if (!filter) return { contacts: 0, customers: 0 };
  const now = ctx.clock.now();
  const [contacts, customers] = await Promise.all([
    ctx.prisma.contact.count({ where: segmentContactsWhere(filter, ctx.viewer, now) }),
    ctx.prisma.customer.count({ where: segmentCustomersWhere(filter, ctx.viewer, now) }),
  ]);
  return { contacts, customers };
}

const createSegmentInput = z.object({ name: text(200), description: rules.optionalText(2000), filter: z.unknown() });
const updateSegmentInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: text(200).optional(),
  description: rules.optionalText(2000),
  filter: z.unknown().optional(),
});
export type CreateSegmentInput = z.input<typeof createSegmentInput>;
export type UpdateSegmentInput = z.input<typeof updateSegmentInput>;

async function nameTakenError(ctx: ServiceContext, name: string, exceptId?: string) {
  const taken = await ctx.prisma.segment.findFirst({ where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (taken) marketing.refuse('name', 'marketing.segment.nameTaken');
}

export async function createSegment(ctx: ServiceContext, input: CreateSegmentInput) {
  requirePermission(ctx.viewer, 'campaign.manage');
  const { name, description, filter: raw } = parseInput(createSegmentInput, input);
  const filter = parseSegmentFilter(raw, 'filter');
  await requireFilterableKeys(ctx, filter);
  await nameTakenError(ctx, name);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const segment = await tx.segment.create({
      data: { name, description, filter: filter as Prisma.InputJsonObject, createdById: actingUserId(ctx.viewer), createdAt: now },
    });
    await recordAudit(tx, ctx, { action: 'segment.create', entity: { type: 'Segment', id: segment.id }, after: segment });
    return segment;
  });
}

export async function updateSegment(ctx: ServiceContext, input: UpdateSegmentInput) {
  requirePermission(ctx.viewer, 'campaign.manage');
  const { id, version, name, description, filter: raw } = parseInput(updateSegmentInput, input);
  const before = isUuid(id) ? await ctx.prisma.segment.findUnique({ where: { id } }) : null;
  if (!before) throw notFound('Segment');
  const filter = raw === undefined ? undefined : parseSegmentFilter(raw, 'filter');
  if (filter) await requireFilterableKeys(ctx, filter);
  if (name) await nameTakenError(ctx, name, id);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.segment.updateMany({
      where: { id, version },
      data: { name, description, ...(filter ? { filter: filter as Prisma.InputJsonObject } : {}), version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Segment', tx.segment.findUnique({ where: { id }, select: { version: true } }));
    const segment = await tx.segment.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'segment.update', entity: { type: 'Segment', id }, before, after: segment });
    return segment;
  });
}
