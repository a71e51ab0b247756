// Daily visit plans and daily sales reports (seed 004: 每日访问计划表, 每日销售报告表), signed off by the
// rep's supervisor through core's approvals, and the weekly follow-up summary (004 6.22). One row
// rule (`repsVisibleTo`) says whose plans, reports and weekly activities a viewer sees, on every path.
import { z } from 'zod';
import { approvalOf, requestApproval } from '../approvals/service.js';
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission, unauthenticated, type Viewer } from '../auth/viewer.js';
import { activitiesVisibleTo, customersVisibleTo, NOTHING } from '../auth/visibility.js';
import { errorMessages, type ErrorMessageKey, type ErrorParams } from '../error-messages.js';
import { fieldError, InputError, notFound, RapportError, type FieldError } from '../errors.js';
import { type Prisma, VisitPurpose, type DailySalesReport, type DailyVisitPlan } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { localDay } from '../shared/locale.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import {
  addDays,
  localDayRange,
  MAX_PLAN_LINES,
  planDayProblem,
  plannedOnDay,
  recordStatus,
  reportDayProblem,
  submitProblem,
  visitsAgainstPlan,
  weekOf,
  weeklyFollowUp,
  type DailyFacts,
  type FollowUpRow,
  type VisitRecordStatus,
  type Weekday,
} from './rules.js';

type Db = Prisma.TransactionClient;
export const PLAN_ENTITY = 'DailyVisitPlan';
export const REPORT_ENTITY = 'DailySalesReport';
/** The sign-off: the manager of the rep's team (the admins when there is none). */
const SIGN_OFF = [{ kind: 'OWNER_MANAGER' as const }];
const INTERACTIONS = ['CALL', 'EMAIL', 'MEETING', 'VISIT', 'MESSAGE', 'CARE'] as const;

/**
 * The row rule: the reps whose plans, reports and weekly follow-ups a viewer sees. Yourself; with
 * customer.team also the members of the teams you manage; an admin everyone; nobody else.
 */
export function repsVisibleTo(viewer: Viewer | null | undefined): Prisma.UserWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return NOTHING;
  if (viewer?.kind !== 'principal' && viewer?.role === 'ADMIN') return {};
  return can(viewer, 'customer.team') ? { OR: [{ id: userId }, { team: { managerId: userId } }] } : { id: userId };
}

export function plansVisibleTo(viewer: Viewer | null | undefined): Prisma.DailyVisitPlanWhereInput {
  const reps = repsVisibleTo(viewer);
  return Object.keys(reps).length ? { rep: reps } : {};
}

export function reportsVisibleTo(viewer: Viewer | null | undefined): Prisma.DailySalesReportWhereInput {
  const reps = repsVisibleTo(viewer);
  return Object.keys(reps).length ? { rep: reps } : {};
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'rule.day');
const lineInput = z.object({
  customerId: z.string(),
  contactId: z.string().nullish(),
  purpose: z.enum(VisitPurpose),
  plannedAt: z.date(),
  note: rules.optionalText(500),
});
const planFields = { note: rules.optionalText(2_000), lines: z.array(lineInput).max(MAX_PLAN_LINES) };
const createPlanInput = z.object({ day, ...planFields });
const updatePlanInput = z.object({ id: z.string(), version: z.number().int().min(1), note: planFields.note, lines: planFields.lines.optional() });
const reportFields = {
  summary: rules.optionalText(10_000),
  customerFeedback: rules.optionalText(10_000),
  competitorInfo: rules.optionalText(10_000),
  expenses: rules.money.nullish(),
};
const createReportInput = z.object({ day, ...reportFields });
const updateReportInput = z.object({ id: z.string(), version: z.number().int().min(1), ...reportFields });
const submitInput = z.object({ id: z.string(), version: z.number().int().min(1) });

export type CreatePlanInput = z.input<typeof createPlanInput>;
export type UpdatePlanInput = z.input<typeof updatePlanInput>;
export type CreateReportInput = z.input<typeof createReportInput>;
export type UpdateReportInput = z.input<typeof updateReportInput>;
export type SubmitInput = z.input<typeof submitInput>;

type Kind = 'plan' | 'report';

