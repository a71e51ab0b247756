import { storedMessageIn } from '../error-messages.js';
import { readerOf } from '../shared/reader.js';
import { ApprovalAction, ApprovalStatus, type Prisma } from '../../generated/prisma/client.js';
import type { RapportContext } from '../context.js';
import { actingUserId, requirePermission } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { UserRefs } from '../users/schema.js';
import { isUuid } from '../shared/ids.js';
import type { ApprovalStep } from './rules.js';
import { approvalsVisibleTo, approve, reject, withdraw } from './service.js';
import { payloadPerMutation, } from '../schema/user-errors.js';

/** Approval requests and decisions; which records need approval is the business of their plugin. */
export function registerApprovalSchema(builder: RapportBuilder, { User }: Pick<UserRefs, 'User'>) {
  const Status = builder.enumType(ApprovalStatus, { name: 'ApprovalStatus' });
  const Action = builder.enumType(ApprovalAction, { name: 'ApprovalAction' });
  const StepKind = builder.enumType('ApprovalStepKind', {
    values: ['ROLE', 'USER', 'OWNER_MANAGER'] as const,
    description: "Who decides a step: anyone with a role, a named user, or the manager of the record owner's team (admins when there is none).",
  });
  const Step = builder.objectRef<ApprovalStep & { position: number }>('ApprovalStep').implement({
    fields: (t) => ({
      position: t.exposeInt('position'),
      kind: t.field({ type: StepKind, resolve: (s) => s.kind }),
      role: t.string({ nullable: true, resolve: (s) => (s.kind === 'ROLE' ? s.role : null) }),
      user: t.field({ type: User, nullable: true, resolve: (s, _a, ctx) => (s.kind === 'USER' ? ctx.prisma.user.findUnique({ where: { id: s.userId } }) : null) }),
    }),
  });
  builder.prismaObject('ApprovalDecision', {
    description: 'One step of the trail: who approved, rejected or withdrew, when, and why.',
    fields: (t) => ({
      step: t.exposeInt('step'),
      action: t.expose('action', { type: Action }),
      decider: t.relation('decider'),
      comment: t.exposeString('comment', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });
  const Request = builder.prismaNode('ApprovalRequest', {
    id: { field: 'id' },
    description: 'A record submitted for approval; visible to its requester, its approvers and admins.',
    findUnique: (id, ctx) => ({ id, AND: [approvalsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      entityType: t.exposeString('entityType', { description: 'The GraphQL type of the record, e.g. Quote.' }),
      entityId: t.field({ type: 'ID', description: 'Global id of the record; fetch it with node(id).', resolve: (r) => Buffer.from(`${r.entityType}:${r.entityId}`).toString('base64') }),
      title: t.exposeString('title'),
      reason: t.string({
        description: "Why it needs approval, in the reader's language when the rule that asked gave a message key.",
        resolve: async (r, _args, ctx) => storedMessageIn((await readerOf(ctx)).language, r.reason) ?? r.reason,
      }),
      status: t.expose('status', { type: Status }),
      currentStep: t.exposeInt('currentStep'),
      steps: t.field({ type: [Step], resolve: (r) => (r.steps as unknown as ApprovalStep[]).map((s, i) => ({ ...s, position: i + 1 })) }),
      awaitingMe: t.boolean({ description: 'You may decide the current step.', resolve: (r, _a, ctx) => r.status === 'PENDING' && r.approverIds.includes(actingUserId(ctx.viewer) ?? '') }),
      approvers: t.field({
        type: [User],
        description: 'Who may decide the current step.',
        resolve: (r, _a, ctx) => (r.approverIds.length ? ctx.prisma.user.findMany({ where: { id: { in: r.approverIds } }, orderBy: { name: 'asc' } }) : []),
      }),
      requestedBy: t.relation('requestedBy'),
      decisions: t.relation('decisions', { query: () => ({ orderBy: { at: 'asc' } }) }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const requestsWhere = (ctx: RapportContext, args: { status?: readonly ApprovalStatus[] | null; awaitingMe?: boolean | null }): Prisma.ApprovalRequestWhereInput => ({
    AND: [
      approvalsVisibleTo(ctx.viewer),
      args.status?.length ? { status: { in: [...args.status] } } : {},
      args.awaitingMe ? { status: 'PENDING', approverIds: { has: actingUserId(ctx.viewer)! } } : {},
    ],
  });
  builder.queryFields((t) => ({
    approvalRequests: t.prismaConnection(
      {
        type: 'ApprovalRequest',
        cursor: 'id',
        description: 'Approval requests you may see, newest first.',
        args: { status: t.arg({ type: [Status] }), awaitingMe: t.arg.boolean({ description: 'Only those waiting for your decision.' }) },
        resolve: (query, _root, args, ctx) => {
          requirePermission(ctx.viewer, 'customer.read');
          return ctx.prisma.approvalRequest.findMany({ ...query, where: requestsWhere(ctx, args), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
        },
        totalCount: (_connection, args, ctx) => {
          requirePermission(ctx.viewer, 'customer.read');
          return ctx.prisma.approvalRequest.count({ where: requestsWhere(ctx, args) });
        },
      },
      { name: 'ApprovalRequestConnection' },
      { name: 'ApprovalRequestEdge' },
    ),
  }));

  const DecisionInput = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({ id: t.globalID({ required: true, for: Request }), version: t.int({ required: true }), comment: t.string() }),
  });
  const Payload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ request: { id: string } }>(name).implement({
    fields: (t) => ({ request: t.field({ nullable: true, type: Request, resolve: (p) => p.request as never }) }),
  }),
  );
  const decision = (service: typeof approve, field: 'approveRequest' | 'rejectRequest' | 'withdrawApprovalRequest', description: string) =>
    builder.mutationField(field, (t) =>
      t.field({
        type: Payload(`${field[0]!.toUpperCase()}${field.slice(1)}Payload`),
        description,
        args: { input: t.arg({ type: DecisionInput(`${field[0]!.toUpperCase()}${field.slice(1)}Input`), required: true }) },
        resolve: async (_root, { input }, ctx) => {
          if (!isUuid(input.id.id)) throw notFound('ApprovalRequest');
          return { request: await service(ctx, { id: input.id.id, version: input.version, comment: input.comment }) };
        },
      }),
    );
  decision(approve, 'approveRequest', 'Approves the current step (an approver of it only); the last step approves the request and alerts the requester.');
  decision(reject, 'rejectRequest', 'Rejects the request at its current step (an approver of it only) and alerts the requester.');
  decision(withdraw, 'withdrawApprovalRequest', 'The requester takes a pending request back.');
  return { ApprovalRequest: Request, ApprovalStatus: Status };
}
