/**
 * Load benchmark. Seeds a fresh PostgreSQL database, starts the server and the load generator as
 * separate processes, and prints throughput, latency and SQL statements per request per scenario.
 * Usage: npm run bench -- [--customers N] [--connections N] [--duration S] [--json] … (see README.md)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { applyMigrations, DEMO_ACCOUNTS, DEMO_PASSWORD, loadConfig, openDatabase, pluginDataModels, seedDemoData, type Database } from '@rapport/core';
import { createApp, enabledPlugins } from '@rapport/server';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORKER_FLAG = '--load-worker';
const SAMPLE_CUSTOMERS = 1000;

/**
 * Server settings the in-process counter and the server child share. The limiter still runs on every
 * request but never trips (a load test is not abuse); tokens outlive a long run.
 */
const SERVER_ENV = {
  NODE_ENV: 'production',
  RAPPORT_AUTH_SECRET: randomBytes(32).toString('hex'),
  RAPPORT_RATE_LIMIT: String(1e9),
  RAPPORT_ACCESS_TOKEN_TTL_SECONDS: '86400',
  RAPPORT_SEED_DEMO: 'never',
};

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  /** Database sizes to measure, in order (each on its own database). */
  customers: number[];
  /** Server processes behind nginx (1: no proxy, the server directly). */
  instances: number;
  /** Keep a database already seeded with the same number of customers instead of recreating it. */
  reuseDb: boolean;
  /** Put nginx in front (always with more than one instance). */
  nginx: boolean;
  connections: number;
  duration: number;
  warmup: number;
  only: ScenarioKey[];
  json: boolean;
  keepDb: boolean;
  dbName: string;
  /** Extra node flags for the server, e.g. --cpu-prof or --max-semi-space-size=64. */
  serverNodeArgs: string[];
  /** Run the production bundle (dist/server.js, built first by scripts/build.mjs) instead of the TypeScript sources. */
  dist: boolean;
  /** Seconds to wait for the server's /readyz: a loaded machine may need minutes under tsx. */
  readyTimeout: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string', default: '10000' },
      instances: { type: 'string', default: '1' },
      'reuse-db': { type: 'boolean', default: false },
      nginx: { type: 'boolean', default: false },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      only: { type: 'string', default: 'a,b,c,d,e' },
      json: { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      'db-name': { type: 'string', default: 'rapport_bench' },
      'server-node-args': { type: 'string', default: '' },
      dist: { type: 'boolean', default: false },
      'ready-timeout': { type: 'string', default: process.env.BENCH_READY_TIMEOUT ?? '300' },
    },
  });
  const only = values.only.split(',').map((key) => key.trim());
  const unknown = only.find((key) => !(key in SCENARIOS));
  if (unknown) throw new Error(`--only: unknown scenario "${unknown}" (use ${Object.keys(SCENARIOS).join(',')})`);
  if (!/^[a-z_][a-z0-9_]*$/.test(values['db-name'])) throw new Error('--db-name: use lower-case letters, digits, _');
  return {
    customers: customerSizes(values.customers),
    instances: positiveInt('instances', values.instances),
    reuseDb: values['reuse-db'],
    nginx: values.nginx || Number(values.instances) > 1,
    connections: positiveInt('connections', values.connections),
    duration: positiveInt('duration', values.duration),
    warmup: positiveInt('warmup', values.warmup, 0),
    only: only as ScenarioKey[],
    json: values.json,
    keepDb: values['keep-db'],
    dbName: values['db-name'],
    serverNodeArgs: values['server-node-args'].split(/\s+/).filter(Boolean),
    dist: values.dist,
    readyTimeout: positiveInt('ready-timeout', values['ready-timeout']),
  };
}

/**
 * `--customers 200000` measures the 10k baseline first and then 200k, so one run prints both and their
 * ratio; `--customers 5000,50000` any list; a single size up to 10k just that size.
 */
function customerSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => positiveInt('customers', part.trim()));
  return sizes.length === 1 && sizes[0]! > BASELINE_CUSTOMERS ? [BASELINE_CUSTOMERS, sizes[0]!] : sizes;
}

