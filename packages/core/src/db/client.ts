import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client.js';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { MigrationTarget } from './migrate.js';
import { cachedTableWritten, registerChanges, TableChanges, type CachedTable } from './changes.js';

export type { PrismaClient };

/**
 * Columns no read needs back: the customer's search key and tokens (customers/search.ts) are only
 * ever filtered on, and a row carries some thirty tokens that the driver and Prisma would parse on
 * every customer read (the graph's reads select whole rows). Left out of every result unless a query
 * selects them by name (Prisma's global `omit`).
 */
const OMITTED_FROM_RESULTS = { customer: { searchKey: true, searchTokens: true } } as const;

/**
 * The client with the omitted columns. Typed as the plain client: its result types still list them,
 * though they are absent unless selected (nothing reads them).
 */
function prismaClient(adapter: SqlDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter, omit: OMITTED_FROM_RESULTS }) as unknown as PrismaClient;
}

export interface Database {
  prisma: PrismaClient;
  /**
   * Where read-heavy reports and exports read: a client on the read replica when `replicaUrl` was
   * given, else `prisma` itself. Reads only (a hot standby refuses writes), and it may lag behind the
   * primary, so nothing that must see the request's own writes reads through it.
   */
  reportPrisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  migrationTarget: MigrationTarget;
  /** Connection pool figures (PostgreSQL); the embedded database has one connection and none. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Embedded data folder, or `memory://` for an in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** With `memory://`: start from this dump (PGlite's `dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Called with every SQL statement sent and its parameters (tests count statements with it). */
  onQuery?: (sql: string, args: readonly unknown[]) => void;
  /** A PostgreSQL read replica of `databaseUrl` for `reportPrisma` (DATABASE_REPLICA_URL). */
  replicaUrl?: string | undefined;
  /** Called with every statement sent to the replica (tests tell which database a report read). */
  onReplicaQuery?: (sql: string, args: readonly unknown[]) => void;
}

/** A connection string fit for logs and errors: the password is never shown. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (unparsable)';
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.replicaUrl && !options.databaseUrl) throw new Error('A read replica (DATABASE_REPLICA_URL) needs DATABASE_URL: the embedded database has none');
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : openEmbedded(options.dataDir ?? path.join('.data', 'pglite'), options);
}

async function openPostgres(connectionString: string, options: DatabaseOptions): Promise<Database> {
  const max = options.poolSize ?? 10;
  // Our own pool (ended with the client) so its figures can be reported.
  const pool = new pg.Pool({ connectionString, max });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const changes = new TableChanges();
  const prisma = prismaClient(observed(adapter, options.onQuery, changes));
  registerChanges(prisma, changes);
  const replica = options.replicaUrl ? openReplica(options.replicaUrl, max, options.onReplicaQuery, changes) : null;
  return {
    prisma,
    reportPrisma: replica?.prisma ?? prisma,
    kind: 'postgres',
    migrationTarget: { kind: 'postgres', connectionString },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    async close() {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
      await replica?.close();
    },
  };
}

/**
 * The report client on the replica: its own pool, the same result shape (omitted columns) and the
 * primary's change feed, so a per-client cache read through it is dropped on the primary's writes too.
 */
function openReplica(connectionString: string, max: number, onQuery: DatabaseOptions['onQuery'], changes: TableChanges) {
  const pool = new pg.Pool({ connectionString, max });
  const prisma = prismaClient(observed(new PrismaPg(pool, { disposeExternalPool: true }), onQuery, new TableChanges()));
  registerChanges(prisma, changes);
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    },
  };
}

async function openEmbedded(dataDir: string, options: DatabaseOptions): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  // PGlite.create fails with ENOENT when the parent folder is missing.
  if (!inMemory) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const unlock = inMemory ? async () => {} : await lockDataDir(dataDir);
  const pglite = await (inMemory ? PGlite.create({ loadDataDir: options.loadDataDir }) : PGlite.create(dataDir)).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const changes = new TableChanges();
  const prisma = prismaClient(observed(new PrismaPGlite(pglite), options.onQuery, changes));
  registerChanges(prisma, changes);
  return {
    prisma,
    reportPrisma: prisma,
    kind: 'pglite',
    migrationTarget: { kind: 'pglite', pglite },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await unlock();
    },
  };
}

function observed(factory: SqlDriverAdapterFactory, onQuery: DatabaseOptions['onQuery'], changes: TableChanges): SqlDriverAdapterFactory {
  return observe(factory, onQuery ?? (() => {}), changes, null);
}

/**
 * Wraps a driver adapter (and the connections and transactions it opens) to report each statement
 * (the BEGIN a transaction starts with included) and the writes to cached tables (see changes.ts):
 * at once outside a transaction, on commit inside one.
 */
function observe<T extends object>(target: T, onQuery: (sql: string, args: readonly unknown[]) => void, changes: TableChanges, written: Set<CachedTable> | null): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return async (query: { sql: string; args?: readonly unknown[] }) => {
          onQuery(query.sql, query.args ?? []);
          const table = cachedTableWritten(query.sql);
          if (!table) return value.call(object, query);
          written?.add(table);
          try {
            return await value.call(object, query);
          } finally {
            if (!written) changes.emit(new Set([table]));
          }
        };
      }
      if (property === 'connect') {
        return async (...args: unknown[]) => observe(await value.apply(object, args), onQuery, changes, null);
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => {
          onQuery('BEGIN', []);
          return observe(await value.apply(object, args), onQuery, changes, new Set());
        };
      }
      if (property === 'commit' && written) {
        return async () => {
          // With a phantom query the engine sends no COMMIT itself: the adapter's commit() does.
          if ((object as { options?: { usePhantomQuery?: boolean } }).options?.usePhantomQuery) onQuery('COMMIT', []);
          await value.call(object);
          changes.emit(written);
        };
      }
      return value.bind(object);
    },
  });
}
