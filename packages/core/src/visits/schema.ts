import { approvalOf, approvalsVisibleTo } from '../approvals/service.js';
import { activitiesVisibleTo, contactsVisibleTo, customersVisibleTo } from '../auth/visibility.js';
import { requirePermission } from '../auth/viewer.js';
import type { RapportContext } from '../context.js';
import type { VisitPurpose, DailySalesReport, DailyVisitPlan, Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { payloadPerMutation } from '../schema/user-errors.js';
import { reportTimeZone } from '../shared/local-time-sql.js';
import type { UserRefs } from '../users/schema.js';
import type { CustomerRefs } from '../customers/schema.js';
import type { ContactRefs } from '../contacts/schema.js';
import type { registerApprovalSchema } from '../approvals/schema.js';
import type { FollowUpRow, VisitRecordStatus } from './rules.js';
import {
  createPlan,
  createReport,
  dayString,
  PLAN_ENTITY,
  plansVisibleTo,
  REPORT_ENTITY,
  reportFacts,
  reportsVisibleTo,
  statusOf,
  submitPlan,
  submitReport,
  updatePlan,
  updateReport,
  weeklyFollowUpSummary,
  type ReportFacts,
} from './service.js';

const PURPOSES: Record<VisitPurpose, string> = {
  NEW_CUSTOMER: 'Develop a new customer (开发新客户).',
  MARKET_RESEARCH: 'Market research (市场调研).',
  COLLECTION: 'Collect payment (收款).',
  SERVICE: 'Service (服务).',
  COMPLAINT: 'Handle a complaint (客诉处理).',
  ORDER: 'Take an order (订货).',
  OTHER: 'Anything else (其它).',
};

/** Activities by id in the order given, as the viewer may see them. */
function activitiesIn(ctx: RapportContext, query: object, ids: readonly string[], orderBy: Prisma.ActivityOrderByWithRelationInput[]) {
  if (!ids.length) return [];
  return ctx.prisma.activity.findMany({ ...query, where: { AND: [{ id: { in: [...ids] } }, activitiesVisibleTo(ctx.viewer)] }, orderBy });
}

/** Daily visit plans and sales reports with their supervisor's sign-off, and the weekly follow-up summary. */
interface Refs {
  User: UserRefs['User'];
  Customer: CustomerRefs['Customer'];
  Contact: ContactRefs['Contact'];
  ApprovalRequest: ReturnType<typeof registerApprovalSchema>['ApprovalRequest'];
}

export function registerVisitSchema(builder: RapportBuilder, { User, Customer, Contact, ApprovalRequest }: Refs) {
  const Purpose = builder.enumType('VisitPurpose', {
    description: 'What a planned visit is for (seed 004, 每日访问计划表).',
    values: Object.fromEntries(Object.entries(PURPOSES).map(([k, description]) => [k, { value: k as VisitPurpose, description }])) as Record<VisitPurpose, { value: VisitPurpose; description: string }>,
  });
  const Status = builder.enumType('VisitRecordStatus', {
    description: "Where a plan or report stands in the supervisor's sign-off (through approvals: the manager of the rep's team, else the admins).",
    values: {
      DRAFT: { description: 'Not submitted, withdrawn, or changed since a decision (a change voids it): the rep may change and submit it.' },
      PENDING: { description: 'Waiting for the sign-off: it cannot change until decided or withdrawn.' },
      APPROVED: { description: 'Signed off in this version.' },
      REJECTED: { description: 'Sent back in this version: change it and submit again.' },
    } as const,
  });
  const statusField = (entity: string) => (r: { id: string; version: number }, _a: unknown, ctx: RapportContext) => statusOf(ctx.prisma, entity, r.id, r.version) as Promise<VisitRecordStatus>;
  const approvalField = (entity: string) => async (r: { id: string }, _a: unknown, ctx: RapportContext) => {
    const latest = await approvalOf(ctx.prisma, entity, r.id);
    return latest ? ctx.prisma.approvalRequest.findFirst({ where: { AND: [{ id: latest.id }, approvalsVisibleTo(ctx.viewer)] } }) : null;
  };

  builder.prismaObject('DailyVisitPlanLine', {
    description: 'One planned visit: which customer, whom, when and what for.',
    fields: (t) => ({
      position: t.exposeInt('position', { description: 'Its place in the plan (1 is the first).' }),
      customer: t.prismaField({
        type: 'Customer',
        nullable: true,
        description: 'The customer to visit; null when you may no longer see it.',
        resolve: (query, line, _a, ctx) => ctx.prisma.customer.findFirst({ ...query, where: { AND: [{ id: line.customerId }, customersVisibleTo(ctx.viewer)] } }),
      }),
      contact: t.prismaField({
        type: 'Contact',
        nullable: true,
        description: 'Whom to meet, when named (and visible to you).',
        resolve: (query, line, _a, ctx) => (line.contactId ? ctx.prisma.contact.findFirst({ ...query, where: { AND: [{ id: line.contactId }, contactsVisibleTo(ctx.viewer)] } }) : null),
      }),
      purpose: t.expose('purpose', { type: Purpose, description: 'What the visit is for.' }),
      plannedAt: t.expose('plannedAt', { type: 'DateTime', description: "When the visit is planned, on the plan's local day." }),
      note: t.exposeString('note', { nullable: true, description: 'Anything else about the visit.' }),
    }),
  });

  const Plan = builder.prismaNode('DailyVisitPlan', {
    id: { field: 'id', description: 'Global id of the plan.' },
    description: "A rep's plan for one local day (每日访问计划表): the customers to visit, when and why, signed off by their supervisor. Visible to the rep, the managers of their team and admins.",
    findUnique: (id, ctx) => ({ id, AND: [plansVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      rep: t.relation('rep', { description: 'Whose plan it is.' }),
      day: t.expose('day', { type: 'Date', description: "The local day it plans, in the rep's time zone (`timeZone`)." }),
      timeZone: t.exposeString('timeZone', { description: "The rep's IANA time zone when the plan was made: it cuts the day." }),
      note: t.exposeString('note', { nullable: true, description: 'Areas, targets, anything the lines do not say.' }),
      lines: t.relation('lines', { description: 'The planned visits, in order.', query: { orderBy: { position: 'asc' } } }),
      status: t.field({ type: Status, description: 'Where the sign-off stands.', resolve: statusField(PLAN_ENTITY) }),
      approval: t.field({
        type: ApprovalRequest,
        nullable: true,
        description: "The latest sign-off request, with the supervisor's decisions and comments (批示意见); null before submission or when you may not see it.",
        resolve: approvalField(PLAN_ENTITY),
      }),
      version: t.exposeInt('version', { description: 'Pass it to updateDailyVisitPlan and submitDailyVisitPlan; it changes with every write.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the plan was made.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    }),
  });

  const LineCheck = builder.objectRef<{ lineId: string; visitId: string | null }>('PlannedVisitCheck').implement({
    description: 'One planned visit and the completed visit that carried it out, if any.',
    fields: (t) => ({
      line: t.prismaField({
        type: 'DailyVisitPlanLine',
        nullable: true,
        description: 'The planned visit; null when the plan was changed since (submitted facts).',
        resolve: (query, c, _a, ctx) => ctx.prisma.dailyVisitPlanLine.findUnique({ ...query, where: { id: c.lineId } }),
      }),
      visited: t.boolean({ description: 'Whether a completed visit to its customer that day carried it out.', resolve: (c) => c.visitId !== null }),
      visit: t.prismaField({
        type: 'Activity',
        nullable: true,
        description: 'The completed VISIT activity that carried it out.',
        resolve: (query, c, _a, ctx) => (c.visitId ? ctx.prisma.activity.findFirst({ ...query, where: { AND: [{ id: c.visitId }, activitiesVisibleTo(ctx.viewer)] } }) : null),
      }),
    }),
  });

  const Facts = builder.objectRef<ReportFacts>('DailySalesFacts').implement({
    description: "A report's day as the activities tell it: the rep's completed interactions of that local day (with customers you may see) against their plan.",
    fields: (t) => ({
      plannedVisits: t.exposeInt('planned', { description: 'Visits the day’s plan named (0 without a plan).' }),
      plannedVisitsDone: t.exposeInt('plannedDone', { description: 'Planned visits carried out by a completed visit to their customer that day.' }),
      visitsDone: t.exposeInt('visitsDone', { description: 'Completed visits that day, planned or not.' }),
      visitRate: t.float({ nullable: true, description: 'plannedVisitsDone / plannedVisits; null without a plan.', resolve: (f) => f.visitRate }),
      plan: t.prismaField({
        type: 'DailyVisitPlan',
        nullable: true,
        description: "The rep's plan for the day, if they made one.",
        resolve: (query, f, _a, ctx) => (f.planId ? ctx.prisma.dailyVisitPlan.findFirst({ ...query, where: { AND: [{ id: f.planId }, plansVisibleTo(ctx.viewer)] } }) : null),
      }),
      plannedVisitChecks: t.field({
        type: [LineCheck],
        description: 'Each planned visit, in order, and whether it was done.',
        resolve: (f) => f.lineIds.map((lineId, i) => ({ lineId, visitId: f.lineVisits[i] ?? null })),
      }),
      unplannedVisits: t.prismaField({
        type: ['Activity'],
        description: 'Completed visits no planned visit accounts for, oldest first.',
        resolve: (query, f, _a, ctx) => activitiesIn(ctx, query, f.unplannedVisitIds, [{ completedAt: 'asc' }, { id: 'asc' }]),
      }),
      interactions: t.prismaField({
        type: ['Activity'],
        description: 'Every completed interaction of the day (calls, visits, meetings, e-mails, messages, care), oldest first, with its outcome: the 洽谈结果.',
        resolve: (query, f, _a, ctx) => activitiesIn(ctx, query, f.interactionIds, [{ completedAt: 'asc' }, { id: 'asc' }]),
      }),
      newCustomers: t.prismaField({
        type: ['Customer'],
        description: 'Customers the rep created (and owns) that day.',
        resolve: (query, f, _a, ctx) => (f.newCustomerIds.length ? ctx.prisma.customer.findMany({ ...query, where: { AND: [{ id: { in: f.newCustomerIds } }, customersVisibleTo(ctx.viewer)] }, orderBy: { createdAt: 'asc' } }) : []),
      }),
      nextSteps: t.prismaField({
        type: ['Activity'],
        description: "The rep's open scheduled activities with the customers of the day's interactions, soonest due first.",
        resolve: (query, f, _a, ctx) => activitiesIn(ctx, query, f.nextStepIds, [{ dueAt: 'asc' }, { id: 'asc' }]),
      }),
    }),
  });

  const Report = builder.prismaNode('DailySalesReport', {
    id: { field: 'id', description: 'Global id of the report.' },
    description: "A rep's report of one local day (每日销售报告表): the day's facts from the activities and the rep's own texts, signed off by their supervisor. Visible to the rep, the managers of their team and admins.",
    findUnique: (id, ctx) => ({ id, AND: [reportsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      rep: t.relation('rep', { description: 'Whose report it is.' }),
      day: t.expose('day', { type: 'Date', description: "The local day it reports, in the rep's time zone (`timeZone`)." }),
      timeZone: t.exposeString('timeZone', { description: "The rep's IANA time zone when the report was made: it cuts the day." }),
      summary: t.exposeString('summary', { nullable: true, description: '今日访问心得: what the rep learned today.' }),
      customerFeedback: t.exposeString('customerFeedback', { nullable: true, description: "客户反映的意见: the customers' opinions and latest news." }),
      competitorInfo: t.exposeString('competitorInfo', { nullable: true, description: '竞争者的市场信息: what the competitors are doing.' }),
      expenses: t.expose('expenses', { type: 'Decimal', nullable: true, description: "What the day's visits cost, in the deployment's currency." }),
      facts: t.field({ type: Facts, description: "The day's facts, assembled from the activities when read.", resolve: (r, _a, ctx) => reportFacts(ctx, r) }),
      submittedFacts: t.field({
        type: Facts,
        nullable: true,
        description: 'The facts as they stood when the report was last submitted: what the supervisor signed off; null before submission.',
        resolve: (r) => (r.submittedFacts as unknown as ReportFacts | null) ?? null,
      }),
      status: t.field({ type: Status, description: 'Where the sign-off stands.', resolve: statusField(REPORT_ENTITY) }),
      approval: t.field({
        type: ApprovalRequest,
        nullable: true,
        description: "The latest sign-off request, with the supervisor's decisions and comments (批示意见); null before submission or when you may not see it.",
        resolve: approvalField(REPORT_ENTITY),
      }),
      version: t.exposeInt('version', { description: 'Pass it to updateDailySalesReport and submitDailySalesReport; it changes with every write.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the report was made.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    }),
  });

  const FollowUp = builder.objectRef<FollowUpRow>('WeeklyFollowUpRow').implement({
    description: 'One customer followed up in the week (本周跟进情况) and the next steps (下一步行动措施).',
    fields: (t) => ({
      customer: t.prismaField({
        type: 'Customer',
        description: 'The customer.',
        resolve: (query, r, _a, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: r.customerId } }),
      }),
      followUps: t.int({ description: "The week's completed interactions with it.", resolve: (r) => r.activityIds.length }),
      lastContactAt: t.field({ type: 'DateTime', description: 'The latest of them.', resolve: (r) => r.lastContactAt }),
      activities: t.prismaField({
        type: ['Activity'],
        description: "The week's completed interactions, oldest first: what was discussed, the customer's problems and requests (subject, body, outcome).",
        resolve: (query, r, _a, ctx) => activitiesIn(ctx, query, r.activityIds, [{ completedAt: 'asc' }, { id: 'asc' }]),
      }),
      nextSteps: t.prismaField({
        type: ['Activity'],
        description: 'Open scheduled activities with the customer (what and when), soonest due first.',
        resolve: (query, r, _a, ctx) => activitiesIn(ctx, query, r.nextStepIds, [{ dueAt: 'asc' }, { id: 'asc' }]),
      }),
    }),
  });
  const Weekly = builder.objectRef<Awaited<ReturnType<typeof weeklyFollowUpSummary>>>('WeeklyFollowUpSummary').implement({
    description: 'The weekly follow-up summary (seed 004, 6.22) of the reps you may see.',
    fields: (t) => ({
      weekStart: t.field({ type: 'Date', description: 'First day of the week (RAPPORT_WEEK_STARTS_ON, default Monday).', resolve: (w) => new Date(`${w.weekStart}T00:00:00Z`) }),
      weekEnd: t.field({ type: 'Date', description: 'Last day of the week.', resolve: (w) => new Date(`${w.weekEnd}T00:00:00Z`) }),
      timeZone: t.exposeString('timeZone', { description: 'The zone whose midnights cut the week.' }),
      rows: t.field({ type: [FollowUp], description: 'One per customer followed up, most recently contacted first.', resolve: (w) => w.rows }),
    }),
  });

  const listArgs = (t: any) => ({
    repIds: t.arg.globalIDList({ for: User, description: 'Only these reps (among those you may see).' }),
    from: t.arg({ type: 'Date', description: 'Days from this one on.' }),
    to: t.arg({ type: 'Date', description: 'Days up to this one (included).' }),
  });
  type ListArgs = { repIds?: Array<{ id: string }> | null; from?: Date | null; to?: Date | null };
  const listWhere = (raw: unknown) => {
    const args = raw as ListArgs;
    return {
    ...(args.repIds ? { repId: { in: args.repIds.map((r) => r.id) } } : {}),
    ...(args.from || args.to ? { day: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) } } : {}),
    };
  };
  builder.queryFields((t) => ({
    dailyVisitPlans: t.prismaConnection(
      {
        type: 'DailyVisitPlan',
        cursor: 'id',
        description: 'Daily visit plans you may see (yours, your teams’ as a manager, all as an admin), latest day first.',
        args: listArgs(t),
        resolve: (query, _root, args, ctx) => {
          requirePermission(ctx.viewer, 'customer.read');
          return ctx.prisma.dailyVisitPlan.findMany({ ...query, where: { AND: [listWhere(args), plansVisibleTo(ctx.viewer)] }, orderBy: [{ day: 'desc' }, { id: 'desc' }] });
        },
        totalCount: (_c, args, ctx) => ctx.prisma.dailyVisitPlan.count({ where: { AND: [listWhere(args), plansVisibleTo(ctx.viewer)] } }),
      },
      { name: 'DailyVisitPlanConnection', description: 'A page of daily visit plans.' },
      { name: 'DailyVisitPlanEdge', description: 'One daily visit plan in a page.' },
    ),
    dailySalesReports: t.prismaConnection(
      {
        type: 'DailySalesReport',
        cursor: 'id',
        description: 'Daily sales reports you may see (yours, your teams’ as a manager, all as an admin), latest day first.',
        args: listArgs(t),
        resolve: (query, _root, args, ctx) => {
          requirePermission(ctx.viewer, 'customer.read');
          return ctx.prisma.dailySalesReport.findMany({ ...query, where: { AND: [listWhere(args), reportsVisibleTo(ctx.viewer)] }, orderBy: [{ day: 'desc' }, { id: 'desc' }] });
        },
        totalCount: (_c, args, ctx) => ctx.prisma.dailySalesReport.count({ where: { AND: [listWhere(args), reportsVisibleTo(ctx.viewer)] } }),
      },
      { name: 'DailySalesReportConnection', description: 'A page of daily sales reports.' },
      { name: 'DailySalesReportEdge', description: 'One daily sales report in a page.' },
    ),
    weeklyFollowUpSummary: t.field({
      type: Weekly,
      description: 'Per customer followed up in a week by the reps you may see (yourself; your teams as a manager; everyone as an admin): the week’s interactions and the open next steps (seed 004, 6.22).',
      args: {
        day: t.arg({ type: 'Date', description: 'A day of the week wanted; default today.' }),
        repIds: t.arg.globalIDList({ for: User, description: 'Only these reps (among those you may see).' }),
        timeZone: t.arg.string({ description: 'IANA zone the week is cut in; default your own, else the deployment’s.' }),
      },
      resolve: async (_root, args, ctx) => {
        const timeZone = await reportTimeZone(ctx.prisma, ctx.viewer, args.timeZone, ctx.config.locale.timeZone);
        return weeklyFollowUpSummary(ctx, { day: args.day ? dayString(args.day) : null, repIds: args.repIds?.map((r) => r.id) ?? null, timeZone, weekStartsOn: ctx.config.weekStartsOn });
      },
    }),
  }));

  const LineInput = builder.inputType('PlannedVisitInput', {
    description: 'One planned visit.',
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer, description: 'The customer to visit (one you may see).' }),
      contactId: t.globalID({ for: Contact, description: "Whom to meet: one of the customer's contacts." }),
      purpose: t.field({ type: Purpose, required: true, description: 'What the visit is for.' }),
      plannedAt: t.field({ type: 'DateTime', required: true, description: "When, on the plan's local day." }),
      note: t.string({ description: 'Anything else (up to 500 characters).' }),
    }),
  });
  const lines = (input: Array<{ customerId: { id: string }; contactId?: { id: string } | null; purpose: VisitPurpose; plannedAt: Date; note?: string | null }>) =>
    input.map((l) => ({ customerId: l.customerId.id, contactId: l.contactId?.id ?? null, purpose: l.purpose, plannedAt: l.plannedAt, note: l.note ?? null }));

  const PlanPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ plan: DailyVisitPlan }>(name).implement({
      description: 'The plan as written, or null with userErrors saying why nothing was.',
      fields: (t) => ({ plan: t.field({ type: Plan, nullable: true, description: 'The plan; null when nothing was written (see userErrors).', resolve: (p) => p.plan }) }),
    }),
  );
  const ReportPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ report: DailySalesReport }>(name).implement({
      description: 'The report as written, or null with userErrors saying why nothing was.',
      fields: (t) => ({ report: t.field({ type: Report, nullable: true, description: 'The report; null when nothing was written (see userErrors).', resolve: (p) => p.report }) }),
    }),
  );
  const CreatePlanInput = builder.inputType('CreateDailyVisitPlanInput', {
    description: 'Your plan for a local day (in your time zone): today or up to 31 days ahead, one per day.',
    fields: (t) => ({
      day: t.field({ type: 'Date', required: true, description: 'The day it plans.' }),
      note: t.string({ description: 'Areas, targets, anything the lines do not say.' }),
      lines: t.field({ type: [LineInput], required: true, description: 'The planned visits, in order (at most 50).' }),
    }),
  });
  const UpdatePlanInput = builder.inputType('UpdateDailyVisitPlanInput', {
    description: 'Changes to your plan; not while it waits for sign-off (a change after a decision voids it).',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Plan, description: 'The plan.' }),
      version: t.int({ required: true, description: 'The version you read.' }),
      note: t.string({ description: 'A new note; null clears it.' }),
      lines: t.field({ type: [LineInput], description: 'New planned visits, replacing all the old ones.' }),
    }),
  });
  const SubmitPlanInput = builder.inputType('SubmitDailyVisitPlanInput', {
    description: 'Your plan, in the version you read, for your supervisor’s sign-off.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Plan, description: 'The plan.' }), version: t.int({ required: true, description: 'The version you read.' }) }),
  });
  const money = (v: unknown) => (v == null ? v : String(v)) as string | null | undefined;
  type ReportTexts = { summary?: string | null; customerFeedback?: string | null; competitorInfo?: string | null; expenses?: unknown };
  const texts = (raw: unknown) => {
    const i = raw as ReportTexts;
    return { summary: i.summary, customerFeedback: i.customerFeedback, competitorInfo: i.competitorInfo, expenses: money(i.expenses) };
  };
  const reportTexts = (t: any) => ({
    summary: t.string({ description: '今日访问心得 (up to 10000 characters).' }),
    customerFeedback: t.string({ description: "客户反映的意见: the customers' opinions and latest news." }),
    competitorInfo: t.string({ description: '竞争者的市场信息.' }),
    expenses: t.field({ type: 'Decimal', description: "What the day's visits cost." }),
  });
  const CreateReportInput = builder.inputType('CreateDailySalesReportInput', {
    description: 'Your report of a local day (in your time zone): today or up to 31 days back, one per day.',
    fields: (t) => ({ day: t.field({ type: 'Date', required: true, description: 'The day it reports.' }), ...reportTexts(t) }),
  });
  const UpdateReportInput = builder.inputType('UpdateDailySalesReportInput', {
    description: 'Changes to your report; not while it waits for sign-off (a change after a decision voids it).',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Report, description: 'The report.' }),
      version: t.int({ required: true, description: 'The version you read.' }),
      ...reportTexts(t),
    }),
  });
  const SubmitReportInput = builder.inputType('SubmitDailySalesReportInput', {
    description: 'Your report, in the version you read, for your supervisor’s sign-off.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Report, description: 'The report.' }), version: t.int({ required: true, description: 'The version you read.' }) }),
  });

  builder.mutationFields((t) => ({
    createDailyVisitPlan: t.field({
      type: PlanPayload('CreateDailyVisitPlanPayload'),
      description: 'Makes your visit plan for a day.',
      args: { input: t.arg({ type: CreatePlanInput, required: true, description: 'The plan.' }) },
      resolve: async (_r, { input }, ctx) => ({ plan: await createPlan(ctx, { day: dayString(input.day), note: input.note, lines: lines(input.lines) }) }),
    }),
    updateDailyVisitPlan: t.field({
      type: PlanPayload('UpdateDailyVisitPlanPayload'),
      description: 'Changes your visit plan (today or later, not while it waits for sign-off).',
      args: { input: t.arg({ type: UpdatePlanInput, required: true, description: 'The changes.' }) },
      resolve: async (_r, { input }, ctx) => ({ plan: await updatePlan(ctx, { id: input.id.id, version: input.version, note: input.note, ...(input.lines ? { lines: lines(input.lines) } : {}) }) }),
    }),
    submitDailyVisitPlan: t.field({
      type: PlanPayload('SubmitDailyVisitPlanPayload'),
      description: "Submits your plan for your supervisor's sign-off (approvals: the manager of your team, else the admins, who are alerted); decided with approveRequest / rejectRequest.",
      args: { input: t.arg({ type: SubmitPlanInput, required: true, description: 'The plan.' }) },
      resolve: async (_r, { input }, ctx) => ({ plan: await submitPlan(ctx, { id: input.id.id, version: input.version }) }),
    }),
    createDailySalesReport: t.field({
      type: ReportPayload('CreateDailySalesReportPayload'),
      description: 'Writes your sales report of a day; its facts come from your activities of that day.',
      args: { input: t.arg({ type: CreateReportInput, required: true, description: 'The report.' }) },
      resolve: async (_r, { input }, ctx) => ({
        report: await createReport(ctx, { day: dayString(input.day), ...texts(input) }),
      }),
    }),
    updateDailySalesReport: t.field({
      type: ReportPayload('UpdateDailySalesReportPayload'),
      description: 'Changes your sales report (not while it waits for sign-off); omitted texts stay, null clears one.',
      args: { input: t.arg({ type: UpdateReportInput, required: true, description: 'The changes.' }) },
      resolve: async (_r, { input }, ctx) => ({
        report: await updateReport(ctx, { id: input.id.id, version: input.version, ...texts(input) }),
      }),
    }),
    submitDailySalesReport: t.field({
      type: ReportPayload('SubmitDailySalesReportPayload'),
      description: "Submits your report for your supervisor's sign-off and comments (approvals, as submitDailyVisitPlan).",
      args: { input: t.arg({ type: SubmitReportInput, required: true, description: 'The report.' }) },
      resolve: async (_r, { input }, ctx) => ({ report: await submitReport(ctx, { id: input.id.id, version: input.version }) }),
    }),
  }));
  return { DailyVisitPlan: Plan, DailySalesReport: Report };
}
