import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactDatabaseUrl as redact } from '../db/client.js';

export function requireServices(): boolean {
  return process.env.REQUIRE_SERVICES === '1';
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
  // Lower-case so the quoted name equals its unquoted spelling in psql.
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
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

