import { parse } from 'csv-parse/sync';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import servicePlugin from '@rapport/plugin-service';
import marketingPlugin from '@rapport/plugin-marketing';
import salesPlugin from '@rapport/plugin-sales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const plugins = () => resolvePlugins([servicePlugin, callcenterPlugin, marketingPlugin, salesPlugin], ['service', 'callcenter', 'marketing', 'sales'], { callcenter: { webhook: { secret: 'x'.repeat(32) } } });
const REQUEST = `mutation($input: RequestExportInput!) { requestExport(input: $input) { path } }`;

describe.each(kinds)('plugin lists exported through the registry on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 40, plugins: plugins(), env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'data.export'] }) } });
    await seedPlugins(server.db.prisma, plugins(), { now: server.clock.now() });
  });
  afterAll(() => server?.close());

  async function exported(client: TestClient, entity: string, filter?: unknown) {
    const { path } = (await client.ok(REQUEST, { input: { entity, format: 'CSV', ...(filter ? { filter } : {}) } })).requestExport;
    const response = await fetch(new URL(path, server.url));
    expect(response.status).toBe(200);
    return parse(await response.text(), { bom: true }) as string[][];
  }

  it('exports tickets with the tickets list filter and row rule', async () => {
    const all = (await server.ok('{ tickets(first: 1) { totalCount } }')).tickets.totalCount;
    expect(all).toBeGreaterThan(0);
    expect((await exported(server, 'TICKET')).length - 1).toBe(all);
    const urgent = (await server.ok('{ tickets(first: 1, filter: { priority: [URGENT, HIGH] }) { totalCount } }')).tickets.totalCount;
    const rows = await exported(server, 'TICKET', { priority: ['URGENT', 'HIGH'] });
    expect(rows.length - 1).toBe(urgent);
    const priority = rows[0]!.indexOf('优先级');
    expect(new Set(rows.slice(1).map((r) => r[priority]))).toEqual(new Set(['URGENT', 'HIGH']));
    const rep = server.as('rep@demo.local');
    const theirs = (await rep.ok('{ tickets(first: 1) { totalCount } }')).tickets.totalCount;
    expect(theirs).toBeLessThan(all);
    expect((await exported(rep, 'TICKET')).length - 1).toBe(theirs);
  });

  it('exports calls with the calls list filter and row rule', async () => {
    const all = (await server.ok('{ calls(first: 1) { totalCount } }')).calls.totalCount;
    expect(all).toBeGreaterThan(0);
    expect((await exported(server, 'CALL')).length - 1).toBe(all);
    const missed = (await server.ok('{ calls(first: 1, filter: { disposition: [MISSED] }) { totalCount } }')).calls.totalCount;
    expect((await exported(server, 'CALL', { disposition: ['MISSED'] })).length - 1).toBe(missed);
    const rep = server.as('rep@demo.local');
    const theirs = (await rep.ok('{ calls(first: 1) { totalCount } }')).calls.totalCount;
    expect((await exported(rep, 'CALL')).length - 1).toBe(theirs);
  });

  it("exports a campaign's members with Campaign.members' filters", async () => {
    const campaigns = (await server.ok('{ campaigns(first: 20) { edges { node { id members(first: 1) { totalCount } } } } }')).campaigns.edges.map((e: any) => e.node);
    const campaign = campaigns.find((c: any) => c.members.totalCount > 0);
    expect(campaign).toBeDefined();
    const rows = await exported(server, 'CAMPAIGN_MEMBER', { campaignId: campaign.id });
    expect(rows.length - 1).toBe(campaign.members.totalCount);
    expect(rows[0]!.slice(0, 2)).toEqual(['联系人', '邮箱']);
    const rep = server.as('rep@demo.local');
    const theirs = (await rep.ok('query($id: ID!) { node(id: $id) { ... on Campaign { members(first: 1) { totalCount } } } }', { id: campaign.id })).node.members.totalCount;
    expect((await exported(rep, 'CAMPAIGN_MEMBER', { campaignId: campaign.id })).length - 1).toBe(theirs);
  });

  it('exports opportunities with the opportunities list filter and row rule, amounts only with customer.viewFinancials', async () => {
    const all = (await server.ok('{ opportunities(first: 1) { totalCount } }')).opportunities.totalCount;
    expect(all).toBeGreaterThan(0);
    const rows = await exported(server, 'OPPORTUNITY');
    expect(rows.length - 1).toBe(all);
    expect(rows[0]!.slice(0, 4)).toEqual(['商机编号', '商机名称', '客户编号', '客户名称']);
    const amount = rows[0]!.indexOf('金额');
    const first = (await server.ok('{ opportunities(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { code amount } } } }')).opportunities.edges[0].node;
    expect(rows.find((r) => r[0] === first.code)![amount]).toBe(Number(first.amount).toFixed(2));
    const open = (await server.ok('{ opportunities(first: 1, filter: { status: [OPEN] }) { totalCount } }')).opportunities.totalCount;
    const openRows = await exported(server, 'OPPORTUNITY', { status: ['OPEN'] });
    expect(openRows.length - 1).toBe(open);
    expect(new Set(openRows.slice(1).map((r) => r[openRows[0]!.indexOf('状态')]))).toEqual(new Set(['OPEN']));
    const rep = server.as('rep@demo.local');
    const theirs = (await rep.ok('{ opportunities(first: 1) { totalCount } }')).opportunities.totalCount;
    expect(theirs).toBeLessThan(all);
    const repRows = await exported(rep, 'OPPORTUNITY');
    expect(repRows.length - 1).toBe(theirs);
    expect(repRows[0]).not.toContain('金额');
  });
});
