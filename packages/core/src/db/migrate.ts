import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { coreMigrationsDir, migrationSets, type MigrationSet, type PluginDataModel } from './compose.js';

export type MigrationTarget = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; connectionString: string };

export interface MigrateOptions {
  /** Core's migrations folder (default prisma/migrations). */
  migrationsDir?: string;
  /**
   * The enabled plugins' data models in dependency order: their histories are applied after core's,
   * each integration (`prisma/with/<other>/migrations`) once both of its plugins are enabled.
   */
  plugins?: readonly PluginDataModel[];
  log?: (line: string) => void;
}

export const defaultMigrationsDir = coreMigrationsDir;

/** The key `prisma migrate deploy` locks, so this runner and Prisma's also exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own definition, so `prisma migrate status/deploy` accept the table this runner creates.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

const INSERT_ROW = `INSERT INTO _prisma_migrations
  (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
  VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`;

interface Migration {
  /** core, a plugin's name, or `<plugin>+<other>` for an integration. */
  owner: string;
  name: string;
  sql: string;
  checksum: string;
  /**
   * Checksums of earlier versions also accepted as applied (`superseded.sha256` beside the script):
   * when a plugin's migration moved into its package, its ties to an optional plugin were split off into
   * an integration migration, and databases that applied the whole original are up to date.
   */
  superseded: string[];
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

interface Connection {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a migration script and the insert recording it in one transaction. */
  runAtomically(script: string, insert: string, params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Applies the pending migrations in name order, each in one transaction with its `_prisma_migrations`
 * row, like `prisma migrate deploy`. Refuses to run when an applied migration was edited or a previous
 * one failed.
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = await readAllMigrations(options);
  return withConnection(target, { exclusive: true }, async (db) => {
    await db.query(CREATE_MIGRATIONS_TABLE);
    const pending = pendingMigrations(migrations, await readRows(db));
    for (const migration of pending) {
      log(`Applying migration ${migration.name}${migration.owner === 'core' ? '' : ` (${migration.owner})`}`);
      await applyOne(db, migration);
    }
    return { applied: pending.map((migration) => migration.name) };
  });
}

/**
 * Applied and pending migration names, and per history (core, each plugin, each integration) which of
 * its migrations are pending; throws on the same inconsistencies `applyMigrations` refuses.
 */
export async function migrationStatus(
  target: MigrationTarget,
  options: MigrateOptions = {},
): Promise<{ applied: string[]; pending: string[]; pendingByOwner: Record<string, string[]> }> {
  const migrations = await readAllMigrations(options);
  return withConnection(target, { exclusive: false }, async (db) => {
    const rows = (await hasMigrationsTable(db)) ? await readRows(db) : [];
    const pendingOnes = pendingMigrations(migrations, rows);
    const applied = rows.filter(isApplied).map((row) => row.migration_name);
    const pendingByOwner: Record<string, string[]> = {};
    for (const migration of pendingOnes) (pendingByOwner[migration.owner] ??= []).push(migration.name);
    return { applied, pending: pendingOnes.map((migration) => migration.name), pendingByOwner };
  });
}

/** Core's history, then the enabled plugins' (see `migrationSets`); a name used twice is refused. */
async function readAllMigrations(options: MigrateOptions): Promise<Migration[]> {
  const sets: MigrationSet[] = migrationSets(options.plugins ?? [], options.migrationsDir ?? defaultMigrationsDir);
  const migrations: Migration[] = [];
  for (const set of sets) {
    // A plugin (or integration) without a migrations folder simply has none; core must have one.
    if (set.owner !== 'core' && !existsSync(set.dir)) continue;
    migrations.push(...(await readMigrations(set.dir, set.owner)));
  }
  const owners = new Map<string, string>();
  for (const migration of migrations) {
    const earlier = owners.get(migration.name);
    if (earlier) throw new Error(`Migration ${migration.name} exists in both ${earlier} and ${migration.owner}: names must be unique`);
    owners.set(migration.name, migration.owner);
  }
  return migrations;
}

async function readMigrations(migrationsDir: string, owner = 'core'): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: Error) => {
    throw new Error(`Cannot read migrations folder ${migrationsDir}: ${error.message}`);
  });
  // Prisma orders migration folders with localeCompare.
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      const bytes = await readFile(file).catch(() => {
        throw new Error(`Migration ${name} has no migration.sql (${file})`);
      });
      const superseded = await readFile(path.join(migrationsDir, name, 'superseded.sha256'), 'utf8').then(
        (text) => text.split(/\s+/).filter((line) => /^[0-9a-f]{64}$/.test(line)),
        () => [],
      );
      return { owner, name, sql: bytes.toString('utf8'), checksum: sha256(bytes), superseded };
    }),
  );
}

