import type { AlertKindDefinition } from '@rapport/core';

export const CAMPAIGN_STARTING = 'CAMPAIGN_STARTING';
export const CAMPAIGN_ENDING = 'CAMPAIGN_ENDING';
export const CAMPAIGN_MEMBER_RESPONDED = 'CAMPAIGN_MEMBER_RESPONDED';

export const MARKETING_ALERT_KINDS = [
  { kind: CAMPAIGN_STARTING, description: 'A PLANNED campaign you own starts soon (see alertLeadHours).' },
  { kind: CAMPAIGN_ENDING, description: 'An ACTIVE or PAUSED campaign you own ends soon (see alertLeadHours).' },
  {
    kind: CAMPAIGN_MEMBER_RESPONDED,
    description: "A contact of one of your customers responded to a campaign; sent to the customer's owner.",
  },
] as const satisfies readonly AlertKindDefinition[];
