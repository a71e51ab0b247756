// An answered call is contact with the customer: it goes through core's recordInteraction, so it
// moves lastContactedAt, shows on the timeline, counts in the agent's workload and keeps the tier.
import { recordInteraction, type InteractionContext, type Language, type Prisma } from '@rapport/core';
import type { CallcenterConfig } from './config.js';

type Tx = Prisma.TransactionClient;

interface CallForContact {
  id: string;
  direction: 'INBOUND' | 'OUTBOUND';
  disposition: string | null;
  customerId: string | null;
  contactId: string | null;
  agentId: string | null;
  endedAt: Date | null;
  talkSeconds: number | null;
}

/** Whether a call counts as contact: ended, answered by a person, on a matched customer, long enough. */
export function countsAsContact(call: CallForContact, config: CallcenterConfig): boolean {
  return call.disposition === 'ANSWERED' && call.endedAt !== null && call.customerId !== null && (call.talkSeconds ?? 0) >= config.contactMinTalkSeconds;
}

/** The timeline's subject, in the deployment's language: "呼入通话 3 分钟" / "Inbound call, 3 min". */
export function callSubject(call: Pick<CallForContact, 'direction' | 'talkSeconds'>, language: Language): string {
  const minutes = Math.max(1, Math.round((call.talkSeconds ?? 0) / 60));
  if (language === 'en') return `${call.direction === 'INBOUND' ? 'Inbound' : 'Outbound'} call, ${minutes} min`;
  return `${call.direction === 'INBOUND' ? '呼入' : '呼出'}通话 ${minutes} 分钟`;
}

/** Records the call as contact once (per call) when it counts; anything else leaves the customer alone. */
export async function syncCallContact(tx: Tx, call: CallForContact, config: CallcenterConfig, ctx: InteractionContext & { language: Language }) {
  if (!countsAsContact(call, config)) return null;
  return recordInteraction(tx, ctx, {
    customerId: call.customerId!,
    kind: 'CALL',
    at: call.endedAt!,
    byUserId: call.agentId,
    contactId: call.contactId,
    subject: callSubject(call, ctx.language),
    source: { type: 'Call', id: call.id },
  });
}
