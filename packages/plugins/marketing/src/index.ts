import { definePlugin, describe } from '@rapport/core';
import { campaignScore } from './score.js';
import { MARKETING_DESCRIPTIONS } from './descriptions.js';
import { marketing } from './messages.js';
import { MARKETING_ALERT_KINDS, MARKETING_ALERT_MESSAGES } from './alerts.js';
import { MARKETING_PERMISSIONS } from './permissions.js';
import { marketingConfigSchema, type MarketingConfig } from './config.js';
import { campaignAlertJob } from './jobs.js';
import { MaterialStore } from './materials.js';
import { registerMarketingMutations } from './mutations-schema.js';
import { registerMarketingQueries, registerMarketingTypes } from './schema.js';
import { seedCampaigns } from './seed.js';
import { campaignMemberExporter, registerMemberExportFilter } from './export.js';

const marketingPlugin = definePlugin<MarketingConfig>({
  customerScoreParts: [campaignScore],
  name: 'marketing',
  dataModel: new URL('../prisma/', import.meta.url),
  version: '0.1.0',
  description: 'Marketing campaigns: segments, members and opt-outs, responses (also imported), materials, cost and ROI metrics.',
  configSchema: marketingConfigSchema,
  messages: marketing.catalogue,
  permissions: MARKETING_PERMISSIONS,
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config }) {
    describe(builder, MARKETING_DESCRIPTIONS);
    const store = new MaterialStore(config);
    const types = registerMarketingTypes(builder, refs, store);
    registerMarketingQueries(builder, refs, types);
    registerMarketingMutations(builder, refs, config, store, types);
    registerMemberExportFilter(builder);
  },
  exporters: () => [campaignMemberExporter],
  alertKinds: MARKETING_ALERT_KINDS,
  alertMessages: MARKETING_ALERT_MESSAGES,
  jobs: [campaignAlertJob],
  seed: seedCampaigns,
});

export default marketingPlugin;
export { marketingPlugin, marketingConfigSchema, type MarketingConfig };
export { MARKETING_PERMISSIONS } from './permissions.js';
export { MARKETING_ALERT_KINDS, CAMPAIGN_STARTING, CAMPAIGN_ENDING, CAMPAIGN_MEMBER_RESPONDED } from './alerts.js';
export { alertCampaignMoments, campaignAlertJob } from './jobs.js';
export { CAMPAIGN_TRANSITIONS, campaignTransitionProblem } from './transitions.js';
export { DEFAULT_MEMBER_STATUSES, milestonesAfter } from './statuses.js';
export { parseCsv } from './csv.js';
export { campaignMetrics, deriveMetrics, type CampaignMetrics } from './metrics.js';
export * from './campaigns.js';
export * from './segments.js';
export * from './members.js';
export * from './responses.js';
export * from './materials.js';
