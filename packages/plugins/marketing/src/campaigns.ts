import { z } from 'zod';
import {
  actingUserId,
  can,
  CampaignChannel,
  CampaignStatus,
  conflict,
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
  userReferenceError,
  type FieldError,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { DEFAULT_MEMBER_STATUSES, memberStatusSet } from './statuses.js';
import { campaignTransitionProblem } from './transitions.js';
import { marketing } from './messages.js';

export type Campaign = Prisma.CampaignModel;

/** Campaigns are the company's, readable by every member of staff; their money only with campaign.manage. */
export function campaignsVisibleTo(viewer: Viewer | null | undefined): Prisma.CampaignWhereInput {
  return can(viewer, 'customer.read') ? {} : { id: { in: [] } };
}

/** Segments are shared definitions, readable like campaigns; what they select is filtered per viewer. */
export function segmentsVisibleTo(viewer: Viewer | null | undefined): Prisma.SegmentWhereInput {
  return can(viewer, 'customer.read') ? {} : { id: { in: [] } };
}

export function canSeeCampaignMoney(viewer: Viewer | null | undefined): boolean {
  return can(viewer, 'campaign.manage');
}

const money = rules.money;
const reference = (what: string) => z.uuid(marketing.stored('marketing.idOf', { what }));

const campaignFields = {
  name: rules.requiredText(200),
  channel: z.enum(CampaignChannel),
  goal: rules.optionalText(2000),
  startsAt: z.date(),
  endsAt: z.date(),
  budget: money.optional(),
  actualCost: money.optional(),
  expectedRevenue: money.optional(),
  ownerId: reference('user').optional(),
  parentId: reference('campaign').nullish(),
};

const createCampaignInput = z
  .object({ ...campaignFields, memberStatuses: memberStatusSet.optional() })
  .refine((c) => c.endsAt > c.startsAt, { message: marketing.key('marketing.campaign.endAfterStart'), path: ['endsAt'] });
const updateCampaignInput = z.object(campaignFields).partial().extend({ id: z.string(), version: z.number().int().min(1) });
const changeStatusInput = z.object({ id: z.string(), version: z.number().int().min(1), status: z.enum(CampaignStatus) });

export type CreateCampaignInput = z.input<typeof createCampaignInput>;
export type UpdateCampaignInput = z.input<typeof updateCampaignInput>;
export type ChangeCampaignStatusInput = z.input<typeof changeStatusInput>;

/** A campaign the viewer may read (NOT_FOUND otherwise); with a version, the one they read (else CONFLICT). */
export async function campaignToRead(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Campaign> {
  const campaign = isUuid(id) ? await ctx.prisma.campaign.findFirst({ where: { AND: [{ id }, campaignsVisibleTo(ctx.viewer)] } }) : null;
  if (!campaign) throw notFound('Campaign');
  if (expectedVersion !== undefined && campaign.version !== expectedVersion) throw conflict('Campaign', campaign.version);
  return campaign;
}

/** Like campaignToRead, for changes: needs campaign.manage. */
export async function campaignToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Campaign> {
  requirePermission(ctx.viewer, 'campaign.manage');
  return campaignToRead(ctx, id, expectedVersion);
}

/** A parent must exist, and must not be the campaign itself or one of its descendants (no cycles). */
async function parentError(ctx: ServiceContext, parentId: string | null | undefined, selfId?: string): Promise<FieldError | null> {
  if (!parentId) return null;
  if (parentId === selfId) return marketing.field('parentId', 'marketing.campaign.ownParent');
  const parent = await ctx.prisma.campaign.findUnique({ where: { id: parentId }, select: { id: true } });
  if (!parent) return marketing.field('parentId', 'marketing.campaign.noSuchParent');
  if (!selfId) return null;
  const [row] = await ctx.prisma.$queryRaw<Array<{ cycle: boolean }>>`
    WITH RECURSIVE ancestors AS (
      SELECT id, "parentId" FROM "Campaign" WHERE id = ${parentId}::uuid
      UNION
      SELECT c.id, c."parentId" FROM "Campaign" c JOIN ancestors a ON c.id = a."parentId"
    )
    SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${selfId}::uuid) AS cycle`;
  return row?.cycle ? marketing.field('parentId', 'marketing.campaign.cycle') : null;
}

export async function createCampaign(ctx: ServiceContext, input: CreateCampaignInput): Promise<Campaign> {
  requirePermission(ctx.viewer, 'campaign.manage');
  const { memberStatuses, ownerId, ...fields } = parseInput(createCampaignInput, input);
  const owner = ownerId ?? actingUserId(ctx.viewer)!;
  throwIfAny([await userReferenceError(ctx, 'ownerId', owner), await parentError(ctx, fields.parentId)]);
  const statuses = memberStatuses ?? DEFAULT_MEMBER_STATUSES;
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        ...fields,
        ownerId: owner,
        createdAt: now,
        memberStatuses: { create: statuses.map((s, position) => ({ ...s, position })) },
      },
    });
    await recordAudit(tx, ctx, { action: 'campaign.create', entity: { type: 'Campaign', id: campaign.id }, after: { ...campaign, memberStatuses: statuses } });
    return campaign;
  });
}

