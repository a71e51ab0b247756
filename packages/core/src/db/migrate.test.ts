import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/postgres.js';
import type { PluginDataModel } from './compose.js';
import { applyMigrations, defaultMigrationsDir, migrationStatus, type MigrationTarget } from './migrate.js';

/** A fresh database per test, reachable through the runner's target and plain SQL. */
interface Fixture {
  target: MigrationTarget;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

type FixtureFactory = () => Promise<Fixture>;

const realMigrations = (await readdir(defaultMigrationsDir, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// Evaluated at collection time so the PostgreSQL suite is reported as skipped, not passed.
const postgresProbe = await createTestDatabase('rapport_migrate_probe');
await postgresProbe?.drop();

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A migrations folder holding the given `name → SQL` migrations. */
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-migrations-'));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const GOOD = `CREATE TABLE "good" ("id" INTEGER NOT NULL);
CREATE FUNCTION good_answer() RETURNS INTEGER AS $$ SELECT 42; $$ LANGUAGE sql;
`;
// The first statement succeeds, the second fails: the first must not survive.
const BAD = `CREATE TABLE "half" ("id" INTEGER NOT NULL);
INSERT INTO "no_such_table" VALUES (1);
`;

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const rowsOf = (db: Fixture) =>
  db.query<Row>('SELECT * FROM _prisma_migrations ORDER BY migration_name');

async function tableExists(db: Fixture, table: string): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('"${table}"') IS NOT NULL AS present`,
  );
  return row?.present === true;
}

/** A plugin's prisma folder: its migrations and, per other plugin, an integration's. */
async function pluginFolder(
  name: string,
  migrations: Record<string, string>,
  integrations: Record<string, Record<string, string>> = {},
): Promise<PluginDataModel> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `rapport-plugin-${name}-`));
  tempDirs.push(dir);
  const write = async (base: string, files: Record<string, string>) => {
    for (const [migration, sql] of Object.entries(files)) {
      await mkdir(path.join(base, migration), { recursive: true });
      await writeFile(path.join(base, migration, 'migration.sql'), sql);
    }
  };
  await write(path.join(dir, 'migrations'), migrations);
  for (const [other, files] of Object.entries(integrations)) await write(path.join(dir, 'with', other, 'migrations'), files);
  return { name, dir };
}

async function hasRows(db: Fixture): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
  return row?.present === true && (await rowsOf(db)).length > 0;
}

function runnerSuite(fresh: FixtureFactory): void {
  let db: Fixture;
  beforeAll(async () => {
    db = await fresh();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies the repository migrations, recording Prisma-format rows with sha256 checksums', async () => {
    const log: string[] = [];
    const { applied } = await applyMigrations(db.target, { log: (line) => log.push(line) });

    expect(applied).toEqual(realMigrations);
    expect(log).toContain(`Applying migration ${realMigrations[0]}`);
    for (const table of ['User', 'Team', 'Customer', 'Contact', 'Activity']) {
      expect(await tableExists(db, table), table).toBe(true);
    }
    const rows = await rowsOf(db);
    expect(rows.map((row) => row.migration_name)).toEqual(realMigrations);
    for (const row of rows) {
      const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(db.target)).toEqual({ applied: [] });
    expect(await migrationStatus(db.target)).toEqual({ applied: realMigrations, pending: [], pendingByOwner: {} });
    expect(await rowsOf(db)).toHaveLength(realMigrations.length);
  });
}

