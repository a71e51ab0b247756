import type { OpenOpportunitiesHook } from './customers/pool-service.js';
import type { CustomerScoreSource } from './customers/score.js';
import type { GraphQLSchema } from 'graphql';
import type { z } from 'zod';
import type { AlertKindDefinition } from './alerts/service.js';
import type { AlertCatalogue } from './alerts/messages.js';
import type { MessageCatalogue } from './error-messages.js';
import type { WebhookEventDefinition } from './webhooks/events.js';
import type { Importer } from './imports/importer.js';
import type { Exporter } from './exports/exporter.js';
import type { CustomerMergeHook } from './customers/merge.js';
import type { UserHandOverHook } from './users/hand-over.js';
import type { Authentication, AuthSettings, Credentials } from './auth/authenticate.js';
import { principalKindsProblem, type PrincipalKind } from './auth/principals.js';
import type { RapportConfig } from './config.js';
import type { PrismaClient } from './db/client.js';
import type { JobDefinition, ScheduledJob } from './jobs/runner.js';
import type { Clock } from './clock.js';
import type { CustomerRules } from './customers/rules-config.js';
import type { DeploymentLocale } from './shared/locale.js';
import type { RapportBuilder } from './schema/builder.js';
import type { PluginDataModel } from './db/compose.js';
import type { PermissionDefinition } from './auth/permissions.js';
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from './shared/random.js';
import type { CoreRefs } from './schema/index.js';

/**
 * The refs each plugin's `register` returns, by plugin name, widened by declaration merging in the
 * plugin that returns them:
 *
 *   declare module '@rapport/core' { interface PluginRefs { service: { Ticket: TicketRef } } }
 *
 * A dependant reads them with `refsOf('service')` after a type-only import of that plugin
 * (`import type {} from '@rapport/plugin-service'`), which is erased at run time: an optional
 * requirement stays optional.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by plugins through declaration merging
export interface PluginRefs {}

/**
 * The extension points plugins define, by name, with the type of a contribution, widened by
 * declaration merging in the defining plugin (e.g. `partnerPortal`). `extensions` is checked against it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by plugins through declaration merging
export interface ExtensionPoints {}

export interface PluginRegistration<Config> {
  /** The core types a plugin extends (e.g. `builder.prismaObjectField(refs.Customer, ...)`). */
  refs: CoreRefs;
  /** The plugin's own configuration section, already validated. */
  config: Config;
  /** Whether another plugin is on, for optional integrations (`requires: ['other?']`). */
  isEnabled(name: string): boolean;
  /**
   * What an enabled plugin's `register` returned (it registers first when required, even optionally);
   * undefined when it is off.
   */
  refsOf<Name extends keyof PluginRefs>(name: Name): PluginRefs[Name] | undefined;
}

