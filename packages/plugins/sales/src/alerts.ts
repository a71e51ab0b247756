import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

export const OPPORTUNITY_STALE = 'OPPORTUNITY_STALE';
export const OPPORTUNITY_CLOSE_DATE_PASSED = 'OPPORTUNITY_CLOSE_DATE_PASSED';
export const OPPORTUNITY_ASSIGNED = 'OPPORTUNITY_ASSIGNED';
export const INSTALMENT_DUE_SOON = 'INSTALMENT_DUE_SOON';
export const INSTALMENT_OVERDUE = 'INSTALMENT_OVERDUE';
export const LEAD_ASSIGNED = 'LEAD_ASSIGNED';
export const LEAD_ABOUT_TO_BE_RELEASED = 'LEAD_ABOUT_TO_BE_RELEASED';
export const LEAD_RELEASED_TO_POOL = 'LEAD_RELEASED_TO_POOL';
export const SALES_ORDER_DELIVERY_OVERDUE = 'SALES_ORDER_DELIVERY_OVERDUE';

export const SALES_ALERT_KINDS = [
  { kind: OPPORTUNITY_ASSIGNED, description: 'An opportunity was given to you by someone else.' },
  { kind: OPPORTUNITY_STALE, description: 'An open opportunity of yours had no activity or stage change for staleAfterDays days.' },
  { kind: OPPORTUNITY_CLOSE_DATE_PASSED, description: 'An open opportunity of yours passed its expected close date.' },
  { kind: INSTALMENT_DUE_SOON, description: 'An instalment of an active contract of yours falls due within instalmentDueSoonDays days and is not fully paid.' },
  { kind: INSTALMENT_OVERDUE, description: 'An instalment of an active contract of yours passed its due date without being paid in full.' },
  { kind: LEAD_ASSIGNED, description: 'A lead was given to you by someone else.' },
  { kind: LEAD_ABOUT_TO_BE_RELEASED, description: 'A lead of yours goes back to the lead public pool within leadPool.warnDaysBefore days unless you follow it up.' },
  { kind: LEAD_RELEASED_TO_POOL, description: 'A lead of yours went back to the lead public pool for want of a follow-up.' },
  { kind: SALES_ORDER_DELIVERY_OVERDUE, description: 'An order of yours passed its expected delivery date without being delivered in full.' },
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
  LEAD_ASSIGNED: { title: '分配给你的线索：{lead}', body: '{assignedBy} 把线索 {code} 分配给了你。' },
  LEAD_ABOUT_TO_BE_RELEASED: {
    title: '线索即将退回公海：{lead}',
    body: '该线索自 {since, date, day} 起无人跟进；若不跟进，将在 {days} 天后退回线索公海。',
  },
  LEAD_RELEASED_TO_POOL: { title: '线索已退回公海：{lead}', body: '该线索 {days} 天无人跟进，同事现在可以领取。' },
  [SALES_ORDER_DELIVERY_OVERDUE]: { title: '订单 {order} 已过预计交货日 {expectedDate}：{customer}', body: '订单尚未全部发货：请安排发货或与客户确认新的交货日期。' },
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
  LEAD_ASSIGNED: { title: 'Lead assigned to you: {lead}', body: '{assignedBy} gave you lead {code}.' },
  LEAD_ABOUT_TO_BE_RELEASED: {
    title: 'Lead about to go back to the pool: {lead}',
    body: 'Nobody followed this lead up since {since, date, day}; without a follow-up it goes back to the lead public pool in {days, plural, one {# day} other {# days}}.',
  },
  LEAD_RELEASED_TO_POOL: { title: 'Lead released to the pool: {lead}', body: 'Nobody followed this lead up for {days} days; colleagues may claim it now.' },
  [SALES_ORDER_DELIVERY_OVERDUE]: { title: 'Order {order} passed its expected delivery date {expectedDate}: {customer}', body: 'The order is not delivered in full: ship it or agree a new date with the customer.' },
};

export const SALES_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };
