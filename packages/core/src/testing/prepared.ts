import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Database, type DatabaseOptions, openDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';

/** Where the test run keeps its database dumps (set by the suites' global setup; see vitest.config.ts). */
export const TEMPLATES_ENV = 'RAPPORT_TEST_TEMPLATES';

/**
 * A fresh in-memory embedded database, prepared by `prepare` (migrations, demo data). A new PGlite
 * cluster runs initdb, which costs seconds; loading a dump of one already prepared costs a fraction,
 * so the first caller of a run prepares and dumps it and every later one (any worker) loads the dump.
 * `key` names everything `prepare` depends on. Without a templates folder each call prepares its own.
 */
export async function openPreparedEmbedded(
  key: string,
  prepare: (db: Database) => Promise<void>,
  options: Pick<DatabaseOptions, 'onQuery'> = {},
): Promise<Database> {
  const folder = process.env[TEMPLATES_ENV];
  const file = folder ? path.join(folder, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.tar`) : null;
  const dump = file ? await readFile(file).catch(() => null) : null;
  if (dump) return openDatabase({ ...options, dataDir: 'memory://', loadDataDir: new Blob([dump]) });

  const db = await openDatabase({ ...options, dataDir: 'memory://' });
  await prepare(db);
  if (file && db.migrationTarget.kind === 'pglite') {
    const blob = await db.migrationTarget.pglite.dumpDataDir('none');
    // Written aside then renamed, so a worker never reads a half-written dump.
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
    await rename(partial, file);
  }
  return db;
}

/** A fresh in-memory embedded database with core's migrations applied (see `openPreparedEmbedded`). */
export function openMigratedEmbedded(): Promise<Database> {
  return openPreparedEmbedded('core migrations', async (db) => {
    await applyMigrations(db.migrationTarget);
  });
}
