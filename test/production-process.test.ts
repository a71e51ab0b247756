// The production process as an operator runs it: `npm start` (build, then node on dist/) and
// `node dist/server.js`, stopped with SIGTERM as process managers do.
import { request } from 'node:http';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, buildServer, childEnv, descendants, listening, run, until } from './support/processes.js';

const SECRET = 'a-production-secret-of-at-least-32-characters';
const METRICS_TOKEN = 'metrics-token-for-the-test';
const STARTUP_MS = 180_000;

const baseEnv = (dataDir: string, extra: Record<string, string> = {}) =>
  childEnv({
    NODE_ENV: 'production',
    PORT: '0',
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_AUTH_SECRET: SECRET,
    RAPPORT_DEMO_CUSTOMERS: '5',
    RAPPORT_PLUGINS: '',
    RAPPORT_METRICS_TOKEN: METRICS_TOKEN,
    RAPPORT_LOG_LEVEL: 'info',
    ...extra,
  });

async function gql(url: string, query: string, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function signIn(url: string): Promise<string> {
  const { body } = await gql(url, 'mutation { login(input: { email: "admin@demo.local", password: "demo" }) { accessToken } }');
  return body.data.login.accessToken as string;
}

async function metric(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

/** A POST whose body is sent in two halves, so the request is provably in flight in between. */
function halfSentRequest(url: string, body: string, token: string) {
  const target = new URL(url);
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const answered = new Promise<{ status: number; connection: string | undefined; body: any }>((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { answered, finish: () => finish() };
}

describe('the production process', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rapport-process-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('npm start: SIGTERM during 40 concurrent requests answers all 40, then exits leaving no process and no listener', async () => {
    const dataDir = path.join(dir, 'npm-start');
    const npm = run('npm', ['start'], baseEnv(dataDir, { RAPPORT_SHUTDOWN_DELAY_MS: '200' }));
    const [, url] = await npm.waitFor(/listening on (http:\/\/\S+)/, STARTUP_MS);
    const origin = new URL(url!).origin;
    const port = Number(new URL(url!).port);
    expect(npm.output()).not.toMatch(/tsx/);
    const tree = await descendants(npm.pid);
    expect(tree.length).toBeGreaterThan(0);

    const token = await signIn(url!);
    const query = JSON.stringify({ query: '{ customers(first: 5) { totalCount edges { node { name } } } }' });
    const requests = Array.from({ length: 40 }, () => halfSentRequest(url!, query, token));
    // All 40 are inside the server (headers read, body awaited); the 41st in flight is this metrics scrape.
    await until(async () => (await metric(origin, 'rapport_http_requests_in_flight')) === 41, 30_000, '40 requests in flight');

    npm.kill('SIGTERM');
    await npm.waitFor(/SIGTERM received: draining/, 10_000);
    for (const r of requests) r.finish();
    const answers = await Promise.all(requests.map((r) => r.answered));

    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(answers.map((a) => a.body.data?.customers.totalCount)).toEqual(Array(40).fill(5));
    expect(await npm.exited).toBe(0);
    expect(tree.filter(alive)).toEqual([]);
    expect(await listening(port)).toBe(false);
    await expect(access(path.join(dataDir, 'rapport.lock'))).rejects.toThrow(/ENOENT/);
  }, STARTUP_MS + 60_000);

  it('node dist/server.js: /readyz is 503 for the delay while requests are still served; subscriptions close cleanly; a second process on the folder is refused by name; db:status lists migrations', async () => {
    const build = await buildServer();
    try {
      const dataDir = path.join(dir, 'node');
      const plugin = { RAPPORT_PLUGIN_PACKAGES: path.resolve('test/fixtures/rapport-plugin-greeting'), RAPPORT_PLUGINS: 'greeting' };
      const server = run(process.execPath, [build.server], baseEnv(dataDir, { RAPPORT_SHUTDOWN_DELAY_MS: '3000', ...plugin }));
      const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/, STARTUP_MS);
      const origin = new URL(url!).origin;
      const token = await signIn(url!);

      // A JavaScript plugin package runs on the bundle's @rapport/core: its InputError is the server's.
      expect((await gql(url!, '{ greeting(name: "王芳") }', token)).body.data.greeting).toBe('你好, 王芳');
      expect((await gql(url!, '{ greeting(name: " ") }', token)).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'name', message: 'must not be empty' }] });

      // A second server on the same embedded folder stops with a message naming the owner.
      const second = run(process.execPath, [build.server], baseEnv(dataDir, plugin));
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`is in use by process ${server.pid}`);
      expect(second.output()).not.toMatch(/Aborted/);

      const ws = createClient({ url: url!.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {}, connectionParams: { authorization: `Bearer ${token}` } });
      const wsClosed = new Promise<number>((resolve) => ws.on('closed', (event) => resolve((event as { code: number }).code)));
      const wsEnded = new Promise<string>((resolve) => ws.subscribe({ query: 'subscription { alerts { id } }' }, { next: () => {}, error: (e) => resolve(`closed ${(e as { code?: number }).code}`), complete: () => resolve('complete') }));
      const sse = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'subscription { alerts { id } }' }),
      });
      expect(sse.status).toBe(200);
      const sseDone = (async () => {
        const reader = sse.body!.getReader();
        for (;;) if ((await reader.read()).done) return 'ended';
      })();
      await until(async () => (await metric(origin, 'rapport_alert_subscriptions')) === 2, 10_000, 'two alert subscriptions');

      server.kill('SIGTERM');
      await until(async () => (await fetch(`${origin}/readyz`)).status === 503, 2_500, '/readyz 503');
      const during = await gql(url!, '{ customers(first: 1) { totalCount } }', token);
      expect(during.status).toBe(200);
      expect(during.body.data.customers.totalCount).toBe(5);

      expect(await wsClosed).toBe(1001);
      expect(await sseDone).toBe('ended');
      expect(await server.exited).toBe(0);
      expect(await wsEnded).toBe('closed 1001');

      const status = run(process.execPath, [build.db, 'status'], baseEnv(dataDir));
      expect(await status.exited).toBe(0);
      expect(status.output()).toMatch(/\d+ applied, 0 pending/);
      expect(status.output()).toContain('applied: 20261123125153_init');
    } finally {
      await rm(build.dir, { recursive: true, force: true });
    }
  }, STARTUP_MS + 60_000);
});
