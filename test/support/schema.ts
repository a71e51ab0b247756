import { buildSchema, loadConfig, printSortedSchema, resolvePlugins, type RapportPlugin } from '@rapport/core';
import { bundledPlugins } from '@rapport/server';
import birthdays from '../fixtures/rapport-plugin-birthdays/index.js';

/** Every plugin a snapshot may name: the bundled ones and the third-party test fixture. */
export const snapshotPlugins: ReadonlyArray<RapportPlugin<any>> = [...bundledPlugins, birthdays];

/** The plugin sets whose printed schemas are committed under test/schema-snapshots/. */
export const SNAPSHOT_SETS: Record<string, string[]> = {
  core: [],
  birthdays: ['birthdays'],
  ...Object.fromEntries(bundledPlugins.map((p) => [p.name, [p.name]])),
  bundled: bundledPlugins.map((p) => p.name),
};

/** The SDL a deployment with the given plugins serves (all bundled plugins by default). */
export function schemaSdl(pluginNames: string[] = bundledPlugins.map((p) => p.name)): string {
  const config = loadConfig({ NODE_ENV: 'test' });
  const plugins = resolvePlugins(snapshotPlugins, pluginNames);
  return printSortedSchema(buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize }));
}
