// The end-to-end harness for core's and plugins' suites, bundled or third-party: a real server on a
// throw-away database (embedded PGlite, or PostgreSQL when DATABASE_URL is set) with the given plugins
// enabled and their migrations applied, real HTTP clients signed in as the demo accounts (or as a
// plugin's principals at its own endpoint), and a statement counter. `@rapport/server` and `vitest` are
// loaded from the test's project (peer dependencies of `@rapport/core/testing`): core does not depend on
// the server, only its harness drives one.
import path from 'node:path';
import type { AppOptions, RapportApp } from '@rapport/server';
import { describe } from 'vitest';
import { ManualClock, type Clock } from '../clock.js';
import { loadConfig, type RapportConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { pluginDataModels, resolvePlugins, type EnabledPlugin, type RapportPlugin } from '../plugin.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../seed/demo.js';
import { createPreparedTestDatabase, createTestDatabase, postgresAvailable } from './postgres.js';
import { openPreparedEmbedded, TEMPLATES_ENV } from './prepared.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** Database kinds the GraphQL suites run on: always embedded; PostgreSQL when available (required on CI). */
export async function databaseKinds(): Promise<DatabaseKind[]> {
  return (await postgresAvailable()) ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * `describe.each` over the database kinds, for suites written once for both. A kind that is not
 * available (PostgreSQL without DATABASE_URL) still lists its suite, every test marked skipped, so a
 * run says what it did not check instead of the tests vanishing from the count.
 */
export function describeOnDatabases(available: DatabaseKind[]) {
  return (name: string, suite: (database: DatabaseKind) => void): void => {
    for (const kind of ['pglite', 'postgres'] as const) {
      const title = name.replace('%s', kind);
      if (available.includes(kind)) describe(title, () => suite(kind));
      else describe.skip(`${title} (DATABASE_URL not set)`, () => suite(kind));
    }
  };
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: Array<{ field: string; message: string }>; [k: string]: unknown } }>;
}

export interface RawResponse<T = any> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<T>;
}

/** Sends GraphQL over HTTP as one caller: a demo account, a fixed Authorization value, or nobody. */
export interface TestClient {
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql but fails the test on any error; returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  raw<T = any>(query: string, variables?: Record<string, unknown>): Promise<RawResponse<T>>;
  /** The Authorization value sent (a demo account signs in on first use and again when its token expires). */
  authorization(): Promise<string | null>;
}

export interface ClientOptions {
  /** A seeded account (password `demo`), or null for no credentials. */
  email?: string | null;
  /** A fixed Authorization value instead, e.g. `ApiKey rk_…`. */
  authorization?: string;
  headers?: Record<string, string>;
}

/** `gql`/`ok` act as the demo admin, so suites about other things need not sign in. */
export interface TestServer extends TestClient {
  url: string;
  app: RapportApp;
  db: Database;
  config: RapportConfig;
  clock: ManualClock;
  /** SQL statements sent since the last `statements.length = 0`. */
  statements: string[];
  /** SQL statements sent to the read replica (`existing.replicaUrl`), emptied the same way. */
  replicaStatements: string[];
  /** The parameters of each of `statements`, by position (cleared with `statements.length = 0`, by `statementArgs.length = 0`). */
  statementArgs: Array<readonly unknown[]>;
  /** A client signed in as this demo account. */
  as(email: string, headers?: Record<string, string>): TestClient;
  client(options: ClientOptions): TestClient;
  anonymous: TestClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  database: DatabaseKind;
  /**
   * The plugins to enable: `resolvePlugins(available, names, configs)`'s result, or plugin definitions
   * (each enabled with its configuration's defaults, in the order given, requirements checked).
   */
  plugins?: ReadonlyArray<EnabledPlugin | RapportPlugin<any>>;
  /** Demo customers to seed (0 seeds nothing, not even users). */
  customers?: number;
  clock?: ManualClock;
  env?: Record<string, string>;
  rateLimitStore?: AppOptions['rateLimitStore'];
  /** The bus between instances (e.g. a RedisAlertBus); one in-process bus when absent. */
  alertBus?: AppOptions['alertBus'];
  persistedOperations?: AppOptions['persistedOperations'];
  /** Start the job runner and alert scheduler on their intervals, as `npm start` does. */
  runJobs?: boolean;
  logger?: AppOptions['logger'];
  notifier?: AppOptions['notifier'];
  /** Serve a database prepared outside (e.g. by a script in a child process) instead of a fresh one. */
  existing?: { databaseUrl?: string; dataDir?: string; replicaUrl?: string };
}

