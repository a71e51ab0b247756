import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function requireServices(): boolean {
  return process.env.REQUIRE_SERVICES === '1';
}

/**
 * A fresh, uniquely named PostgreSQL database on the server DATABASE_URL points at, or null (with
 * one clear line) when there is none and services are not required.
 */
export async function createTestDatabase(prefix = 'rapport_test'): Promise<{ url: string; drop(): Promise<void> } | null> {
  const adminUrl = process.env.DATABASE_URL;
  const unavailable = (reason: string) => {
    if (requireServices()) throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but ${reason}`);
    console.warn(`[skip] PostgreSQL tests: ${reason}`);
    return null;
  };
  if (!adminUrl) return unavailable('DATABASE_URL is not set');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    return unavailable(`cannot create a database via DATABASE_URL (${(error as Error).message})`);
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
