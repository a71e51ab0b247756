import { z } from 'zod';
import { activityEvent, emitWebhookEvents } from '../webhooks/events.js';
import { auditInsertSql, recordAudit } from '../audit/service.js';
import { cancelTaskAlerts, syncTaskAlerts } from './alerts.js';
import { actingUserId, unauthenticated, type Viewer } from '../auth/viewer.js';
import { activityToChange, customerToChange } from '../auth/visibility.js';
import { customersEditableSql, customersVisibleSql } from '../auth/visibility-sql.js';
import { reclassifyCustomer } from '../customers/overrides.js';
import { fieldError, notFound, type FieldError } from '../errors.js';
import { ActivityKind, ActivityPriority, type Activity, type Prisma } from '../../generated/prisma/client.js';
import { collisionWindow, MAX_TASK_PARTICIPANTS, normalizedParticipants, responsibleUser, taskCollisions, type TaskCollision } from './rules.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid, uuidv7 } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { userReferenceError } from '../users/service.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import { customFieldInputs } from '../custom-fields/rules.js';
import { customFieldsToStore } from '../custom-fields/service.js';

/** Kinds that are an exchange with the customer; completing one counts as contact. */
const INTERACTIONS: ReadonlySet<ActivityKind> = new Set([
  ActivityKind.CALL,
  ActivityKind.EMAIL,
  ActivityKind.MEETING,
  ActivityKind.VISIT,
  ActivityKind.MESSAGE,
  ActivityKind.CARE,
]);

export function isInteraction(kind: ActivityKind): boolean {
  return INTERACTIONS.has(kind);
}

const schedule = {
  dueAt: z.date().nullish(),
  remindAt: z.date().nullish(),
};

const activityFields = z.object({
  kind: z.enum(ActivityKind),
  subject: rules.requiredText(200),
  body: rules.optionalText(20_000),
  outcome: rules.optionalText(2_000),
  contactId: z.uuid('rule.contactId').nullish(),
  assigneeId: z.uuid('rule.userId').nullish(),
  completedAt: z.date().nullish(),
  priority: z.enum(ActivityPriority).nullish(),
  participantIds: z.array(z.uuid('rule.userId')).max(MAX_TASK_PARTICIPANTS).nullish(),
  customFields: customFieldInputs.optional(),
  ...schedule,
});

const remindBeforeDue = (a: { dueAt?: Date | null; remindAt?: Date | null }) =>
  !a.dueAt || !a.remindAt || a.remindAt <= a.dueAt;
const remindRule = { message: 'activity.remindAfterDue', path: ['remindAt'] };

const createActivityInput = activityFields.extend({ customerId: z.string() }).refine(remindBeforeDue, remindRule);
const updateActivityInput = activityFields
  .omit({ kind: true, completedAt: true })
  .partial()
  .extend({ id: z.string(), version: z.number().int().min(1) })
  .refine(remindBeforeDue, remindRule);
const completeActivityInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  outcome: rules.optionalText(2_000),
  completedAt: z.date().nullish(),
});

export type CreateActivityInput = z.input<typeof createActivityInput>;
export type UpdateActivityInput = z.input<typeof updateActivityInput>;
export type CompleteActivityInput = z.input<typeof completeActivityInput>;

/** One answer for unknown and foreign contacts: a contact of another customer may be one you cannot see. */
async function contactReferenceError(ctx: ServiceContext, customerId: string, contactId: string | null | undefined) {
  if (!contactId) return null;
  const contact = await ctx.prisma.contact.findFirst({ where: { id: contactId, customerId }, select: { id: true } });
  return contact ? null : ({ field: 'contactId', message: "is not one of the customer's contacts" } satisfies FieldError);
}

/** One answer per participant id that is no active user, at `participantIds.<index>`. */
async function participantErrors(ctx: ServiceContext, ids: readonly string[] | null | undefined) {
  return Promise.all((ids ?? []).map((id, i) => userReferenceError(ctx, `participantIds.${i}`, id)));
}

/**
 * Logs an activity. An interaction without a due time is something that happened now (a call
 * just made); with a due time it is scheduled and stays open until completed.
 */