function failureSuite(fresh: FixtureFactory): void {
  it('rolls a failing migration back completely and names it', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD, '0002_bad': BAD });

      await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(
        /Migration 0002_bad failed.*no_such_table/,
      );
      expect(await tableExists(db, 'good')).toBe(true);
      expect(await tableExists(db, 'half')).toBe(false);
      expect((await rowsOf(db)).map((row) => row.migration_name)).toEqual(['0001_good']);
      expect(await migrationStatus(db.target, { migrationsDir: dir })).toEqual({
        applied: ['0001_good'],
        pending: ['0002_bad'],
        pendingByOwner: { core: ['0002_bad'] },
      });
      const [answer] = await db.query<{ value: number }>('SELECT good_answer() AS value');
      expect(answer?.value).toBe(42);
    } finally {
      await db.close();
    }
  });

  it('keeps nothing of a migration whose row cannot be recorded', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD });
      await applyMigrations(db.target, { migrationsDir: dir });
      // Stands in for a crash between the script and its row.
      await db.query(`CREATE FUNCTION refuse_row() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'row refused'; END; $$ LANGUAGE plpgsql;
        CREATE TRIGGER refuse_row BEFORE INSERT ON _prisma_migrations FOR EACH ROW EXECUTE FUNCTION refuse_row();`);
      await mkdir(path.join(dir, '0002_next'));
      await writeFile(path.join(dir, '0002_next', 'migration.sql'), 'CREATE TABLE "next" ("id" INTEGER);');

      await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(/0002_next.*row refused/);
      expect(await tableExists(db, 'next')).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('refuses when an applied migration was modified', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD });
      await applyMigrations(db.target, { migrationsDir: dir });
      await writeFile(path.join(dir, '0001_good', 'migration.sql'), `${GOOD}-- edited\n`);
      await mkdir(path.join(dir, '0002_next'));
      await writeFile(path.join(dir, '0002_next', 'migration.sql'), 'CREATE TABLE "next" ("id" INTEGER);');

      await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(
        /Migration 0001_good was modified after it was applied/,
      );
      await expect(migrationStatus(db.target, { migrationsDir: dir })).rejects.toThrow(/0001_good/);
      expect(await tableExists(db, 'next')).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("applies core's history first, then each plugin's in the given order, and a plugin's later when it is enabled later", async () => {
    const db = await fresh();
    try {
      const core = await migrationsFolder({ '0002_core': 'CREATE TABLE "core_table" ("id" INTEGER PRIMARY KEY);' });
      // Older names than core's: plugin histories still run after it (they build on core).
      const first = await pluginFolder('first', { '0001_first': 'CREATE TABLE "first_table" ("coreId" INTEGER REFERENCES "core_table");' });
      const second = await pluginFolder('second', { '0000_second': 'CREATE TABLE "second_table" ("id" INTEGER);' }, {
        first: { '0003_second_with_first': 'ALTER TABLE "second_table" ADD COLUMN "firstId" INTEGER;' },
      });

      expect(await applyMigrations(db.target, { migrationsDir: core, plugins: [second] })).toEqual({ applied: ['0002_core', '0000_second'] });
      expect(await tableExists(db, 'first_table')).toBe(false);
      expect((await migrationStatus(db.target, { migrationsDir: core, plugins: [first, second] })).pendingByOwner).toEqual({
        first: ['0001_first'],
        'second+first': ['0003_second_with_first'],
      });

      const { applied } = await applyMigrations(db.target, { migrationsDir: core, plugins: [first, second] });
      expect(applied).toEqual(['0001_first', '0003_second_with_first']);
      expect(await tableExists(db, 'first_table')).toBe(true);
      expect((await rowsOf(db)).map((row) => row.migration_name).sort()).toEqual(['0000_second', '0001_first', '0002_core', '0003_second_with_first']);
    } finally {
      await db.close();
    }
  });

  it('accepts the superseded checksum of a migration split when its plugin moved into its package', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD });
      await applyMigrations(db.target, { migrationsDir: dir });
      const original = await readFile(path.join(dir, '0001_good', 'migration.sql'));
      await writeFile(path.join(dir, '0001_good', 'migration.sql'), `${GOOD}-- split\n`);
      await writeFile(path.join(dir, '0001_good', 'superseded.sha256'), `${createHash('sha256').update(original).digest('hex')}\n`);

      expect(await applyMigrations(db.target, { migrationsDir: dir })).toEqual({ applied: [] });
    } finally {
      await db.close();
    }
  });

  it('refuses a migration name that two histories share', async () => {
    const db = await fresh();
    try {
      const core = await migrationsFolder({ '0001_good': GOOD });
      const plugin = await pluginFolder('copycat', { '0001_good': GOOD });
      await expect(applyMigrations(db.target, { migrationsDir: core, plugins: [plugin] })).rejects.toThrow(
        /0001_good exists in both core and copycat/,
      );
      expect(await hasRows(db)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('refuses while a failed migration is recorded as unfinished', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD, '0002_next': 'CREATE TABLE "next" ("id" INTEGER);' });
      await applyMigrations(db.target, { migrationsDir: dir });
      // What `prisma migrate deploy` leaves behind when a migration fails.
      await db.query(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '0002_next'`);

      await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(
        /Migration 0002_next failed in an earlier run/,
      );
    } finally {
      await db.close();
    }
  });
}

describe('applyMigrations on in-memory PGlite', () => {
  let template: PGlite;
  beforeAll(async () => {
    template = await PGlite.create();
  });
  afterAll(async () => {
    await template?.close();
  });

  const fresh: FixtureFactory = async () => {
    // Cloning a pristine instance is ~4x faster than a new one (initdb).
    const pglite = (await template.clone()) as PGlite;
    return {
      target: { kind: 'pglite', pglite },
      query: async <T>(sql: string) => ((await pglite.exec(sql)).at(-1)?.rows ?? []) as T[],
      close: () => pglite.close(),
    };
  };

  describe('repository migrations', () => runnerSuite(fresh));
  describe('failures', () => failureSuite(fresh));

  it('serializes concurrent runs on one instance', async () => {
    const db = await fresh();
    try {
      const dir = await migrationsFolder({ '0001_good': GOOD });
      const results = await Promise.all([
        applyMigrations(db.target, { migrationsDir: dir }),
        applyMigrations(db.target, { migrationsDir: dir }),
      ]);
      expect(results.flatMap((result) => result.applied)).toEqual(['0001_good']);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(postgresProbe === null)('applyMigrations on PostgreSQL', () => {
  const fresh: FixtureFactory = async () => {
    const database = await createTestDatabase('rapport_migrate');
    if (!database) throw new Error('PostgreSQL became unavailable');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      target: { kind: 'postgres', connectionString: database.url },
      query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      async close() {
        await client.end();
        await database.drop();
      },
    };
  };

  describe('repository migrations', () => runnerSuite(fresh));
  describe('failures', () => failureSuite(fresh));

  it('applies once when two instances migrate at the same time', async () => {
    const db = await fresh();
    try {
      // Slow enough that both runs overlap.
      const dir = await migrationsFolder({
        '0001_slow': 'SELECT pg_sleep(0.5);\nCREATE TABLE "slow" ("id" INTEGER);\n',
      });
      const results = await Promise.all([
        applyMigrations(db.target, { migrationsDir: dir }),
        applyMigrations(db.target, { migrationsDir: dir }),
      ]);

      expect(results.flatMap((result) => result.applied)).toEqual(['0001_slow']);
      expect((await rowsOf(db)).map((row) => row.migration_name)).toEqual(['0001_slow']);
    } finally {
      await db.close();
    }
  });
});
