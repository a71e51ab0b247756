import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

export const TICKET_ASSIGNED = 'TICKET_ASSIGNED';
export const TICKET_SLA_BREACHED = 'TICKET_SLA_BREACHED';

export const SERVICE_ALERT_KINDS = [
  { kind: TICKET_ASSIGNED, description: 'A ticket was assigned to you by someone else.' },
  {
    kind: TICKET_SLA_BREACHED,
    description: "A ticket missed its first-response or resolution target; sent to its assignee and its queue team's manager.",
  },
] as const satisfies readonly AlertKindDefinition[];

const target = { 'zh-CN': '{target, select, FIRST_RESPONSE {首次响应} other {解决}}', en: '{target, select, FIRST_RESPONSE {First response} other {Resolution}}' };

/** The service plugin's alert texts, one catalogue per language (ICU MessageFormat, see @rapport/core alertMessage). */
const zhCN = {
  [TICKET_ASSIGNED]: { title: '分配给你的工单：{subject}', body: '{reason}' },
  [TICKET_SLA_BREACHED]: { title: `${target['zh-CN']}已超时：{subject}`, body: `${target['zh-CN']}应于 {due, date, dateTime} 前完成；已升级至第 {level} 级。` },
} as const satisfies Record<string, AlertText>;

const en: Record<keyof typeof zhCN, AlertText> = {
  [TICKET_ASSIGNED]: { title: 'Ticket assigned to you: {subject}', body: '{reason}' },
  [TICKET_SLA_BREACHED]: { title: `${target.en} overdue: {subject}`, body: `${target.en} was due {due, date, dateTime}; escalated to level {level}.` },
};

export const SERVICE_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };
