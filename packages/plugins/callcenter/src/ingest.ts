import { randomUUID } from 'node:crypto';
import { Prisma, type Clock, type CustomerRules, type DeploymentLocale, type PrismaClient } from '@rapport/core';
import { syncMissedCallCallback } from './callbacks.js';
import { emitMissedCall } from './webhooks.js';
import { syncCallContact } from './contact.js';
import type { CallcenterConfig } from './config.js';
import { canonicalJson, eventKind, telephonyEventSchema, type TelephonyEvent } from './events.js';
import { foldCall, type FoldableEvent, type FoldedCall } from './fold.js';
import { matchParty } from './matching.js';
import { normalizePhone } from './phone.js';

type Tx = Prisma.TransactionClient;

/** A request the webhook refuses, with its HTTP status and a stable code. */
export class WebhookRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}

export interface IngestResult {
  status: 'accepted' | 'duplicate';
  callId: string;
}

/**
 * Records one telephony event and rebuilds its call from all the call's events, in one transaction.
 * The event id is unique: a redelivery of the same event is a no-op, the same id with another body
 * is refused. The call row is locked first, so concurrent events of one call apply one after another.
 */
export async function ingestTelephonyEvent(
  prisma: PrismaClient,
  clock: Clock,
  config: CallcenterConfig,
  event: TelephonyEvent,
  deployment: Deployment,
): Promise<IngestResult> {
  try {
    return await prisma.$transaction((tx) => ingest(tx, clock, config, event, deployment, prisma));
  } catch (error) {
    // Two deliveries of one new event raced; the loser now finds the winner's row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return prisma.$transaction((tx) => ingest(tx, clock, config, event, deployment, prisma));
    }
    throw error;
  }
}

/** What the webhook knows of the deployment: the rules an answered call re-applies, and its language. */
export interface Deployment {
  customerRules: CustomerRules;
  locale: DeploymentLocale;
}

async function ingest(tx: Tx, clock: Clock, config: CallcenterConfig, event: TelephonyEvent, deployment: Deployment, prisma: PrismaClient): Promise<IngestResult> {
  const seen = await tx.callEvent.findUnique({ where: { eventId: event.id }, select: { callId: true, payload: true } });
  if (seen) {
    if (canonicalJson(seen.payload) === canonicalJson(event)) return { status: 'duplicate', callId: seen.callId };
    throw new WebhookRejection(409, 'EVENT_ID_REUSED', `Event ${event.id} was already received with a different body`);
  }
  const callId = await lockCall(tx, event);
  const now = clock.now();
  await tx.callEvent.create({
    data: { eventId: event.id, callId, kind: eventKind(event), occurredAt: new Date(event.occurredAt), payload: event, receivedAt: now },
  });
  const stored = await tx.callEvent.findMany({ where: { callId }, select: { payload: true } });
  const folded = foldCall(await resolved(tx, stored.map((row) => row.payload as TelephonyEvent)));
  if (folded.direction !== event.call.direction) {
    throw new WebhookRejection(409, 'CALL_MISMATCH', `Call ${event.call.id} is ${folded.direction}; the event says ${event.call.direction}`);
  }
  const call = await writeCall(tx, callId, folded, config);
  await syncMissedCallCallback(tx, call, config, clock);
  await emitMissedCall(tx, call, now, prisma);
  await syncCallContact(tx, call, config, { now, rules: deployment.customerRules, language: deployment.locale.language });
  return { status: 'accepted', callId };
}

/** Opens the call on its first event (whichever kind that is) and locks its row. */
async function lockCall(tx: Tx, event: TelephonyEvent): Promise<string> {
  const { id: externalId, direction, from, to } = event.call;
  // Placeholder state: writeCall replaces it in this transaction.
  await tx.$executeRaw`
    INSERT INTO "Call" ("id", "source", "externalId", "direction", "fromRaw", "toRaw", "startedAt", "updatedAt")
    VALUES (${randomUUID()}::uuid, 'TELEPHONY', ${externalId}, ${direction}::"CallDirection", ${from}, ${to}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
    ON CONFLICT ("externalId") DO NOTHING`;
  const [row] = await tx.$queryRaw<Array<{ id: string; source: string }>>`
    SELECT "id", "source"::text FROM "Call" WHERE "externalId" = ${externalId} FOR UPDATE`;
  if (row?.source !== 'TELEPHONY') throw new WebhookRejection(409, 'CALL_MISMATCH', `Call ${externalId} is not a telephony call`);
  return row.id;
}

/** The events with agents (by e-mail) and queues (by team name) resolved: one query for each. */
async function resolved(tx: Tx, events: TelephonyEvent[]): Promise<FoldableEvent[]> {
  const emails = [...new Set(events.flatMap((e) => [e.call.agent, e.transfer?.toAgent]).filter((v): v is string => !!v))];
  const names = [...new Set(events.flatMap((e) => [e.call.queue, e.transfer?.toQueue]).filter((v): v is string => !!v))];
  const users = emails.length
    ? await tx.user.findMany({ where: { email: { in: emails, mode: 'insensitive' } }, select: { id: true, email: true } })
    : [];
  const teams = names.length ? await tx.team.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }) : [];
  const userId = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const teamId = new Map(teams.map((t) => [t.name, t.id]));
  const user = (email: string | null | undefined) => (email ? (userId.get(email.toLowerCase()) ?? null) : null);
  const team = (name: string | null | undefined) => (name ? (teamId.get(name) ?? null) : null);
  return events.map((e) => ({
    eventId: e.id,
    kind: eventKind(e),
    occurredAt: new Date(e.occurredAt),
    direction: e.call.direction,
    from: e.call.from,
    to: e.call.to,
    agentId: user(e.call.agent),
    queueId: team(e.call.queue),
    disposition: e.call.disposition ?? null,
    recordingUrl: e.call.recordingUrl ?? null,
    transferAgentId: user(e.transfer?.toAgent),
    transferQueueId: team(e.transfer?.toQueue),
  }));
}

/** Writes the folded state, the matched customer and contact, and the transfer chain. */
async function writeCall(tx: Tx, id: string, folded: FoldedCall, config: CallcenterConfig) {
  const { legs, ...state } = folded;
  // The telephony system's fact, for no one viewer: every customer may match.
  const party = await matchParty(tx, folded.direction === 'INBOUND' ? folded.fromRaw : folded.toRaw, config.defaultCountry, {});
  const call = await tx.call.update({
    where: { id },
    data: {
      ...state,
      fromNumber: normalizePhone(folded.fromRaw, config.defaultCountry)?.e164 ?? null,
      toNumber: normalizePhone(folded.toRaw, config.defaultCountry)?.e164 ?? null,
      ...party,
      version: { increment: 1 },
    },
  });
  await tx.callLeg.deleteMany({ where: { callId: id } });
  await tx.callLeg.createMany({ data: legs.map((leg) => ({ ...leg, callId: id })) });
  return call;
}

/** Parses an event body; problems name the offending fields. */
export function parseTelephonyEvent(body: unknown): TelephonyEvent {
  const parsed = telephonyEventSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new WebhookRejection(422, 'INVALID_EVENT', 'The event is not a valid telephony event', fields);
}