export const TEST_NOW = '2026-11-02T09:00:00Z';

/** Tests sign tokens with a fixed secret and need no rate limit unless they test it. */
const TEST_ENV = { RAPPORT_AUTH_SECRET: 'test-secret-that-is-at-least-32-characters-long', RAPPORT_RATE_LIMIT: '1000000' };

/** A real server on a random port, over a fresh database, queried by real HTTP requests. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const clock = options.clock ?? new ManualClock(TEST_NOW);
  const plugins = enabledPlugins(options.plugins ?? []);
  const dataModels = pluginDataModels(plugins);
  const prepare = async (prepared: Database) => {
    await applyMigrations(prepared.migrationTarget, { plugins: dataModels });
    if (options.customers) await seedDemoData(prepared.prisma, { customers: options.customers, now: clock.now(), seed: 7 });
  };
  const templateKey = JSON.stringify({ dataModels, customers: options.customers ?? 0, now: clock.now() });
  const pg = options.database === 'postgres' && !options.existing ? await preparedPostgres(templateKey, prepare) : null;
  if (options.database === 'postgres' && !pg && !options.existing) throw new Error('PostgreSQL is not available for this suite');
  const statements: string[] = [];
  const statementArgs: Array<readonly unknown[]> = [];
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...TEST_ENV, ...options.env });
  const onQuery = (sql: string, args: readonly unknown[]) => {
    // Kept aligned with `statements`, which tests empty with `statements.length = 0`.
    statementArgs.length = statements.length;
    statements.push(sql);
    statementArgs.push(args);
  };
  const replicaStatements: string[] = [];
  const replica = options.existing?.replicaUrl ? { replicaUrl: options.existing.replicaUrl, onReplicaQuery: (sql: string) => void replicaStatements.push(sql) } : {};
  const db = options.existing || pg
    ? await openDatabase({ databaseUrl: options.existing?.databaseUrl ?? pg?.url, dataDir: options.existing?.dataDir ?? 'memory://', onQuery, ...replica })
    : await openPreparedEmbedded(templateKey, prepare, { onQuery });
  if (options.existing) await prepare(db);
  const { rateLimitStore, persistedOperations, logger, notifier, alertBus } = options;
  const { createApp } = await import('@rapport/server');
  const app = createApp({
    config,
    db,
    plugins,
    clock: clock as Clock,
    rateLimitStore,
    ...(alertBus ? { alertBus } : {}),
    persistedOperations,
    notifier,
    runJobs: options.runJobs ?? false,
    ...(logger ? { logger } : {}),
  });
  const url = await app.listen(0, '127.0.0.1');
  statements.length = 0;
  replicaStatements.length = 0;

  const client = (clientOptions: ClientOptions) => testClient(url, clock, clientOptions);
  const admin = client({ email: DEMO_ACCOUNTS.admin });
  return {
    ...admin,
    url,
    app,
    db,
    config,
    clock,
    statements,
    replicaStatements,
    statementArgs,
    as: (email, headers) => client({ email, ...(headers ? { headers } : {}) }),
    client,
    anonymous: client({ email: null }),
    async close() {
      await app.close();
      await pg?.drop();
    },
  };
}

function enabledPlugins(given: ReadonlyArray<EnabledPlugin | RapportPlugin<any>>): EnabledPlugin[] {
  if (given.every((p): p is EnabledPlugin => 'plugin' in p)) return [...given];
  const definitions = given.map((p) => ('plugin' in p ? p.plugin : p));
  return resolvePlugins(definitions, definitions.map((p) => p.name));
}

/** A PostgreSQL database for one server: a copy of this run's template for `key` when the run has templates. */
async function preparedPostgres(key: string, prepare: (db: Database) => Promise<void>) {
  const templates = process.env[TEMPLATES_ENV];
  const prepareAt = async (url: string) => {
    const db = await openDatabase({ databaseUrl: url });
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
  };
  if (templates) return createPreparedTestDatabase(path.basename(templates), key, prepareAt);
  const pg = await createTestDatabase();
  if (pg) await prepareAt(pg.url);
  return pg;
}

