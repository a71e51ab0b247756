import { z } from 'zod';
import {
  actingUserId,
  createActivity,
  customersVisibleTo,
  deleteActivity,
  InputError,
  isUuid,
  notFound,
  parseInput,
  recordAudit,
  rules,
  staffViewer,
  type Permission,
  type Prisma,
  type PrismaClient,
  type ServiceContext,
  type UserRole,
  type Viewer,
  type Clock,
} from '@rapport/core';
import { callsVisibleTo } from './access.js';
import type { CallcenterConfig } from './config.js';
import { callcenter } from './messages.js';

type Tx = Prisma.TransactionClient;

/**
 * Core services open their own transaction; called inside ours they must join it instead, so a
 * callback's task and its link are written together or not at all.
 */
export function joinTransaction(tx: Tx): PrismaClient {
  return new Proxy(tx, {
    get: (target, property) =>
      property === '$transaction' ? (work: (client: Tx) => Promise<unknown>) => work(target) : Reflect.get(target, property),
  }) as unknown as PrismaClient;
}

/**
 * A callback is part of handling a call the viewer may see, so scheduling one creates the task even
 * on a customer they only read (the service desk): `customer.editAll` is added for that one write.
 * The audit log still names the viewer.
 */
function forCallback(viewer: Viewer): Viewer {
  return { ...viewer, permissions: new Set<Permission>([...viewer.permissions, 'customer.editAll']) };
}

const SYSTEM_PERMISSIONS = new Set<Permission>(['customer.read', 'customer.readAll', 'customer.write', 'customer.editAll']);

/** The telephony integration acting for the user a missed call's task goes to. */
function telephonyActingFor(user: { id: string; role: UserRole; email: string; name: string }): Viewer {
  return { ...staffViewer(user), permissions: SYSTEM_PERMISSIONS, hiddenCustomFields: [], label: `telephony webhook (for ${user.email})` };
}

const scheduleCallbackInput = z.object({
  callId: z.string(),
  dueAt: z.date(),
  remindAt: z.date().nullish(),
  assigneeId: z.uuid(callcenter.stored('callcenter.idOf', { what: 'user' })).nullish(),
  note: rules.optionalText(2_000),
});

export type ScheduleCallbackInput = z.input<typeof scheduleCallbackInput>;

/**
 * When to remind: `callbackReminderMinutes` before it is due, but not in the past, and never after it
 * is due. A task already due (a missed call reported late) gets no reminder: its overdue alert says it.
 */
export function reminderFor(dueAt: Date, now: Date, config: CallcenterConfig): Date | null {
  if (dueAt <= now) return null;
  const before = new Date(dueAt.getTime() - config.callbackReminderMinutes * 60_000);
  return before > now ? before : now;
}

function callbackSubject(call: { direction: string; fromRaw: string; toRaw: string }, who: string | null): string {
  const number = call.direction === 'INBOUND' ? call.fromRaw : call.toRaw;
  return `Call back ${who ? `${who} (${number})` : number}`;
}

/**
 * Promises a callback on a call: a core follow-up task (kind CALL) for the assignee (the viewer by
 * default), due at `dueAt`. Core's task alerts remind them (TASK_DUE_SOON at remindAt) and flag it
 * overdue (TASK_OVERDUE at dueAt).
 */
