import type { AlertKindDefinition } from '@rapport/core';

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
