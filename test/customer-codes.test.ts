// Customer codes as 004 makes them (JRN01001: company JR, N domestic / W foreign, owner code 01,
// sequence 001), from RAPPORT_CUSTOMER_CODE_PATTERN, assigned at creation without two customers ever
// taking one code; customers created before keep the code derived from their number.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id code } userErrors { field message } } }`;
const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { code } userErrors { field code message } } }`;

describeOnDatabases(kinds)('customer codes on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 3, env: { RAPPORT_CUSTOMER_CODE_PATTERN: 'JR{region}{owner:2}{seq:3}' } });
  });
  afterAll(() => server?.close());

  async function setOwnerCode(email: string, code: string) {
    const admin = server.as('admin@demo.local');
    const user = await server.db.prisma.user.findUniqueOrThrow({ where: { email } });
    const { node } = await admin.ok('query($id: ID!) { node(id: $id) { ... on User { id version } } }', { id: encodeGlobalID('User', user.id) });
    return admin.gql(UPDATE_USER, { input: { id: node.id, version: node.version, code } });
  }

  it("gives new customers 004's codes, per owner and region, and keeps the existing ones", async () => {
    const existing = await server.db.prisma.customer.findFirstOrThrow({ orderBy: { number: 'asc' } });
    expect((await setOwnerCode('rep@demo.local', '01')).data.updateUser.user.code).toBe('01');
    const taken = await setOwnerCode('li.wei@demo.local', '01');
    expect(userErrorOf(taken)).toMatchObject({ fields: ['code'], message: '已被其他用户使用' });
    await setOwnerCode('li.wei@demo.local', '02');

    const rep = server.as('rep@demo.local');
    const first = await rep.ok(CREATE, { input: { name: '杭州君睿贸易' } });
    expect(first.createCustomer.customer.code).toBe('JRN01001');
    const foreign = await rep.ok(CREATE, { input: { name: 'Hamburg Maschinen GmbH', region: { country: 'Germany' } } });
    expect(foreign.createCustomer.customer.code).toBe('JRW01001');
    const colleague = await server.as('li.wei@demo.local').ok(CREATE, { input: { name: '宁波远洋机械' } });
    expect(colleague.createCustomer.customer.code).toBe('JRN02001');

    // The customers seeded before keep the code derived from their number, and are found by it.
    const { node } = await server.as('admin@demo.local').ok('query($id: ID!) { node(id: $id) { ... on Customer { code } } }', { id: encodeGlobalID('Customer', existing.id) });
    expect(node.code).toBe(`CUS-${String(existing.number).padStart(6, '0')}`);
    const found = await rep.ok('query($s: String!) { customers(first: 5, filter: { search: $s }) { edges { node { name code } } } }', { s: 'jrn01001' });
    expect(found.customers.edges).toEqual([{ node: { name: '杭州君睿贸易', code: 'JRN01001' } }]);
  });

  it('never gives two concurrent creations the same code', async () => {
    const rep = server.as('rep@demo.local');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => rep.ok(CREATE, { input: { name: `并发客户 ${i}` } })));
    const codes = results.map((r) => r.createCustomer.customer.code).sort();
    expect(codes).toEqual(['JRN01002', 'JRN01003', 'JRN01004', 'JRN01005', 'JRN01006', 'JRN01007', 'JRN01008', 'JRN01009']);
  });
});
