import type { CallDirection, CallDisposition, CallEventKind } from '@rapport/core';

/** A telephony event with its agent and queue already resolved to ids. */
export interface FoldableEvent {
  eventId: string;
  kind: CallEventKind;
  occurredAt: Date;
  direction: CallDirection;
  from: string;
  to: string;
  /** The agent on the call at that moment (for a transfer: the one handing it on). */
  agentId: string | null;
  queueId: string | null;
  /** On ENDED: how the telephony system saw the end (BUSY, FAILED, VOICEMAIL, NO_ANSWER...). */
  disposition: CallDisposition | null;
  recordingUrl: string | null;
  /** On TRANSFERRED: where the call went. */
  transferAgentId: string | null;
  transferQueueId: string | null;
}

export interface Leg {
  position: number;
  agentId: string | null;
  queueId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface Timing {
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
}

export interface FoldedCall extends Timing {
  direction: CallDirection;
  fromRaw: string;
  toRaw: string;
  disposition: CallDisposition | null;
  recordingUrl: string | null;
  /** The agent of the last leg that had one. */
  agentId: string | null;
  /** The queue the call came in on. */
  queueId: string | null;
  legs: Leg[];
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Ring and talk time from the three instants, the same way for every call: ring runs from the start
 * to the answer (or to the end of an unanswered call), talk from the answer to the end; so for an
 * ended call ring + talk is its whole length. Unknown while the instants that bound them are.
 */
export function timing(startedAt: Date, answeredAt: Date | null, endedAt: Date | null): Timing {
  const ringEnd = answeredAt ?? endedAt;
  return {
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: ringEnd ? seconds(startedAt, ringEnd) : null,
    talkSeconds: endedAt ? (answeredAt ? seconds(answeredAt, endedAt) : 0) : null,
  };
}

/**
 * How an ended call went. Answered is ANSWERED unless the system says voicemail took it; an
 * unanswered one keeps the system's reason (BUSY, FAILED, ...), else MISSED (inbound) or NO_ANSWER.
 */
export function dispositionOf(
  direction: CallDirection,
  answered: boolean,
  ended: boolean,
  reported: CallDisposition | null,
): CallDisposition | null {
  if (!ended) return null;
  if (reported === 'VOICEMAIL') return 'VOICEMAIL';
  if (answered) return 'ANSWERED';
  if (reported && reported !== 'ANSWERED') return reported;
  return direction === 'INBOUND' ? 'MISSED' : 'NO_ANSWER';
}

const KIND_ORDER: Record<CallEventKind, number> = { STARTED: 0, ANSWERED: 1, TRANSFERRED: 2, ENDED: 3 };

/** Event time first; the kind then settles events stamped in the same instant. */
export function inCallOrder(events: readonly FoldableEvent[]): FoldableEvent[] {
  return [...events].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
}

/**
 * The state of a call from all its events, in whatever order they arrived: each is placed by its
 * own time, so an `ended` that came before the `answered` still yields the answered call.
 */
export function foldCall(events: readonly FoldableEvent[]): FoldedCall {
  const ordered = inCallOrder(events);
  const first = ordered[0];
  if (!first) throw new Error('a call needs at least one event');
  const started = ordered.find((e) => e.kind === 'STARTED');
  const answered = ordered.find((e) => e.kind === 'ANSWERED') ?? null;
  const ended = ordered.find((e) => e.kind === 'ENDED') ?? null;
  const identity = started ?? first;
  const startedAt = first.occurredAt;
  const legs = legsOf(ordered, startedAt, ended?.occurredAt ?? null);
  const answeredAt = answered?.occurredAt ?? null;
  return {
    direction: identity.direction,
    fromRaw: identity.from,
    toRaw: identity.to,
    ...timing(startedAt, answeredAt, ended ? maxDate(ended.occurredAt, answeredAt) : null),
    disposition: dispositionOf(identity.direction, answered !== null, ended !== null, ended?.disposition ?? null),
    recordingUrl: ordered.findLast((e) => e.recordingUrl)?.recordingUrl ?? null,
    agentId: legs.findLast((leg) => leg.agentId)?.agentId ?? null,
    queueId: legs.find((leg) => leg.queueId)?.queueId ?? null,
    legs,
  };
}

function maxDate(a: Date, b: Date | null): Date {
  return b && b > a ? b : a;
}

/** The transfer chain: a leg from the start, and a new one at every transfer. */
function legsOf(ordered: readonly FoldableEvent[], startedAt: Date, endedAt: Date | null): Leg[] {
  const legs: Leg[] = [{ position: 1, agentId: null, queueId: null, startedAt, endedAt }];
  for (const event of ordered) {
    const current = legs[legs.length - 1]!;
    current.agentId ??= event.agentId;
    current.queueId ??= event.queueId;
    if (event.kind === 'TRANSFERRED') {
      current.endedAt = event.occurredAt;
      legs.push({
        position: legs.length + 1,
        agentId: event.transferAgentId,
        queueId: event.transferQueueId ?? current.queueId,
        startedAt: event.occurredAt,
        endedAt,
      });
    }
  }
  return legs;
}
