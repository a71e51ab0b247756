import { describe } from '@rapport/core';
import { complaintScore } from './score.js';
import { definePlugin } from '@rapport/core';
import { service } from './messages.js';
import { SERVICE_DESCRIPTIONS } from './descriptions.js';
import { SERVICE_ALERT_KINDS, SERVICE_ALERT_MESSAGES } from './alerts.js';
import { slaBreachJob } from './breaches.js';
import { serviceConfigSchema, type ServiceConfig } from './config.js';
import { handOverTickets } from './hand-over.js';
import { registerMetricsSchema } from './metrics-schema.js';
import { registerTicketMutations } from './mutations-schema.js';
import { registerTicketTypes } from './schema.js';
import { seedTickets } from './seed.js';
import { ticketExporter } from './export.js';
import { SERVICE_WEBHOOK_EVENTS } from './webhooks.js';

/** What the service plugin hands its dependants (`refsOf('service')`). */
export interface ServiceRefs {
  Ticket: ReturnType<typeof registerTicketTypes>['Ticket'];
}

declare module '@rapport/core' {
  interface PluginRefs {
    service: ServiceRefs;
  }
}

const servicePlugin = definePlugin<ServiceConfig>({
  customerScoreParts: [complaintScore],
  name: 'service',
  dataModel: new URL('../prisma/', import.meta.url),
  version: '0.1.0',
  description: 'Service tickets: assignment, SLA targets with breach escalation, timeline, satisfaction, metrics.',
  configSchema: serviceConfigSchema,
  messages: service.catalogue,
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config }) {
    describe(builder, SERVICE_DESCRIPTIONS);
    const tickets = registerTicketTypes(builder, refs, config);
    registerTicketMutations(builder, refs, config, tickets);
    registerMetricsSchema(builder, refs, tickets);
    return { Ticket: tickets.Ticket } satisfies ServiceRefs;
  },
  alertKinds: SERVICE_ALERT_KINDS,
  alertMessages: SERVICE_ALERT_MESSAGES,
  webhookEvents: SERVICE_WEBHOOK_EVENTS,
  jobs: [slaBreachJob],
  seed: seedTickets,
  onUserHandOver: handOverTickets,
  exporters: (config) => [ticketExporter(config)],
});

export default servicePlugin;
export { servicePlugin, serviceConfigSchema, type ServiceConfig };
export { SERVICE_ALERT_KINDS, TICKET_ASSIGNED, TICKET_SLA_BREACHED } from './alerts.js';
export { recordSlaBreaches, slaBreachJob } from './breaches.js';
export { slaDueTimes } from './sla.js';
export { TRANSITIONS, ACTIVE_STATUSES, transitionProblem } from './transitions.js';
export * from './service.js';
export * from './metrics.js';
export { SERVICE_WEBHOOK_EVENTS, ticketEvent } from './webhooks.js';
