import { NOTHING } from '../auth/visibility.js';
import { actingUserId, can, type Viewer } from '../auth/viewer.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import type { AlertBus, FiredAlert } from './bus.js';
import type { AlertParams } from './messages.js';

/**
 * The row rule for alerts: the viewer's own fired ones, for viewers holding customer.read, because
 * alerts name customers and their records (an API key reads them only when its scopes include it).
 */
export function alertsVisibleTo(viewer: Viewer | null | undefined): Prisma.AlertWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return NOTHING;
  return alertsOfRecipient(STAFF_RECIPIENT, userId);
}

/** The recipient kind of staff users; plugins name their principals' kinds (e.g. PARTNER_USER). */
export const STAFF_RECIPIENT = 'USER';

/** One recipient's fired alerts, of any recipient kind: a plugin's row rule for its principals' alerts. */
export function alertsOfRecipient(kind: string, id: string): Prisma.AlertWhereInput {
  return { recipientKind: kind, recipientId: id, firedAt: { not: null } };
}

/**
 * Where a recipient's alerts travel on the alert bus: a staff user's id, another kind's id behind its
 * kind, so subscribers of one kind never hear another's. (claimDueAlerts computes the same in SQL.)
 */
export function alertAddress(kind: string, id: string): string {
  return kind === STAFF_RECIPIENT ? id : `${kind}:${id}`;
}

/** The same rule for an alert pushed live. */
export function alertReaches(viewer: Viewer | null | undefined, alert: { recipientId: string }): boolean {
  const userId = actingUserId(viewer);
  return userId !== null && can(viewer, 'customer.read') && alert.recipientId === userId;
}

/** Alert kinds core raises; plugins add their own through `alertKinds`. */
export const CORE_ALERT_KINDS = [
  { kind: 'TASK_ASSIGNED', description: 'An activity was assigned to you.' },
  { kind: 'TASK_DUE_SOON', description: 'A follow-up reached its reminder time.' },
  { kind: 'TASK_OVERDUE', description: 'A follow-up passed its due time while still open.' },
  { kind: 'TASK_PARTICIPANT_ADDED', description: 'You were added to a task as a participant.' },
  { kind: 'TASK_PARTICIPANT_DUE', description: 'A task you take part in reached its due time while still open.' },
  { kind: 'FOLLOW_UP_NEEDED', description: 'Nobody contacted one of your customers for too long.' },
  { kind: 'CUSTOMER_ABOUT_TO_BE_RELEASED', description: 'A customer of yours goes back to the public pool within days unless someone follows it up.' },
  { kind: 'CUSTOMER_RELEASED_TO_POOL', description: 'A customer of yours went back to the public pool.' },
  { kind: 'APPROVAL_REQUESTED', description: 'A record waits for your approval (you decide the current step).' },
  { kind: 'APPROVAL_DECIDED', description: 'A record you submitted for approval was approved or rejected.' },
  { kind: 'WEBHOOK_ENDPOINT_PAUSED', description: 'A webhook endpoint you created kept failing and was paused.' },
  { kind: 'CUSTOMER_AT_RISK', description: "A customer of yours is contacted or buys less often than before (churn warning)." },
  { kind: 'BIRTHDAY_CARE_DUE', description: "A contact of one of your customers has a birthday within the care lead days; a care task is on your list." },
  { kind: 'HOLIDAY_CARE_DUE', description: 'A holiday of the care calendar is within the lead days; care tasks for your customers of the care tiers are on your list (one alert per holiday).' },
  { kind: 'CUSTOMER_FILE_REVIEW_DUE', description: "One of your customers' files is due for its periodic review; a review task is on your list." },
] as const satisfies readonly AlertKindDefinition[];

export interface AlertKindDefinition {
  /** UPPER_SNAKE_CASE, unique across core and plugins. */
  kind: string;
  description: string;
}

export interface AlertInput {
  /** Default USER (a staff user); a plugin's principal kind otherwise. */
  recipientKind?: string;
  recipientId: string;
  kind: string;
  /** Stored as raised; with `params`, a fallback for readers without the kind's message (see alertMessage). */
  title: string;
  body?: string | null;
  /** The parameters of the kind's message: the graph renders it in the reader's language (alerts/messages.ts). */
  params?: AlertParams | null;
  /** What the alert is about, as a GraphQL type name and database id. */
  entity?: { type: string; id: string } | null;
  /** When it should fire; defaults to now (it fires on the next scheduler pass). */
  fireAt?: Date;
  /** Same key, one alert: e.g. `<kind>:<entityId>:<moment>`. */
  dedupeKey: string;
}

/**
 * Persists alerts. Pass the transaction of the change that caused them, so the alert exists if and
 * only if the change does. Duplicates (by dedupe key) are ignored; returns how many were new.
 */
export async function emitAlerts(db: Prisma.TransactionClient, alerts: AlertInput[], now: Date): Promise<number> {
  if (alerts.length === 0) return 0;
  const { count } = await db.alert.createMany({
    data: alerts.map((a) => alertRow(a, now)),
    skipDuplicates: true,
  });
  return count;
}

const alertRow = (a: AlertInput, now: Date) => ({
  recipientKind: a.recipientKind ?? STAFF_RECIPIENT,
  recipientId: a.recipientId,
  kind: a.kind,
  title: a.title,
  body: a.body ?? null,
  params: a.params ?? Prisma.DbNull,
  entityType: a.entity?.type ?? null,
  entityId: a.entity?.id ?? null,
  fireAt: a.fireAt ?? now,
  dedupeKey: a.dedupeKey,
});

/** How long an alert fired at once is left to its emitter to push before the scheduler pushes it. */
const PUSH_LEASE_MS = 30_000;

/**
 * Stores alerts fired at once (for a change the recipient should hear of live, not on the next
 * scheduler pass) in the change's transaction, and returns the new ones for `pushFiredAlerts` after
 * it commits. They wait in the outbox meanwhile: a push that fails or never happens is made by the
 * scheduler once the lease ends.
 */
export async function emitFiredAlerts(db: Prisma.TransactionClient, alerts: AlertInput[], now: Date): Promise<FiredAlert[]> {
  if (alerts.length === 0) return [];
  const rows = await db.alert.createManyAndReturn({
    data: alerts.map((a) => ({ ...alertRow(a, now), fireAt: now, firedAt: now, publishAfter: new Date(now.getTime() + PUSH_LEASE_MS), createdAt: now })),
    skipDuplicates: true,
  });
  return rows.map(({ recipientKind, recipientId, publishAfter: _, dedupeKey: __, ...row }) => ({ ...row, firedAt: now, recipientId: alertAddress(recipientKind, recipientId) }));
}

/** After the commit: pushes alerts `emitFiredAlerts` stored and takes them out of the outbox; a failed push is left to the scheduler. */
export async function pushFiredAlerts(prisma: PrismaClient, bus: AlertBus | undefined, alerts: FiredAlert[]): Promise<void> {
  if (!bus || alerts.length === 0) return;
  try {
    await bus.publish(alerts);
  } catch {
    return;
  }
  await prisma.alert.updateMany({ where: { id: { in: alerts.map((a) => a.id) } }, data: { publishAfter: null } });
}
