import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

/**
 * Every order and nested connection the graph offers on its hot paths is served by an index: the
 * statements the server really sends (captured with their parameters) are EXPLAINed at a size where
 * a sequential scan and sort would lose, after ANALYZE, with the planner's defaults.
 */
describeOnDatabases(kinds)('indexes behind the graph’s orders on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
    const owner = (await server.db.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } })).id;
    // 12 000 customers over five tiers, one contact each, four activities per contact.
    await server.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Customer" ("id", "name", "nameKey", "tier", "ownerId", "updatedAt")
      SELECT gen_random_uuid(), 'Bulk ' || md5(i::text), 'bulk ' || md5(i::text),
             (ARRAY['A','B','C','D','X'])[1 + i % 5]::"CustomerTier", '${owner}'::uuid, now()
      FROM generate_series(1, 12000) AS i`);
    await server.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Contact" ("id", "customerId", "name", "updatedAt")
      SELECT gen_random_uuid(), "id", 'Contact of ' || "name", now() FROM "Customer" WHERE "nameKey" LIKE 'bulk %'`);
    await server.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Activity" ("id", "customerId", "contactId", "kind", "subject", "ownerId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), c."customerId", c."id", 'CALL', 'Call ' || n, '${owner}'::uuid, now() - n * interval '1 day', now()
      FROM "Contact" c CROSS JOIN generate_series(1, 4) AS n WHERE c."name" LIKE 'Contact of Bulk %'`);
    await server.db.prisma.$executeRawUnsafe('ANALYZE');
    await server.ok('{ __typename }'); // signs in
  }, 120_000);
  afterAll(() => server?.close());

  /** The plan of the statement the query sends that reads `table`, with the parameters it was sent with. */
  async function planOf(query: string, variables: Record<string, unknown>, reads: RegExp): Promise<string> {
    server.statements.length = 0;
    await server.ok(query, variables);
    const index = server.statements.findIndex((sql) => reads.test(sql));
    expect(index, server.statements.join('\n')).toBeGreaterThanOrEqual(0);
    const rows = await server.db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN ${server.statements[index]}`,
      ...(server.statementArgs[index] ?? []),
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it('serves a tier page in NAME order from Customer(tier, nameKey, id), and each contact’s latest activities from Activity(contactId, createdAt desc, id desc)', async () => {
    const plan = await planOf(
      `query($first: Int!) { customers(first: $first, filter: { tier: [A] }) { edges { node { id
        contacts { id activities(first: 5) { edges { node { id createdAt } } } } } } } }`,
      { first: 50 },
      /FROM "public"\."Customer"/,
    );
    expect(plan).toContain('Customer_tier_nameKey_id_idx');
    expect(plan).toContain('Activity_contactId_createdAt_id_idx');
    expect(plan).not.toMatch(/Seq Scan on "?Activity"?/);
  });

  it('serves a customer’s latest activities from Activity(customerId, createdAt desc, id desc)', async () => {
    const { id } = (await server.ok('{ customers(first: 1, filter: { tier: [B] }) { edges { node { id } } } }')).customers.edges[0].node;
    const plan = await planOf(
      'query($id: ID!) { customer(id: $id) { activities(first: 5) { edges { node { id createdAt } } } } }',
      { id },
      /"Activity"/,
    );
    expect(plan).toContain('Activity_customerId_createdAt_id_idx');
    expect(plan).not.toMatch(/Seq Scan on "?Activity"?/);
  });

  it('serves a contact’s latest activities (the bench’s scenario e) from Activity(contactId, createdAt desc, id desc)', async () => {
    const { id } = (await server.ok('{ customers(first: 1, filter: { tier: [C] }) { edges { node { contacts { id } } } } }')).customers.edges[0].node.contacts[0];
    const plan = await planOf(
      'query($id: ID!) { contact(id: $id) { id name activities(first: 5) { edges { node { id kind subject createdAt } } } } }',
      { id },
      /"Activity"/,
    );
    expect(plan).toContain('Activity_contactId_createdAt_id_idx');
    expect(plan).not.toMatch(/Seq Scan on "?(Activity|Contact)"?/);
  });

  it('serves a customer’s contacts from Contact(customerId)', async () => {
    const { id } = (await server.ok('{ customers(first: 1, filter: { tier: [D] }) { edges { node { id } } } }')).customers.edges[0].node;
    const plan = await planOf('query($id: ID!) { customer(id: $id) { id name contacts { id name email phone } } }', { id }, /"Contact"/);
    expect(plan).toContain('Contact_customerId_idx');
    expect(plan).not.toMatch(/Seq Scan on "?(Customer|Contact)"?/);
  });

  it('serves the default customer list (NAME order) from Customer(nameKey, id)', async () => {
    const plan = await planOf('{ customers(first: 20) { edges { node { id name } } } }', {}, /FROM "public"\."Customer"/);
    expect(plan).toContain('Customer_nameKey_id_idx');
    expect(plan).not.toMatch(/Seq Scan on "?Customer"?/);
  });

  it('serves a name-prefix search from the nameKey pattern index', async () => {
    const plan = await planOf(
      'query($prefix: String!) { customers(first: 20, filter: { namePrefix: $prefix }) { edges { node { id name } } } }',
      { prefix: 'Bulk 3f' },
      /FROM "public"\."Customer"/,
    );
    expect(plan).toMatch(/Customer_nameKey_(id_)?idx/);
    expect(plan).not.toMatch(/Seq Scan on "?Customer"?/);
  });

  it('starts a name-prefix page at the prefix, not at the first name, for a prefix late in the alphabet', async () => {
    const plan = await planOf(
      'query($prefix: String!) { customers(first: 20, filter: { namePrefix: $prefix }) { edges { node { id name } } } }',
      { prefix: 'Bulk f' },
      /FROM "public"\."Customer"/,
    );
    // A bound on nameKey in the index condition (the NAME index from the prefix on, or the pattern index
    // and a sort): the scan does not filter its way through every earlier name.
    expect(plan).toMatch(/Index Cond: .*"nameKey" (>=|~>=~)/);
    expect(plan).not.toMatch(/Seq Scan on "?Customer"?/);
  });
});