function pendingMigrations(migrations: Migration[], rows: MigrationRow[]): Migration[] {
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} failed in an earlier run and is recorded as unfinished. ` +
        `Repair the database, then mark it with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` ` +
        `(or --applied) before migrating again.`,
    );
  }
  const applied = new Map(rows.filter(isApplied).map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && !matchesChecksum(migration, checksum)) {
      throw new Error(
        `Migration ${migration.name} was modified after it was applied (checksum differs from the database). ` +
          'Restore the original migration.sql and put changes in a new migration.',
      );
    }
  }
  return migrations.filter((migration) => !applied.has(migration.name));
}

function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

/** Like Prisma, accept the checksum of the script with the other line-ending convention (git autocrlf). */
function matchesChecksum(migration: Migration, checksum: string): boolean {
  if (migration.checksum === checksum || migration.superseded.includes(checksum)) return true;
  const swapped = migration.sql.includes('\r\n')
    ? migration.sql.replaceAll('\r\n', '\n')
    : migration.sql.replaceAll('\n', '\r\n');
  return sha256(Buffer.from(swapped, 'utf8')) === checksum;
}

async function applyOne(db: Connection, migration: Migration): Promise<void> {
  const startedAt = new Date();
  try {
    await db.runAtomically(migration.sql, INSERT_ROW, [randomUUID(), migration.checksum, migration.name, startedAt]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}

async function readRows(db: Connection): Promise<MigrationRow[]> {
  return db.query<MigrationRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
  );
}

async function hasMigrationsTable(db: Connection): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
  );
  return row?.present === true;
}

async function withConnection<T>(
  target: MigrationTarget,
  mode: { exclusive: boolean },
  work: (db: Connection) => Promise<T>,
): Promise<T> {
  if (target.kind === 'pglite') {
    const db = pgliteConnection(target.pglite);
    return mode.exclusive ? serialized(target.pglite, () => work(db)) : work(db);
  }
  const db = await postgresConnection(target.connectionString, mode.exclusive);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function pgliteConnection(pglite: PGlite): Connection {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    runAtomically: (script, insert, params) =>
      pglite.transaction(async (tx) => {
        await tx.exec(script);
        await tx.query(insert, params);
      }),
    close: async () => {},
  };
}

const pgliteQueues = new WeakMap<PGlite, Promise<unknown>>();

/** PGlite has no second session to lock against: queue concurrent runs on one instance instead. */
function serialized<T>(pglite: PGlite, work: () => Promise<T>): Promise<T> {
  const previous = pgliteQueues.get(pglite) ?? Promise.resolve();
  const next = previous.then(work, work);
  pgliteQueues.set(pglite, next.catch(() => {}));
  return next;
}

async function postgresConnection(connectionString: string, exclusive: boolean): Promise<Connection> {
  const client = new pg.Client({ connectionString });
  // A dropped connection also fails the pending query; unhandled, the event would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    // Held for the whole session: a second instance waits, then finds nothing pending.
    if (exclusive) await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    runAtomically: async (script, insert, params) => {
      await client.query('BEGIN');
      try {
        // No parameters: the simple protocol runs the whole multi-statement script, `$$` bodies intact.
        await client.query(script);
        await client.query(insert, params);
        await client.query('COMMIT');
      } catch (error) {
        // A broken connection cannot roll back (the server already did): report the original error.
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    // Ending the session also releases the advisory lock.
    close: () => client.end(),
  };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
