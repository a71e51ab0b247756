import type { RapportPlugin } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import knowledgePlugin from '@rapport/plugin-knowledge';
import marketingPlugin from '@rapport/plugin-marketing';
import partnerPlugin from '@rapport/plugin-partner';
import salesPlugin from '@rapport/plugin-sales';
import servicePlugin from '@rapport/plugin-service';

/** Plugins shipped with Rapport; a deployment enables any subset (all by default). */
export const bundledPlugins: ReadonlyArray<RapportPlugin<any>> = [servicePlugin, callcenterPlugin, knowledgePlugin, marketingPlugin, partnerPlugin, salesPlugin];
