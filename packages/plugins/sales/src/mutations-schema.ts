import { payloadMutation, rawId, type CoreRefs, type RapportBuilder } from '@rapport/core';
import type { SalesConfig } from './config.js';
import {
  createOpportunity,
  linkActivityToOpportunity,
  moveOpportunity,
  unlinkActivityFromOpportunity,
  updateOpportunity,
  type CreateOpportunityInput,
  type UpdateOpportunityInput,
} from './opportunities.js';
import { defineSalesPipeline, updateSalesPipeline } from './pipeline-service.js';
import type { OpportunityRefs } from './schema.js';

/** The opportunity and pipeline mutations: each takes one input, calls its service and returns its own payload with userErrors. */
export function registerOpportunityMutations(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig, types: OpportunityRefs) {
  const { Opportunity, SalesPipeline, PipelineStage, Status } = types;

  const CreateInput = builder.inputType('CreateOpportunityInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: refs.Customer }),
      contactId: t.globalID({ for: refs.Contact, description: "One of the customer's contacts." }),
      name: t.string({ required: true }),
      pipelineId: t.globalID({ for: SalesPipeline, description: 'Default: the default pipeline.' }),
      stageId: t.globalID({ for: PipelineStage, description: "An OPEN stage of the pipeline; default: its first." }),
      amount: t.field({ type: 'Decimal', description: 'Needs customer.viewFinancials.' }),
      currency: t.string({ description: `ISO 4217; default ${config.defaultCurrency}.` }),
      probability: t.int({ description: "Overrides the stage's probability (0–100)." }),
      expectedCloseDate: t.field({ type: 'Date', description: 'Default: 30 days from today.' }),
      source: t.string(),
      competitor: t.string(),
      ownerId: t.globalID({ for: refs.User, description: 'Default: you. Someone else is alerted (OPPORTUNITY_ASSIGNED).' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateOpportunityInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Opportunity }),
      version: t.int({ required: true }),
      name: t.string(),
      contactId: t.globalID({ for: refs.Contact, description: 'null: no contact.' }),
      amount: t.field({ type: 'Decimal', description: 'Needs customer.viewFinancials.' }),
      currency: t.string(),
      probability: t.int({ description: "null: back to the stage's probability." }),
      expectedCloseDate: t.field({ type: 'Date' }),
      source: t.string(),
      competitor: t.string(),
      ownerId: t.globalID({ for: refs.User, description: "The team follows the new owner's." }),
    }),
  });
  const MoveInput = builder.inputType('MoveOpportunityInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Opportunity }),
      version: t.int({ required: true }),
      stageId: t.globalID({ required: true, for: PipelineStage, description: 'The WON stage wins (records the deal), the LOST stage loses (needs lostReason).' }),
      note: t.string(),
      lostReason: t.string(),
    }),
  });
  const LinkInput = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({
      opportunityId: t.globalID({ required: true, for: Opportunity }),
      activityId: t.globalID({ required: true, for: refs.Activity, description: "One of the opportunity's customer's activities." }),
    }),
  });
  const StageInput = builder.inputType('PipelineStageInput', {
    fields: (t) => ({
      key: t.string({ required: true, description: 'Stable within the pipeline, e.g. `needs`; updates match stages by key.' }),
      name: t.string({ required: true }),
      probability: t.int({ required: true, description: '0–100; the WON stage 100, the LOST stage 0.' }),
      outcome: t.field({ type: Status, required: true }),
    }),
  });
  const DefinePipelineInput = builder.inputType('DefineSalesPipelineInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      isDefault: t.boolean({ defaultValue: false }),
      stages: t.field({ type: [StageInput], required: true, description: 'In order: OPEN stages, then one WON and one LOST stage.' }),
    }),
  });
  const UpdatePipelineInput = builder.inputType('UpdateSalesPipelineInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: SalesPipeline }),
      version: t.int({ required: true }),
      name: t.string(),
      isDefault: t.boolean({ description: 'true makes this the default pipeline.' }),
      active: t.boolean(),
      stages: t.field({ type: [StageInput], description: 'The whole new list; a stage left out must never have held opportunities.' }),
    }),
  });

  const result = { opportunity: Opportunity };
  const link = (input: ReturnType<typeof LinkInput>['$inferInput']) => ({ opportunityId: input.opportunityId.id, activityId: input.activityId.id });

  payloadMutation(builder, 'createOpportunity', {
    input: CreateInput,
    result,
    resolve: async (input, ctx) => ({
      opportunity: await createOpportunity(ctx, config, {
        ...input,
        customerId: input.customerId.id,
        contactId: rawId(input.contactId),
        pipelineId: rawId(input.pipelineId),
        stageId: rawId(input.stageId),
        ownerId: rawId(input.ownerId),
      } as CreateOpportunityInput),
    }),
  });
  payloadMutation(builder, 'updateOpportunity', {
    input: UpdateInput,
    result,
    resolve: async (input, ctx) => ({
      opportunity: await updateOpportunity(ctx, {
        ...input,
        id: input.id.id,
        contactId: rawId(input.contactId),
        ownerId: rawId(input.ownerId) ?? undefined,
        name: input.name ?? undefined,
        amount: input.amount ?? undefined,
        currency: input.currency ?? undefined,
        expectedCloseDate: input.expectedCloseDate ?? undefined,
      } as UpdateOpportunityInput),
    }),
  });
  payloadMutation(builder, 'moveOpportunity', {
    description: 'Moves to another stage of its pipeline (stage history records who and when); WON records the deal fact on the customer.',
    input: MoveInput,
    result,
    resolve: async (input, ctx) => ({ opportunity: await moveOpportunity(ctx, { ...input, id: input.id.id, stageId: input.stageId.id }) }),
  });
  payloadMutation(builder, 'linkActivityToOpportunity', {
    input: LinkInput('LinkActivityToOpportunityInput'),
    result,
    resolve: async (input, ctx) => ({ opportunity: await linkActivityToOpportunity(ctx, link(input)) }),
  });
  payloadMutation(builder, 'unlinkActivityFromOpportunity', {
    input: LinkInput('UnlinkActivityFromOpportunityInput'),
    result,
    resolve: async (input, ctx) => ({ opportunity: await unlinkActivityFromOpportunity(ctx, link(input)) }),
  });
  payloadMutation(builder, 'defineSalesPipeline', {
    description: 'A new pipeline (business type) with its stages; needs a role in pluginConfig.sales.configureRoles.',
    input: DefinePipelineInput,
    result: { pipeline: SalesPipeline },
    resolve: async (input, ctx) => ({ pipeline: await defineSalesPipeline(ctx, config, { ...input, isDefault: input.isDefault ?? false }) }),
  });
  payloadMutation(builder, 'updateSalesPipeline', {
    input: UpdatePipelineInput,
    result: { pipeline: SalesPipeline },
    resolve: async (input, ctx) => ({
      pipeline: await updateSalesPipeline(ctx, config, {
        id: input.id.id,
        version: input.version,
        name: input.name ?? undefined,
        isDefault: input.isDefault ?? undefined,
        active: input.active ?? undefined,
        stages: input.stages ?? undefined,
      } as never),
    }),
  });
}
