import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersistedOperations, RedisRateLimitStore } from '@rapport/server';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

/** owner → team → manager → team → … : `hops` levels below a customer node. */
function deepCustomerQuery(hops: number): string {
  const chain = Array.from({ length: hops }, (_, i) => (i % 2 === 0 ? 'team {' : 'manager {')).join(' ');
  return `{ customers(first: 1) { edges { node { owner { ${chain} name ${'}'.repeat(hops)} } } } } }`;
}

describeOnDatabases(kinds)('limits checked before execution on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 10, env: { NODE_ENV: 'production' } });
    await server.authorization(); // sign in first: the assertions below count every statement
  });
  afterAll(() => server?.close());

  async function rejectedWithoutSql(query: string, variables?: Record<string, unknown>) {
    server.statements.length = 0;
    const result = await server.gql(query, variables);
    expect(server.statements).toEqual([]);
    return errorOf(result);
  }

  it('rejects a too-deep query before any SQL runs, viewer lookup included', async () => {
    expect(errorOf(await server.gql(deepCustomerQuery(8))).code).toBeUndefined();
    expect(await rejectedWithoutSql(deepCustomerQuery(14))).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringMatching(/depth 19 exceeds the maximum of 16/) });
  });

  it('rejects a too-costly query before any SQL runs, with page sizes from literals or variables', async () => {
    const nested = 'query($n: Int) { customers(first: 100) { edges { node { activities(first: $n) { edges { node { id owner { name } } } } } } } }';
    expect(errorOf(await server.gql(nested, { n: 10 })).code).toBeUndefined();
    expect(await rejectedWithoutSql(nested, { n: 100 })).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringMatching(/cost \d+ exceeds the maximum of 20000/) });
    const unpaged = '{ customers(first: 100) { edges { node { contacts { activities(first: 100) { edges { node { id } } } } } } } }';
    expect((await rejectedWithoutSql(unpaged)).code).toBe('QUERY_TOO_COMPLEX');
  });

  it('rejects too many aliases before any SQL runs', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: deployment { version }`).join(' ')} }`;
    const thirty = await server.gql(aliases(30));
    expect(errorOf(thirty).code).toBeUndefined();
    expect(Object.keys(thirty.data ?? {})).toEqual(Array.from({ length: 30 }, (_, i) => `a${i}`));
    expect(await rejectedWithoutSql(aliases(31))).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringMatching(/aliases 31/) });
  });

  it('lets the standard introspection query through, in production only to a viewer', async () => {
    expect(errorOf(await server.gql(getIntrospectionQuery())).code).toBeUndefined();
    expect(errorOf(await server.anonymous.gql('{ __schema { queryType { name } } }')).code).toBe('UNAUTHENTICATED');
  });
});

describeOnDatabases(kinds)('rate limit per viewer, in process on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5, env: { RAPPORT_RATE_LIMIT: '5', RAPPORT_RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => server?.close());

  it('answers 429 with Retry-After past the limit, per viewer, until the window ends', async () => {
    const rep = server.as('rep@demo.local');
    const manager = server.as('manager@demo.local');
    await rep.authorization();
    await manager.authorization();
    server.clock.set('2026-11-02T10:00:15Z');
    for (let i = 0; i < 5; i++) expect((await rep.raw('{ viewer { email } }')).status).toBe(200);
    const limited = await rep.raw('{ viewer { email } }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 45 });
    expect(limited.body.errors?.[0]?.message).toBe('请求过于频繁：每 60 秒最多 5 次，请 45 秒后重试');
    expect(limited.body.errors?.[0]?.extensions?.http).toBeUndefined();
    expect((await manager.raw('{ viewer { email } }')).status).toBe(200);
    server.clock.advance(45_000);
    expect((await rep.raw('{ viewer { email } }')).status).toBe(200);
  });
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.REQUIRE_SERVICES === '1') throw new Error('Redis is required (REQUIRE_SERVICES=1) but REDIS_URL is not set');
if (!redisUrl) console.warn('[skip] shared rate-limit tests: REDIS_URL not set');

describe.skipIf(!redisUrl)('rate limit shared by two instances through Redis', () => {
  const servers: TestServer[] = [];

  beforeAll(async () => {
    const prefix = `rapport:test:${randomUUID()}:`;
    for (let i = 0; i < 2; i++) {
      const rateLimitStore = await RedisRateLimitStore.connect(redisUrl!, prefix);
      servers.push(await startTestServer({ database: 'pglite', env: { RAPPORT_RATE_LIMIT: '3' }, rateLimitStore }));
    }
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('counts one budget across instances', async () => {
    // No viewer: the budget is the client IP's, the same for both instances.
    const [a, b] = servers.map((s) => s.anonymous) as [TestServer['anonymous'], TestServer['anonymous']];
    const statuses = [];
    for (const client of [a, b, a, b, a]) statuses.push((await client.raw('{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describeOnDatabases(kinds)('persisted operations on %s', (database) => {
  let server: TestServer;
  const QUERY = '{ __typename }';
  const hash = createHash('sha256').update(QUERY).digest('hex');

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-persisted-'));
    const file = path.join(dir, 'operations.json');
    await writeFile(file, JSON.stringify({ [hash]: QUERY }));
    server = await startTestServer({ database, persistedOperations: await loadPersistedOperations(file) });
  });
  afterAll(() => server?.close());

  const send = async (body: object) => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as { data?: any; errors?: any[] };
  };

  it('runs only listed operations, by hash', async () => {
    expect((await send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).data).toEqual({ __typename: 'Query' });
    expect((await send({ query: QUERY })).errors?.[0]?.message).toBe('PersistedQueryOnly');
    expect((await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('holds over graphql-ws too', async () => {
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const run = (payload: { query: string; extensions?: Record<string, unknown> }) =>
      new Promise<any>((resolve) => client.subscribe(payload, { next: resolve, error: (errors) => resolve({ errors }), complete: () => {} }));
    try {
      expect((await run({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).data).toEqual({ __typename: 'Query' });
      expect((await run({ query: '{ deployment { version } }' })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    } finally {
      await client.dispose();
    }
  });

  it('names the variable when the allow-list file is unreadable or malformed', async () => {
    await expect(loadPersistedOperations('/no/such/file.json')).rejects.toThrow(/RAPPORT_PERSISTED_OPERATIONS/);
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-persisted-'));
    await writeFile(path.join(dir, 'bad.json'), '["not", "a", "map"]');
    await expect(loadPersistedOperations(path.join(dir, 'bad.json'))).rejects.toThrow(/Invalid RAPPORT_PERSISTED_OPERATIONS/);
  });
});
