import type { RapportPlugin } from '@rapport/core';
import partnerPlugin from '@rapport/plugin-partner';
import servicePlugin from '@rapport/plugin-service';

/** Plugins shipped with Rapport; a deployment enables any subset (all by default). */
export const bundledPlugins: ReadonlyArray<RapportPlugin<any>> = [servicePlugin, partnerPlugin];
