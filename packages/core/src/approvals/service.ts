// Approvals: a record (any type, any plugin) submitted through a multi-step flow. The plugin decides
// when a record needs approval and refuses changes while it is PENDING (`approvalOf`); core keeps
// the request, checks who may decide each step, alerts the approvers and audits every step.
import { z } from 'zod';
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertMessage } from '../alerts/messages.js';
import { emitAlerts, type AlertInput } from '../alerts/service.js';
import { recordAudit } from '../audit/service.js';
import { actingUserId, requirePermission, type Viewer } from '../auth/viewer.js';
import { conflict, fieldError, InputError, notFound, RapportError } from '../errors.js';
import type { ApprovalAction, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules } from '../validation.js';
import { approvalStepsSchema, decide, mayDecide, type ApprovalStep } from './rules.js';

type Db = Prisma.TransactionClient;
export type ApprovalRequestRow = Prisma.ApprovalRequestModel;

export const APPROVAL_REQUESTED = 'APPROVAL_REQUESTED';
export const APPROVAL_DECIDED = 'APPROVAL_DECIDED';

export interface ApprovalSubmission {
  entityType: string;
  entityId: string;
  entityVersion: number;
  title: string;
  reason: string;
  /** The record's owner: OWNER_MANAGER steps ask their team's manager. */
  ownerId: string | null;
  steps: readonly ApprovalStep[];
}

/** Submits a record for approval inside the caller's transaction and alerts the first step's approvers. */
export async function requestApproval(tx: Db, ctx: ServiceContext, submission: ApprovalSubmission): Promise<ApprovalRequestRow> {
  const steps = approvalStepsSchema.parse(submission.steps);
  const requestedById = actingUserId(ctx.viewer);
  if (!requestedById) throw RapportError.of('FORBIDDEN', 'approval.staffOnly');
  if (await approvalOf(tx, submission.entityType, submission.entityId, 'PENDING')) {
    throw new InputError([fieldError('id', 'approval.alreadyPending')]);
  }
  const now = ctx.clock.now();
  const approverIds = await currentApprovers(tx, { steps: steps as Prisma.JsonValue, currentStep: 1, ownerId: submission.ownerId });
  const request = await tx.approvalRequest.create({
    data: { ...submission, steps: steps as Prisma.InputJsonValue, approverIds, requestedById, createdAt: now },
  });
  await emitAlerts(tx, stepAlerts(request), now);
  await recordAudit(tx, ctx, { action: 'approval.request', entity: { type: 'ApprovalRequest', id: request.id }, after: request });
  return request;
}