export async function createActivity(ctx: ServiceContext, input: CreateActivityInput) {
  const { customerId, customFields: typed, priority, participantIds, ...fields } = parseInput(createActivityInput, input);
  // Whether a contact belongs to the customer is only for those who may change the customer.
  if (fields.contactId) await customerToChange(ctx.prisma, ctx.viewer, customerId);
  const customFields = await customFieldsToStore(ctx, 'ACTIVITY', typed, { mode: 'create' });
  throwIfAny([
    await contactReferenceError(ctx, customerId, fields.contactId),
    await userReferenceError(ctx, 'assigneeId', fields.assigneeId),
    ...(await participantErrors(ctx, participantIds)),
  ]);
  const ownerId = actingUserId(ctx.viewer);
  if (!ownerId) throw unauthenticated();
  const happenedNow = isInteraction(fields.kind) && !fields.dueAt && fields.completedAt === undefined;
  const completedAt = happenedNow ? ctx.clock.now() : (fields.completedAt ?? null);
  return ctx.prisma.$transaction(async (tx) => {
    const activity = await insertActivityOnChangeableCustomer(tx, ctx.viewer, {
      ...fields,
      priority: priority ?? ActivityPriority.NORMAL,
      participantIds: normalizedParticipants(participantIds ?? []),
      customFields: customFields ?? {},
      completedAt,
      customerId,
      ownerId,
    });
    await syncTaskAlerts(tx, activity, { actorId: ownerId, now: ctx.clock.now(), created: true });
    const audit = { action: 'activity.create', entity: { type: 'Activity', id: activity.id }, after: activity };
    // An interaction records the contact time, reads the re-classification's facts and writes the
    // audit entry in one statement.
    if (completedAt && isInteraction(fields.kind)) await reclassifyCustomer(tx, ctx, customerId, completedAt, [auditInsertSql(ctx, [audit])]);
    else await recordAudit(tx, ctx, audit);
    if (activity.completedAt) await emitWebhookEvents(tx, [activityEvent('activity.completed', activity)], ctx.clock.now(), ctx.prisma);
    return activity;
  });
}

type NewActivity = Omit<Prisma.ActivityUncheckedCreateInput, 'customFields' | 'participantIds'> & {
  customFields: Prisma.InputJsonObject;
  customerId: string;
  ownerId: string;
  priority: ActivityPriority;
  participantIds: string[];
};

/**
 * Inserts the activity only when the viewer may see and change its customer: the check and the
 * write are one statement. When nothing was inserted, the full check says why (NOT_FOUND or
 * FORBIDDEN) and the transaction rolls back.
 */
async function insertActivityOnChangeableCustomer(tx: Prisma.TransactionClient, viewer: Viewer | null | undefined, data: NewActivity): Promise<Activity> {
  if (!isUuid(data.customerId)) throw notFound('Customer');
  const now = new Date(); // as Prisma's @default(now()) and @updatedAt: the wall clock
  const [activity] = await tx.$queryRaw<Activity[]>`
    INSERT INTO "Activity" ("id", "customerId", "contactId", "kind", "subject", "body", "outcome", "ownerId", "assigneeId",
      "dueAt", "remindAt", "completedAt", "priority", "participantIds", "customFields", "createdAt", "updatedAt")
    SELECT ${uuidv7()}::uuid, c."id", ${data.contactId ?? null}::uuid, ${data.kind}::"ActivityKind", ${data.subject}, ${data.body ?? null},
      ${data.outcome ?? null}, ${data.ownerId}::uuid, ${data.assigneeId ?? null}::uuid, ${data.dueAt ?? null}, ${data.remindAt ?? null},
      ${data.completedAt ?? null}, ${data.priority}::"ActivityPriority", ${data.participantIds}::uuid[], ${JSON.stringify(data.customFields)}::jsonb, ${now}, ${now}
    FROM "Customer" c
    WHERE c."id" = ${data.customerId}::uuid AND ${customersVisibleSql(viewer)} AND ${customersEditableSql(viewer)}
    RETURNING *`;
  if (activity) return activity;
  await customerToChange(tx, viewer, data.customerId);
  throw notFound('Customer'); // changed meanwhile
}

