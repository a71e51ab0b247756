import { describe } from '@rapport/core';
import { sales } from './messages.js';
import { definePlugin } from '@rapport/core';
import { SALES_DESCRIPTIONS } from './descriptions.js';
import { SALES_ALERT_KINDS, SALES_ALERT_MESSAGES } from './alerts.js';
import { salesConfigSchema, type SalesConfig } from './config.js';
import { registerContractSchema } from './contract-schema.js';
import { instalmentAlertJob, leadPoolJob, opportunityAlertJob, quoteExpiryJob } from './jobs.js';
import { registerLeadSchema } from './lead-schema.js';
import { registerOrderSchema } from './order-schema.js';
import { orderDeliveryAlertJob } from './orders.js';
import { CONTRACT_FILE_PATH, serveContractAttachment } from './attachments.js';
import { CONTRACT_PDF_PATH, serveContractPdf } from './contract-pdf.js';
import { registerOpportunityMutations } from './mutations-schema.js';
import { serveQuotePdf } from './pdf.js';
import { QUOTE_PDF_PATH, registerQuoteSchema } from './quote-schema.js';
import { registerOpportunityTypes } from './schema.js';
import { seedSales } from './seed.js';
import { registerTargetSchema } from './target-schema.js';
import { registerReportSchema } from './report-schema.js';
import { SALES_PERMISSIONS } from './targets.js';
import { salesPortal } from './portal.js';
import { opportunityExporter } from './export.js';
import { opportunityImporter } from './import.js';
// Types only (erased at run time): the partner portal's extension point.
import type {} from '@rapport/plugin-partner';

const salesPlugin = definePlugin<SalesConfig>({
  name: 'sales',
  version: '0.1.0',
  description: 'Sales: leads with duplicate check, conversion and a lead pool; pipelines and opportunities with stage history, forecast and alerts; products, price lists, quotes with PDF; contracts with attachments and PDF, orders with deliveries, payment plans, payments, invoices and receivables; print templates; sales targets per rep and team with progress, and reports (leaderboard, win rate and cycle, weekly sales management report).',
  configSchema: salesConfigSchema,
  // partner: optional, for the `partnerPortal` contribution below (never called without it).
  requires: ['partner?'],
  dataModel: new URL('../prisma/', import.meta.url),
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config }) {
    describe(builder, SALES_DESCRIPTIONS);
    const opportunities = registerOpportunityTypes(builder, refs, config);
    registerOpportunityMutations(builder, refs, config, opportunities);
    const quotes = registerQuoteSchema(builder, refs, config, opportunities);
    const contracts = registerContractSchema(builder, refs, config, opportunities, quotes);
    registerLeadSchema(builder, refs, config, opportunities);
    registerOrderSchema(builder, refs, config, contracts);
    registerTargetSchema(builder, refs, config);
    registerReportSchema(builder, refs, config);
  },
  permissions: SALES_PERMISSIONS,
  alertKinds: SALES_ALERT_KINDS,
  alertMessages: SALES_ALERT_MESSAGES,
  messages: sales.catalogue,
  jobs: [opportunityAlertJob, quoteExpiryJob, instalmentAlertJob, leadPoolJob, orderDeliveryAlertJob],
  routes: [
    { method: 'GET', path: QUOTE_PDF_PATH, handler: serveQuotePdf },
    { method: 'GET', path: CONTRACT_PDF_PATH, handler: serveContractPdf },
    { method: 'GET', path: CONTRACT_FILE_PATH, handler: serveContractAttachment },
  ],
  // Open opportunities for core's public-pool rules (basis OPPORTUNITY, exemptOpenOpportunities).
  async openOpportunities(prisma, customerIds) {
    const rows = await prisma.opportunity.findMany({ where: { customerId: { in: [...customerIds] }, status: 'OPEN' }, select: { customerId: true }, distinct: ['customerId'] });
    return rows.map((r) => r.customerId);
  },
  seed: seedSales,
  exporters: (config) => [opportunityExporter(config)],
  importers: (config) => [opportunityImporter(config)],
  // Opportunities of customers shared with a partner, read-only, on the portal (/partner/graphql).
  extensions: { partnerPortal: salesPortal },
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
export { renderContractPdf } from './contract-pdf.js';
export { alertOverdueOrders, cancelSalesOrder, createSalesOrder, orderDeliveryAlertJob, recordSalesDelivery, salesOrderNumber, salesOrdersVisibleTo } from './orders.js';
export { deliveryProblems, orderableQuantities, orderProblems, orderStatusAfter } from './order-rules.js';
export { addContractAttachment, attachmentProblem, removeContractAttachment } from './attachments.js';
export { defaultPrintTemplate, printTemplate, updatePrintTemplate, PRINT_COLUMNS } from './print-templates.js';
export { salesForecast } from './forecast.js';
export { pipelineBoard } from './board.js';
export * from './opportunities.js';
export * from './pipeline-service.js';
export { effectiveProbability, stageMove, stageProblems } from './pipelines.js';
export * from './targets.js';
export { factsCte, salesLeaderboard, targetProgress, weeklySalesRows, winRateReport } from './reports.js';
export { percentOf, periodOf, ratio, splitEvenly, splitProblem, weekOf } from './target-rules.js';
