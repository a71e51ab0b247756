// docs/deployment.md made real: a real nginx (Debian's package) with the documented configuration in
// front of two server processes on one PostgreSQL and one Redis.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, emitAlerts, openDatabase } from '@rapport/core';
import { createTestDatabase, requireServices } from '@rapport/core/testing';
import { subscribeSse, subscribeWs } from './support/clients.js';
import { buildServer, childEnv, run, until, type Run } from './support/processes.js';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const SECRET = 'nginx-two-instance-test-secret-0123456789';
const METRICS_TOKEN = 'nginx-test-metrics-token';
const redisUrl = process.env.REDIS_URL;
const pg = await createTestDatabase('rapport_nginx');
if (pg && !redisUrl && requireServices()) throw new Error('Redis is required (REQUIRE_SERVICES=1) but REDIS_URL is not set');
if (pg && redisUrl && !existsSync(NGINX)) throw new Error(`nginx is required for the deployment test: ${NGINX} is missing (apt-get install nginx)`);
if (!pg || !redisUrl) console.warn('[skip] nginx two-instance test: needs DATABASE_URL and REDIS_URL');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The nginx configuration from docs/deployment.md, with the upstreams and the listener of this test. */
async function documentedConfig(listen: number, upstreams: number[]): Promise<string> {
  const doc = await readFile('docs/deployment.md', 'utf8');
  const block = doc.match(/<!-- nginx-config:start -->\s*```nginx\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error('docs/deployment.md has no nginx configuration block');
  const withUpstreams = block.replace(/server rapport-1:4000/, `server 127.0.0.1:${upstreams[0]}`).replace(/server rapport-2:4000/, `server 127.0.0.1:${upstreams[1]}`);
  expect(withUpstreams).not.toMatch(/rapport-\d:4000/);
  return withUpstreams.replace(/listen 80;/, `listen 127.0.0.1:${listen};`);
}

async function writeNginxConfig(dir: string, http: string): Promise<string> {
  for (const sub of ['logs', 'temp']) await mkdir(path.join(dir, sub), { recursive: true });
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, 'temp', name)};`;
  const file = path.join(dir, 'nginx.conf');
  await writeFile(
    file,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} info;
events { worker_connections 1024; }
http {
  access_log ${path.join(dir, 'logs', 'access.log')};
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${http}
}
`,
  );
  return file;
}

const nginxArgs = (dir: string) => ['-p', dir, '-e', path.join(dir, 'logs', 'error.log'), '-c', path.join(dir, 'nginx.conf')];

async function startNginx(dir: string, http: string): Promise<Run> {
  await writeNginxConfig(dir, http);
  return run(NGINX, [...nginxArgs(dir), '-g', 'daemon off;'], childEnv({}));
}

/**
 * The documented rolling-restart step for nginx (which has no active health checks): rewrite the
 * configuration and reload gracefully; resolves once a worker with the new configuration runs.
 */
async function reloadNginx(dir: string, http: string): Promise<void> {
  const log = path.join(dir, 'logs', 'error.log');
  const workers = async () => ((await readFile(log, 'utf8')).match(/start worker process/g) ?? []).length;
  const before = await workers();
  await writeNginxConfig(dir, http);
  const reload = run(NGINX, [...nginxArgs(dir), '-s', 'reload'], childEnv({}));
  expect(await reload.exited, reload.output()).toBe(0);
  await until(async () => (await workers()) > before, 15_000, 'nginx to reload');
}

async function post(url: string, query: string, token?: string, variables?: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { unparsable: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * A POST on a connection of its own. The rolling restart reloads nginx, whose old worker then closes
 * its idle keep-alive client connections; a browser resends a request that meets such a close, Node's
 * fetch does not — which would test the client, not the restart.
 */
function postOnFreshConnection(url: string, query: string, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ query });
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: { unparsable: text.slice(0, 200) } });
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function metric(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

describe.runIf(pg && redisUrl)('two instances behind nginx on one PostgreSQL and Redis', () => {
  let dir: string;
  let build: Awaited<ReturnType<typeof buildServer>>;
  const ports = { a: 0, b: 0, proxy: 0 };
  const instances: Record<'a' | 'b', Run | undefined> = { a: undefined, b: undefined };
  let nginx: Run;
  let proxy: string;
  let seedOutput = '';
  const prefix = `rapport-test-${randomBytes(4).toString('hex')}`;

  // A runs the alert scheduler every 200 ms; B's never comes round, so every alert is fired by A.
  const startInstance = (name: 'a' | 'b') =>
    run(
      process.execPath,
      [build.server],
      childEnv({
        NODE_ENV: 'production',
        PORT: String(ports[name]),
        DATABASE_URL: pg!.url,
        REDIS_URL: redisUrl!,
        RAPPORT_REDIS_PREFIX: prefix,
        RAPPORT_AUTH_SECRET: SECRET,
        RAPPORT_METRICS_TOKEN: METRICS_TOKEN,
        RAPPORT_PLUGINS: 'service',
        RAPPORT_TRUST_PROXY: 'true',
        RAPPORT_RATE_LIMIT: '1000000',
        RAPPORT_SHUTDOWN_DELAY_MS: '500',
        RAPPORT_ALERT_INTERVAL_MS: name === 'a' ? '200' : '3600000',
      }),
    );

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rapport-nginx-'));
    build = await buildServer();
    // db:seed on PostgreSQL: core demo data and the enabled plugins' (service tickets).
    const seed = run(process.execPath, [build.db, 'seed'], childEnv({ DATABASE_URL: pg!.url, RAPPORT_DEMO_CUSTOMERS: '12', RAPPORT_PLUGINS: 'service' }));
    expect(await seed.exited, seed.output()).toBe(0);
    seedOutput = seed.output();
    [ports.a, ports.b, ports.proxy] = [await freePort(), await freePort(), await freePort()];
    instances.a = startInstance('a');
    instances.b = startInstance('b');
    await Promise.all([instances.a.waitFor(/listening on/, 180_000), instances.b.waitFor(/listening on/, 180_000)]);
    nginx = await startNginx(dir, await documentedConfig(ports.proxy, [ports.a, ports.b]));
    proxy = `http://127.0.0.1:${ports.proxy}/graphql`;
    await until(async () => (await fetch(`http://127.0.0.1:${ports.proxy}/healthz`).catch(() => null))?.status === 200, 20_000, `nginx on ${ports.proxy}: ${nginx.output()}`);
  }, 400_000);

  afterAll(async () => {
    for (const instance of [instances.a, instances.b]) {
      if (instance && instance.child.exitCode === null) {
        instance.kill('SIGTERM');
        await instance.exited;
      }
    }
    if (nginx && nginx.child.exitCode === null) {
      nginx.kill('SIGQUIT');
      await nginx.exited;
    }
    await pg?.drop();
    if (build) await rm(build.dir, { recursive: true, force: true });
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const signIn = async (url: string, email = DEMO_ACCOUNTS.admin) => {
    const { body } = await post(url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', undefined, { input: { email, password: 'demo' } });
    if (!body.data?.login) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
    return body.data.login.accessToken as string;
  };

  it('db:seed on PostgreSQL seeded the enabled plugins too', async () => {
    expect(seedOutput).toMatch(/plugins: service/);
    const token = await signIn(proxy);
    const { body } = await post(proxy, '{ customers { totalCount } tickets(first: 1) { totalCount } }', token);
    expect(body.errors).toBeUndefined();
    expect(body.data.customers.totalCount).toBe(12);
    expect(body.data.tickets.totalCount).toBeGreaterThan(0);
  });

  it('answers HTTP through the proxy, with the request id echoed', async () => {
    const token = await signIn(proxy);
    const response = await fetch(proxy, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'through-nginx-1' },
      body: JSON.stringify({ query: '{ customers(first: 3) { edges { node { name } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('through-nginx-1');
    expect(((await response.json()) as any).data.customers.edges).toHaveLength(3);
  });

  it('delivers an alert fired by instance A to subscribers on B directly and through the proxy over graphql-ws and SSE', async () => {
    const token = await signIn(proxy);
    const clients: Client[] = [];
    const ws = (url: string) => {
      const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {}, connectionParams: { authorization: `Bearer ${token}` } });
      clients.push(client);
      return client;
    };
    const query = 'subscription { alerts { id title } }';
    const onB = subscribeWs<any>(ws(`http://127.0.0.1:${ports.b}/graphql`), query);
    const viaProxyWs = subscribeWs<any>(ws(proxy), query);
    const viaProxySse = subscribeSse<any>(proxy, query, { authorization: `Bearer ${token}` });
    await Promise.all([onB.ready, viaProxyWs.ready, viaProxySse.ready]);
    const subscriptions = async () => (await metric(`http://127.0.0.1:${ports.a}`, 'rapport_alert_subscriptions')) + (await metric(`http://127.0.0.1:${ports.b}`, 'rapport_alert_subscriptions'));
    await until(async () => (await subscriptions()) === 3, 10_000, 'three alert subscriptions across the instances');
    const firedBefore = { a: await metric(`http://127.0.0.1:${ports.a}`, 'rapport_alerts_fired_total'), b: await metric(`http://127.0.0.1:${ports.b}`, 'rapport_alerts_fired_total') };

    const db = await openDatabase({ databaseUrl: pg!.url, poolSize: 1 });
    try {
      const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin } });
      await emitAlerts(db.prisma, [{ recipientId: admin.id, kind: 'TASK_DUE_SOON', title: 'Call 杭州云帆 back', dedupeKey: `nginx-${prefix}` }], new Date());
    } finally {
      await db.close();
    }

    for (const received of [onB, viaProxyWs, viaProxySse]) {
      const [first] = await received.waitFor(1, 15_000);
      expect(first.alerts.title).toBe('Call 杭州云帆 back');
    }
    // B fired nothing (the demo's own due alerts keep A's count moving), so Redis carried A's alert to B.
    expect(await metric(`http://127.0.0.1:${ports.a}`, 'rapport_alerts_fired_total')).toBeGreaterThan(firedBefore.a);
    expect(await metric(`http://127.0.0.1:${ports.b}`, 'rapport_alerts_fired_total')).toBe(firedBefore.b);
    expect(firedBefore.b).toBe(0);
    await Promise.all([onB, viaProxyWs, viaProxySse].map((r) => r.stop()));
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('loses no request during a rolling restart of instance A under a steady stream', async () => {
    const token = await signIn(proxy);
    const results: Array<{ status: number; ok: boolean; detail: string }> = [];
    let streaming = true;
    const worker = async () => {
      while (streaming) {
        try {
          const { status, body } = await postOnFreshConnection(proxy, '{ customers(first: 2) { totalCount } }', token);
          results.push({ status, ok: status === 200 && body.data?.customers.totalCount === 12, detail: JSON.stringify(body).slice(0, 200) });
        } catch (error) {
          results.push({ status: 0, ok: false, detail: (error as Error).message });
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await until(() => results.length >= 40, 30_000, 'the stream to start');

    // Take A out of the upstream first (docs/deployment.md): nginx then sends it nothing new, and A's
    // SIGTERM drains only what it already has.
    const config = await documentedConfig(ports.proxy, [ports.a, ports.b]);
    await reloadNginx(dir, config.replace(`server 127.0.0.1:${ports.a} `, `server 127.0.0.1:${ports.a} down `));
    instances.a!.kill('SIGTERM');
    expect(await instances.a!.exited).toBe(0);
    const duringDowntime = results.length;
    await until(() => results.length >= duringDowntime + 40, 30_000, 'requests while A is down');
    instances.a = startInstance('a');
    await instances.a.waitFor(/listening on/, 120_000);
    await reloadNginx(dir, config);
    // A's own log shows nginx sending it requests again.
    await until(() => /"msg":"request"/.test(instances.a!.output()), 60_000, 'A to serve proxied requests again');
    const restarted = results.length;
    await until(() => results.length >= restarted + 40, 30_000, 'requests after A is back');
    streaming = false;
    await Promise.all(workers);

    const failed = results.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(120);
    expect((await fetch(`http://127.0.0.1:${ports.a}/readyz`)).status).toBe(200);
  }, 240_000);
});
