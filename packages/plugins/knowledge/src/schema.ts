import { queryFromInfo } from '@pothos/plugin-prisma';
import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import {
  ArticleStatus,
  ArticleVisibility,
  customerCode,
  isUuid,
  notFound,
  prismaDirection,
  rawId,
  type CoreRefs,
  type Prisma,
  type RapportBuilder,
  type RapportContext,
  type PluginRefs,
  connectionOf,
} from '@rapport/core';
import { partnerUserOf } from './access.js';
import { attachmentContent } from './attachments.js';
import { articlesVisibleTo, audienceOf } from './audience.js';
import type { KnowledgeConfig } from './config.js';
import { articleLinksVisibleTo, countView } from './engagement.js';
import { articleFilterWhere, articlesForHits, searchArticles, suggestArticles, type ArticleFilter, type SearchHit } from './search.js';
import { compareVersions } from './service.js';
import { knowledge } from './messages.js';

const visible = (ctx: RapportContext) => articlesVisibleTo(ctx.viewer, ctx.clock.now());

/** The knowledge base types, the article fields on core (and ticket) types, and the queries. */
export function registerKnowledgeTypes(builder: RapportBuilder, refs: CoreRefs, config: KnowledgeConfig, service: PluginRefs['service'] | undefined) {
  const ticketsEnabled = service !== undefined;
  const Status = builder.enumType(ArticleStatus, {
    name: 'ArticleStatus',
    description: 'DRAFT → IN_REVIEW → PUBLISHED (every reviewer approved; at publishAt if scheduled) → ARCHIVED (archiveArticle or expireAt).',
  });
  const Visibility = builder.enumType(ArticleVisibility, {
    name: 'ArticleVisibility',
    description: 'Who reads it once published: INTERNAL staff only; PARTNER partners too (partner portal); PUBLIC everyone.',
  });

  const Category = builder.prismaNode('ArticleCategory', {
    id: { field: 'id' },
    description: 'A node of the knowledge base category tree.',
    fields: (t) => ({
      name: t.exposeString('name'),
      slug: t.exposeString('slug'),
      position: t.exposeInt('position'),
      parent: t.relation('parent', { nullable: true }),
      children: t.relation('children', { query: { orderBy: [{ position: 'asc' }, { name: 'asc' }] } }),
    }),
  });

  builder.prismaObject('ArticleReviewer', {
    fields: (t) => ({
      user: t.relation('user'),
      approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
    }),
  });

  const Version = builder.prismaNode('ArticleVersion', {
    id: { field: 'id' },
    description: 'What an article said when it was published; never changes.',
    findUnique: (id, ctx) => ({ id, article: visible(ctx) }),
    fields: (t) => ({
      article: t.relation('article'),
      number: t.exposeInt('number'),
      title: t.exposeString('title'),
      summary: t.exposeString('summary', { nullable: true }),
      body: t.exposeString('body', { description: 'Markdown.' }),
      bodyHtml: t.exposeString('bodyHtml', { description: 'Sanitized HTML, safe to insert into a page.' }),
      category: t.relation('category', { nullable: true }),
      tags: t.exposeStringList('tags'),
      language: t.exposeString('language'),
      visibility: t.expose('visibility', { type: Visibility }),
      restoredFromNumber: t.exposeInt('restoredFromNumber', { nullable: true, description: 'The older version this one restored.' }),
      publishedBy: t.relation('publishedBy', { nullable: true, description: 'The last approver; null when the publish job published it.' }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    }),
  });

  const Attachment = builder.prismaNode('ArticleAttachment', {
    id: { field: 'id' },
    findUnique: (id, ctx) => ({ id, article: visible(ctx) }),
    fields: (t) => ({
      fileName: t.exposeString('fileName'),
      mimeType: t.exposeString('mimeType', { description: 'One of the configured types, checked against the content.' }),
      size: t.exposeInt('size', { description: 'Bytes.' }),
      sha256: t.exposeString('sha256'),
      uploadedBy: t.relation('uploadedBy', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      contentBase64: t.string({
        description: 'The file, base64. Serve it with this mimeType, as a download (Content-Disposition: attachment) and nosniff.',
        resolve: async (attachment) => (await attachmentContent(config.attachments, attachment)).toString('base64'),
      }),
    }),
  });

  const Link = builder.prismaNode('ArticleLink', {
    id: { field: 'id' },
    description: 'An article attached to a customer, a contact or a ticket.',
    findUnique: (id, ctx) => ({ id, AND: [articleLinksVisibleTo(ctx.viewer), { article: visible(ctx) }] }),
    fields: (t) => ({
      article: t.relation('article'),
      customer: t.relation('customer', { nullable: true }),
      contact: t.relation('contact', { nullable: true }),
      ...(ticketsEnabled ? { ticket: t.relation('ticket', { nullable: true }) } : {}),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const FieldChange = builder.objectRef<{ field: string; from: string | null; to: string | null }>('ArticleFieldChange').implement({
    fields: (t) => ({
      field: t.exposeString('field', { description: 'title, summary, categoryId, tags, language or visibility.' }),
      from: t.exposeString('from', { nullable: true }),
      to: t.exposeString('to', { nullable: true }),
    }),
  });
  const LineKind = builder.enumType('ArticleDiffLineKind', { values: ['CONTEXT', 'ADDED', 'REMOVED'] as const });
  const DiffLine = builder.objectRef<{ kind: 'CONTEXT' | 'ADDED' | 'REMOVED'; text: string }>('ArticleDiffLine').implement({
    fields: (t) => ({ kind: t.expose('kind', { type: LineKind }), text: t.exposeString('text') }),
  });
  const Hunk = builder
    .objectRef<{ oldStart: number; oldLines: number; newStart: number; newLines: number; lines: Array<{ kind: 'CONTEXT' | 'ADDED' | 'REMOVED'; text: string }> }>('ArticleDiffHunk')
    .implement({
      fields: (t) => ({
        oldStart: t.exposeInt('oldStart'),
        oldLines: t.exposeInt('oldLines'),
        newStart: t.exposeInt('newStart'),
        newLines: t.exposeInt('newLines'),
        lines: t.field({ type: [DiffLine], resolve: (h) => h.lines }),
      }),
    });
  const Comparison = builder
    .objectRef<Awaited<ReturnType<typeof compareVersions>>>('ArticleVersionComparison')
    .implement({
      description: 'What changed between two published versions.',
      fields: (t) => ({
        fromNumber: t.exposeInt('fromNumber'),
        toNumber: t.exposeInt('toNumber'),
        changedFields: t.field({ type: [FieldChange], resolve: (c) => c.changedFields }),
        bodyHunks: t.field({ type: [Hunk], description: 'Line-based changes of the Markdown body.', resolve: (c) => c.bodyHunks }),
        linesAdded: t.exposeInt('linesAdded'),
        linesRemoved: t.exposeInt('linesRemoved'),
      }),
    });

  const Article = builder.prismaNode('Article', {
    id: { field: 'id' },
    description: 'A knowledge base article. Staff see every status; partners and the public only what is published for them.',
    findUnique: (id, ctx) => ({ id, AND: [visible(ctx)] }),
    fields: (t) => ({
      code: t.string({ description: 'Readable unique code, e.g. KB-000123.', resolve: (a) => customerCode(config.articleCodePrefix, a.number) }),
      title: t.exposeString('title'),
      summary: t.exposeString('summary', { nullable: true }),
      body: t.exposeString('body', { description: 'Markdown as written.' }),
      bodyHtml: t.exposeString('bodyHtml', { description: 'The body rendered and sanitized (no script, event handlers or javascript: URLs).' }),
      category: t.relation('category', { nullable: true }),
      tags: t.exposeStringList('tags'),
      language: t.exposeString('language'),
      status: t.expose('status', { type: Status }),
      visibility: t.expose('visibility', { type: Visibility }),
      author: t.relation('author', { nullable: true }),
      reviewers: t.relation('reviewers'),
      publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true, description: 'When an approved article goes live.' }),
      expireAt: t.expose('expireAt', { type: 'DateTime', nullable: true, description: 'When a published article is archived.' }),
      approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
      archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
      latestVersionNumber: t.exposeInt('latestVersion', { description: 'The newest published version; 0 before the first publish.' }),
      restoredFromNumber: t.exposeInt('restoredFromNumber', { nullable: true, description: 'Set while the draft is a restored old version.' }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      versions: t.relatedConnection('versions', {
        cursor: 'id',
        totalCount: true,
        description: 'Published versions, newest first.',
        query: () => ({ orderBy: { number: 'desc' } }),
      }, connectionOf(builder, 'ArticleVersion')),
      attachments: t.relation('attachments', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
      links: t.relation('links', {
        description: 'Customers, contacts and tickets it is attached to that you can see.',
        query: (_args, ctx) => ({ where: articleLinksVisibleTo(ctx.viewer), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      }),
      viewCount: t.int({ select: { stats: { select: { viewCount: true } } }, resolve: (a) => a.stats?.viewCount ?? 0 }),
      helpfulCount: t.int({ select: { stats: { select: { helpfulCount: true } } }, resolve: (a) => a.stats?.helpfulCount ?? 0 }),
      notHelpfulCount: t.int({ select: { stats: { select: { notHelpfulCount: true } } }, resolve: (a) => a.stats?.notHelpfulCount ?? 0 }),
      viewerFoundHelpful: t.boolean({
        nullable: true,
        description: "Your own vote: true, false, or null when you have not voted.",
        resolve: async (a, _args, ctx) => {
          const partner = partnerUserOf(ctx.viewer);
          const key = partner ? `partner:${partner.id}` : `staff:${ctx.viewer?.id}`;
          const vote = await ctx.prisma.articleVote.findUnique({ where: { articleId_voterKey: { articleId: a.id, voterKey: key } } });
          return vote?.helpful ?? null;
        },
      }),
    }),
  });

  const ArticleFilterRef = builder.inputType('ArticleFilter', {
    fields: (t) => ({
      categoryId: t.globalID({ for: Category, description: 'In this category or any below it.' }),
      tags: t.stringList({ description: 'Tagged with any of these.' }),
      status: t.field({ type: [Status] }),
      visibility: t.field({ type: [Visibility] }),
      language: t.string(),
    }),
  });
  const OrderField = builder.enumType('ArticleOrderField', { values: ['UPDATED_AT', 'CREATED_AT', 'PUBLISHED_AT', 'TITLE'] as const });
  const ArticleOrder = builder.inputType('ArticleOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC' }),
    }),
  });
  const ORDER = { UPDATED_AT: 'updatedAt', CREATED_AT: 'createdAt', PUBLISHED_AT: 'publishedAt', TITLE: 'title' } as const;
  const toFilter = (filter: typeof ArticleFilterRef.$inferInput | null | undefined): ArticleFilter | null =>
    filter ? { ...filter, categoryId: rawId(filter.categoryId) } : null;
  const listWhere = async (ctx: RapportContext, filter: typeof ArticleFilterRef.$inferInput | null | undefined): Promise<Prisma.ArticleWhereInput> => ({
    AND: [visible(ctx), await articleFilterWhere(ctx.prisma, toFilter(filter))],
  });

  type Hit = SearchHit & { node: unknown };

  builder.queryFields((t) => ({
    articles: t.prismaConnection(
      {
        type: 'Article',
        cursor: 'id',
        description: 'Knowledge base articles; most recently updated first unless ordered otherwise.',
        args: { filter: t.arg({ type: ArticleFilterRef }), orderBy: t.arg({ type: ArticleOrder }) },
        resolve: async (query, _root, args, ctx) => {
          const direction = prismaDirection(args.orderBy?.direction, 'desc');
          return ctx.prisma.article.findMany({
            ...query,
            where: await listWhere(ctx, args.filter),
            orderBy: [{ [ORDER[args.orderBy?.field ?? 'UPDATED_AT']]: direction }, { id: direction }],
          });
        },
        totalCount: async (_connection, args, ctx) => ctx.prisma.article.count({ where: await listWhere(ctx, args.filter) }),
      },
      connectionOf(builder, 'Article'),
    ),
    article: t.prismaField({
      nullable: true,
      type: 'Article',
      description: 'One article; reading it counts a view.',
      args: { id: t.arg.globalID({ required: true, for: Article }) },
      resolve: async (query, _root, args, ctx) => {
        const article = isUuid(args.id.id) ? await ctx.prisma.article.findFirst({ ...query, where: { AND: [{ id: args.id.id }, visible(ctx)] } }) : null;
        if (!article) throw notFound('Article');
        await countView(ctx.prisma, article.id);
        return article;
      },
    }),
    articleCategories: t.prismaField({
      type: ['ArticleCategory'],
      description: 'The whole category tree, flat (each with its parent), in position order.',
      resolve: (query, _root, _args, ctx) => ctx.prisma.articleCategory.findMany({ ...query, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    }),
    compareArticleVersions: t.field({
      type: Comparison,
      description: 'What changed from one published version of an article to another.',
      args: {
        articleId: t.arg.globalID({ required: true, for: Article }),
        from: t.arg.int({ required: true }),
        to: t.arg.int({ required: true }),
      },
      resolve: (_root, args, ctx) => compareVersions(ctx, args.articleId.id, args.from, args.to),
    }),
    searchArticles: t.connection(
      {
        type: Article,
        description:
          'Full-text search: title weighs most, then summary, then body; stemmed in the article’s language (simple for others, e.g. Chinese). ' +
          'Supports "quoted phrases", OR and -exclusion. Best match first; an exact title match ranks first.',
        args: { query: t.arg.string({ required: true }), filter: t.arg({ type: ArticleFilterRef }) },
        resolve: async (_root, args, ctx, info) => {
          const audience = audienceOf(ctx.viewer);
          if (!audience) throw knowledge.error('FORBIDDEN', 'knowledge.needsCustomerRead', {}, { permission: 'customer.read' });
          const { limit, offset } = searchPage(args, ctx);
          const now = ctx.clock.now();
          const { hits, totalCount } = await searchArticles(ctx.prisma, { audience, now, text: args.query, filter: toFilter(args.filter), limit, offset });
          const query = queryFromInfo({ context: ctx, info, typeName: 'Article', path: ['edges', 'node'] });
          const found = await articlesForHits(hits, audience, now, (where) => ctx.prisma.article.findMany({ ...query, where }) as Promise<Array<{ id: string }>>);
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
        name: 'ArticleSearchConnection',
        fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount }) }),
      },
      {
        name: 'ArticleSearchEdge',
        fields: (e) => ({
          rank: e.float({ resolve: (edge) => (edge as unknown as Hit).rank }),
          snippet: e.string({ description: 'Best passages, HTML-escaped, matches in <mark>.', resolve: (edge) => (edge as unknown as Hit).snippet }),
          titleHighlight: e.string({ description: 'The title, HTML-escaped, matches in <mark>.', resolve: (edge) => (edge as unknown as Hit).titleHighlight }),
        }),
      },
    ),
  }));

  // Through the link rows, so plugin-prisma loads them with their parents (no query per customer).
  const linksOn = (core: typeof refs.Customer | typeof refs.Contact | NonNullable<typeof service>['Ticket']) =>
    builder.prismaObjectField(core as typeof refs.Customer, 'articleLinks', (t) =>
      t.relation('articleLinks', {
        description: 'Knowledge base articles attached here (link.article).',
        query: (_args, ctx) => ({ where: { article: visible(ctx) }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      }),
    );
  linksOn(refs.Customer);
  linksOn(refs.Contact);

  if (service) {
    linksOn(service.Ticket);
    builder.prismaObjectField(service.Ticket, 'suggestedArticles', (t) =>
      t.field({
        type: [Article],
        description: 'Published articles matching any word of the subject, best first.',
        args: { first: t.arg.int({ defaultValue: 5 }) },
        resolve: async (ticket, args, ctx) => {
          const limit = Math.min(Math.max(args.first ?? 5, 1), 20);
          const hits = await suggestArticles(ctx.prisma, ticket.subject, ctx.clock.now(), limit);
          const found = await articlesForHits(hits, 'STAFF', ctx.clock.now(), (where) => ctx.prisma.article.findMany({ where }));
          return found.map((f) => f.article) as never;
        },
      }),
    );
  }

  return { Status, Visibility, Category, Version, Attachment, Link, Article, ArticleFilterRef };
}

/** Offset paging for search: `first` up to the maximum page size, `after` a cursor from an earlier page. */
export function searchPage(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, ctx: RapportContext) {
  if (args.last != null || args.before != null) knowledge.refuse('last', 'knowledge.search.forwardOnly');
  const limit = args.first ?? ctx.config.defaultPageSize;
  if (limit < 0 || limit > ctx.config.maxPageSize) knowledge.refuse('first', 'knowledge.pageSize', { max: String(ctx.config.maxPageSize) });
  let offset = 0;
  if (args.after) {
    try {
      offset = cursorToOffset(args.after) + 1;
    } catch {
      knowledge.refuse('after', 'knowledge.search.badCursor');
    }
  }
  return { limit, offset };
}

export type KnowledgeRefs = ReturnType<typeof registerKnowledgeTypes>;
