import { isUuid, Prisma, type ArticleStatus, type ArticleVisibility, type PrismaClient } from '@rapport/core';
import { articleAudienceFilter, articleAudienceSql, type ArticleAudience } from './audience.js';
import { escapeHtml } from './render.js';
import { ALL_SEARCH_CONFIGS, searchConfigFor } from './search-config.js';

export interface ArticleFilter {
  /** In this category or any category below it. */
  categoryId?: string | null;
  /** Tagged with any of these. */
  tags?: string[] | null;
  status?: ArticleStatus[] | null;
  visibility?: ArticleVisibility[] | null;
  language?: string | null;
}

export interface SearchHit {
  id: string;
  rank: number;
  /** Best passages of summary and body; HTML-escaped, matches wrapped in <mark>. */
  snippet: string;
  /** The title, HTML-escaped, matches wrapped in <mark>. */
  titleHighlight: string;
}

/** Markers ts_headline puts around matches: control characters no article text contains. */
const START = '\u0002';
const STOP = '\u0003';
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** ts_headline copies article text: escape all of it, then turn only our markers into <mark>. */
export function safeHighlight(headline: string): string {
  const clean = headline.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => (c === START || c === STOP ? c : ''));
  return escapeHtml(clean).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

/** Ids of a category and every category below it (none for an id that names no category). */
export async function categoryAndDescendants(prisma: PrismaClient, categoryId: string): Promise<string[]> {
  if (!isUuid(categoryId)) return [];
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    WITH RECURSIVE tree AS (
      SELECT id FROM "ArticleCategory" WHERE id = ${categoryId}::uuid
      UNION
      SELECT c.id FROM "ArticleCategory" c JOIN tree t ON c."parentId" = t.id
    )
    SELECT id::text AS id FROM tree`;
  return rows.map((r) => r.id);
}

/** The filter as a Prisma `where`, for lists; the audience rule is added by the caller. */
export async function articleFilterWhere(prisma: PrismaClient, filter: ArticleFilter | null | undefined): Promise<Prisma.ArticleWhereInput> {
  if (!filter) return {};
  const and: Prisma.ArticleWhereInput[] = [];
  if (filter.categoryId) and.push({ categoryId: { in: await categoryAndDescendants(prisma, filter.categoryId) } });
  if (filter.tags?.length) and.push({ tags: { hasSome: filter.tags.map((t) => t.toLowerCase()) } });
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.visibility?.length) and.push({ visibility: { in: filter.visibility } });
  if (filter.language) and.push({ language: { equals: filter.language, mode: 'insensitive' } });
  return and.length ? { AND: and } : {};
}

async function filterSql(prisma: PrismaClient, filter: ArticleFilter | null | undefined): Promise<Prisma.Sql> {
  const and: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter?.categoryId) {
    const ids = await categoryAndDescendants(prisma, filter.categoryId);
    and.push(ids.length ? Prisma.sql`a."categoryId" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})` : Prisma.sql`FALSE`);
  }
  if (filter?.tags?.length) and.push(Prisma.sql`a."tags" && ${filter.tags.map((t) => t.toLowerCase())}::text[]`);
  if (filter?.status?.length) and.push(Prisma.sql`a."status"::text IN (${Prisma.join(filter.status)})`);
  if (filter?.visibility?.length) and.push(Prisma.sql`a."visibility"::text IN (${Prisma.join(filter.visibility)})`);
  if (filter?.language) and.push(Prisma.sql`lower(a."language") = lower(${filter.language})`);
  return Prisma.join(and, ' AND ');
}

/** Runs of CJK characters: indexed as characters and pairs (knowledge_cjk_vector in the cjk_search migration). */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

export function cjkRuns(text: string): string[] {
  return text.match(CJK_RUN) ?? [];
}

/** A CJK run as the index holds it: a single character, or the phrase of its overlapping pairs. */
function cjkTsquery(run: string): Prisma.Sql {
  if (run.length === 1) return Prisma.sql`plainto_tsquery('simple'::regconfig, ${run})`;
  const pairs = Array.from({ length: run.length - 1 }, (_, i) => run.slice(i, i + 2)).join(' ');
  return Prisma.sql`phraseto_tsquery('simple'::regconfig, ${pairs})`;
}

/**
 * The words in the configuration of the filtered language, or, without one, in every configuration
 * an article may be indexed with (OR-ed), so each article matches in its own language's terms; each
 * CJK run as a phrase of its characters. `any` turns the terms' AND into OR (suggestions from a
 * ticket subject).
 */
function tsquerySql(text: string, language: string | null | undefined, any: boolean): Prisma.Sql {
  const words = text.replace(CJK_RUN, ' ').trim();
  const configs = language ? [searchConfigFor(language)] : ALL_SEARCH_CONFIGS;
  const parts = cjkRuns(text).map(cjkTsquery);
  if (words) {
    const parsed = configs.map((config) =>
      any
        ? Prisma.sql`coalesce(nullif(replace(plainto_tsquery(${config}::regconfig, ${words})::text, ' & ', ' | '), ''), '')::tsquery`
        : Prisma.sql`websearch_to_tsquery(${config}::regconfig, ${words})`,
    );
    parts.unshift(Prisma.sql`(${Prisma.join(parsed, ' || ')})`);
  }
  return Prisma.sql`(${Prisma.join(parts, any ? ' || ' : ' && ')})`;
}

/**
 * ts_headline cannot mark a word inside unspaced CJK text (to the parser it is part of one long
 * word), so for a query with CJK runs the passage around the first match is cut here, every run
 * marked as ts_headline marks words.
 */
export function cjkHeadline(text: string, runs: string[], around = 40): string {
  const first = Math.min(...runs.map((run) => text.indexOf(run)).filter((i) => i >= 0), Number.POSITIVE_INFINITY);
  const at = Number.isFinite(first) ? first : 0;
  const start = Math.max(0, at - around);
  const end = Math.min(text.length, at + 2 * around);
  // Runs hold CJK characters only: nothing to escape; the longest first, so it wins over its parts.
  const longestFirst = new RegExp([...runs].sort((a, b) => b.length - a.length).join('|'), 'g');
  const marked = text.slice(start, end).replace(longestFirst, (m) => `${START}${m}${STOP}`);
  return `${start > 0 ? '… ' : ''}${marked}${end < text.length ? ' …' : ''}`;
}

export interface SearchOptions {
  audience: ArticleAudience;
  now: Date;
  text: string;
  filter?: ArticleFilter | null;
  limit: number;
  offset: number;
  /** Match any term instead of all of them. */
  matchAny?: boolean;
}

/**
 * Full-text search over title (weight A), summary (B) and body (C), ranked by ts_rank_cd (length-
 * normalised, so a long body does not outweigh a title); a title equal to the query ranks first.
 * Every audience's rule applies, so partners and the public find only what they may read.
 */
export async function searchArticles(prisma: PrismaClient, options: SearchOptions): Promise<{ hits: SearchHit[]; totalCount: number }> {
  const text = options.text.trim();
  if (!text) return { hits: [], totalCount: 0 };
  const where = Prisma.sql`a."searchVector" @@ q.query AND ${articleAudienceSql(options.audience, options.now)} AND ${await filterSql(prisma, options.filter)}`;
  const query = tsquerySql(text, options.filter?.language, options.matchAny ?? false);
  const runs = cjkRuns(text);
  const rows = await prisma.$queryRaw<Array<{ id: string; rank: number; snippet: string; title: string; text: string | null; rawTitle: string }>>`
    WITH q AS (SELECT ${query} AS query),
    hits AS (
      SELECT a.id,
             ts_rank_cd(a."searchVector", q.query, 1)
               + CASE WHEN lower(a."title") = lower(${text}) THEN 10 ELSE 0 END AS rank
      FROM "Article" a, q
      WHERE ${where}
      ORDER BY rank DESC, a.id
      LIMIT ${options.limit} OFFSET ${options.offset}
    )
    SELECT h.id::text AS id, h.rank::float8 AS rank,
           ts_headline(knowledge_search_config(a."language"), coalesce(a."summary" || E'\n', '') || a."body", q.query, ${HEADLINE}) AS snippet,
           ts_headline(knowledge_search_config(a."language"), a."title", q.query, ${`HighlightAll=true, StartSel=${START}, StopSel=${STOP}`}) AS title,
           ${runs.length ? Prisma.sql`coalesce(a."summary" || E'\n', '') || a."body"` : Prisma.sql`NULL`} AS "text", a."title" AS "rawTitle"
    FROM hits h JOIN "Article" a ON a.id = h.id, q
    ORDER BY h.rank DESC, h.id`;
  const [counted] = await prisma.$queryRaw<Array<{ count: number }>>`
    WITH q AS (SELECT ${query} AS query)
    SELECT count(*)::int AS count FROM "Article" a, q WHERE ${where}`;
  return {
    hits: rows.map((r) => ({
      id: r.id,
      rank: Number(r.rank),
      snippet: safeHighlight(runs.length && r.text !== null ? cjkHeadline(r.text, runs) : r.snippet),
      titleHighlight: safeHighlight(runs.length ? cjkHeadline(r.rawTitle, runs, Number.MAX_SAFE_INTEGER) : r.title),
    })),
    totalCount: counted?.count ?? 0,
  };
}

/** Published articles that may answer a ticket, from its subject (any of its words). */
export async function suggestArticles(prisma: PrismaClient, subject: string, now: Date, limit: number): Promise<SearchHit[]> {
  const { hits } = await searchArticles(prisma, {
    audience: 'STAFF',
    now,
    text: subject,
    filter: { status: ['PUBLISHED'] },
    limit,
    offset: 0,
    matchAny: true,
  });
  return hits;
}

/** Rows for hits, in hit order, re-checked against the audience rule. */
export async function articlesForHits<T extends { id: string }>(
  hits: SearchHit[],
  audience: ArticleAudience,
  now: Date,
  load: (where: Prisma.ArticleWhereInput) => Promise<T[]>,
): Promise<Array<{ hit: SearchHit; article: T }>> {
  if (!hits.length) return [];
  const rows = await load({ AND: [{ id: { in: hits.map((h) => h.id) } }, articleAudienceFilter(audience, now)] });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((hit) => (byId.has(hit.id) ? [{ hit, article: byId.get(hit.id)! }] : []));
}
