// Races and rules on the partner portal: concurrent identical votes and deal registrations (real
// concurrency over HTTP, on PostgreSQL when available), and approval within the per-owner maximum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, resolvePlugins, seedPlugins } from '@rapport/core';
import knowledgePlugin from '@rapport/plugin-knowledge';
import partnerPlugin, { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';
import { portalSignIn, type PortalClient } from './support/portal.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const MAX = 8;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
const portalId = (internalId: string) => Buffer.from(`KnowledgeArticle:${dbId(internalId)}`).toString('base64');

const REGISTER = `mutation($input: RegisterDealInput!) { registerDeal(input: $input) { dealRegistration { id version } userErrors { field code message } } }`;
const APPROVE = `mutation($input: ApproveDealRegistrationInput!) { approveDealRegistration(input: $input) { dealRegistration { id status customer { id } } userErrors { field code message } } }`;
const VOTE = `mutation($input: VoteOnKnowledgeArticleInput!) { voteOnKnowledgeArticle(input: $input) { article { id helpfulCount } userErrors { field code message } } }`;

describe.each(kinds)('partner portal races and rules on %s', (database) => {
  let server: TestServer;
  let partner: PortalClient;
  let article: string;

  beforeAll(async () => {
    const plugins = resolvePlugins([servicePlugin, knowledgePlugin, partnerPlugin], ['service', 'knowledge', 'partner']);
    server = await startTestServer({ database, customers: 20, plugins, env: { RAPPORT_POOL_MAX_CUSTOMERS: String(MAX) } });
    await seedPlugins(server.db.prisma, plugins.filter((p) => p.plugin.name === 'partner'), { now: server.clock.now() });
    const manager = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } });
    const input = { title: 'Resetting the gateway', body: 'Hold the button for ten seconds.', summary: 'Reset', tags: ['gateway'], visibility: 'PARTNER' };
    const created = (await server.as('agent@demo.local').ok('mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id version } userErrors { field code message } } }', { input })).createArticle.article;
    const submitted = (
      await server.as('agent@demo.local').ok('mutation($input: SubmitArticleForReviewInput!) { submitArticleForReview(input: $input) { article { id version } userErrors { field code message } } }', {
        input: { id: created.id, version: created.version, reviewerIds: [Buffer.from(`User:${manager.id}`).toString('base64')] },
      })
    ).submitArticleForReview.article;
    await server.as('manager@demo.local').ok('mutation($input: ApproveArticleInput!) { approveArticle(input: $input) { article { id } userErrors { field code message } } }', {
      input: { id: submitted.id, version: submitted.version },
    });
    article = created.id;
    partner = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, DEMO_PASSWORD);
  });
  afterAll(() => server?.close());

  const registration = (companyName: string) => ({
    companyName,
    contactName: 'Dee Buyer',
    contactEmail: 'dee@example.com',
    expectedAmount: '50000',
    expectedCloseDate: new Date(server.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10),
    productInterest: 'Telematics',
  });

  it('counts ten concurrent identical votes of one partner user as one', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => partner.gql(VOTE, { input: { id: portalId(article), helpful: true } })));
    expect(results.map((r) => errorOf(r).code)).toEqual(Array(10).fill(undefined));
    const stats = await server.db.prisma.articleStats.findUniqueOrThrow({ where: { articleId: dbId(article) } });
    expect([stats.helpfulCount, stats.notHelpfulCount]).toEqual([1, 0]);
    // changing one's mind, concurrently too, moves the vote, not the total
    await Promise.all(Array.from({ length: 5 }, () => partner.gql(VOTE, { input: { id: portalId(article), helpful: false } })));
    const changed = await server.db.prisma.articleStats.findUniqueOrThrow({ where: { articleId: dbId(article) } });
    expect([changed.helpfulCount, changed.notHelpfulCount]).toEqual([0, 1]);
  });

  it('creates one pending registration from five concurrent registrations of one company', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => partner.gql(REGISTER, { input: registration('Race Condition Trading Co') })));
    const codes = results.map((r) => errorOf(r).code ?? (userErrorOf(r).codes.length ? 'USER_ERROR' : 'OK')).sort();
    expect(codes).toEqual(['OK', 'USER_ERROR', 'USER_ERROR', 'USER_ERROR', 'USER_ERROR']);
    for (const refused of results.filter((r) => !r.data.registerDeal.dealRegistration)) expect(userErrorOf(refused).fields).toEqual(['companyName']);
    expect(await server.db.prisma.dealRegistration.count({ where: { companyName: 'Race Condition Trading Co' } })).toBe(1);
  });

  it('refuses to approve into a new customer for a manager at the per-owner maximum, writing nothing', async () => {
    const manager = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } });
    const owned = await server.db.prisma.customer.findMany({ where: { ownerId: manager.id }, orderBy: { number: 'asc' } });
    if (owned.length > MAX) await server.db.prisma.customer.updateMany({ where: { id: { in: owned.slice(MAX).map((c) => c.id) } }, data: { ownerId: null } });
    const more = await server.db.prisma.customer.findMany({ where: { OR: [{ ownerId: null }, { ownerId: { not: manager.id } }] }, take: Math.max(0, MAX - owned.length) });
    await server.db.prisma.customer.updateMany({ where: { id: { in: more.map((c) => c.id) } }, data: { ownerId: manager.id } });
    expect(await server.db.prisma.customer.count({ where: { ownerId: manager.id } })).toBe(MAX);

    const registered = (await partner.ok(REGISTER, { input: registration('Full Portfolio Ltd') })).registerDeal.dealRegistration;
    const customers = await server.db.prisma.customer.count();
    const refused = await server.as('manager@demo.local').gql(APPROVE, { input: { id: registered.id, version: registered.version } });
    // Core's refusal of the owner, in the reader's language, inside the registration's own.
    expect(userErrorOf(refused)).toMatchObject({ fields: ['customerId'], message: `无法新建由你负责的客户：你已负责 ${MAX} 个客户，达到上限（${MAX} 个）；请指定一个已有客户` });
    expect(await server.db.prisma.customer.count()).toBe(customers);
    expect(await server.db.prisma.customer.count({ where: { ownerId: manager.id } })).toBe(MAX);
    expect((await server.db.prisma.dealRegistration.findUniqueOrThrow({ where: { id: dbId(registered.id) } })).status).toBe('PENDING');
  });
});
