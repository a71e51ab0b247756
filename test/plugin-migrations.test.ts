// Each plugin's tables come from its own migration history, applied only while it is enabled: a
// deployment that turns a plugin on later gets exactly that plugin's migrations at the next start.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, openDatabase } from '@rapport/core';
import { startRapport } from '@rapport/server';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-plugin-migrations-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const PLUGIN_TABLES = {
  service: 'Ticket',
  marketing: 'Campaign',
  callcenter: 'Call',
  knowledge: 'Article',
  partner: 'PartnerOrganization',
} as const;

const migrationsOf = async (plugin: string, under = 'migrations') =>
  (await readdir(path.join('packages/plugins', plugin, 'prisma', under), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** Starts the server as `npm start` does (embedded database in dataDir), then stops it; returns its log. */
async function startWith(plugins: string): Promise<string[]> {
  const log: string[] = [];
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    RAPPORT_DATA_DIR: path.join(dataDir, 'pglite'),
    RAPPORT_PLUGINS: plugins,
    RAPPORT_SEED_DEMO: 'never',
    RAPPORT_AUTH_SECRET: 'test-secret-that-is-at-least-32-characters-long',
  });
  const { app } = await startRapport({ config, log: (line) => log.push(line) });
  await app.close();
  return log;
}

async function presentTables(): Promise<string[]> {
  const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    return Object.values(PLUGIN_TABLES).filter((table) => rows.some((row) => row.tablename === table));
  } finally {
    await db.close();
  }
}

const applied = (log: string[]) => log.filter((line) => line.startsWith('Applying migration ')).map((line) => line.slice(19));

describe('plugin migrations on an embedded database', () => {
  it('creates no table of a disabled plugin on a fresh database', async () => {
    const log = await startWith('');
    expect(applied(log).length).toBeGreaterThan(0);
    expect(applied(log).every((line) => !line.includes('('))).toBe(true);
    expect(await presentTables()).toEqual([]);
  });

  it('applies only the migrations of a plugin turned on for an existing database', async () => {
    const log = await startWith('marketing');
    expect(applied(log)).toEqual((await migrationsOf('marketing')).map((name) => `${name} (marketing)`));
    expect(await presentTables()).toEqual(['Campaign']);
  });

  it('applies an integration once both of its plugins are on, after both', async () => {
    const log = await startWith('marketing,callcenter,service');
    expect(applied(log)).toEqual([
      ...(await migrationsOf('service')).map((name) => `${name} (service)`),
      ...(await migrationsOf('callcenter')).map((name) => `${name} (callcenter)`),
      ...(await migrationsOf('callcenter', 'with/service/migrations')).map((name) => `${name} (callcenter+service)`),
    ]);
    expect(await presentTables()).toEqual(['Ticket', 'Campaign', 'Call']);
    expect(applied(await startWith('marketing,callcenter,service'))).toEqual([]);
  });

  it('keeps the tables of a plugin turned off again, and applies nothing', async () => {
    expect(applied(await startWith(''))).toEqual([]);
    expect(await presentTables()).toEqual(['Ticket', 'Campaign', 'Call']);
  });
});
