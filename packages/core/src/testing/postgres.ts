import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactDatabaseUrl as redact } from '../db/client.js';

export function requireServices(): boolean {
  return process.env.REQUIRE_SERVICES === '1';
}

/**
 * Whether the PostgreSQL server DATABASE_URL points at answers (false and one `[skip]` line when not, or
 * an error with REQUIRE_SERVICES=1, as `createTestDatabase`); nothing is created.
 */
export async function postgresAvailable(): Promise<boolean> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return unavailable('DATABASE_URL not set') ?? false;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    return unavailable(`cannot connect to ${redact(adminUrl)} (${(error as Error).message})`) ?? false;
  }
  await admin.end();
  return true;
}

/**
 * A fresh, uniquely named database on the PostgreSQL server DATABASE_URL points at (an admin
 * connection: tests never use that database itself). Returns null, after one `[skip]` line, when
 * DATABASE_URL is unset or the server is unreachable, unless REQUIRE_SERVICES=1, which makes that an error.
 */
export async function createTestDatabase(
  prefix = 'rapport_test',
): Promise<{ url: string; drop(): Promise<void> } | null> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return unavailable('DATABASE_URL not set');
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    return unavailable(`cannot connect to ${redact(adminUrl)} (${(error as Error).message})`);
  }
  const name = uniqueName(prefix);
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function uniqueName(prefix: string): string {
  // Lower-case so the quoted name equals its unquoted spelling in psql.
  return `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function unavailable(reason: string): null {
  if (requireServices()) throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but ${reason}`);
  console.warn(`[skip] PostgreSQL tests: ${reason}`);
  return null;
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}


/**
 * Like `createTestDatabase`, but the new database is a copy (`CREATE DATABASE … TEMPLATE`) of one
 * prepared once per run by `prepare` (migrations, demo data), which costs seconds a copy does not.
 * `key` names everything `prepare` depends on; `run` names the test run, whose templates and copies
 * `dropTemplateDatabases(run)` removes at its end.
 */
export async function createPreparedTestDatabase(
  run: string,
  key: string,
  prepare: (url: string) => Promise<void>,
): Promise<{ url: string; drop(): Promise<void> } | null> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return unavailable('DATABASE_URL not set');
  const template = `${templatePrefix(run)}${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  if (!(await databaseExists(adminUrl, template))) {
    const building = await createTestDatabase('rapport_building');
    if (!building) return null;
    await prepare(building.url);
    const name = new URL(building.url).pathname.slice(1);
    // Renamed only once prepared and disconnected, so a template is never seen half made; a worker
    // that lost the race to another drops its own copy.
    await runAdmin(adminUrl, `ALTER DATABASE "${name}" RENAME TO "${template}"`).catch(() => building.drop());
  }
  // Dropping a database costs a second or more, so a copy is dropped in the background; named under
  // the run's prefix, one the worker's exit interrupted goes with the templates at the end of the run.
  const copy = uniqueName(`${templatePrefix(run)}copy`);
  await runAdmin(adminUrl, `CREATE DATABASE "${copy}" TEMPLATE "${template}"`);
  const drop = () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`).catch(() => {});
  return { url: databaseUrl(adminUrl, copy), drop: async () => void drop() };
}

/** Drops the template databases `createPreparedTestDatabase` made for this run, and their copies. */
export async function dropTemplateDatabases(run: string): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch {
    return;
  }
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [templatePrefix(run)]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

function templatePrefix(run: string): string {
  return `rapport_tpl_${run.toLowerCase().replace(/[^a-z0-9]/g, '')}_`;
}

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}
