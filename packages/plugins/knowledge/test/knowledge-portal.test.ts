// The knowledge base on the partner portal (/partner/graphql), contributed through `partnerPortal`:
// partners find and read published PARTNER and PUBLIC articles only, vote on them, and get NOT_FOUND
// for everything else; no internal field exists on the portal's article type.
import { buildSchema as parseSdl, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, resolvePlugins, seedPlugins } from '@rapport/core';
import knowledgePlugin from '@rapport/plugin-knowledge';
import partnerPlugin, { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type TestServer } from '@rapport/core/testing';
import { portalSignIn, postGraphQL, type PortalClient } from '../../../../test/support/portal.js';
import { endpointSdls } from '../../../../test/support/schema.js';

const kinds = await databaseKinds();

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
/** The portal's global id of an article the internal graph names `Article:<id>`. */
const portalId = (internalId: string) => Buffer.from(`KnowledgeArticle:${dbId(internalId)}`).toString('base64');

const CREATE = 'mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id version } userErrors { field code message } } }';
const SUBMIT = 'mutation($input: SubmitArticleForReviewInput!) { submitArticleForReview(input: $input) { article { id version } userErrors { field code message } } }';
const APPROVE = 'mutation($input: ApproveArticleInput!) { approveArticle(input: $input) { article { id status } userErrors { field code message } } }';
const CREATE_CATEGORY = 'mutation($input: CreateArticleCategoryInput!) { createArticleCategory(input: $input) { category { id } userErrors { field code message } } }';

const ARTICLE = 'id code title summary bodyHtml category { id name } tags language publishedAt helpfulCount notHelpfulCount viewerFoundHelpful';
const BY_ID = `query($id: ID!) { knowledgeArticle(id: $id) { ${ARTICLE} } }`;
const SEARCH = `query($query: String!, $filter: KnowledgeArticleFilter, $first: Int, $after: String) {
  searchKnowledgeArticles(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { rank snippet titleHighlight node { ${ARTICLE} } }
  } }`;
const VOTE = `mutation($input: VoteOnKnowledgeArticleInput!) { voteOnKnowledgeArticle(input: $input) { article { id helpfulCount notHelpfulCount viewerFoundHelpful } userErrors { field code message } } }`;

interface Articles {
  partner: string;
  public: string;
  internal: string;
  draft: string;
}

describe('the knowledge base on the partner portal schema', () => {
  const portal = parseSdl(endpointSdls()['partner-portal']!);
  const fieldsOf = (type: string) => {
    const found = portal.getType(type);
    return isObjectType(found) ? Object.keys(found.getFields()).sort() : [];
  };

  it('has partner-safe article fields only, under the portal naming', () => {
    expect(fieldsOf('KnowledgeArticle')).toEqual(
      ['bodyHtml', 'category', 'code', 'helpfulCount', 'id', 'language', 'notHelpfulCount', 'publishedAt', 'summary', 'tags', 'title', 'viewerFoundHelpful'],
    );
    expect(fieldsOf('KnowledgeArticleCategory')).toEqual(['id', 'name']);
    for (const internal of ['Article', 'ArticleVersion', 'ArticleReviewer', 'ArticleLink', 'ArticleAttachment', 'ArticleStatus', 'ArticleVisibility', 'User']) {
      expect([internal, portal.getType(internal)]).toEqual([internal, undefined]);
    }
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['knowledgeArticle', 'searchKnowledgeArticles']));
    // Each internal field on its own: one of them exposed is a failure.
    expect(['article', 'articles', 'searchArticles', 'publicArticle'].filter((field) => fieldsOf('Query').includes(field))).toEqual([]);
    expect(fieldsOf('Mutation')).toContain('voteOnKnowledgeArticle');
    expect(['createArticle', 'voteOnArticle', 'linkArticle'].filter((field) => fieldsOf('Mutation').includes(field))).toEqual([]);
  });
});

