import { messageIn, rawId, readerOf, type CoreRefs, type RapportBuilder, withUserErrors, payloadPerMutation } from '@rapport/core';
import {
  changeCampaignStatus,
  configureCampaignMemberStatuses,
  createCampaign,
  updateCampaign,
  type CreateCampaignInput,
  type UpdateCampaignInput,
} from './campaigns.js';
import type { MarketingConfig } from './config.js';
import { addCampaignMaterial, removeCampaignMaterial, type MaterialStore } from './materials.js';
import { addCampaignContacts, addSegmentToCampaign, optOutContact, refreshCampaignSegment, type MembersAdded } from './members.js';
import { importCampaignResponses, recordCampaignResponse, type ImportResult, type RowError } from './responses.js';
import { segmentFilterFromInput, type MarketingRefs } from './schema.js';
import { createSegment, updateSegment } from './segments.js';

/** The marketing mutations: each takes one input, calls its service and returns a payload. */
export function registerMarketingMutations(builder: RapportBuilder, refs: CoreRefs, config: MarketingConfig, store: MaterialStore, types: MarketingRefs) {
  const { Channel, Status, MaterialKind, Campaign, Member, Response, Segment, Material, OptOut, SegmentFilterInput } = types;

  const MemberStatusInput = builder.inputType('CampaignMemberStatusInput', {
    fields: (t) => ({
      name: t.string({ required: true, description: 'UPPER_SNAKE_CASE, e.g. REGISTERED.' }),
      isInitial: t.boolean({ defaultValue: false, description: 'New members start here; exactly one status must be initial.' }),
      countsAsSent: t.boolean({ defaultValue: false }),
      countsAsResponse: t.boolean({ defaultValue: false }),
      countsAsConversion: t.boolean({ defaultValue: false, description: 'Must count as a response too.' }),
      countsAsOptOut: t.boolean({ defaultValue: false }),
    }),
  });
  const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      channel: t.field({ type: Channel, required: true }),
      goal: t.string(),
      startsAt: t.field({ type: 'DateTime', required: true }),
      endsAt: t.field({ type: 'DateTime', required: true }),
      budget: t.field({ type: 'Decimal' }),
      actualCost: t.field({ type: 'Decimal' }),
      expectedRevenue: t.field({ type: 'Decimal' }),
      ownerId: t.globalID({ for: refs.User, description: 'Defaults to you.' }),
      parentId: t.globalID({ for: Campaign }),
      memberStatuses: t.field({
        type: [MemberStatusInput],
        description: 'The member status set; defaults to TARGETED, SENT, OPENED, RESPONDED, CONVERTED, OPTED_OUT, BOUNCED.',
      }),
    }),
  });
  const UpdateCampaignInput = builder.inputType('UpdateCampaignInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Campaign }),
      version: t.int({ required: true }),
      name: t.string(),
      channel: t.field({ type: Channel }),
      goal: t.string(),
      startsAt: t.field({ type: 'DateTime' }),
      endsAt: t.field({ type: 'DateTime' }),
      budget: t.field({ type: 'Decimal' }),
      actualCost: t.field({ type: 'Decimal' }),
      expectedRevenue: t.field({ type: 'Decimal' }),
      ownerId: t.globalID({ for: refs.User }),
      parentId: t.globalID({ for: Campaign, description: 'null makes it a top-level campaign.' }),
    }),
  });
  const ChangeCampaignStatusInput = builder.inputType('ChangeCampaignStatusInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Campaign }),
      version: t.int({ required: true }),
      status: t.field({ type: Status, required: true }),
    }),
  });
  const ConfigureStatusesInput = builder.inputType('ConfigureCampaignMemberStatusesInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Campaign }),
      version: t.int({ required: true }),
      memberStatuses: t.field({ type: [MemberStatusInput], required: true, description: 'The whole set, in order; matched to the current one by name.' }),
    }),
  });
  const CreateSegmentInput = builder.inputType('CreateSegmentInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      description: t.string(),
      filter: t.field({ type: SegmentFilterInput, required: true }),
    }),
  });
  const UpdateSegmentInput = builder.inputType('UpdateSegmentInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Segment }),
      version: t.int({ required: true }),
      name: t.string(),
      description: t.string(),
      filter: t.field({ type: SegmentFilterInput, description: 'Replaces the whole filter.' }),
    }),
  });
  const AddCampaignContactsInput = builder.inputType('AddCampaignContactsInput', {
    fields: (t) => ({
      campaignId: t.globalID({ required: true, for: Campaign }),
      contactIds: t.globalIDList({ required: true, for: refs.Contact }),
    }),
  });
  const CampaignSegmentInput = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({
      campaignId: t.globalID({ required: true, for: Campaign }),
      segmentId: t.globalID({ required: true, for: Segment }),
    }),
  });
  const OptOutContactInput = builder.inputType('OptOutContactInput', {
    fields: (t) => ({ contactId: t.globalID({ required: true, for: refs.Contact }), reason: t.string() }),
  });
  const RecordCampaignResponseInput = builder.inputType('RecordCampaignResponseInput', {
    fields: (t) => ({
      campaignId: t.globalID({ required: true, for: Campaign }),
      contactId: t.globalID({ required: true, for: refs.Contact, description: 'A member of the campaign.' }),
      status: t.string({ required: true, description: "One of the campaign's member statuses: the member moves to it." }),
      respondedAt: t.field({ type: 'DateTime', description: 'Defaults to now; not in the future, not before the campaign started.' }),
      revenue: t.field({ type: 'Decimal', description: 'Only on a conversion status: the revenue attributed to the campaign.' }),
      note: t.string(),
    }),
  });
  const ImportFormat = builder.enumType('ResponseImportFormat', { values: ['CSV', 'JSON'] as const });
  const ImportCampaignResponsesInput = builder.inputType('ImportCampaignResponsesInput', {
    fields: (t) => ({
      campaignId: t.globalID({ required: true, for: Campaign }),
      format: t.field({ type: ImportFormat, required: true }),
      data: t.string({
        required: true,
        description:
          'CSV with a header row (columns contactId, email, status, respondedAt, revenue, note; status and contactId or email required), or a JSON array of objects with those keys.',
      }),
      skipInvalid: t.boolean({ defaultValue: false, description: 'Import the valid rows and report the others; by default one invalid row stops the whole import.' }),
    }),
  });
  const FileInput = builder.inputType('CampaignMaterialFileInput', {
    fields: (t) => ({
      fileName: t.string({ required: true }),
      contentType: t.string({ required: true, description: 'One of the types the deployment allows (materialContentTypes).' }),
      contentBase64: t.string({ required: true }),
    }),
  });
  const AddCampaignMaterialInput = builder.inputType('AddCampaignMaterialInput', {
    fields: (t) => ({
      campaignId: t.globalID({ required: true, for: Campaign }),
      name: t.string({ required: true }),
      kind: t.field({ type: MaterialKind, required: true }),
      url: t.string({ description: 'A link (http or https); or give a file.' }),
      file: t.field({ type: FileInput }),
    }),
  });
  const RemoveCampaignMaterialInput = builder.inputType('RemoveCampaignMaterialInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Material }) }),
  });

  const CampaignPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ campaign: { id: string } }>(name).implement({
    fields: (t) => ({ campaign: t.field({ nullable: true, type: Campaign, resolve: (p) => p.campaign as never }) }),
  }),
  );
  const SegmentPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ segment: { id: string } }>(name).implement({
    fields: (t) => ({ segment: t.field({ nullable: true, type: Segment, resolve: (p) => p.segment as never }) }),
  }),
  );
  const MembersPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<MembersAdded & { campaignId: string }>(name).implement({
    description: 'What adding members did.',
    fields: (t) => ({
      campaign: t.field({ nullable: true, type: Campaign, resolve: (p, _a, ctx) => ctx.prisma.campaign.findUniqueOrThrow({ where: { id: p.campaignId } }) as never }),
      added: t.exposeInt('added', { nullable: true }),
      alreadyMembers: t.exposeInt('alreadyMembers', { nullable: true, description: 'Matched but already in the campaign: not added twice.' }),
      skippedOptedOut: t.exposeInt('skippedOptedOut', { nullable: true, description: 'Matched but opted out (in any campaign): never added.' }),
    }),
  }),
  );
  const OptOutPayload = builder.objectRef<{ contactId: string; optOut: { id: string } }>('OptOutContactPayload').implement({
    fields: (t) => ({
      contact: t.field({ nullable: true, type: refs.Contact, resolve: (p, _a, ctx) => ctx.prisma.contact.findUniqueOrThrow({ where: { id: p.contactId } }) as never }),
      optOut: t.field({ nullable: true, type: OptOut, resolve: (p) => p.optOut as never }),
    }),
  });
  withUserErrors(builder, OptOutPayload);
  const ResponsePayload = builder.objectRef<{ response: { id: string; memberId: string } }>('RecordCampaignResponsePayload').implement({
    fields: (t) => ({
      response: t.field({ nullable: true, type: Response, resolve: (p) => p.response as never }),
      member: t.field({ nullable: true, type: Member, resolve: (p, _a, ctx) => ctx.prisma.campaignMember.findUniqueOrThrow({ where: { id: p.response.memberId } }) as never }),
    }),
  });
  withUserErrors(builder, ResponsePayload);
  const ImportError = builder.objectRef<RowError>('ResponseImportError').implement({
    description: 'A problem with one row of an import.',
    fields: (t) => ({
      row: t.exposeInt('row', { description: '1-based among the data rows (the CSV header is not a row).' }),
      line: t.exposeInt('line', { nullable: true, description: 'The CSV line the row starts on; null for JSON.' }),
      field: t.exposeString('field'),
      message: t.string({ resolve: async (e, _a, ctx) => messageIn((await readerOf(ctx)).language, e) }),
    }),
  });
  const ImportPayload = builder.objectRef<ImportResult & { campaignId: string }>('ImportCampaignResponsesPayload').implement({
    fields: (t) => ({
      applied: t.exposeBoolean('applied', { nullable: true, description: 'False: invalid rows stopped the import and nothing was written.' }),
      imported: t.exposeInt('imported', { nullable: true }),
      skipped: t.exposeInt('skipped', { nullable: true, description: 'Rows not imported.' }),
      errors: t.field({ type: [ImportError], resolve: (p) => p.errors }),
      campaign: t.field({ nullable: true, type: Campaign, resolve: (p, _a, ctx) => ctx.prisma.campaign.findUniqueOrThrow({ where: { id: p.campaignId } }) as never }),
    }),
  });
  withUserErrors(builder, ImportPayload);
  const MaterialPayload = builder.objectRef<{ material: { id: string } }>('AddCampaignMaterialPayload').implement({
    fields: (t) => ({ material: t.field({ nullable: true, type: Material, resolve: (p) => p.material as never }) }),
  });
  withUserErrors(builder, MaterialPayload);
  const RemoveMaterialPayload = builder.objectRef<{ id: string; campaignId: string }>('RemoveCampaignMaterialPayload').implement({
    fields: (t) => ({
      removedMaterialId: t.id({ nullable: true, resolve: (p) => Buffer.from(`CampaignMaterial:${p.id}`).toString('base64') }),
      campaign: t.field({ nullable: true, type: Campaign, resolve: (p, _a, ctx) => ctx.prisma.campaign.findUniqueOrThrow({ where: { id: p.campaignId } }) as never }),
    }),
  });
  withUserErrors(builder, RemoveMaterialPayload);

  builder.mutationFields((t) => ({
    createCampaign: t.field({
      type: CampaignPayload('CreateCampaignPayload'),
      description: 'Plans a campaign (PLANNED); needs campaign.manage.',
      args: { input: t.arg({ type: CreateCampaignInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaign: await createCampaign(ctx, { ...input, ownerId: rawId(input.ownerId) ?? undefined, parentId: rawId(input.parentId), memberStatuses: input.memberStatuses ?? undefined } as CreateCampaignInput),
      }),
    }),
    updateCampaign: t.field({
      type: CampaignPayload('UpdateCampaignPayload'),
      args: { input: t.arg({ type: UpdateCampaignInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaign: await updateCampaign(ctx, { ...input, id: input.id.id, ownerId: rawId(input.ownerId) ?? undefined, parentId: rawId(input.parentId) } as UpdateCampaignInput),
      }),
    }),
    changeCampaignStatus: t.field({
      type: CampaignPayload('ChangeCampaignStatusPayload'),
      description: 'PLANNED → ACTIVE ⇄ PAUSED → COMPLETED, or ABORTED; anything else is refused naming what is possible.',
      args: { input: t.arg({ type: ChangeCampaignStatusInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ campaign: await changeCampaignStatus(ctx, { ...input, id: input.id.id }) }),
    }),
    configureCampaignMemberStatuses: t.field({
      type: CampaignPayload('ConfigureCampaignMemberStatusesPayload'),
      description: 'Replaces the member status set; a status members or responses use cannot be removed.',
      args: { input: t.arg({ type: ConfigureStatusesInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ campaign: await configureCampaignMemberStatuses(ctx, { ...input, id: input.id.id }) }),
    }),
    createSegment: t.field({
      type: SegmentPayload('CreateSegmentPayload'),
      args: { input: t.arg({ type: CreateSegmentInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        segment: await createSegment(ctx, { ...input, filter: segmentFilterFromInput(input.filter as Record<string, unknown>) }),
      }),
    }),
    updateSegment: t.field({
      type: SegmentPayload('UpdateSegmentPayload'),
      args: { input: t.arg({ type: UpdateSegmentInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        segment: await updateSegment(ctx, {
          ...input,
          id: input.id.id,
          name: input.name ?? undefined,
          filter: input.filter ? segmentFilterFromInput(input.filter as Record<string, unknown>) : undefined,
        }),
      }),
    }),
    addCampaignContacts: t.field({
      type: MembersPayload('AddCampaignContactsPayload'),
      description: 'Adds contacts as members; existing members and opted-out contacts are counted, never added.',
      args: { input: t.arg({ type: AddCampaignContactsInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaignId: input.campaignId.id,
        ...(await addCampaignContacts(ctx, { campaignId: input.campaignId.id, contactIds: input.contactIds.map((c) => c.id) })),
      }),
    }),
    addSegmentToCampaign: t.field({
      type: MembersPayload('AddSegmentToCampaignPayload'),
      description: "Adds the segment's current matches you may see (a snapshot); refreshCampaignSegment adds later matches.",
      args: { input: t.arg({ type: CampaignSegmentInput('AddSegmentToCampaignInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaignId: input.campaignId.id,
        ...(await addSegmentToCampaign(ctx, { campaignId: input.campaignId.id, segmentId: input.segmentId.id })),
      }),
    }),
    refreshCampaignSegment: t.field({
      type: MembersPayload('RefreshCampaignSegmentPayload'),
      description: 'Adds contacts that match the segment now and are not members; opted-out contacts are skipped.',
      args: { input: t.arg({ type: CampaignSegmentInput('RefreshCampaignSegmentInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaignId: input.campaignId.id,
        ...(await refreshCampaignSegment(ctx, { campaignId: input.campaignId.id, segmentId: input.segmentId.id })),
      }),
    }),
    optOutContact: t.field({
      type: OptOutPayload,
      description: 'Records that the contact wants no more marketing: for every campaign, for good.',
      args: { input: t.arg({ type: OptOutContactInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        contactId: input.contactId.id,
        optOut: await optOutContact(ctx, { contactId: input.contactId.id, reason: input.reason }),
      }),
    }),
    recordCampaignResponse: t.field({
      type: ResponsePayload,
      description: "Records a member's response; an opt-out status opts the contact out everywhere.",
      args: { input: t.arg({ type: RecordCampaignResponseInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        response: await recordCampaignResponse(ctx, { ...input, campaignId: input.campaignId.id, contactId: input.contactId.id }),
      }),
    }),
    importCampaignResponses: t.field({
      type: ImportPayload,
      description: 'Imports responses from CSV or JSON, validated row by row; all-or-nothing unless skipInvalid.',
      args: { input: t.arg({ type: ImportCampaignResponsesInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        campaignId: input.campaignId.id,
        ...(await importCampaignResponses(ctx, config.maxImportRows, { ...input, campaignId: input.campaignId.id, skipInvalid: input.skipInvalid ?? false })),
      }),
    }),
    addCampaignMaterial: t.field({
      type: MaterialPayload,
      args: { input: t.arg({ type: AddCampaignMaterialInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ material: await addCampaignMaterial(ctx, store, { ...input, campaignId: input.campaignId.id }) }),
    }),
    removeCampaignMaterial: t.field({
      type: RemoveMaterialPayload,
      args: { input: t.arg({ type: RemoveCampaignMaterialInput, required: true }) },
      resolve: async (_root, { input }, ctx) => removeCampaignMaterial(ctx, store, input.id.id),
    }),
  }));
}
