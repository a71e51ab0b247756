import { zodIssueMessages } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMBER_STATUSES, memberStatusSet, milestonesAfter, type Milestones } from './statuses.js';

const none: Milestones = { sentAt: null, respondedAt: null, convertedAt: null, optedOutAt: null };
const byName = (name: string) => DEFAULT_MEMBER_STATUSES.find((s) => s.name === name)!;
const at = (iso: string) => new Date(iso);
/** An issue's English text, as a refusal carries it. */
const textOf = (issue: { message: string }) => zodIssueMessages(issue as never)?.en ?? issue.message;

describe('member status sets', () => {
  it('accepts the default set', () => {
    expect(memberStatusSet.safeParse(DEFAULT_MEMBER_STATUSES).success).toBe(true);
  });

  it('names every problem of a broken set', () => {
    const result = memberStatusSet.safeParse([
      { name: 'INVITED', isInitial: true, countsAsSent: true },
      { name: 'WON', countsAsConversion: true },
      { name: 'WON' },
      { name: 'unsubscribed', countsAsOptOut: true },
      { name: 'OUT', countsAsOptOut: true, countsAsResponse: true },
    ]);
    expect(result.success).toBe(false);
    const problems = result.error!.issues.map((i) => `${i.path.join('.')}: ${textOf(i)}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '3.name: must be UPPER_SNAKE_CASE, at most 40 characters',
        '0.isInitial: the initial status must not count as anything',
        '1.countsAsResponse: a conversion status must count as a response too',
        '2.name: WON is listed twice',
        '4.countsAsOptOut: an opt-out status cannot count as a response or conversion',
      ]),
    );
    const noInitial = memberStatusSet.safeParse([{ name: 'A' }, { name: 'B' }]).error!.issues[0]!;
    expect(zodIssueMessages(noInitial as never)).toEqual({ 'zh-CN': '必须有且只有一个初始状态（现有 0 个）', en: 'exactly one status must be initial (found 0)' });
  });
});

describe('member milestones', () => {
  it('a conversion is also a response and a send', () => {
    const t = at('2026-11-02T10:00:00Z');
    expect(milestonesAfter(none, byName('CONVERTED'), t)).toEqual({ sentAt: t, respondedAt: t, convertedAt: t, optedOutAt: null });
  });

  it('never clears a milestone and keeps the earliest time', () => {
    const early = at('2026-11-01T00:00:00Z');
    const late = at('2026-11-05T00:00:00Z');
    const responded = milestonesAfter(none, byName('RESPONDED'), late);
    const optedOut = milestonesAfter(responded, byName('OPTED_OUT'), late);
    expect(optedOut).toEqual({ sentAt: late, respondedAt: late, convertedAt: null, optedOutAt: late });
    // A response imported later but dated earlier moves the milestones back to it.
    expect(milestonesAfter(optedOut, byName('RESPONDED'), early)).toMatchObject({ sentAt: early, respondedAt: early });
  });

  it('a bounce or the initial status counts as nothing', () => {
    expect(milestonesAfter(none, byName('BOUNCED'), at('2026-11-02T00:00:00Z'))).toEqual(none);
    expect(milestonesAfter(none, byName('TARGETED'), at('2026-11-02T00:00:00Z'))).toEqual(none);
  });
});
