// In production no error names a field, argument, type or enum value the caller did not send: graphql's
// "Did you mean …" suggestions would let an anonymous caller enumerate a schema it may not introspect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import partnerPlugin from '@rapport/plugin-partner';
import { wsClient } from './support/clients.js';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/harness.js';
import { portalUrl, postGraphQL } from './support/portal.js';

/** Near misses graphql would otherwise complete: a field, an argument, an enum literal, an enum variable, an input field. */
const NEAR_MISSES: Array<[string, string, Record<string, unknown>?]> = [
  ['field', '{ custmers { id } }'],
  ['argument', '{ customers(firs: 1) { totalCount } }'],
  ['type', 'query($t: CustomerTie) { deployment { version } }'],
  ['enum literal', '{ alerts(kinds: [TASK_DUE_SOO]) { totalCount } }'],
  ['enum variable', 'query($k: [AlertKind!]) { alerts(kinds: $k) { totalCount } }', { k: ['TASK_DUE_SOO'] }],
];
const PORTAL_NEAR_MISSES: Array<[string, string, Record<string, unknown>?]> = [
  ['field', '{ custmers { id } }'],
  ['argument', '{ customers(firs: 1) { totalCount } }'],
  ['input field literal', 'mutation { login(input: { emai: "a@b.c", password: "x" }) { accessToken } }'],
  ['input field variable', 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { emai: 'a@b.c', password: 'x' } }],
];

/** Each error whole (message and extensions such as `fields`), as text. */
function messages(result: GraphQLResponse): string[] {
  return (result.errors ?? []).map((e) => JSON.stringify(e));
}

describe.each([
  ['production', { NODE_ENV: 'production' }, false],
  ['development', { NODE_ENV: 'development' }, true],
])('field suggestions in %s', (_env, env, suggests) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', plugins: resolvePlugins([partnerPlugin], ['partner']), env });
  });
  afterAll(() => server?.close());

  it.each(NEAR_MISSES)('/graphql over HTTP, anonymous, %s', async (_what, query, variables) => {
    const errors = messages(await server.anonymous.gql(query, variables));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((m) => m.includes('Did you mean'))).toBe(suggests);
  });

  it.each(PORTAL_NEAR_MISSES)('/partner/graphql over HTTP, anonymous, %s', async (_what, query, variables) => {
    const errors = messages((await postGraphQL(portalUrl(server.url), query, variables)).body);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((m) => m.includes('Did you mean'))).toBe(suggests);
  });

  it.each([
    ['/graphql', (url: string) => url, NEAR_MISSES[0]![1]],
    ['/partner/graphql', portalUrl, PORTAL_NEAR_MISSES[0]![1]],
  ] as const)('%s over graphql-ws, anonymous', async (_path, urlOf, query) => {
    const client = wsClient(urlOf(server.url));
    try {
      const errors = await new Promise<string[]>((resolve, reject) => {
        client.subscribe({ query }, {
          next: (result) => resolve(messages(result as GraphQLResponse)),
          error: (error) => (Array.isArray(error) ? resolve(error.map((e: unknown) => JSON.stringify(e))) : reject(error)),
          complete: () => reject(new Error('completed without an error')),
        });
      });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.some((m) => m.includes('Did you mean'))).toBe(suggests);
    } finally {
      await client.dispose();
    }
  });
});
