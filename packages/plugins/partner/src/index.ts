import { definePlugin, describe } from '@rapport/core';
import { PARTNER_DESCRIPTIONS } from './descriptions.js';
import { partner } from './messages.js';
import { PARTNER_STAFF_ALERT_KINDS, PARTNER_STAFF_ALERT_MESSAGES } from './alerts.js';
import { partnerPrincipal } from './auth.js';
import { partnerConfigSchema, PORTAL_PATH, type PartnerConfig } from './config.js';
import { buildPortalSchema } from './portal/index.js';
import { seedPartners } from './seed.js';
import { registerStaffSchema } from './staff-schema.js';

const partnerPlugin = definePlugin<PartnerConfig>({
  name: 'partner',
  dataModel: new URL('../prisma/', import.meta.url),
  version: '0.1.0',
  description: 'Partner portal: channel partners see what is shared with them, register deals and read their reports at /partner/graphql.',
  configSchema: partnerConfigSchema,
  messages: partner.catalogue,
  // The internal graph gets the programme as staff run it; the portal is a separate schema (endpoints).
  register(builder, { refs, config }) {
    describe(builder, PARTNER_DESCRIPTIONS);
    registerStaffSchema(builder, refs, config);
  },
  // Portal users sign in through core's session service with tokens of the portal's audience.
  principals: [partnerPrincipal],
  endpoints: ({ config, deployment, plugins }) => [
    {
      name: 'partner-portal',
      path: PORTAL_PATH,
      buildSchema: () => buildPortalSchema({ config, deployment, plugins }),
      principal: partnerPrincipal,
      limits: config.portal,
      introspection: config.portal.introspection ?? deployment.env !== 'production',
    },
  ],
  alertKinds: PARTNER_STAFF_ALERT_KINDS,
  alertMessages: PARTNER_STAFF_ALERT_MESSAGES,
  seed: seedPartners,
});

export default partnerPlugin;
export { partnerPlugin, partnerConfigSchema, PORTAL_PATH, type PartnerConfig };
export { DEMO_PARTNER_ACCOUNTS } from './seed.js';
export { PARTNER_ALERT_KINDS, PARTNER_ALERT_MESSAGES, PARTNER_STAFF_ALERT_KINDS } from './alerts.js';
export { buildPortalSchema, printPortalSchema } from './portal/index.js';
export { partnerPortalContribution, type PartnerPortalContribution, type PartnerPortalRegistration, type PortalRefs } from './portal/contributions.js';
export type { PortalBuilder } from './portal/builder.js';
export { conflictsOf, matchKeys, matchedOn, type Conflict } from './conflicts.js';
export { customersSharedWith, contactsSharedWith } from './access.js';
export { partnerPrincipal, partnerViewer, type PartnerAttributes, type PartnerViewer } from './auth.js';
export * from './registrations.js';
export * from './programme.js';
