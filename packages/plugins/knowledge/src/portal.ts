import { describe } from '@rapport/core';
import { KNOWLEDGE_PORTAL_DESCRIPTIONS } from './descriptions.js';
// The knowledge base on the partner portal (`/partner/graphql`), through the partner plugin's
// `partnerPortal` extension point. Only partner-safe types and fields are registered on the portal's
// own builder: published PARTNER and PUBLIC articles (the PARTNER audience rule), their text, category
// name, tags, language, publication date and helpful counts — no author, reviewers, links, versions,
// attachments' content, status, view counts or drafts. Anything a partner may not read is NOT_FOUND.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { offsetToCursor } from '@pothos/plugin-relay';
import { customerCode, isUuid, notFound, type Prisma, type RapportContext, withUserErrors } from '@rapport/core';
// A type import only: the partner plugin is an optional requirement, never loaded from here.
import type { PartnerPortalContribution } from '@rapport/plugin-partner';
import { partnerUserOf } from './access.js';
import { articleAudienceFilter } from './audience.js';
import type { KnowledgeConfig } from './config.js';
import { countView, voteOnArticle } from './engagement.js';
import { articlesForHits, searchArticles, type ArticleFilter, type SearchHit } from './search.js';
import { searchPage } from './schema.js';

/** What partners read: the PARTNER audience rule, as of the request's clock. */
const partnerArticles = (ctx: RapportContext): Prisma.ArticleWhereInput => articleAudienceFilter('PARTNER', ctx.clock.now());

/** The signed-in partner user's vote key, as `voteOnArticle` writes it. */
const voterKeyOf = (ctx: RapportContext) => {
  const partner = partnerUserOf(ctx.viewer);
  return partner ? `partner:${partner.id}` : null;
};

/** A well-formed id no row has: a malformed category id filters to nothing rather than failing. */
const NO_ROW = '00000000-0000-0000-0000-000000000000';

export const knowledgePortal: PartnerPortalContribution<KnowledgeConfig> = (builder, { config, rules }) => {
  describe(builder, KNOWLEDGE_PORTAL_DESCRIPTIONS);
  const Category = builder.objectRef<{ id: string; name: string }>('KnowledgeArticleCategory').implement({
    description: 'The category an article is filed under.',
    fields: (t) => ({
      id: t.globalID({ description: 'Pass as KnowledgeArticleFilter.categoryId.', resolve: (c) => ({ type: 'KnowledgeArticleCategory', id: c.id }) }),
      name: t.exposeString('name'),
    }),
  });

  const Article = builder.prismaNode('Article', {
    variant: 'KnowledgeArticle',
    id: { field: 'id' },
    description: 'A published knowledge base article shared with partners (or with everyone).',
    // node(id) and every read: the PARTNER rule, so drafts, internal and expired articles are not found.
    findUnique: (id, ctx) => ({ id, AND: [partnerArticles(ctx)] }),
    fields: (t) => ({
      code: t.string({ description: 'Readable unique code, e.g. KB-000123.', resolve: (a) => customerCode(config.articleCodePrefix, a.number) }),
      title: t.exposeString('title'),
      summary: t.exposeString('summary', { nullable: true }),
      bodyHtml: t.exposeString('bodyHtml', { description: 'The body as sanitized HTML, safe to insert into a page.' }),
      category: t.field({
        type: Category,
        nullable: true,
        select: { category: { select: { id: true, name: true } } },
        resolve: (a) => a.category,
      }),
      tags: t.exposeStringList('tags'),
      language: t.exposeString('language', { description: 'BCP 47, e.g. en, de, zh-CN.' }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
      helpfulCount: t.int({ select: { stats: { select: { helpfulCount: true } } }, resolve: (a) => a.stats?.helpfulCount ?? 0 }),
      notHelpfulCount: t.int({ select: { stats: { select: { notHelpfulCount: true } } }, resolve: (a) => a.stats?.notHelpfulCount ?? 0 }),
      viewerFoundHelpful: t.boolean({
        nullable: true,
        description: 'Your own vote: true, false, or null when you have not voted.',
        // Loaded with the article (a filtered relation), so a list costs no query per article.
        select: (_args, ctx) => ({ votes: { where: { voterKey: voterKeyOf(ctx) ?? '' }, select: { helpful: true } } }),
        resolve: (a) => a.votes[0]?.helpful ?? null,
      }),
    }),
  });

  const Filter = builder.inputType('KnowledgeArticleFilter', {
    fields: (t) => ({
      categoryId: t.globalID({ for: Category, description: 'In this category or any below it.' }),
      tags: t.stringList({ description: 'Tagged with any of these.' }),
      language: t.string(),
    }),
  });
  const VoteInput = builder.inputType('VoteOnKnowledgeArticleInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Article }), helpful: t.boolean({ required: true }) }),
  });
  const VotePayload = builder.objectRef<{ articleId: string }>('VoteOnKnowledgeArticlePayload').implement({
    fields: (t) => ({
      article: t.prismaField({ nullable: true,
        type: Article,
        resolve: async (query, payload, _args, ctx) => {
          const article = await ctx.prisma.article.findFirst({ ...query, where: { AND: [{ id: payload.articleId }, partnerArticles(ctx)] } });
          if (!article) throw notFound('KnowledgeArticle');
          return article;
        },
      }),
    }),
  });
  withUserErrors(builder, VotePayload);

  const toFilter = (filter: typeof Filter.$inferInput | null | undefined): ArticleFilter | null => {
    if (!filter) return null;
    const categoryId = filter.categoryId ? String(filter.categoryId.id) : null;
    return { categoryId: categoryId && !isUuid(categoryId) ? NO_ROW : categoryId, tags: filter.tags, language: filter.language };
  };

  type Hit = SearchHit & { node: unknown };

  builder.queryFields((t) => ({
    knowledgeArticle: t.prismaField({
      nullable: true,
      type: Article,
      description: 'One published article shared with partners; reading it counts a view.',
      args: { id: t.arg.globalID({ required: true, for: Article }) },
      resolve: async (query, _root, args, ctx) => {
        rules.partnerOf(ctx);
        const id = String(args.id.id);
        const article = isUuid(id) ? await ctx.prisma.article.findFirst({ ...query, where: { AND: [{ id }, partnerArticles(ctx)] } }) : null;
        if (!article) throw notFound('KnowledgeArticle');
        await countView(ctx.prisma, id);
        return article;
      },
    }),
    searchKnowledgeArticles: t.connection(
      {
        type: Article,
        description:
          'Full-text search over published articles shared with partners: title weighs most, then summary, then body; ' +
          'supports "quoted phrases", OR and -exclusion. Best match first.',
        args: { query: t.arg.string({ required: true }), filter: t.arg({ type: Filter }) },
        resolve: async (_root, args, ctx, info) => {
          rules.partnerOf(ctx);
          const { limit, offset } = searchPage(args, ctx);
          const now = ctx.clock.now();
          const { hits, totalCount } = await searchArticles(ctx.prisma, { audience: 'PARTNER', now, text: args.query, filter: toFilter(args.filter), limit, offset });
          // One query for every hit's article and what the selection asks of it (category, counts, votes).
          const query = queryFromInfo({ context: ctx, info, typeName: 'KnowledgeArticle', path: ['edges', 'node'] });
          const found = await articlesForHits(hits, 'PARTNER', now, (where) => ctx.prisma.article.findMany({ ...query, where }) as Promise<Array<{ id: string }>>);
          const edges = found.map(({ hit, article }, i) => ({ cursor: offsetToCursor(offset + i), node: article, ...hit }));
          return {
            edges,
            totalCount,
            pageInfo: {
              hasNextPage: offset + hits.length < totalCount,
              hasPreviousPage: offset > 0,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          } as never;
        },
      },
      {
        name: 'KnowledgeArticleSearchConnection',
        fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount }) }),
      },
      {
        name: 'KnowledgeArticleSearchEdge',
        fields: (e) => ({
          rank: e.float({ resolve: (edge) => (edge as unknown as Hit).rank }),
          snippet: e.string({ description: 'Best passages, HTML-escaped, matches in <mark>.', resolve: (edge) => (edge as unknown as Hit).snippet }),
          titleHighlight: e.string({ description: 'The title, HTML-escaped, matches in <mark>.', resolve: (edge) => (edge as unknown as Hit).titleHighlight }),
        }),
      },
    ),
  }));

  builder.mutationField('voteOnKnowledgeArticle', (t) =>
    t.field({
      type: VotePayload,
      description: 'Was this article helpful? One vote per partner user; voting again changes it.',
      args: { input: t.arg({ type: VoteInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        rules.partnerOf(ctx);
        // The partner viewer reads as the PARTNER audience: anything else is NOT_FOUND there too.
        const article = await voteOnArticle(ctx, String(input.id.id), input.helpful);
        return { articleId: article.id };
      },
    }),
  );
};
