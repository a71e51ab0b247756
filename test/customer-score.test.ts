// The customer score (004: purchase frequency, amount, complaints, campaign participation): core's
// parts from deals, the service plugin's complaints through RapportPlugin.customerScoreParts,
// weights from customerRules.score, the amount hidden without customer.viewFinancials.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import servicePlugin from '@rapport/plugin-service';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const configFile = path.join(tmpdir(), `rapport-score-${process.pid}.json`);
writeFileSync(configFile, JSON.stringify({ customerRules: { score: { weights: { campaigns: { weight: 0 }, complaints: { weight: 30 } } } } }));

const SCORE = `query($id: ID!) { node(id: $id) { ... on Customer { currency score { total parts { key label weight value points } } } } }`;
const RECORD = `mutation($input: RecordDealInput!) { recordDeal(input: $input) { deal { id } userErrors { message } } }`;

describeOnDatabases(kinds)('the customer score on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 3, plugins: [servicePlugin], env: { RAPPORT_CONFIG_FILE: configFile } });
  });
  afterAll(() => server?.close());

  it('shows its parts, core’s and the service plugin’s, with the configured weights', async () => {
    const rep = server.as('rep@demo.local');
    const created = await rep.ok(`mutation { createCustomer(input: { name: '评分测试客户' }) { customer { id } } }`.replace(/'/g, '"'));
    const id = created.createCustomer.customer.id;
    for (const amount of ['100000.00', '150000.00', '50000.00']) await rep.ok(RECORD, { input: { customerId: id, title: '订单', amount } });
    const customer = await server.db.prisma.customer.findUniqueOrThrow({ where: { id: (await server.db.prisma.customer.findFirstOrThrow({ where: { name: '评分测试客户' } })).id } });
    const now = server.clock.now();
    await server.db.prisma.ticket.create({
      data: { subject: '交货延迟', customerId: customer.id, type: 'COMPLAINT', channel: 'PHONE', priority: 'NORMAL', firstResponseDueAt: now, resolutionDueAt: now, createdAt: now },
    });

    const { node } = await server.as('manager@demo.local').ok(SCORE, { id: encodeGlobalID('Customer', customer.id) });
    expect(node.currency).toBe('CNY');
    expect(node.score.parts).toEqual([
      { key: 'frequency', label: '购买频率', weight: 30, value: 3, points: 15 },
      { key: 'amount', label: '购买金额', weight: 40, value: 300000, points: 24 },
      { key: 'complaints', label: '投诉次数', weight: 30, value: 1, points: 20 },
    ]);
    expect(node.score.total).toBe(59); // 59 of 100

    // A rep without customer.viewFinancials sees the amount's points, not the amount.
    const asRep = await rep.ok(SCORE, { id });
    expect(asRep.node.score.parts[1]).toEqual({ key: 'amount', label: '购买金额', weight: 40, value: null, points: 24 });
  });
});
