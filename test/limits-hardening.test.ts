import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from './support/harness.js';

/** `levels` fragments, each spreading the next twice; the last selects one object. ~40 bytes a level. */
export function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? `fragment F${i} on User { team { id } }` : `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ viewer { ...F0 } } ${fragments.join(' ')}`;
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

function healthz(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url.replace('/graphql', '/healthz'), (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('operation limits are computed from the document as it will run', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 10 });
    await server.authorization();
  });
  afterAll(() => server?.close());

  async function refusedWithoutSql(query: string, variables?: Record<string, unknown>) {
    server.statements.length = 0;
    const result = await server.gql(query, variables);
    expect(server.statements).toEqual([]);
    return result;
  }

  it('refuses the 21-level fragment bomb by its expanded cost, and a 40-level one just as fast', async () => {
    const bomb = fragmentBomb(21);
    expect(bomb.length).toBeLessThan(1000);
    const refused = await refusedWithoutSql(bomb);
    expect(errorOf(refused).code).toBe('QUERY_TOO_COMPLEX');
    // viewer (1) + 2^20 spreads of team (1 each): counted, not walked.
    expect(refused.errors?.[0]?.extensions).toMatchObject({ measured: 1 + 2 ** 20 });
    // 2^39 expansions: walking them would never finish; measuring each fragment once does.
    const huge = await refusedWithoutSql(fragmentBomb(40));
    expect(errorOf(huge).code).toBe('QUERY_TOO_COMPLEX');
    expect(await healthz(server.url)).toBe(200);
    expect(errorOf(await server.gql(fragmentBomb(3))).code).toBeUndefined();
  });

  it('costs a page given by a variable default as that default, not as the default page size', async () => {
    const nested = 'query($n: Int = 100) { customers(first: $n) { edges { node { activities(first: 100) { edges { node { id } } } } } } }';
    const result = await refusedWithoutSql(nested);
    expect(errorOf(result)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(errorOf(await server.gql(nested, { n: 2 }))).toEqual({ fields: [] });
  });

  it('refuses a page above the maximum given by a variable default, naming the argument', async () => {
    const result = await server.gql('query($n: Int = 5000) { customers(first: $n) { edges { node { id } } } }');
    expect(result.data ?? null).toBeNull();
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['customers.first'] });
    const inline = await server.gql('{ customers(first: 101) { edges { node { id } } } }');
    expect(errorOf(inline)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['customers.first'] });
  });

  it('bounds nodes(ids:) at the maximum page size and costs it by its length', async () => {
    const customers = await server.db.prisma.customer.findMany({ select: { id: true }, take: 1 });
    const id = globalId('Customer', customers[0]!.id);
    const ids = (n: number) => Array.from({ length: n }, () => id);
    const ok = await server.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(100) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.nodes).toHaveLength(100);

    const tooMany = await server.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(2000) });
    expect(tooMany.data ?? null).toBeNull();
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['nodes.ids'] });
    const literal = `{ nodes(ids: [${ids(101).map((i) => JSON.stringify(i)).join(',')}]) { id } }`;
    expect(errorOf(await server.gql(literal))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['nodes.ids'] });

    // 100 ids × a page of 100 activities each is over the cost; 10 ids are not.
    const deep = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { activities(first: 100) { edges { node { id } } } } } }';
    expect(errorOf(await refusedWithoutSql(deep, { ids: ids(100) })).code).toBe('QUERY_TOO_COMPLEX');
    expect(errorOf(await server.gql(deep, { ids: ids(10) })).code).toBeUndefined();
  });
});
