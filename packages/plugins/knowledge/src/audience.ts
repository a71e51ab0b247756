import { can, Prisma, type ArticleStatus, type ArticleVisibility, type Viewer } from '@rapport/core';
import { partnerUserOf } from './access.js';

/**
 * Who reads: STAFF (signed-in staff and API keys with customer.read) see every article in every
 * status; PARTNER (partner portal users) and PUBLIC (anyone) see only what is live for them.
 */
export type ArticleAudience = 'STAFF' | 'PARTNER' | 'PUBLIC';

export interface AudienceRule {
  /** null: any status. */
  statuses: readonly ArticleStatus[] | null;
  visibilities: readonly ArticleVisibility[];
  /** Only articles not expired as of this instant (even before the publish job archived them). */
  liveAt: Date | null;
}

const ALL_VISIBILITIES: readonly ArticleVisibility[] = ['INTERNAL', 'PARTNER', 'PUBLIC'];

/** The one rule every read path applies: lists, search, single reads, suggestions, versions. */
export function audienceRule(audience: ArticleAudience, now: Date): AudienceRule {
  switch (audience) {
    case 'STAFF':
      return { statuses: null, visibilities: ALL_VISIBILITIES, liveAt: null };
    case 'PARTNER':
      return { statuses: ['PUBLISHED'], visibilities: ['PARTNER', 'PUBLIC'], liveAt: now };
    case 'PUBLIC':
      return { statuses: ['PUBLISHED'], visibilities: ['PUBLIC'], liveAt: now };
  }
}

/** The audience rule as a Prisma `where` on Article. */
export function articleAudienceFilter(audience: ArticleAudience, now: Date): Prisma.ArticleWhereInput {
  const rule = audienceRule(audience, now);
  const and: Prisma.ArticleWhereInput[] = [];
  if (rule.statuses) and.push({ status: { in: [...rule.statuses] } });
  if (rule.visibilities.length < ALL_VISIBILITIES.length) and.push({ visibility: { in: [...rule.visibilities] } });
  if (rule.liveAt) and.push({ OR: [{ expireAt: null }, { expireAt: { gt: rule.liveAt } }] });
  return and.length ? { AND: and } : {};
}

/** The same rule as SQL over `"Article"` aliased `a`, for the full-text search query. */
export function articleAudienceSql(audience: ArticleAudience, now: Date): Prisma.Sql {
  const rule = audienceRule(audience, now);
  const and: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (rule.statuses) and.push(Prisma.sql`a."status"::text IN (${Prisma.join(rule.statuses)})`);
  if (rule.visibilities.length < ALL_VISIBILITIES.length) and.push(Prisma.sql`a."visibility"::text IN (${Prisma.join(rule.visibilities)})`);
  if (rule.liveAt) and.push(Prisma.sql`(a."expireAt" IS NULL OR a."expireAt" > ${rule.liveAt})`);
  return Prisma.join(and, ' AND ');
}

/** The audience a viewer of the internal graph reads as; null: nothing at all. */
export function audienceOf(viewer: Viewer | null | undefined): ArticleAudience | null {
  if (!viewer) return null;
  if (partnerUserOf(viewer)) return 'PARTNER';
  return can(viewer, 'customer.read') ? 'STAFF' : null;
}

/** Matches no article. */
export const NO_ARTICLE: Prisma.ArticleWhereInput = { id: { in: [] } };

/** The Prisma `where` for a viewer: their audience's rule, or nothing. */
export function articlesVisibleTo(viewer: Viewer | null | undefined, now: Date): Prisma.ArticleWhereInput {
  const audience = audienceOf(viewer);
  return audience ? articleAudienceFilter(audience, now) : NO_ARTICLE;
}