export async function updateActivity(ctx: ServiceContext, input: UpdateActivityInput) {
  const { id, version, customFields: typed, priority, participantIds, ...fields } = parseInput(updateActivityInput, input);
  const current = await activityToChange(ctx.prisma, ctx.viewer, id);
  const customFields = await customFieldsToStore(ctx, 'ACTIVITY', typed, { mode: 'update', current: current.customFields });
  const merged = { dueAt: fields.dueAt ?? current.dueAt, remindAt: fields.remindAt ?? current.remindAt };
  throwIfAny([
    remindBeforeDue(merged) ? null : fieldError('remindAt', 'activity.remindAfterDue'),
    await contactReferenceError(ctx, current.customerId, fields.contactId),
    await userReferenceError(ctx, 'assigneeId', fields.assigneeId),
    ...(await participantErrors(ctx, participantIds)),
  ]);
  return ctx.prisma.$transaction(async (tx) => {
    const activity = await versionedUpdate(tx, id, version, {
      ...fields,
      ...(priority ? { priority } : {}),
      ...(participantIds ? { participantIds: normalizedParticipants(participantIds) } : {}),
      ...(customFields ? { customFields } : {}),
    });
    await syncTaskAlerts(tx, activity, {
      actorId: actingUserId(ctx.viewer),
      previousAssigneeId: current.assigneeId,
      previousParticipantIds: current.participantIds,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, { action: 'activity.update', entity: { type: 'Activity', id }, before: current, after: activity });
    return activity;
  });
}

/** Marks an open activity done; an interaction moves the customer's lastContactedAt. */
export async function completeActivity(ctx: ServiceContext, input: CompleteActivityInput) {
  const { id, version, outcome, completedAt } = parseInput(completeActivityInput, input);
  const current = await activityToChange(ctx.prisma, ctx.viewer, id);
  if (current.completedAt) throwIfAny([fieldError('id', 'activity.alreadyCompleted')]);
  const at = completedAt ?? ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const activity = await versionedUpdate(tx, id, version, { completedAt: at, ...(outcome !== undefined ? { outcome } : {}) });
    if (isInteraction(activity.kind)) await reclassifyCustomer(tx, ctx, activity.customerId, at); // records the contact too
    await syncTaskAlerts(tx, activity, {
      actorId: actingUserId(ctx.viewer),
      previousAssigneeId: current.assigneeId,
      previousParticipantIds: current.participantIds,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, { action: 'activity.complete', entity: { type: 'Activity', id }, before: current, after: activity });
    await emitWebhookEvents(tx, [activityEvent('activity.completed', activity)], ctx.clock.now(), ctx.prisma);
    return activity;
  });
}

export async function deleteActivity(ctx: ServiceContext, input: { id: string; version: number }) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await activityToChange(tx, ctx.viewer, input.id);
    const { count } = await tx.activity.deleteMany({ where: { id: input.id, version: input.version } });
    if (count === 0) await throwMissingOrStale('Activity', currentVersion(tx, input.id));
    await cancelTaskAlerts(tx, input.id);
    await recordAudit(tx, ctx, { action: 'activity.delete', entity: { type: 'Activity', id: input.id }, before });
    return input.id;
  });
}

async function versionedUpdate(
  db: Prisma.TransactionClient,
  id: string,
  version: number,
  data: Prisma.ActivityUncheckedUpdateManyInput,
) {
  const { count } = await db.activity.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) await throwMissingOrStale('Activity', currentVersion(db, id));
  return db.activity.findUniqueOrThrow({ where: { id } });
}

function currentVersion(db: Prisma.TransactionClient, id: string) {
  return db.activity.findUnique({ where: { id }, select: { version: true } });
}

/**
 * The other open tasks of the same person due within the collision window of this one's
 * (activities/rules.ts): a warning for the create and update payloads, nothing refused. Read without
 * row rules, since the person's other tasks may be on customers the viewer cannot see; the graph
 * shows each task only to those who may see it.
 */
export async function activityCollisions(ctx: Pick<ServiceContext, 'prisma'>, activity: Activity): Promise<TaskCollision[]> {
  if (!activity.dueAt || activity.completedAt) return [];
  const who = responsibleUser(activity);
  const { from, to } = collisionWindow(activity.dueAt);
  const others = await ctx.prisma.activity.findMany({
    where: {
      id: { not: activity.id },
      completedAt: null,
      dueAt: { gte: from, lte: to },
      OR: [{ assigneeId: who }, { assigneeId: null, ownerId: who }],
    },
    select: { id: true, ownerId: true, assigneeId: true, dueAt: true, completedAt: true },
    take: 50,
  });
  return taskCollisions(activity, others);
}
