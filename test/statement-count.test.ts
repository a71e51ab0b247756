import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const fromGlobalId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

const NESTED_PAGE = /* GraphQL */ `
  query($first: Int!) {
    customers(first: $first, filter: { tier: [A, B, C, D, X] }) {
      totalCount
      edges { node {
        id name code owner { id name team { name } }
        contacts { id name email }
        activities(first: 5) { edges { node { id kind subject createdAt owner { name } } } }
      } }
    }
  }
`;

describeOnDatabases(kinds)('no N+1 on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 120 });
  });
  afterAll(() => server?.close());

  /** Statements for a page of `first`, which must come back full: equal counts over equal pages prove nothing. */
  async function statementsFor(first: number, client: TestClient = server): Promise<number> {
    server.statements.length = 0;
    const data = await client.ok(NESTED_PAGE, { first });
    expect(data.customers.edges).toHaveLength(first);
    return server.statements.length;
  }

  it('runs the same small number of SQL statements for a page of 5, 20 and 50 customers', async () => {
    await statementsFor(5); // signs in first
    const counts = [await statementsFor(5), await statementsFor(20), await statementsFor(50)];
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(8); // the viewer lookup (one statement per request) included
  });

  it('adds no statement per row for a rep, whose rows are filtered', async () => {
    const rep = server.as('rep@demo.local');
    await statementsFor(5, rep);
    // The rep sees fewer customers than the admin (own, shared, pool): pages that still come back full.
    const counts = [await statementsFor(5, rep), await statementsFor(10, rep), await statementsFor(25, rep)];
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(8);
  });
});

// Issue #18's four operations, each a fixed number of SQL statements whatever the data. The viewer
// lookup of the bearer token counts, as every request pays it.
const CUSTOMER_BY_ID = /* GraphQL */ `
  query($id: ID!) {
    customer(id: $id) {
      id code name kind industry source region { country province city } phone email website tier stage
      inPublicPool tags annualContractValue lastContactedAt version createdAt updatedAt
      owner { id name email }
      customFields { key ... on TextFieldValue { value } }
      contacts { id name title email phone isPrimary }
    }
  }
`;

const TIER_A_CONTACT_ACTIVITIES = /* GraphQL */ `
  query($first: Int!) {
    customers(first: $first, filter: { tier: [A] }) {
      edges { node {
        id name
        contacts { id name activities(first: 5) { edges { node { id kind subject createdAt } } } }
      } }
    }
  }
`;

const PREFIX_SEARCH = /* GraphQL */ `
  query($prefix: String!) { customers(first: 20, filter: { namePrefix: $prefix }) { edges { node { id name code } } } }
`;

const CREATE_CALL = /* GraphQL */ `
  mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id kind subject completedAt } } }
`;

describeOnDatabases(kinds)('statements per operation of issue #18 on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 300 });
    await server.ok('{ __typename }'); // signs in
  });
  afterAll(() => server?.close());

  async function counted<T = any>(query: string, variables: Record<string, unknown>): Promise<{ data: T; statements: string[] }> {
    server.statements.length = 0;
    const data = await server.ok<T>(query, variables);
    return { data, statements: [...server.statements] };
  }

  it('reads a customer with every scalar, owner, tags, custom fields and contacts in at most 2 statements', async () => {
    const page = await server.ok('{ customers(first: 50) { edges { node { id contacts { id } owner { id } } } } }');
    const withBoth = page.customers.edges.find((e: any) => e.node.contacts.length > 1 && e.node.owner)!.node;
    await counted(CUSTOMER_BY_ID, { id: withBoth.id }); // warms any per-process cache, as a running server has
    const { data, statements } = await counted(CUSTOMER_BY_ID, { id: withBoth.id });
    expect(data.customer.id).toBe(withBoth.id);
    expect(data.customer.owner.id).toBe(withBoth.owner.id);
    expect(data.customer.contacts.map((c: any) => c.id).sort()).toEqual(withBoth.contacts.map((c: any) => c.id).sort());
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);
  });

  it('reads tier-A customers, their contacts and each contact’s 5 latest activities in at most 3 statements, whatever the page size', async () => {
    const counts: number[] = [];
    for (const first of [5, 20, 50]) {
      await counted(TIER_A_CONTACT_ACTIVITIES, { first });
      const { data, statements } = await counted(TIER_A_CONTACT_ACTIVITIES, { first });
      const customers = data.customers.edges.map((e: any) => e.node);
      const contacts = customers.flatMap((c: any) => c.contacts);
      const activities = contacts.flatMap((c: any) => c.activities.edges);
      expect(customers.length).toBe(Math.min(first, customers.length));
      expect(customers.length).toBeGreaterThan(0);
      expect(contacts.length).toBeGreaterThan(customers.length / 2);
      expect(activities.length).toBeGreaterThan(0);
      for (const contact of contacts) expect(contact.activities.edges.length).toBeLessThanOrEqual(5);
      expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3);
      counts.push(statements.length);
    }
    expect(new Set(counts).size).toBe(1);
  });

  it('searches 20 customers by name prefix in 1–2 statements', async () => {
    const page = await server.ok('{ customers(first: 1) { edges { node { name } } } }');
    const prefix = page.customers.edges[0].node.name.slice(0, 2);
    await counted(PREFIX_SEARCH, { prefix });
    const { data, statements } = await counted(PREFIX_SEARCH, { prefix });
    expect(data.customers.edges.length).toBeGreaterThan(0);
    for (const edge of data.customers.edges) expect(edge.node.name.toLowerCase().startsWith(prefix.toLowerCase())).toBe(true);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);
  });

  // BEGIN, the activity (inserted only on a customer the viewer may change: the check is in the same
  // statement), one statement for the contact time, the re-classification's facts and the audit entry,
  // COMMIT. No webhook outbox statement while no endpoint subscribes to activity.completed.
  it('creates a CALL activity in at most 4 statements, the transaction included', async () => {
    const page = await server.ok('{ customers(first: 2) { edges { node { id } } } }');
    const [first, second] = page.customers.edges.map((e: any) => e.node.id);
    await counted(CREATE_CALL, { input: { customerId: first, kind: 'CALL', subject: 'Warm-up call' } });
    await counted(CREATE_CALL, { input: { customerId: second, kind: 'CALL', subject: 'Settling call' } }); // its tier and stage may move
    const audits = await server.db.prisma.auditEntry.count({ where: { action: 'activity.create', entityType: 'Activity' } });
    const { data, statements } = await counted(CREATE_CALL, { input: { customerId: second, kind: 'CALL', subject: 'Counted call' } });
    const { activity } = data.createActivity;
    expect(activity).toMatchObject({ kind: 'CALL', subject: 'Counted call', completedAt: expect.any(String) });
    // The domain's work still happened: the customer's contact time and the audit entry.
    const after = await server.ok('query($id: ID!) { customer(id: $id) { lastContactedAt activities(first: 1) { edges { node { id } } } } }', { id: second });
    expect(after.customer.lastContactedAt).toBe(activity.completedAt);
    expect(after.customer.activities.edges[0].node.id).toBe(activity.id);
    const entry = await server.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'activity.create', entityType: 'Activity', entityId: fromGlobalId(activity.id) } });
    expect(await server.db.prisma.auditEntry.count({ where: { action: 'activity.create', entityType: 'Activity' } })).toBe(audits + 1);
    expect(entry).toMatchObject({ actorKind: 'staff', before: null });
    expect(entry.after).toMatchObject({ id: fromGlobalId(activity.id), subject: 'Counted call', kind: 'CALL', completedAt: new Date(activity.completedAt).toISOString() });
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4);
  });

  // A call to a dormant customer (tier X: dealt or quoted, then silent) moves its tier and stage: the
  // columns and the history rows are one more statement, 5 in all.
  it('creates the CALL that re-classifies its customer in at most 5 statements', async () => {
    const page = await server.ok('{ customers(first: 1, filter: { tier: [X] }) { edges { node { id tier stage } } } }');
    expect(page.customers.edges).toHaveLength(1);
    const customer = page.customers.edges[0].node;
    const other = await server.ok('{ customers(first: 1, filter: { tier: [A] }) { edges { node { id } } } }');
    await counted(CREATE_CALL, { input: { customerId: other.customers.edges[0].node.id, kind: 'CALL', subject: 'Warm-up call' } }); // per-process caches
    const changes = () =>
      Promise.all([
        server.db.prisma.tierChange.count({ where: { customerId: fromGlobalId(customer.id) } }),
        server.db.prisma.stageChange.count({ where: { customerId: fromGlobalId(customer.id) } }),
      ]);
    const [tiersBefore, stagesBefore] = await changes();
    const { statements } = await counted(CREATE_CALL, { input: { customerId: customer.id, kind: 'CALL', subject: 'First call' } });
    const moved = await server.ok('query($id: ID!) { customer(id: $id) { tier stage } }', { id: customer.id });
    const [tiersAfter, stagesAfter] = await changes();
    expect(moved.customer.tier === customer.tier && moved.customer.stage === customer.stage).toBe(false);
    expect(tiersAfter - tiersBefore).toBe(moved.customer.tier === customer.tier ? 0 : 1);
    expect(stagesAfter - stagesBefore).toBe(moved.customer.stage === customer.stage ? 0 : 1);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(5);
  });
});

