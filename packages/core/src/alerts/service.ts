import { NOTHING } from '../auth/visibility.js';
import { actingUserId, can, type Viewer } from '../auth/viewer.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { AlertParams } from './messages.js';

/**
 * The row rule for alerts: the viewer's own fired ones, for viewers holding customer.read, because
 * alerts name customers and their records (an API key reads them only when its scopes include it).
 */
export function alertsVisibleTo(viewer: Viewer | null | undefined): Prisma.AlertWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return NOTHING;
  return { recipientId: userId, firedAt: { not: null } };
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
    data: alerts.map((a) => ({
      recipientId: a.recipientId,
      kind: a.kind,
      title: a.title,
      body: a.body ?? null,
      params: a.params ?? Prisma.DbNull,
      entityType: a.entity?.type ?? null,
      entityId: a.entity?.id ?? null,
      fireAt: a.fireAt ?? now,
      dedupeKey: a.dedupeKey,
    })),
    skipDuplicates: true,
  });
  return count;
}
