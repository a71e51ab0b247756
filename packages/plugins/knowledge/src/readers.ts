import { customerCode, isUuid, type PrismaClient } from '@rapport/core';
import { articleAudienceFilter, type ArticleAudience } from './audience.js';
import { articlesForHits, searchArticles, type ArticleFilter, type SearchHit } from './search.js';

/**
 * What readers outside staff may see of an article: no author, reviewers, links or drafts. The
 * partner portal (and any other non-staff surface) maps this to its own types; everything here
 * has already passed the audience rule.
 */
export interface PublishedArticleView {
  id: string;
  code: string;
  title: string;
  summary: string | null;
  bodyHtml: string;
  language: string;
  tags: string[];
  visibility: 'PARTNER' | 'PUBLIC' | 'INTERNAL';
  category: { id: string; name: string; slug: string } | null;
  publishedAt: Date | null;
  updatedAt: Date;
  versionNumber: number;
  attachments: Array<{ id: string; fileName: string; mimeType: string; size: number }>;
}

const VIEW_SELECT = {
  id: true,
  number: true,
  title: true,
  summary: true,
  bodyHtml: true,
  language: true,
  tags: true,
  visibility: true,
  publishedAt: true,
  updatedAt: true,
  latestVersion: true,
  category: { select: { id: true, name: true, slug: true } },
  attachments: { select: { id: true, fileName: true, mimeType: true, size: true }, orderBy: { createdAt: 'asc' as const } },
} as const;

type ViewRow = { number: number; latestVersion: number } & Omit<PublishedArticleView, 'code' | 'versionNumber'>;

function toView(row: ViewRow, codePrefix: string): PublishedArticleView {
  const { number, latestVersion, ...rest } = row;
  return { ...rest, code: customerCode(codePrefix, number), versionNumber: latestVersion };
}

/** One article as `audience` may read it, or null when it may not (or it does not exist). */
export async function articleFor(
  prisma: PrismaClient,
  audience: ArticleAudience,
  now: Date,
  id: string,
  codePrefix = 'KB-',
): Promise<PublishedArticleView | null> {
  if (!isUuid(id)) return null;
  const row = await prisma.article.findFirst({ where: { AND: [{ id }, articleAudienceFilter(audience, now)] }, select: VIEW_SELECT });
  return row ? toView(row, codePrefix) : null;
}

export interface ReaderSearch {
  text: string;
  filter?: Omit<ArticleFilter, 'status' | 'visibility'> | null;
  limit: number;
  offset: number;
}

/** Full-text search as `audience` (status and visibility are the audience's, not the caller's). */
export async function searchArticlesFor(
  prisma: PrismaClient,
  audience: ArticleAudience,
  now: Date,
  search: ReaderSearch,
  codePrefix = 'KB-',
): Promise<{ totalCount: number; hits: Array<Omit<SearchHit, 'id'> & { article: PublishedArticleView }> }> {
  const filter = search.filter ? { categoryId: search.filter.categoryId, tags: search.filter.tags, language: search.filter.language } : null;
  const { hits, totalCount } = await searchArticles(prisma, { audience, now, text: search.text, filter, limit: search.limit, offset: search.offset });
  const found = await articlesForHits(hits, audience, now, (where) => prisma.article.findMany({ where, select: VIEW_SELECT }));
  return {
    totalCount,
    hits: found.map(({ hit, article }) => ({ rank: hit.rank, snippet: hit.snippet, titleHighlight: hit.titleHighlight, article: toView(article, codePrefix) })),
  };
}
