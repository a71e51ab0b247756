// Scheduled exports: a list export (the same exporters, filters and visibility as requestExport) run
// on the clock for its owner, its file delivered through the notification channels — attached to an
// e-mail, or as a download link in a chat-bot message. Each run is a DataExport (the owner's viewer as
// it is at run time) and one NotificationDelivery per channel, so the outbox's retries, lease and
// delivery log apply. See docs/data-in-out.md, "Scheduled exports".
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission, staffViewer, unauthenticated } from '../auth/viewer.js';
import type { RapportConfig } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import { fieldError, InputError, notFound, RapportError } from '../errors.js';
import type { JobDefinition } from '../jobs/runner.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules } from '../validation.js';
import type { ExportFrequency, NotificationChannel, Prisma } from '../../generated/prisma/client.js';
import { filterFor, type Exporter } from './exporter.js';
import { nextRunAt } from './recurrence.js';
import { exportContext, exporterFor, storedViewer } from './run.js';

/** How long a run's download link (the chat message's) works: once, within this. */
export const SCHEDULED_LINK_TTL_MS = 7 * 86_400_000;
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

export interface ScheduleContext extends ServiceContext {
  config: RapportConfig;
  schema: GraphQLSchema;
  exporters: readonly Exporter[];
}

const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const fields = {
  name: rules.requiredText(100),
  format: z.enum(['CSV', 'XLSX']),
  frequency: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']),
  dayOfWeek: z.number().int().min(1, 'export.dayOfWeek').max(7, 'export.dayOfWeek').nullish(),
  dayOfMonth: z.number().int().min(1, 'export.dayOfMonth').max(28, 'export.dayOfMonth').nullish(),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'rule.timeOfDay'),
  timeZone: z.string().trim().refine(validTimeZone, 'export.timeZone'),
  channels: z
    .array(z.enum(['EMAIL', 'CHAT']))
    .min(1, 'export.atLeastOneChannel')
    .transform((list) => [...new Set(list)]),
  active: z.boolean(),
};

const createInput = z.object({
  name: fields.name,
  entity: z.string(),
  format: fields.format,
  filter: z.unknown().optional(),
  frequency: fields.frequency,
  dayOfWeek: fields.dayOfWeek,
  dayOfMonth: fields.dayOfMonth,
  time: fields.time,
  timeZone: fields.timeZone.nullish(),
  channels: fields.channels,
});

const updateInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: fields.name.optional(),
  format: fields.format.optional(),
  filter: z.unknown().optional(),
  frequency: fields.frequency.optional(),
  dayOfWeek: fields.dayOfWeek,
  dayOfMonth: fields.dayOfMonth,
  time: fields.time.optional(),
  timeZone: fields.timeZone.optional(),
  channels: fields.channels.optional(),
  active: fields.active.optional(),
});

/** WEEKLY needs its weekday, MONTHLY its day; the other day field is cleared. */
function dayFields(frequency: ExportFrequency, dayOfWeek: number | null | undefined, dayOfMonth: number | null | undefined) {
  if (frequency === 'WEEKLY' && dayOfWeek == null) throw new InputError([fieldError('dayOfWeek', 'export.weeklyNeedsDay', {}, 'REQUIRED')]);
  if (frequency === 'MONTHLY' && dayOfMonth == null) throw new InputError([fieldError('dayOfMonth', 'export.monthlyNeedsDay', {}, 'REQUIRED')]);
  return { dayOfWeek: frequency === 'WEEKLY' ? dayOfWeek! : null, dayOfMonth: frequency === 'MONTHLY' ? dayOfMonth! : null };
}

/** Checks the owner may export the list with that filter (as requestExport does); returns the filter as the exporter reads it. */
async function checkedFilter(ctx: ScheduleContext, entity: string, filter: unknown): Promise<{ exporter: Exporter; coerced: unknown }> {
  const exporter = exporterFor(ctx.exporters, entity);
  if (exporter.permission) requirePermission(ctx.viewer, exporter.permission);
  const coerced = filterFor(ctx.schema, exporter, filter);
  await exporter.batch(exportContext(ctx, ctx.viewer!), coerced, null, 1);
  return { exporter, coerced };
}

