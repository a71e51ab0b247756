import { describe } from '@rapport/core';
import { definePlugin } from '@rapport/core';
import { SALES_DESCRIPTIONS } from './descriptions.js';
import { SALES_ALERT_KINDS, SALES_ALERT_MESSAGES } from './alerts.js';
import { salesConfigSchema, type SalesConfig } from './config.js';
import { registerContractSchema } from './contract-schema.js';
import { instalmentAlertJob, leadPoolJob, opportunityAlertJob, quoteExpiryJob } from './jobs.js';
import { registerLeadSchema } from './lead-schema.js';
import { registerOpportunityMutations } from './mutations-schema.js';
import { serveQuotePdf } from './pdf.js';
import { QUOTE_PDF_PATH, registerQuoteSchema } from './quote-schema.js';
import { registerOpportunityTypes } from './schema.js';
import { seedSales } from './seed.js';

const salesPlugin = definePlugin<SalesConfig>({
  name: 'sales',
  version: '0.1.0',
  description: 'Sales: leads with duplicate check, conversion and a lead pool; pipelines and opportunities with stage history, forecast and alerts; products, price lists, quotes with PDF; contracts, payment plans, payments, invoices and receivables.',
  configSchema: salesConfigSchema,
  dataModel: new URL('../prisma/', import.meta.url),
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config }) {
    describe(builder, SALES_DESCRIPTIONS);
    const opportunities = registerOpportunityTypes(builder, refs, config);
    registerOpportunityMutations(builder, refs, config, opportunities);
    const quotes = registerQuoteSchema(builder, refs, config, opportunities);
    registerContractSchema(builder, refs, config, opportunities, quotes);
    registerLeadSchema(builder, refs, config, opportunities);
  },
  alertKinds: SALES_ALERT_KINDS,
  alertMessages: SALES_ALERT_MESSAGES,
  jobs: [opportunityAlertJob, quoteExpiryJob, instalmentAlertJob, leadPoolJob],
  // Open opportunities for core's public-pool rules (basis OPPORTUNITY, exemptOpenOpportunities).
  async openOpportunities(prisma, customerIds) {
    const rows = await prisma.opportunity.findMany({ where: { customerId: { in: [...customerIds] }, status: 'OPEN' }, select: { customerId: true }, distinct: ['customerId'] });
    return rows.map((r) => r.customerId);
  },
  routes: [{ method: 'GET', path: QUOTE_PDF_PATH, handler: serveQuotePdf }],
  seed: seedSales,
});

export default salesPlugin;
export { salesPlugin, salesConfigSchema, type SalesConfig };
export * from './alerts.js';
export { alertInstalments, alertOpportunities, instalmentAlertJob, leadPoolJob, opportunityAlertJob, quoteExpiryJob } from './jobs.js';
export * from './leads.js';
export * from './lead-rules.js';
export * from './contracts.js';
export { contractNumber, instalmentStates, planProblem } from './payment-plan.js';
export { openInstalments, receivablesReport } from './receivables.js';
export * from './quotes.js';
export * from './products.js';
export { lineAmounts, quoteTotals } from './quote-math.js';
export { quoteTransition } from './quote-status.js';
export { renderQuotePdf, quoteCode } from './pdf.js';
export { salesForecast } from './forecast.js';
export { pipelineBoard } from './board.js';
export * from './opportunities.js';
export * from './pipeline-service.js';
export { effectiveProbability, stageMove, stageProblems } from './pipelines.js';
