import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

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