const json = (value: unknown) => (value ?? undefined) as Prisma.InputJsonValue | undefined;

export async function createExportSchedule(ctx: ScheduleContext, input: z.input<typeof createInput>) {
  requirePermission(ctx.viewer, 'data.export');
  const ownerId = actingUserId(ctx.viewer);
  if (!ownerId) throw unauthenticated();
  const f = parseInput(createInput, input);
  const days = dayFields(f.frequency, f.dayOfWeek, f.dayOfMonth);
  const { exporter, coerced } = await checkedFilter(ctx, f.entity, f.filter);
  const owner = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ownerId }, select: { timeZone: true } });
  const timeZone = f.timeZone ?? owner.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE;
  const now = ctx.clock.now();
  const next = nextRunAt({ frequency: f.frequency, ...days, time: f.time, timeZone }, now);
  return ctx.prisma.$transaction(async (tx) => {
    const schedule = await tx.exportSchedule.create({
      data: {
        ownerId,
        name: f.name,
        entity: exporter.entity,
        format: f.format,
        filter: json(f.filter),
        coercedFilter: json(coerced),
        frequency: f.frequency,
        ...days,
        time: f.time,
        timeZone,
        channels: f.channels as NotificationChannel[],
        nextRunAt: next,
        createdAt: now,
        updatedAt: now,
      },
    });
    await recordAudit(tx, ctx, { action: 'exportSchedule.create', entity: { type: 'ExportSchedule', id: schedule.id }, after: schedule });
    return schedule;
  });
}

/** The owner's schedule, or anyone's for user.manage. */
async function scheduleToChange(ctx: ServiceContext, id: string) {
  const viewerId = actingUserId(ctx.viewer);
  if (!viewerId) throw unauthenticated();
  const schedule = isUuid(id) ? await ctx.prisma.exportSchedule.findUnique({ where: { id } }) : null;
  if (!schedule || (schedule.ownerId !== viewerId && !can(ctx.viewer, 'user.manage'))) throw notFound('ExportSchedule');
  return schedule;
}

/** Changes a schedule if nobody did since `version`; the next run is computed again from now. */
export async function updateExportSchedule(ctx: ScheduleContext, input: z.input<typeof updateInput>) {
  const { id, version, ...f } = parseInput(updateInput, input);
  const before = await scheduleToChange(ctx, id);
  if (before.ownerId === actingUserId(ctx.viewer)) requirePermission(ctx.viewer, 'data.export');
  else if (f.filter !== undefined) throw RapportError.of('FORBIDDEN', 'export.ownerChangesFilter');
  const frequency = f.frequency ?? before.frequency;
  const days = dayFields(frequency, f.dayOfWeek !== undefined ? f.dayOfWeek : before.dayOfWeek, f.dayOfMonth !== undefined ? f.dayOfMonth : before.dayOfMonth);
  const coerced = f.filter !== undefined ? (await checkedFilter(ctx, before.entity, f.filter)).coerced : undefined;
  const time = f.time ?? before.time;
  const timeZone = f.timeZone ?? before.timeZone;
  const now = ctx.clock.now();
  const data = {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.format !== undefined ? { format: f.format } : {}),
    ...(f.filter !== undefined ? { filter: json(f.filter) ?? (null as never), coercedFilter: json(coerced) ?? (null as never) } : {}),
    ...(f.channels !== undefined ? { channels: f.channels as NotificationChannel[] } : {}),
    ...(f.active !== undefined ? { active: f.active } : {}),
    frequency,
    ...days,
    time,
    timeZone,
    nextRunAt: nextRunAt({ frequency, ...days, time, timeZone }, now),
    version: { increment: 1 },
    updatedAt: now,
  };
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.exportSchedule.updateMany({ where: { id: before.id, version }, data });
    if (count === 0) await throwMissingOrStale('ExportSchedule', tx.exportSchedule.findUnique({ where: { id: before.id }, select: { version: true } }));
    const after = await tx.exportSchedule.findUniqueOrThrow({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action: 'exportSchedule.update', entity: { type: 'ExportSchedule', id: before.id }, before, after });
    return after;
  });
}

