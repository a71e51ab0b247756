export { createPreparedTestDatabase, createTestDatabase, dropTemplateDatabases, postgresAvailable, requireServices } from './postgres.js';
export { openMigratedEmbedded, openPreparedEmbedded, TEMPLATES_ENV } from './prepared.js';