export interface RapportPlugin<Config = unknown> {
  name: string;
  version: string;
  description?: string;
  /** Other plugins this one needs; a trailing `?` marks an optional one. */
  requires?: readonly string[];
  /**
   * The package's `prisma/` folder (`new URL('../prisma/', import.meta.url)`): its schema fragment,
   * `migrations/` and optional integrations (`with/<plugin>/`), see docs/plugins.md. Its migrations
   * run only while the plugin is enabled. The package's package.json names the plugin
   * (`"rapport": { "plugin": "<name>" }`) so the schema composes without loading code.
   */
  dataModel?: URL | string;
  /** Schema of the plugin's configuration section; invalid configuration stops start-up. */
  configSchema?: z.ZodType<Config>;
  /** Registers the plugin's types and fields; what it returns is what dependants get from `refsOf`. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a plugin without refs for dependants returns nothing
  register(builder: RapportBuilder, registration: PluginRegistration<Config>): object | void;
  /**
   * Permissions the plugin checks (`can(viewer, 'x.y')`), with their default roles; they exist only
   * while it is enabled. Declare each name in `PermissionRegistry` too (declaration merging) so the
   * plugin's code is type-checked against it: see docs/plugins.md.
   */
  permissions?: readonly PermissionDefinition[];
  /**
   * Webhook event types the plugin emits (through `emitWebhookEvents`, in the transaction of the
   * change), e.g. `ticket.opened`; endpoints can subscribe to them only while it is enabled (docs/webhooks.md).
   */
  webhookEvents?: readonly WebhookEventDefinition[];
  /** Alert kinds the plugin emits (through `emitAlerts`). */
  alertKinds?: readonly AlertKindDefinition[];
  /**
   * Their texts, one catalogue per language (zh-CN and en), by kind: emit with
   * `alertMessage(catalogue, kind, params)` and readers get them in their own language (alerts/messages.ts).
   */
  alertMessages?: AlertCatalogue;
  /**
   * The texts of its refusals and stored reasons, one catalogue per language (zh-CN and en): make them
   * with `defineMessages` (keys type-checked, every key in both languages), raise with the book it
   * returns (`book.refuse`, `book.field`, `book.error`, `book.stored`) and give `book.catalogue` here.
   * Readers get the viewer's locale, else Accept-Language, else zh-CN; never an English sentence.
   */
  messages?: MessageCatalogue;
  /** Periodic jobs; they run only while the plugin is enabled. */
  jobs?: ReadonlyArray<JobDefinition<Config>>;
  /** Demo data, run after core's demo seed when a demo database is seeded. */
  seed?(ctx: SeedContext<Config>): Promise<void>;
  /**
   * Runs inside `mergeCustomers`' transaction before core repoints every foreign key to Customer:
   * combine rows a unique constraint would refuse to move (e.g. one row per customer and user), and
   * update references core cannot see (ids kept in text columns). Core moves whatever is left.
   */
  onCustomerMerge?: CustomerMergeHook;
  /**
   * Runs inside deactivateUser's transaction, after core handed the departing user's customers and
   * open tasks to their successor: move the plugin's open work (e.g. tickets) too, audit each row, and
   * report what moved. Core never imports the plugin.
   */
  onUserHandOver?: UserHandOverHook;
  /**
   * Which of the given customers have an open opportunity (or whatever the plugin's open sales work
   * is), for the public pools' release rules (basis OPPORTUNITY, exemptOpenOpportunities). Core knows
   * no opportunities of its own: without such a plugin no customer has one.
   */
  openOpportunities?: OpenOpportunitiesHook;
  /**
   * Parts of the customer score the plugin measures (e.g. complaints from tickets, campaign
   * responses), each with its label, direction and default weight; customerRules.score.weights
   * overrides the weight by key (docs/customer-rules.md).
   */
  customerScoreParts?: readonly CustomerScoreSource[];
  /** HTTP endpoints beside /graphql (e.g. a webhook); mounted only while the plugin is enabled. */
  routes?: ReadonlyArray<PluginRoute<Config>>;
  /**
   * Kinds of principal the plugin's users are (e.g. a portal's outside users), beside core's staff:
   * how one is loaded, its tokens' audience and lifetimes (`definePrincipalKind`). They sign in through
   * core's session service (`login`, `refreshSession`, `logout` with the kind) and an endpoint serving
   * the kind (`principal`) accepts their tokens only.
   */
  principals?: ReadonlyArray<PrincipalKind<any>>;
  /**
   * Extra GraphQL endpoints served beside `/graphql` (e.g. a portal for outside users), each with a
   * schema of its own and its own credentials. Called once per server start.
   */
  endpoints?(ctx: EndpointContext<Config>): PluginEndpoint[];
  /**
   * Contributions to extension points that other plugins define, keyed by the point's name (e.g.
   * `portal`). The plugin defining a point documents the value's shape, validates and uses it;
   * core only carries it. Declare the defining plugin as an optional requirement (`'other?'`).
   */
  extensions?: Readonly<{ [Point in keyof ExtensionPoints]?: ExtensionPoints[Point] } & Record<string, unknown>>;
  /** Entities a spreadsheet can import into, beside core's CUSTOMER, CONTACT and ACTIVITY (docs/data-in-out.md); given the plugin's configuration. */
  importers?(config: Config): readonly Importer[];
  /** Lists that export to CSV and XLSX, beside core's (docs/data-in-out.md); given the plugin's configuration. */
  exporters?(config: Config): readonly Exporter[];
}

export interface EndpointContext<Config = unknown> {
  /** The plugin's own configuration section. */
  config: Config;
  /** The deployment's configuration. */
  deployment: RapportConfig;
  /** Every enabled plugin in dependency order: where an endpoint finds contributions to its schema. */
  plugins: readonly EnabledPlugin[];
}

/** Limits an endpoint sets instead of the deployment's (each one left out keeps the deployment's). */
export interface EndpointLimits {
  maxDepth?: number;
  maxCost?: number;
  maxAliases?: number;
  /** Operations per viewer (per IP without one) and window, counted apart from /graphql's. */
  rateLimit?: number;
  rateLimitWindowSeconds?: number;
}

