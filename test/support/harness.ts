import {
  applyMigrations,
  loadConfig,
  ManualClock,
  openDatabase,
  seedDemoData,
  type Clock,
  type Database,
  type EnabledPlugin,
  type RapportConfig,
} from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { createApp, type RapportApp } from '@rapport/server';

export type DatabaseKind = 'pglite' | 'postgres';

/** Database kinds the GraphQL suites run on: always embedded; PostgreSQL when available (required on CI). */
export async function databaseKinds(): Promise<DatabaseKind[]> {
  const probe = await createTestDatabase('rapport_probe');
  if (!probe) return ['pglite'];
  await probe.drop();
  return ['pglite', 'postgres'];
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: Array<{ field: string; message: string }>; [k: string]: unknown } }>;
}

export interface TestServer {
  url: string;
  app: RapportApp;
  db: Database;
  config: RapportConfig;
  clock: ManualClock;
  /** SQL statements sent since the last `statements.length = 0`. */
  statements: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql but fails the test on any error; returns data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  database: DatabaseKind;
  plugins?: EnabledPlugin[];
  /** Demo customers to seed (0 seeds nothing, not even users). */
  customers?: number;
  clock?: ManualClock;
  env?: Record<string, string>;
}

export const TEST_NOW = '2026-11-02T09:00:00Z';

/** A real server on a random port, over a fresh database, queried by real HTTP requests. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const clock = options.clock ?? new ManualClock(TEST_NOW);
  const pg = options.database === 'postgres' ? await createTestDatabase() : null;
  if (options.database === 'postgres' && !pg) throw new Error('PostgreSQL is not available for this suite');
  const statements: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...options.env });
  const db = await openDatabase({
    databaseUrl: pg?.url,
    dataDir: 'memory://',
    onQuery: (sql) => statements.push(sql),
  });
  await applyMigrations(db.migrationTarget);
  if (options.customers) await seedDemoData(db.prisma, { customers: options.customers, now: clock.now(), seed: 7 });
  const app = createApp({ config, db, plugins: options.plugins ?? [], clock: clock as Clock });
  const url = await app.listen(0, '127.0.0.1');
  statements.length = 0;

  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return {
    url,
    app,
    db,
    config,
    clock,
    statements,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
    async close() {
      await app.close();
      await pg?.drop();
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
