/**
 * Live-alert benchmark. N WebSocket subscribers (each its own user) on one server instance; M
 * alerts come due; prints fire-to-receipt latency p50/p99, deliveries, duplicates, losses, client
 * retries and the server's memory. The server, the subscriber fleet and this coordinator are
 * separate processes. Exits 1 when any subscriber never got through or any delivery was lost or
 * duplicated: a benchmark that loses alerts has failed, whatever its latency.
 * Usage: npm run bench:alerts -- [--subscribers 1000] [--alerts N] [--keep-db]
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations, openDatabase } from '@rapport/core';
import { signAccessToken } from '../packages/core/src/auth/tokens.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-alerts-secret-0123456789abcdef0123';
const FLEET_FLAG = '--subscriber-fleet';

interface FleetReport {
  /** Subscribers whose socket was acknowledged at least once. */
  connected: number;
  /** Reconnection attempts the clients made (graphql-ws retries, as a real client does). */
  retries: number;
  /** Subscriptions that ended in an error after their retries: they are lost. */
  failed: number;
  /** Per alert id: its title and the latency of every copy received. */
  received: Record<string, { title: string; subscriber: number; latencies: number[] }>;
}

// ---------------------------------------------------------------------------------------------
// Subscriber fleet (child process): opens the sockets, records when each alert arrives.

async function runFleet(url: string, tokens: string[]): Promise<void> {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  const report: FleetReport = { connected: 0, retries: 0, failed: 0, received: {} };
  for (const [subscriber, token] of tokens.entries()) {
    let acknowledged = false;
    // As a deployed client would be: retry a refused or reset connection with graphql-ws's
    // randomised back-off, re-subscribing on each new socket.
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 10,
      shouldRetry: () => true,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    client.on('connecting', (isRetry) => {
      if (isRetry) report.retries += 1;
    });
    client.on('connected', () => {
      if (!acknowledged) report.connected += 1;
      acknowledged = true;
    });
    client.subscribe<{ alerts: { id: string; title: string; firedAt: string } }>(
      { query: 'subscription { alerts { id title firedAt } }' },
      {
        next: ({ data }) => {
          if (!data) return;
          const entry = (report.received[data.alerts.id] ??= { title: data.alerts.title, subscriber, latencies: [] });
          entry.latencies.push(Date.now() - Date.parse(data.alerts.firedAt));
        },
        error: (error) => {
          report.failed += 1;
          process.send!({ error: String((error as Error)?.message ?? (error as { code?: number })?.code ?? error) });
        },
        complete: () => {},
      },
    );
  }
  process.on('message', (message: string) => {
    if (message === 'report') process.send!(report);
  });
}

// ---------------------------------------------------------------------------------------------
// Coordinator

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function prepareDatabase(adminUrl: string, name: string, subscribers: number) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  await applyMigrations(db.migrationTarget);
  // Users and sessions in bulk; tokens are minted here rather than by N slow password sign-ins.
  const users = await db.prisma.$queryRaw<Array<{ id: string; sid: string }>>`
    WITH u AS (
      INSERT INTO "User" ("id", "email", "name", "role", "updatedAt")
      SELECT gen_random_uuid(), 'rep' || i || '@bench.local', 'Bench Rep ' || i, 'SALES', now()
      FROM generate_series(1, ${subscribers}::int) AS i RETURNING "id"
    ), s AS (
      INSERT INTO "AuthSession" ("id", "userId") SELECT gen_random_uuid(), "id" FROM u RETURNING "id", "userId"
    )
    SELECT "userId"::text AS id, "id"::text AS sid FROM s`;
  return { db, url: url.toString(), users };
}

function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  // node itself (not the tsx wrapper) so the pid measured is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_AUTH_SECRET: SECRET,
      RAPPORT_ALERT_INTERVAL_MS: '50',
      RAPPORT_RATE_LIMIT: '1000000',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function ask(fleet: ChildProcess): Promise<FleetReport> {
  return new Promise((resolve) => {
    const onMessage = (m: FleetReport | { error: string }) => {
      if ('error' in m) return; // counted in the report as failed
      fleet.off('message', onMessage);
      resolve(m);
    };
    fleet.on('message', onMessage);
    fleet.send('report');
  });
}

/** The subscribers (by index) that received an alert whose title starts with `tag`, with copies. */
function receivedBy(report: FleetReport, tag: string): Map<number, number> {
  const copies = new Map<number, number>();
  for (const entry of Object.values(report.received)) {
    if (entry.title.startsWith(`${tag} `)) copies.set(entry.subscriber, (copies.get(entry.subscriber) ?? 0) + entry.latencies.length);
  }
  return copies;
}

async function waitFor(fleet: ChildProcess, done: (r: FleetReport) => boolean, timeoutMs: number): Promise<FleetReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await ask(fleet);
    if (done(report) || Date.now() > deadline) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D/g, '') ?? 0) / 1024);
}

