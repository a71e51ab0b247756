import { emitWebhookEvents, globalId, type Prisma, type WebhookEventDefinition } from '@rapport/core';

/** The webhook events the call-center plugin emits, in the transaction of the change (docs/webhooks.md). */
export const CALLCENTER_WEBHOOK_EVENTS = [
  { type: 'call.missed', description: 'An inbound call ended unanswered (missed, voicemail, busy, failed, no answer).' },
] as const satisfies readonly WebhookEventDefinition[];

export interface MissableCall {
  id: string;
  direction: 'INBOUND' | 'OUTBOUND';
  fromRaw: string;
  fromNumber: string | null;
  toRaw: string;
  disposition: string | null;
  startedAt: Date;
  endedAt: Date | null;
  customerId: string | null;
  contactId: string | null;
  agentId: string | null;
  queueId: string | null;
}

/**
 * Emits call.missed once per call, when it is first known to have ended unanswered (whichever event
 * or logCall shows it): the call row is marked in the same statement, so a repeated or late event
 * emits nothing more. A call later shown answered after all keeps its event (receivers see the state).
 * `client` (the one the transaction was opened on) lets an event no endpoint subscribes to cost no statement.
 */
export async function emitMissedCall(tx: Prisma.TransactionClient, call: MissableCall, now: Date, client?: object): Promise<void> {
  if (call.direction !== 'INBOUND' || !call.endedAt || !call.disposition || call.disposition === 'ANSWERED') return;
  const { count } = await tx.call.updateMany({ where: { id: call.id, missedEventAt: null }, data: { missedEventAt: now } });
  if (count === 0) return;
  const id = (type: string, value: string | null) => (value ? globalId(type, value) : null);
  await emitWebhookEvents(
    tx,
    [
      {
        type: 'call.missed',
        entity: { type: 'Call', id: call.id },
        data: {
          call: {
            id: globalId('Call', call.id),
            from: call.fromNumber ?? call.fromRaw,
            to: call.toRaw,
            disposition: call.disposition,
            startedAt: call.startedAt.toISOString(),
            endedAt: call.endedAt.toISOString(),
            customerId: id('Customer', call.customerId),
            contactId: id('Contact', call.contactId),
            agentId: id('User', call.agentId),
            queueId: id('Team', call.queueId),
          },
        },
      },
    ],
    now,
    client,
  );
}
