import { describe } from '@rapport/core';
import { definePlugin } from '@rapport/core';
import { CALLCENTER_DESCRIPTIONS } from './descriptions.js';
import { callcenter } from './messages.js';
import { callcenterConfigSchema, type CallcenterConfig } from './config.js';
import { registerCallSchema } from './schema.js';
import { seedCalls } from './seed.js';
import { callExporter } from './export.js';
import { telephonyWebhookRoute } from './webhook.js';
import { CALLCENTER_WEBHOOK_EVENTS } from './webhooks.js';

const callcenterPlugin = definePlugin<CallcenterConfig>({
  name: 'callcenter',
  dataModel: new URL('../prisma/', import.meta.url),
  version: '0.1.0',
  description: 'Call-center logs: telephony webhook, screen-pop caller lookup, callbacks and call statistics.',
  requires: ['service?'],
  configSchema: callcenterConfigSchema,
  messages: callcenter.catalogue,
  // Everything the plugin adds to the graph is added here, so a disabled plugin leaves no trace.
  register(builder, { refs, config, isEnabled }) {
    describe(builder, CALLCENTER_DESCRIPTIONS);
    registerCallSchema(builder, refs, { config, tickets: isEnabled('service') });
  },
  routes: [telephonyWebhookRoute],
  webhookEvents: CALLCENTER_WEBHOOK_EVENTS,
  seed: seedCalls,
  exporters: () => [callExporter],
});

export default callcenterPlugin;
export { callcenterPlugin, callcenterConfigSchema, type CallcenterConfig };
export { callsVisibleTo } from './access.js';
export { foldCall, timing, dispositionOf, type FoldableEvent, type FoldedCall } from './fold.js';
export { normalizePhone, lookupSuffix, reversedRange } from './phone.js';
export { findCallerMatches, lookupSqlForExplain } from './lookup.js';
export { callStatistics, type CallStats } from './stats.js';
export { signWebhook, WEBHOOK_PATH, TIMESTAMP_HEADER, SIGNATURE_HEADER } from './webhook.js';
export { ingestTelephonyEvent } from './ingest.js';
export { logCall, updateCall } from './calls.js';
export { scheduleCallback } from './callbacks.js';