/** A GraphQL endpoint a plugin serves: HTTP, SSE and graphql-ws on its own path. */
export interface PluginEndpoint {
  /** Names its committed schema snapshot, e.g. `supplier-portal`. */
  name: string;
  /** e.g. `/suppliers/graphql`; must not be `/graphql`. */
  path: string;
  /** Builds the endpoint's schema on a fresh builder of its own: it holds only what is registered there. */
  buildSchema(): GraphQLSchema;
  /**
   * The principal kind this endpoint serves (one of the plugin's `principals`): core authenticates its
   * access tokens (`authenticatePrincipal`) and refuses every other kind's, staff tokens and API keys.
   */
  principal?: PrincipalKind<any>;
  /**
   * Instead of `principal`: the viewer for credentials presented on this endpoint (one query at most).
   * It must accept only its own credentials: a staff token or API key is refused here like a forged one.
   */
  authenticate?(prisma: PrismaClient, settings: AuthSettings, credentials: Credentials, now: Date): Promise<Authentication>;
  limits?: EndpointLimits;
  /** Whether the schema may be introspected (and GraphiQL served). */
  introspection: boolean;
}

/**
 * A plain HTTP endpoint. The server resolves no viewer for it: the handler authenticates the
 * request itself (a webhook signature, say) and answers with any status and body.
 */
export interface PluginRoute<Config = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The exact path, e.g. `/webhooks/telephony`. */
  path: string;
  handler(request: Request, ctx: RouteContext<Config>): Promise<Response>;
}

export interface RouteContext<Config = unknown> {
  prisma: PrismaClient;
  clock: Clock;
  config: Config;
  /** The deployment's customer rules, for recordInteraction. */
  customerRules: CustomerRules;
  /** The deployment's time zone, language and currency. */
  locale: DeploymentLocale;
  log: (line: string) => void;
}

export interface SeedContext<Config = unknown> {
  prisma: PrismaClient;
  now: Date;
  config: Config;
  /** Seeded random numbers, so demo data is reproducible. */
  rng: Rng;
  log: (line: string) => void;
}

export function definePlugin<Config = undefined>(plugin: RapportPlugin<Config>): RapportPlugin<Config> {
  if (!/^[a-z][a-z0-9-]*$/.test(plugin.name)) {
    throw new Error(`Plugin name "${plugin.name}" must be lower-case letters, digits and dashes`);
  }
  return plugin;
}

export interface EnabledPlugin {
  plugin: RapportPlugin<unknown>;
  config: unknown;
}

export class PluginConfigurationError extends Error {}

interface Requirement {
  name: string;
  optional: boolean;
}

function requirementsOf(plugin: RapportPlugin<unknown>): Requirement[] {
  return (plugin.requires ?? []).map((r) => ({ name: r.replace(/\?$/, ''), optional: r.endsWith('?') }));
}

/**
 * Resolves the plugins a deployment enables into dependency order, validating each one's
 * configuration. Every problem is reported in one message naming the plugin.
 */
export function resolvePlugins(
  available: ReadonlyArray<RapportPlugin<unknown>>,
  enabledNames: readonly string[],
  configs: Record<string, unknown> = {},
): EnabledPlugin[] {
  const byName = new Map(available.map((p) => [p.name, p]));
  const unknown = enabledNames.filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new PluginConfigurationError(
      `Unknown plugin${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (available: ${[...byName.keys()].join(', ') || 'none'})`,
    );
  }
  const enabled = new Set(enabledNames);
  for (const name of enabled) {
    const missing = requirementsOf(byName.get(name)!).filter((r) => !r.optional && !enabled.has(r.name));
    if (missing.length) {
      throw new PluginConfigurationError(
        `Plugin "${name}" requires ${missing.map((r) => `"${r.name}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not enabled`,
      );
    }
  }
  return inDependencyOrder([...enabled], byName, enabled).map((plugin) => ({
    plugin,
    config: validatedConfig(plugin, configs[plugin.name]),
  }));
}

function inDependencyOrder(
  names: string[],
  byName: Map<string, RapportPlugin<unknown>>,
  enabled: Set<string>,
): RapportPlugin<unknown>[] {
  const ordered: RapportPlugin<unknown>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new PluginConfigurationError(`Plugin dependency cycle: ${[...path, name].join(' -> ')}`);
    }
    state.set(name, 'visiting');
    const plugin = byName.get(name)!;
    for (const r of requirementsOf(plugin)) if (enabled.has(r.name)) visit(r.name, [...path, name]);
    state.set(name, 'done');
    ordered.push(plugin);
  };
  for (const name of [...names].sort()) visit(name, []);
  return ordered;
}

