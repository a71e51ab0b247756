import { sales } from './messages.js';
import { z } from 'zod';
import {
  actingUserId,
  customersVisibleTo,
  alertMessage,
  emitAlerts,
  InputError,
  isUuid,
  notFound,
  parseInput,
  recordAudit,
  recordDealIn,
  requireCustomerEditable,
  requirePermission,
  rules,
  throwIfAny,
  throwMissingOrStale,
  userReferenceError,
  type FieldError,
  type Prisma,
  type ServiceContext,
} from '@rapport/core';
import { addDays, calendarDay, reject, requireFinancials, rowToChange, throughCustomer } from './access.js';
import { OPPORTUNITY_ASSIGNED, SALES_ALERT_MESSAGES } from './alerts.js';
import type { SalesConfig } from './config.js';
import { stageMove } from './pipelines.js';

type Db = Prisma.TransactionClient;
export type Opportunity = Prisma.OpportunityModel;

const ID_OF = { contact: 'sales.idOfContact', pipeline: 'sales.idOfPipeline', stage: 'sales.idOfStage', user: 'sales.idOfUser' } as const;
const uuid = (what: keyof typeof ID_OF) => z.uuid(sales.key(ID_OF[what]));
const version = z.number().int().min(1);
const currency = z.string().regex(/^[A-Z]{3}$/, sales.key('sales.currencyCode'));
const probability = z.number().int(sales.key('sales.percentWhole')).min(0, sales.key('sales.percentRange')).max(100, sales.key('sales.percentRange'));
const calendarDate = z.date();

const createOpportunityInput = z.object({
  customerId: z.string(),
  contactId: uuid('contact').nullish(),
  name: rules.requiredText(200),
  pipelineId: uuid('pipeline').nullish(),
  stageId: uuid('stage').nullish(),
  amount: rules.money.nullish(),
  currency: currency.nullish(),
  probability: probability.nullish(),
  expectedCloseDate: calendarDate.nullish(),
  source: rules.optionalText(100),
  competitor: rules.optionalText(200),
  ownerId: uuid('user').nullish(),
});

const updateOpportunityInput = z.object({
  id: z.string(),
  version,
  name: rules.requiredText(200).optional(),
  contactId: uuid('contact').nullish(),
  amount: rules.money.optional(),
  currency: currency.optional(),
  probability: probability.nullish(),
  expectedCloseDate: calendarDate.optional(),
  source: rules.optionalText(100),
  competitor: rules.optionalText(200),
  ownerId: uuid('user').optional(),
});

const moveOpportunityInput = z.object({
  id: z.string(),
  version,
  stageId: uuid('stage'),
  note: rules.optionalText(2_000),
  lostReason: rules.optionalText(500),
});

const linkActivityInput = z.object({ opportunityId: z.string(), activityId: z.string() });

export type CreateOpportunityInput = z.input<typeof createOpportunityInput>;
export type UpdateOpportunityInput = z.input<typeof updateOpportunityInput>;
export type MoveOpportunityInput = z.input<typeof moveOpportunityInput>;
export type LinkActivityInput = z.input<typeof linkActivityInput>;


/** Opens an opportunity on a customer the viewer may change, in the pipeline's first stage unless told. */
export async function createOpportunity(ctx: ServiceContext, config: SalesConfig, input: CreateOpportunityInput): Promise<Opportunity> {
  const fields = parseInput(createOpportunityInput, input);
  requireFinancials(ctx.viewer, [fields.amount != null ? 'amount' : '']);
  requirePermission(ctx.viewer, 'customer.write');
  const customer = isUuid(fields.customerId)
    ? await ctx.prisma.customer.findFirst({ where: { AND: [{ id: fields.customerId }, customersVisibleTo(ctx.viewer)] }, select: { id: true } })
    : null;
  if (!customer) throw notFound('Customer');
  const ownerId = fields.ownerId ?? actingUserId(ctx.viewer)!;
  const pipeline = await pipelineFor(ctx.prisma, fields.pipelineId);
  const stage = fields.stageId ? pipeline.stages.find((s) => s.id === fields.stageId) : pipeline.stages.find((s) => s.outcome === 'OPEN');
  throwIfAny([
    await contactError(ctx.prisma, customer.id, fields.contactId),
    await userReferenceError(ctx, 'ownerId', fields.ownerId),
    !stage ? sales.field('stageId', 'sales.opportunity.notPipelineStage', {}, 'NOT_ALLOWED_VALUE') : null,
    stage && stage.outcome !== 'OPEN' ? sales.field('stageId', 'sales.opportunity.startsOpen', {}, 'NOT_ALLOWED_VALUE') : null,
  ]);
  const now = ctx.clock.now();
  const owner = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ownerId }, select: { teamId: true } });
  return ctx.prisma.$transaction(async (tx) => {
    await requireCustomerEditable(tx, ctx.viewer, customer.id);
    const opportunity = await tx.opportunity.create({
      data: {
        name: fields.name,
        customerId: customer.id,
        contactId: fields.contactId ?? null,
        pipelineId: pipeline.id,
        stageId: stage!.id,
        amount: fields.amount ?? '0',
        currency: fields.currency ?? config.defaultCurrency,
        probability: fields.probability ?? null,
        expectedCloseDate: fields.expectedCloseDate ?? addDays(calendarDay(now, config.timeZone), 30),
        source: fields.source ?? null,
        competitor: fields.competitor ?? null,
        ownerId,
        teamId: owner.teamId,
        lastActivityAt: now,
        createdAt: now,
      },
    });
    await tx.opportunityStageChange.create({
      data: { opportunityId: opportunity.id, toStageId: stage!.id, changedById: actingUserId(ctx.viewer), changedAt: now },
    });
    await emitAlerts(tx, assignedAlerts(ctx, opportunity), now);
    await recordAudit(tx, ctx, { action: 'opportunity.create', entity: { type: 'Opportunity', id: opportunity.id }, after: opportunity });
    return opportunity;
  });
}