export async function updateCampaign(ctx: ServiceContext, input: UpdateCampaignInput): Promise<Campaign> {
  const { id, version, ownerId, ...fields } = parseInput(updateCampaignInput, input);
  const before = await campaignToChange(ctx, id, version);
  const startsAt = fields.startsAt ?? before.startsAt;
  const endsAt = fields.endsAt ?? before.endsAt;
  throwIfAny([
    endsAt > startsAt ? null : marketing.field(fields.endsAt ? 'endsAt' : 'startsAt', 'marketing.campaign.endsAfterStarts'),
    ownerId ? await userReferenceError(ctx, 'ownerId', ownerId) : null,
    await parentError(ctx, fields.parentId, id),
  ]);
  return writeCampaign(ctx, before, { ...fields, ...(ownerId ? { ownerId } : {}) }, 'campaign.update');
}

/** Moves a campaign along its lifecycle; see CAMPAIGN_TRANSITIONS. */
export async function changeCampaignStatus(ctx: ServiceContext, input: ChangeCampaignStatusInput): Promise<Campaign> {
  const { id, version, status } = parseInput(changeStatusInput, input);
  const before = await campaignToChange(ctx, id, version);
  const problem = campaignTransitionProblem(before.status, status);
  if (problem) throw new InputError([{ field: 'status', message: problem.en, messages: problem }]);
  return writeCampaign(ctx, before, { status }, 'campaign.changeStatus');
}

const configureStatusesInput = z.object({ id: z.string(), version: z.number().int().min(1), memberStatuses: memberStatusSet });
export type ConfigureCampaignMemberStatusesInput = z.input<typeof configureStatusesInput>;

/**
 * Replaces a campaign's member status set, matching statuses by name: kept ones take the new flags
 * and order, new ones are added, and one left out is removed unless a member or response uses it.
 * Milestones members already reached stay as they were recorded.
 */
export async function configureCampaignMemberStatuses(ctx: ServiceContext, input: ConfigureCampaignMemberStatusesInput): Promise<Campaign> {
  const { id, version, memberStatuses } = parseInput(configureStatusesInput, input);
  const before = await campaignToChange(ctx, id, version);
  const current = await ctx.prisma.campaignMemberStatus.findMany({
    where: { campaignId: id },
    include: { _count: { select: { members: true, responses: true } } },
  });
  const kept = new Set(memberStatuses.map((s) => s.name));
  const dropped = current.filter((s) => !kept.has(s.name));
  const inUse = dropped.filter((s) => s._count.members + s._count.responses > 0).map((s) => s.name);
  if (inUse.length) marketing.refuse('memberStatuses', 'marketing.campaign.statusesInUse', { statuses: inUse.join(', ') });
  return ctx.prisma.$transaction(async (tx) => {
    await tx.campaignMemberStatus.deleteMany({ where: { id: { in: dropped.map((s) => s.id) } } });
    for (const [position, status] of memberStatuses.entries()) {
      await tx.campaignMemberStatus.upsert({
        where: { campaignId_name: { campaignId: id, name: status.name } },
        create: { ...status, position, campaignId: id },
        update: { ...status, position },
      });
    }
    const { count } = await tx.campaign.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Campaign', tx.campaign.findUnique({ where: { id }, select: { version: true } }));
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, {
      action: 'campaign.configureMemberStatuses',
      entity: { type: 'Campaign', id },
      before: { ...before, memberStatuses: current.map(({ _count, ...s }) => s) },
      after: { ...campaign, memberStatuses },
    });
    return campaign;
  });
}

/** Writes on the version read; if someone changed the campaign meanwhile, nothing is written. */
async function writeCampaign(ctx: ServiceContext, before: Campaign, data: Prisma.CampaignUncheckedUpdateManyInput, action: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({ where: { id: before.id, version: before.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Campaign', tx.campaign.findUnique({ where: { id: before.id }, select: { version: true } }));
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action, entity: { type: 'Campaign', id: campaign.id }, before, after: campaign });
    return campaign;
  });
}
