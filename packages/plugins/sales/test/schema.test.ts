import { describe, expect, it } from 'vitest';
import { bundledPlugins } from '@rapport/server';
import { schemaSdl } from '../../../../test/support/schema.js';

/** Names only the sales plugin brings into the graph: types, fields, enum values and alert kinds. */
const TRACES = [
  'Opportunity',
  'opportunities',
  'SalesPipeline',
  'PipelineStage',
  'pipelineBoard',
  'salesForecast',
  'OPPORTUNITY_STALE',
  'OPPORTUNITY_CLOSE_DATE_PASSED',
  'QuoteLine',
  'createQuote',
  'submitQuoteForApproval',
  'createQuotePdfLink',
  'PriceList',
  'defineProduct',
];

describe('the sales plugin in the schema', () => {
  it('is bundled and on by default', () => {
    expect(bundledPlugins.map((p) => p.name)).toContain('sales');
    const sdl = schemaSdl();
    for (const trace of TRACES) expect(sdl).toContain(trace);
  });

  it('leaves no trace when RAPPORT_PLUGINS leaves it out', () => {
    const withoutSales = schemaSdl(bundledPlugins.map((p) => p.name).filter((name) => name !== 'sales'));
    for (const trace of TRACES) expect(withoutSales).not.toContain(trace);
    const core = schemaSdl([]);
    for (const trace of TRACES) expect(core).not.toContain(trace);
  });
});