function validatedConfig(plugin: RapportPlugin<unknown>, raw: unknown): unknown {
  if (!plugin.configSchema) return raw;
  const parsed = plugin.configSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${[plugin.name, ...i.path].join('.')}: ${i.message}`);
  throw new PluginConfigurationError(`Invalid configuration for plugin "${plugin.name}": ${problems.join('; ')}`);
}

/** The permissions the enabled plugins declare. */
export function pluginPermissions(plugins: readonly EnabledPlugin[]): PermissionDefinition[] {
  return plugins.flatMap(({ plugin }) => plugin.permissions ?? []);
}

/** The data models of the enabled plugins, in their (dependency) order, for `applyMigrations`. */
export function pluginDataModels(plugins: readonly EnabledPlugin[]): PluginDataModel[] {
  return plugins.flatMap(({ plugin }) => {
    if (plugin.dataModel === undefined) return [];
    const dir = plugin.dataModel instanceof URL ? fileURLToPath(plugin.dataModel) : plugin.dataModel;
    return [{ name: plugin.name, dir }];
  });
}

/** Runs each enabled plugin's demo seed, in dependency order, after core's demo data exists. */
export async function seedPlugins(
  prisma: PrismaClient,
  plugins: readonly EnabledPlugin[],
  options: { now?: Date; seed?: number; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  for (const { plugin, config } of plugins) {
    if (!plugin.seed) continue;
    log(`Seeding demo data for plugin ${plugin.name}…`);
    await plugin.seed({ prisma, now: options.now ?? new Date(), config, rng: createRng(options.seed ?? 1), log });
  }
}

/** The extra endpoints the enabled plugins serve. */
export function pluginEndpoints(plugins: readonly EnabledPlugin[], deployment: RapportConfig): PluginEndpoint[] {
  const principalsProblem = principalKindsProblem(plugins.flatMap(({ plugin }) => plugin.principals ?? []));
  if (principalsProblem) throw new PluginConfigurationError(principalsProblem);
  const endpoints = plugins.flatMap(({ plugin, config }) =>
    (plugin.endpoints?.({ config, deployment, plugins }) ?? []).map((endpoint) => {
      if (!endpoint.principal === !endpoint.authenticate) {
        throw new PluginConfigurationError(`The ${plugin.name} plugin's endpoint ${endpoint.path} must set exactly one of principal and authenticate`);
      }
      if (endpoint.principal && !plugin.principals?.includes(endpoint.principal)) {
        throw new PluginConfigurationError(`The ${plugin.name} plugin's endpoint ${endpoint.path} serves the principal kind "${endpoint.principal.name}", which it does not register in principals`);
      }
      return endpoint;
    }),
  );
  const paths = endpoints.map((e) => e.path);
  const clash = paths.find((p, i) => p === '/graphql' || paths.indexOf(p) !== i);
  if (clash) throw new PluginConfigurationError(`Two endpoints claim the path ${clash}`);
  return endpoints;
}

/** The periodic jobs of the enabled plugins, each with its plugin's configuration. */
export function pluginJobs(plugins: readonly EnabledPlugin[]): ScheduledJob[] {
  return plugins.flatMap(({ plugin, config }) => (plugin.jobs ?? []).map((job) => ({ job, config })));
}

export interface MountedRoute {
  route: PluginRoute<unknown>;
  config: unknown;
}

const RESERVED_PATHS = new Set(['/graphql', '/healthz', '/readyz', '/exports/download']);

/** The HTTP routes of the enabled plugins; a path taken twice (or by the server) is a configuration error. */
export function pluginRoutes(plugins: readonly EnabledPlugin[]): MountedRoute[] {
  const taken = new Map<string, string>();
  return plugins.flatMap(({ plugin, config }) =>
    (plugin.routes ?? []).map((route) => {
      const key = `${route.method} ${route.path}`;
      if (RESERVED_PATHS.has(route.path) || taken.has(key)) {
        throw new PluginConfigurationError(`Plugin "${plugin.name}" route ${key} is already served by ${taken.get(key) ?? 'the server'}`);
      }
      taken.set(key, `plugin "${plugin.name}"`);
      return { route, config };
    }),
  );
}
