import { buildSchema, loadConfig, pluginEndpoints, printSortedSchema, resolvePlugins, type RapportPlugin } from '@rapport/core';
import { bundledPlugins } from '@rapport/server';
import birthdays from '../fixtures/rapport-plugin-birthdays/index.js';
import partnerFaq from '../fixtures/rapport-plugin-partner-faq/index.js';

/** Every plugin a snapshot may name: the bundled ones and the third-party test fixtures. */
export const snapshotPlugins: ReadonlyArray<RapportPlugin<any>> = [...bundledPlugins, birthdays, partnerFaq];

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

/** The SDL of every extra endpoint (e.g. the partner portal) a deployment with these plugins serves, by endpoint name. */
export function endpointSdls(pluginNames: string[] = bundledPlugins.map((p) => p.name)): Record<string, string> {
  const plugins = resolvePlugins(snapshotPlugins, pluginNames);
  return Object.fromEntries(pluginEndpoints(plugins, loadConfig({ NODE_ENV: 'test' })).map((e) => [e.name, printSortedSchema(e.buildSchema())]));
}
