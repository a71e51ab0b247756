import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

export const OPPORTUNITY_STALE = 'OPPORTUNITY_STALE';
export const OPPORTUNITY_CLOSE_DATE_PASSED = 'OPPORTUNITY_CLOSE_DATE_PASSED';
export const OPPORTUNITY_ASSIGNED = 'OPPORTUNITY_ASSIGNED';
export const INSTALMENT_DUE_SOON = 'INSTALMENT_DUE_SOON';
export const INSTALMENT_OVERDUE = 'INSTALMENT_OVERDUE';

export const SALES_ALERT_KINDS = [
  { kind: OPPORTUNITY_ASSIGNED, description: 'An opportunity was given to you by someone else.' },
  { kind: OPPORTUNITY_STALE, description: 'An open opportunity of yours had no activity or stage change for staleAfterDays days.' },
  { kind: OPPORTUNITY_CLOSE_DATE_PASSED, description: 'An open opportunity of yours passed its expected close date.' },
  { kind: INSTALMENT_DUE_SOON, description: 'An instalment of an active contract of yours falls due within instalmentDueSoonDays days and is not fully paid.' },
  { kind: INSTALMENT_OVERDUE, description: 'An instalment of an active contract of yours passed its due date without being paid in full.' },
] as const satisfies readonly AlertKindDefinition[];

/**
 * The sales plugin's alert texts in zh-CN and en (ICU MessageFormat, see @rapport/core alertMessage).
 * Calendar days (due dates, close dates) are passed as YYYY-MM-DD strings: they are days in the
 * deployment's zone, not instants to convert; amounts as fixed two-decimal strings with their currency.
 */
const zhCN = {
  [OPPORTUNITY_ASSIGNED]: { title: '分配给你的商机：{opportunity}' },
  [OPPORTUNITY_STALE]: { title: '商机已 {days} 天无进展：{opportunity}', body: '最近一次活动：{lastActivityAt, date, dateTime}。' },
  [OPPORTUNITY_CLOSE_DATE_PASSED]: { title: '商机已过预计成交日 {closeDate}：{opportunity}', body: '请赢单、输单或调整预计成交日。' },
  [INSTALMENT_DUE_SOON]: {
    title: '{contract} 第 {position} 期回款将于 {dueDate} 到期：{currency} {owed}',
    body: '{title}：{dueDate} 到期，应收 {currency} {amount}，已收 {paid}。',
  },
  [INSTALMENT_OVERDUE]: {
    title: '{contract} 第 {position} 期回款已逾期：{currency} {owed}',
    body: '{title}：{dueDate} 到期，应收 {currency} {amount}，已收 {paid}。',
  },
} as const satisfies Record<string, AlertText>;

const en: Record<keyof typeof zhCN, AlertText> = {
  [OPPORTUNITY_ASSIGNED]: { title: 'Opportunity given to you: {opportunity}' },
  [OPPORTUNITY_STALE]: { title: 'No activity for {days} days: {opportunity}', body: 'Last activity {lastActivityAt, date, dateTime}.' },
  [OPPORTUNITY_CLOSE_DATE_PASSED]: { title: 'Expected close date {closeDate} passed: {opportunity}', body: 'Win, lose or move the expected close date.' },
  [INSTALMENT_DUE_SOON]: {
    title: 'Instalment {position} of {contract} falls due {dueDate}: {currency} {owed}',
    body: '{title}: due {dueDate}, {currency} {amount}, {paid} paid.',
  },
  [INSTALMENT_OVERDUE]: {
    title: 'Instalment {position} of {contract} is overdue: {currency} {owed}',
    body: '{title}: due {dueDate}, {currency} {amount}, {paid} paid.',
  },
};

export const SALES_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };
