import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $filter: CustomerFilter, $orderBy: CustomerOrder) {
    customers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name code tier stage tags owner { id } } }
    }
  }
`;

describeOnDatabases(kinds)('customer queries on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 60 });
  });
  afterAll(() => server?.close());

  it('walks every customer by cursor exactly once in name order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await server.ok(PAGE, { first: 7, after });
      seen.push(...data.customers.edges.map((e: any) => e.node.name));
      after = data.customers.pageInfo.hasNextPage ? data.customers.pageInfo.endCursor : null;
    } while (after);
    const names = (await server.db.prisma.customer.findMany({ select: { nameKey: true, name: true }, orderBy: [{ nameKey: 'asc' }, { id: 'asc' }] })).map((c) => c.name);
    expect(seen).toEqual(names);
  });

  it('filters by tier, stage, tags and region with totals equal to direct counts', async () => {
    const prisma = server.db.prisma;
    const cases = [
      [{ tier: ['A', 'B'] }, { tier: { in: ['A', 'B'] } }],
      [{ stage: ['DORMANT'] }, { stage: 'DORMANT' }],
      [{ tagsAny: ['vip', 'export'] }, { tags: { hasSome: ['vip', 'export'] } }],
      [{ tagsAll: ['vip', 'export'] }, { tags: { hasEvery: ['vip', 'export'] } }],
      [{ inPublicPool: true }, { ownerId: null }],
      // China typed any way matches every customer coded in its divisions (the demo's are all coded).
      [{ country: 'china' }, { regionCode: { not: null } }],
      [{ province: '浙江' }, { regionCode: { startsWith: '33' } }],
      [{ province: 'Zhejiang', city: 'Ningbo' }, { regionCode: { startsWith: '3302' } }],
      [{ regionCode: '320000' }, { regionCode: { startsWith: '32' } }],
      [{ country: 'Germany' }, { country: { equals: 'Germany' } }],
    ] as const;
    for (const [filter, where] of cases) {
      const data = await server.ok(PAGE, { first: 100, filter });
      expect(data.customers.totalCount, JSON.stringify(filter)).toBe(await prisma.customer.count({ where: where as any }));
      expect(data.customers.edges.length).toBe(Math.min(100, data.customers.totalCount));
    }
  });

  it('finds a customer by code, by a contact’s phone in any formatting, and by name prefix', async () => {
    const contact = await server.db.prisma.contact.findFirstOrThrow({ where: { phoneDigits: { not: null } }, include: { customer: true } });
    const digits = contact.phoneDigits!;
    const spaced = `+${digits.slice(0, 2)} ${digits.slice(2, 5)}-${digits.slice(5)}`;
    for (const search of [spaced, digits.slice(-6)]) {
      const data = await server.ok(PAGE, { first: 100, filter: { search } });
      expect(data.customers.edges.map((e: any) => e.node.name), search).toContain(contact.customer.name);
    }
    const code = `CUS-${String(contact.customer.number).padStart(6, '0')}`;
    const byCode = await server.ok(PAGE, { filter: { search: code.toLowerCase() } });
    expect(byCode.customers.edges.map((e: any) => e.node.code)).toContain(code);

    const prefix = contact.customer.name.slice(0, 3).toUpperCase();
    const byPrefix = await server.ok(PAGE, { first: 100, filter: { namePrefix: prefix } });
    expect(byPrefix.customers.edges.length).toBeGreaterThan(0);
    for (const { node } of byPrefix.customers.edges) expect(node.name.toLowerCase().startsWith(prefix.toLowerCase())).toBe(true);
  });

  it('orders by annual contract value descending', async () => {
    const data = await server.ok(`{ customers(first: 20, orderBy: { field: ANNUAL_CONTRACT_VALUE, direction: DESC }) { edges { node { annualContractValue } } } }`);
    const values = data.customers.edges.map((e: any) => Number(e.node.annualContractValue));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('refuses a page larger than the maximum', async () => {
    const result = await server.gql(PAGE, { first: server.config.maxPageSize + 1 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most|between 0 and 100/);
    expect(result.data?.customers ?? null).toBeNull();
    const cursor = await server.gql(PAGE, { first: 5, after: 'not-a-cursor' });
    expect(errorOf(cursor).code).toBe('BAD_USER_INPUT');
  });

  it('lists contacts and users, and the viewer', async () => {
    const data = await server.ok(`{ viewer { email role } users(first: 50) { totalCount: edges { node { email } } } contacts(first: 5, filter: { isPrimary: true }) { totalCount edges { node { isPrimary customer { id } } } } teams { name members { email } } }`);
    expect(data.viewer).toEqual({ email: 'admin@demo.local', role: 'ADMIN' });
    expect(data.contacts.totalCount).toBe(60);
    expect(data.teams.length).toBeGreaterThan(0);
    expect(errorOf({}).code).toBeUndefined();
  });
});
