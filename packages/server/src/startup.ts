import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  applyMigrations,
  bootstrapAdmin,
  openDatabase,
  systemClock,
  pluginDataModels,
  resolveAuthSecret,
  resolvePlugins,
  seedDemoData,
  indexStaleCustomers,
  codePendingRegions,
  fillLegacyCustomerCodes,
  seedPlugins,
  type Clock,
  type RapportConfig,
  type RapportPlugin,
} from '@rapport/core';
import { createApp, type RapportApp } from './app.js';
import { createLogger, type Logger } from './logger.js';
import { loadPersistedOperations } from './persisted-operations.js';
import { RedisRateLimitStore } from './rate-limit.js';
import { bundledPlugins } from './plugins.js';
import { RedisAlertBus } from './redis-bus.js';

const ConfigFileSchema = z.object({
  plugins: z.array(z.string()).optional(),
  pluginConfig: z.record(z.string(), z.unknown()).optional(),
});

async function readConfigFile(file: string | undefined) {
  if (!file) return {};
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`Cannot read RAPPORT_CONFIG_FILE ${file}: ${error.message}`);
  });
  const parsed = ConfigFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Invalid RAPPORT_CONFIG_FILE ${file}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * A plugin given as a path: a file, or a package folder (its package.json `exports` "." or `main`).
 * Node's ESM loader imports no folders, so the entry is found here.
 */
async function pluginEntry(specifier: string): Promise<string> {
  const target = path.resolve(specifier);
  if (!(await stat(target).catch(() => null))?.isDirectory()) return pathToFileURL(target).href;
  const manifest = JSON.parse(await readFile(path.join(target, 'package.json'), 'utf8').catch(() => '{}')) as {
    exports?: string | Record<string, unknown>;
    main?: string;
  };
  const dot = typeof manifest.exports === 'string' ? manifest.exports : (manifest.exports?.['.'] as string | Record<string, string> | undefined);
  const entry = typeof dot === 'string' ? dot : (dot?.import ?? dot?.default ?? manifest.main ?? 'index.js');
  return pathToFileURL(path.join(target, entry)).href;
}

/** Third-party plugins: packages (or paths) whose default export is a `definePlugin(...)`. */
async function loadPluginPackages(specifiers: readonly string[]): Promise<RapportPlugin<any>[]> {
  return Promise.all(
    specifiers.map(async (specifier) => {
      const target = specifier.startsWith('.') || path.isAbsolute(specifier) ? await pluginEntry(specifier) : specifier;
      const loaded = (await import(target).catch((error: Error) => {
        throw new Error(`Cannot load plugin package ${specifier}: ${error.message}`);
      })) as { default?: RapportPlugin<any> };
      if (!loaded.default?.name || typeof loaded.default.register !== 'function') {
        throw new Error(`Plugin package ${specifier} has no default export made with definePlugin()`);
      }
      return loaded.default;
    }),
  );
}

/**
 * Which plugins run: RAPPORT_PLUGINS wins over the config file; neither means every available one
 * (bundled plus the packages RAPPORT_PLUGIN_PACKAGES loads).
 */
export async function enabledPlugins(config: RapportConfig, bundled: ReadonlyArray<RapportPlugin<any>> = bundledPlugins) {
  const file = await readConfigFile(config.configFile);
  const available = [...bundled, ...(await loadPluginPackages(config.pluginPackages))];
  const names = config.plugins ?? file.plugins ?? available.map((p) => p.name);
  return resolvePlugins(available, names, file.pluginConfig ?? {});
}

/** Describes the database without credentials, for logs. */
export function describeDatabase(config: RapportConfig): string {
  if (!config.databaseUrl) return `embedded PGlite at ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export interface StartOptions {
  config: RapportConfig;
  clock?: Clock;
  log?: (line: string) => void;
  /** Structured logs; JSON on stdout at RAPPORT_LOG_LEVEL unless given. */
  logger?: Logger;
  plugins?: ReadonlyArray<RapportPlugin<any>>;
}

/**
 * Start-up order: plugins, secret and allow-list resolved (fail fast) → database → migrations (core's,
 * then each enabled plugin's) → demo seed → HTTP.
 */
export async function startRapport({ config, clock, logger = createLogger(config), log = (line) => logger.info(line), plugins }: StartOptions): Promise<{ app: RapportApp; url: string }> {
  const enabled = await enabledPlugins(config, plugins);
  const authSecret = await resolveAuthSecret(config, log);
  const persistedOperations = config.persistedOperationsFile ? await loadPersistedOperations(config.persistedOperationsFile) : undefined;
  const db = await openDatabase({ databaseUrl: config.databaseUrl, replicaUrl: config.databaseReplicaUrl, dataDir: config.dataDir });
  try {
    const { applied } = await applyMigrations(db.migrationTarget, { plugins: pluginDataModels(enabled), log });
    if (applied.length) log(`Applied ${applied.length} migration(s)`);
    if (config.seedDemo === 'auto' && db.kind === 'pglite' && (await db.prisma.customer.count()) === 0) {
      log(`Seeding demo data (${config.demoCustomers} customers)…`);
      await seedDemoData(db.prisma, { customers: config.demoCustomers, log });
      await seedPlugins(db.prisma, enabled, { log });
    }
    const indexed = await indexStaleCustomers(db.prisma);
    if (indexed) log(`Indexed ${indexed} customer(s) for search`);
    const legacyCodes = await fillLegacyCustomerCodes(db.prisma, config.customerCodePrefix);
    if (legacyCodes) log(`Stored the codes of ${legacyCodes} customer(s)`);
    const coded = await codePendingRegions(db.prisma);
    if (coded) log(`Coded the regions of ${coded} customer(s)`);
    await bootstrapAdmin(db.prisma, config.bootstrapAdmin, clock ?? systemClock, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  const alertBus = config.redisUrl ? await RedisAlertBus.connect(config.redisUrl, `${config.redisPrefix}:alerts`) : undefined;
  const rateLimitStore = config.redisUrl ? await RedisRateLimitStore.connect(config.redisUrl, `${config.redisPrefix}:rate:`) : undefined;
  // The SDK is imported only when tracing is configured.
  const tracing = config.tracesEndpoint ? (await import('./tracing.js')).startTracing(config.tracesEndpoint) : undefined;
  const app = createApp({
    config: { ...config, authSecret },
    db,
    plugins: enabled,
    runJobs: true,
    log,
    logger,
    alertBus,
    rateLimitStore,
    persistedOperations,
    ...(tracing ? { tracing } : {}),
    ...(clock ? { clock } : {}),
  });
  const url = await app.listen();
  log(`Rapport listening on ${url} — database: ${describeDatabase(config)}; plugins: ${enabled.map((p) => p.plugin.name).join(', ') || 'none'}`);
  return { app, url };
}