describeOnDatabases(kinds)('a rep creating an activity on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 300 });
  });
  afterAll(() => server?.close());

  it('checks the customer in the insert itself: 4 statements on an own customer, refused on a pool customer without a row', async () => {
    const rep = server.as('rep@demo.local');
    const page = await rep.ok('{ customers(first: 100) { edges { node { id inPublicPool owner { email } } } } }');
    const nodes = page.customers.edges.map((e: any) => e.node);
    const own = nodes.find((n: any) => n.owner?.email === 'rep@demo.local').id;
    const pool = nodes.find((n: any) => n.inPublicPool).id;
    // The first call may move the customer's tier and stage (more statements); the second finds them settled.
    await rep.ok(CREATE_CALL, { input: { customerId: own, kind: 'CALL', subject: 'Warm-up call' } });
    server.statements.length = 0;
    const data = await rep.ok(CREATE_CALL, { input: { customerId: own, kind: 'CALL', subject: 'Counted call' } });
    expect(data.createActivity.activity.subject).toBe('Counted call');
    expect(server.statements.length, server.statements.join('\n')).toBeLessThanOrEqual(4);

    const refused = await rep.gql(CREATE_CALL, { input: { customerId: pool, kind: 'CALL', subject: 'Not mine' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await server.db.prisma.activity.count({ where: { subject: 'Not mine' } })).toBe(0);
  });
});

describeOnDatabases(kinds)('background jobs on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 300 });
  });
  afterAll(() => server?.close());

  // The overdue-task and pool-release jobs emit task.overdue and customer.released_to_pool: with no
  // endpoint listing those types, the events are not stored and cost no outbox statement.
  it('write no webhook outbox statement while no endpoint subscribes', async () => {
    server.statements.length = 0;
    await server.app.jobs.runDue();
    // The retention job's clean-up (DELETE of old events) is not an outbox write.
    const outbox = server.statements.filter((sql) => sql.includes('"WebhookEvent"') && !/^\s*DELETE/i.test(sql));
    expect(await server.db.prisma.activity.count({ where: { overdueEventFor: { not: null } } })).toBeGreaterThan(0);
    expect(await server.db.prisma.customerTransfer.count({ where: { kind: 'AUTO_RELEASE' } })).toBeGreaterThan(0);
    expect(outbox, outbox.join('\n')).toEqual([]);
    expect(await server.db.prisma.webhookEvent.count()).toBe(0);
  });
});
