// Database commands behind `npm run db:*`. DATABASE_URL set → that PostgreSQL database; otherwise the
// embedded PGlite database in RAPPORT_DATA_DIR (default ./.data/pglite).
import path from 'node:path';
import { loadConfig } from '../packages/core/src/config.js';
import { openDatabase, redactDatabaseUrl as redact, type Database } from '../packages/core/src/db/client.js';
import { createMigration } from '../packages/core/src/db/create-migration.js';
import { applyMigrations, migrationStatus } from '../packages/core/src/db/migrate.js';
import { seedPlugins } from '../packages/core/src/plugin.js';
import { seedDemoData } from '../packages/core/src/seed/demo.js';
import { enabledPlugins } from '../packages/server/src/startup.js';

const USAGE = 'usage: tsx scripts/db.ts migrate | status | create-migration <name> | seed';

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    await withDatabase(migrate);
  },

  async status() {
    const { applied, pending } = await withDatabase((db) => migrationStatus(db.migrationTarget));
    console.log(`${applied.length} applied, ${pending.length} pending`);
    for (const name of applied) console.log(`applied: ${name}`);
    for (const name of pending) console.log(`pending: ${name}`);
  },

  async 'create-migration'([name]) {
    if (!name) throw new Error('create-migration needs a name, e.g. npm run db:migration -- add_deals');
    const created = await createMigration(name);
    console.log(
      created
        ? `Created ${path.relative(process.cwd(), created.path)}/migration.sql`
        : 'No schema changes: prisma/schema matches prisma/migrations, nothing created.',
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

async function migrate(db: Database): Promise<void> {
  const { applied } = await applyMigrations(db.migrationTarget, { log: console.log });
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
