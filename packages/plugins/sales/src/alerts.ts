import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

export const OPPORTUNITY_STALE = 'OPPORTUNITY_STALE';
export const OPPORTUNITY_CLOSE_DATE_PASSED = 'OPPORTUNITY_CLOSE_DATE_PASSED';
export const OPPORTUNITY_ASSIGNED = 'OPPORTUNITY_ASSIGNED';
export const INSTALMENT_DUE_SOON = 'INSTALMENT_DUE_SOON';
export const INSTALMENT_OVERDUE = 'INSTALMENT_OVERDUE';
export const LEAD_ASSIGNED = 'LEAD_ASSIGNED';
export const LEAD_ABOUT_TO_BE_RELEASED = 'LEAD_ABOUT_TO_BE_RELEASED';
export const LEAD_RELEASED_TO_POOL = 'LEAD_RELEASED_TO_POOL';

export const SALES_ALERT_KINDS = [
  { kind: OPPORTUNITY_ASSIGNED, description: 'An opportunity was given to you by someone else.' },
  { kind: OPPORTUNITY_STALE, description: 'An open opportunity of yours had no activity or stage change for staleAfterDays days.' },
  { kind: OPPORTUNITY_CLOSE_DATE_PASSED, description: 'An open opportunity of yours passed its expected close date.' },
  { kind: INSTALMENT_DUE_SOON, description: 'An instalment of an active contract of yours falls due within instalmentDueSoonDays days and is not fully paid.' },
  { kind: INSTALMENT_OVERDUE, description: 'An instalment of an active contract of yours passed its due date without being paid in full.' },
  { kind: LEAD_ASSIGNED, description: 'A lead was given to you by someone else.' },
  { kind: LEAD_ABOUT_TO_BE_RELEASED, description: 'A lead of yours goes back to the lead public pool within leadPool.warnDaysBefore days unless you follow it up.' },
  { kind: LEAD_RELEASED_TO_POOL, description: 'A lead of yours went back to the lead public pool for want of a follow-up.' },
] as const satisfies readonly AlertKindDefinition[];

/** Texts of the lead alerts (ICU MessageFormat, rendered in the reader's language; the other kinds keep their stored text). */
const zhCN = {
  LEAD_ASSIGNED: { title: '分配给你的线索：{lead}', body: '{assignedBy} 把线索 {code} 分配给了你。' },
  LEAD_ABOUT_TO_BE_RELEASED: {
    title: '线索即将退回公海：{lead}',
    body: '该线索自 {since, date, day} 起无人跟进；若不跟进，将在 {days} 天后退回线索公海。',
  },
  LEAD_RELEASED_TO_POOL: { title: '线索已退回公海：{lead}', body: '该线索 {days} 天无人跟进，同事现在可以领取。' },
} as const satisfies Record<string, AlertText>;

const en: Record<keyof typeof zhCN, AlertText> = {
  LEAD_ASSIGNED: { title: 'Lead assigned to you: {lead}', body: '{assignedBy} gave you lead {code}.' },
  LEAD_ABOUT_TO_BE_RELEASED: {
    title: 'Lead about to go back to the pool: {lead}',
    body: 'Nobody followed this lead up since {since, date, day}; without a follow-up it goes back to the lead public pool in {days, plural, one {# day} other {# days}}.',
  },
  LEAD_RELEASED_TO_POOL: { title: 'Lead released to the pool: {lead}', body: 'Nobody followed this lead up for {days} days; colleagues may claim it now.' },
};

export const SALES_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };
