import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { RapportBuilder } from '@rapport/core';
import type { KnowledgeConfig } from './config.js';
import { articleFor, searchArticlesFor, type PublishedArticleView } from './readers.js';
import type { KnowledgeRefs } from './schema.js';
import { knowledge } from './messages.js';

/**
 * With `publicAccess` on: PUBLIC published articles for callers without credentials (a help
 * centre). Separate types, so nothing staff-only (author, reviewers, links, drafts) is reachable.
 */
export function registerPublicArticles(builder: RapportBuilder, config: KnowledgeConfig, { Visibility }: KnowledgeRefs) {
  const PublicCategory = builder.objectRef<{ id: string; name: string; slug: string }>('PublicArticleCategory').implement({
    fields: (t) => ({ name: t.exposeString('name'), slug: t.exposeString('slug') }),
  });
  const PublicArticle = builder.objectRef<PublishedArticleView>('PublicArticle').implement({
    description: 'A published PUBLIC article as anyone may read it.',
    fields: (t) => ({
      id: t.id({ description: "The article's global id.", resolve: (a) => encodeGlobalID('Article', a.id) }),
      code: t.exposeString('code'),
      title: t.exposeString('title'),
      summary: t.exposeString('summary', { nullable: true }),
      bodyHtml: t.exposeString('bodyHtml', { description: 'Sanitized HTML.' }),
      language: t.exposeString('language'),
      tags: t.exposeStringList('tags'),
      visibility: t.expose('visibility', { type: Visibility }),
      category: t.field({ type: PublicCategory, nullable: true, resolve: (a) => a.category }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      versionNumber: t.exposeInt('versionNumber'),
    }),
  });
  type Hit = { rank: number; snippet: string; titleHighlight: string; article: PublishedArticleView };
  const PublicHit = builder.objectRef<Hit>('PublicArticleSearchHit').implement({
    fields: (t) => ({
      article: t.field({ type: PublicArticle, resolve: (h) => h.article }),
      rank: t.exposeFloat('rank'),
      snippet: t.exposeString('snippet', { description: 'HTML-escaped, matches in <mark>.' }),
      titleHighlight: t.exposeString('titleHighlight'),
    }),
  });
  const PublicSearch = builder.objectRef<{ totalCount: number; hits: Hit[] }>('PublicArticleSearch').implement({
    fields: (t) => ({ totalCount: t.exposeInt('totalCount'), hits: t.field({ type: [PublicHit], resolve: (s) => s.hits }) }),
  });

  builder.queryFields((t) => ({
    publicArticle: t.field({
      type: PublicArticle,
      nullable: true,
      skipTypeScopes: true,
      description: 'A PUBLIC published article, without signing in; null for anything else.',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => {
        const id = articleIdOf(String(args.id));
        return id ? articleFor(ctx.prisma, 'PUBLIC', ctx.clock.now(), id, config.articleCodePrefix) : null;
      },
    }),
    searchPublicArticles: t.field({
      type: PublicSearch,
      skipTypeScopes: true,
      description: 'Full-text search over PUBLIC published articles, without signing in.',
      args: {
        query: t.arg.string({ required: true }),
        first: t.arg.int({ defaultValue: 10 }),
        offset: t.arg.int({ defaultValue: 0 }),
        language: t.arg.string(),
      },
      resolve: (_root, args, ctx) => {
        const limit = args.first ?? 10;
        if (limit < 0 || limit > ctx.config.maxPageSize) knowledge.refuse('first', 'knowledge.pageSize', { max: String(ctx.config.maxPageSize) });
        if ((args.offset ?? 0) < 0) knowledge.refuse('offset', 'knowledge.notNegative');
        return searchArticlesFor(
          ctx.prisma,
          'PUBLIC',
          ctx.clock.now(),
          { text: args.query, filter: { language: args.language }, limit, offset: args.offset ?? 0 },
          config.articleCodePrefix,
        );
      },
    }),
  }));
}

function articleIdOf(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === 'Article' ? id : null;
  } catch {
    return null;
  }
}
