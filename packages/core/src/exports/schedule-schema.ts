import { encodeGlobalID } from '@pothos/plugin-relay';
import { ExportFrequency, type ExportSchedule, type Prisma } from '../../generated/prisma/client.js';
import { actingUserId, can } from '../auth/viewer.js';
import { NOTHING } from '../auth/visibility.js';
import type { RapportContext } from '../context.js';
import type { RapportBuilder } from '../schema/builder.js';
import { connectionOf } from '../schema/connections.js';
import { withUserErrors } from '../schema/user-errors.js';
import type { Exporter } from './exporter.js';
import { createExportSchedule, deleteExportSchedule, updateExportSchedule, type ScheduleContext } from './schedules.js';

/** The viewer's own schedules; everyone's for user.manage. */
const visible = (ctx: RapportContext): Prisma.ExportScheduleWhereInput => {
  if (can(ctx.viewer, 'user.manage')) return {};
  const id = actingUserId(ctx.viewer);
  return id ? { ownerId: id } : NOTHING;
};

/** Scheduled exports: data in the graph (create, update, delete, list), run by the core.export-schedule job. */
export function registerExportScheduleSchema(builder: RapportBuilder, refs: { ExportEntity: unknown; ExportFormat: unknown; NotificationChannel: unknown }, exporters: readonly Exporter[]) {
  const Entity = refs.ExportEntity as never;
  const Format = refs.ExportFormat as never;
  const Channel = refs.NotificationChannel as never;
  const Frequency = builder.enumType('ExportFrequency', {
    description: 'How often a scheduled export runs.',
    values: {
      DAILY: { value: ExportFrequency.DAILY, description: 'Every day at its time.' },
      WEEKLY: { value: ExportFrequency.WEEKLY, description: 'On dayOfWeek (1 Monday … 7 Sunday).' },
      MONTHLY: { value: ExportFrequency.MONTHLY, description: 'On dayOfMonth (1–28).' },
    } as const,
  });

  const Schedule = builder.prismaNode('ExportSchedule', {
    id: { field: 'id', description: 'Global id of the schedule.' },
    description: 'An export run on the clock for its owner, as they may see the list at run time, and delivered through the notification channels (docs/data-in-out.md).',
    findUnique: (id, ctx) => ({ id, AND: [visible(ctx)] }),
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Shown in the message subject, e.g. 每周客户报表.' }),
      entity: t.field({ type: Entity, description: 'The list exported.', resolve: (s) => s.entity as never }),
      format: t.field({ type: Format, description: 'CSV or XLSX.', resolve: (s) => s.format as never }),
      filter: t.field({ type: 'JSON', nullable: true, description: "The list's filter input, as given.", resolve: (s) => s.filter }),
      frequency: t.field({ type: Frequency, description: 'Daily, weekly or monthly.', resolve: (s) => s.frequency }),
      dayOfWeek: t.exposeInt('dayOfWeek', { nullable: true, description: 'WEEKLY: 1 Monday … 7 Sunday.' }),
      dayOfMonth: t.exposeInt('dayOfMonth', { nullable: true, description: 'MONTHLY: 1–28.' }),
      time: t.exposeString('time', { description: 'Local wall-clock time HH:MM in timeZone.' }),
      timeZone: t.exposeString('timeZone', { description: 'IANA time zone of time (the owner’s by default, e.g. Asia/Shanghai).' }),
      channels: t.field({ type: [Channel], description: 'EMAIL: the file attached; CHAT: a download link.', resolve: (s) => s.channels as never }),
      active: t.exposeBoolean('active', { description: 'False: paused, nothing runs.' }),
      nextRunAt: t.expose('nextRunAt', { type: 'DateTime', description: 'When it runs next.' }),
      lastRunAt: t.expose('lastRunAt', { type: 'DateTime', nullable: true, description: 'When it last ran; null: never.' }),
      owner: t.relation('owner', { description: 'Whose visibility and field permissions the export has, and who receives it.' }),
      version: t.exposeInt('version', { description: 'Optimistic-concurrency version, for updateExportSchedule.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last changed.' }),
    }),
  });

  builder.queryField('exportSchedules', (t) =>
    t.prismaConnection(
      {
        type: 'ExportSchedule',
        cursor: 'id',
        description: 'Scheduled exports: the viewer’s own (everyone’s with user.manage), next run first.',
        resolve: (query, _root, _args, ctx) => ctx.prisma.exportSchedule.findMany({ ...query, where: visible(ctx), orderBy: [{ nextRunAt: 'asc' }, { id: 'asc' }] }),
        totalCount: (_connection, _args, ctx) => ctx.prisma.exportSchedule.count({ where: visible(ctx) }),
      },
      connectionOf(builder, 'ExportSchedule'),
    ),
  );

  const CreateInput = builder.inputType('CreateExportScheduleInput', {
    description: 'A new scheduled export, owned by the viewer (data.export).',
    fields: (t) => ({
      name: t.string({ required: true, description: 'e.g. 每周客户报表 (at most 100 characters).' }),
      entity: t.field({ type: Entity, required: true, description: 'The list to export.' }),
      format: t.field({ type: Format, required: true, description: 'CSV or XLSX.' }),
      filter: t.field({ type: 'JSON', description: "The list's own filter input (e.g. CustomerFilter), as JSON; checked now." }),
      frequency: t.field({ type: Frequency, required: true, description: 'How often.' }),
      dayOfWeek: t.int({ description: 'WEEKLY (required): 1 Monday … 7 Sunday.' }),
      dayOfMonth: t.int({ description: 'MONTHLY (required): 1–28.' }),
      time: t.string({ required: true, description: 'Local time HH:MM, e.g. 17:00.' }),
      timeZone: t.string({ description: 'IANA time zone; default the viewer’s.' }),
      channels: t.field({ type: [Channel], required: true, description: 'At least one: EMAIL attaches the file, CHAT posts a download link to the owner’s (or team’s) chat bot.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateExportScheduleInput', {
    description: 'Changes to a scheduled export; fields left out keep their value. The next run is computed again.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Schedule, description: 'The schedule.' }),
      version: t.int({ required: true, description: 'The version read; CONFLICT if it changed since.' }),
      name: t.string({ description: 'New name.' }),
      format: t.field({ type: Format, description: 'New format.' }),
      filter: t.field({ type: 'JSON', description: 'New filter (the owner only).' }),
      frequency: t.field({ type: Frequency, description: 'New frequency.' }),
      dayOfWeek: t.int({ description: 'New weekday (WEEKLY).' }),
      dayOfMonth: t.int({ description: 'New day of the month (MONTHLY).' }),
      time: t.string({ description: 'New local time HH:MM.' }),
      timeZone: t.string({ description: 'New IANA time zone.' }),
      channels: t.field({ type: [Channel], description: 'New channels.' }),
      active: t.boolean({ description: 'False pauses it; true resumes it.' }),
    }),
  });
  const DeleteInput = builder.inputType('DeleteExportScheduleInput', {
    description: 'The scheduled export to delete.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Schedule, description: 'The schedule.' }) }),
  });

  const schedulePayload = (name: string, description: string) => {
    const ref = builder.objectRef<{ exportSchedule: ExportSchedule }>(name).implement({
      description,
      fields: (t) => ({
        exportSchedule: t.field({ type: Schedule, nullable: true, description: 'The schedule as it is now; null when nothing was written.', resolve: (p) => p.exportSchedule }),
      }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const CreatePayload = schedulePayload('CreateExportSchedulePayload', 'The scheduled export created.');
  const UpdatePayload = schedulePayload('UpdateExportSchedulePayload', 'The scheduled export changed.');
  const DeletePayload = builder.objectRef<{ deletedId: string }>('DeleteExportSchedulePayload').implement({
    description: 'Which scheduled export was deleted.',
    fields: (t) => ({
      deletedId: t.id({ nullable: true, description: 'Global id of the deleted schedule; null when nothing was deleted.', resolve: (p) => encodeGlobalID('ExportSchedule', p.deletedId) }),
    }),
  });
  withUserErrors(builder, DeletePayload);

  const context = (ctx: RapportContext, schema: ScheduleContext['schema']): ScheduleContext => ({ ...ctx, schema, exporters });
  const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Record<string, never>;

  builder.mutationFields((t) => ({
    createExportSchedule: t.field({
      type: CreatePayload,
      description: 'Schedules an export of a list for the viewer, e.g. customers every Friday 17:00 by e-mail (data.export).',
      args: { input: t.arg({ type: CreateInput, required: true, description: 'What to change.' }) },
      resolve: async (_root, { input }, ctx, info) => ({ exportSchedule: await createExportSchedule(context(ctx, info.schema), { ...input, entity: input.entity as string } as never) }),
    }),
    updateExportSchedule: t.field({
      type: UpdatePayload,
      description: 'Changes a scheduled export (its owner, or user.manage).',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'What to change.' }) },
      resolve: async (_root, { input }, ctx, info) => ({
        exportSchedule: await updateExportSchedule(context(ctx, info.schema), { ...defined({ ...input, filter: undefined }), id: input.id.id, version: input.version, ...(input.filter !== undefined ? { filter: input.filter } : {}) }),
      }),
    }),
    deleteExportSchedule: t.field({
      type: DeletePayload,
      description: 'Deletes a scheduled export (its owner, or user.manage); its past runs stay in the delivery log.',
      args: { input: t.arg({ type: DeleteInput, required: true, description: 'What to change.' }) },
      resolve: async (_root, { input }, ctx) => ({ deletedId: await deleteExportSchedule(ctx, { id: input.id.id }) }),
    }),
  }));
  return { ExportSchedule: Schedule };
}
