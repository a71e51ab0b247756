export { loadConfig, ConfigError, type RapportConfig } from './config.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export type { RapportContext, Viewer } from './context.js';
export type { ServiceContext } from './service-context.js';
export { openDatabase, redactDatabaseUrl, type Database, type DatabaseOptions, type PrismaClient } from './db/client.js';
export { applyMigrations, migrationStatus, type MigrationTarget } from './db/migrate.js';
export { RapportError, InputError, notFound, conflict, toRapportError, type ErrorCode, type FieldError } from './errors.js';
export { parseInput, throwIfAny, rules } from './validation.js';
export {
  definePlugin,
  resolvePlugins,
  seedPlugins,
  pluginJobs,
  PluginConfigurationError,
  type RapportPlugin,
  type EnabledPlugin,
  type PluginRegistration,
  type SeedContext,
} from './plugin.js';
export { emitAlerts, CORE_ALERT_KINDS, type AlertInput, type AlertKindDefinition } from './alerts/service.js';
export { JobRunner, type JobDefinition, type JobContext, type ScheduledJob } from './jobs/runner.js';
export { createRng, type Rng } from './shared/random.js';
export { throwMissingOrStale } from './shared/versioning.js';
export { prismaDirection, rawId } from './schema/common.js';
export { buildSchema, printSortedSchema, RAPPORT_VERSION, type CoreRefs, type SchemaOptions } from './schema/index.js';
export type { RapportBuilder } from './schema/builder.js';
export { createCustomer, updateCustomer, deleteCustomer } from './customers/service.js';
export { createContact, updateContact, deleteContact } from './contacts/service.js';
export { createActivity, updateActivity, completeActivity, deleteActivity, isInteraction } from './activities/service.js';
export { seedDemoData, DEMO_ACCOUNTS } from './seed/demo.js';
export { normalizeName, phoneDigits } from './shared/normalize.js';
export { isUuid } from './shared/ids.js';
export { userReferenceError } from './users/service.js';
// Readable codes share one format: customers (CUS-000123) and plugin records (e.g. tickets, T-000123).
export { customerCode, parseCustomerCode } from './customers/code.js';
export { Prisma } from './generated/prisma/client.js';
// Enum values of every model, core's and plugins' alike (they share one generated client).
export * from './generated/prisma/enums.js';
