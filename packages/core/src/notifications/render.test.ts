import { describe, expect, it } from 'vitest';
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { notificationMessage, digestMessage } from './render.js';

const alert = { kind: 'TASK_OVERDUE', title: '回访：续约报价', body: null, fireAt: new Date('2026-11-02T10:00:00Z') };

describe('alert messages', () => {
  it('label the kind and show the time in the reader’s language and time zone', () => {
    expect(notificationMessage(alert, { name: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toEqual({ subject: '【任务到期】回访：续约报价', text: '【任务到期】回访：续约报价\n时间：2026年11月2日 18:00' });
    const english = notificationMessage({ ...alert, body: 'Due soon' }, { name: 'Li Lei', locale: 'en', timeZone: 'Europe/Berlin' });
    expect(english).toEqual({ subject: '[Task due] 回访：续约报价', text: '[Task due] 回访：续约报价\nDue soon\nTime: 2 Nov 2026, 11:00' });
  });

  it('leave a kind they do not know as its name, and count a digest', () => {
    expect(notificationMessage({ ...alert, kind: 'TICKET_SLA_BREACHED' }, { name: 'x', locale: 'en', timeZone: 'UTC' }).subject).toBe('[TICKET_SLA_BREACHED] 回访：续约报价');
    expect(digestMessage([alert, alert], { name: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' }).subject).toBe('Rapport：2 条未读提醒');
  });

  it('read an alert raised with parameters in the recipient’s language from the kinds’ catalogue', () => {
    const raised = { ...alert, title: '已逾期：回访：续约报价', params: { subject: '回访：续约报价' } };
    expect(notificationMessage(raised, { name: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, CORE_ALERT_MESSAGES).subject).toBe('【任务到期】已逾期：回访：续约报价');
    expect(notificationMessage(raised, { name: 'Li Lei', locale: 'en', timeZone: 'Europe/Berlin' }, CORE_ALERT_MESSAGES).subject).toBe('[Task due] Overdue: 回访：续约报价');
    expect(digestMessage([raised], { name: 'Li Lei', locale: 'en', timeZone: 'UTC' }, CORE_ALERT_MESSAGES).text).toContain('- [Task due] Overdue: 回访：续约报价');
  });
});