function refuse(field: string, key: ErrorMessageKey, params: ErrorParams = {}, code: FieldError['code'] = 'CONFLICT'): never {
  throw new InputError([fieldError(field, key, params, code)]);
}

async function rep(ctx: ServiceContext) {
  requirePermission(ctx.viewer, 'customer.read');
  const id = actingUserId(ctx.viewer);
  if (!id) throw unauthenticated();
  return ctx.prisma.user.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, timeZone: true } });
}

const asDate = (calendarDay: string) => new Date(`${calendarDay}T00:00:00Z`);
export const dayString = (date: Date) => date.toISOString().slice(0, 10);

/** Each line's customer must be one the rep sees, its contact one of that customer's, its time on the day. */
async function lineErrors(ctx: ServiceContext, lines: z.output<typeof lineInput>[], calendarDay: string, timeZone: string): Promise<FieldError[]> {
  const ids = [...new Set(lines.map((l) => l.customerId).filter(isUuid))];
  const visible = new Set((await ctx.prisma.customer.findMany({ where: { AND: [{ id: { in: ids } }, customersVisibleTo(ctx.viewer)] }, select: { id: true } })).map((c) => c.id));
  const contactIds = lines.flatMap((l) => (l.contactId && isUuid(l.contactId) ? [l.contactId] : []));
  const contacts = new Map((await ctx.prisma.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true, customerId: true } })).map((c) => [c.id, c.customerId]));
  return lines.flatMap((line, i): FieldError[] => [
    ...(visible.has(line.customerId) ? [] : [fieldError(`lines.${i}.customerId`, 'visits.noSuchCustomer', {}, 'NOT_FOUND')]),
    ...(line.contactId && contacts.get(line.contactId) !== line.customerId ? [{ field: `lines.${i}.contactId`, message: "is not one of the customer's contacts", code: 'NOT_FOUND' as const }] : []),
    ...(plannedOnDay(line.plannedAt, calendarDay, timeZone) ? [] : [fieldError(`lines.${i}.plannedAt`, 'visits.plannedAtOutsideDay', { day: calendarDay, timeZone }, 'OUT_OF_RANGE')]),
  ]);
}

const lineRows = (lines: z.output<typeof lineInput>[]) =>
  lines.map((l, i) => ({ position: i + 1, customerId: l.customerId, contactId: l.contactId ?? null, purpose: l.purpose, plannedAt: l.plannedAt, note: l.note ?? null }));

/** The rep's own plan or report to change: NOT_FOUND when they cannot see it, FORBIDDEN when it is another rep's. */
async function ownRecord<T extends { repId: string; version: number }>(
  ctx: ServiceContext,
  kind: Kind,
  id: string,
  version: number,
  find: (where: { id: string }) => Promise<T | null>,
  entity: string,
): Promise<T> {
  const userId = actingUserId(ctx.viewer);
  const row = isUuid(id) ? await find({ id }) : null;
  if (!row) throw notFound(entity);
  if (row.repId !== userId) throw RapportError.of('FORBIDDEN', 'visits.notYours', { kind });
  if (row.version !== version) await throwMissingOrStale(entity, Promise.resolve(row));
  if ((await statusOf(ctx.prisma, entity, id, row.version)) === 'PENDING') refuse('id', 'visits.pending');
  return row;
}

export async function statusOf(db: Db, entity: string, id: string, version: number): Promise<VisitRecordStatus> {
  return recordStatus(await approvalOf(db, entity, id), version);
}

/** A plan of the viewer for a local day in their time zone: today or later. */
export async function createPlan(ctx: ServiceContext, input: CreatePlanInput): Promise<DailyVisitPlan> {
  const fields = parseInput(createPlanInput, input);
  const me = await rep(ctx);
  const problem = planDayProblem(fields.day, ctx.clock.now(), me.timeZone);
  if (problem) refuse('day', problem, {}, 'OUT_OF_RANGE');
  throwIfAny(await lineErrors(ctx, fields.lines, fields.day, me.timeZone));
  return ctx.prisma.$transaction(async (tx) => {
    if (await tx.dailyVisitPlan.findUnique({ where: { repId_day: { repId: me.id, day: asDate(fields.day) } }, select: { id: true } })) {
      refuse('day', 'visits.dayTaken', { kind: 'plan', day: fields.day }, 'DUPLICATE');
    }
    const now = ctx.clock.now();
    const plan = await tx.dailyVisitPlan.create({
      data: { repId: me.id, day: asDate(fields.day), timeZone: me.timeZone, note: fields.note ?? null, createdAt: now, updatedAt: now, lines: { create: lineRows(fields.lines) } },
    });
    await recordAudit(tx, ctx, { action: 'visitPlan.create', entity: { type: PLAN_ENTITY, id: plan.id }, after: { ...plan, lines: fields.lines } });
    return plan;
  });
}

