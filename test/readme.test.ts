// The README's "Try it" examples, run as a new user would: against the demo data `npm start` seeds.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@rapport/core';
import { createLogger, startRapport, type RapportApp } from '@rapport/server';

const readme = await readFile('README.md', 'utf8');
const tryIt = readme.slice(readme.indexOf('Try it'));
const [login, firstQuery] = [...tryIt.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

async function post(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as any;
}

describe("the README's first examples", () => {
  let app: RapportApp;
  let url: string;
  beforeAll(async () => {
    // What `npm start` does on an empty embedded database: the default demo (300 customers, seed 1, now).
    ({ app, url } = await startRapport({
      config: loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', RAPPORT_DATA_DIR: 'memory://', RAPPORT_AUTH_SECRET: 'readme-test-secret-0123456789abcdef' }),
      logger: createLogger({ logLevel: 'silent' }),
      plugins: [],
    }));
  }, 300_000);
  afterAll(() => app?.close());

  it('signs in with the login example, and the first query returns rows', async () => {
    expect(login).toContain('login(');
    const signedIn = await post(url, login!);
    expect(signedIn.errors).toBeUndefined();
    const result = await post(url, firstQuery!, signedIn.data.login.accessToken);
    expect(result.errors).toBeUndefined();
    expect(result.data.customers.totalCount).toBeGreaterThan(0);
    expect(result.data.customers.edges.length).toBeGreaterThan(0);
    expect(result.data.customers.edges[0].node.contacts.length).toBeGreaterThan(0);
    expect(result.data.activities.edges.length).toBeGreaterThan(0);
  });
});
