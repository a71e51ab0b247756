export { createApp, type AppOptions, type RapportApp } from './app.js';
export { startRapport, enabledPlugins, describeDatabase, type StartOptions } from './startup.js';
export { bundledPlugins } from './plugins.js';
export { maskError } from './errors.js';
export { RedisAlertBus } from './redis-bus.js';
export { InProcessRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './rate-limit.js';
export { loadPersistedOperations, type PersistedOperations } from './persisted-operations.js';
export { createLogger, type Logger } from './logger.js';
export { RapportMetrics } from './metrics.js';
