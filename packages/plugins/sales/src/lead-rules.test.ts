import { describe, expect, it } from 'vitest';
import { renderAlert } from '@rapport/core';
import { SALES_ALERT_MESSAGES } from './alerts.js';
import { leadPoolVerdict, leadReleaseAt, leadStatusProblem, statusAfterFollowUp } from './lead-rules.js';

const DAY = 86_400_000;
const rules = { releaseAfterDays: 15, warnDaysBefore: 3 };
const start = new Date('2026-12-01T02:00:00Z');
const at = (days: number) => new Date(start.getTime() + days * DAY);
const lead = { status: 'FOLLOWING' as const, ownerId: 'u1', lastFollowUpAt: start };

describe('lead pool clock', () => {
  it('keeps a lead until warnDaysBefore days before release, then warns, then releases', () => {
    expect(leadPoolVerdict(lead, rules, at(11.9))).toEqual({ verdict: 'KEEP' });
    expect(leadPoolVerdict(lead, rules, at(12))).toEqual({ verdict: 'WARN', releaseAt: at(15), daysLeft: 3 });
    expect(leadPoolVerdict(lead, rules, at(14.5))).toEqual({ verdict: 'WARN', releaseAt: at(15), daysLeft: 1 });
    expect(leadPoolVerdict(lead, rules, at(15))).toEqual({ verdict: 'RELEASE' });
    expect(leadReleaseAt(lead, rules)).toEqual(at(15));
  });

  it('leaves pool, converted and invalid leads off the clock', () => {
    expect(leadPoolVerdict({ ...lead, ownerId: null }, rules, at(40))).toEqual({ verdict: 'KEEP' });
    expect(leadPoolVerdict({ ...lead, status: 'CONVERTED' }, rules, at(40))).toEqual({ verdict: 'KEEP' });
    expect(leadPoolVerdict({ ...lead, status: 'INVALID' }, rules, at(40))).toEqual({ verdict: 'KEEP' });
    expect(leadReleaseAt({ ...lead, ownerId: null }, rules)).toBeNull();
  });

  it('never warns with warnDaysBefore 0', () => {
    expect(leadPoolVerdict(lead, { releaseAfterDays: 15, warnDaysBefore: 0 }, at(14.99))).toEqual({ verdict: 'KEEP' });
  });
});

describe('lead status changes', () => {
  it('allows NEW ↔ FOLLOWING and INVALID with a reason, never into or out of CONVERTED', () => {
    expect(leadStatusProblem('NEW', 'FOLLOWING', null)).toBeNull();
    expect(leadStatusProblem('FOLLOWING', 'INVALID', 'no budget')).toBeNull();
    expect(leadStatusProblem('INVALID', 'FOLLOWING', null)).toBeNull();
    expect(leadStatusProblem('FOLLOWING', 'INVALID', null)).toMatchObject({ field: 'invalidReason', code: 'REQUIRED' });
    expect(leadStatusProblem('NEW', 'CONVERTED', null)).toMatchObject({ field: 'status', code: 'NOT_ALLOWED_VALUE' });
    expect(leadStatusProblem('CONVERTED', 'NEW', null)).toMatchObject({ field: 'id', code: 'CONFLICT' });
  });

  it('moves a NEW lead to FOLLOWING on its first follow-up', () => {
    expect(statusAfterFollowUp('NEW')).toBe('FOLLOWING');
    expect(statusAfterFollowUp('INVALID')).toBe('INVALID');
  });
});

describe('lead alert texts', () => {
  it('render in zh-CN and English from the same parameters', () => {
    const params = { lead: '无锡新锐电子有限公司', since: Date.parse('2026-11-02T09:00:00Z'), days: 1 };
    expect(renderAlert(SALES_ALERT_MESSAGES, 'LEAD_ABOUT_TO_BE_RELEASED', params, 'zh-CN', 'Asia/Shanghai')).toEqual({
      title: '线索即将退回公海：无锡新锐电子有限公司',
      body: '该线索自 2026/11/02 起无人跟进；若不跟进，将在 1 天后退回线索公海。',
    });
    expect(renderAlert(SALES_ALERT_MESSAGES, 'LEAD_ABOUT_TO_BE_RELEASED', params, 'en', 'Asia/Shanghai')).toEqual({
      title: 'Lead about to go back to the pool: 无锡新锐电子有限公司',
      body: 'Nobody followed this lead up since 11/02/2026; without a follow-up it goes back to the lead public pool in 1 day.',
    });
    expect(renderAlert(SALES_ALERT_MESSAGES, 'LEAD_ASSIGNED', { lead: 'X', code: 'L-000007', assignedBy: 'manager@demo.local' }, 'en', 'UTC')?.title).toBe('Lead assigned to you: X');
  });
});
