import { z } from 'zod';
import {
  actingUserId,
  can,
  contactsVisibleTo,
  customerToChange,
  InputError,
  isUuid,
  notFound,
  parseInput,
  recordAudit,
  requirePermission,
  rules,
  type Prisma,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { campaignToChange, type Campaign } from './campaigns.js';
import { savedFilterFor, segmentContactsWhere } from './segments.js';
import { isOpen } from './transitions.js';
import { marketing } from './messages.js';

/** What adding members did: who was added, who already was a member, who was left out for having opted out. */
export interface MembersAdded {
  added: number;
  alreadyMembers: number;
  skippedOptedOut: number;
}

/** A member is visible with its contact (core's row rule through the contact's customer). */
export function membersVisibleTo(viewer: Viewer | null | undefined): Prisma.CampaignMemberWhereInput {
  const contacts = contactsVisibleTo(viewer);
  return Object.keys(contacts).length ? { contact: contacts } : {};
}

const INSERT_BATCH = 1000;

function rejectIfClosed(campaign: Campaign): void {
  if (!isOpen(campaign.status)) marketing.refuse('campaignId', 'marketing.campaign.closedToMembers', { status: campaign.status });
}

async function initialStatusId(tx: Prisma.TransactionClient, campaignId: string): Promise<string> {
  const status = await tx.campaignMemberStatus.findFirstOrThrow({ where: { campaignId, isInitial: true }, select: { id: true } });
  return status.id;
}

/**
 * Inserts members for the given contacts. The unique (campaign, contact) constraint and
 * skipDuplicates make a concurrent add of the same contact harmless: it is counted once.
 */
async function insertMembers(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  campaignId: string,
  contactIds: string[],
  segmentId: string | null,
): Promise<number> {
  if (contactIds.length === 0) return 0;
  const statusId = await initialStatusId(tx, campaignId);
  const addedAt = ctx.clock.now();
  const addedById = actingUserId(ctx.viewer);
  let added = 0;
  for (let i = 0; i < contactIds.length; i += INSERT_BATCH) {
    const batch = contactIds.slice(i, i + INSERT_BATCH);
    const { count } = await tx.campaignMember.createMany({
      data: batch.map((contactId) => ({ campaignId, contactId, statusId, segmentId, addedById, addedAt })),
      skipDuplicates: true,
    });
    added += count;
  }
  return added;
}

const addContactsInput = z.object({ campaignId: z.string(), contactIds: z.array(z.string()).min(1, 'name at least one contact').max(1000, 'at most 1000 contacts at a time') });
export type AddCampaignContactsInput = z.input<typeof addContactsInput>;

/**
 * Adds individual contacts. Unknown or invisible contacts are an error naming each one; contacts
 * already in the campaign are counted, not an error; opted-out contacts are never added.
 */
export async function addCampaignContacts(ctx: ServiceContext, input: AddCampaignContactsInput): Promise<MembersAdded> {
  const { campaignId, contactIds } = parseInput(addContactsInput, input);
  const campaign = await campaignToChange(ctx, campaignId);
  rejectIfClosed(campaign);
  const wanted = [...new Set(contactIds.filter(isUuid))];
  const found = await ctx.prisma.contact.findMany({
    where: { AND: [{ id: { in: wanted } }, contactsVisibleTo(ctx.viewer)] },
    select: { id: true, marketingOptOut: { select: { id: true } }, campaignMemberships: { where: { campaignId }, select: { id: true } } },
  });
  const byId = new Map(found.map((c) => [c.id, c]));
  const missing = contactIds.flatMap((id, i) => (byId.has(id) ? [] : [marketing.field(`contactIds.${i}`, 'marketing.member.noSuchContact')]));
  if (missing.length) throw new InputError(missing);
  const optedOut = found.filter((c) => c.marketingOptOut);
  const toAdd = found.filter((c) => !c.marketingOptOut && c.campaignMemberships.length === 0).map((c) => c.id);
  return ctx.prisma.$transaction(async (tx) => {
    const added = await insertMembers(tx, ctx, campaignId, toAdd, null);
    const result = { added, alreadyMembers: found.length - optedOut.length - added, skippedOptedOut: optedOut.length };
    await recordAudit(tx, ctx, { action: 'campaign.addContacts', entity: { type: 'Campaign', id: campaignId }, after: { contactIds: toAdd, ...result } });
    return result;
  });
}

const segmentInput = z.object({ campaignId: z.string(), segmentId: z.string() });
export type CampaignSegmentInput = z.input<typeof segmentInput>;

/**
 * Adds the contacts a segment selects now (a snapshot; `refresh` adds those matching later). The
 * database evaluates the segment: only the ids of new, not opted-out matches travel to the server.
 */
async function addFromSegment(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  campaignId: string,
  segment: { id: string; filter: Prisma.JsonValue },
): Promise<MembersAdded> {
  const filter = (await savedFilterFor(ctx, segment.filter, tx)).usable;
  if (!filter) {
    // One answer whether the filter is of an older format or on a custom field the viewer may not filter by.
    marketing.refuse('segmentId', 'marketing.segment.unusable');
  }
  const matching = segmentContactsWhere(filter, ctx.viewer, ctx.clock.now());
  const notMember: Prisma.ContactWhereInput = { campaignMemberships: { none: { campaignId } } };
  const [alreadyMembers, skippedOptedOut, candidates] = [
    await tx.contact.count({ where: { AND: [matching, { campaignMemberships: { some: { campaignId } } }] } }),
    await tx.contact.count({ where: { AND: [matching, notMember, { marketingOptOut: { isNot: null } }] } }),
    await tx.contact.findMany({ where: { AND: [matching, notMember, { marketingOptOut: { is: null } }] }, select: { id: true }, orderBy: { id: 'asc' } }),
  ];
  const added = await insertMembers(tx, ctx, campaignId, candidates.map((c) => c.id), segment.id);
  return { added, alreadyMembers: alreadyMembers + candidates.length - added, skippedOptedOut };
}

async function segmentToUse(ctx: ServiceContext, segmentId: string) {
  const segment = isUuid(segmentId) ? await ctx.prisma.segment.findUnique({ where: { id: segmentId } }) : null;
  if (!segment) throw notFound('Segment');
  return segment;
}

export async function addSegmentToCampaign(ctx: ServiceContext, input: CampaignSegmentInput): Promise<MembersAdded> {
  const { campaignId, segmentId } = parseInput(segmentInput, input);
  const campaign = await campaignToChange(ctx, campaignId);
  rejectIfClosed(campaign);
  const segment = await segmentToUse(ctx, segmentId);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaignSegment.createMany({ data: [{ campaignId, segmentId, addedAt: now, lastRefreshedAt: now }], skipDuplicates: true });
    if (count === 0) marketing.refuse('segmentId', 'marketing.segment.alreadyAdded');
    const result = await addFromSegment(tx, ctx, campaignId, segment);
    await recordAudit(tx, ctx, { action: 'campaign.addSegment', entity: { type: 'Campaign', id: campaignId }, after: { segmentId, ...result } });
    return result;
  });
}

