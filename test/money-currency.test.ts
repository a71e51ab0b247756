// Money fields carry their ISO 4217 currency: core's amounts are in the deployment's currency
// (RAPPORT_CURRENCY, CNY by default) unless a deal was recorded in another one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const RECORD = `mutation($input: RecordDealInput!) {
  recordDeal(input: $input) { deal { amount currency } customer { annualContractValue currency } userErrors { field message } }
}`;

describeOnDatabases(kinds)('currencies on money fields on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 3 });
  });
  afterAll(() => server?.close());

  it("gives deals and the annual contract value the deployment's currency, or the deal's own", async () => {
    const customer = await server.db.prisma.customer.findFirstOrThrow({ orderBy: { number: 'asc' } });
    const customerId = encodeGlobalID('Customer', customer.id);
    const plain = await server.ok(RECORD, { input: { customerId, title: '年度框架协议', amount: '120000.00' } });
    expect(plain.recordDeal.deal).toEqual({ amount: '120000.00', currency: 'CNY' });
    expect(plain.recordDeal.customer.currency).toBe('CNY');
    expect((await server.ok('{ deployment { currency } }')).deployment.currency).toBe('CNY');

    const dollars = await server.ok(RECORD, { input: { customerId, title: 'Export order', amount: '5000.00', currency: 'usd' } });
    expect(dollars.recordDeal.deal).toEqual({ amount: '5000.00', currency: 'USD' });

    const bad = await server.gql(RECORD, { input: { customerId, title: 'x', amount: '1.00', currency: 'yuan' } });
    expect(userErrorOf(bad)).toMatchObject({ fields: ['currency'], message: '必须是 ISO 4217 货币代码，例如 CNY' });
  });
});
