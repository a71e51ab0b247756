// Every plugin's own catalogue (RapportPlugin.messages, made with defineMessages): each key in zh-CN
// and en, each text valid ICU MessageFormat with the same parameters in both, zh-CN written in Chinese.
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type MessageCatalogue } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import knowledgePlugin from '@rapport/plugin-knowledge';
import marketingPlugin from '@rapport/plugin-marketing';
import partnerPlugin from '@rapport/plugin-partner';
import salesPlugin from '@rapport/plugin-sales';
import servicePlugin from '@rapport/plugin-service';
import { describe, expect, it } from 'vitest';

const catalogues = [callcenterPlugin, knowledgePlugin, marketingPlugin, partnerPlugin, salesPlugin, servicePlugin].flatMap((p) =>
  p.messages ? [[p.name, p.messages] as [string, MessageCatalogue]] : [],
);
type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };
const names = (elements: Element[]): string[] =>
  elements.flatMap((e) => [...(e.type !== 0 && typeof e.value === 'string' ? [e.value] : []), ...Object.values(e.options ?? {}).flatMap((o) => names(o.value))]);
const params = (text: string) => [...new Set(names(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst() as Element[]))].sort();

describe('plugin message catalogues', () => {
  it('are given by the plugins that raise refusals', () => {
    expect(catalogues.map(([name]) => name)).toContain('sales');
  });

  it.each(catalogues)('%s: every key in both languages, valid, with the same parameters, zh-CN in Chinese', (_name, catalogue) => {
    expect(Object.keys(catalogue['zh-CN']).sort()).toEqual(Object.keys(catalogue.en).sort());
    for (const key of Object.keys(catalogue.en)) {
      for (const language of LANGUAGES) expect(() => new IntlMessageFormat(catalogue[language][key]!, language, undefined, { ignoreTag: true }), key).not.toThrow();
      expect(params(catalogue['zh-CN'][key]!), key).toEqual(params(catalogue.en[key]!));
      expect(catalogue['zh-CN'][key], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
