import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, LANGUAGES, type Language } from '../shared/locale.js';
import { CORE_ALERT_MESSAGES } from './core-messages.js';

/**
 * Alert texts live in one catalogue per language, keyed by alert kind, written in ICU MessageFormat
 * (intl-messageformat, FormatJS): a text names its parameters (`{subject}`), chooses among variants
 * (`{decision, select, APPROVED {…} other {…}}`) and formats dates in the reader's language and time
 * zone (`{dueAt, date, dateTime}`), so no sentence is assembled in code. An alert is stored with its
 * kind and parameters and rendered when it is read, in the reader's language; its stored title and
 * body (rendered in zh-CN when it was raised) serve readers without a catalogue.
 */
export interface AlertText {
  title: string;
  body?: string;
}

/** Texts by alert kind for every language; core's and each plugin's (`RapportPlugin.alertMessages`). */
export type AlertCatalogue<Kind extends string = string> = { readonly [L in Language]: Readonly<Record<Kind, AlertText>> };

/** A text's parameters as stored: dates as epoch milliseconds (ICU date formats take numbers). */
export type AlertParams = Record<string, string | number | null>;
export type AlertParamsInput = Record<string, string | number | Date | null | undefined>;

/** The formats texts may name: `{at, date, dateTime}` / `{at, date, day}`, in the reader's zone. */
function formats(timeZone: string) {
  return {
    date: {
      dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone },
      day: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone },
    },
  } as const;
}

function format(text: string, language: Language, timeZone: string, params: AlertParams): string {
  return String(new IntlMessageFormat(text, language, formats(timeZone), { ignoreTag: true }).format(params));
}

export function storedParams(params: AlertParamsInput): AlertParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, value instanceof Date ? value.getTime() : (value ?? null)]),
  );
}

/**
 * The alert's title and body in one language and zone, or null when no catalogue has its kind or its
 * text needs a parameter the alert was not raised with (an older text): the stored text serves then.
 */
export function renderAlert(
  catalogue: AlertCatalogue,
  kind: string,
  params: AlertParams,
  language: Language,
  timeZone: string,
): { title: string; body: string | null } | null {
  const text = catalogue[language][kind];
  if (!text) return null;
  // A parameter left out (no comment on a decision) reads as nothing; a body with nothing in it is none.
  const values = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value ?? '']));
  try {
    const body = text.body ? format(text.body, language, timeZone, values) : '';
    return { title: format(text.title, language, timeZone, values), body: body || null };
  } catch {
    return null;
  }
}

/** Joins core's catalogue and the plugins'; a kind two of them write is a mistake caught at start-up. */
export function mergeCatalogues(catalogues: readonly AlertCatalogue[]): AlertCatalogue {
  const merged = Object.fromEntries(LANGUAGES.map((language) => [language, {} as Record<string, AlertText>])) as Record<Language, Record<string, AlertText>>;
  for (const catalogue of catalogues) {
    for (const language of LANGUAGES) {
      for (const [kind, text] of Object.entries(catalogue[language])) {
        if (merged[language][kind]) throw new Error(`Alert kind ${kind} has two ${language} messages`);
        merged[language][kind] = text;
      }
    }
  }
  return merged;
}

/** Core's catalogue joined with the enabled plugins' (the graph and the notification channels read it). */
export function alertCatalogueOf(plugins: ReadonlyArray<{ plugin: { alertMessages?: AlertCatalogue } }>): AlertCatalogue {
  return mergeCatalogues([CORE_ALERT_MESSAGES, ...plugins.flatMap((p) => (p.plugin.alertMessages ? [p.plugin.alertMessages] : []))]);
}

/**
 * What an emitter puts in its AlertInput for a kind of this catalogue: the kind, its parameters,
 * and the title and body rendered in zh-CN in the deployment's zone as the stored fallback.
 */
export function alertMessage<Kind extends string>(catalogue: AlertCatalogue<Kind>, kind: Kind, params: AlertParamsInput = {}) {
  const stored = storedParams(params);
  const rendered = renderAlert(catalogue, kind, stored, 'zh-CN', DEFAULT_LOCALE.timeZone)!;
  return { kind, title: rendered.title, body: rendered.body, params: stored };
}
