// Partner users are not staff users: their alerts are core alerts of recipient kind PARTNER_USER,
// written in the transaction of the change that caused them, pushed to live portal subscriptions
// over the deployment's alert bus (Redis across instances) once it commits, and republished by
// core's scheduler should that push fail.
import { alertAddress, alertMessage, alertsOfRecipient, emitFiredAlerts, pushFiredAlerts, type AlertBus, type FiredAlert, type Prisma, type PrismaClient } from '@rapport/core';
import { PARTNER_ALERT_MESSAGES, type PartnerAlertKind } from './alerts.js';

/** The recipient kind of partner users in core's alerts. */
export const PARTNER_RECIPIENT = 'PARTNER_USER';

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
  return alertAddress(PARTNER_RECIPIENT, partnerUserId);
}

/** A partner user's own alerts (the portal's row rule). */
export function partnerUserAlerts(partnerUserId: string): Prisma.AlertWhereInput {
  return alertsOfRecipient(PARTNER_RECIPIENT, partnerUserId);
}

/** Stores one alert per active user of the organisation; returns what to publish after commit. */
export async function emitPartnerAlerts(db: Prisma.TransactionClient, partnerId: string, alert: PartnerAlertInput, now: Date): Promise<FiredAlert[]> {
  const users = await db.partnerUser.findMany({ where: { partnerId, active: true }, select: { id: true } });
  return emitFiredAlerts(
    db,
    users.map((u) => ({
      recipientKind: PARTNER_RECIPIENT,
      recipientId: u.id,
      kind: alert.kind,
      title: alert.title,
      body: alert.body ?? null,
      entity: alert.entity ?? null,
      dedupeKey: `${alert.dedupeKey}:${u.id}`,
    })),
    now,
  );
}

/** Pushes committed alerts to live subscribers; a failed push loses nothing (core's scheduler republishes). */
export async function publishPartnerAlerts(ctx: { prisma: PrismaClient; alertBus?: AlertBus }, alerts: FiredAlert[]): Promise<void> {
  await pushFiredAlerts(ctx.prisma, ctx.alertBus, alerts);
}
