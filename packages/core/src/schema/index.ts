import { printSchema, lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { registerScoreSchema } from '../customers/score-schema.js';
import { registerActivitySchema } from '../activities/schema.js';
import { registerAlertSchema } from '../alerts/schema.js';
import { registerApprovalSchema } from '../approvals/schema.js';
import { registerVisitSchema } from '../visits/schema.js';
import { auditEveryMutation } from '../audit/mutations.js';
import { registerAuditSchema } from '../audit/schema.js';
import { registerJobSchema } from '../jobs/schema.js';
import { registerWebhookSchema } from '../webhooks/schema.js';
import { registerNotificationSchema } from '../notifications/schema.js';
import { webhookEventCatalog } from '../webhooks/events.js';
import { registerAuthSchema } from '../auth/schema.js';
import { permissionCatalog, type Permission } from '../auth/permissions.js';
import { pluginPermissions, type PluginRefs } from '../plugin.js';
import { CORE_ALERT_KINDS } from '../alerts/service.js';
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertCatalogueOf } from '../alerts/messages.js';
import { registerMessages } from '../error-messages.js';
import { registerContactSchema } from '../contacts/schema.js';
import { registerCustomerSchema } from '../customers/schema.js';
import { registerCustomerPracticesSchema } from '../customers/practices-schema.js';
import { registerCustomFieldSchema } from '../custom-fields/schema.js';
import { registerDuplicateSchema } from '../customers/duplicates-schema.js';
import { registerMergeSchema } from '../customers/merge-schema.js';
import { registerTagSchema } from '../tags/schema.js';
import { registerSavedViewSchema } from '../saved-views/schema.js';
import { CORE_IMPORTERS } from '../imports/registry.js';
import { registerImportSchema } from '../imports/schema.js';
import { allExporters } from '../exports/registry.js';
import { registerExportSchema } from '../exports/schema.js';
import { registerExportScheduleSchema } from '../exports/schedule-schema.js';
import type { EnabledPlugin } from '../plugin.js';
import { registerUserSchema } from '../users/schema.js';
import { registerUserAdminSchema } from '../users/admin-schema.js';
import { createBuilder, type BuilderOptions, type RapportBuilder } from './builder.js';
import { registerCommon } from './common.js';
import { registerScalars } from './scalars.js';
import { reportUserErrors } from './user-errors.js';
import { answerLoadedColumns } from './loaded-columns.js';
import { describe, describeSchema } from './descriptions.js';
import { CORE_DESCRIPTIONS } from './core-descriptions.js';

export const RAPPORT_VERSION = '0.1.0';

function registerCoreSchema(builder: RapportBuilder, permissions: ReadonlyMap<Permission, string>) {
  registerScalars(builder);
  describe(builder, CORE_DESCRIPTIONS);
  const common = registerCommon(builder);
  const users = registerUserSchema(builder);
  const customers = registerCustomerSchema(builder, common, users);
  const contacts = registerContactSchema(builder, common, customers);
  const activities = registerActivitySchema(builder, { common, users, customers, contacts });
  const auth = registerAuthSchema(builder, users, customers, permissions);
  registerCustomerPracticesSchema(builder, { common, users, customers });
  registerAuditSchema(builder);
  registerJobSchema(builder);
  const approvals = registerApprovalSchema(builder, users);
  const visits = registerVisitSchema(builder, { User: users.User, Customer: customers.Customer, Contact: contacts.Contact, ApprovalRequest: approvals.ApprovalRequest });
  // Customer data practices: typed custom fields, the tag list, duplicate warnings.
  const customFields = registerCustomFieldSchema(builder);
  const tags = registerTagSchema(builder);
  const savedViews = registerSavedViewSchema(builder);
  const duplicates = registerDuplicateSchema(builder, customers, contacts);
  return { ...duplicates, ...common, ...users, ...customers, ...contacts, ...activities, ...auth, ...customFields, ...tags, ...savedViews, ...approvals, ...visits };
}

export type CoreRefs = ReturnType<typeof registerCoreSchema>;