const BASELINE_CUSTOMERS = 10_000;

function positiveInt(name: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Scenarios: a constant query text with varying variables, as a real client sends them.

interface Fixtures {
  customerIds: string[];
  contactIds: string[];
  prefixes: string[];
}

interface GraphQLBody {
  query: string;
  variables: Record<string, unknown>;
}

interface Scenario {
  name: string;
  /** The i-th request; i rotates through the fixtures. */
  body(fixtures: Fixtures, i: number): GraphQLBody;
}

const TIER_A_PAGE = `query TierA($first: Int!) {
  customers(first: $first, filter: { tier: [A] }) {
    totalCount
    edges { node { id name code owner { name } contacts { name email }
      activities(first: 5) { edges { node { id kind subject createdAt } } } } }
  }
}`;

const pick = <T>(items: T[], i: number): T => items[i % items.length]!;

const SCENARIOS = {
  a: {
    name: 'customer by id + contacts',
    body: (f, i) => ({
      query: 'query Customer($id: ID!) { customer(id: $id) { id name code contacts { id name email phone } } }',
      variables: { id: pick(f.customerIds, i) },
    }),
  },
  b: { name: 'tier A page of 50, nested', body: () => tierAPage(50) },
  c: {
    name: 'name-prefix search, first 20',
    body: (f, i) => ({
      query: 'query Search($prefix: String!) { customers(first: 20, filter: { namePrefix: $prefix }) { edges { node { id name code } } } }',
      variables: { prefix: pick(f.prefixes, i) },
    }),
  },
  e: {
    name: "a contact's 5 latest activities",
    body: (f, i) => ({
      query: 'query ContactActivities($id: ID!) { contact(id: $id) { id name activities(first: 5) { edges { node { id kind subject createdAt } } } } }',
      variables: { id: pick(f.contactIds, i) },
    }),
  },
  d: {
    name: 'createActivity (CALL)',
    body: (f, i) => ({
      query: 'mutation Log($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }',
      variables: { input: { customerId: pick(f.customerIds, i), kind: 'CALL', subject: 'Benchmark call' } },
    }),
  },
} satisfies Record<string, Scenario>;

type ScenarioKey = keyof typeof SCENARIOS;

function tierAPage(first: number): GraphQLBody {
  return { query: TIER_A_PAGE, variables: { first } };
}

// ---------------------------------------------------------------------------------------------
// Database

function databaseUrls(name: string): { admin: string; bench: string } {
  const base = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const at = (database: string) => Object.assign(new URL(base), { pathname: `/${database}` }).toString();
  return { admin: at('postgres'), bench: at(name) };
}

async function adminQuery<T extends object>(adminUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** `--reuse-db`: the database exists and holds exactly `customers` customers (a bench seeded it). */
async function seededWith(urls: { admin: string; bench: string }, name: string, customers: number): Promise<boolean> {
  const [exists] = await adminQuery(urls.admin, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists) return false;
  const rows = await adminQuery<{ count: string }>(urls.bench, 'SELECT count(*)::text AS count FROM "Customer"').catch(() => []);
  return Number(rows[0]?.count) === customers;
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
}

async function seed(databaseUrl: string, customers: number, reuse: boolean, log: (line: string) => void): Promise<Fixtures> {
  // The server the benchmark starts enables every bundled plugin: their tables too.
  const plugins = pluginDataModels(await enabledPlugins(loadConfig({ ...SERVER_ENV, DATABASE_URL: databaseUrl })));
  await applyMigrations({ kind: 'postgres', connectionString: databaseUrl }, { plugins });
  const db = await openDatabase({ databaseUrl });
  try {
    if (reuse) {
      // New indexes from the migrations just applied need fresh statistics as well.
      await db.prisma.$executeRawUnsafe('ANALYZE');
      log(`reusing the database seeded with ${customers} customers`);
      return await sampleFixtures(db);
    }
    const started = Date.now();
    await seedDemoData(db.prisma, { customers, seed: 1, log });
    // VACUUM too, so autovacuum does not start on the fresh rows mid-run and index-only scans work.
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    log(`seeded ${customers} customers, vacuumed and analyzed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await sampleFixtures(db);
  } finally {
    await db.close();
  }
}

/** A stable pseudo-random sample of real customers, spread over the whole name range. */
async function sampleFixtures(db: Database): Promise<Fixtures> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string; nameKey: string }>>`
    SELECT id::text AS id, "nameKey" FROM "Customer" ORDER BY md5(id::text) LIMIT ${SAMPLE_CUSTOMERS}`;
  const prefixes = new Set(rows.map((row, i) => row.nameKey.slice(0, 2 + (i % 2))));
  const contacts = await db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM "Contact" ORDER BY md5(id::text) LIMIT ${SAMPLE_CUSTOMERS}`;
  return {
    customerIds: rows.map((row) => encodeGlobalID('Customer', row.id)),
    contactIds: contacts.map((row) => encodeGlobalID('Contact', row.id)),
    prefixes: [...prefixes],
  };
}

// ---------------------------------------------------------------------------------------------
// Requests outside the load generator: sign-in, sample checks, statement counts

type Post = (body: GraphQLBody, token: string | null) => Promise<Response>;

const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }';

function requestHeaders(token: string | null): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

function postInit(body: GraphQLBody, token: string | null): RequestInit {
  return { method: 'POST', headers: requestHeaders(token), body: JSON.stringify(body) };
}

/** Sends one request and fails on a non-2xx status or GraphQL `errors`; returns `data`. */
async function expectData(post: Post, body: GraphQLBody, token: string | null, what: string): Promise<any> {
  const response = await post(body, token);
  const text = await response.text();
  const result = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || result.errors?.length || !result.data) throw new Error(`${what}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return result.data;
}

/** Signs in as the demo admin, who may read and change every customer. */
async function signIn(post: Post): Promise<string> {
  const input = { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD };
  const data = await expectData(post, { query: LOGIN, variables: { input } }, null, 'login');
  return data.login.accessToken as string;
}

type StatementCounts = Record<string, number>;

/** Counts statements with the server's own app, schema and plugins, in this process. */
async function countStatements(databaseUrl: string, fixtures: Fixtures, keys: ScenarioKey[]): Promise<StatementCounts> {
  let count = 0;
  const config = loadConfig({ ...SERVER_ENV, DATABASE_URL: databaseUrl });
  const db = await openDatabase({ databaseUrl, onQuery: () => count++ });
  const app = createApp({ config, db, plugins: await enabledPlugins(config) });
  const post: Post = async (body, token) => app.yoga.fetch('http://bench/graphql', postInit(body, token));
  try {
    const token = await signIn(post);
    const measure = async (body: GraphQLBody) => {
      count = 0;
      await expectData(post, body, token, 'statement count');
      return count;
    };
    await measure(SCENARIOS.a.body(fixtures, 0)); // a first request may warm lazy, once-only lookups
    const counts: StatementCounts = { 'b@10': await measure(tierAPage(10)), 'b@50': await measure(tierAPage(50)) };
    for (const key of keys) counts[key] = await measure(SCENARIOS[key].body(fixtures, 1));
    return counts;
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Server child process

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs main.ts in a plain node process with tsx's loader (or, with --dist, the bundle `npm start`
 * runs), so the pid (for RSS) is the server itself.
 */
async function startServer(databaseUrl: string, nodeArgs: string[], dist: boolean, readyTimeoutMs: number): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const entry = dist ? [...nodeArgs, 'dist/server.js'] : [...process.execArgv, ...nodeArgs, 'packages/server/src/main.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, ...SERVER_ENV, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${base}/readyz`, readyTimeoutMs);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { child, url: `${base}/graphql` };
}

interface ServerGroup {
  /** The load generator's target: the server itself, or nginx in front of the instances. */
  url: string;
  servers: ChildProcess[];
  proxy: ChildProcess | null;
  /** Every process serving requests: the instances and nginx's master and workers. */
  pids(): number[];
  stop(): Promise<void>;
}

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** `--instances N`: N servers on one database, behind nginx (`--nginx` puts it in front of one, to compare). */
async function startServers(databaseUrl: string, options: Options): Promise<ServerGroup> {
  const servers: Array<{ child: ChildProcess; url: string }> = [];
  let proxy: { child: ChildProcess; url: string; dir: string } | null = null;
  const stop = async () => {
    if (proxy) await stopProcess(proxy.child);
    await Promise.all(servers.map((server) => stopProcess(server.child)));
    if (proxy) await rm(proxy.dir, { recursive: true, force: true });
  };
  try {
    // One at a time: each applies (no) migrations and starts its jobs.
    for (let i = 0; i < options.instances; i++) servers.push(await startServer(databaseUrl, options.serverNodeArgs, options.dist, options.readyTimeout * 1000));
    if (options.nginx) proxy = await startNginx(servers.map((server) => new URL(server.url).port));
  } catch (error) {
    await stop();
    throw error;
  }
  const children = servers.map((server) => server.child);
  const proxyPid = proxy?.child.pid;
  return {
    url: proxy?.url ?? servers[0]!.url,
    servers: children,
    proxy: proxy?.child ?? null,
    pids: () => [...children.map((child) => child.pid!), ...(proxyPid ? [proxyPid, ...childPids(proxyPid)] : [])],
    stop,
  };
}

/**
 * nginx in front of the instances: least connections, keep-alive connections to the upstreams (the
 * documented configuration's `Connection $connection_upgrade` closes them after every request, which
 * a WebSocket-free load test need not pay for), one worker per core.
 */
async function startNginx(ports: string[]): Promise<{ child: ChildProcess; url: string; dir: string }> {
  if (!existsSync(NGINX)) throw new Error(`--instances/--nginx need nginx: ${NGINX} is missing (apt-get install nginx-light, or NGINX_PATH)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-bench-nginx-'));
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes auto;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream rapport {
    least_conn;
    ${ports.map((p) => `server 127.0.0.1:${p};`).join('\n    ')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 10m;
    location / {
      proxy_pass http://rapport;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 2, 2] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${url}/readyz`, 30_000);
  return { child, url: `${url}/graphql`, dir };
}

/** A process's children, from /proc (nginx's workers). */
function childPids(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** `--dist`: builds dist/server.js from the checkout's sources (`node scripts/build.mjs`, as `npm start` does). */
async function buildBundle(): Promise<void> {
  const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`node scripts/build.mjs exited with code ${code}`);
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    const ready = await fetch(url).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready at ${url} after ${timeoutMs / 1000} s (a loaded machine may need more: --ready-timeout SECONDS)`);
}

/**
 * Start-up work (the follow-up job raising alerts for every stale customer, the scheduler firing
 * them) can keep the server and its database busy for a while on a big database; measuring then
 * would blame the requests for it.
 */
async function waitUntilServerQuiet(processes: ScenarioProcesses, log: (line: string) => void, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pids = [...processes.serverPids, ...(await processes.backendPids())];
    const before = pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const cores = (pids.reduce((total, pid) => total + cpuSeconds(pid), 0) - before) / (QUIET_WINDOW_MS / 1000);
    if (cores < QUIET_SERVER_CORES) return;
    log(`server and database busy with start-up work (${cores.toFixed(2)} cores); waiting`);
  }
  log('server still busy after the time limit; measuring anyway');
}

/** SIGTERM lets the server drain (and write a --cpu-prof profile); SIGKILL if it hangs. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return Number(match?.[1] ?? NaN);
}

// ---------------------------------------------------------------------------------------------
// Load generator child process (autocannon)

interface LoadJob {
  url: string;
  headers: Record<string, string>;
  scenario: ScenarioKey;
  fixtures: Fixtures;
  connections: number;
  warmup: number;
  duration: number;
}

interface LoadStats {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx responses whose body holds GraphQL `errors`. */
  graphqlErrors: number;
}

type WorkerMessage = { type: 'measuring' } | { type: 'done'; stats: LoadStats };

interface AutocannonResult {
  requests: { mean: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** Fires the job's requests for `seconds`; each request takes the next fixture. */
function load(job: LoadJob, seconds: number, sequence: { next: number }): Promise<AutocannonResult> {
  // autocannon ships no types; only this process loads it.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const scenario: Scenario = SCENARIOS[job.scenario];
  return autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    headers: job.headers,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: object) => ({ ...request, body: JSON.stringify(scenario.body(job.fixtures, sequence.next++)) }),
      },
    ],
    verifyBody: (body: string) => !body.includes('"errors"'),
  });
}

function runLoadWorker(): void {
  process.once('message', async (job: LoadJob) => {
    const sequence = { next: 0 };
    if (job.warmup > 0) await load(job, job.warmup, sequence);
    send({ type: 'measuring' });
    const result = await load(job, job.duration, sequence);
    const stats: LoadStats = {
      rps: result.requests.mean,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      graphqlErrors: result.mismatches,
    };
    send({ type: 'done', stats }, () => process.exit(0));
  });
}

function send(message: WorkerMessage, done?: () => void): void {
  process.send!(message, undefined, {}, done);
}

interface ScenarioResult extends LoadStats {
  scenario: ScenarioKey;
  name: string;
  cpu: CpuShares;
}

interface ScenarioProcesses {
  /** The instances. */
  serverPids: number[];
  /** nginx, master and workers (none without a proxy). */
  proxyPids: number[];
  /** The server's PostgreSQL backends, looked up once its pool has filled. */
  backendPids(): Promise<number[]>;
}

/** Runs one scenario in a forked copy of this script, accounting CPU during the measured part. */
async function runScenario(job: LoadJob, processes: ScenarioProcesses): Promise<ScenarioResult> {
  const worker = fork(fileURLToPath(import.meta.url), [WORKER_FLAG], { stdio: ['ignore', 2, 2, 'ipc'] });
  const messages = workerMessages(worker);
  worker.send(job);
  await messages.next('measuring');
  const pids = { server: processes.serverPids, proxy: processes.proxyPids, postgres: await processes.backendPids(), loadgen: [worker.pid!] };
  const start = sampleCpu(pids);
  const done = await messages.next('done');
  return { scenario: job.scenario, name: SCENARIOS[job.scenario].name, ...done.stats, cpu: cpuShares(start, sampleCpu(pids)) };
}

/** Queues the worker's messages, so none is missed between two awaits. */
function workerMessages(worker: ChildProcess) {
  const received: WorkerMessage[] = [];
  let wake = () => {};
  let exited = false;
  worker.on('message', (message: WorkerMessage) => {
    received.push(message);
    wake();
  });
  worker.on('exit', () => {
    exited = true;
    wake();
  });
  return {
    async next<T extends WorkerMessage['type']>(type: T): Promise<Extract<WorkerMessage, { type: T }>> {
      for (;;) {
        const index = received.findIndex((message) => message.type === type);
        if (index >= 0) return received.splice(index, 1)[0] as Extract<WorkerMessage, { type: T }>;
        if (exited) throw new Error(`load generator exited before reporting "${type}"`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU accounting: on a shared 2-core box, shows which process bounds a scenario

type CpuGroup = 'server' | 'proxy' | 'postgres' | 'loadgen';
type CpuSample = Record<CpuGroup | 'box', number> & { at: number };
/** Cores used on average; `other` is everything else on the machine (other users, the kernel). */
type CpuShares = Record<CpuGroup | 'other', number>;

const TICKS_PER_SECOND = 100;
const BUSY_OTHER_CORES = 0.2;
const QUIET_WINDOW_MS = 2000;
const QUIET_SERVER_CORES = 0.1;

/** User + system CPU seconds a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine (all cores, idle and iowait excluded). */
function boxBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

function sampleCpu(pids: Record<CpuGroup, number[]>): CpuSample {
  const sum = (group: number[]) => group.reduce((total, pid) => total + cpuSeconds(pid), 0);
  return { at: performance.now(), box: boxBusySeconds(), server: sum(pids.server), proxy: sum(pids.proxy), postgres: sum(pids.postgres), loadgen: sum(pids.loadgen) };
}

function cpuShares(start: CpuSample, end: CpuSample): CpuShares {
  const seconds = (end.at - start.at) / 1000;
  const cores = (group: CpuGroup | 'box') => (end[group] - start[group]) / seconds;
  const [server, proxy, postgres, loadgen] = [cores('server'), cores('proxy'), cores('postgres'), cores('loadgen')];
  return { server, proxy, postgres, loadgen, other: Math.max(0, cores('box') - server - proxy - postgres - loadgen) };
}

async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const rows = await adminQuery<{ pid: number }>(adminUrl, 'SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return rows.map((row) => row.pid);
}

// ---------------------------------------------------------------------------------------------
// Report

interface Report {
  date: string;
  customers: number;
  connections: number;
  /** Server processes (behind nginx when `proxied`). */
  instances: number;
  proxied: boolean;
  warmupSeconds: number;
  durationSeconds: number;
  /** /proc/loadavg's 1-minute figure when the first and after the last scenario ran. */
  loadAverage: [number, number];
  results: ScenarioResult[];
  statements: StatementCounts;
  /** Summed over the instances. */
  serverRssMb: number;
  serverPeakRssMb: number;
}

function failures(result: ScenarioResult): number {
  return result.errors + result.non2xx + result.graphqlErrors;
}

const cpuMsPerRequest = (r: ScenarioResult) => (r.cpu.server * 1000) / r.rps;

function alignedTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

function formatTable(report: Report): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'gql err', 'SQL/req', 'server CPU ms/req', 'cores server/proxy/pg/loadgen/other'];
  const rows = report.results.map((r) => [
    `${r.scenario}) ${r.name}`,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors),
    String(r.non2xx),
    String(r.graphqlErrors),
    String(report.statements[r.scenario === 'b' ? 'b@50' : r.scenario] ?? '?'),
    cpuMsPerRequest(r).toFixed(2),
    [r.cpu.server, r.cpu.proxy, r.cpu.postgres, r.cpu.loadgen, r.cpu.other].map((cores) => cores.toFixed(2)).join(' / '),
  ]);
  const servers = report.instances === 1 ? '1 server' : `${report.instances} servers`;
  return [
    `Rapport bench ${report.date}: ${report.customers} customers, ${report.connections} connections, ${servers}${report.proxied ? ' behind nginx' : ''}, ` +
      `${report.warmupSeconds} s warm-up + ${report.durationSeconds} s per scenario, load average ${report.loadAverage.map((l) => l.toFixed(1)).join(' → ')}`,
    ...alignedTable(header, rows),
    `SQL statements per request, scenario b: page of 10 → ${report.statements['b@10']}, page of 50 → ${report.statements['b@50']}`,
    `Server RSS at end: ${report.serverRssMb.toFixed(0)} MB (peak ${report.serverPeakRssMb.toFixed(0)} MB)${report.instances > 1 ? ', summed over the instances' : ''}`,
    'cores: CPU cores each process group used on average while measured (server: all instances; proxy: nginx); other = the rest of the machine.',
    'server CPU ms/req = server cores / req/s: the cost per request, steadier than req/s when the machine is shared.',
    ...busyWarning(report.results),
  ].join('\n');
}

/** Several sizes: each scenario's figures side by side, and the largest size's over the first's. */
function formatComparison(reports: Report[]): string {
  const [first, last] = [reports[0]!, reports.at(-1)!];
  const sizes = reports.map((r) => `${r.customers / 1000}k`);
  const header = ['scenario', ...sizes.map((s) => `req/s ${s}`), ...sizes.map((s) => `p50 ${s}`), ...sizes.map((s) => `p99 ${s}`), ...sizes.map((s) => `CPU ms ${s}`), `p50 ${sizes.at(-1)}÷${sizes[0]}`];
  const rows = first.results.map((r) => {
    const of = (report: Report) => report.results.find((x) => x.scenario === r.scenario)!;
    return [
      `${r.scenario}) ${r.name}`,
      ...reports.map((report) => of(report).rps.toFixed(0)),
      ...reports.map((report) => of(report).p50.toFixed(1)),
      ...reports.map((report) => of(report).p99.toFixed(1)),
      ...reports.map((report) => cpuMsPerRequest(of(report)).toFixed(2)),
      (of(last).p50 / Math.max(of(first).p50, 0.1)).toFixed(2),
    ];
  });
  return ['', `By size (${sizes.join(' vs ')}): the issue's goal is no scenario slower by more than 1.5×`, ...alignedTable(header, rows)].join('\n');
}

