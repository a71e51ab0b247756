import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@rapport/core';
import { enabledPlugins } from '@rapport/server';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';
import { schemaSdl, SNAPSHOT_SETS } from './support/schema.js';

const kinds = await databaseKinds();

const FIXTURE = './test/fixtures/rapport-plugin-birthdays';

describe('schema per plugin set', () => {
  it.each(Object.entries(SNAPSHOT_SETS))('%s matches its committed snapshot (npm run schema:print)', async (name, plugins) => {
    const committed = await readFile(new URL(`./schema-snapshots/${name}.graphql`, import.meta.url), 'utf8');
    expect(schemaSdl(plugins)).toBe(committed);
  });

  it('leaves no trace of a disabled plugin', () => {
    const core = schemaSdl([]);
    for (const trace of ['nextBirthday', 'upcomingBirthdays']) expect(core).not.toContain(trace);
    const withBirthdays = schemaSdl(['birthdays']);
    for (const trace of ['nextBirthday', 'upcomingBirthdays']) expect(withBirthdays).toContain(trace);
  });
});

describeOnDatabases(kinds)('a third-party plugin package on %s', (database) => {
  let server: TestServer;
  let configDir: string;

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(tmpdir(), 'rapport-config-'));
    const plugins = await enabledPlugins(loadConfig({ RAPPORT_PLUGIN_PACKAGES: FIXTURE, RAPPORT_PLUGINS: 'birthdays' }), []);
    server = await startTestServer({ database, customers: 40, plugins });
  });
  afterAll(() => server?.close());

  it('loads from RAPPORT_PLUGIN_PACKAGES, reports itself in deployment and serves its fields', async () => {
    const data = await server.ok(`{ deployment { version plugins { name version } } upcomingBirthdays(days: 366) { name birthday nextBirthday } }`);
    expect(data.deployment.plugins).toEqual([{ name: 'birthdays', version: '1.2.0' }]);
    const withBirthday = await server.db.prisma.contact.count({ where: { birthday: { not: null } } });
    expect(withBirthday).toBeGreaterThan(0);
    expect(data.upcomingBirthdays).toHaveLength(withBirthday);
    const next = data.upcomingBirthdays.map((c: any) => c.nextBirthday);
    expect(next).toEqual([...next].sort());
  });

  it('refuses invalid plugin configuration, naming the plugin and the key', async () => {
    const file = path.join(configDir, 'rapport.json');
    await writeFile(file, JSON.stringify({ pluginConfig: { birthdays: { lookaheadDays: 0 } } }));
    const config = loadConfig({ RAPPORT_PLUGIN_PACKAGES: FIXTURE, RAPPORT_CONFIG_FILE: file });
    await expect(enabledPlugins(config, [])).rejects.toThrow(/Invalid configuration for plugin "birthdays": birthdays.lookaheadDays/);
  });

  it('names a package that cannot be loaded', async () => {
    const config = loadConfig({ RAPPORT_PLUGIN_PACKAGES: './test/fixtures/no-such-plugin' });
    await expect(enabledPlugins(config, [])).rejects.toThrow(/Cannot load plugin package .\/test\/fixtures\/no-such-plugin/);
  });

  it('takes the plugin list from the config file when RAPPORT_PLUGINS is not set', async () => {
    const file = path.join(configDir, 'none.json');
    await writeFile(file, JSON.stringify({ plugins: [] }));
    const plugins = await enabledPlugins(loadConfig({ RAPPORT_PLUGIN_PACKAGES: FIXTURE, RAPPORT_CONFIG_FILE: file }), []);
    expect(plugins).toEqual([]);
  });
});