export async function scheduleCallback(ctx: ServiceContext, config: CallcenterConfig, input: ScheduleCallbackInput) {
  const { callId, dueAt, remindAt, assigneeId, note } = parseInput(scheduleCallbackInput, input);
  const viewer = ctx.viewer;
  const userId = actingUserId(viewer);
  const call = isUuid(callId)
    ? await ctx.prisma.call.findFirst({
        where: { AND: [{ id: callId }, callsVisibleTo(viewer)] },
        include: { contact: { select: { name: true } }, customer: { where: customersVisibleTo(viewer), select: { name: true } } },
      })
    : null;
  if (!call || !viewer || !userId) throw notFound('Call');
  const now = ctx.clock.now();
  const problems = [
    ...(call.customerId && call.customer ? [] : [callcenter.field('callId', 'callcenter.callback.noCustomer')]),
    ...(dueAt > now ? [] : [callcenter.field('dueAt', 'callcenter.callback.dueInFuture')]),
  ];
  if (problems.length) throw new InputError(problems);
  return ctx.prisma.$transaction(async (tx) => {
    const activity = await createActivity(
      { ...ctx, prisma: joinTransaction(tx), viewer: forCallback(viewer) },
      {
        customerId: call.customerId!,
        contactId: call.contactId,
        kind: 'CALL',
        subject: callbackSubject(call, call.contact?.name ?? call.customer!.name),
        body: note,
        assigneeId: assigneeId ?? userId,
        dueAt,
        remindAt: remindAt ?? reminderFor(dueAt, now, config),
      },
    );
    const callback = await tx.callCallback.create({ data: { callId: call.id, activityId: activity.id, automatic: false, createdAt: now } });
    await recordAudit(tx, ctx, { action: 'call.scheduleCallback', entity: { type: 'Call', id: call.id }, after: callback });
    return { call, activity };
  });
}

export interface CallForCallback {
  id: string;
  direction: 'INBOUND' | 'OUTBOUND';
  fromRaw: string;
  toRaw: string;
  disposition: string | null;
  endedAt: Date | null;
  customerId: string | null;
  contactId: string | null;
  agentId: string | null;
  queueId: string | null;
}

/**
 * The missed-call rule, run whenever a call changes: an inbound call that ended unanswered from a
 * known customer gets one callback task (for its agent, else the customer's owner, else the queue's
 * manager), due `dueAfterMinutes` after it ended. Should a late event show the call was answered
 * after all, the automatic task goes again unless someone already completed it.
 */
export async function syncMissedCallCallback(tx: Tx, call: CallForCallback, config: CallcenterConfig, clock: Clock): Promise<void> {
  const now = clock.now();
  const missed = call.direction === 'INBOUND' && call.endedAt !== null && call.disposition !== null && call.disposition !== 'ANSWERED';
  const existing = await tx.callCallback.findFirst({ where: { callId: call.id, automatic: true }, include: { activity: true } });
  if (!missed && existing && !existing.activity.completedAt) {
    const recipient = await tx.user.findUniqueOrThrow({ where: { id: existing.activity.ownerId } });
    await deleteActivity(
      { prisma: joinTransaction(tx), viewer: telephonyActingFor(recipient), clock },
      { id: existing.activityId, version: existing.activity.version },
    );
    return;
  }
  if (!missed || existing || !config.missedCallCallback.enabled || !call.customerId || !call.endedAt) return;
  const customer = await tx.customer.findUniqueOrThrow({
    where: { id: call.customerId },
    select: { name: true, ownerId: true, contacts: call.contactId ? { where: { id: call.contactId }, select: { name: true } } : false },
  });
  const queueManager = call.queueId ? (await tx.team.findUnique({ where: { id: call.queueId }, select: { managerId: true } }))?.managerId : null;
  const recipientId = call.agentId ?? customer.ownerId ?? queueManager ?? null;
  const recipient = recipientId ? await tx.user.findFirst({ where: { id: recipientId, active: true } }) : null;
  if (!recipient) return;
  const dueAt = new Date(call.endedAt.getTime() + config.missedCallCallback.dueAfterMinutes * 60_000);
  const activity = await createActivity(
    { prisma: joinTransaction(tx), viewer: telephonyActingFor(recipient), clock },
    {
      customerId: call.customerId,
      contactId: call.contactId,
      kind: 'CALL',
      subject: callbackSubject(call, customer.contacts?.[0]?.name ?? customer.name),
      body: `Missed call at ${call.endedAt.toISOString()}.`,
      assigneeId: recipient.id,
      dueAt,
      remindAt: reminderFor(dueAt, now, config),
    },
  );
  await tx.callCallback.create({ data: { callId: call.id, activityId: activity.id, automatic: true, createdAt: now } });
}
