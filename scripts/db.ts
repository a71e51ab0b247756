// Database commands behind `npm run db:*`. DATABASE_URL set → that PostgreSQL database; otherwise the
// embedded PGlite database in RAPPORT_DATA_DIR (default ./.data/pglite).
import path from 'node:path';
import { loadConfig, pluginDataModels, type EnabledPlugin, type PluginDataModel } from '@rapport/core';
import { openDatabase, redactDatabaseUrl as redact, type Database } from '../packages/core/src/db/client.js';
import { installedDataModels } from '../packages/core/src/db/compose.js';
import { createMigration } from '../packages/core/src/db/create-migration.js';
import { applyMigrations, migrationStatus } from '../packages/core/src/db/migrate.js';
import { seedPlugins } from '../packages/core/src/plugin.js';
import { seedDemoData } from '../packages/core/src/seed/demo.js';
import { enabledPlugins } from '../packages/server/src/startup.js';

const USAGE =
  'usage: tsx scripts/db.ts migrate | status | create-migration <name> [--plugin <plugin> [--with <plugin>]] | seed';

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    await withDatabase(migrate);
  },

  async status() {
    const plugins = pluginDataModels(await deploymentPlugins());
    const { applied, pendingByOwner } = await withDatabase((db) => migrationStatus(db.migrationTarget, { plugins }));
    const pending = Object.values(pendingByOwner).flat();
    console.log(`${applied.length} applied, ${pending.length} pending (core${plugins.map((p) => `, ${p.name}`).join('')})`);
    for (const name of applied) console.log(`applied: ${name}`);
    for (const [owner, names] of Object.entries(pendingByOwner)) for (const name of names) console.log(`pending (${owner}): ${name}`);
  },

  async 'create-migration'(args) {
    const { name, plugin, with: other } = migrationArguments(args);
    const installed = installedDataModels();
    const find = (wanted: string): PluginDataModel => {
      const model = installed.find((m) => m.name === wanted);
      if (!model) throw new Error(`No installed plugin "${wanted}" has a prisma folder (installed: ${installed.map((m) => m.name).join(', ')})`);
      return model;
    };
    const created = await createMigration(name, plugin ? { plugin: find(plugin), ...(other ? { with: find(other) } : {}) } : {});
    const owner = plugin ? `plugin ${plugin}${other ? ` with ${other}` : ''}` : 'core';
    console.log(
      created
        ? `Created ${path.relative(process.cwd(), created.path)}/migration.sql`
        : `No schema changes: the ${owner} schema matches its migrations, nothing created.`,
    );
  },

  async seed() {
    const config = loadConfig();
    // The same plugins the server would enable (RAPPORT_PLUGINS, the config file), resolved before the database opens.
    const plugins = await enabledPlugins(config);
    await withDatabase(async (db) => {
      // Seeding needs the tables, so bring the database up to date first.
      await migrate(db);
      const counts = await seedDemoData(db.prisma, { customers: config.demoCustomers, log: console.log });
      await seedPlugins(db.prisma, plugins, { log: console.log });
      console.log(`Seeded ${JSON.stringify(counts)}; plugins: ${plugins.map((p) => p.plugin.name).join(', ') || 'none'}`);
    });
  },
};

/** The plugins the deployment enables (RAPPORT_PLUGINS, the config file, or every installed one). */
function deploymentPlugins(): Promise<EnabledPlugin[]> {
  return enabledPlugins(loadConfig(process.env));
}

function migrationArguments(args: string[]): { name: string; plugin?: string; with?: string } {
  const option = (flag: string) => {
    const at = args.indexOf(flag);
    if (at === -1) return undefined;
    const value = args[at + 1];
    if (!value || value.startsWith('--')) throw new Error(`${flag} needs a plugin name`);
    args.splice(at, 2);
    return value;
  };
  const plugin = option('--plugin');
  const other = option('--with');
  if (other && !plugin) throw new Error('--with needs --plugin (the plugin that owns the integration)');
  const [name] = args;
  if (!name) throw new Error('create-migration needs a name, e.g. npm run db:migration -- add_deals --plugin service');
  return { name, ...(plugin ? { plugin } : {}), ...(other ? { with: other } : {}) };
}

async function migrate(db: Database): Promise<void> {
  const plugins = pluginDataModels(await deploymentPlugins());
  const { applied } = await applyMigrations(db.migrationTarget, { plugins, log: console.log });
  console.log(applied.length ? `Applied ${applied.length} migration(s)` : 'No pending migrations');
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.RAPPORT_DATA_DIR || path.join('.data', 'pglite');
  console.log(databaseUrl ? `Database: PostgreSQL (${redact(databaseUrl)})` : `Database: PGlite in ${dataDir}`);
  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const [name = '', ...args] = process.argv.slice(2);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new Error(name ? `unknown command "${name}". ${USAGE}` : USAGE);
  await command(args);
}

/** First line of the message, plus the schema location Prisma validation errors give on a later line. */
function oneLine(error: unknown): string {
  const [first = '', ...rest] = (error instanceof Error ? error.message : String(error)).split('\n');
  const location = rest.find((line) => line.trim().startsWith('-->'))?.trim().slice(3).trim();
  return location ? `${first} (${location})` : first;
}

main().catch((error: unknown) => {
  console.error(`db: ${oneLine(error)}`);
  process.exit(1);
});