/** Adds the contacts that match the segment now and are not members yet; members are never removed. */
export async function refreshCampaignSegment(ctx: ServiceContext, input: CampaignSegmentInput): Promise<MembersAdded> {
  const { campaignId, segmentId } = parseInput(segmentInput, input);
  const campaign = await campaignToChange(ctx, campaignId);
  rejectIfClosed(campaign);
  const segment = await segmentToUse(ctx, segmentId);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaignSegment.updateMany({ where: { campaignId, segmentId }, data: { lastRefreshedAt: ctx.clock.now() } });
    if (count === 0) marketing.refuse('segmentId', 'marketing.segment.notAdded');
    const result = await addFromSegment(tx, ctx, campaignId, segment);
    await recordAudit(tx, ctx, { action: 'campaign.refreshSegment', entity: { type: 'Campaign', id: campaignId }, after: { segmentId, ...result } });
    return result;
  });
}

const optOutInput = z.object({ contactId: z.string(), reason: rules.optionalText(2000) });
export type OptOutContactInput = z.input<typeof optOutInput>;

/**
 * Records that a contact wants no more marketing, for every campaign and for good. Marketers
 * (campaign.manage) may record it for any contact they see; anyone else for contacts of customers
 * they may change (a rep who hears it on the phone). Recording it twice keeps the first.
 */
export async function optOutContact(ctx: ServiceContext, input: OptOutContactInput) {
  const { contactId, reason } = parseInput(optOutInput, input);
  requirePermission(ctx.viewer, 'customer.read');
  const contact = isUuid(contactId)
    ? await ctx.prisma.contact.findFirst({ where: { AND: [{ id: contactId }, contactsVisibleTo(ctx.viewer)] }, select: { id: true, customerId: true } })
    : null;
  if (!contact) throw notFound('Contact');
  return ctx.prisma.$transaction(async (tx) => {
    if (!can(ctx.viewer, 'campaign.manage')) await customerToChange(tx, ctx.viewer, contact.customerId);
    await recordOptOuts(tx, [{ contactId, campaignId: null, reason: reason ?? null }], ctx, ctx.clock.now());
    const optOut = await tx.contactOptOut.findUniqueOrThrow({ where: { contactId } });
    await recordAudit(tx, ctx, { action: 'contact.optOut', entity: { type: 'Contact', id: contactId }, after: optOut });
    return optOut;
  });
}

/** Opt-outs hold for good: an existing one is kept as it is. */
export async function recordOptOuts(
  tx: Prisma.TransactionClient,
  optOuts: Array<{ contactId: string; campaignId: string | null; reason: string | null }>,
  ctx: ServiceContext,
  at: Date,
): Promise<void> {
  if (optOuts.length === 0) return;
  await tx.contactOptOut.createMany({
    data: optOuts.map((o) => ({ ...o, recordedById: actingUserId(ctx.viewer), optedOutAt: at })),
    skipDuplicates: true,
  });
}
