import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      customer { id code name tier stage version email annualContractValue inPublicPool owner { email } tags
        region { country province city code } contacts { name email isPrimary } }
    userErrors { field code message } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateCustomerInput!) {
    updateCustomer(input: $input) { customer { id name tier version } userErrors { field code message } }
  }
`;

describeOnDatabases(kinds)('customers on %s', (database) => {
  let server: TestServer;
  const counts = async () => ({
    customers: await server.db.prisma.customer.count(),
    contacts: await server.db.prisma.contact.count(),
  });

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
  });
  afterAll(() => server?.close());

  it('creates a customer with contacts, owned by the viewer, with a readable code', async () => {
    const data = await server.ok(CREATE, {
      input: {
        name: '  Hangzhou   Test Works ',
        tier: 'B',
        email: 'Sales@Test-Works.CN',
        annualContractValue: '125000.5',
        tags: ['Export', 'export', 'vip'],
        region: { country: 'China', province: 'Zhejiang', city: 'Hangzhou' },
        contacts: [{ name: 'Wang Li', email: 'wang.li@test-works.cn' }, { name: 'Zhou Yu', isPrimary: true }],
      },
    });
    const customer = data.createCustomer.customer;
    expect(customer).toMatchObject({
      name: 'Hangzhou   Test Works',
      tier: 'B',
      stage: 'POTENTIAL',
      version: 1,
      email: 'sales@test-works.cn',
      annualContractValue: '125000.50',
      inPublicPool: false,
      owner: { email: 'admin@demo.local' },
      tags: ['export', 'vip'],
      // Typed in English, stored as the division (customers/regions.ts).
      region: { country: '中国', province: '浙江省', city: '杭州市', code: '330100' },
    });
    expect(customer.code).toMatch(/^CUS-\d{6}$/);
    expect(customer.contacts).toEqual([
      { name: 'Zhou Yu', email: null, isPrimary: true },
      { name: 'Wang Li', email: 'wang.li@test-works.cn', isPrimary: false },
    ]);
  });

  it('rejects an empty name, an invalid e-mail and an unknown tier with field errors and writes nothing', async () => {
    const before = await counts();
    const empty = await server.gql(CREATE, { input: { name: '   ', email: 'not-an-email' } });
    expect(userErrorOf(empty)).toMatchObject({ fields: ['email', 'name'] });

    const tier = await server.gql(CREATE, { input: { name: 'Tier Z Ltd', tier: 'Z' } });
    // An unknown enum value fails variable coercion, before the mutation runs: it stays in errors.
    expect(errorOf(tier)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['tier'] });

    const nested = await server.gql(CREATE, {
      input: { name: 'Nested Ltd', contacts: [{ name: 'Ok Person' }, { name: 'Bad Mail', email: 'bad@' }] },
    });
    expect(userErrorOf(nested)).toMatchObject({ fields: ['contacts.1.email'] });

    const owner = await server.gql(CREATE, { input: { name: 'Ghost Owned Ltd', ownerId: 'VXNlcjowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA=' } });
    expect(userErrorOf(owner)).toMatchObject({ fields: ['ownerId'] });

    const money = await server.gql(CREATE, { input: { name: 'Money Ltd', annualContractValue: '-5' } });
    expect(userErrorOf(money)).toMatchObject({ fields: ['annualContractValue'] });

    expect(await counts()).toEqual(before);
  });

  it('applies an update at the read version and rejects a stale one without changing anything', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Versioned Co' } });
    const { id } = createCustomer.customer;

    const first = await server.ok(UPDATE, { input: { id, version: 1, name: 'Versioned Company', tier: 'A' } });
    expect(first.updateCustomer.customer).toMatchObject({ name: 'Versioned Company', tier: 'A', version: 2 });

    const stale = await server.gql(UPDATE, { input: { id, version: 1, name: 'Overwritten' } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], message: expect.stringContaining('当前版本 2') });
    expect(stale.data.updateCustomer.customer).toBeNull();

    const now = await server.ok(`query($id: ID!) { customer(id: $id) { name tier version } }`, { id });
    expect(now.customer).toEqual({ name: 'Versioned Company', tier: 'A', version: 2 });
  });

  it('lets only one of two concurrent updates at the same version win', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Race Co' } });
    const { id } = createCustomer.customer;
    const results = await Promise.all(
      ['Race A', 'Race B'].map((name) => server.gql(UPDATE, { input: { id, version: 1, name } })),
    );
    const codes = results.map((r) => errorOf(r).code ?? userErrorOf(r).codes[0] ?? 'OK').sort();
    expect(codes).toEqual(['OK', 'STALE_VERSION']);
  });

  it('moves a customer to the public pool with ownerId null and deletes at the current version', async () => {
    const { createCustomer } = await server.ok(CREATE, { input: { name: 'Pool Co' } });
    const { id } = createCustomer.customer;
    const pooled = await server.ok(`mutation($id: ID!) { updateCustomer(input: { id: $id, version: 1, ownerId: null }) { customer { inPublicPool owner { id } version } userErrors { field code message } } }`, { id });
    expect(pooled.updateCustomer.customer).toEqual({ inPublicPool: true, owner: null, version: 2 });

    const stale = await server.gql(`mutation($id: ID!) { deleteCustomer(input: { id: $id, version: 1 }) { deletedCustomerId userErrors { field code message } } }`, { id });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    const deleted = await server.ok(`mutation($id: ID!) { deleteCustomer(input: { id: $id, version: 2 }) { deletedCustomerId userErrors { field code message } } }`, { id });
    expect(deleted.deleteCustomer.deletedCustomerId).toBe(id);
    const gone = await server.gql(`query($id: ID!) { customer(id: $id) { id } }`, { id });
    expect(errorOf(gone).code).toBe('NOT_FOUND');
  });

  it('answers node(id) for every node type and null for unknown or malformed ids', async () => {
    const page = await server.ok(`{ customers(first: 1) { edges { node { id contacts { id } activities(first: 1) { edges { node { id } } } owner { id } } } } }`);
    const customer = page.customers.edges[0].node;
    const ids = [customer.id, customer.contacts[0]?.id, customer.owner?.id].filter(Boolean);
    for (const id of ids) {
      const found = await server.ok(`query($id: ID!) { node(id: $id) { id __typename } }`, { id });
      expect(found.node.id).toBe(id);
    }
    const malformed = Buffer.from('Customer:not-a-uuid').toString('base64');
    const missing = Buffer.from('Customer:00000000-0000-4000-8000-000000000000').toString('base64');
    for (const id of [malformed, missing]) {
      expect((await server.ok(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    }
  });
});
