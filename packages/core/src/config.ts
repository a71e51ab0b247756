import path from 'node:path';
import { codePatternProblem, DEFAULT_CUSTOMER_CODE_PATTERN } from './customers/code.js';
import { z } from 'zod';
import { permissionCatalog, rolePermissions, type Permission, type PermissionDefinition, type RolePermissions } from './auth/permissions.js';
import type { MailSettings } from './notifications/account-mail.js';
import { resolveCustomerRules, type CustomerRules } from './customers/rules-config.js';
import { WEBHOOK_DEFAULTS, type WebhookSettings } from './webhooks/settings.js';
import type { RetentionSettings } from './retention/deliveries.js';
import { isTimeZone, LANGUAGES, type DeploymentLocale } from './shared/locale.js';

const listOfNames = z
  .string()
  .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean));

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const permissionTable = z.string().transform((text, ctx) => {
  try {
    // Permission names are checked at start-up, once the enabled plugins' permissions are known.
    rolePermissions(text, null);
    return text;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URL: z.string().url().optional(),
  RAPPORT_DATA_DIR: z.string().default(path.join('.data', 'pglite')),
  RAPPORT_PLUGINS: listOfNames.optional(),
  RAPPORT_PLUGIN_PACKAGES: listOfNames.default([]),
  RAPPORT_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  RAPPORT_DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  RAPPORT_CUSTOMER_CODE_PREFIX: z.string().regex(/^[A-Z0-9-]{0,8}$/).default('CUS-'),
  RAPPORT_CUSTOMER_CODE_PATTERN: z
    .string()
    .superRefine((v, c) => {
      const problem = codePatternProblem(v);
      if (problem) c.addIssue({ code: 'custom', message: problem });
    })
    .default(DEFAULT_CUSTOMER_CODE_PATTERN),
  RAPPORT_CUSTOMER_CODE_LETTERS: z
    .string()
    .regex(/^[A-Z0-9],[A-Z0-9]$/, 'must be the domestic and the foreign letter, e.g. N,W')
    .default('N,W'),
  RAPPORT_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  RAPPORT_CONFIG_FILE: z.string().optional(),
  RAPPORT_DEMO_CUSTOMERS: z.coerce.number().int().min(0).default(300),
  RAPPORT_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  RAPPORT_SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  RAPPORT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RAPPORT_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RAPPORT_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  RAPPORT_METRICS_HOST: z.string().default('127.0.0.1'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  RAPPORT_ALERT_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  RAPPORT_SUBSCRIPTION_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RAPPORT_JOB_TICK_MS: z.coerce.number().int().min(50).default(5_000),
  RAPPORT_LISTEN_BACKLOG: z.coerce.number().int().min(1).default(4_096),
  RAPPORT_FOLLOW_UP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RAPPORT_TIMEZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai').default('UTC'),
  RAPPORT_WEEK_STARTS_ON: z.enum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']).default('MONDAY'),
  RAPPORT_LOCALE: z.enum(LANGUAGES).default('zh-CN'),
  RAPPORT_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. CNY').default('CNY'),
  REDIS_URL: z.string().url().optional(),
  RAPPORT_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default('rapport'),
  RAPPORT_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  RAPPORT_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  RAPPORT_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RAPPORT_ROLE_PERMISSIONS: permissionTable.optional(),
  RAPPORT_PRIVATE_CUSTOM_FIELDS: listOfNames.default([]),
  RAPPORT_MAX_DEPTH: z.coerce.number().int().min(2).default(16),
  RAPPORT_MAX_COST: z.coerce.number().int().min(1).default(20_000),
  RAPPORT_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  RAPPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  RAPPORT_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  RAPPORT_PERSISTED_OPERATIONS: z.string().optional(),
  RAPPORT_TRUST_PROXY: flag.default(false),
  RAPPORT_APP_URL: z.string().url().default('http://localhost:4000'),
  RAPPORT_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  RAPPORT_MAIL_FROM: z.string().min(3).default('Rapport <no-reply@localhost>'),
  RAPPORT_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  RAPPORT_PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  RAPPORT_SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  RAPPORT_SIGN_IN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
  RAPPORT_SIGN_IN_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
  RAPPORT_BOOTSTRAP_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')).optional(),
  RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  RAPPORT_BOOTSTRAP_ADMIN_NAME: z.string().trim().min(1).max(200).default('Administrator'),
  RAPPORT_IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  RAPPORT_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  RAPPORT_IMPORT_SYNC_BYTES: z.coerce.number().int().min(0).default(2 * 1024 * 1024),
  RAPPORT_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  RAPPORT_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RAPPORT_FAILED_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RAPPORT_WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(20).default(WEBHOOK_DEFAULTS.intervalMs),
  RAPPORT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(WEBHOOK_DEFAULTS.timeoutMs),
  RAPPORT_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(WEBHOOK_DEFAULTS.retryBaseMs),
  RAPPORT_WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).default(WEBHOOK_DEFAULTS.retryMaxMs),
  RAPPORT_WEBHOOK_PAUSE_AFTER_FAILURES: z.coerce.number().int().min(1).default(WEBHOOK_DEFAULTS.pauseAfterFailures),
  RAPPORT_WEBHOOK_PAUSE_AFTER_MINUTES: z.coerce.number().int().min(0).default(WEBHOOK_DEFAULTS.pauseAfterMs / 60_000),
});

export interface RapportConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL connection; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /**
   * A PostgreSQL read replica (streaming from `databaseUrl`) for read-heavy reports and exports:
   * `ctx.reportDb`. Unset: reports read the primary.
   */
  databaseReplicaUrl: string | undefined;
  /** Where embedded data lives; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Plugins to enable; undefined means the deployment default (all bundled plugins). */
  plugins: string[] | undefined;
  /** Third-party plugin packages or paths to load, each default-exporting a plugin. */
  pluginPackages: string[];
  maxPageSize: number;
  defaultPageSize: number;
  customerCodePrefix: string;
  /** How new customers' codes are made (customers/code.ts), e.g. `JR{region}{owner:2}{seq:3}`. */
  customerCodePattern: string;
  /** The `{region}` letters: domestic, foreign (004: N, W). */
  customerCodeLetters: { domestic: string; foreign: string };
  /** `auto` seeds demo data into an empty embedded database; never into PostgreSQL. */
  seedDemo: 'auto' | 'never';
  /** Optional JSON file: { "plugins": [names], "pluginConfig": { name: {...} } }. */
  configFile: string | undefined;
  demoCustomers: number;
  shutdownGraceMs: number;
  /** On SIGTERM, how long /readyz answers 503 (while requests are still served) before the listener closes. */
  shutdownDelayMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `/metrics` on the main port needs `Authorization: Bearer <token>`; unset, it is not served there. */
  metricsToken: string | undefined;
  /** A separate listener serving only `/metrics` (on `metricsHost`), e.g. reachable only by Prometheus. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** OTLP/HTTP traces URL: tracing is on only when an endpoint is configured (the standard OTEL_* variables). */
  tracesEndpoint: string | undefined;
  /** How often the alert scheduler looks for due alerts. */
  alertIntervalMs: number;
  /** How often an open subscription's credentials are checked between events (they are at every event too). */
  subscriptionRecheckSeconds: number;
  /** How often the job runner wakes to see which jobs are due (each job has its own interval). */
  jobTickMs: number;
  /** Connections the kernel queues before the server accepts them (capped by net.core.somaxconn). */
  listenBacklog: number;
  /** Days without contact before the owner gets FOLLOW_UP_NEEDED. */
  followUpAfterDays: number;
  /** Spreadsheet imports: file size and row limits, and the file size above which an import runs as a job. */
  imports: { maxBytes: number; maxRows: number; syncBytes: number };
  /** Redis for cross-instance fan-out (alerts) and shared rate limits; unset means in-process. */
  redisUrl: string | undefined;
  /** Prefix of Redis channels and keys, so deployments (or tests) can share one Redis. */
  redisPrefix: string;
  /** Signs access tokens. Unset: start-up generates one (embedded database) or refuses (production). */
  authSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /**
   * Permissions per role: the defaults with RAPPORT_ROLE_PERMISSIONS's roles replaced. `loadConfig`
   * gives core's; `createApp` adds the enabled plugins' (`withPluginPermissions`).
   */
  rolePermissions: RolePermissions;
  /** RAPPORT_ROLE_PERMISSIONS as given (JSON), for `withPluginPermissions`. */
  rolePermissionOverrides: string | undefined;
  /** Every permission that exists in this deployment (core's and the enabled plugins'), with its description. */
  permissions: ReadonlyMap<Permission, string>;
  /** Custom-field keys that need customer.viewPrivateFields. */
  privateCustomFields: string[];
  /** Limits checked before execution: selection depth, estimated cost, aliases. */
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  /** Operations per viewer (or per IP without one) per window, across instances with Redis. */
  rateLimit: number;
  rateLimitWindowSeconds: number;
  /** JSON file { "<id or sha256>": "<query>" }: when set, only these operations run. */
  persistedOperationsFile: string | undefined;
  /** Take the client IP from X-Forwarded-For (behind a proxy you control). */
  trustProxy: boolean;
  /** Tiers, lifecycle, public pool and churn parameters (config file `customerRules`, some RAPPORT_* variables). */
  customerRules: CustomerRules;
  /** Time zone date rules cut days in, language of texts for nobody in particular, default currency. */
  locale: DeploymentLocale;
  /** RAPPORT_WEEK_STARTS_ON: the first day of the weeks core's weekly summaries cut (the weekly follow-up summary). */
  weekStartsOn: 'SUNDAY' | 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY';
  /** Set-password links: where the frontend app lives, and how long invitations and resets stay valid. */
  accounts: AccountSettings;
  /** RAPPORT_SMTP_URL, RAPPORT_MAIL_FROM: e-mail for account links; unset, links go to the log outside production. */
  mail: MailSettings | undefined;
  /** Failed sign-ins before an account (or a client IP) is locked, and for how long. */
  signIn: SignInLimits;
  /** RAPPORT_BOOTSTRAP_ADMIN_*: the first admin, created at start-up while no admin exists. */
  bootstrapAdmin: { email: string; password: string; name: string } | undefined;
  /** RAPPORT_WEBHOOK_*: outbound webhooks' private-address rule, sending interval, timeout, retries and pausing (docs/webhooks.md). */
  webhooks: WebhookSettings;
  /** RAPPORT_DELIVERY_RETENTION_DAYS, RAPPORT_FAILED_DELIVERY_RETENTION_DAYS: how long webhook and notification deliveries are kept (docs/webhooks.md, "Retention"). */
  retention: RetentionSettings;
}

