import { z } from 'zod';
import { sales } from './messages.js';
import { conflict, isUuid, notFound, parseInput, recordAudit, rules, throwIfAny, OpportunityStatus, type ServiceContext } from '@rapport/core';
import { requireConfigureRole } from './access.js';
import type { SalesConfig } from './config.js';
import { stageProblems } from './pipelines.js';

const stageInput = z.object({
  key: z.string().trim(),
  name: rules.requiredText(100),
  probability: z.number(),
  outcome: z.enum(OpportunityStatus),
});

const definePipelineInput = z.object({
  name: rules.requiredText(100),
  isDefault: z.boolean().default(false),
  stages: z.array(stageInput).min(3, 'needs at least an OPEN, a WON and a LOST stage').max(30, 'at most 30 stages'),
});

const updatePipelineInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: rules.requiredText(100).optional(),
  isDefault: z.literal(true, 'only true: make another pipeline the default to change it').optional(),
  active: z.boolean().optional(),
  /** The whole new list: stages are matched by key; a stage left out must not hold opportunities. */
  stages: z.array(stageInput).min(3).max(30).optional(),
});

export type DefinePipelineInput = z.input<typeof definePipelineInput>;
export type UpdatePipelineInput = z.input<typeof updatePipelineInput>;

/** A new pipeline (business type) with its stages, in the order given. */
export async function defineSalesPipeline(ctx: ServiceContext, config: SalesConfig, input: DefinePipelineInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const fields = parseInput(definePipelineInput, input);
  throwIfAny(stageProblems(fields.stages));
  await requireUniqueName(ctx, fields.name, null);
  return ctx.prisma.$transaction(async (tx) => {
    if (fields.isDefault) await tx.salesPipeline.updateMany({ where: { isDefault: true }, data: { isDefault: false, version: { increment: 1 } } });
    const pipeline = await tx.salesPipeline.create({
      data: {
        name: fields.name,
        isDefault: fields.isDefault,
        stages: { create: fields.stages.map((stage, i) => ({ ...stage, position: i + 1 })) },
      },
      include: { stages: true },
    });
    await recordAudit(tx, ctx, { action: 'salesPipeline.define', entity: { type: 'SalesPipeline', id: pipeline.id }, after: pipeline });
    return pipeline;
  });
}

/**
 * Renames, (de)activates or makes a pipeline the default, or replaces its stage list: stages keep
 * their id by key, so opportunities stay where they are; removing a stage that holds opportunities
 * is refused.
 */
export async function updateSalesPipeline(ctx: ServiceContext, config: SalesConfig, input: UpdatePipelineInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const { id, version, stages, ...fields } = parseInput(updatePipelineInput, input);
  const read = isUuid(id) ? await ctx.prisma.salesPipeline.findUnique({ where: { id }, include: { stages: true } }) : null;
  if (!read) throw notFound('SalesPipeline');
  if (read.version !== version) throw conflict('SalesPipeline', read.version);
  if (fields.active === false && read.isDefault) sales.refuse('active', 'sales.pipeline.defaultStaysActive', {}, 'CONFLICT');
  if (fields.name) await requireUniqueName(ctx, fields.name, id);
  if (stages) {
    throwIfAny(stageProblems(stages));
    const kept = new Set(stages.map((s) => s.key));
    const removed = read.stages.filter((s) => !kept.has(s.key));
    const used = removed.length ? await ctx.prisma.opportunity.count({ where: { stageId: { in: removed.map((s) => s.id) } } }) : 0;
    const history = removed.length
      ? await ctx.prisma.opportunityStageChange.count({ where: { OR: [{ toStageId: { in: removed.map((s) => s.id) } }, { fromStageId: { in: removed.map((s) => s.id) } }] } })
      : 0;
    if (used + history > 0) {
      sales.refuse('stages', 'sales.pipeline.stagesInUse', { keys: removed.map((s) => s.key).join(', ') }, 'CONFLICT');
    }
    const outcomeOf = new Map(stages.map((s) => [s.key, s.outcome]));
    const recast = read.stages.filter((s) => kept.has(s.key) && outcomeOf.get(s.key) !== s.outcome);
    if (recast.length && (await ctx.prisma.opportunity.count({ where: { stageId: { in: recast.map((s) => s.id) } } })) > 0) {
      sales.refuse('stages', 'sales.pipeline.outcomeFixed', { keys: recast.map((s) => s.key).join(', ') }, 'CONFLICT');
    }
  }
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.salesPipeline.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
    if (count === 0) throw conflict('SalesPipeline', version + 1);
    if (fields.isDefault) await tx.salesPipeline.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false, version: { increment: 1 } } });
    if (stages) await replaceStages(tx, id, read.stages, stages);
    const after = await tx.salesPipeline.findUniqueOrThrow({ where: { id }, include: { stages: true } });
    await recordAudit(tx, ctx, { action: 'salesPipeline.update', entity: { type: 'SalesPipeline', id }, before: read, after });
    return after;
  });
}

type Tx = Parameters<Parameters<ServiceContext['prisma']['$transaction']>[0]>[0];

/** Positions are unique per pipeline, so existing stages step aside (negative) before taking their new places. */
async function replaceStages(
  tx: Tx,
  pipelineId: string,
  existing: Array<{ id: string; key: string }>,
  stages: Array<z.output<typeof stageInput>>,
) {
  const byKey = new Map(existing.map((s) => [s.key, s.id]));
  await tx.pipelineStage.deleteMany({ where: { pipelineId, key: { notIn: stages.map((s) => s.key) } } });
  await tx.pipelineStage.updateMany({ where: { pipelineId }, data: { position: { multiply: -1 } } });
  for (const [i, stage] of stages.entries()) {
    const id = byKey.get(stage.key);
    if (id) await tx.pipelineStage.update({ where: { id }, data: { ...stage, position: i + 1 } });
    else await tx.pipelineStage.create({ data: { ...stage, pipelineId, position: i + 1 } });
  }
}

async function requireUniqueName(ctx: ServiceContext, name: string, exceptId: string | null) {
  const taken = await ctx.prisma.salesPipeline.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) sales.refuse('name', 'sales.pipeline.nameTaken', {}, 'DUPLICATE');
}
