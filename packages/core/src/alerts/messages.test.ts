// The alert catalogues on their own: every core kind renders in both languages, and two catalogues
// writing one kind are refused.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../shared/locale.js';
import { CORE_ALERT_MESSAGES } from './core-messages.js';
import { alertMessage, mergeCatalogues, renderAlert } from './messages.js';
import { CORE_ALERT_KINDS } from './service.js';

const PARAMS = {
  subject: '回访报价', customer: '远航机械', days: 5, since: Date.UTC(2026, 10, 1), due: Date.UTC(2026, 10, 2, 2, 30), hasDue: 'yes',
  step: 2, reason: '价格调整', decision: 'APPROVED', comment: null, url: 'https://example.cn/hook', failures: 4, error: 'timeout',
  windowDays: 41, contactsFell: 'yes', recentContacts: 1, baselineContacts: 4.5, dealsFell: 'no', recentDeals: 0, baselineDeals: 0,
  basis: 'DEAL', poolKind: 'OTHER', pool: '华东公海', contact: '王芳', day: '2026-11-05', holiday: '中秋', holidayEn: 'Mid-Autumn Festival', count: 3,
};

describe('core alert messages', () => {
  it('has a text for every core kind in every language, with no parameter left unfilled', () => {
    for (const { kind } of CORE_ALERT_KINDS) {
      for (const language of LANGUAGES) {
        const text = renderAlert(CORE_ALERT_MESSAGES, kind, PARAMS, language, 'Asia/Shanghai');
        expect(text?.title, `${kind} in ${language}`).toBeTruthy();
        expect(`${text?.title} ${text?.body ?? ''}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('words the care alerts in both languages', () => {
    const holiday = { holiday: '中秋', holidayEn: 'Mid-Autumn Festival', day: '2027-09-15', count: 1 };
    expect(renderAlert(CORE_ALERT_MESSAGES, 'HOLIDAY_CARE_DUE', holiday, 'en', 'UTC')).toEqual({
      title: 'Holiday care: Mid-Autumn Festival (2027-09-15)',
      body: 'Mid-Autumn Festival is coming: greet your 1 customer; the care tasks are on your list.',
    });
    expect(renderAlert(CORE_ALERT_MESSAGES, 'HOLIDAY_CARE_DUE', { ...holiday, count: 12 }, 'zh-CN', 'UTC')?.body).toBe('中秋将至：请问候你的 12 位客户，关怀任务已加入你的待办。');
    expect(renderAlert(CORE_ALERT_MESSAGES, 'BIRTHDAY_CARE_DUE', { contact: 'Wang Fang', customer: 'Yuanhang', day: '2026-11-05' }, 'en', 'UTC')?.title).toBe(
      'Birthday care: Wang Fang (Yuanhang)',
    );
  });

  it('formats dates in the reader’s zone and language, and chooses variants and plurals', () => {
    const warned = { customer: '远航机械', since: Date.UTC(2026, 10, 1, 20), days: 1, basis: 'FOLLOW_UP', poolKind: 'DEFAULT', pool: '公海' };
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_ABOUT_TO_BE_RELEASED', warned, 'zh-CN', 'Asia/Shanghai')?.body).toBe(
      '该客户自 2026/11/02 起无人跟进；若无变化，将在 1 天后退回公海。',
    );
    const inPool = { ...warned, basis: 'DEAL', poolKind: 'OTHER', pool: '华东公海' };
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_ABOUT_TO_BE_RELEASED', inPool, 'zh-CN', 'Asia/Shanghai')?.body).toBe(
      '该客户自 2026/11/02 起未成交；若无变化，将在 1 天后退回公海「华东公海」。',
    );
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_ABOUT_TO_BE_RELEASED', warned, 'en', 'UTC')?.body).toMatch(/since 11\/01\/2026; .* in 1 day\.$/);
    expect(renderAlert(CORE_ALERT_MESSAGES, 'APPROVAL_DECIDED', { decision: 'REJECTED', subject: '折扣', comment: null }, 'zh-CN', 'UTC')).toEqual({ title: '已驳回：折扣', body: null });
    // A text needing a parameter the alert lacks leaves it to the stored text.
    expect(renderAlert(CORE_ALERT_MESSAGES, 'APPROVAL_DECIDED', { decision: 'REJECTED' }, 'zh-CN', 'UTC')).toBeNull();
  });

  it('writes the churn warning from which frequencies fell, not from a sentence built in code', () => {
    const both = { customer: '远航机械', windowDays: 41, contactsFell: 'yes', recentContacts: 1, baselineContacts: 4.5, dealsFell: 'yes', recentDeals: 0, baselineDeals: 1 };
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_AT_RISK', both, 'zh-CN', 'UTC')).toEqual({
      title: '流失风险：远航机械',
      body: '流失预警：近 41 天联系 1 次，此前平均每 41 天 4.5 次；近 41 天成交 0 笔，此前平均每 41 天 1 笔。',
    });
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_AT_RISK', { ...both, contactsFell: 'no' }, 'en', 'UTC')?.body).toBe(
      'Churn warning: deals fell to 0 in the last 41 days from 1 per 41 days before.',
    );
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_AT_RISK', { ...both, dealsFell: 'no' }, 'en', 'UTC')?.body).toBe(
      'Churn warning: contacts fell to 1 in the last 41 days from 4.5 per 41 days before.',
    );
    // An alert raised before (with a `reason` sentence) keeps its stored text.
    expect(renderAlert(CORE_ALERT_MESSAGES, 'CUSTOMER_AT_RISK', { customer: '远航机械', reason: 'x' }, 'en', 'UTC')).toBeNull();
  });

  it('stores the zh-CN rendering and the parameters, dates as epoch milliseconds', () => {
    const due = new Date('2026-11-02T10:30:00Z');
    expect(alertMessage(CORE_ALERT_MESSAGES, 'TASK_DUE_SOON', { subject: '回访', hasDue: 'yes', due })).toEqual({
      kind: 'TASK_DUE_SOON', title: '提醒：回访', body: '截止于 2026/11/02 10:30', params: { subject: '回访', hasDue: 'yes', due: due.getTime() },
    });
  });

  it('refuses two catalogues writing one kind', () => {
    expect(() => mergeCatalogues([CORE_ALERT_MESSAGES, CORE_ALERT_MESSAGES])).toThrow(/TASK_ASSIGNED has two zh-CN messages/);
  });
});