describeOnDatabases(kinds)('knowledge base on the partner portal on %s', (database) => {
  let server: TestServer;
  let partner: PortalClient;
  let articles: Articles;
  let categoryName: string;

  beforeAll(async () => {
    const plugins = resolvePlugins([servicePlugin, knowledgePlugin, partnerPlugin], ['service', 'knowledge', 'partner']);
    server = await startTestServer({ database, customers: 20, plugins });
    await seedPlugins(server.db.prisma, plugins.filter((p) => p.plugin.name === 'partner'), { now: server.clock.now() });
    const users = await server.ok('{ users(first: 100) { edges { node { id email } } } }');
    const manager = users.users.edges.find((e: any) => e.node.email === 'manager@demo.local').node.id;
    categoryName = 'Flux hardware';
    const category = (await server.as('agent@demo.local').ok(CREATE_CATEGORY, { input: { name: categoryName, slug: 'flux-hardware' } })).createArticleCategory.category.id;
    const write = async (title: string, visibility: string, publish: boolean) => {
      const input = { title, body: `Turn the **capacitor** dial slowly.\n\nInternal detail for ${title}.`, summary: `How to calibrate the capacitor (${visibility})`, categoryId: category, tags: ['flux', visibility.toLowerCase()], visibility };
      const created = (await server.as('agent@demo.local').ok(CREATE, { input })).createArticle.article;
      if (!publish) return created.id as string;
      const submitted = (await server.as('agent@demo.local').ok(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [manager] } })).submitArticleForReview.article;
      const approved = (await server.as('manager@demo.local').ok(APPROVE, { input: { id: submitted.id, version: submitted.version } })).approveArticle.article;
      expect(approved.status).toBe('PUBLISHED');
      return approved.id as string;
    };
    articles = {
      partner: await write('Capacitor calibration for partners', 'PARTNER', true),
      public: await write('Capacitor calibration for everyone', 'PUBLIC', true),
      internal: await write('Capacitor calibration for staff', 'INTERNAL', true),
      draft: await write('Capacitor calibration draft', 'PARTNER', false),
    };
    partner = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, DEMO_PASSWORD);
  });
  afterAll(() => server?.close());

  it('finds published PARTNER and PUBLIC articles by search, with highlighted snippets, and never INTERNAL ones or drafts', async () => {
    const { searchKnowledgeArticles: found } = await partner.ok(SEARCH, { query: 'capacitor', first: 10 });
    expect(found.totalCount).toBe(2);
    expect(found.edges.map((e: any) => e.node.title).sort()).toEqual(['Capacitor calibration for everyone', 'Capacitor calibration for partners']);
    expect(found.edges.map((e: any) => e.node.id).sort()).toEqual([portalId(articles.partner), portalId(articles.public)].sort());
    for (const edge of found.edges) {
      expect(edge.titleHighlight).toMatch(/^<mark>Capacitor<\/mark> calibration for /);
      expect(edge.snippet).toContain('<mark>capacitor</mark>');
      expect(edge.node.category).toMatchObject({ name: categoryName });
    }
    // A page at a time, by cursor.
    const first = (await partner.ok(SEARCH, { query: 'capacitor', first: 1 })).searchKnowledgeArticles;
    const second = (await partner.ok(SEARCH, { query: 'capacitor', first: 1, after: first.pageInfo.endCursor })).searchKnowledgeArticles;
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
    expect(new Set([first.edges[0].node.id, second.edges[0].node.id]).size).toBe(2);
    // Filters narrow within what partners may read; asking for the internal or draft tags finds nothing.
    const tagged = (await partner.ok(SEARCH, { query: 'capacitor', filter: { tags: ['public', 'internal'] } })).searchKnowledgeArticles;
    expect(tagged.edges.map((e: any) => e.node.title)).toEqual(['Capacitor calibration for everyone']);
    const inCategory = (await partner.ok(SEARCH, { query: 'capacitor', filter: { categoryId: found.edges[0].node.category.id, language: 'en' } })).searchKnowledgeArticles;
    expect(inCategory.totalCount).toBe(2);
    const hidden = ['Capacitor calibration for staff', 'Capacitor calibration draft'];
    for (const text of ['staff', 'draft', 'calibration']) {
      const titles = (await partner.ok(SEARCH, { query: text })).searchKnowledgeArticles.edges.map((e: any) => e.node.title);
      expect([text, titles.filter((title: string) => hidden.includes(title))]).toEqual([text, []]);
    }
    // 'calibration' matches all four articles: the two readable ones come back, so the search itself works.
    const all = (await partner.ok(SEARCH, { query: 'calibration' })).searchKnowledgeArticles.edges.map((e: any) => e.node.title);
    expect(all.sort()).toEqual(['Capacitor calibration for everyone', 'Capacitor calibration for partners']);
  });

  it('reads a PARTNER or PUBLIC article by id; an INTERNAL article or a draft is NOT_FOUND, and null from node', async () => {
    for (const id of [articles.partner, articles.public]) {
      const { knowledgeArticle } = await partner.ok(BY_ID, { id: portalId(id) });
      expect(knowledgeArticle).toMatchObject({
        id: portalId(id),
        code: expect.stringMatching(/^KB-\d{6}$/),
        language: 'en',
        category: { name: categoryName },
        publishedAt: expect.any(String),
        helpfulCount: 0,
        notHelpfulCount: 0,
        viewerFoundHelpful: null,
      });
      expect(knowledgeArticle.bodyHtml).toContain('<strong>capacitor</strong>');
      expect(knowledgeArticle.tags).toContain('flux');
    }
    for (const id of [articles.internal, articles.draft]) {
      const result = await partner.gql(BY_ID, { id: portalId(id) });
      expect([errorOf(result).code, result.data]).toEqual(['NOT_FOUND', { knowledgeArticle: null }]);
      expect((await partner.ok('query($id: ID!) { node(id: $id) { id } }', { id: portalId(id) })).node).toBeNull();
    }
    expect((await partner.ok('query($id: ID!) { node(id: $id) { ... on KnowledgeArticle { title } } }', { id: portalId(articles.partner) })).node).toEqual({
      title: 'Capacitor calibration for partners',
    });
  });

  it('lets a partner vote (once, changeable); hidden articles are NOT_FOUND', async () => {
    const vote = async (id: string, helpful: boolean) => (await partner.ok(VOTE, { input: { id: portalId(id), helpful } })).voteOnKnowledgeArticle.article;
    expect(await vote(articles.partner, true)).toEqual({ id: portalId(articles.partner), helpfulCount: 1, notHelpfulCount: 0, viewerFoundHelpful: true });
    expect(await vote(articles.partner, true)).toMatchObject({ helpfulCount: 1, notHelpfulCount: 0 });
    expect(await vote(articles.partner, false)).toMatchObject({ helpfulCount: 0, notHelpfulCount: 1, viewerFoundHelpful: false });
    // Staff read the same counters on the internal graph.
    const staff = await server.ok('query($id: ID!) { node(id: $id) { ... on Article { helpfulCount notHelpfulCount } } }', { id: articles.partner });
    expect(staff.node).toEqual({ helpfulCount: 0, notHelpfulCount: 1 });
    for (const id of [articles.internal, articles.draft]) {
      const result = await partner.gql(VOTE, { input: { id: portalId(id), helpful: true } });
      expect([errorOf(result).code, result.data]).toEqual(['NOT_FOUND', null]);
    }
    const counts = await server.db.prisma.articleStats.findMany({ where: { articleId: { in: [dbId(articles.internal), dbId(articles.draft)] } } });
    // A hidden article may have no counters row at all; any row it has counts no vote.
    expect(counts.filter((c) => c.helpfulCount !== 0 || c.notHelpfulCount !== 0)).toEqual([]);
  });

  it('loads a page of search results in a fixed number of statements (no query per article)', async () => {
    const statementsFor = async (query: string) => {
      server.statements.length = 0;
      const found = (await partner.ok(SEARCH, { query })).searchKnowledgeArticles;
      return { hits: found.edges.length, statements: server.statements.length };
    };
    const one = await statementsFor('partners');
    const two = await statementsFor('capacitor');
    expect([one.hits, two.hits]).toEqual([1, 2]);
    expect(two.statements).toBe(one.statements);
  });

  it('refuses staff tokens on the portal', async () => {
    const staff = (await server.authorization())!;
    const result = await postGraphQL(partner.url, SEARCH, { query: 'capacitor' }, staff);
    expect(errorOf(result.body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '此访问令牌不能用于该端点' });
  });
});