/** Changes an open opportunity's details; the owner's team follows a new owner. */
export async function updateOpportunity(ctx: ServiceContext, input: UpdateOpportunityInput): Promise<Opportunity> {
  const { id, version, ...fields } = parseInput(updateOpportunityInput, input);
  requireFinancials(ctx.viewer, [fields.amount !== undefined ? 'amount' : '']);
  const read = await opportunityToChange(ctx, id, version);
  if (read.status !== 'OPEN') reject('id', 'sales.opportunity.closed', 'CONFLICT', { status: read.status });
  throwIfAny([await contactError(ctx.prisma, read.customerId, fields.contactId), await userReferenceError(ctx, 'ownerId', fields.ownerId)]);
  const teamId =
    fields.ownerId && fields.ownerId !== read.ownerId
      ? (await ctx.prisma.user.findUniqueOrThrow({ where: { id: fields.ownerId }, select: { teamId: true } })).teamId
      : undefined;
  const data: Prisma.OpportunityUncheckedUpdateManyInput = { ...withoutUndefined(fields), ...(teamId !== undefined ? { teamId } : {}) };
  return writeOpportunity(ctx, read, data, 'opportunity.update', async (tx, written) => {
    if (fields.ownerId && fields.ownerId !== read.ownerId) await emitAlerts(tx, assignedAlerts(ctx, written), ctx.clock.now());
  });
}

/**
 * Moves an opportunity to another stage of its pipeline, recording who and when. Into the WON stage
 * it is won: the customer's deal fact is recorded through core in the same transaction, so the
 * customer's tier and lifecycle stage follow. Into the LOST stage it needs a reason.
 */
export async function moveOpportunity(ctx: ServiceContext, input: MoveOpportunityInput): Promise<Opportunity> {
  const { id, version, stageId, note, lostReason } = parseInput(moveOpportunityInput, input);
  const read = await opportunityToChange(ctx, id, version);
  const [from, to] = await Promise.all([
    ctx.prisma.pipelineStage.findUniqueOrThrow({ where: { id: read.stageId } }),
    ctx.prisma.pipelineStage.findUnique({ where: { id: stageId } }),
  ]);
  if (!to) reject('stageId', 'sales.opportunity.notPipelineStage', 'NOT_ALLOWED_VALUE');
  const decided = stageMove(read.status, from, to, lostReason);
  if ('problem' in decided) throw new InputError([decided.problem]);
  if (decided.move === 'win' && Number(read.amount) <= 0) reject('stageId', 'sales.opportunity.amountBeforeWin', 'CONFLICT');
  const now = ctx.clock.now();
  const data: Prisma.OpportunityUncheckedUpdateManyInput = {
    stageId,
    status: to.outcome,
    lastActivityAt: now,
    ...(decided.move === 'win' || decided.move === 'lose' ? { closedAt: now, probability: null } : {}),
    ...(decided.move === 'lose' ? { lostReason } : {}),
    ...(decided.move === 'reopen' ? { closedAt: null, lostReason: null } : {}),
  };
  return writeOpportunity(ctx, read, data, `opportunity.${decided.move}`, async (tx, written) => {
    await tx.opportunityStageChange.create({
      data: { opportunityId: id, fromStageId: from.id, toStageId: stageId, changedById: actingUserId(ctx.viewer), note: note ?? null, changedAt: now },
    });
    if (decided.move === 'win') await recordWin(tx, ctx, written);
  });
}

/**
 * The won opportunity's deal fact, once: the opportunity keeps the deal's id, so a later signed
 * contract for the same business records no second deal.
 */
export async function recordWin(tx: Db, ctx: ServiceContext, opportunity: Opportunity): Promise<void> {
  if (opportunity.dealId) return;
  const deal = await recordDealIn(tx, ctx, {
    customerId: opportunity.customerId,
    title: opportunity.name,
    amount: opportunity.amount.toFixed(2),
    currency: opportunity.currency,
    closedAt: opportunity.closedAt ?? ctx.clock.now(),
  });
  await tx.opportunity.update({ where: { id: opportunity.id }, data: { dealId: deal.id } });
}