export interface AccountSettings {
  appUrl: string;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
}

export interface SignInLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  /** Also the window failures are counted in. */
  lockSeconds: number;
}

export class ConfigError extends Error {}

/** Reads configuration from the environment; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RapportConfig {
  const parsed = EnvSchema.safeParse(withoutEmptyValues(env));
  const customerRules = resolveCustomerRules(env);
  const bootstrap = bootstrapProblems(env);
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) bootstrap.push('DATABASE_REPLICA_URL: a read replica needs DATABASE_URL (the embedded database has none)');
  if (!parsed.success || !customerRules.rules || bootstrap.length) {
    const problems = [...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`), ...bootstrap];
    throw new ConfigError(`Invalid configuration: ${[...problems, ...customerRules.problems].join('; ')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dataDir: e.RAPPORT_DATA_DIR,
    // Set but empty means "no plugins", unlike other variables where empty means "default".
    plugins: env.RAPPORT_PLUGINS === '' ? [] : e.RAPPORT_PLUGINS,
    pluginPackages: e.RAPPORT_PLUGIN_PACKAGES,
    maxPageSize: e.RAPPORT_MAX_PAGE_SIZE,
    defaultPageSize: Math.min(e.RAPPORT_DEFAULT_PAGE_SIZE, e.RAPPORT_MAX_PAGE_SIZE),
    customerCodePrefix: e.RAPPORT_CUSTOMER_CODE_PREFIX,
    customerCodePattern: e.RAPPORT_CUSTOMER_CODE_PATTERN,
    customerCodeLetters: { domestic: e.RAPPORT_CUSTOMER_CODE_LETTERS[0]!, foreign: e.RAPPORT_CUSTOMER_CODE_LETTERS[2]! },
    seedDemo: e.RAPPORT_SEED_DEMO,
    configFile: e.RAPPORT_CONFIG_FILE,
    demoCustomers: e.RAPPORT_DEMO_CUSTOMERS,
    shutdownGraceMs: e.RAPPORT_SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.RAPPORT_SHUTDOWN_DELAY_MS,
    logLevel: e.RAPPORT_LOG_LEVEL,
    metricsToken: e.RAPPORT_METRICS_TOKEN,
    metricsPort: e.RAPPORT_METRICS_PORT,
    metricsHost: e.RAPPORT_METRICS_HOST,
    tracesEndpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined),
    alertIntervalMs: e.RAPPORT_ALERT_INTERVAL_MS,
    subscriptionRecheckSeconds: e.RAPPORT_SUBSCRIPTION_RECHECK_SECONDS,
    jobTickMs: e.RAPPORT_JOB_TICK_MS,
    listenBacklog: e.RAPPORT_LISTEN_BACKLOG,
    followUpAfterDays: e.RAPPORT_FOLLOW_UP_DAYS,
    webhooks: {
      allowPrivate: e.RAPPORT_WEBHOOK_ALLOW_PRIVATE,
      intervalMs: e.RAPPORT_WEBHOOK_INTERVAL_MS,
      timeoutMs: e.RAPPORT_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.RAPPORT_WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.RAPPORT_WEBHOOK_RETRY_MAX_MS, e.RAPPORT_WEBHOOK_RETRY_BASE_MS),
      pauseAfterFailures: e.RAPPORT_WEBHOOK_PAUSE_AFTER_FAILURES,
      pauseAfterMs: e.RAPPORT_WEBHOOK_PAUSE_AFTER_MINUTES * 60_000,
    },
    retention: { deliveredDays: e.RAPPORT_DELIVERY_RETENTION_DAYS, failedDays: e.RAPPORT_FAILED_DELIVERY_RETENTION_DAYS },
    imports: { maxBytes: e.RAPPORT_IMPORT_MAX_BYTES, maxRows: e.RAPPORT_IMPORT_MAX_ROWS, syncBytes: e.RAPPORT_IMPORT_SYNC_BYTES },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.RAPPORT_REDIS_PREFIX,
    authSecret: e.RAPPORT_AUTH_SECRET,
    accessTokenTtlSeconds: e.RAPPORT_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.RAPPORT_REFRESH_TOKEN_TTL_DAYS,
    rolePermissions: rolePermissions(e.RAPPORT_ROLE_PERMISSIONS, null),
    rolePermissionOverrides: e.RAPPORT_ROLE_PERMISSIONS,
    permissions: permissionCatalog(),
    privateCustomFields: e.RAPPORT_PRIVATE_CUSTOM_FIELDS,
    maxDepth: e.RAPPORT_MAX_DEPTH,
    maxCost: e.RAPPORT_MAX_COST,
    maxAliases: e.RAPPORT_MAX_ALIASES,
    rateLimit: e.RAPPORT_RATE_LIMIT,
    rateLimitWindowSeconds: e.RAPPORT_RATE_LIMIT_WINDOW_SECONDS,
    persistedOperationsFile: e.RAPPORT_PERSISTED_OPERATIONS,
    trustProxy: e.RAPPORT_TRUST_PROXY,
    customerRules: customerRules.rules,
    locale: { timeZone: e.RAPPORT_TIMEZONE, language: e.RAPPORT_LOCALE, currency: e.RAPPORT_CURRENCY },
    weekStartsOn: e.RAPPORT_WEEK_STARTS_ON,
    accounts: {
      appUrl: e.RAPPORT_APP_URL.replace(/\/+$/, ''),
      invitationTtlHours: e.RAPPORT_INVITATION_TTL_HOURS,
      passwordResetTtlMinutes: e.RAPPORT_PASSWORD_RESET_TTL_MINUTES,
    },
    mail: e.RAPPORT_SMTP_URL ? { smtpUrl: e.RAPPORT_SMTP_URL, from: e.RAPPORT_MAIL_FROM } : undefined,
    signIn: {
      maxFailuresPerAccount: e.RAPPORT_SIGN_IN_MAX_FAILURES,
      maxFailuresPerIp: e.RAPPORT_SIGN_IN_IP_MAX_FAILURES,
      lockSeconds: e.RAPPORT_SIGN_IN_LOCK_SECONDS,
    },
    bootstrapAdmin:
      e.RAPPORT_BOOTSTRAP_ADMIN_EMAIL && e.RAPPORT_BOOTSTRAP_ADMIN_PASSWORD
        ? { email: e.RAPPORT_BOOTSTRAP_ADMIN_EMAIL, password: e.RAPPORT_BOOTSTRAP_ADMIN_PASSWORD, name: e.RAPPORT_BOOTSTRAP_ADMIN_NAME }
        : undefined,
  };
}

/** The bootstrap e-mail and password only make sense together. */
function bootstrapProblems(env: NodeJS.ProcessEnv): string[] {
  const email = !!env.RAPPORT_BOOTSTRAP_ADMIN_EMAIL;
  const password = !!env.RAPPORT_BOOTSTRAP_ADMIN_PASSWORD;
  if (email === password) return [];
  return [email ? 'RAPPORT_BOOTSTRAP_ADMIN_PASSWORD: must be set with RAPPORT_BOOTSTRAP_ADMIN_EMAIL' : 'RAPPORT_BOOTSTRAP_ADMIN_EMAIL: must be set with RAPPORT_BOOTSTRAP_ADMIN_PASSWORD'];
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

/**
 * The configuration with the enabled plugins' permissions: in the catalog, in the roles they name (and
 * ADMIN's), under RAPPORT_ROLE_PERMISSIONS, whose names are checked now (a misspelt one stops start-up).
 */
export function withPluginPermissions(config: RapportConfig, declared: readonly PermissionDefinition[]): RapportConfig {
  const permissions = permissionCatalog(declared);
  try {
    return { ...config, permissions, rolePermissions: rolePermissions(config.rolePermissionOverrides, declared) };
  } catch (error) {
    throw new ConfigError(`Invalid configuration: RAPPORT_ROLE_PERMISSIONS: ${(error as Error).message}`);
  }
}
