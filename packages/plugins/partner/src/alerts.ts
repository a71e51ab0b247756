import type { AlertKindDefinition } from '@rapport/core';

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