/**
 * Puts one of the customer's activities on the opportunity's timeline. The activity counts as the
 * opportunity's latest activity when it is newer, which holds off the stale alert.
 */
export async function linkActivityToOpportunity(ctx: ServiceContext, input: LinkActivityInput): Promise<Opportunity> {
  const { opportunityId, activityId } = parseInput(linkActivityInput, input);
  const read = await opportunityToChange(ctx, opportunityId);
  const activity = isUuid(activityId)
    ? await ctx.prisma.activity.findFirst({ where: { id: activityId, customerId: read.customerId }, select: { id: true, createdAt: true, completedAt: true } })
    : null;
  if (!activity) reject('activityId', 'sales.opportunity.notCustomerActivity', 'NOT_FOUND');
  const at = activity.completedAt ?? activity.createdAt;
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.opportunityActivity.createMany({
      data: [{ opportunityId, activityId, linkedById: actingUserId(ctx.viewer), linkedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) reject('activityId', 'sales.opportunity.activityLinked', 'DUPLICATE');
    await tx.opportunity.updateMany({ where: { id: opportunityId, lastActivityAt: { lt: at } }, data: { lastActivityAt: at } });
    await recordAudit(tx, ctx, { action: 'opportunity.linkActivity', entity: { type: 'Opportunity', id: opportunityId }, after: { activityId } });
    return tx.opportunity.findUniqueOrThrow({ where: { id: opportunityId } });
  });
}

export async function unlinkActivityFromOpportunity(ctx: ServiceContext, input: LinkActivityInput): Promise<Opportunity> {
  const { opportunityId, activityId } = parseInput(linkActivityInput, input);
  await opportunityToChange(ctx, opportunityId);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = isUuid(activityId) ? await tx.opportunityActivity.deleteMany({ where: { opportunityId, activityId } }) : { count: 0 };
    if (count === 0) reject('activityId', 'sales.opportunity.activityNotLinked', 'NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'opportunity.unlinkActivity', entity: { type: 'Opportunity', id: opportunityId }, before: { activityId } });
    return tx.opportunity.findUniqueOrThrow({ where: { id: opportunityId } });
  });
}

// ---------------------------------------------------------------------------------------------

export function opportunityToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Opportunity> {
  return rowToChange(ctx.prisma, ctx.viewer, 'Opportunity', id, (where) => ctx.prisma.opportunity.findFirst({ where }), expectedVersion);
}

/** Writes on the version read (else CONFLICT, nothing written), then `more` in the same transaction, then the audit entry. */
async function writeOpportunity(
  ctx: ServiceContext,
  read: Opportunity,
  data: Prisma.OpportunityUncheckedUpdateManyInput,
  action: string,
  more: (tx: Db, written: Opportunity) => Promise<void>,
): Promise<Opportunity> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.opportunity.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Opportunity', tx.opportunity.findUnique({ where: { id: read.id }, select: { version: true } }));
    const written = await tx.opportunity.findUniqueOrThrow({ where: { id: read.id } });
    await more(tx, written);
    const after = await tx.opportunity.findUniqueOrThrow({ where: { id: read.id } });
    await recordAudit(tx, ctx, { action, entity: { type: 'Opportunity', id: read.id }, before: read, after });
    return after;
  });
}

async function pipelineFor(db: Db, pipelineId: string | null | undefined) {
  const pipeline = await db.salesPipeline.findFirst({
    where: pipelineId ? { id: pipelineId } : { isDefault: true },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  if (!pipeline) reject('pipelineId', pipelineId ? 'sales.noSuchPipeline' : 'sales.noDefaultPipeline', 'NOT_FOUND');
  if (!pipeline.active) reject('pipelineId', 'sales.pipelineRetired', 'NOT_ALLOWED_VALUE');
  return pipeline;
}

async function contactError(db: Db, customerId: string, contactId: string | null | undefined): Promise<FieldError | null> {
  if (!contactId) return null;
  const contact = await db.contact.findFirst({ where: { id: contactId, customerId }, select: { id: true } });
  return contact ? null : sales.field('contactId', 'sales.notCustomerContact', {}, 'NOT_FOUND');
}

function assignedAlerts(ctx: ServiceContext, opportunity: Opportunity) {
  if (opportunity.ownerId === actingUserId(ctx.viewer)) return [];
  return [
    {
      recipientId: opportunity.ownerId,
      ...alertMessage(SALES_ALERT_MESSAGES, OPPORTUNITY_ASSIGNED, { opportunity: opportunity.name }),
      entity: { type: 'Opportunity', id: opportunity.id },
      dedupeKey: `opportunity-assigned:${opportunity.id}:v${opportunity.version}`,
    },
  ];
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

export { throughCustomer as opportunitiesVisibleTo };
