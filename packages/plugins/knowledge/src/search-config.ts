/**
 * PostgreSQL text search configuration per language (primary subtag). Mirrors the SQL function
 * `knowledge_search_config` of the knowledge_base migration, which the generated search column
 * uses; a test checks they agree. Languages without a stemmer (Chinese, Japanese, ...) use 'simple'.
 */
export const SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
  ru: 'russian',
  sv: 'swedish',
};

export const FALLBACK_SEARCH_CONFIG = 'simple';

export function searchConfigFor(language: string): string {
  const primary = language.replace(/_/g, '-').split('-')[0]!.toLowerCase();
  return SEARCH_CONFIGS[primary] ?? FALLBACK_SEARCH_CONFIG;
}

/** Every configuration an article may be indexed with: a query without a language runs in all of them. */
export const ALL_SEARCH_CONFIGS: readonly string[] = [...new Set([...Object.values(SEARCH_CONFIGS), FALLBACK_SEARCH_CONFIG])];
