export { createApp, type AppOptions, type RapportApp } from './app.js';
export { startRapport, enabledPlugins, describeDatabase, type StartOptions } from './startup.js';
export { bundledPlugins } from './plugins.js';
export { maskError } from './errors.js';