async function emit(db: Awaited<ReturnType<typeof openDatabase>>, users: Array<{ id: string }>, count: number, tag: string) {
  const ids = Array.from({ length: count }, (_, i) => users[i % users.length]!.id);
  if (ids.length === 0) return;
  await db.prisma.$executeRaw`
    INSERT INTO "Alert" ("id", "recipientId", "kind", "title", "fireAt", "dedupeKey")
    SELECT gen_random_uuid(), r::uuid, 'TASK_DUE_SOON', ${tag} || ' ' || n, now(), ${tag} || ':' || n || ':' || ${randomUUID()}
    FROM unnest(${ids}::text[]) WITH ORDINALITY AS t(r, n)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      alerts: { type: 'string' },
      'keep-db': { type: 'boolean', default: false },
    },
  });
  const subscribers = Number(values.subscribers);
  const alerts = Number(values.alerts ?? subscribers);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  // Unique per run: two runs on one PostgreSQL must not drop each other's database.
  const name = `rapport_bench_alerts_${process.pid}`;
  console.log(`Preparing ${subscribers} users…`);
  const { db, url, users } = await prepareDatabase(adminUrl, name, subscribers);
  console.log('Starting the server…');
  const port = await freePort();
  const server = await startServer(url, port);
  console.log('Opening subscriptions…');
  const expiresAt = new Date(Date.now() + 3_600_000);
  const tokens = users.map((u) => signAccessToken({ userId: u.id, sessionId: u.sid, expiresAt }, SECRET, new Date()));
  const fleet = fork(fileURLToPath(import.meta.url), [FLEET_FLAG, `ws://127.0.0.1:${port}/graphql`], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve) => fleet.once('message', resolve));
  fleet.send(tokens);
  let failures: string[] = [];
  try {
    const connected = await waitFor(fleet, (r) => r.connected === subscribers, 120_000);
    console.log(`${connected.connected}/${subscribers} subscribers connected (${connected.retries} retries); warming up…`);
    // "Subscribed" means a first message received: warm up each subscriber until it has heard one
    // (a connection ack comes before the server has registered the subscription).
    let warm = receivedBy(connected, 'warmup');
    for (let round = 1; warm.size < subscribers && round <= 20; round++) {
      const missing = users.filter((_, i) => !warm.has(i));
      await emit(db, missing, missing.length, `warmup`);
      const report = await waitFor(fleet, (r) => receivedBy(r, 'warmup').size === subscribers, 5_000);
      warm = receivedBy(report, 'warmup');
    }
    console.log(`warm-up: ${warm.size}/${subscribers} subscriptions live`);

    const start = Date.now();
    await emit(db, users, alerts, 'measured');
    const perSubscriber = Array.from({ length: subscribers }, (_, i) => Math.floor(alerts / subscribers) + (i < alerts % subscribers ? 1 : 0));
    const report = await waitFor(fleet, (r) => Object.values(r.received).filter((e) => e.title.startsWith('measured ')).length >= alerts, 60_000);
    const measured = Object.values(report.received).filter((e) => e.title.startsWith('measured '));
    const latencies = measured.map((e) => e.latencies[0]!).sort((x, y) => x - y);
    const deliveries = measured.reduce((n, e) => n + e.latencies.length, 0);
    const duplicates = Object.values(report.received).reduce((n, e) => n + e.latencies.length - 1, 0);
    const lost = alerts - measured.length;
    const short = receivedBy(report, 'measured');
    const starved = perSubscriber.filter((want, i) => (short.get(i) ?? 0) < want).length;
    console.log('\nsubscribers connected retries  alerts  delivered  duplicates  lost  p50 ms  p99 ms  max ms  wall s  server RSS MiB');
    console.log(
      [subscribers, report.connected, report.retries, alerts, deliveries, duplicates, lost, percentile(latencies, 50), percentile(latencies, 99), latencies.at(-1), ((Date.now() - start) / 1000).toFixed(1), rssMiB(server.pid!)]
        .map((v) => String(v).padStart(10))
        .join(' '),
    );
    failures = [
      ...(report.connected < subscribers ? [`${subscribers - report.connected} subscribers never connected`] : []),
      ...(report.failed ? [`${report.failed} subscriptions failed after their retries`] : []),
      ...(warm.size < subscribers ? [`${subscribers - warm.size} subscriptions never went live`] : []),
      ...(lost ? [`${lost} alerts lost`] : []),
      ...(starved ? [`${starved} subscribers short of their alerts`] : []),
      ...(duplicates ? [`${duplicates} duplicate deliveries`] : []),
    ];
  } finally {
    fleet.kill();
    server.kill('SIGTERM');
    await db.close();
    if (!values['keep-db']) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  if (failures.length) {
    console.error(`bench:alerts FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

if (process.argv.includes(FLEET_FLAG)) {
  const url = process.argv[process.argv.indexOf(FLEET_FLAG) + 1]!;
  process.once('message', (tokens: string[]) => void runFleet(url, tokens));
  process.send!('ready');
} else {
  main().catch((error: Error) => {
    console.error(`bench:alerts: ${error.message}`);
    process.exit(1);
  });
}