async function post<T>(url: string, body: object, headers: Record<string, string>): Promise<RawResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T> };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken accessTokenExpiresAt } }';

function testClient(url: string, clock: ManualClock, options: ClientOptions): TestClient {
  let token: { value: string; expiresAt: number } | null = null;
  const authorization = async (): Promise<string | null> => {
    if (options.authorization) return options.authorization;
    if (!options.email) return null;
    if (!token || token.expiresAt <= clock.now().getTime()) {
      const { body } = await post<any>(url, { query: LOGIN, variables: { input: { email: options.email, password: DEMO_PASSWORD } } }, {});
      if (!body.data?.login) throw new Error(`Cannot sign in as ${options.email}: ${JSON.stringify(body.errors)}`);
      token = { value: body.data.login.accessToken, expiresAt: Date.parse(body.data.login.accessTokenExpiresAt) };
    }
    return `Bearer ${token.value}`;
  };
  const raw = async <T>(query: string, variables?: Record<string, unknown>) => {
    const value = await authorization();
    return post<T>(url, { query, variables }, { ...(value ? { authorization: value } : {}), ...options.headers });
  };
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => (await raw<T>(query, variables)).body;
  return {
    gql,
    raw,
    authorization,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
  };
}

/** The first error's code and field list, for compact assertions. */
export function errorOf(result: GraphQLResponse): { code?: string; fields: string[]; message?: string } {
  const error = result.errors?.[0];
  return {
    code: error?.extensions?.code,
    fields: (error?.extensions?.fields ?? []).map((f) => f.field).sort(),
    message: error?.message,
  };
}

/**
 * The userErrors of the first mutation payload in `data` that has any (select
 * `userErrors { field code message }`), for compact assertions: `fields` are the paths below `input`,
 * dotted and sorted, like errorOf's; `codes` in the order given.
 */
export function userErrorOf(result: GraphQLResponse): { fields: string[]; codes: string[]; message?: string } {
  const payloads = Object.values((result.data ?? {}) as Record<string, { userErrors?: Array<{ field?: string[] | null; code?: string; message?: string }> } | null>);
  const userErrors = payloads.find((p) => p?.userErrors?.length)?.userErrors ?? [];
  return {
    fields: userErrors.map((e) => (e.field?.[0] === 'input' ? e.field.slice(1) : (e.field ?? [])).join('.') || '(input)').sort(),
    codes: userErrors.map((e) => e.code ?? ''),
    message: userErrors[0]?.message,
  };
}

/** A caller signed in at a plugin's endpoint (e.g. a partner at `/partner/graphql`), over real HTTP. */
export interface EndpointClient {
  url: string;
  /** The Authorization value it sends. */
  authorization: string;
  /** The refresh token of its sign-in. */
  refreshToken: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The URL of the endpoint a plugin serves at `path` (e.g. `/partner/graphql`) on a test server. */
export function endpointUrl(server: Pick<TestServer, 'url'>, path: string): string {
  return new URL(path, server.url).toString();
}

/** One GraphQL POST with an optional Authorization value: the status and the body. */
export async function postGraphQL<T = any>(url: string, query: string, variables?: Record<string, unknown>, authorization?: string): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const { status, body } = await post<T>(url, { query, variables }, authorization ? { authorization } : {});
  return { status, body };
}

const ENDPOINT_LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';

/**
 * Signs in with e-mail and password through the `login` mutation of the endpoint at `url` (a
 * principal kind's endpoint: core's session service answers it) and returns a client sending its token.
 */
export async function signInAt(url: string, email: string, password: string): Promise<EndpointClient> {
  const { body } = await postGraphQL(url, ENDPOINT_LOGIN, { input: { email, password } });
  if (!body.data?.login) throw new Error(`Cannot sign in at ${url} as ${email}: ${JSON.stringify(body.errors)}`);
  const authorization = `Bearer ${body.data.login.accessToken}`;
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => (await postGraphQL<T>(url, query, variables, authorization)).body;
  return {
    url,
    authorization,
    refreshToken: body.data.login.refreshToken,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
  };
}