/** Other work on the machine takes CPU the benchmark needs, so its figures would read low. */
function busyWarning(results: ScenarioResult[]): string[] {
  const busiest = Math.max(...results.map((r) => r.cpu.other));
  return busiest > BUSY_OTHER_CORES
    ? [`WARNING: other processes used up to ${busiest.toFixed(2)} cores while measuring; req/s is understated.`]
    : [];
}

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

// ---------------------------------------------------------------------------------------------
// Main

interface Target {
  databaseUrl: string;
  adminUrl: string;
  dbName: string;
  customers: number;
  /** Seeded by an earlier run (`--reuse-db`). */
  reused: boolean;
}

async function measure(options: Options, target: Target, log: (line: string) => void): Promise<Report> {
  const fixtures = await seed(target.databaseUrl, target.customers, target.reused, log);
  const statements = await countStatements(target.databaseUrl, fixtures, options.only);
  const group = await startServers(target.databaseUrl, options);
  try {
    const serverPids = group.servers.map((child) => child.pid!);
    const processes: ScenarioProcesses = {
      serverPids,
      get proxyPids() {
        return group.pids().filter((pid) => !serverPids.includes(pid));
      },
      backendPids: () => backendPids(target.adminUrl, target.dbName),
    };
    await waitUntilServerQuiet(processes, log);
    const post: Post = (body, token) => fetch(group.url, postInit(body, token));
    const token = await signIn(post);
    for (const key of options.only) await expectData(post, SCENARIOS[key].body(fixtures, 0), token, `scenario ${key}`);
    const results: ScenarioResult[] = [];
    const loadBefore = loadAverage();
    for (const scenario of options.only) {
      log(`scenario ${scenario}) ${SCENARIOS[scenario].name}: ${options.warmup} s warm-up, ${options.duration} s measured`);
      const { connections, warmup, duration } = options;
      const job = { url: group.url, headers: requestHeaders(token), scenario, fixtures, connections, warmup, duration };
      results.push(await runScenario(job, processes));
    }
    const loadAfter = loadAverage();
    // Requests the load generator abandoned at its deadline are still running; let them finish.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sum = (field: 'VmRSS' | 'VmHWM') => serverPids.reduce((total, pid) => total + procStatusKb(pid, field) / 1024, 0);
    return {
      date: new Date().toISOString(),
      customers: target.customers,
      connections: options.connections,
      instances: options.instances,
      proxied: options.nginx,
      warmupSeconds: options.warmup,
      durationSeconds: options.duration,
      loadAverage: [loadBefore, loadAfter],
      results,
      statements,
      serverRssMb: sum('VmRSS'),
      serverPeakRssMb: sum('VmHWM'),
    };
  } finally {
    await group.stop();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => console.error(`[bench] ${line}`);
  // Built before the seed, so a build error costs no seeding.
  if (options.dist) await buildBundle();
  const reports: Report[] = [];
  for (const customers of options.customers) {
    // Several sizes: a database each, named after its size (so --reuse-db finds each again).
    const dbName = options.customers.length > 1 ? `${options.dbName}_${customers}` : options.dbName;
    const urls = databaseUrls(dbName);
    const reused = options.reuseDb && (await seededWith(urls, dbName, customers));
    if (!reused) await recreateDatabase(urls.admin, dbName);
    try {
      const report = await measure(options, { databaseUrl: urls.bench, adminUrl: urls.admin, dbName, customers, reused }, log);
      reports.push(report);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatTable(report));
    } finally {
      if (!options.keepDb && !options.reuseDb) await adminQuery(urls.admin, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    }
  }
  if (reports.length > 1 && !options.json) console.log(formatComparison(reports));
  return reports.some((report) => report.results.some((r) => failures(r) > 0)) ? 1 : 0;
}

if (process.argv.includes(WORKER_FLAG)) {
  runLoadWorker();
} else {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
