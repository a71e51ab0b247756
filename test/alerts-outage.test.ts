// A Redis outage while alerts come due: the bus is down when the scheduler fires them, comes back,
// and every alert still reaches the connected subscribers, each exactly once. A private redis-server
// (its own port, no persistence) is killed and restarted; the shared one is never touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { applyMigrations, emitAlerts, hashPassword, loadConfig, ManualClock, openDatabase, type FiredAlert } from '@rapport/core';
import { createApp, RedisAlertBus, type RapportApp } from '@rapport/server';
import { subscribeWs, wsClient } from './support/clients.js';
import { TEST_NOW } from './support/harness.js';

const hasRedisServer = await new Promise<boolean>((resolve) => {
  const probe = spawn('redis-server', ['--version']);
  probe.on('error', () => resolve(false));
  probe.on('exit', (code) => resolve(code === 0));
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A throwaway redis-server; resolves once it answers PING. */
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

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';

describe.runIf(hasRedisServer)('alerts across a Redis outage', () => {
  let redis: ChildProcess;
  let port: number;
  let app: RapportApp;
  let url: string;
  let otherInstance: RedisAlertBus;
  const clock = new ManualClock(TEST_NOW);

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    const db = await openDatabase({ dataDir: 'memory://' });
    await applyMigrations(db.migrationTarget);
    const config = loadConfig({ NODE_ENV: 'test', RAPPORT_AUTH_SECRET: 'outage-test-secret-0123456789abcdef' });
    app = createApp({ config, db, clock, alertBus: await RedisAlertBus.connect(redisUrl, 'rapport:test:outage') });
    url = await app.listen(0, '127.0.0.1');
    otherInstance = await RedisAlertBus.connect(redisUrl, 'rapport:test:outage');
  });
  afterAll(async () => {
    if (redis?.exitCode !== null) redis = await startRedis(port); // a failed run may leave the bus down
    await otherInstance?.close();
    await app?.close();
    await stopRedis(redis);
  });

  it('delivers alerts that came due while the bus was down once it is back, each exactly once', async () => {
    const { prisma } = (app as unknown as { alerts: { options: { prisma: any } } }).alerts.options;
    const user = await prisma.user.create({ data: { email: 'rep@outage.test', name: 'Rita Rep', passwordHash: await hashPassword('outage') } });
    const login = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: user.email, password: 'outage' } } }),
    }).then((r) => r.json() as Promise<any>);
    const client = wsClient(url, { authorization: `Bearer ${login.data.login.accessToken}` });
    const received = subscribeWs<any>(client, 'subscription { alerts { id title } }');
    await received.ready;
    await until(() => app.alertBus.subscriberCount === 1, 'the subscription');
    const elsewhere: FiredAlert[] = [];
    otherInstance.subscribe(user.id, (alert) => elsewhere.push(alert));

    const due = (from: number, count: number, minutes: number) =>
      Array.from({ length: count }, (_, i) => ({
        recipientId: user.id,
        kind: 'TASK_DUE_SOON',
        title: `Call back ${from + i}`,
        fireAt: new Date(Date.parse(TEST_NOW) + minutes * 60_000),
        dedupeKey: `outage-${from + i}`,
      }));
    await emitAlerts(prisma, [...due(0, 3, 1), ...due(3, 4, 2), ...due(7, 1, 3)], clock.now());

    clock.advance(60_000);
    await app.alerts.fireDue();
    await received.waitFor(3);

    // The bus goes away while four more come due: firing them cannot reach anyone.
    await stopRedis(redis);
    clock.advance(60_000);
    await app.alerts.fireDue();
    expect(received.items).toHaveLength(3);

    redis = await startRedis(port);
    clock.advance(1_000);
    await app.alerts.fireDue();
    await received.waitFor(7);
    // One more after the outage: the stream is ordered, so once it arrives nothing earlier is in flight.
    clock.advance(60_000);
    await app.alerts.fireDue();
    await received.waitFor(8);
    await until(() => elsewhere.length >= 8, 'the other instance');

    const titles = received.items.map((r) => r.alerts.title).sort();
    expect(titles).toEqual(Array.from({ length: 8 }, (_, i) => `Call back ${i}`).sort());
    expect(elsewhere.map((a) => a.title).sort()).toEqual(titles);
    expect(await prisma.alert.count({ where: { recipientId: user.id, firedAt: null } })).toBe(0);
    await received.stop();
    await client.dispose();
  });
});
