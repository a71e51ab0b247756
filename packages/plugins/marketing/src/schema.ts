import {
  CampaignChannel,
  CampaignMaterialKind,
  CampaignStatus,
  isUuid,
  notFound,
  prismaDirection,
  type CoreRefs,
  type Prisma,
  type RapportBuilder,
  type ServiceContext,
  type Viewer,
  connectionOf,
} from '@rapport/core';
import { campaignsVisibleTo, canSeeCampaignMoney, segmentsVisibleTo } from './campaigns.js';
import type { MaterialStore } from './materials.js';
import { membersVisibleTo } from './members.js';
import { metricsLoaders, type CampaignMetrics } from './metrics.js';
import { parseSegmentFilter, previewSegment, requireFilterableKeys, savedFilterFor, segmentContactsWhere, type SegmentPreview } from './segments.js';

/** Money of campaigns is for campaign.manage holders; others read null (a list stays whole). */
const moneyFor = <T>(viewer: Viewer | null, value: T): T | null => (canSeeCampaignMoney(viewer) ? value : null);

/** Responses are visible with their member's contact. */
function responsesVisibleTo(viewer: Viewer | null): Prisma.CampaignResponseWhereInput {
  const members = membersVisibleTo(viewer);
  return Object.keys(members).length ? { member: members } : {};
}

/** The contacts a saved segment selects for the viewer now; nothing when its filter no longer validates. */
async function segmentContacts(json: Prisma.JsonValue, ctx: ServiceContext): Promise<Prisma.ContactWhereInput> {
  const { usable } = await savedFilterFor(ctx, json);
  if (!usable) return { id: { in: [] } };
  return segmentContactsWhere(usable, ctx.viewer, ctx.clock.now());
}