function registerDeployment(builder: RapportBuilder, plugins: readonly EnabledPlugin[]) {
  const PluginInfo = builder.objectRef<{ name: string; version: string }>('PluginInfo').implement({
    fields: (t) => ({ name: t.exposeString('name'), version: t.exposeString('version') }),
  });
  const Deployment = builder.objectRef<{ version: string }>('Deployment').implement({
    description: 'What this server runs: the Rapport version and the plugins switched on.',
    fields: (t) => ({
      version: t.exposeString('version'),
      timeZone: t.string({ resolve: (_d, _a, ctx) => ctx.config.locale.timeZone }),
      language: t.string({ resolve: (_d, _a, ctx) => ctx.config.locale.language }),
      currency: t.string({ resolve: (_d, _a, ctx) => ctx.config.locale.currency }),
      plugins: t.field({
        type: [PluginInfo],
        resolve: () => plugins.map(({ plugin }) => ({ name: plugin.name, version: plugin.version })),
      }),
    }),
  });
  builder.queryField('deployment', (t) => t.field({ type: Deployment, resolve: () => ({ version: RAPPORT_VERSION }) }));
}

export interface SchemaOptions extends BuilderOptions {
  plugins?: readonly EnabledPlugin[];
}

/** Builds the GraphQL schema from core plus the enabled plugins, in dependency order. */
export function buildSchema(options: SchemaOptions): GraphQLSchema {
  const plugins = options.plugins ?? [];
  const builder = createBuilder(options);
  // Every root field, core's and plugins', is for staff and API keys unless it opts out (login).
  builder.queryType({ authScopes: { staff: true } });
  builder.mutationType({ authScopes: { staff: true } });
  builder.subscriptionType({ authScopes: { staff: true } });
  const refs = registerCoreSchema(builder, permissionCatalog(pluginPermissions(plugins)));
  registerScoreSchema(builder, refs, plugins.flatMap((p) => p.plugin.customerScoreParts ?? []));
  registerMergeSchema(builder, refs, plugins.flatMap((p) => (p.plugin.onCustomerMerge ? [p.plugin.onCustomerMerge] : [])));
  registerUserAdminSchema(builder, refs, plugins.flatMap((p) => (p.plugin.onUserHandOver ? [p.plugin.onUserHandOver] : [])));
  // Plugins' texts are registered when defined (defineMessages); a catalogue given otherwise is added here.
  for (const { plugin } of plugins) if (plugin.messages) registerMessages(plugin.messages);
  const alertKinds = [...CORE_ALERT_KINDS, ...plugins.flatMap((p) => p.plugin.alertKinds ?? [])];
  const { AlertKind } = registerAlertSchema(
    builder,
    alertKinds,
    alertCatalogueOf(plugins),
  );
  const { NotificationChannel } = registerNotificationSchema(builder, { AlertKind, Team: refs.Team }, alertKinds.map((k) => k.kind));
  registerDeployment(builder, plugins);
  registerImportSchema(builder, refs, [...CORE_IMPORTERS, ...plugins.flatMap((p) => p.plugin.importers?.(p.config) ?? [])]);
  const exportRefs = registerExportSchema(builder, allExporters(plugins));
  registerExportScheduleSchema(builder, { ...exportRefs, NotificationChannel }, allExporters(plugins));
  registerWebhookSchema(builder, webhookEventCatalog(plugins.flatMap((p) => p.plugin.webhookEvents ?? [])));
  const enabledNames = new Set(plugins.map((p) => p.plugin.name));
  // In dependency order, so a plugin's (optional) requirements have returned their refs already.
  const returned = new Map<string, unknown>();
  for (const { plugin, config } of plugins) {
    const refsOf = <Name extends keyof PluginRefs>(name: Name) => returned.get(name) as PluginRefs[Name] | undefined;
    const own = plugin.register(builder, { refs, config, isEnabled: (name) => enabledNames.has(name), refsOf });
    if (own) returned.set(plugin.name, own);
  }
  const schema = builder.toSchema();
  describeSchema(builder, schema);
  auditEveryMutation(schema);
  // After the audit safety net: a refused change (userErrors) is not audited either.
  reportUserErrors(schema);
  answerLoadedColumns(schema);
  return schema;
}

/** The SDL with types and fields sorted, so committed snapshots diff cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}
