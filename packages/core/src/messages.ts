// A plugin's own texts for people (refusals, stored reasons), one catalogue per language like core's
// error catalogue (error-messages.ts): the plugin defines them once with `defineMessages`, raises with
// the book it gets back (keys type-checked), and every reader gets their language.
import {
  catalogueMessages,
  registerMessages,
  storedText,
  type ErrorParams,
  type MessageCatalogue,
} from './error-messages.js';
import { InputError, RapportError, type ErrorCode, type FieldError, type UserErrorCode } from './errors.js';
import type { Messages } from './shared/locale.js';

/** What `defineMessages` gives a plugin: its catalogue, and errors and stored texts made from its keys. */
export interface MessageBook<Key extends string = string> {
  readonly catalogue: MessageCatalogue<Key>;
  /** One text in every language. */
  texts(key: Key, params?: ErrorParams): Messages;
  /** An error (errors[] or, from a mutation with a payload, a userError without a field) in the reader's language. */
  error(code: ErrorCode, key: Key, params?: ErrorParams, extensions?: Record<string, unknown>): RapportError;
  /** A field error (a userError at `field`). */
  field(field: string, key: Key, params?: ErrorParams, code?: UserErrorCode): FieldError;
  /** Throws an InputError with that one field error. */
  refuse(field: string, key: Key, params?: ErrorParams, code?: UserErrorCode): never;
  /** A text kept in a row for later readers, read with `storedMessageIn`. */
  stored(key: Key, params?: ErrorParams): string;
  /** The key itself, as a zod rule's message (`z.string().refine(ok, book.key('x'))`): rendered like core's `rules`. */
  key<K extends Key>(key: K): K;
}

/**
 * A plugin's catalogue: `{ 'zh-CN': { key: text }, en: { key: text } }` in ICU MessageFormat, zh-CN
 * first; en must have every key zh-CN has (and no other), so a text missing in a language does not
 * compile. Give the book's catalogue to the plugin as `messages`; keys are global (name them
 * `<plugin>.<topic>.<what>`) and registered here so stored texts and zod rules can find them.
 */
export function defineMessages<const Zh extends Record<string, string>>(catalogue: {
  'zh-CN': Zh;
  en: { [K in keyof Zh]: string };
}): MessageBook<Extract<keyof Zh, string>> {
  type Key = Extract<keyof Zh, string>;
  const texts = catalogue as unknown as MessageCatalogue<Key>;
  registerMessages(texts);
  const field = (at: string, key: Key, params: ErrorParams = {}, code?: UserErrorCode): FieldError => {
    const messages = catalogueMessages(texts, key, params);
    return { field: at, message: messages.en, messages, ...(code ? { code } : {}) };
  };
  return {
    catalogue: texts,
    texts: (key, params = {}) => catalogueMessages(texts, key, params),
    error(code, key, params = {}, extensions = {}) {
      const messages = catalogueMessages(texts, key, params);
      const error = new RapportError(code, messages.en, extensions);
      error.messages = messages;
      return error;
    },
    field,
    refuse(at, key, params, code) {
      throw new InputError([field(at, key, params, code)]);
    },
    stored: (key, params = {}) => storedText(key, params),
    key: (key) => key,
  };
}
