import { buildSchema, loadConfig, printSortedSchema, resolvePlugins } from '@rapport/core';
import { bundledPlugins } from '@rapport/server';

/** The SDL a deployment with the given plugins serves (all bundled plugins by default). */
export function schemaSdl(pluginNames: string[] = bundledPlugins.map((p) => p.name)): string {
  const config = loadConfig({ NODE_ENV: 'test' });
  const plugins = resolvePlugins(bundledPlugins, pluginNames);
  return printSortedSchema(buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize }));
}

