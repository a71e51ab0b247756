export { loadConfig, withPluginPermissions, ConfigError, type RapportConfig } from './config.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export type { RapportContext, Viewer, StaffViewer, ApiKeyViewer, PrincipalViewer } from './context.js';
export type { ServiceContext } from './service-context.js';
export { openDatabase, redactDatabaseUrl, type Database, type DatabaseOptions, type PrismaClient } from './db/client.js';
export { applyMigrations, migrationStatus, type MigrationTarget } from './db/migrate.js';
export { changesOf, type CachedTable, type TableChanges } from './db/changes.js';
export { composeSchema, installedDataModels, migrationSets, type PluginDataModel, type MigrationSet } from './db/compose.js';
export { RapportError, InputError, notFound, conflict, fieldError, toRapportError, type ErrorCode, type FieldError, type UserErrorCode } from './errors.js';
export { ERROR_MESSAGES, errorMessages, messageIn, storedMessageIn, registerMessages, zodIssueMessages, type ErrorMessageKey, type ErrorParams, type MessageCatalogue } from './error-messages.js';
export { defineMessages, type MessageBook } from './messages.js';
export { acceptedLanguage, readerOf, type Reader } from './shared/reader.js';
export { parseInput, throwIfAny, rules } from './validation.js';
export {
  definePlugin,
  resolvePlugins,
  seedPlugins,
  pluginDataModels,
  pluginPermissions,
  pluginJobs,
  pluginRoutes,
  pluginEndpoints,
  PluginConfigurationError,
  type EndpointContext,
  type EndpointLimits,
  type PluginEndpoint,
  type RapportPlugin,
  type EnabledPlugin,
  type PluginRegistration,
  type PluginRefs,
  type ExtensionPoints,
  type SeedContext,
  type PluginRoute,
  type RouteContext,
  type MountedRoute,
} from './plugin.js';
export {
  emitAlerts,
  emitFiredAlerts,
  pushFiredAlerts,
  alertsOfRecipient,
  alertAddress,
  STAFF_RECIPIENT,
  CORE_ALERT_KINDS,
  type AlertInput,
  type AlertKindDefinition,
} from './alerts/service.js';
export { alertCatalogueOf, alertMessage, renderAlert, type AlertCatalogue, type AlertText, type AlertParams } from './alerts/messages.js';
export { CORE_ALERT_MESSAGES } from './alerts/core-messages.js';
export { InProcessAlertBus, LocalSubscribers, decodeFiredAlert, type AlertBus, type FiredAlert, type AlertHandler } from './alerts/bus.js';
export { AlertScheduler, claimDueAlerts } from './alerts/scheduler.js';
export { followUpJob, type FollowUpConfig } from './customers/follow-up.js';
export { customerCareJob, type CustomerCareConfig } from './care/job.js';
export { customerSearchColumns, customerSearchJob, indexStaleCustomers } from './customers/search.js';
export { codePendingRegions, resolveRegion } from './customers/regions.js';
export * from './customers/practices.js';
export { JobRunner, type JobDefinition, type JobContext, type ScheduledJob } from './jobs/runner.js';
export { createRng, type Rng } from './shared/random.js';
export { throwMissingOrStale } from './shared/versioning.js';
export { prismaDirection, rawId } from './schema/common.js';
export { buildSchema, printSortedSchema, RAPPORT_VERSION, type CoreRefs, type SchemaOptions } from './schema/index.js';
export type { RapportBuilder } from './schema/builder.js';
export { CORE_DESCRIPTIONS } from './schema/core-descriptions.js';
export { describe, describeSchema, relayDescriptions, unknownDescriptionCoordinates, type DescriptionCatalogue } from './schema/descriptions.js';
export { payloadMutation, payloadPerMutation, reportUserErrors, userErrorsOf, USER_ERROR_CODES, withUserErrors, type PayloadFamily, type PayloadMutation, type UserError } from './schema/user-errors.js';
export { createCustomer, updateCustomer, deleteCustomer } from './customers/service.js';
export { mergeCustomers, customerReferences, type CustomerMerge, type CustomerMergeHook, type CustomerReference } from './customers/merge.js';
export { findDuplicates, customerDuplicates, contactDuplicates, type DuplicateWarning, type DuplicateReason } from './customers/duplicates.js';
export { customFieldDefinitions, customFieldsToStore, customFieldWhere, hiddenKeys, visibleValues } from './custom-fields/service.js';
export { customFieldInputs, type CustomFieldInput, type CustomFieldFilter } from './custom-fields/rules.js';
export { createTag, updateTag, archiveTag, unlistedTagErrors } from './tags/service.js';
export { customerWhere, type CustomerFilter } from './customers/filters.js';
export { createContact, updateContact, deleteContact } from './contacts/service.js';
export { createActivity, updateActivity, completeActivity, deleteActivity, isInteraction } from './activities/service.js';
// What makes a plugin's exchange with a customer (a call, a ticket reply) count as contact (docs/customer-rules.md).
export { recordInteraction, interactionContextOf, type Interaction, type InteractionContext } from './activities/interactions.js';
export { seedDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.js';
export { normalizeName, phoneDigits } from './shared/normalize.js';
export { DEFAULT_LOCALE, LANGUAGES, languageOf, localDay, type DeploymentLocale, type Language, type Messages } from './shared/locale.js';
export { isUuid } from './shared/ids.js';
export { findVisibleOrThrow } from './shared/find-visible.js';
export { readBodyWithin, BodyTooLargeError } from './shared/http-body.js';
export { joinTransaction } from './shared/transaction.js';
export { unstorableText, unstorableTextReason } from './shared/text.js';
export { contentHash, contentMatchesType, contentStore, type ContentStore } from './shared/content-store.js';
export { userReferenceError } from './users/service.js';
// User administration: the first admin, the notifier account links go through, plugins' part of a hand-over.
export { createAdmin, bootstrapAdmin, generatePassword, type AdminCreation } from './users/bootstrap.js';
export { logNotifier, type Notifier, type AccountMessage } from './users/notifier.js';
export { smtpNotifier, createMailer, type MailSettings } from './notifications/account-mail.js';
export { enqueueAlertNotifications, enqueueDigests, deliverDueNotifications, notificationJobs, NOTIFICATION_MAX_ATTEMPTS, type NotificationTransport } from './notifications/outbox.js';
export { chatRequest, chatAnswerProblem, dingTalkSignature, feishuSignature, type ChatBotTarget } from './notifications/chat-bots.js';
export { notificationMessage, digestMessage } from './notifications/render.js';
export type { UserHandOverHook, HandOverPeople, HandOverPart } from './users/hand-over.js';
export {
  staffViewer,
  can,
  actingUserId,
  requirePermission,
  unauthenticated,
  forbidden,
  type AccessSettings,
} from './auth/viewer.js';
export { permissionCatalog, rolePermissions, PERMISSIONS as CORE_PERMISSIONS } from './auth/permissions.js';
export { loadRoleSettings, listRoles, setRolePermissions, pinnedRoles } from './auth/roles.js';
export type { Permission, PermissionRegistry, PermissionDefinition, RolePermissions } from './auth/permissions.js';
// Row-level visibility: merge these into every query of rows that hang off a customer (see docs/security.md).
export {
  customersVisibleTo,
  customersEditableBy,
  contactsVisibleTo,
  activitiesVisibleTo,
  activitiesEditableBy,
  customerToChange,
  requireCustomerEditable,
  NOTHING,
} from './auth/visibility.js';
// The same rule as SQL, for aggregates Prisma cannot express (it must match customersVisibleTo).
export { customersEditableSql, customersVisibleSql } from './auth/visibility-sql.js';
export { canViewFinancials, visibleCustomFields, hiddenCustomFieldKeys } from './auth/fields.js';
export { authenticate, authSettings, type AuthSettings, type Credentials, type Authentication } from './auth/authenticate.js';
// Principal kinds: who signs in. A plugin registers its own (definePlugin({ principals })) and serves
// it from an endpoint (`principal`); login, refreshSession and logout take the kind (staff when absent).
export {
  authenticatePrincipal,
  definePrincipalKind,
  STAFF_PRINCIPAL,
  type LoadedPrincipal,
  type PrincipalAccount,
  type PrincipalKind,
  type PrincipalKindDefinition,
} from './auth/principals.js';
export { login, logout, refreshSession, type SignIn } from './auth/sessions.js';
export { resolveAuthSecret } from './auth/secret.js';
export { signInThrottleCleanupJob } from './auth/sign-in-throttle.js';
export { hashPassword, verifyPassword, verifyNothing, needsRehash } from './auth/passwords.js';
// Token machinery (the session service uses it; an endpoint with a principal kind needs none of it).
export { signAccessToken, verifyAccessToken, newRefreshToken, sha256 } from './auth/tokens.js';
export { auditEveryMutation } from './audit/mutations.js';
// Approvals: a plugin submits a record (requestApproval) and refuses changes while one is PENDING (approvalOf).
export { requestApproval, approvalOf, approve, reject, withdraw, currentApprovers, approvalsVisibleTo, APPROVAL_REQUESTED, APPROVAL_DECIDED, type ApprovalSubmission } from './approvals/service.js';
export { approvalStepsSchema, approvalStepSchema, mayDecide, type ApprovalStep } from './approvals/rules.js';
// Outbound webhooks: plugins declare `webhookEvents` and emit them in the transaction of the change (docs/webhooks.md).
export {
  emitWebhookEvents,
  webhookEventCatalog,
  customerEvent,
  activityEvent,
  globalId,
  CORE_WEBHOOK_EVENTS,
  type WebhookEventDefinition,
  type WebhookEventInput,
} from './webhooks/events.js';
export { WebhookDispatcher, webhookRetryDelayMs, webhookMessageId, shouldPause, WEBHOOK_ENDPOINT_PAUSED, type WebhookSettings } from './webhooks/delivery.js';
export { isPrivateAddress, endpointUrlProblem } from './webhooks/ssrf.js';
export { taskOverdueWebhookJob } from './webhooks/overdue.js';
export { deleteExpiredDeliveries, deliveryRetentionJob, retentionCutoffs, type RetentionSettings } from './retention/deliveries.js';
export { pushIterator } from './shared/iterator.js';
// For endpoints that build a schema of their own on a fresh Pothos builder.
export { scalarDefinitions } from './schema/scalars.js';
export { getDatamodel } from '../generated/pothos-types.js';
export type { default as PrismaTypes } from '../generated/pothos-types.js';
export { recordAudit, recordAuditMany, type AuditedChange, type RequestOrigin, type Actor } from './audit/service.js';
// Readable codes share one format: customers (CUS-000123) and plugin records (e.g. tickets, T-000123).
export { assignCustomerCodes, codePatternProblem, customerCode, fillLegacyCustomerCodes, parseCustomerCode, renderCodePattern } from './customers/code.js';
export { Prisma } from '../generated/prisma/client.js';
// Enum values of every model, core's and plugins' alike (they share one generated client).
export * from '../generated/prisma/enums.js';
// Spreadsheet imports: plugins add importable entities with `importers` (docs/data-in-out.md).
export type { Importer, ImportRun, MappedRow, RowProblem, BatchOutcome, WrittenRecord, StoredRecord, DuplicateAction } from './imports/importer.js';
export type { ImportField, ColumnMapping } from './imports/mapping.js';
export { undoRecords } from './imports/undo.js';
export { parseDate, parseMoney, type Parsed } from './imports/cells.js';
// Exports: plugins add exportable lists with `exporters` (docs/data-in-out.md).
export type { Exporter, ExportColumn, ExportCell, ExportContext } from './exports/exporter.js';
export { neutralise } from './exports/exporter.js';
export { allExporters } from './exports/registry.js';
export { downloadExport, downloadToken, exportFile, EXPORT_PATH, EXPORT_BATCH } from './exports/run.js';
export { exportScheduleJob, runDueExportSchedules } from './exports/schedules.js';
export { nextRunAt, type Recurrence } from './exports/recurrence.js';
export { connectionOf } from './schema/connections.js';
export { CORE_SCORE_SOURCES, scoreCustomer, scoreCustomers, type CustomerScoreSource } from './customers/score.js';
