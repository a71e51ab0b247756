import path from 'node:path';
import { z } from 'zod';

const listOfNames = z
  .string()
  .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  RAPPORT_DATA_DIR: z.string().default(path.join('.data', 'pglite')),
  RAPPORT_PLUGINS: listOfNames.optional(),
  RAPPORT_PLUGIN_PACKAGES: listOfNames.default([]),
  RAPPORT_DEMO_USER: z.string().email().default('admin@demo.local'),
  RAPPORT_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  RAPPORT_DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  RAPPORT_CUSTOMER_CODE_PREFIX: z.string().regex(/^[A-Z0-9-]{0,8}$/).default('CUS-'),
  RAPPORT_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  RAPPORT_CONFIG_FILE: z.string().optional(),
  RAPPORT_DEMO_CUSTOMERS: z.coerce.number().int().min(0).default(300),
  RAPPORT_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export interface RapportConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** PostgreSQL connection; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Where embedded data lives; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Plugins to enable; undefined means the deployment default (all bundled plugins). */
  plugins: string[] | undefined;
  /** Third-party plugin packages or paths to load, each default-exporting a plugin. */
  pluginPackages: string[];
  demoUserEmail: string;
  maxPageSize: number;
  defaultPageSize: number;
  customerCodePrefix: string;
  /** `auto` seeds demo data into an empty embedded database; never into PostgreSQL. */
  seedDemo: 'auto' | 'never';
  /** Optional JSON file: { "plugins": [names], "pluginConfig": { name: {...} } }. */
  configFile: string | undefined;
  demoCustomers: number;
  shutdownGraceMs: number;
}

export class ConfigError extends Error {}

/** Reads configuration from the environment; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RapportConfig {
  const parsed = EnvSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.RAPPORT_DATA_DIR,
    // Set but empty means "no plugins", unlike other variables where empty means "default".
    plugins: env.RAPPORT_PLUGINS === '' ? [] : e.RAPPORT_PLUGINS,
    pluginPackages: e.RAPPORT_PLUGIN_PACKAGES,
    demoUserEmail: e.RAPPORT_DEMO_USER,
    maxPageSize: e.RAPPORT_MAX_PAGE_SIZE,
    defaultPageSize: Math.min(e.RAPPORT_DEFAULT_PAGE_SIZE, e.RAPPORT_MAX_PAGE_SIZE),
    customerCodePrefix: e.RAPPORT_CUSTOMER_CODE_PREFIX,
    seedDemo: e.RAPPORT_SEED_DEMO,
    configFile: e.RAPPORT_CONFIG_FILE,
    demoCustomers: e.RAPPORT_DEMO_CUSTOMERS,
    shutdownGraceMs: e.RAPPORT_SHUTDOWN_GRACE_MS,
  };
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
