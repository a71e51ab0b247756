import type { CombinedError } from 'urql';
import { translate, type MessageKey } from './i18n.js';
import { useSession } from './session.js';

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const { locale } = useSession();
  return (key, params) => translate(locale, key, params);
}

/** A payload's typed user error (UserErrorFields of @rapport/client). */
export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
}

/** The form field a user error's path names: `["input", "email"]` → `email`, `["input", "tags", "0"]` → `tags`; `_` for none. */
export function formField(path: readonly string[] | null | undefined): string {
  const rest = path?.[0] === 'input' ? path.slice(1) : (path ?? []);
  if (!rest.length) return '_';
  const last = rest[rest.length - 1]!;
  return /^\d+$/.test(last) && rest.length > 1 ? rest[rest.length - 2]! : last;
}

/**
 * Field errors by field name, so a form shows each beside its field; `_` holds a message that names
 * no field. From the payload's typed `userErrors` (converted mutations), and from `errors[]`:
 * authorization and other failures, or `extensions.fields` of a mutation not yet converted.
 */
export function fieldErrors(error: CombinedError | undefined, userErrors: readonly UserErrorLike[] | null | undefined = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of userErrors ?? []) {
    const key = formField(e.field);
    out[key] = out[key] ? `${out[key]} ${e.message}` : e.message;
  }
  if (!error) return out;
  for (const e of error.graphQLErrors) {
    const fields = (e.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
    for (const f of fields) out[f.field.split('.').pop() ?? f.field] = f.message;
    if (!fields.length) out._ = e.message;
  }
  if (error.networkError) out._ = error.networkError.message;
  return out;
}

/** A Decimal amount as money in the reader's language (CNY by default); "—" for null (e.g. without financials). */
export function formatMoney(amount: string | null | undefined, locale: string, currency = 'CNY'): string {
  if (amount == null) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(Number(amount));
}
