import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import knowledgePlugin, { articleFor, runScheduledPublishing, searchArticlesFor, SEARCH_CONFIGS, voteOnArticle } from '@rapport/plugin-knowledge';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer , staffAlerts } from '@rapport/core/testing';

const kinds = await databaseKinds();
const HOUR = 3_600_000;

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const ARTICLE = /* GraphQL */ `id code title summary body bodyHtml status visibility version latestVersionNumber restoredFromNumber
  publishAt expireAt approvedAt publishedAt archivedAt author { email } reviewers { user { email } approvedAt }`;
const mutation = (name: string, inputType: string, selection = `article { ${ARTICLE} }`) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`;
const CREATE = mutation('createArticle', 'CreateArticleInput');
const UPDATE = mutation('updateArticle', 'UpdateArticleInput');
const SUBMIT = mutation('submitArticleForReview', 'SubmitArticleForReviewInput');
const APPROVE = mutation('approveArticle', 'ApproveArticleInput');
const REVISE = mutation('reviseArticle', 'ReviseArticleInput');
const RESTORE = mutation('restoreArticleVersion', 'RestoreArticleVersionInput');
const SEARCH = /* GraphQL */ `
  query($query: String!, $filter: ArticleFilter, $first: Int, $after: String) {
    searchArticles(query: $query, filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { rank snippet titleHighlight node { id title status visibility language category { slug } author { email } } }
    }
  }`;

describeOnDatabases(kinds)('knowledge base on %s', (database) => {
  let server: TestServer;
  let attachmentsDir: string;
  let users: Record<string, string>;
  const agent = () => server.as('agent@demo.local');
  const manager = () => server.as('manager@demo.local');

  beforeAll(async () => {
    attachmentsDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-kb-'));
    const plugins = resolvePlugins([servicePlugin, knowledgePlugin], ['service', 'knowledge'], {
      knowledge: { publicAccess: true, attachments: { directory: attachmentsDir, maxBytes: 2048 } },
    });
    server = await startTestServer({ database, plugins, customers: 12 });
    await seedPlugins(server.db.prisma, plugins.filter((p) => p.plugin.name === 'knowledge'), { now: server.clock.now() });
    const data = await server.ok('{ users(first: 100) { edges { node { id email } } } }');
    users = Object.fromEntries(data.users.edges.map((e: any) => [e.node.email, e.node.id]));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });

  const search = async (query: string, filter?: Record<string, unknown>, client = server) =>
    (await client.ok(SEARCH, { query, filter, first: 20 })).searchArticles;
  const titles = (result: any) => result.edges.map((e: any) => e.node.title);

  /** Creates, submits and has the manager approve an article: published unless scheduled. */
  async function publish(input: Record<string, unknown>) {
    const created = (await agent().ok(CREATE, { input })).createArticle.article;
    const submitted = (await agent().ok(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [users['manager@demo.local']] } }))
      .submitArticleForReview.article;
    return (await manager().ok(APPROVE, { input: { id: submitted.id, version: submitted.version } })).approveArticle.article;
  }

  describe('search', () => {
    it('ranks an exact title match first', async () => {
      const result = await search('Configuring the router');
      expect(result.edges[0].node.title).toBe('Configuring the router');
      expect(result.edges[0].titleHighlight).toBe('<mark>Configuring</mark> the <mark>router</mark>');
      expect(result.edges[0].rank).toBeGreaterThan(result.edges[1]?.rank ?? 0);
    });

    it('matches inflected words through stemming', async () => {
      const result = await search('configure');
      expect(titles(result)).toContain('Configuring the router');
      expect(result.edges[0].node.title).toBe('Configuring the router'); // a title hit outweighs body hits
      const routers = await search('routers');
      expect(titles(routers)).toEqual(expect.arrayContaining(['Configuring the router', 'Router keeps dropping the connection']));
    });

    it('weighs title above summary above body', async () => {
      const hits = (await search('firmware')).edges.map((e: any) => e.node.title);
      // In the title of one article, only in the body of "Router keeps dropping the connection".
      expect(hits[0]).toBe('Updating router firmware safely');
      expect(hits).toContain('Router keeps dropping the connection');
    });

    it('highlights snippets with the text HTML-escaped', async () => {
      const created = await publish({
        title: 'Escaping test',
        body: 'Never paste <script>alert(1)</script> into the zebrafish console; 1 < 2 & "quotes" <b onmouseover=x>bold</b>',
        visibility: 'PUBLIC',
      });
      const result = await search('zebrafish');
      expect(result.edges.map((e: any) => e.node.id)).toEqual([created.id]);
      const { snippet } = result.edges[0];
      expect(snippet).toContain('into the <mark>zebrafish</mark> console; 1 &lt; 2 &amp; &quot;quotes&quot;');
      expect(snippet.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>]/);
    });

    it('filters by category (with subcategories), tag, status and language', async () => {
      const categories = (await server.ok('{ articleCategories { id slug parent { slug } } }')).articleCategories;
      const hardware = categories.find((c: any) => c.slug === 'hardware').id;
      const inHardware = await search('router', { categoryId: hardware });
      expect(inHardware.totalCount).toBeGreaterThanOrEqual(3);
      expect(inHardware.edges.length).toBeGreaterThan(0);
      expect(inHardware.edges.filter((e: any) => !(e.node.category.slug.startsWith('hardware-')))).toEqual([]);
      const tagged = await search('router', { tags: ['firmware'] });
      expect(titles(tagged)).toEqual(['Updating router firmware safely']);
      expect(titles(await search('ticket portal', { status: ['IN_REVIEW'] }))).toEqual(['Planned maintenance: new ticket portal']);
      expect(titles(await search('ticket portal', { status: ['PUBLISHED'] }))).toEqual([]);
      const chinese = await search('配置路由器', { language: 'zh-CN' });
      expect(titles(chinese)).toEqual(['配置路由器']);
      expect(titles(await search('DHCP', { language: 'zh-CN' })).sort()).toEqual(['打印机 脱机 怎么办', '配置路由器'].sort());
    });

    it('finds Chinese words inside unspaced text, with the match marked in the snippet', async () => {
      const article = await publish({
        title: '无线网络设置指南',
        body: '本文介绍如何配置路由器的无线网络，以及忘记密码时怎样恢复出厂设置。',
        language: 'zh-CN',
        visibility: 'INTERNAL',
      });
      const inside = await search('路由器');
      expect(titles(inside)).toContain('无线网络设置指南');
      const hit = inside.edges.find((e: any) => e.node.id === article.id);
      expect(hit.snippet).toContain('如何配置<mark>路由器</mark>的无线网络');
      // Several terms must all be there, each as a phrase: 出厂 and 密码 are, 路器 (not adjacent) is not.
      expect(titles(await search('出厂 密码'))).toContain('无线网络设置指南');
      expect(titles(await search('路器'))).not.toContain('无线网络设置指南');
      expect(titles(await search('无线 交换机'))).not.toContain('无线网络设置指南');
      // A title word ranks the article first, marked in the title; one character is a term too.
      const titled = await search('设置指南');
      expect(titled.edges[0]).toMatchObject({ node: { id: article.id }, titleHighlight: '无线网络<mark>设置指南</mark>' });
      expect(titles(await search('网'))).toContain('无线网络设置指南');
    });

    it('pages with first/after and agrees with totalCount', async () => {
      const first = (await server.ok(SEARCH, { query: 'router', first: 2 })).searchArticles;
      expect(first.edges).toHaveLength(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const next = (await server.ok(SEARCH, { query: 'router', first: 50, after: first.pageInfo.endCursor })).searchArticles;
      expect(next.edges.length + 2).toBe(first.totalCount);
      expect(next.edges.map((e: any) => e.node.id)).not.toContain(first.edges[0].node.id);
    });

    it('uses the same language configurations as the generated column', async () => {
      const rows = await server.db.prisma.$queryRaw<Array<{ lang: string; config: string }>>`
        SELECT lang, knowledge_search_config(lang)::text AS config FROM unnest(${[...Object.keys(SEARCH_CONFIGS), 'zh-CN', 'ja']}::text[]) AS lang`;
      expect(Object.fromEntries(rows.map((r) => [r.lang, r.config]))).toEqual({ ...SEARCH_CONFIGS, 'zh-CN': 'simple', ja: 'simple' });
    });
  });

  describe('workflow and versions', () => {
    it('publishes on the last approval, versions each publish, compares and restores', async () => {
      const created = (await agent().ok(CREATE, { input: { title: 'Resetting a password', body: 'Step one\nStep two\n', tags: ['Accounts'] } })).createArticle.article;
      expect(created).toMatchObject({ status: 'DRAFT', latestVersionNumber: 0, author: { email: 'agent@demo.local' } });

      // Two reviewers: the first approval is not enough.
      const submitted = (
        await agent().ok(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [users['manager@demo.local'], users['admin@demo.local']] } })
      ).submitArticleForReview.article;
      expect(submitted.status).toBe('IN_REVIEW');
      const once = (await manager().ok(APPROVE, { input: { id: created.id, version: submitted.version } })).approveArticle.article;
      expect(once.status).toBe('IN_REVIEW');
      const v1 = (await server.ok(APPROVE, { input: { id: created.id, version: once.version } })).approveArticle.article;
      expect(v1).toMatchObject({ status: 'PUBLISHED', latestVersionNumber: 1 });
      const alerts = await staffAlerts(server.db.prisma, { entityId: dbId(created.id) });
      expect(alerts.map((a) => [a.kind, a.recipient.email]).sort()).toEqual([
        ['ARTICLE_PUBLISHED', 'agent@demo.local'],
        ['ARTICLE_REVIEW_REQUESTED', 'admin@demo.local'],
        ['ARTICLE_REVIEW_REQUESTED', 'manager@demo.local'],
      ]);

      const revised = (await agent().ok(REVISE, { input: { id: created.id, version: v1.version } })).reviseArticle.article;
      const edited = (
        await agent().ok(UPDATE, { input: { id: created.id, version: revised.version, title: 'Resetting your password', body: 'Step one\nStep 2\nStep three\n' } })
      ).updateArticle.article;
      const resubmitted = (await agent().ok(SUBMIT, { input: { id: created.id, version: edited.version, reviewerIds: [users['manager@demo.local']] } }))
        .submitArticleForReview.article;
      const v2 = (await manager().ok(APPROVE, { input: { id: created.id, version: resubmitted.version } })).approveArticle.article;
      expect(v2).toMatchObject({ status: 'PUBLISHED', latestVersionNumber: 2, title: 'Resetting your password' });

      const diff = (
        await server.ok(
          `query($id: ID!) { compareArticleVersions(articleId: $id, from: 1, to: 2) {
            fromNumber toNumber linesAdded linesRemoved changedFields { field from to } bodyHunks { oldStart newStart lines { kind text } } } }`,
          { id: created.id },
        )
      ).compareArticleVersions;
      expect(diff.changedFields).toEqual([{ field: 'title', from: 'Resetting a password', to: 'Resetting your password' }]);
      expect(diff.bodyHunks[0].lines).toEqual([
        { kind: 'CONTEXT', text: 'Step one' },
        { kind: 'REMOVED', text: 'Step two' },
        { kind: 'ADDED', text: 'Step 2' },
        { kind: 'ADDED', text: 'Step three' },
      ]);

      // Restore version 1: a draft with its content; publishing it adds version 3, history untouched.
      const restored = (await agent().ok(RESTORE, { input: { id: created.id, version: v2.version, versionNumber: 1 } })).restoreArticleVersion.article;
      expect(restored).toMatchObject({ status: 'DRAFT', title: 'Resetting a password', body: 'Step one\nStep two\n', restoredFromNumber: 1, latestVersionNumber: 2 });
      const again = (await agent().ok(SUBMIT, { input: { id: created.id, version: restored.version, reviewerIds: [users['manager@demo.local']] } }))
        .submitArticleForReview.article;
      await manager().ok(APPROVE, { input: { id: created.id, version: again.version } });
      const versions = (
        await server.ok(`query($id: ID!) { article(id: $id) { versions(first: 10) { totalCount edges { node { number title body restoredFromNumber publishedBy { email } } } } } }`, {
          id: created.id,
        })
      ).article.versions;
      expect(versions.edges.map((e: any) => e.node)).toEqual([
        { number: 3, title: 'Resetting a password', body: 'Step one\nStep two\n', restoredFromNumber: 1, publishedBy: { email: 'manager@demo.local' } },
        { number: 2, title: 'Resetting your password', body: 'Step one\nStep 2\nStep three\n', restoredFromNumber: null, publishedBy: { email: 'manager@demo.local' } },
        { number: 1, title: 'Resetting a password', body: 'Step one\nStep two\n', restoredFromNumber: null, publishedBy: { email: 'admin@demo.local' } },
      ]);
      // Versions are immutable in the database itself.
      await expect(server.db.prisma.articleVersion.updateMany({ where: { articleId: dbId(created.id) }, data: { title: 'rewritten' } })).rejects.toThrow(/immutable/);
    });

    it('refuses what the rules forbid, naming the field', async () => {
      const created = (await agent().ok(CREATE, { input: { title: 'Rules', body: 'x' } })).createArticle.article;
      const reviewOwn = await server.gql(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [users['agent@demo.local']] } });
      expect(userErrorOf(reviewOwn)).toMatchObject({ fields: ['reviewerIds.0'] });
      const stale = await agent().gql(UPDATE, { input: { id: created.id, version: created.version + 5, title: 'Stale' } });
      expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
      const publishDraft = await manager().gql(APPROVE, { input: { id: created.id, version: created.version } });
      expect(userErrorOf(publishDraft)).toMatchObject({ fields: ['id'] });
      expect(errorOf(await server.as('rep@demo.local').gql(CREATE, { input: { title: 'Nope', body: 'x' } })).code).toBe('FORBIDDEN');
      const badSchedule = await agent().gql(CREATE, { input: { title: 'T', body: 'x', publishAt: '2026-12-02T00:00:00Z', expireAt: '2026-12-01T00:00:00Z' } });
      expect(userErrorOf(badSchedule)).toMatchObject({ fields: ['expireAt'] });
      const notReviewer = (await agent().ok(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [users['manager@demo.local']] } })).submitArticleForReview.article;
      expect(userErrorOf(await server.gql(APPROVE, { input: { id: created.id, version: notReviewer.version } }))).toMatchObject({ fields: ['id'] });
    });

    it('lets a reviewer send an article back with a note, alerting its author', async () => {
      const created = (await agent().ok(CREATE, { input: { title: 'Send me back', body: 'x' } })).createArticle.article;
      const submitted = (await agent().ok(SUBMIT, { input: { id: created.id, version: created.version, reviewerIds: [users['manager@demo.local']] } }))
        .submitArticleForReview.article;
      const outsider = await server.as('emma.rossi@demo.local').gql(mutation('requestArticleChanges', 'RequestArticleChangesInput'), {
        input: { id: created.id, version: submitted.version, note: 'x' },
      });
      expect(userErrorOf(outsider).message).toBe('只有文章的审核人或作者才能退回文章');
      const back = (
        await manager().ok(mutation('requestArticleChanges', 'RequestArticleChangesInput'), { input: { id: created.id, version: submitted.version, note: 'Add screenshots' } })
      ).requestArticleChanges.article;
      expect(back).toMatchObject({ status: 'DRAFT', approvedAt: null });
      const alert = await (await staffAlerts(server.db.prisma, { entityId: dbId(created.id), kind: 'ARTICLE_CHANGES_REQUESTED' }))[0]!;
      expect([alert.recipient.email, alert.body]).toEqual(['agent@demo.local', 'Add screenshots']);
    });

    it('stores sanitized HTML next to the Markdown', async () => {
      const created = (await agent().ok(CREATE, { input: { title: 'Unsafe', body: '**ok** <img src=x onerror=alert(1)> [x](javascript:alert(2))' } })).createArticle.article;
      expect(created.body).toContain('onerror');
      expect(created.bodyHtml).toContain('<strong>ok</strong>');
      expect(created.bodyHtml).not.toMatch(/onerror|javascript:/);
    });
  });

  describe('scheduled publishing', () => {
    it('publishes at publishAt and archives at expireAt on the controllable clock, once', async () => {
      const now = server.clock.now().getTime();
      const scheduled = await publish({
        title: 'Holiday support hours',
        body: 'We answer the phone from 10:00 to 14:00 on holidays.',
        visibility: 'PUBLIC',
        publishAt: new Date(now + 2 * HOUR).toISOString(),
        expireAt: new Date(now + 50 * HOUR).toISOString(),
      });
      expect(scheduled).toMatchObject({ status: 'IN_REVIEW', latestVersionNumber: 0 });
      expect(scheduled.approvedAt).not.toBeNull();
      const publicSearch = () => server.anonymous.ok('{ searchPublicArticles(query: "holiday") { totalCount hits { article { title } } } }');
      expect((await publicSearch()).searchPublicArticles.totalCount).toBe(0);

      server.clock.advance(HOUR);
      await server.app.jobs.runDue();
      expect((await server.ok(`query($id: ID!) { article(id: $id) { status } }`, { id: scheduled.id })).article.status).toBe('IN_REVIEW');

      server.clock.advance(HOUR + 1000);
      expect(await server.app.jobs.runDue()).toContain('knowledge.scheduled-publishing');
      const live = (await server.ok(`query($id: ID!) { article(id: $id) { status latestVersionNumber publishedAt versions(first: 5) { totalCount } } }`, { id: scheduled.id }))
        .article;
      expect(live).toMatchObject({ status: 'PUBLISHED', latestVersionNumber: 1, publishedAt: server.clock.now().toISOString(), versions: { totalCount: 1 } });
      expect((await publicSearch()).searchPublicArticles.hits).toEqual([{ article: { title: 'Holiday support hours' } }]);

      // Idempotent: running again at the same instant changes nothing.
      expect(await runScheduledPublishing(server.db.prisma, server.clock.now())).toEqual({ published: 0, archived: 0 });

      // Past expireAt readers outside staff stop seeing it at once, and the job archives it.
      server.clock.advance(48 * HOUR);
      expect((await publicSearch()).searchPublicArticles.totalCount).toBe(0);
      await server.app.jobs.runDue();
      expect((await server.ok(`query($id: ID!) { article(id: $id) { status archivedAt } }`, { id: scheduled.id })).article.status).toBe('ARCHIVED');
      expect(await runScheduledPublishing(server.db.prisma, server.clock.now())).toEqual({ published: 0, archived: 0 });
    });
  });

  describe('visibility per audience', () => {
    it('shows partners only published PARTNER and PUBLIC articles, the public only PUBLIC ones', async () => {
      const now = server.clock.now();
      const partner = await searchArticlesFor(server.db.prisma, 'PARTNER', now, { text: 'router', limit: 50, offset: 0 });
      const partnerTitles = partner.hits.map((h) => h.article.title);
      expect(partnerTitles).toEqual(expect.arrayContaining(['Configuring the router', 'Updating router firmware safely', 'Setting up a VPN between branch offices']));
      expect(partner.hits.length).toBeGreaterThan(0);
      expect(partner.hits.filter((h: any) => !(h.article.visibility !== 'INTERNAL'))).toEqual([]);
      const pub = await searchArticlesFor(server.db.prisma, 'PUBLIC', now, { text: 'router', limit: 50, offset: 0 });
      expect(pub.hits.length).toBeGreaterThan(0);
      expect(pub.hits.filter((h: any) => !(h.article.visibility === 'PUBLIC'))).toEqual([]);
      expect(pub.hits.map((h) => h.article.title)).not.toContain('Updating router firmware safely');
      expect(pub.totalCount).toBe(pub.hits.length);

      const internal = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Working the queue at the start of a shift' } });
      const draft = await server.db.prisma.article.findFirstOrThrow({ where: { status: 'DRAFT', visibility: 'INTERNAL' } });
      const partnerOnly = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Updating router firmware safely' } });
      expect(await articleFor(server.db.prisma, 'STAFF', now, internal.id)).not.toBeNull();
      expect(await articleFor(server.db.prisma, 'PARTNER', now, internal.id)).toBeNull();
      expect(await articleFor(server.db.prisma, 'PARTNER', now, draft.id)).toBeNull();
      expect(await articleFor(server.db.prisma, 'PARTNER', now, partnerOnly.id)).toMatchObject({ title: 'Updating router firmware safely', code: expect.stringMatching(/^KB-/) });
      expect(await articleFor(server.db.prisma, 'PUBLIC', now, partnerOnly.id)).toBeNull();
    });

    it('lets a partner vote on what they can read, and only that', async () => {
      const partner = { kind: 'principal' as const, principal: 'partner', id: '0190a0a0-0000-7000-8000-0000000000aa', attributes: { partnerId: '0190a0a0-0000-7000-8000-0000000000ab' }, sessionId: null, permissions: new Set<never>(), hiddenCustomFields: [], label: 'partner' };
      const ctx = { prisma: server.db.prisma, viewer: partner, clock: server.clock };
      const shared = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Updating router firmware safely' } });
      const internal = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Working the queue at the start of a shift' } });
      await voteOnArticle(ctx, shared.id, true);
      await voteOnArticle(ctx, shared.id, true);
      expect(await server.db.prisma.articleVote.findMany({ where: { articleId: shared.id, voterKey: `partner:${partner.id}` } })).toHaveLength(1);
      await expect(voteOnArticle(ctx, internal.id, true)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    });

    it('answers anonymous callers only through the public fields', async () => {
      const partnerOnly = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Updating router firmware safely' } });
      const publicOne = await server.db.prisma.article.findFirstOrThrow({ where: { title: 'Configuring the router' } });
      const gid = (id: string) => Buffer.from(`Article:${id}`).toString('base64');
      const read = `query($id: ID!) { publicArticle(id: $id) { title bodyHtml category { slug } } }`;
      expect((await server.anonymous.ok(read, { id: gid(publicOne.id) })).publicArticle).toMatchObject({ title: 'Configuring the router', category: { slug: 'hardware-network' } });
      expect((await server.anonymous.ok(read, { id: gid(partnerOnly.id) })).publicArticle).toBeNull();
      expect(errorOf(await server.anonymous.gql(SEARCH, { query: 'router' })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('links, suggestions, votes, views', () => {
    it('attaches articles to customers, contacts and tickets, and suggests articles for a ticket', async () => {
      const data = await server.ok('{ customers(first: 1, orderBy: { field: CODE }) { edges { node { id contacts { id } } } } }');
      const customer = data.customers.edges[0].node;
      const article = (await search('Configuring the router')).edges[0].node;
      const LINK = `mutation($input: LinkArticleInput!) { linkArticle(input: $input) { linkId link { article { title } customer { id } contact { id } ticket { id } } userErrors { field code message } } }`;
      const toCustomer = (await agent().ok(LINK, { input: { articleId: article.id, customerId: customer.id } })).linkArticle;
      expect(toCustomer.link.customer.id).toBe(customer.id);
      await agent().ok(LINK, { input: { articleId: article.id, contactId: customer.contacts[0].id } });
      const both = await agent().gql(LINK, { input: { articleId: article.id, customerId: customer.id, contactId: customer.contacts[0].id } });
      expect(userErrorOf(both)).toMatchObject({ fields: ['customerId'] });

      const ticket = (
        await agent().ok(`mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { field code message } } }`, {
          input: { customerId: customer.id, subject: 'Router drops the connection every hour', type: 'REPAIR', channel: 'PHONE' },
        })
      ).openTicket.ticket;
      await agent().ok(LINK, { input: { articleId: article.id, ticketId: ticket.id } });
      const seen = await server.ok(
        `query($c: ID!, $t: ID!) {
          customer(id: $c) { articleLinks { article { title } } contacts { articleLinks { article { title } } } }
          ticket(id: $t) { articleLinks { article { title } } suggestedArticles(first: 3) { title status } }
        }`,
        { c: customer.id, t: ticket.id },
      );
      expect(seen.customer.articleLinks).toEqual([{ article: { title: 'Configuring the router' } }]);
      expect(seen.customer.contacts[0].articleLinks).toEqual([{ article: { title: 'Configuring the router' } }]);
      expect(seen.ticket.articleLinks).toEqual([{ article: { title: 'Configuring the router' } }]);
      expect(seen.ticket.suggestedArticles[0].title).toBe('Router keeps dropping the connection');
      expect(seen.ticket.suggestedArticles.length).toBeGreaterThan(0);
      expect(seen.ticket.suggestedArticles.filter((a: any) => !(a.status === 'PUBLISHED'))).toEqual([]);

      const unlinked = await agent().ok(`mutation($id: ID!) { unlinkArticle(input: { id: $id }) { linkId link { id } userErrors { field message } } }`, { id: toCustomer.linkId });
      expect(unlinked.unlinkArticle).toEqual({ linkId: toCustomer.linkId, link: null, userErrors: [] });
    });

    it('keeps one link per article when customers linked to the same article are merged', async () => {
      const data = await server.ok('{ customers(first: 3, orderBy: { field: CODE }) { edges { node { id version } } } }');
      const [survivor, other, third] = data.customers.edges.map((e: any) => e.node);
      const [router, toner] = [(await search('Configuring the router')).edges[0].node, (await search('Replacing the toner cartridge')).edges[0].node];
      const LINK = `mutation($input: LinkArticleInput!) { linkArticle(input: $input) { linkId userErrors { field code message } } }`;
      for (const customer of [survivor, other, third]) await server.ok(LINK, { input: { articleId: router.id, customerId: customer.id } });
      await server.ok(LINK, { input: { articleId: toner.id, customerId: third.id } });
      const merged = await server.ok(
        `mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { customer { articleLinks { article { title } } } userErrors { field code message } } }`,
        { input: { survivorId: survivor.id, survivorVersion: survivor.version, merged: [other, third].map((c: any) => ({ id: c.id, version: c.version })) } },
      );
      const titles = merged.mergeCustomers.customer.articleLinks.map((l: any) => l.article.title).sort();
      expect(titles).toEqual(['Configuring the router', 'Replacing the toner cartridge']);
    });

    it('keeps one changeable vote per reader and counts views', async () => {
      const article = (await search('Replacing the toner cartridge')).edges[0].node;
      const COUNTS = `query($id: ID!) { article(id: $id) { viewCount helpfulCount notHelpfulCount viewerFoundHelpful } }`;
      const before = (await agent().ok(COUNTS, { id: article.id })).article;
      const VOTE = `mutation($input: VoteOnArticleInput!) { voteOnArticle(input: $input) { article { id } userErrors { field code message } } }`;
      await agent().ok(VOTE, { input: { id: article.id, helpful: true } });
      await agent().ok(VOTE, { input: { id: article.id, helpful: true } });
      await manager().ok(VOTE, { input: { id: article.id, helpful: true } });
      await agent().ok(VOTE, { input: { id: article.id, helpful: false } });
      const after = (await agent().ok(COUNTS, { id: article.id })).article;
      expect(after).toEqual({
        viewCount: before.viewCount + 1,
        helpfulCount: before.helpfulCount + 1,
        notHelpfulCount: before.notHelpfulCount + 1,
        viewerFoundHelpful: false,
      });
    });
  });

  describe('attachments', () => {
    const ATTACH = `mutation($input: AddArticleAttachmentInput!) { addArticleAttachment(input: $input) { attachment { id fileName mimeType size sha256 contentBase64 } userErrors { field code message } } }`;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);

    it('stores allowed files within the size limit and serves them back', async () => {
      const article = (await agent().ok(CREATE, { input: { title: 'With a picture', body: 'See the image.' } })).createArticle.article;
      const added = (await agent().ok(ATTACH, { input: { articleId: article.id, fileName: 'panel.png', mimeType: 'image/png', contentBase64: png.toString('base64') } }))
        .addArticleAttachment.attachment;
      expect(added).toMatchObject({ fileName: 'panel.png', mimeType: 'image/png', size: png.length, contentBase64: png.toString('base64') });
      const wrongType = await agent().gql(ATTACH, { input: { articleId: article.id, fileName: 'x.html', mimeType: 'text/html', contentBase64: Buffer.from('<script>').toString('base64') } });
      expect(userErrorOf(wrongType)).toMatchObject({ fields: ['mimeType'] });
      const disguised = await agent().gql(ATTACH, { input: { articleId: article.id, fileName: 'x.png', mimeType: 'image/png', contentBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') } });
      expect(userErrorOf(disguised)).toMatchObject({ fields: ['mimeType'], message: '文件内容不是 image/png' });
      const tooBig = await agent().gql(ATTACH, { input: { articleId: article.id, fileName: 'big.txt', mimeType: 'text/plain', contentBase64: Buffer.alloc(4096, 65).toString('base64') } });
      expect(userErrorOf(tooBig)).toMatchObject({ fields: ['contentBase64'], message: expect.stringMatching(/^最多 \d+ 字节$/) });
      // An author who reads English gets the same refusal in English.
      await server.db.prisma.user.update({ where: { email: 'agent@demo.local' }, data: { locale: 'en' } });
      try {
        const inEnglish = await agent().gql(ATTACH, { input: { articleId: article.id, fileName: 'x.png', mimeType: 'image/png', contentBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') } });
        expect(userErrorOf(inEnglish)).toMatchObject({ fields: ['mimeType'], message: 'the content is not image/png' });
      } finally {
        await server.db.prisma.user.update({ where: { email: 'agent@demo.local' }, data: { locale: 'zh-CN' } });
      }
      const removed = await agent().ok(`mutation($id: ID!) { removeArticleAttachment(input: { id: $id }) { attachment { id } userErrors { field message } } }`, { id: added.id });
      expect(removed.removeArticleAttachment.attachment).toBeNull();
    });
  });

  it('searches with nested relations in a constant number of statements', async () => {
    const QUERY = `query($first: Int!) { searchArticles(query: "router or printer", first: $first) { totalCount edges { snippet node {
      title category { name parent { name } } author { email } reviewers { user { email } } viewCount
    } } } }`;
    const count = async (first: number) => {
      await server.ok(QUERY, { first });
      server.statements.length = 0;
      const data = await server.ok(QUERY, { first });
      return { statements: server.statements.length, rows: data.searchArticles.edges.length };
    };
    const [one, many] = [await count(1), await count(6)];
    expect(many.rows).toBeGreaterThanOrEqual(5);
    expect(many.statements).toBe(one.statements);
  });

  it('keeps the category tree a tree', async () => {
    const CREATE_CATEGORY = `mutation($input: CreateArticleCategoryInput!) { createArticleCategory(input: $input) { category { id slug parent { slug } } userErrors { field code message } } }`;
    const UPDATE_CATEGORY = `mutation($input: UpdateArticleCategoryInput!) { updateArticleCategory(input: $input) { category { id parent { slug } } userErrors { field code message } } }`;
    const top = (await agent().ok(CREATE_CATEGORY, { input: { name: 'Mobile', slug: 'mobile' } })).createArticleCategory.category;
    const child = (await agent().ok(CREATE_CATEGORY, { input: { name: 'Android', slug: 'mobile-android', parentId: top.id } })).createArticleCategory.category;
    expect(child.parent.slug).toBe('mobile');
    expect(userErrorOf(await agent().gql(CREATE_CATEGORY, { input: { name: 'Again', slug: 'mobile' } }))).toMatchObject({ fields: ['slug'] });
    expect(userErrorOf(await agent().gql(UPDATE_CATEGORY, { input: { id: top.id, parentId: child.id } }))).toMatchObject({ fields: ['parentId'] });
    const moved = (await agent().ok(UPDATE_CATEGORY, { input: { id: child.id, parentId: null } })).updateArticleCategory.category;
    expect(moved.parent).toBeNull();
  });

  it('loads a page of articles with nested relations in a constant number of statements', async () => {
    const LIST = `query($first: Int!) { articles(first: $first) { totalCount edges { node {
      title category { name parent { name } } author { email } reviewers { user { email } } viewCount viewerFoundHelpful versions(first: 2) { totalCount }
      links { customer { name } }
    } } } }`;
    const count = async (first: number) => {
      await server.ok(LIST, { first });
      server.statements.length = 0;
      const data = await server.ok(LIST, { first });
      expect(data.articles.edges).toHaveLength(first);
      return server.statements.length;
    };
    const [few, many] = [await count(3), await count(30)];
    expect(many).toBe(few);
  });
});