/** Changes the viewer's own plan (not while it waits for sign-off; after a sign-off the change voids it). */
export async function updatePlan(ctx: ServiceContext, input: UpdatePlanInput): Promise<DailyVisitPlan> {
  const { id, version, note, lines } = parseInput(updatePlanInput, input);
  await rep(ctx);
  const read = await ownRecord(ctx, 'plan', id, version, (w) => ctx.prisma.dailyVisitPlan.findFirst({ where: { AND: [w, plansVisibleTo(ctx.viewer)] } }), PLAN_ENTITY);
  const calendarDay = dayString(read.day);
  const problem = planDayProblem(calendarDay, ctx.clock.now(), read.timeZone);
  if (problem) refuse('id', problem);
  if (lines) throwIfAny(await lineErrors(ctx, lines, calendarDay, read.timeZone));
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.dailyVisitPlan.updateMany({
      where: { id, version },
      data: { ...(note !== undefined ? { note } : {}), updatedAt: ctx.clock.now(), version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale(PLAN_ENTITY, tx.dailyVisitPlan.findUnique({ where: { id }, select: { version: true } }));
    if (lines) {
      await tx.dailyVisitPlanLine.deleteMany({ where: { planId: id } });
      await tx.dailyVisitPlanLine.createMany({ data: lineRows(lines).map((l) => ({ ...l, planId: id })) });
    }
    const after = await tx.dailyVisitPlan.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'visitPlan.update', entity: { type: PLAN_ENTITY, id }, before: read, after: { ...after, ...(lines ? { lines } : {}) } });
    return after;
  });
}

/** A report of the viewer for a local day in their time zone: today or up to a month back. */
export async function createReport(ctx: ServiceContext, input: CreateReportInput): Promise<DailySalesReport> {
  const fields = parseInput(createReportInput, input);
  const me = await rep(ctx);
  const problem = reportDayProblem(fields.day, ctx.clock.now(), me.timeZone);
  if (problem) refuse('day', problem, {}, 'OUT_OF_RANGE');
  return ctx.prisma.$transaction(async (tx) => {
    if (await tx.dailySalesReport.findUnique({ where: { repId_day: { repId: me.id, day: asDate(fields.day) } }, select: { id: true } })) {
      refuse('day', 'visits.dayTaken', { kind: 'report', day: fields.day }, 'DUPLICATE');
    }
    const now = ctx.clock.now();
    const { day: _day, ...texts } = fields;
    const report = await tx.dailySalesReport.create({
      data: { repId: me.id, day: asDate(fields.day), timeZone: me.timeZone, ...texts, expenses: texts.expenses ?? null, createdAt: now, updatedAt: now },
    });
    await recordAudit(tx, ctx, { action: 'salesReport.create', entity: { type: REPORT_ENTITY, id: report.id }, after: report });
    return report;
  });
}

