// Who reads a response, for the texts written to them (alerts, error messages): the viewer's own
// language and time zone (their locale setting), else what the request asks for (Accept-Language),
// else the deployment's language (RAPPORT_LOCALE, zh-CN by default) and zone.
import { actingUserId } from '../auth/viewer.js';
import type { RapportContext } from '../context.js';
import { DEFAULT_LOCALE, languageOf, type Language } from './locale.js';

export interface Reader {
  language: Language;
  timeZone: string;
}

/**
 * The first language of an Accept-Language header we write (zh-CN first, en second), by quality,
 * or null when it names none of them (`*`, a language we do not write, no header).
 */
export function acceptedLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return null;
}

/** Per context, per event (the context itself for a plain request): one pushed value may reach many streams. */
const readers = new WeakMap<object, WeakMap<object, Promise<Reader>>>();

/**
 * The reader of this request: one lookup of the viewer's settings per request, or per `event` (a
 * live subscription's pushed value) so a stream follows a language changed while it is open.
 */
export function readerOf(ctx: RapportContext, event?: object): Promise<Reader> {
  const key = event ?? ctx;
  let ofContext = readers.get(ctx);
  if (!ofContext) readers.set(ctx, (ofContext = new WeakMap()));
  let reader = ofContext.get(key);
  if (!reader) {
    const userId = actingUserId(ctx.viewer);
    const fallback = acceptedLanguage(ctx.acceptLanguage) ?? ctx.config?.locale?.language ?? 'zh-CN';
    reader = (userId ? ctx.prisma.user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true } }) : Promise.resolve(null)).then(
      (user) => ({ language: user ? languageOf(user.locale, fallback) : fallback, timeZone: user?.timeZone ?? ctx.config?.locale?.timeZone ?? DEFAULT_LOCALE.timeZone }),
    );
    ofContext.set(key, reader);
  }
  return reader;
}
