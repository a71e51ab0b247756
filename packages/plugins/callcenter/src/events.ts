import { z } from 'zod';
import type { CallEventKind } from '@rapport/core';

const KINDS = {
  'call.started': 'STARTED',
  'call.answered': 'ANSWERED',
  'call.ended': 'ENDED',
  'call.transferred': 'TRANSFERRED',
} as const satisfies Record<string, CallEventKind>;

const teamName = z.string().trim().min(1).max(200);

/**
 * A telephony event as the webhook receives it. Every event names its call and the call's parties,
 * so whichever event arrives first can open the call. Agents are users' e-mails, queues team names.
 */
export const telephonyEventSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.enum(Object.keys(KINDS) as [keyof typeof KINDS, ...(keyof typeof KINDS)[]]),
    occurredAt: z.iso.datetime({ offset: true }),
    call: z.object({
      id: z.string().min(1).max(200),
      direction: z.enum(['INBOUND', 'OUTBOUND']),
      from: z.string().trim().min(1).max(64),
      to: z.string().trim().min(1).max(64),
      agent: z.email().nullish(),
      queue: teamName.nullish(),
      disposition: z.enum(['MISSED', 'VOICEMAIL', 'BUSY', 'FAILED', 'NO_ANSWER']).nullish(),
      recordingUrl: z.url({ protocol: /^https?$/ }).max(2_000).nullish(),
    }),
    transfer: z.object({ toAgent: z.email().nullish(), toQueue: teamName.nullish() }).nullish(),
  })
  .refine((e) => e.type !== 'call.transferred' || e.transfer?.toAgent || e.transfer?.toQueue, {
    message: 'a transfer needs toAgent or toQueue',
    path: ['transfer'],
  });

export type TelephonyEvent = z.output<typeof telephonyEventSchema>;

export function eventKind(event: Pick<TelephonyEvent, 'type'>): CallEventKind {
  return KINDS[event.type];
}

/** JSON with keys sorted at every depth: a redelivery compares equal however the store reordered keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
