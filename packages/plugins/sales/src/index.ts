import { definePlugin } from '@rapport/core';
import { SALES_ALERT_KINDS } from './alerts.js';
import { salesConfigSchema, type SalesConfig } from './config.js';
import { opportunityAlertJob } from './jobs.js';
import { registerOpportunityMutations } from './mutations-schema.js';
import { registerOpportunityTypes } from './schema.js';

const salesPlugin = definePlugin<SalesConfig>({
  name: 'sales',
  version: '0.1.0',
  description: 'Sales: pipelines and opportunities with stage history, forecast and alerts.',
  configSchema: salesConfigSchema,
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config }) {
    const opportunities = registerOpportunityTypes(builder, refs, config);
    registerOpportunityMutations(builder, refs, config, opportunities);
  },
  alertKinds: SALES_ALERT_KINDS,
  jobs: [opportunityAlertJob],
});

export default salesPlugin;
export { salesPlugin, salesConfigSchema, type SalesConfig };
export * from './alerts.js';
export { alertOpportunities, opportunityAlertJob } from './jobs.js';
export { salesForecast } from './forecast.js';
export { pipelineBoard } from './board.js';
export * from './opportunities.js';
export * from './pipeline-service.js';
export { effectiveProbability, stageMove, stageProblems } from './pipelines.js';
