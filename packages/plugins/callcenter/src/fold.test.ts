import { describe, expect, it } from 'vitest';
import { dispositionOf, foldCall, timing, type FoldableEvent } from './fold.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function event(kind: FoldableEvent['kind'], seconds: number, extra: Partial<FoldableEvent> = {}): FoldableEvent {
  return {
    eventId: `${kind}-${seconds}`,
    kind,
    occurredAt: at(seconds),
    direction: 'INBOUND',
    from: '+8613800138000',
    to: '+862161234567',
    agentId: null,
    queueId: 'desk',
    disposition: null,
    recordingUrl: null,
    transferAgentId: null,
    transferQueueId: null,
    ...extra,
  };
}

const answeredCall = [event('STARTED', 0), event('ANSWERED', 12, { agentId: 'ava' }), event('ENDED', 192, { recordingUrl: 'https://rec/1' })];

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('foldCall', () => {
  it('derives ring and talk time and the disposition of an answered call', () => {
    expect(foldCall(answeredCall)).toMatchObject({
      startedAt: at(0),
      answeredAt: at(12),
      endedAt: at(192),
      ringSeconds: 12,
      talkSeconds: 180,
      disposition: 'ANSWERED',
      agentId: 'ava',
      queueId: 'desk',
      recordingUrl: 'https://rec/1',
    });
  });

  it('gives the same call whatever order the events arrive in', () => {
    const expected = foldCall(answeredCall);
    for (const order of permutations(answeredCall)) expect(foldCall(order)).toEqual(expected);
  });

  it('is a missed call until the late answered event arrives', () => {
    const endedFirst = [event('STARTED', 0), event('ENDED', 40)];
    expect(foldCall(endedFirst)).toMatchObject({ disposition: 'MISSED', ringSeconds: 40, talkSeconds: 0 });
    expect(foldCall([...endedFirst, event('ANSWERED', 10, { agentId: 'ava' })])).toMatchObject({
      disposition: 'ANSWERED',
      ringSeconds: 10,
      talkSeconds: 30,
    });
  });

  it('keeps a call without a start event, and one still going on', () => {
    expect(foldCall([event('ANSWERED', 5, { agentId: 'ava' })])).toMatchObject({
      startedAt: at(5),
      ringSeconds: 0,
      talkSeconds: null,
      disposition: null,
    });
  });

  it('builds the transfer chain as ordered legs; the call belongs to the last agent', () => {
    const folded = foldCall([
      event('ENDED', 300),
      event('TRANSFERRED', 120, { agentId: 'ava', transferAgentId: 'emma', transferQueueId: 'billing' }),
      event('STARTED', 0),
      event('ANSWERED', 8, { agentId: 'ava' }),
      event('TRANSFERRED', 200, { agentId: 'emma', transferAgentId: 'huang' }),
    ]);
    expect(folded.legs).toEqual([
      { position: 1, agentId: 'ava', queueId: 'desk', startedAt: at(0), endedAt: at(120) },
      { position: 2, agentId: 'emma', queueId: 'billing', startedAt: at(120), endedAt: at(200) },
      { position: 3, agentId: 'huang', queueId: 'billing', startedAt: at(200), endedAt: at(300) },
    ]);
    expect(folded).toMatchObject({ agentId: 'huang', queueId: 'desk', talkSeconds: 292 });
  });
});

describe('dispositionOf', () => {
  it('keeps the reason an unanswered call ended with', () => {
    expect(dispositionOf('INBOUND', false, true, 'BUSY')).toBe('BUSY');
    expect(dispositionOf('OUTBOUND', false, true, null)).toBe('NO_ANSWER');
    expect(dispositionOf('INBOUND', true, true, 'VOICEMAIL')).toBe('VOICEMAIL');
    expect(dispositionOf('INBOUND', true, false, null)).toBeNull();
  });
});

describe('timing', () => {
  it('never goes negative and adds up to the length of the call', () => {
    const t = timing(at(0), at(30), at(95));
    expect(t.ringSeconds! + t.talkSeconds!).toBe(95);
    expect(timing(at(10), at(5), at(20)).ringSeconds).toBe(0);
  });
});
