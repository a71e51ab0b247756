// Partner users are not staff users, so core's alerts (rows per User) cannot reach them. Their alerts
// are rows of their own, written in the transaction of the change that caused them, and pushed to
// live portal subscriptions over the deployment's alert bus (Redis across instances) once it commits.
import { alertMessage, type AlertBus, type FiredAlert, type Prisma } from '@rapport/core';
import { PARTNER_ALERT_MESSAGES, type PartnerAlertKind } from './alerts.js';

export interface PartnerAlertInput {
  kind: PartnerAlertKind;
  title: string;
  body?: string | null;
  entity?: { type: string; id: string } | null;
  /** Same key, one alert per recipient. */
  dedupeKey: string;
}

/** A portal alert's kind, title and body from the partner catalogue (stored in zh-CN). */
export function partnerAlertMessage(kind: PartnerAlertKind, params: Record<string, string | number | null | undefined>) {
  const { title, body } = alertMessage(PARTNER_ALERT_MESSAGES, kind, params);
  return { kind, title, body };
}

/** The bus address of a partner user: apart from staff ids, so neither side can listen to the other. */
export function partnerRecipient(partnerUserId: string): string {
  return `partner-user:${partnerUserId}`;
}

/** Stores one alert per active user of the organisation; returns what to publish after commit. */
export async function emitPartnerAlerts(db: Prisma.TransactionClient, partnerId: string, alert: PartnerAlertInput, now: Date): Promise<FiredAlert[]> {
  const users = await db.partnerUser.findMany({ where: { partnerId, active: true }, select: { id: true } });
  if (users.length === 0) return [];
  const rows = await db.partnerAlert.createManyAndReturn({
    data: users.map((u) => ({
      partnerUserId: u.id,
      kind: alert.kind,
      title: alert.title,
      body: alert.body ?? null,
      entityType: alert.entity?.type ?? null,
      entityId: alert.entity?.id ?? null,
      dedupeKey: `${alert.dedupeKey}:${u.id}`,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  return rows.map((row) => ({
    id: row.id,
    recipientId: partnerRecipient(row.partnerUserId),
    kind: row.kind,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    fireAt: row.createdAt,
    firedAt: row.createdAt,
    readAt: null,
    createdAt: row.createdAt,
  }));
}

/** Pushes committed alerts to live subscribers; a failed push loses nothing (the rows wait in `alerts`). */
export async function publishPartnerAlerts(bus: AlertBus | undefined, alerts: FiredAlert[]): Promise<void> {
  if (!bus || alerts.length === 0) return;
  await bus.publish(alerts).catch(() => undefined);
}