/** The latest request for a record (optionally only one in this status), e.g. to refuse changes while PENDING. */
export function approvalOf(db: Db, entityType: string, entityId: string, status?: ApprovalRequestRow['status']) {
  return db.approvalRequest.findFirst({ where: { entityType, entityId, ...(status ? { status } : {}) }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

const decisionInput = z.object({ id: z.string(), version: z.number().int().min(1), comment: rules.optionalText(2_000) });
export type ApprovalDecisionInput = z.input<typeof decisionInput>;

/** Approves the current step (the last one approves the request) or rejects it, with a comment. */
export function approve(ctx: ServiceContext, input: ApprovalDecisionInput) {
  return decideRequest(ctx, input, 'APPROVE');
}

export function reject(ctx: ServiceContext, input: ApprovalDecisionInput) {
  return decideRequest(ctx, input, 'REJECT');
}

/** The requester takes the request back; the record is free to change again. */
export function withdraw(ctx: ServiceContext, input: ApprovalDecisionInput) {
  return decideRequest(ctx, input, 'WITHDRAW');
}

async function decideRequest(ctx: ServiceContext, input: ApprovalDecisionInput, action: ApprovalAction): Promise<ApprovalRequestRow> {
  const { id, version, comment } = parseInput(decisionInput, input);
  requirePermission(ctx.viewer, 'customer.read');
  const userId = actingUserId(ctx.viewer)!;
  const read = isUuid(id) ? await ctx.prisma.approvalRequest.findFirst({ where: { id, ...approvalsVisibleTo(ctx.viewer) } }) : null;
  if (!read) throw notFound('ApprovalRequest');
  if (read.version !== version) throw conflict('ApprovalRequest', read.version);
  const steps = read.steps as unknown as ApprovalStep[];
  if (action === 'WITHDRAW') {
    if (read.requestedById !== userId) throw RapportError.of('FORBIDDEN', 'approval.requesterOnly');
  } else {
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, role: true } });
    if (!mayDecide(steps[read.currentStep - 1]!, user, await ownerManagerId(ctx.prisma, read.ownerId))) {
      throw RapportError.of('FORBIDDEN', 'approval.notApprover', { step: read.currentStep });
    }
  }
  const outcome = decide({ status: read.status, currentStep: read.currentStep, stepCount: steps.length }, action);
  if ('problem' in outcome) throw new InputError([{ field: 'id', message: outcome.problem }]);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.approvalRequest.updateMany({
      where: { id, version },
      data: {
        status: outcome.status,
        currentStep: outcome.currentStep,
        decidedAt: outcome.done ? now : null,
        approverIds: outcome.done ? [] : await currentApprovers(tx, { ...read, currentStep: outcome.currentStep }),
        version: { increment: 1 },
      },
    });
    if (count === 0) await throwMissingOrStale('ApprovalRequest', tx.approvalRequest.findUnique({ where: { id }, select: { version: true } }));
    await tx.approvalDecision.create({ data: { requestId: id, step: read.currentStep, action, deciderId: userId, comment: comment ?? null, at: now } });
    const after = await tx.approvalRequest.findUniqueOrThrow({ where: { id } });
    const alerts: AlertInput[] = outcome.done
      ? action === 'WITHDRAW'
        ? []
        : [
            {
              recipientId: after.requestedById,
              ...alertMessage(CORE_ALERT_MESSAGES, APPROVAL_DECIDED, { decision: after.status, subject: after.title, comment }),
              entity: { type: after.entityType, id: after.entityId },
              dedupeKey: `approval-decided:${id}`,
            },
          ]
      : stepAlerts(after);
    await emitAlerts(tx, alerts, now);
    await recordAudit(tx, ctx, { action: `approval.${action.toLowerCase()}`, entity: { type: 'ApprovalRequest', id }, before: read, after: { ...after, comment } });
    return after;
  });
}

/** Requesters see their requests, approvers the ones they may decide or decided; admins all. */
export function approvalsVisibleTo(viewer: Viewer | null | undefined): Prisma.ApprovalRequestWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !viewer?.permissions.has('customer.read')) return { id: { in: [] } };
  if (viewer.kind !== 'principal' && viewer.role === 'ADMIN') return {};
  return { OR: [{ requestedById: userId }, { approverIds: { has: userId } }, { decisions: { some: { deciderId: userId } } }] };
}

/** The users who may decide the request's current step: they are alerted when it reaches them. */
export async function currentApprovers(db: Db, request: Pick<ApprovalRequestRow, 'steps' | 'currentStep' | 'ownerId'>): Promise<string[]> {
  const step = (request.steps as unknown as ApprovalStep[])[request.currentStep - 1]!;
  if (step.kind === 'USER') return [step.userId];
  if (step.kind === 'OWNER_MANAGER') {
    const manager = await ownerManagerId(db, request.ownerId);
    if (manager) return [manager];
  }
  const role = step.kind === 'ROLE' ? step.role : 'ADMIN';
  return (await db.user.findMany({ where: { role, active: true }, select: { id: true } })).map((u) => u.id);
}

function stepAlerts(request: ApprovalRequestRow): AlertInput[] {
  return request.approverIds.map((recipientId) => ({
    recipientId,
    ...alertMessage(CORE_ALERT_MESSAGES, APPROVAL_REQUESTED, { step: request.currentStep, subject: request.title, reason: request.reason }),
    entity: { type: 'ApprovalRequest', id: request.id },
    dedupeKey: `approval-requested:${request.id}:${request.currentStep}:${recipientId}`,
  }));
}

async function ownerManagerId(db: Db, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null;
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { team: { select: { managerId: true } } } });
  return owner?.team?.managerId ?? null;
}
