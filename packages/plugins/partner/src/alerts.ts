import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

/** Staff alerts (core's alerts, on /graphql). */
export const DEAL_REGISTRATION_SUBMITTED = 'DEAL_REGISTRATION_SUBMITTED';
export const PARTNER_REGISTERED_YOUR_CUSTOMER = 'PARTNER_REGISTERED_YOUR_CUSTOMER';

export const PARTNER_STAFF_ALERT_KINDS = [
  {
    kind: DEAL_REGISTRATION_SUBMITTED,
    description: 'A partner registered a deal to review (the title says when the conflict check found something); sent to partner managers.',
  },
  {
    kind: PARTNER_REGISTERED_YOUR_CUSTOMER,
    description: 'A deal registration on a customer you own was approved: the partner now works it with you.',
  },
] as const satisfies readonly AlertKindDefinition[];

/** Partner alerts (the portal's own, delivered over its `alerts` subscription). */
export const PARTNER_ALERT_KINDS = [
  { kind: 'DEAL_REGISTRATION_APPROVED', description: 'A deal your organisation registered was approved; its customer is now shared with you.' },
  { kind: 'DEAL_REGISTRATION_REJECTED', description: 'A deal your organisation registered was rejected; the reason says why.' },
  { kind: 'CUSTOMER_SHARED', description: 'A customer was shared with your organisation.' },
] as const satisfies readonly AlertKindDefinition[];

export type PartnerAlertKind = (typeof PARTNER_ALERT_KINDS)[number]['kind'];

/** Staff alert texts in zh-CN and en (ICU MessageFormat, see @rapport/core alertMessage). */
const staffZhCN = {
  [DEAL_REGISTRATION_SUBMITTED]: {
    title: '{partner} 报备了商机：{company}{conflicts, plural, =0 {} other {（发现 # 处冲突）}}',
  },
  [PARTNER_REGISTERED_YOUR_CUSTOMER]: { title: '{partner} 现与你共同跟进 {customer}（商机报备已批准）' },
} as const satisfies Record<string, AlertText>;

const staffEn: Record<keyof typeof staffZhCN, AlertText> = {
  [DEAL_REGISTRATION_SUBMITTED]: {
    title: '{partner} registered a deal: {company}{conflicts, plural, =0 {} one { — # conflict found} other { — # conflicts found}}',
  },
  [PARTNER_REGISTERED_YOUR_CUSTOMER]: { title: '{partner} now works {customer} with you (approved deal registration)' },
};

export const PARTNER_STAFF_ALERT_MESSAGES: AlertCatalogue<keyof typeof staffZhCN> = { 'zh-CN': staffZhCN, en: staffEn };

/**
 * Partner (portal) alert texts. Portal alerts are stored rendered in zh-CN (they have no parameters
 * column yet, so they are not re-rendered per reader); the English texts are here for when they are.
 */
const partnerZhCN = {
  DEAL_REGISTRATION_APPROVED: { title: '你报备的商机 {company} 已批准', body: '{reason}' },
  DEAL_REGISTRATION_REJECTED: { title: '你报备的商机 {company} 已驳回', body: '{reason}' },
  CUSTOMER_SHARED: { title: '客户 {customer} 已共享给你' },
} as const satisfies Record<PartnerAlertKind, AlertText>;

const partnerEn: Record<PartnerAlertKind, AlertText> = {
  DEAL_REGISTRATION_APPROVED: { title: 'Your deal registration for {company} was approved', body: '{reason}' },
  DEAL_REGISTRATION_REJECTED: { title: 'Your deal registration for {company} was rejected', body: '{reason}' },
  CUSTOMER_SHARED: { title: '{customer} was shared with you' },
};

export const PARTNER_ALERT_MESSAGES: AlertCatalogue<PartnerAlertKind> = { 'zh-CN': partnerZhCN, en: partnerEn };
