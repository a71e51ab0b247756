import type { CustomFieldFilter } from '../custom-fields/rules.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { activitiesVisibleTo } from '../auth/visibility.js';
import type { CustomerRefs } from '../customers/schema.js';
import type { ContactRefs } from '../contacts/schema.js';
import { notFound } from '../errors.js';
import type { RapportContext } from '../context.js';
import { ActivityKind, ActivityPriority } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { prismaDirection, rawId, type CommonRefs } from '../schema/common.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';
import { isUuid } from '../shared/ids.js';
import type { UserRefs } from '../users/schema.js';
import { activityOrderBy, activityWhere } from './filters.js';
import { TASK_COLLISION_WINDOW_MINUTES, type TaskCollision } from './rules.js';
import { customFieldRefs } from '../custom-fields/schema.js';
import { customFieldWhere } from '../custom-fields/service.js';
import {
  activityCollisions,
  completeActivity,
  createActivity,
  deleteActivity,
  updateActivity,
  type CompleteActivityInput,
  type CreateActivityInput,
  type UpdateActivityInput,
} from './service.js';
import { connectionOf } from '../schema/connections.js';

interface Refs {
  common: CommonRefs;
  users: UserRefs;
  customers: CustomerRefs;
  contacts: ContactRefs;
}

export function registerActivitySchema(builder: RapportBuilder, { common, users, customers, contacts }: Refs) {
  const Kind = builder.enumType(ActivityKind, { name: 'ActivityKind' });
  const Priority = builder.enumType('ActivityPriority', {
    description: 'How urgent an activity is. Ordered LOW < NORMAL < HIGH < URGENT.',
    values: {
      LOW: { value: ActivityPriority.LOW, description: 'Can wait.' },
      NORMAL: { value: ActivityPriority.NORMAL, description: 'The default.' },
      HIGH: { value: ActivityPriority.HIGH, description: 'Before normal work.' },
      URGENT: { value: ActivityPriority.URGENT, description: 'At once.' },
    } as const,
  });

  const Activity = builder.prismaNode('Activity', {
    id: { field: 'id' },
    // Select mode (bench/README.md, issue #18 fourth round): the exposed columns a read asks for, plus those isOpen and isOverdue read.
    select: { completedAt: true, dueAt: true },
    description: 'An interaction with a customer (call, visit, ...) or a follow-up task with due and remind times.',
    findUnique: (id, ctx) => ({ id, AND: [activitiesVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      customer: t.relation('customer'),
      contact: t.relation('contact', { nullable: true }),
      kind: t.expose('kind', { type: Kind }),
      subject: t.exposeString('subject'),
      body: t.exposeString('body', { nullable: true }),
      outcome: t.exposeString('outcome', { nullable: true }),
      owner: t.relation('owner'),
      assignee: t.relation('assignee', { nullable: true }),
      dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true }),
      remindAt: t.expose('remindAt', { type: 'DateTime', nullable: true }),
      completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
      priority: t.expose('priority', { type: Priority, description: 'How urgent it is; NORMAL unless set.' }),
      participants: t.field({
        type: [users.User],
        select: { participantIds: true },
        description: 'Further users alerted about the task (when added and when it falls due), besides its assignee.',
        resolve: async (a, _args, ctx) => {
          if (a.participantIds.length === 0) return [];
          const users = await ctx.prisma.user.findMany({ where: { id: { in: a.participantIds } } });
          return a.participantIds.flatMap((id) => users.filter((u) => u.id === id));
        },
      }),
      isOpen: t.boolean({ resolve: (a) => a.completedAt === null }),
      isOverdue: t.boolean({
        resolve: (a, _args, ctx) => a.completedAt === null && a.dueAt !== null && a.dueAt < ctx.clock.now(),
      }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  const ActivityFilter = builder.inputType('ActivityFilter', {
    fields: (t) => ({
      customerId: t.globalID({ for: customers.Customer }),
      contactId: t.globalID({ for: contacts.Contact }),
      kind: t.field({ type: [Kind] }),
      priority: t.field({ type: [Priority], description: 'Any of these priorities.' }),
      participantIds: t.globalIDList({ for: users.User, description: 'Tasks any of these users take part in.' }),
      assigneeIds: t.globalIDList({ for: users.User }),
      ownerIds: t.globalIDList({ for: users.User }),
      open: t.boolean({ description: 'Not completed yet.' }),
      overdue: t.boolean({ description: 'Open and past its due time.' }),
      dueBefore: t.field({ type: 'DateTime' }),
      dueAfter: t.field({ type: 'DateTime' }),
      customFields: t.field({ type: [customFieldRefs(builder).CustomFieldFilter], description: 'All of these must hold.' }),
    }),
  });
  const OrderField = builder.enumType('ActivityOrderField', { values: ['CREATED_AT', 'DUE_AT', 'COMPLETED_AT', 'PRIORITY'] as const });
  const ActivityOrder = builder.inputType('ActivityOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: common.SortDirection, defaultValue: 'DESC' }),
    }),
  });

  const where = (filter: typeof ActivityFilter.$inferInput | null | undefined, ctx: RapportContext) => activityListWhere(ctx, filter);

  builder.queryFields((t) => ({
    activities: t.prismaConnection({
      type: 'Activity',
      cursor: 'id',
      args: { filter: t.arg({ type: ActivityFilter }), orderBy: t.arg({ type: ActivityOrder }) },
      resolve: async (query, _root, args, ctx) =>
        ctx.prisma.activity.findMany({
          ...query,
          where: await where(args.filter, ctx),
          orderBy: activityOrderBy(args.orderBy?.field, prismaDirection(args.orderBy?.direction, 'desc')),
        }),
      totalCount: async (_c, args, ctx) => ctx.prisma.activity.count({ where: await where(args.filter, ctx) }),
    }, connectionOf(builder, 'Activity')),
    activity: t.prismaField({
      nullable: true,
      type: 'Activity',
      args: { id: t.arg.globalID({ required: true, for: Activity }) },
      resolve: async (query, _root, args, ctx) => {
        const activity = isUuid(args.id.id)
          ? await ctx.prisma.activity.findFirst({ ...query, where: { AND: [{ id: args.id.id }, activitiesVisibleTo(ctx.viewer)] } })
          : null;
        if (!activity) throw notFound('Activity');
        return activity;
      },
    }),
  }));

  const scheduleFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
    body: t.string(),
    outcome: t.string(),
    contactId: t.globalID({ for: contacts.Contact }),
    assigneeId: t.globalID({ for: users.User }),
    dueAt: t.field({ type: 'DateTime' }),
    remindAt: t.field({ type: 'DateTime', description: 'When to remind the assignee; not after dueAt.' }),
    priority: t.field({ type: Priority, description: 'How urgent it is; NORMAL when created without one.' }),
    participantIds: t.globalIDList({
      for: users.User,
      description: 'Further users to alert when added and when the task falls due (at most 20); on update, replaces the list.',
    }),
    customFields: t.field({ type: [customFieldRefs(builder).CustomFieldInput], description: 'Sets the custom fields named; others stay.' }),
  });
  const CreateActivityInputRef = builder.inputType('CreateActivityInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: customers.Customer }),
      kind: t.field({ type: Kind, required: true }),
      subject: t.string({ required: true }),
      completedAt: t.field({
        type: 'DateTime',
        description: 'When it happened. Omitted on an interaction without dueAt means now; with dueAt it stays open.',
      }),
      ...scheduleFields(t),
    }),
  });
  const UpdateActivityInputRef = builder.inputType('UpdateActivityInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Activity }),
      version: t.int({ required: true }),
      subject: t.string(),
      ...scheduleFields(t),
    }),
  });
  const CompleteActivityInputRef = builder.inputType('CompleteActivityInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Activity }),
      version: t.int({ required: true }),
      outcome: t.string(),
      completedAt: t.field({ type: 'DateTime', description: 'Defaults to now.' }),
    }),
  });
  const DeleteActivityInput = builder.inputType('DeleteActivityInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Activity }), version: t.int({ required: true }) }),
  });

  const ActivityPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ activity: { id: string } }>(name).implement({
    description: 'The activity written, or null with userErrors saying why nothing was.',
    fields: (t) => ({ activity: t.field({ type: Activity, nullable: true, resolve: (p) => p.activity as never }) }),
  }),
  );
  const DeleteActivityPayload = builder.objectRef<{ id: string }>('DeleteActivityPayload').implement({
    fields: (t) => ({ deletedActivityId: t.id({ nullable: true, description: 'Null when nothing was deleted (see userErrors).', resolve: (p) => encodeGlobalID('Activity', p.id) }) }),
  });
  withUserErrors(builder, DeleteActivityPayload);

  const Collision = builder.objectRef<TaskCollision>('TaskCollision').implement({
    description: `Another open task of the same person (assignee, else owner) due within ${TASK_COLLISION_WINDOW_MINUTES} minutes of this one. A warning only: nothing was refused.`,
    fields: (t) => ({
      activity: t.prismaField({
        type: 'Activity',
        nullable: true,
        description: 'The other task; null when you may not see it.',
        resolve: (query, c, _args, ctx) => ctx.prisma.activity.findFirst({ ...query, where: { AND: [{ id: c.activityId }, activitiesVisibleTo(ctx.viewer)] } }),
      }),
      dueAt: t.field({ type: 'DateTime', description: 'When the other task is due.', resolve: (c) => c.dueAt }),
      minutesApart: t.exposeInt('minutesApart', { description: 'Minutes between the two due times (0: the same time).' }),
    }),
  });
  for (const name of ['CreateActivityPayload', 'UpdateActivityPayload']) {
    builder.objectField(ActivityPayload(name), 'collisionWarnings', (t) =>
      t.field({
        type: [Collision],
        description: 'Open tasks of the same person due around the same time as this one, nearest first; empty when nothing was written.',
        resolve: async (p, _args, ctx) => activityCollisions(ctx, await ctx.prisma.activity.findUniqueOrThrow({ where: { id: p.activity.id } })),
      }),
    );
  }

  const refIds = <T extends { contactId?: { id: string } | null; assigneeId?: { id: string } | null; participantIds?: Array<{ id: string }> | null }>(input: T) => ({
    ...input,
    contactId: rawId(input.contactId),
    assigneeId: rawId(input.assigneeId),
    participantIds: input.participantIds?.map((u) => u.id),
  });

  builder.mutationFields((t) => ({
    createActivity: t.field({
      type: ActivityPayload('CreateActivityPayload'),
      args: { input: t.arg({ type: CreateActivityInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        activity: await createActivity(ctx, { ...refIds(input), customerId: input.customerId.id } as CreateActivityInput),
      }),
    }),
    updateActivity: t.field({
      type: ActivityPayload('UpdateActivityPayload'),
      args: { input: t.arg({ type: UpdateActivityInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        activity: await updateActivity(ctx, { ...refIds(input), id: input.id.id } as UpdateActivityInput),
      }),
    }),
    completeActivity: t.field({
      type: ActivityPayload('CompleteActivityPayload'),
      args: { input: t.arg({ type: CompleteActivityInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        activity: await completeActivity(ctx, { ...input, id: input.id.id } as CompleteActivityInput),
      }),
    }),
    deleteActivity: t.field({
      type: DeleteActivityPayload,
      args: { input: t.arg({ type: DeleteActivityInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ id: await deleteActivity(ctx, { id: input.id.id, version: input.version }) }),
    }),
  }));

  return { Activity, ActivityKind: Kind, ActivityPriority: Priority };
}

export type ActivityRefs = ReturnType<typeof registerActivitySchema>;

interface GraphQLActivityFilter {
  customerId?: { id: string } | null;
  contactId?: { id: string } | null;
  kind?: ActivityKind[] | null;
  priority?: ActivityPriority[] | null;
  participantIds?: Array<{ id: string }> | null;
  assigneeIds?: Array<{ id: string }> | null;
  ownerIds?: Array<{ id: string }> | null;
  open?: boolean | null;
  overdue?: boolean | null;
  dueBefore?: Date | null;
  dueAfter?: Date | null;
  customFields?: CustomFieldFilter[] | null;
}

/** The activities list's where: its filter, under the viewer's row rules (exports read the same). */
export async function activityListWhere(ctx: Pick<RapportContext, 'prisma' | 'viewer' | 'clock' | 'config'>, filter: GraphQLActivityFilter | null | undefined) {
  const filtered = activityWhere(
    filter && {
      ...filter,
      customerId: rawId(filter.customerId),
      contactId: rawId(filter.contactId),
      assigneeIds: filter.assigneeIds?.map((u) => u.id),
      participantIds: filter.participantIds?.map((u) => u.id),
      ownerIds: filter.ownerIds?.map((u) => u.id),
    },
    ctx.clock.now(),
  );
  return { AND: [filtered, ...(await customFieldWhere(ctx, 'ACTIVITY', filter?.customFields)), activitiesVisibleTo(ctx.viewer)] };
}
