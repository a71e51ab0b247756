// A live subscription is held to the credentials that opened it, as every HTTP request is: once they
// would be refused (sign-out, refresh-token reuse, a revoked key, a deactivated account) the stream
// delivers nothing more and ends with UNAUTHENTICATED, on /graphql and on the partner portal, over
// graphql-ws and SSE. And an API key reads alerts only within its scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, emitAlerts, resolvePlugins } from '@rapport/core';
import partnerPlugin from '@rapport/plugin-partner';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/harness.js';
import { portalUrl, postGraphQL } from './support/portal.js';

type Transport = 'graphql-ws' | 'SSE';
const TRANSPORTS: Transport[] = ['graphql-ws', 'SSE'];
const SUBSCRIPTION = 'subscription { alerts { title } }';
const PASSWORD = 'partner-pass-1';

/** Every result a subscription delivered, and how it ended ('complete', or the error it failed with). */
interface Stream {
  results: GraphQLResponse[];
  waitFor(count: number): Promise<GraphQLResponse[]>;
  ended: Promise<string>;
  stop(): Promise<void>;
}

function stream(transport: Transport, url: string, authorization: string, query = SUBSCRIPTION): Stream {
  const results: GraphQLResponse[] = [];
  const waiters: Array<() => void> = [];
  const push = (result: GraphQLResponse) => {
    results.push(result);
    for (const wake of waiters.splice(0)) wake();
  };
  const waitFor = (count: number) =>
    new Promise<GraphQLResponse[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${results.length} of ${count}: ${JSON.stringify(results)}`)), 10_000);
      const check = () => (results.length >= count ? (clearTimeout(timer), resolve(results)) : waiters.push(check));
      check();
    });
  if (transport === 'graphql-ws') {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization } });
    let stop = () => {};
    const ended = new Promise<string>((resolve) => {
      stop = client.subscribe({ query }, { next: (r) => push(r as GraphQLResponse), error: (e) => resolve(`error ${JSON.stringify(e)}`), complete: () => resolve('complete') });
    });
    return { results, waitFor, ended, stop: async () => (stop(), await client.dispose()) };
  }
  const abort = new AbortController();
  const ended = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    });
    if (!response.ok || !response.body) return `error HTTP ${response.status}`;
    let buffer = '';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = lines.find((l) => l.startsWith('data:'))?.slice(5).trim();
        if (event === 'next' && data) push(JSON.parse(data) as GraphQLResponse);
        if (event === 'complete') return 'complete';
      }
    }
    return 'closed without complete';
  })().catch((error: Error) => `error ${error.message}`);
  return { results, waitFor, ended, stop: async () => abort.abort() };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
const REFRESH = 'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }';

async function signIn(url: string, email: string, password: string) {
  const { body } = await postGraphQL(url, LOGIN, { input: { email, password } });
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return { authorization: `Bearer ${body.data.login.accessToken}`, refreshToken: body.data.login.refreshToken as string };
}

/** The one result after the credentials ended: an UNAUTHENTICATED error, no data; then the stream completes. */
async function expectEndedUnauthenticated(live: Stream, count: number) {
  const results = await live.waitFor(count);
  expect(results[count - 1]).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  expect(results[count - 1]!.data ?? null).toBeNull();
  expect(await live.ended).toBe('complete');
  expect(results).toHaveLength(count);
}

describe('subscriptions re-check their credentials for every event', () => {
  let server: TestServer;
  let repId: string;
  let alpha: string;
  let serial = 0;

  /** Fires one alert to the rep, through the scheduler, as in production. */
  async function alertRep(title: string) {
    await emitAlerts(server.db.prisma, [{ recipientId: repId, kind: 'TASK_DUE_SOON', title, dedupeKey: `t:${title}` }], server.clock.now());
    expect(await server.app.alerts.fireDue()).toBe(1);
  }
  /** Raises one alert to the partner organisation's users: staff share another customer with it. */
  async function alertPartner() {
    const name = `Shared Co ${++serial}`;
    const created = await server.ok('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }', { input: { name } });
    await server.ok('mutation($input: ShareCustomerWithPartnerInput!) { shareCustomerWithPartner(input: $input) { customer { id } userErrors { field code message } } }', {
      input: { customerId: created.createCustomer.customer.id, partnerId: alpha },
    });
    // Portal alerts are stored in zh-CN (the partner plugin's catalogue).
    return `客户 ${name} 已共享给你`;
  }

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 5, plugins: resolvePlugins([partnerPlugin], ['partner']) });
    repId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id;
    alpha = (await server.ok('mutation { createPartner(input: { name: "Alpha Channel", tier: GOLD }) { partner { id } userErrors { field code message } } }')).createPartner.partner.id;
    await server.ok('mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { partnerUser { id } userErrors { field code message } } }', {
      input: { partnerId: alpha, email: 'ann@alpha.example', name: 'Ann', password: PASSWORD },
    });
  });
  afterAll(() => server?.close());

  const staffCases: Array<[string, () => Promise<{ authorization: string; end: () => Promise<void> }>]> = [
    ['logout', async () => {
      const rep = await signIn(server.url, 'rep@demo.local', DEMO_PASSWORD);
      return { authorization: rep.authorization, end: async () => void (await postGraphQL(server.url, 'mutation { logout { revokedSessions } }', undefined, rep.authorization)) };
    }],
    ['logout(allSessions) from another session', async () => {
      const rep = await signIn(server.url, 'rep@demo.local', DEMO_PASSWORD);
      return {
        authorization: rep.authorization,
        end: async () => {
          const other = await signIn(server.url, 'rep@demo.local', DEMO_PASSWORD);
          const { body } = await postGraphQL(server.url, 'mutation { logout(input: { allSessions: true }) { revokedSessions userErrors { field code message } } }', undefined, other.authorization);
          expect(body.data.logout.revokedSessions).toBeGreaterThanOrEqual(2);
        },
      };
    }],
    ['a refresh-token reuse revoking the session', async () => {
      const rep = await signIn(server.url, 'rep@demo.local', DEMO_PASSWORD);
      return {
        authorization: rep.authorization,
        end: async () => {
          expect((await postGraphQL(server.url, REFRESH, { input: { refreshToken: rep.refreshToken } })).body.errors).toBeUndefined();
          const reused = await postGraphQL(server.url, REFRESH, { input: { refreshToken: rep.refreshToken } });
          expect(reused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        },
      };
    }],
    ['a revoked API key', async () => {
      // Keys are minted by apiKey.manage holders for themselves: the rep holds it for one request.
      await server.db.prisma.user.update({ where: { id: repId }, data: { role: 'ADMIN' } });
      const { createApiKey } = await server.as('rep@demo.local').ok('mutation { createApiKey(input: { name: "sync", scopes: [CUSTOMER_READ] }) { apiKey { id } key userErrors { field code message } } }');
      await server.db.prisma.user.update({ where: { id: repId }, data: { role: 'SALES' } });
      return {
        authorization: `ApiKey ${createApiKey.key}`,
        end: async () => void (await server.ok('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { field code message } } }', { id: createApiKey.apiKey.id })),
      };
    }],
  ];

  for (const transport of TRANSPORTS) {
    it.each(staffCases)(`/graphql over ${transport}: after %s the stream ends with UNAUTHENTICATED`, async (_case, setUp) => {
      const { authorization, end } = await setUp();
      const before = server.app.alertBus.subscriberCount;
      const live = stream(transport, server.url, authorization);
      try {
        await until(() => server.app.alertBus.subscriberCount === before + 1, 'subscribed');
        await alertRep(`before ${transport} ${_case}`);
        expect((await live.waitFor(1))[0]).toEqual({ data: { alerts: { title: `before ${transport} ${_case}` } } });
        await end();
        await alertRep(`after ${transport} ${_case}`);
        await expectEndedUnauthenticated(live, 2);
        await until(() => server.app.alertBus.subscriberCount === before, 'unsubscribed from the bus');
      } finally {
        await live.stop();
      }
    });
  }

  const portalCases: Array<[string, (ann: { authorization: string; refreshToken: string }) => Promise<void>]> = [
    ['portal logout', async (ann) => void (await postGraphQL(portalUrl(server.url), 'mutation { logout { loggedOut userErrors { code } } }', undefined, ann.authorization))],
    ['a portal refresh-token reuse', async (ann) => {
      await postGraphQL(portalUrl(server.url), REFRESH, { input: { refreshToken: ann.refreshToken } });
      const reused = await postGraphQL(portalUrl(server.url), REFRESH, { input: { refreshToken: ann.refreshToken } });
      expect(reused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }],
  ];

  for (const transport of TRANSPORTS) {
    it.each(portalCases)(`/partner/graphql over ${transport}: after %s the stream ends with UNAUTHENTICATED`, async (_case, end) => {
      const ann = await signIn(portalUrl(server.url), 'ann@alpha.example', PASSWORD);
      const before = server.app.alertBus.subscriberCount;
      const live = stream(transport, portalUrl(server.url), ann.authorization);
      try {
        await until(() => server.app.alertBus.subscriberCount === before + 1, 'subscribed');
        const title = await alertPartner();
        expect((await live.waitFor(1))[0]).toEqual({ data: { alerts: { title } } });
        await end(ann);
        await alertPartner();
        await expectEndedUnauthenticated(live, 2);
        await until(() => server.app.alertBus.subscriberCount === before, 'unsubscribed from the bus');
      } finally {
        await live.stop();
      }
    });
  }
});

describe('subscriptions close when their credentials end, without waiting for an event', () => {
  let server: TestServer;
  let alpha: string;

  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      customers: 5,
      plugins: resolvePlugins([partnerPlugin], ['partner']),
      env: { RAPPORT_SUBSCRIPTION_RECHECK_SECONDS: '1' },
    });
    alpha = (await server.ok('mutation { createPartner(input: { name: "Alpha Channel", tier: GOLD }) { partner { id } userErrors { field code message } } }')).createPartner.partner.id;
  });
  afterAll(() => server?.close());

  for (const transport of TRANSPORTS) {
    it(`/graphql over ${transport}: a user deactivated in the database`, async () => {
      const email = `deactivated-${transport.toLowerCase()}@demo.local`;
      // No mutation creates users yet: a demo user's row with the rep's password hash (password `demo`).
      const { passwordHash } = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
      await server.db.prisma.user.create({ data: { email, name: 'Soon Gone', passwordHash } });
      const user = await signIn(server.url, email, DEMO_PASSWORD);
      const live = stream(transport, server.url, user.authorization);
      try {
        await until(() => server.app.alertBus.subscriberCount === 1, 'subscribed');
        await server.db.prisma.user.update({ where: { email }, data: { active: false } });
        await expectEndedUnauthenticated(live, 1);
        await until(() => server.app.alertBus.subscriberCount === 0, 'unsubscribed from the bus');
      } finally {
        await live.stop();
      }
    });

    it(`/partner/graphql over ${transport}: a partner user deactivated by staff`, async () => {
      const email = `bo-${transport.toLowerCase()}@alpha.example`;
      const { createPartnerUser } = await server.ok('mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { partnerUser { id } userErrors { field code message } } }', {
        input: { partnerId: alpha, email, name: 'Bo', password: PASSWORD },
      });
      const bo = await signIn(portalUrl(server.url), email, PASSWORD);
      const live = stream(transport, portalUrl(server.url), bo.authorization);
      try {
        await until(() => server.app.alertBus.subscriberCount === 1, 'subscribed');
        await server.ok('mutation($id: ID!) { setPartnerUserActive(input: { id: $id, active: false }) { partnerUser { id } userErrors { field code message } } }', { id: createPartnerUser.partnerUser.id });
        await expectEndedUnauthenticated(live, 1);
        await until(() => server.app.alertBus.subscriberCount === 0, 'unsubscribed from the bus');
      } finally {
        await live.stop();
      }
    });
  }
});

describe('an API key reads alerts only within its scopes', () => {
  let server: TestServer;
  let adminId: string;
  let tagKey: string;
  let readKey: string;

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 5 });
    adminId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } })).id;
    const key = async (scopes: string) => (await server.ok(`mutation { createApiKey(input: { name: "k", scopes: [${scopes}] }) { key userErrors { field code message } } }`)).createApiKey.key as string;
    tagKey = `ApiKey ${await key('TAG_MANAGE')}`;
    readKey = `ApiKey ${await key('CUSTOMER_READ')}`;
    await emitAlerts(server.db.prisma, [{ recipientId: adminId, kind: 'TASK_DUE_SOON', title: 'Call 杭州云帆 back', dedupeKey: 'scoped' }], server.clock.now());
    await server.app.alerts.fireDue();
  });
  afterAll(() => server?.close());

  it('a key scoped to tags lists no alert and finds none by id; a key with customer.read does', async () => {
    const query = '{ alerts { totalCount edges { node { id title } } } unreadAlertCount }';
    const withRead = await server.client({ authorization: readKey }).ok(query);
    expect(withRead.alerts.edges.map((e: any) => e.node.title)).toEqual(['Call 杭州云帆 back']);
    expect(await server.client({ authorization: tagKey }).ok(query)).toEqual({ alerts: { totalCount: 0, edges: [] }, unreadAlertCount: 0 });
    const id = withRead.alerts.edges[0].node.id;
    const byId = 'query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }';
    expect(await server.client({ authorization: tagKey }).ok(byId, { id })).toEqual({ node: null, nodes: [null] });
    expect(await server.client({ authorization: readKey }).ok(byId, { id })).toEqual({ node: { id }, nodes: [{ id }] });
  });

  for (const transport of TRANSPORTS) {
    it(`a key scoped to tags cannot subscribe to alerts over ${transport}`, async () => {
      const live = stream(transport, server.url, tagKey);
      try {
        const [first] = await live.waitFor(1).catch(async (error) => {
          // Before any result, a refused subscription may only have ended: report what it did.
          throw new Error(`${(error as Error).message}; ended: ${await Promise.race([live.ended, 'still open'])}`);
        });
        expect(first).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
        expect(first!.data ?? null).toBeNull();
      } finally {
        await live.stop();
      }
    });
  }
});
