// Two instances over one PostgreSQL database and one Redis (a private redis-server, its own port, so
// it can be killed): a session checked lately is served from memory, yet a sign-out on one instance
// is refused by the other on its next request.
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

describe.runIf(hasRedisServer && database)('the session cache across two instances', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    a = await startTestServer({ database: 'postgres', existing: { databaseUrl: database!.url }, customers: 3, alertBus: await RedisAlertBus.connect(redisUrl) });
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
});
