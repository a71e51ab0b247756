// DATABASE_REPLICA_URL made real: a PostgreSQL primary and a hot standby streaming from it (two local
// clusters this test creates with initdb and pg_basebackup, and removes). Reports and exports read the
// replica; everything else, and every write, the primary. Pausing the replica's replay makes the two
// differ, which shows which one a read went to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import { requireServices, startTestServer, type TestServer } from '@rapport/core/testing';
import servicePlugin from '@rapport/plugin-service';
import { postgresBinaries, startStreamingPair, type StreamingPair } from './support/replica.js';

const bin = await postgresBinaries();
if (!bin && requireServices()) throw new Error('PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are required (REQUIRE_SERVICES=1): set PG_BIN');
if (!bin) console.warn('[skip] read replica test: no initdb/pg_ctl/pg_basebackup (set PG_BIN)');

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code } } }`;
const COUNTS = '{ customers { totalCount } customerStats { total byTier { tier count } } }';
const REQUEST_EXPORT = `mutation($input: RequestExportInput!) { requestExport(input: $input) { link { path } userErrors { field code } } }`;

describe.runIf(bin)('reports on a streaming read replica', () => {
  let pair: StreamingPair;
  let server: TestServer;

  beforeAll(async () => {
    pair = await startStreamingPair(bin!);
    const plugins = resolvePlugins([servicePlugin], ['service']);
    server = await startTestServer({ database: 'postgres', plugins, customers: 12, existing: { databaseUrl: pair.primaryUrl, replicaUrl: pair.replicaUrl } });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now(), seed: 3 });
    await pair.caughtUp();
  });
  afterAll(async () => {
    await server?.close();
    await pair?.stop();
  });

  it('streams: the replica is a read-only hot standby with the primary’s rows', async () => {
    expect(server.db.reportPrisma).not.toBe(server.db.prisma);
    const [{ standby }] = await server.db.reportPrisma.$queryRaw<[{ standby: boolean }]>`SELECT pg_is_in_recovery() AS standby`;
    expect(standby).toBe(true);
    await expect(server.db.reportPrisma.$executeRaw`CREATE TABLE "NotHere" (id int)`).rejects.toThrow(/read-only/);
    expect(await server.db.reportPrisma.customer.count()).toBe(await server.db.prisma.customer.count());
  });

  it('customerStats reads the replica, the customer list and every write the primary', async () => {
    const before = await server.ok(COUNTS);
    expect(before.customerStats.total).toBe(before.customers.totalCount);
    await pair.pause();
    try {
      server.statements.length = 0;
      server.replicaStatements.length = 0;
      const created = await server.ok(CREATE, { input: { name: '复制延迟测试有限公司', tier: 'A' } });
      expect(created.createCustomer.userErrors).toEqual([]);
      expect(server.replicaStatements).toEqual([]);
      const lagging = await server.ok(COUNTS);
      // The list (primary) sees the new customer at once; the report (replica, replay paused) not yet.
      expect(lagging.customers.totalCount).toBe(before.customers.totalCount + 1);
      expect(lagging.customerStats.total).toBe(before.customerStats.total);
      expect(lagging.customerStats.byTier).toEqual(before.customerStats.byTier);
      expect(server.replicaStatements.length).toBeGreaterThan(0);
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
    const after = await server.ok(COUNTS);
    expect(after.customerStats.total).toBe(after.customers.totalCount);
  });

  it('the same row rules on the replica: a rep’s report counts only what the rep may see', async () => {
    const rep = server.as('rep@demo.local');
    const counts = await rep.ok(COUNTS);
    expect(counts.customerStats.total).toBe(counts.customers.totalCount);
    const all = await server.ok(COUNTS);
    expect(counts.customerStats.total).toBeLessThan(all.customerStats.total);
  });

  it('activityStats reads the replica', async () => {
    server.replicaStatements.length = 0;
    const data = await server.ok('query($from: DateTime!, $to: DateTime!) { activityStats(from: $from, to: $to) { rep { id } } }', {
      from: '2026-10-01T00:00:00Z',
      to: '2026-11-02T00:00:00Z',
    });
    expect(Array.isArray(data.activityStats)).toBe(true);
    expect(server.replicaStatements.length).toBeGreaterThan(0);
  });

  it('a plugin’s report (ticketMetrics) reads the replica through ctx.reportDb', async () => {
    const METRICS = '{ ticketMetrics { overall { tickets open } } }';
    const before = (await server.ok(METRICS)).ticketMetrics.overall;
    expect(before.tickets).toBeGreaterThan(0);
    await pair.pause();
    try {
      // On the primary only, for now: close every open ticket.
      await server.db.prisma.$executeRaw`UPDATE "Ticket" SET status = 'CLOSED' WHERE status IN ('NEW', 'OPEN', 'PENDING')`;
      server.replicaStatements.length = 0;
      expect((await server.ok(METRICS)).ticketMetrics.overall).toEqual(before);
      expect(server.replicaStatements.length).toBeGreaterThan(0);
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
    expect((await server.ok(METRICS)).ticketMetrics.overall).toEqual({ tickets: before.tickets, open: 0 });
  });

  it('an export’s rows are read from the replica; the export record on the primary', async () => {
    await pair.pause();
    try {
      await server.ok(CREATE, { input: { name: '导出只读副本测试公司' } });
      const requested = await server.ok(REQUEST_EXPORT, { input: { entity: 'CUSTOMER', format: 'CSV' } });
      expect(requested.requestExport.userErrors).toEqual([]);
      const csv = await (await fetch(new URL(requested.requestExport.link.path, server.url))).text();
      expect(csv).toContain('复制延迟测试有限公司');
      expect(csv).not.toContain('导出只读副本测试公司');
    } finally {
      await pair.resume();
    }
    await pair.caughtUp();
    const again = await server.ok(REQUEST_EXPORT, { input: { entity: 'CUSTOMER', format: 'CSV' } });
    expect(await (await fetch(new URL(again.requestExport.link.path, server.url))).text()).toContain('导出只读副本测试公司');
  });
});
