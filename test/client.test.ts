import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import {
  AlertFeedDocument,
  createRapportClient,
  CustomerDetailDocument,
  CustomerListDocument,
  inMemoryTokens,
  LoginDocument,
  RefreshTokenDocument,
  tokensOf,
  type CustomerTier,
  type RapportClient,
  type TokenStore,
} from '@rapport/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, emitAlerts, ManualClock } from '@rapport/core';
import { loadPersistedOperations } from '@rapport/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipe, subscribe } from 'wonka';
import WebSocket from 'ws';
import { databaseKinds, startTestServer, type TestServer } from './support/harness.js';

// The typed client (@rapport/client) against a real server: what a front end gets from it is what
// this suite checks, so the client cannot drift from the graph.
const kinds = await databaseKinds();
const clientDir = fileURLToPath(new URL('../packages/client/', import.meta.url));

describe('the generated client', () => {
  it('is up to date with schema.graphql and its operations', async () => {
    const { default: config } = await import('../packages/client/codegen.js');
    const files: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: clientDir, silent: true } as never, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(new URL(file.filename, `file://${clientDir}`), 'utf8');
      expect(committed, `${file.filename} is stale: run npm run client:generate`).toBe(file.content);
    }
  });
});

describe.each(kinds)('@rapport/client on %s', (database) => {
  let server: TestServer;
  let tokens: TokenStore;
  let rapport: RapportClient;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 12, clock: new ManualClock(new Date()) });
    tokens = inMemoryTokens();
    rapport = createRapportClient({ url: server.url, tokens, webSocketImpl: WebSocket });
    const login = await rapport.client.mutation(LoginDocument, { input: { email: DEMO_ACCOUNTS.rep, password: DEMO_PASSWORD } }).toPromise();
    tokens.set(tokensOf(login.data!.login));
  });

  afterAll(async () => {
    rapport?.dispose();
    await server?.close();
  });

  it('lists and opens customers with typed results that match the graph', async () => {
    const list = await rapport.client.query(CustomerListDocument, { first: 5, filter: { tier: ['A', 'B', 'C', 'D'] }, orderBy: { field: 'NAME', direction: 'ASC' } }).toPromise();
    expect(list.error).toBeUndefined();
    const expected = await server.as(DEMO_ACCOUNTS.rep).ok('{ customers(first: 5, filter: { tier: [A, B, C, D] }, orderBy: { field: NAME, direction: ASC }) { totalCount edges { node { id name } } } }');
    const nodes = list.data!.customers.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual(expected.customers.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(nodes.length).toBeGreaterThan(0);
    const tier: CustomerTier = nodes[0]!.tier;
    expect(['A', 'B', 'C', 'D']).toContain(tier);

    const detail = await rapport.client.query(CustomerDetailDocument, { id: nodes[0]!.id }).toPromise();
    expect(detail.data?.customer?.name).toBe(nodes[0]!.name);
  });

  it('refreshes the access token before it expires, rotating the refresh token once', async () => {
    const before = tokens.get()!;
    // Seen from the client, the token is about to expire: the next operation refreshes first.
    tokens.set({ ...before, accessTokenExpiresAt: new Date(Date.now() + 1_000).toISOString() });
    server.clock.advance(1_000); // a token issued a second later differs even within one session
    const result = await rapport.client.query(CustomerListDocument, { first: 1 }, { requestPolicy: 'network-only' }).toPromise();
    expect(result.error).toBeUndefined();
    const after = tokens.get()!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    // The old refresh token was used up: presenting it again is refused.
    const reused = await server.anonymous.gql(RefreshTokenDocument.loc!.source.body, { input: { refreshToken: before.refreshToken } });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('receives the viewer\'s alerts over graphql-ws, typed', async () => {
    // The reuse above revoked that session: sign in again.
    const login = await rapport.client.mutation(LoginDocument, { input: { email: DEMO_ACCOUNTS.rep, password: DEMO_PASSWORD } }).toPromise();
    tokens.set(tokensOf(login.data!.login));
    const received: string[] = [];
    const errors: unknown[] = [];
    const { unsubscribe } = pipe(
      rapport.client.subscription(AlertFeedDocument, {}),
      subscribe((result) => {
        if (result.error) errors.push(result.error);
        if (result.data) received.push(result.data.alerts.title);
      }),
    );
    await expect.poll(() => server.app.alertBus.subscriberCount, { timeout: 10_000 }).toBe(1);
    const rep = await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.rep } });
    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: rep.id } });
    await emitAlerts(
      server.db.prisma,
      [{ recipientId: rep.id, kind: 'TASK_DUE_SOON', title: '回访提醒 client', entity: { type: 'Customer', id: customer.id }, dedupeKey: `client-${database}` }],
      server.clock.now(),
    );
    expect(await server.app.alerts.fireDue()).toBe(1);
    await expect.poll(() => received, { timeout: 10_000 }).toEqual(['回访提醒 client']);
    expect(errors).toEqual([]);
    unsubscribe();
  });
});

describe('persisted operations from the client manifest', () => {
  let server: TestServer;
  let rapport: RapportClient;

  beforeAll(async () => {
    const persistedOperations = await loadPersistedOperations(`${clientDir}src/generated/persisted-documents.json`);
    server = await startTestServer({ database: 'pglite', customers: 5, persistedOperations, clock: new ManualClock(new Date()) });
    const tokens = inMemoryTokens();
    rapport = createRapportClient({ url: server.url, tokens, webSocketImpl: WebSocket, persistedOnly: true });
    const login = await rapport.client.mutation(LoginDocument, { input: { email: DEMO_ACCOUNTS.rep, password: DEMO_PASSWORD } }).toPromise();
    expect(login.error).toBeUndefined();
    tokens.set(tokensOf(login.data!.login));
  });

  afterAll(async () => {
    rapport?.dispose();
    await server?.close();
  });

  it("runs the front end's operations by id on an allow-list server and refuses anything else", async () => {
    const list = await rapport.client.query(CustomerListDocument, { first: 3 }).toPromise();
    expect(list.error).toBeUndefined();
    expect(list.data!.customers.edges.length).toBeGreaterThan(0);
    const arbitrary = await server.anonymous.gql('{ customers(first: 1) { totalCount } }');
    expect(arbitrary.data ?? null).toBeNull();
    expect(arbitrary.errors?.[0]?.message).toBe('PersistedQueryOnly');
  });
});
