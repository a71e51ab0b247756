import type { CombinedError } from 'urql';
import { translate, type MessageKey } from './i18n.js';
import { useSession } from './session.js';

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const { locale } = useSession();
  return (key, params) => translate(locale, key, params);
}

/**
 * The server's field-level input errors (`extensions.fields`) by field name, so a form shows each
 * beside its field; `_` holds a message that names no field.
 */
export function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  if (!error) return {};
  const out: Record<string, string> = {};
  for (const e of error.graphQLErrors) {
    const fields = (e.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
    for (const f of fields) out[f.field.split('.').pop() ?? f.field] = f.message;
    if (!fields.length) out._ = e.message;
  }
  if (error.networkError) out._ = error.networkError.message;
  return out;
}
