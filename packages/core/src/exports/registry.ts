import type { EnabledPlugin } from '../plugin.js';
import { CORE_EXPORTERS } from './core.js';
import type { Exporter } from './exporter.js';

/** Core's exportable lists and those of the enabled plugins. */
export function allExporters(plugins: readonly EnabledPlugin[]): Exporter[] {
  return [...CORE_EXPORTERS, ...plugins.flatMap((p) => p.plugin.exporters?.(p.config) ?? [])];
}
