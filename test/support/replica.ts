// A throw-away PostgreSQL primary and a hot-standby replica streaming from it, each its own cluster
// (initdb, pg_basebackup -R) on a free local port, created and removed by the test that needs them.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops replaying WAL on the replica (it keeps answering, from what it has): `resume()` goes on. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Where initdb, pg_ctl and pg_basebackup are: PG_BIN, else `pg_config --bindir`; null when absent. */
export async function postgresBinaries(): Promise<string | null> {
  const candidates = [process.env.PG_BIN, await exec('pg_config', ['--bindir']).then((r) => r.stdout.trim(), () => undefined)];
  return candidates.find((dir): dir is string => !!dir && ['initdb', 'pg_ctl', 'pg_basebackup'].every((tool) => existsSync(path.join(dir, tool)))) ?? null;
}

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

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL refuses to run as root: as root, the clusters belong to (and run as) the `postgres`
 * user, as a packaged server's do.
 */
async function asServerUser(bin: string): Promise<{ run: (tool: string, args: string[]) => Promise<void>; own: (dir: string) => Promise<void> }> {
  const root = process.getuid?.() === 0;
  const ids = root ? await exec('id', ['-u', 'postgres']).then(async (u) => ({ uid: Number(u.stdout), gid: Number((await exec('id', ['-g', 'postgres'])).stdout) })) : null;
  return {
    run: async (tool, args) => {
      const [command, full] = ids ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
      await exec(command as string, full as string[], { timeout: 120_000 });
    },
    own: async (dir) => {
      if (ids) await chown(dir, ids.uid, ids.gid);
    },
  };
}

export async function startStreamingPair(bin: string): Promise<StreamingPair> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-replica-'));
  const user = await asServerUser(bin);
  await user.own(dir);
  const [primaryDir, replicaDir] = [path.join(dir, 'primary'), path.join(dir, 'replica')];
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const start = async (data: string, port: number) => {
    // Local sockets in the temp folder, TCP on 127.0.0.1 only; fsync off: a test cluster.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on`;
    await user.run('pg_ctl', ['-D', data, '-l', `${data}.log`, '-o', options, '-w', '-t', '120', 'start']);
    started.push(data);
  };
  const stop = async () => {
    for (const data of started.reverse()) await user.run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await user.run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    await start(primaryDir, primaryPort);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming hot standby.
    await user.run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    await start(replicaDir, replicaPort);
  } catch (error) {
    await stop();
    throw error;
  }
  const primaryUrl = `postgresql://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgresql://postgres@127.0.0.1:${replicaPort}/postgres`;
  const pauseState = async () => (await query<{ state: string }>(replicaUrl, 'SELECT pg_get_wal_replay_pause_state() AS state'))[0]!.state;
  return {
    primaryUrl,
    replicaUrl,
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = (await query<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn')) as [{ lsn: string }];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await query<{ done: boolean }>(replicaUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
        if (row?.done) return;
        if (Date.now() > deadline) throw new Error(`replica has not replayed up to ${lsn} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async pause() {
      await query(replicaUrl, 'SELECT pg_wal_replay_pause()');
      while ((await pauseState()) !== 'paused') await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async resume() {
      await query(replicaUrl, 'SELECT pg_wal_replay_resume()');
    },
    stop,
  };
}