/** Campaign, segment, member, response and material types, their queries, and the marketing fields of Contact. */
export function registerMarketingTypes(builder: RapportBuilder, refs: CoreRefs, store: MaterialStore) {
  const Channel = builder.enumType(CampaignChannel, { name: 'CampaignChannel' });
  const Status = builder.enumType(CampaignStatus, {
    name: 'CampaignStatus',
    description: 'PLANNED → ACTIVE ⇄ PAUSED → COMPLETED; ABORTED from any but COMPLETED. COMPLETED and ABORTED are final.',
  });
  const MaterialKind = builder.enumType(CampaignMaterialKind, { name: 'CampaignMaterialKind' });

  const Metrics = builder.objectRef<CampaignMetrics>('CampaignMetrics').implement({
    description:
      'Results computed by the database. Counts come from member milestones (they never go back); attributed revenue is the revenue recorded on conversion responses.',
    fields: (t) => ({
      campaigns: t.exposeInt('campaigns', { description: 'Campaigns covered: 1, or the whole subtree for a roll-up.' }),
      members: t.exposeInt('members'),
      sent: t.exposeInt('sent', { description: 'Members who reached a status that counts as sent (a response counts as sent too).' }),
      responses: t.exposeInt('responses', { description: 'Members who reached a status that counts as a response.' }),
      conversions: t.exposeInt('conversions', { description: 'Members who reached a status that counts as a conversion.' }),
      optedOut: t.exposeInt('optedOut', { description: 'Members who opted out in this campaign.' }),
      responseRate: t.exposeFloat('responseRate', { nullable: true, description: 'responses / sent; null before anything was sent.' }),
      conversionRate: t.exposeFloat('conversionRate', { nullable: true, description: 'conversions / sent; null before anything was sent.' }),
      budget: t.field({ type: 'Decimal', nullable: true, resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.budget) }),
      actualCost: t.field({ type: 'Decimal', nullable: true, resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.actualCost) }),
      expectedRevenue: t.field({ type: 'Decimal', nullable: true, resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.expectedRevenue) }),
      attributedRevenue: t.field({ type: 'Decimal', nullable: true, resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.attributedRevenue) }),
      costPerResponse: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'actualCost / responses, rounded to the cent; null without responses.',
        resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.costPerResponse),
      }),
      roi: t.float({
        nullable: true,
        description: '(attributedRevenue − actualCost) / actualCost; null without cost.',
        resolve: (m, _a, ctx) => moneyFor(ctx.viewer, m.roi),
      }),
    }),
  });

  const MemberStatus = builder.prismaObject('CampaignMemberStatus', {
    description: "One status of a campaign's member status set and what reaching it counts as.",
    fields: (t) => ({
      name: t.exposeString('name'),
      position: t.exposeInt('position'),
      isInitial: t.exposeBoolean('isInitial', { description: 'New members start here.' }),
      countsAsSent: t.exposeBoolean('countsAsSent'),
      countsAsResponse: t.exposeBoolean('countsAsResponse'),
      countsAsConversion: t.exposeBoolean('countsAsConversion', { description: 'A conversion response may carry revenue.' }),
      countsAsOptOut: t.exposeBoolean('countsAsOptOut', { description: 'Reaching it opts the contact out of all campaigns, for good.' }),
    }),
  });

  const OptOut = builder.prismaObject('ContactOptOut', {
    description: 'The contact asked for no more marketing: never added to a campaign again.',
    fields: (t) => ({
      optedOutAt: t.expose('optedOutAt', { type: 'DateTime' }),
      reason: t.exposeString('reason', { nullable: true }),
      campaign: t.relation('campaign', { nullable: true, description: 'The campaign whose response carried it.' }),
    }),
  });

  const Campaign = builder.prismaNode('Campaign', {
    id: { field: 'id' },
    description: 'A marketing campaign: what it costs, whom it reaches and what it earns.',
    findUnique: (id, ctx) => ({ id, AND: [campaignsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      name: t.exposeString('name'),
      channel: t.expose('channel', { type: Channel }),
      status: t.expose('status', { type: Status }),
      goal: t.exposeString('goal', { nullable: true }),
      startsAt: t.expose('startsAt', { type: 'DateTime' }),
      endsAt: t.expose('endsAt', { type: 'DateTime' }),
      budget: t.field({ type: 'Decimal', nullable: true, description: 'Null without campaign.manage.', resolve: (c, _a, ctx) => moneyFor(ctx.viewer, c.budget) }),
      actualCost: t.field({ type: 'Decimal', nullable: true, description: 'Null without campaign.manage.', resolve: (c, _a, ctx) => moneyFor(ctx.viewer, c.actualCost) }),
      expectedRevenue: t.field({ type: 'Decimal', nullable: true, description: 'Null without campaign.manage.', resolve: (c, _a, ctx) => moneyFor(ctx.viewer, c.expectedRevenue) }),
      owner: t.relation('owner'),
      parent: t.relation('parent', { nullable: true }),
      children: t.relation('children', { query: () => ({ orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }) }),
      memberStatuses: t.relation('memberStatuses', { query: () => ({ orderBy: { position: 'asc' } }) }),
      members: t.relatedConnection('members', {
        cursor: 'id',
        totalCount: true,
        description: 'Members whose contacts you may see, in the order they were added.',
        args: {
          status: t.arg.stringList({ description: 'Only members in these statuses (by name).' }),
          contactOptedOut: t.arg.boolean({ description: 'true: only contacts who opted out (anywhere); false: only those you may still address.' }),
        },
        query: (args, ctx) => ({
          where: {
            AND: [
              membersVisibleTo(ctx.viewer),
              args.status?.length ? { status: { name: { in: args.status } } } : {},
              args.contactOptedOut == null ? {} : { contact: { marketingOptOut: args.contactOptedOut ? { isNot: null } : { is: null } } },
            ],
          },
          orderBy: [{ addedAt: 'asc' }, { id: 'asc' }],
        }),
      }, connectionOf(builder, 'CampaignMember')),
      responses: t.relatedConnection('responses', {
        cursor: 'id',
        totalCount: true,
        description: 'Responses of members you may see, newest first.',
        query: (_args, ctx) => ({ where: responsesVisibleTo(ctx.viewer), orderBy: [{ respondedAt: 'desc' }, { id: 'desc' }] }),
      }, connectionOf(builder, 'CampaignResponse')),
      materials: t.relation('materials', { query: () => ({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }) }),
      segments: t.relation('segments', { description: 'Segments added to the campaign.', query: () => ({ orderBy: { addedAt: 'asc' } }) }),
      metrics: t.field({
        type: Metrics,
        description: "This campaign's own results.",
        resolve: (c, _a, ctx) => metricsLoaders(ctx).own.load(c.id),
      }),
      rollupMetrics: t.field({
        type: Metrics,
        description: 'The results of this campaign and all its descendants together.',
        resolve: (c, _a, ctx) => metricsLoaders(ctx).rollUp.load(c.id),
      }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  const Member = builder.prismaNode('CampaignMember', {
    id: { field: 'id' },
    description: 'A contact targeted by a campaign.',
    findUnique: (id, ctx) => ({ id, AND: [membersVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      campaign: t.relation('campaign'),
      contact: t.relation('contact'),
      status: t.relation('status'),
      segment: t.relation('segment', { nullable: true, description: 'The segment that brought the member in; null when added individually.' }),
      addedBy: t.relation('addedBy', { nullable: true }),
      addedAt: t.expose('addedAt', { type: 'DateTime' }),
      sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
      respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
      convertedAt: t.expose('convertedAt', { type: 'DateTime', nullable: true }),
      optedOutAt: t.expose('optedOutAt', { type: 'DateTime', nullable: true, description: 'When the member opted out in this campaign.' }),
      contactOptedOut: t.boolean({
        description: 'The contact opted out, in this or any campaign: do not address them.',
        select: { contact: { select: { marketingOptOut: { select: { id: true } } } } },
        resolve: (m) => m.contact.marketingOptOut !== null,
      }),
      responses: t.relation('responses', { query: () => ({ orderBy: [{ respondedAt: 'asc' }, { id: 'asc' }] }) }),
      version: t.exposeInt('version'),
    }),
  });

  const Response = builder.prismaNode('CampaignResponse', {
    id: { field: 'id' },
    description: "A member's recorded reaction; it moved the member to its status.",
    findUnique: (id, ctx) => ({ id, AND: [responsesVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      campaign: t.relation('campaign'),
      member: t.relation('member'),
      status: t.relation('status'),
      respondedAt: t.expose('respondedAt', { type: 'DateTime' }),
      revenue: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'On conversions: the revenue attributed to the campaign. Null without campaign.manage.',
        resolve: (r, _a, ctx) => moneyFor(ctx.viewer, r.revenue),
      }),
      note: t.exposeString('note', { nullable: true }),
      recordedBy: t.relation('recordedBy', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Preview = builder.objectRef<SegmentPreview>('SegmentPreview').implement({
    description: 'How many contacts and customers a segment selects right now, among those you may see.',
    fields: (t) => ({ contacts: t.exposeInt('contacts'), customers: t.exposeInt('customers') }),
  });

  const Segment = builder.prismaNode('Segment', {
    id: { field: 'id' },
    findUnique: (id, ctx) => ({ id, AND: [segmentsVisibleTo(ctx.viewer)] }),
    description: 'A saved dynamic filter over customers and their contacts, evaluated whenever it is used.',
    fields: (t) => ({
      name: t.exposeString('name'),
      description: t.exposeString('description', { nullable: true }),
      filter: t.field({
        type: 'JSON',
        description: 'The filter as saved (the SegmentFilterInput fields that were set), less conditions on custom fields you may not filter by.',
        resolve: async (s, _a, ctx) => (await savedFilterFor(ctx, s.filter)).shown,
      }),
      createdBy: t.relation('createdBy', { nullable: true }),
      preview: t.field({
        type: Preview,
        description:
          'Counted now (two COUNT statements per segment: each segment is its own filter); a saved filter that no longer validates, or filters on a custom field you may not filter by, selects nothing.',
        resolve: async (s, _a, ctx) => previewSegment(ctx, (await savedFilterFor(ctx, s.filter)).usable),
      }),
      contacts: t.prismaConnection({
        type: 'Contact',
        cursor: 'id',
        description: 'The contacts the segment selects now, among those you may see.',
        resolve: async (query, s, _args, ctx) => ctx.prisma.contact.findMany({ ...query, where: await segmentContacts(s.filter, ctx), orderBy: { id: 'asc' } }),
        totalCount: async (s, _args, ctx) => ctx.prisma.contact.count({ where: await segmentContacts(s.filter, ctx) }),
      }, connectionOf(builder, 'Contact')),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('CampaignSegment', {
    description: 'A segment added to a campaign: its matches were added then and at each refresh.',
    fields: (t) => ({
      segment: t.relation('segment'),
      addedAt: t.expose('addedAt', { type: 'DateTime' }),
      lastRefreshedAt: t.expose('lastRefreshedAt', { type: 'DateTime' }),
    }),
  });

  const Material = builder.prismaNode('CampaignMaterial', {
    id: { field: 'id' },
    findUnique: (id, ctx) => ({ id, campaign: campaignsVisibleTo(ctx.viewer) }),
    description: 'A poster, brochure, video, ... of a campaign: a link or a stored file.',
    fields: (t) => ({
      campaign: t.relation('campaign'),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: MaterialKind }),
      url: t.exposeString('url', { nullable: true }),
      fileName: t.exposeString('fileName', { nullable: true }),
      contentType: t.exposeString('contentType', { nullable: true }),
      sizeBytes: t.exposeInt('sizeBytes', { nullable: true }),
      contentBase64: t.string({
        nullable: true,
        description: 'The stored file, base64-encoded; null for a link.',
        resolve: async (m) => (m.storageKey ? (await store.read(m.storageKey)).toString('base64') : null),
      }),
      createdBy: t.relation('createdBy', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectField(refs.Contact, 'marketingOptOut', (t) =>
    t.relation('marketingOptOut', { nullable: true, description: 'Set when the contact asked for no more marketing.' }),
  );
  builder.prismaObjectField(refs.Contact, 'campaignMemberships', (t) =>
    t.relatedConnection('campaignMemberships', {
      cursor: 'id',
      totalCount: true,
      description: 'Campaigns that targeted the contact, latest first.',
      query: () => ({ orderBy: [{ addedAt: 'desc' }, { id: 'desc' }] }),
    }, connectionOf(builder, 'CampaignMember')),
  );

  const SegmentFilterInput = registerSegmentFilterInput(builder, refs);

  return { Channel, Status, MaterialKind, Metrics, MemberStatus, OptOut, Campaign, Member, Response, Segment, Preview, Material, SegmentFilterInput };
}

function registerSegmentFilterInput(builder: RapportBuilder, refs: CoreRefs) {
  const CustomFieldCondition = builder.inputType('SegmentCustomFieldCondition', {
    description: 'A condition on one key of the customer\'s customFields: exactly one of equals, in, or a range.',
    fields: (t) => ({
      key: t.string({ required: true }),
      equals: t.field({ type: 'JSON', description: 'A string, number or boolean.' }),
      in: t.field({ type: ['JSON'], description: 'Any of these strings, numbers or booleans.' }),
      gte: t.float(),
      lte: t.float(),
    }),
  });
  const ContactCondition = builder.inputType('SegmentContactCondition', {
    fields: (t) => ({
      primaryOnly: t.boolean({ description: "Only each customer's primary contact." }),
      hasEmail: t.boolean(),
      hasPhone: t.boolean(),
      department: t.string(),
      titleContains: t.string(),
    }),
  });
  return builder.inputType('SegmentFilterInput', {
    description: 'Contacts (conditions under contact) of customers matching all the other conditions.',
    fields: (t) => ({
      tier: t.field({ type: [refs.CustomerTier] }),
      stage: t.field({ type: [refs.CustomerStage] }),
      tagsAny: t.stringList(),
      tagsAll: t.stringList(),
      country: t.string(),
      province: t.string(),
      city: t.string(),
      industry: t.string(),
      source: t.string(),
      ownerIds: t.globalIDList({ for: refs.User }),
      inPublicPool: t.boolean(),
      customFields: t.field({ type: [CustomFieldCondition] }),
      contactedWithinDays: t.int({ description: 'Contacted (a logged interaction) within the last N days.' }),
      notContactedForDays: t.int({ description: 'Not contacted for at least N days, or never.' }),
      contact: t.field({ type: ContactCondition }),
    }),
  });
}

/** The filter as given, without the unset (null) fields and with user ids unwrapped. */
export function segmentFilterFromInput(input: Record<string, unknown> | null | undefined): unknown {
  const withoutNulls = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
    }
    return value;
  };
  const ownerIds = (input?.ownerIds as Array<{ id: string }> | null | undefined)?.map((o) => o.id);
  return withoutNulls({ ...input, ownerIds });
}

/** campaigns, campaign, segments and segmentPreview. */
export function registerMarketingQueries(builder: RapportBuilder, refs: CoreRefs, types: MarketingRefs) {
  const { Channel, Status, Campaign, Preview, SegmentFilterInput } = types;
  const CampaignFilter = builder.inputType('CampaignFilter', {
    fields: (t) => ({
      status: t.field({ type: [Status] }),
      channel: t.field({ type: [Channel] }),
      ownerIds: t.globalIDList({ for: refs.User }),
      parentId: t.globalID({ for: Campaign, description: 'Direct children of this campaign.' }),
      topLevelOnly: t.boolean({ description: 'Only campaigns without a parent.' }),
      search: t.string({ description: 'Name containing the text.' }),
      activeAt: t.field({ type: 'DateTime', description: 'Running at this instant (startsAt ≤ it < endsAt).' }),
    }),
  });
  const OrderField = builder.enumType('CampaignOrderField', { values: ['STARTS_AT', 'ENDS_AT', 'NAME', 'CREATED_AT'] as const });
  const CampaignOrder = builder.inputType('CampaignOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC' }),
    }),
  });
  const ORDER = { STARTS_AT: 'startsAt', ENDS_AT: 'endsAt', NAME: 'name', CREATED_AT: 'createdAt' } as const;

  const where = (filter: typeof CampaignFilter.$inferInput | null | undefined, viewer: Viewer | null): Prisma.CampaignWhereInput => {
    const and: Prisma.CampaignWhereInput[] = [campaignsVisibleTo(viewer)];
    if (filter?.status?.length) and.push({ status: { in: filter.status } });
    if (filter?.channel?.length) and.push({ channel: { in: filter.channel } });
    if (filter?.ownerIds?.length) and.push({ ownerId: { in: filter.ownerIds.map((o) => o.id).filter(isUuid) } });
    if (filter?.parentId) and.push(isUuid(filter.parentId.id) ? { parentId: filter.parentId.id } : { id: { in: [] } });
    if (filter?.topLevelOnly) and.push({ parentId: null });
    if (filter?.search?.trim()) and.push({ name: { contains: filter.search.trim(), mode: 'insensitive' } });
    if (filter?.activeAt) and.push({ startsAt: { lte: filter.activeAt }, endsAt: { gt: filter.activeAt } });
    return { AND: and };
  };

  builder.queryFields((t) => ({
    campaigns: t.prismaConnection(
      {
        type: 'Campaign',
        cursor: 'id',
        description: 'Marketing campaigns; latest start first unless ordered otherwise.',
        args: { filter: t.arg({ type: CampaignFilter }), orderBy: t.arg({ type: CampaignOrder }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.campaign.findMany({
            ...query,
            where: where(args.filter, ctx.viewer),
            orderBy: [
              { [ORDER[args.orderBy?.field ?? 'STARTS_AT']]: prismaDirection(args.orderBy?.direction, 'desc') },
              { id: prismaDirection(args.orderBy?.direction, 'desc') },
            ],
          }),
        totalCount: (_c, args, ctx) => ctx.prisma.campaign.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'Campaign'),
    ),
    campaign: t.prismaField({
      nullable: true,
      type: 'Campaign',
      args: { id: t.arg.globalID({ required: true, for: Campaign }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id)
          ? await ctx.prisma.campaign.findFirst({ ...query, where: { AND: [{ id: args.id.id }, campaignsVisibleTo(ctx.viewer)] } })
          : null;
        if (!found) throw notFound('Campaign');
        return found;
      },
    }),
    segments: t.prismaConnection(
      {
        type: 'Segment',
        cursor: 'id',
        description: 'Saved segments, by name.',
        resolve: (query, _root, _args, ctx) =>
          ctx.prisma.segment.findMany({ ...query, where: segmentsVisibleTo(ctx.viewer), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
        totalCount: (_c, _args, ctx) => ctx.prisma.segment.count({ where: segmentsVisibleTo(ctx.viewer) }),
      },
      connectionOf(builder, 'Segment'),
    ),
    segmentPreview: t.field({
      type: Preview,
      description: 'How many contacts and customers this filter selects now, among those you may see; nothing is saved.',
      args: { filter: t.arg({ type: SegmentFilterInput, required: true }) },
      resolve: async (_root, args, ctx) => {
        const filter = parseSegmentFilter(segmentFilterFromInput(args.filter as Record<string, unknown>), 'filter');
        await requireFilterableKeys(ctx, filter);
        return previewSegment(ctx, filter);
      },
    }),
  }));
}

export type MarketingRefs = ReturnType<typeof registerMarketingTypes>;