export async function updateReport(ctx: ServiceContext, input: UpdateReportInput): Promise<DailySalesReport> {
  const { id, version, ...fields } = parseInput(updateReportInput, input);
  await rep(ctx);
  const read = await ownRecord(ctx, 'report', id, version, (w) => ctx.prisma.dailySalesReport.findFirst({ where: { AND: [w, reportsVisibleTo(ctx.viewer)] } }), REPORT_ENTITY);
  const problem = reportDayProblem(dayString(read.day), ctx.clock.now(), read.timeZone);
  if (problem) refuse('id', problem);
  return ctx.prisma.$transaction(async (tx) => {
    const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const { count } = await tx.dailySalesReport.updateMany({ where: { id, version }, data: { ...data, updatedAt: ctx.clock.now(), version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale(REPORT_ENTITY, tx.dailySalesReport.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.dailySalesReport.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'salesReport.update', entity: { type: REPORT_ENTITY, id }, before: read, after });
    return after;
  });
}

/** Submits the viewer's plan or report, as it is in this version, for the supervisor's sign-off. */
async function submit<T extends { id: string; repId: string; version: number; day: Date }>(
  ctx: ServiceContext,
  kind: Kind,
  input: SubmitInput,
  find: (where: { id: string }) => Promise<T | null>,
  check: (row: T) => Promise<void>,
  withRequest: (tx: Db, row: T) => Promise<void> = async () => {},
): Promise<T> {
  const { id, version } = parseInput(submitInput, input);
  const me = await rep(ctx);
  const entity = kind === 'plan' ? PLAN_ENTITY : REPORT_ENTITY;
  const row = isUuid(id) ? await find({ id }) : null;
  if (!row) throw notFound(entity);
  if (row.repId !== me.id) throw RapportError.of('FORBIDDEN', 'visits.notYours', { kind });
  if (row.version !== version) await throwMissingOrStale(entity, Promise.resolve(row));
  const problem = submitProblem(await statusOf(ctx.prisma, entity, id, row.version));
  if (problem) refuse('id', problem);
  await check(row);
  const language = ctx.config?.locale?.language ?? 'zh-CN';
  const params = { day: dayString(row.day), rep: me.name };
  await ctx.prisma.$transaction(async (tx) => {
    await withRequest(tx, row);
    await requestApproval(tx, ctx, {
      entityType: entity,
      entityId: id,
      entityVersion: row.version,
      title: errorMessages(kind === 'plan' ? 'visits.planTitle' : 'visits.reportTitle', params)[language],
      reason: errorMessages('visits.signOffReason')[language],
      ownerId: row.repId,
      steps: SIGN_OFF,
    });
  });
  return row;
}

export function submitPlan(ctx: ServiceContext, input: SubmitInput): Promise<DailyVisitPlan> {
  return submit(
    ctx,
    'plan',
    input,
    (w) => ctx.prisma.dailyVisitPlan.findFirst({ where: { AND: [w, plansVisibleTo(ctx.viewer)] } }),
    async (plan) => {
      if ((await ctx.prisma.dailyVisitPlanLine.count({ where: { planId: plan.id } })) === 0) refuse('id', 'visits.planEmpty');
    },
  );
}

/** Submits a report; its facts as they stand now are kept with it (`submittedFacts`): what the supervisor signs. */
export async function submitReport(ctx: ServiceContext, input: SubmitInput): Promise<DailySalesReport> {
  let facts: ReportFacts | null = null;
  const row = await submit(
    ctx,
    'report',
    input,
    (w) => ctx.prisma.dailySalesReport.findFirst({ where: { AND: [w, reportsVisibleTo(ctx.viewer)] } }),
    // Read before the transaction (the embedded database has one connection).
    async (report) => {
      facts = await reportFacts(ctx, report);
    },
    async (tx, report) => {
      await tx.dailySalesReport.update({ where: { id: report.id }, data: { submittedFacts: facts as unknown as Prisma.InputJsonValue } });
    },
  );
  return ctx.prisma.dailySalesReport.findUniqueOrThrow({ where: { id: row.id } });
}

export interface ReportFacts extends DailyFacts {
  planId: string | null;
  lineIds: string[];
  /** Completed interactions of the rep that day, oldest first. */
  interactionIds: string[];
  /** Customers the rep came to own that day, created then. */
  newCustomerIds: string[];
  /** Open scheduled activities of the rep with the customers of the day's interactions, soonest first. */
  nextStepIds: string[];
}

/**
 * The day's facts of a report, assembled from the rep's activities of that local day (in the
 * report's zone) with customers the viewer sees: visits done against the plan, every completed
 * interaction (with its outcome), new customers and the next steps.
 */
export async function reportFacts(ctx: Pick<ServiceContext, 'prisma' | 'viewer'>, report: Pick<DailySalesReport, 'repId' | 'day' | 'timeZone'>): Promise<ReportFacts> {
  const { from, to } = localDayRange(dayString(report.day), report.timeZone);
  const [plan, activities, newCustomers] = await Promise.all([
    ctx.prisma.dailyVisitPlan.findUnique({ where: { repId_day: { repId: report.repId, day: report.day } }, include: { lines: { orderBy: { position: 'asc' } } } }),
    ctx.prisma.activity.findMany({
      where: { AND: [{ ownerId: report.repId, kind: { in: [...INTERACTIONS] }, completedAt: { gte: from, lt: to } }, activitiesVisibleTo(ctx.viewer)] },
      select: { id: true, kind: true, customerId: true, completedAt: true },
      orderBy: [{ completedAt: 'asc' }, { id: 'asc' }],
    }),
    ctx.prisma.customer.findMany({ where: { AND: [{ ownerId: report.repId, createdAt: { gte: from, lt: to } }, customersVisibleTo(ctx.viewer)] }, select: { id: true }, orderBy: { createdAt: 'asc' } }),
  ]);
  const done = activities.map((a) => ({ ...a, completedAt: a.completedAt! }));
  const customerIds = [...new Set(done.map((a) => a.customerId))];
  const nextSteps = customerIds.length
    ? await ctx.prisma.activity.findMany({
        where: { AND: [{ customerId: { in: customerIds }, completedAt: null, dueAt: { not: null }, OR: [{ assigneeId: report.repId }, { assigneeId: null, ownerId: report.repId }] }, activitiesVisibleTo(ctx.viewer)] },
        select: { id: true },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      })
    : [];
  const lines = plan?.lines ?? [];
  return {
    ...visitsAgainstPlan(lines, done),
    planId: plan?.id ?? null,
    lineIds: lines.map((l) => l.id),
    interactionIds: done.map((a) => a.id),
    newCustomerIds: newCustomers.map((c) => c.id),
    nextStepIds: nextSteps.map((a) => a.id),
  };
}

export interface WeeklyFollowUpSummary {
  weekStart: string;
  /** The week's last day. */
  weekEnd: string;
  timeZone: string;
  rows: FollowUpRow[];
}

/**
 * 6.22: per customer followed up in the week (by the reps the viewer sees, `repIds` narrowing them),
 * the week's completed interactions and the open next steps; the week containing `day` (default
 * today), cut at midnight in `timeZone`, starting on `weekStartsOn`.
 */
export async function weeklyFollowUpSummary(
  ctx: Pick<ServiceContext, 'prisma' | 'viewer' | 'clock'>,
  options: { day?: string | null; repIds?: string[] | null; timeZone: string; weekStartsOn: Weekday },
): Promise<WeeklyFollowUpSummary> {
  requirePermission(ctx.viewer, 'customer.read');
  if (options.day != null && !/^\d{4}-\d{2}-\d{2}$/.test(options.day)) throw new InputError([fieldError('day', 'rule.day')]);
  const week = weekOf(options.day ?? localDay(ctx.clock.now(), options.timeZone), options.weekStartsOn);
  const from = localDayRange(week.start, options.timeZone).from;
  const to = localDayRange(week.end, options.timeZone).from;
  const reps: Prisma.UserWhereInput = { AND: [repsVisibleTo(ctx.viewer), options.repIds ? { id: { in: options.repIds.filter(isUuid) } } : {}] };
  const activities = await ctx.prisma.activity.findMany({
    where: { AND: [{ owner: reps, kind: { in: [...INTERACTIONS] }, completedAt: { gte: from, lt: to } }, activitiesVisibleTo(ctx.viewer)] },
    select: { id: true, customerId: true, completedAt: true },
  });
  const customerIds = [...new Set(activities.map((a) => a.customerId))];
  const open = customerIds.length
    ? await ctx.prisma.activity.findMany({
        where: { AND: [{ customerId: { in: customerIds }, completedAt: null, dueAt: { not: null }, OR: [{ assignee: reps }, { assigneeId: null, owner: reps }] }, activitiesVisibleTo(ctx.viewer)] },
        select: { id: true, customerId: true, dueAt: true },
      })
    : [];
  const rows = weeklyFollowUp(
    activities.map((a) => ({ ...a, completedAt: a.completedAt! })),
    open.map((a) => ({ ...a, dueAt: a.dueAt! })),
  );
  return { weekStart: week.start, weekEnd: addDays(week.end, -1), timeZone: options.timeZone, rows };
}