export async function deleteExportSchedule(ctx: ServiceContext, input: { id: string }): Promise<string> {
  const before = await scheduleToChange(ctx, input.id);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.exportSchedule.delete({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action: 'exportSchedule.delete', entity: { type: 'ExportSchedule', id: before.id }, before });
    return before.id;
  });
}

export interface ScheduleRunServices {
  prisma: PrismaClient;
  config: RapportConfig;
  /** Without SMTP no e-mail is queued (as for alerts). */
  email: boolean;
}

/**
 * Runs every due schedule once: claims it by moving its next run on (a second instance's claim of
 * the same run changes nothing), then, in the same transaction, records the run as a DataExport
 * under the owner's current role and queues one delivery per channel (dedupe key per run and
 * channel). A run missed while the server was down happens once, at the next pass. An inactive owner,
 * or one who lost data.export, gets nothing (the schedule moves on).
 */
export async function runDueExportSchedules(services: ScheduleRunServices, now: Date, log: (line: string) => void = () => {}): Promise<number> {
  const { prisma, config } = services;
  const due = await prisma.exportSchedule.findMany({
    where: { active: true, nextRunAt: { lte: now } },
    include: { owner: { select: { id: true, role: true, email: true, name: true, active: true } } },
    orderBy: { nextRunAt: 'asc' },
    take: 100,
  });
  let runs = 0;
  for (const schedule of due) {
    const next = nextRunAt(schedule, now);
    const viewer = staffViewer(schedule.owner, config);
    const allowed = schedule.owner.active && viewer.permissions.has('data.export');
    const ran = await prisma.$transaction(async (tx) => {
      const { count } = await tx.exportSchedule.updateMany({ where: { id: schedule.id, nextRunAt: schedule.nextRunAt }, data: { nextRunAt: next, ...(allowed ? { lastRunAt: now } : {}) } });
      if (count === 0 || !allowed) return false;
      const run = await tx.dataExport.create({
        data: {
          entity: schedule.entity,
          format: schedule.format,
          filter: json(schedule.coercedFilter),
          viewer: storedViewer(viewer) as unknown as Prisma.InputJsonObject,
          requestedById: schedule.ownerId,
          requestedAt: now,
          expiresAt: new Date(now.getTime() + SCHEDULED_LINK_TTL_MS),
          scheduleId: schedule.id,
        },
      });
      const channels = schedule.channels.filter((c) => c !== 'EMAIL' || services.email);
      await tx.notificationDelivery.createMany({
        data: channels.map((channel) => ({
          recipientId: schedule.ownerId,
          channel,
          exportId: run.id,
          digestAlertIds: [],
          dedupeKey: `export:${schedule.id}:${schedule.nextRunAt.toISOString()}:${channel}`,
          nextAttemptAt: now,
          createdAt: now,
        })),
        skipDuplicates: true,
      });
      await recordAudit(
        tx,
        { clock: { now: () => now }, viewer },
        { action: 'data.export', entity: { type: 'DataExport', id: run.id }, after: { entity: schedule.entity, format: schedule.format, filter: schedule.filter ?? null, scheduleId: schedule.id, channels } },
      );
      return true;
    });
    if (ran) runs++;
    else if (!allowed) log(`core.export-schedule: schedule ${schedule.id} skipped: its owner is inactive or may not export`);
  }
  return runs;
}

export function exportScheduleJob(services: ScheduleRunServices): JobDefinition {
  return {
    name: 'core.export-schedule',
    everyMs: 60_000,
    async run({ clock, log }) {
      const runs = await runDueExportSchedules(services, clock.now(), log);
      if (runs) log(`core.export-schedule: ${runs} scheduled export(s) queued`);
    },
  };
}
