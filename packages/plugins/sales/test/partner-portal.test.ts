// Opportunities on the partner portal (/partner/graphql), contributed through `partnerPortal`: a partner
// sees the opportunities of customers shared with its organisation — by list, count and node(id) — and
// nothing of anyone else's; no amount or other internal field exists on the portal's opportunity type.
import { buildSchema as parseSdl, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, resolvePlugins, seedPlugins } from '@rapport/core';
import partnerPlugin, { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type TestServer } from '@rapport/core/testing';
import { portalSignIn, postGraphQL, type PortalClient } from '../../../../test/support/portal.js';
import { endpointSdls } from '../../../../test/support/schema.js';

const kinds = await databaseKinds();
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const CREATE = 'mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { field code message } } }';
const OPPORTUNITY = 'id code name stageName status expectedCloseDate customer { id name }';
const LIST = `query($first: Int, $after: String) { opportunities(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${OPPORTUNITY} } } } }`;
const BY_ID = `query($id: ID!) { opportunity(id: $id) { ${OPPORTUNITY} } }`;
const NODE = 'query($id: ID!) { node(id: $id) { id ... on Opportunity { name } } }';

describe('opportunities on the partner portal schema', () => {
  const portal = parseSdl(endpointSdls()['partner-portal']!);
  const fieldsOf = (type: string) => {
    const found = portal.getType(type);
    return isObjectType(found) ? Object.keys(found.getFields()).sort() : [];
  };

  it('has read-only, money-free opportunity fields', () => {
    expect(fieldsOf('Opportunity')).toEqual(['code', 'customer', 'expectedCloseDate', 'id', 'name', 'stageName', 'status']);
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['opportunities', 'opportunity']));
    expect(fieldsOf('Mutation').filter((f) => /opportunit/i.test(f))).toEqual([]);
    for (const internal of ['SalesPipeline', 'PipelineStage', 'Quote', 'Contract', 'Forecast']) expect([internal, portal.getType(internal)]).toEqual([internal, undefined]);
  });
});

describeOnDatabases(kinds)('opportunities on the partner portal on %s', (database) => {
  let server: TestServer;
  let northwind: PortalClient;
  let summit: PortalClient;
  const ids: Record<'north1' | 'north2' | 'summit' | 'unshared', string> = { north1: '', north2: '', summit: '', unshared: '' };
  let northwindExpected: string[];

  beforeAll(async () => {
    const plugins = resolvePlugins([salesPlugin, partnerPlugin], ['sales', 'partner']);
    server = await startTestServer({ database, customers: 20, plugins });
    // The partner seed shares the first 8 customers (by number) with Northwind, the next 5 with Summit.
    await seedPlugins(server.db.prisma, plugins.filter((p) => p.plugin.name === 'partner'), { now: server.clock.now() });
    const customers = await server.db.prisma.customer.findMany({ orderBy: { number: 'asc' }, select: { id: true } });
    const open = async (index: number, name: string) => {
      const result = await server.as('admin@demo.local').ok(CREATE, { input: { customerId: gid('Customer', customers[index]!.id), name, amount: '88000.00', expectedCloseDate: '2026-12-20' } });
      expect(result.createOpportunity.userErrors).toEqual([]);
      return result.createOpportunity.opportunity.id as string;
    };
    ids.north1 = await open(0, '北风一号项目');
    ids.north2 = await open(1, '北风二号项目');
    ids.summit = await open(9, '峰会项目');
    ids.unshared = await open(17, '未共享项目');
    // Every opportunity on a customer shared with Northwind, straight from the tables (seeded ones included).
    const partner = await server.db.prisma.partnerOrganization.findFirstOrThrow({ where: { users: { some: { email: DEMO_PARTNER_ACCOUNTS.northwind } } } });
    const rows = await server.db.prisma.opportunity.findMany({ where: { customer: { partnerShares: { some: { partnerId: partner.id } } } }, select: { name: true } });
    northwindExpected = rows.map((r) => r.name).sort();
    northwind = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, DEMO_PASSWORD);
    summit = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.summit, DEMO_PASSWORD);
  });
  afterAll(() => server?.close());

  const all = async (client: PortalClient) => {
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = (await client.ok(LIST, { first: 2, after })).opportunities;
      nodes.push(...page.edges.map((e: any) => e.node));
      totalCount = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return { nodes, totalCount };
  };

  it('lists exactly the opportunities of customers shared with the partner, with count and pages', async () => {
    const north = await all(northwind);
    expect(north.nodes.map((n) => n.name).sort()).toEqual(northwindExpected);
    expect(north.totalCount).toBe(northwindExpected.length);
    expect(northwindExpected).toEqual(expect.arrayContaining(['北风一号项目', '北风二号项目']));
    expect(northwindExpected).not.toContain('峰会项目');
    expect(northwindExpected).not.toContain('未共享项目');
    const one = north.nodes.find((n) => n.name === '北风一号项目');
    expect(one).toMatchObject({ id: ids.north1, code: expect.stringMatching(/^OPP-\d{6}$/), status: 'OPEN', expectedCloseDate: '2026-12-20', stageName: expect.any(String) });
    expect(one.customer.id).toEqual(expect.any(String));

    const other = await all(summit);
    const names = other.nodes.map((n) => n.name);
    expect(names).toContain('峰会项目');
    expect(names.filter((n) => ['北风一号项目', '北风二号项目', '未共享项目'].includes(n))).toEqual([]);
    expect(other.totalCount).toBe(other.nodes.length);
  });

  it('finds a shared opportunity by id and node(id); anyone else’s is NOT_FOUND / null', async () => {
    expect((await northwind.ok(BY_ID, { id: ids.north1 })).opportunity).toMatchObject({ id: ids.north1, name: '北风一号项目' });
    expect((await northwind.ok(NODE, { id: ids.north2 })).node).toEqual({ id: ids.north2, name: '北风二号项目' });
    for (const [client, id] of [[summit, ids.north1], [summit, ids.north2], [summit, ids.unshared], [northwind, ids.summit], [northwind, ids.unshared]] as const) {
      const result = await client.gql(BY_ID, { id });
      expect([errorOf(result).code, result.data?.opportunity ?? null]).toEqual(['NOT_FOUND', null]);
      expect((await client.ok(NODE, { id })).node).toBeNull();
    }
  });

  it('refuses staff tokens on the portal', async () => {
    const staff = (await server.authorization())!;
    const result = await postGraphQL(northwind.url, LIST, { first: 5 }, staff);
    expect(errorOf(result.body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '此访问令牌不能用于该端点' });
  });
});
