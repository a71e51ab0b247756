import type { AlertKindDefinition } from '@rapport/core';

export const OPPORTUNITY_STALE = 'OPPORTUNITY_STALE';
export const OPPORTUNITY_CLOSE_DATE_PASSED = 'OPPORTUNITY_CLOSE_DATE_PASSED';
export const OPPORTUNITY_ASSIGNED = 'OPPORTUNITY_ASSIGNED';

export const SALES_ALERT_KINDS = [
  { kind: OPPORTUNITY_ASSIGNED, description: 'An opportunity was given to you by someone else.' },
  { kind: OPPORTUNITY_STALE, description: 'An open opportunity of yours had no activity or stage change for staleAfterDays days.' },
  { kind: OPPORTUNITY_CLOSE_DATE_PASSED, description: 'An open opportunity of yours passed its expected close date.' },
] as const satisfies readonly AlertKindDefinition[];
