// Two instances over one PostgreSQL database and one Redis (a private redis-server, its own port, so
// it can be killed): a session checked lately is served from memory, yet a sign-out on one instance
// is refused by the other on its next request; likewise the webhook event types subscribed to.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestDatabase } from '@rapport/core/testing';
import { RedisAlertBus } from '@rapport/server';
import { startTestServer, type TestServer } from './support/harness.js';

const hasRedisServer = await new Promise<boolean>((resolve) => {
  const probe = spawn('redis-server', ['--version']);
  probe.on('error', () => resolve(false));
  probe.on('exit', (code) => resolve(code === 0));
});
const database = hasRedisServer ? await createTestDatabase('rapport_session_cache') : null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on('error', () => {});
  await probe.connect().catch(() => undefined);
  await probe.ping();
  probe.disconnect();
  return child;
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const ME = '{ viewer { id } }';
const LOGOUT = 'mutation { logout { revokedSessions } }';

describe.runIf(hasRedisServer && database)('per-process caches across two instances', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    a = await startTestServer({
      database: 'postgres',
      existing: { databaseUrl: database!.url },
      customers: 3,
      alertBus: await RedisAlertBus.connect(redisUrl),
      env: { RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' },
    });
    b = await startTestServer({ database: 'postgres', existing: { databaseUrl: database!.url }, alertBus: await RedisAlertBus.connect(redisUrl) });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (redis && redis.exitCode === null) await stopRedis(redis);
    await database?.drop();
  }, 30_000);

  /** Signs in on `a` and returns a client of `b` presenting the same token. */
  async function signedInOnBoth(email: string) {
    const onA = a.as(email);
    const authorization = (await onA.authorization())!;
    return { onA, onB: b.client({ authorization }) };
  }

  it('serves a checked session from memory, and refuses it on the other instance right after a sign-out', async () => {
    const { onA, onB } = await signedInOnBoth('rep@demo.local');
    await onB.ok(ME);
    b.statements.length = 0;
    await onB.ok(ME);
    expect(b.statements.filter((sql) => sql.includes('"AuthSession"'))).toHaveLength(0); // cached

    await onA.ok(LOGOUT);
    // The change travels over Redis: milliseconds, not the cache's seconds.
    let refused = false;
    for (let i = 0; i < 25 && !refused; i++) {
      refused = (await onB.gql(ME)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
      if (!refused) await new Promise((r) => setTimeout(r, 20));
    }
    expect(refused).toBe(true);
  });

  it('stores the next event on the other instance right after an endpoint subscribes to its type', async () => {
    const customerNamed = async (server: TestServer, name: string): Promise<string> =>
      (await server.ok('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }', { input: { name } })).createCustomer.customer.id;
    await customerNamed(b, 'Before Subscribing Ltd'); // b now knows no endpoint wants customer.created
    b.statements.length = 0;
    await customerNamed(b, 'Still Unsubscribed Ltd');
    expect(b.statements.filter((sql) => sql.includes('"WebhookEvent"'))).toHaveLength(0);

    await a.ok('mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }', {
      input: { url: 'http://127.0.0.1:9/hook', eventTypes: ['customer.created'] },
    });
    // The change travels over Redis: milliseconds, not the cache's seconds.
    let stored = 0;
    for (let i = 0; i < 25 && !stored; i++) {
      const id = await customerNamed(b, `Subscribed ${i} Ltd`);
      const rowId = Buffer.from(id, 'base64').toString('utf8').split(':')[1]; // the graph's id is Customer:<row id>
      stored = await b.db.prisma.webhookEvent.count({ where: { entityType: 'Customer', entityId: rowId } });
      if (!stored) await new Promise((r) => setTimeout(r, 20));
    }
    expect(stored).toBe(1);
  });
});
