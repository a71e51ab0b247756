import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { startTestServer, type TestServer } from '@rapport/core/testing';

describe('sales demo data', () => {
  let server: TestServer;
  const plugins = resolvePlugins([salesPlugin], ['sales']);

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 120, plugins });
    server.statements.length = 0;
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now(), seed: 7 });
  });
  afterAll(() => server?.close());

  it('seeds a pipeline in a handful of batched statements', () => {
    // 15 for the pipeline, products and quotes, 5 for contracts, their number sequences, plans, payments and invoices, 2 for leads,
    // 7 for the demo order (its contract and product, the contract's lines, the order, its lines, the delivery and its lines), 3 for targets.
    expect(server.statements.length).toBeLessThanOrEqual(32);
  });

  it('has open opportunities in every open stage, won ones carrying the seeded deals, products and priced quotes', async () => {
    const board = (await server.ok(`{ pipelineBoard(top: 1) { stage { key } opportunities } }`)).pipelineBoard;
    for (const column of board) expect(column.opportunities).toBeGreaterThan(0);
    const won = await server.db.prisma.opportunity.findMany({ where: { status: 'WON' }, include: { deal: true } });
    expect(won.length).toBeGreaterThan(0);
    for (const o of won) expect(o.amount.equals(o.deal!.amount)).toBe(true);
    const quote = (await server.ok(`{ opportunities(first: 100, filter: { status: [OPEN] }) { edges { node { quotes { total lines { totalAmount } } } } } }`)).opportunities.edges
      .flatMap((e: any) => e.node.quotes)
      .at(0);
    expect(Number(quote.total)).toBeCloseTo(quote.lines.reduce((s: number, l: any) => s + Number(l.totalAmount), 0), 2);
    expect((await server.ok(`{ products { code } }`)).products.length).toBe(6);
  });

  it('has signed contracts from won opportunities with partly collected payment plans and invoices', async () => {
    const { contracts } = await server.ok(`{ contracts(first: 20) { totalCount edges { node { number status amount received outstanding invoiced deal { id } opportunity { deal { id } } instalments { amount status } } } } }`);
    expect(contracts.totalCount).toBe(8);
    for (const { node } of contracts.edges) {
      expect(node.number).toMatch(/^HT-\d{4}-\d{4}$/);
      expect(node).toMatchObject({ status: 'ACTIVE', invoiced: node.received, deal: { id: node.opportunity.deal.id } });
      const planned = node.instalments.reduce((s: number, i: any) => s + Number(i.amount), 0);
      expect(planned).toBeCloseTo(Number(node.amount), 2);
      expect(node.instalments[0].status).toBe('PAID');
      expect(Number(node.received)).toBeLessThan(Number(node.amount));
    }
  });

  it('has a demo order for the latest contract, partly delivered, its lines adding up to the contract', async () => {
    const { salesOrders } = await server.ok(`{ salesOrders(first: 5) { totalCount nodes { number status amount contract { number amount lines { quantity orderedQuantity totalAmount } }
      lines { description quantity deliveredQuantity remainingQuantity } deliveries { note lines { quantity orderLine { position } } } } } }`);
    expect(salesOrders.totalCount).toBe(1);
    const [order] = salesOrders.nodes;
    expect(order).toMatchObject({ number: `${order.contract.number}-01`, status: 'PARTIALLY_DELIVERED', amount: order.contract.amount });
    expect(order.lines.map((l: any) => [l.quantity, l.deliveredQuantity, l.remainingQuantity])).toEqual([
      ['8', '5', '3'],
      ['1', '0', '1'],
    ]);
    expect(order.deliveries).toEqual([{ note: '第一批 5 台，德邦物流 DPK2026110001', lines: [{ quantity: '5', orderLine: { position: 1 } }] }]);
    expect(order.contract.lines.map((l: any) => l.orderedQuantity)).toEqual(['8', '1']);
    expect(order.contract.lines.reduce((s: number, l: any) => s + Number(l.totalAmount), 0)).toBeCloseTo(Number(order.contract.amount), 2);
  });

  it('has this quarter’s targets for the sales teams, split exactly across their reps, with progress', async () => {
    const { salesTargets } = await server.ok(`{ salesTargets(first: 100, filter: { day: "2026-11-02", period: QUARTER }) { totalCount nodes { metric amount currency periodStart achieved user { id } team { id } splits { amount } } } }`);
    const teams = salesTargets.nodes.filter((t: any) => t.user === null);
    expect(teams.length).toBe(9);
    for (const team of teams) {
      expect(team.periodStart).toBe('2026-10-01');
      expect(team.splits.length).toBeGreaterThan(0);
      const scale = team.metric === 'NEW_CUSTOMERS' ? 0 : 2;
      const sum = team.splits.reduce((s: number, x: any) => s + Math.round(Number(x.amount) * 10 ** scale), 0);
      expect(sum).toBe(Math.round(Number(team.amount) * 10 ** scale));
    }
    const revenue = teams.filter((t: any) => t.metric === 'REVENUE');
    expect(revenue.some((t: any) => Number(t.achieved) > 0)).toBe(true);
  });

  it('has leads in every status but CONVERTED, some in the lead pool, followed-up ones with their follow-ups', async () => {
    const { leads } = await server.ok(`{ leads(first: 100) { totalCount edges { node { status inPool owner { id } followUps { kind } releaseAt } } } }`);
    expect(leads.totalCount).toBe(36);
    const nodes = leads.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.status))).toEqual(new Set(['NEW', 'FOLLOWING', 'INVALID']));
    expect(nodes.filter((n: any) => n.inPool).length).toBeGreaterThan(0);
    for (const n of nodes.filter((n: any) => n.status === 'FOLLOWING')) expect(n.followUps.map((f: any) => f.kind).sort()).toEqual(['CALL', 'VISIT']);
    for (const n of nodes.filter((n: any) => !n.inPool && n.status !== 'INVALID')) expect(new Date(n.releaseAt).getTime()).toBeGreaterThan(server.clock.now().getTime());
  });
});
