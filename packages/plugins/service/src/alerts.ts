import type { AlertKindDefinition } from '@rapport/core';

export const TICKET_ASSIGNED = 'TICKET_ASSIGNED';
export const TICKET_SLA_BREACHED = 'TICKET_SLA_BREACHED';

export const SERVICE_ALERT_KINDS = [
  { kind: TICKET_ASSIGNED, description: 'A ticket was assigned to you by someone else.' },
  {
    kind: TICKET_SLA_BREACHED,
    description: "A ticket missed its first-response or resolution target; sent to its assignee and its queue team's manager.",
  },
] as const satisfies readonly AlertKindDefinition[];
