import type { FieldError } from '../errors.js';

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored (PostgreSQL text holds no NUL; UTF-8 has no lone surrogates), or null. */
export function unstorableTextReason(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === '\u0000' ? 'must not contain NUL characters' : 'must not contain a lone surrogate (invalid Unicode)';
}

/**
 * Every string in an input value (objects and lists walked) that cannot be stored, named by its path
 * below `path` the way services name fields (`contacts.0.name`).
 */
export function unstorableText(value: unknown, path: string[] = []): FieldError[] {
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    return reason ? [{ field: path.join('.'), message: reason }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableText(item, [...path, String(i)]));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(unstorableTextReason(key) ? [{ field: [...path, key].join('.'), message: unstorableTextReason(key)! }] : []),
      ...unstorableText(item, [...path, key]),
    ]);
  }
  return [];
}
