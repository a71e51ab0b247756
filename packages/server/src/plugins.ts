import type { RapportPlugin } from '@rapport/core';

/** Plugins shipped with Rapport; a deployment enables any subset (all by default). */
export const bundledPlugins: ReadonlyArray<RapportPlugin<any>> = [];
