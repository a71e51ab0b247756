import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { applyMigrations, emitAlerts, InProcessAlertBus, loadConfig, ManualClock, openDatabase, type DatabaseOptions, type FiredAlert } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { createApp } from '@rapport/server';
import { databaseKinds, describeOnDatabases, TEST_NOW } from './support/harness.js';

const kinds = await databaseKinds();

/** The in-process bus, keeping a record of every alert published on it. */
class RecordingBus extends InProcessAlertBus {
  readonly published: FiredAlert[] = [];
  override async publish(alerts: FiredAlert[]): Promise<void> {
    this.published.push(...alerts);
    await super.publish(alerts);
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeOnDatabases(kinds)('alerts across a restart on %s', (kind) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  async function storage(): Promise<DatabaseOptions> {
    if (kind === 'postgres') {
      const pg = (await createTestDatabase('rapport_restart'))!;
      cleanup.push(pg.drop);
      return { databaseUrl: pg.url };
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-restart-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return { dataDir: path.join(dir, 'pglite') };
  }

  // Two databases opened and migrated on disk: slow on a busy machine, so a generous limit that only catches a hang.
  it('fires after start the alerts that came due while the server was down, once', { timeout: 180_000 }, async () => {
    const options = await storage();
    const clock = new ManualClock(TEST_NOW);
    // The server's own loops on short intervals, as `npm start` runs them.
    const config = loadConfig({ NODE_ENV: 'test', RAPPORT_AUTH_SECRET: 'restart-test-secret-0123456789abcdef', RAPPORT_ALERT_INTERVAL_MS: '50', RAPPORT_JOB_TICK_MS: '50' });

    const first = await openDatabase(options);
    await applyMigrations(first.migrationTarget);
    const user = await first.prisma.user.create({ data: { email: 'rep@demo.local', name: 'Rita Rep' } });
    const inTenMinutes = new Date(clock.now().getTime() + 10 * 60_000);
    await emitAlerts(
      first.prisma,
      [1, 2, 3].map((i) => ({ recipientId: user.id, kind: 'TASK_DUE_SOON', title: `Call ${i}`, fireAt: inTenMinutes, dedupeKey: `restart-${i}` })),
      clock.now(),
    );
    const before = createApp({ config, db: first, clock });
    expect(await before.alerts.fireDue()).toBe(0);
    await before.close();

    clock.advance(60 * 60_000);
    const second = await openDatabase(options);
    await applyMigrations(second.migrationTarget);
    const bus = new RecordingBus();
    const after = createApp({ config, db: second, clock, alertBus: bus, runJobs: true });
    try {
      // Nobody calls fireDue: starting the server starts the scheduler, which finds what came due.
      await after.listen(0, '127.0.0.1');
      const unfired = () => second.prisma.alert.count({ where: { recipientId: user.id, firedAt: null } });
      await until(async () => (await unfired()) === 0, 'the scheduler to fire the alerts due during the downtime');
      // A pass queued after the one that fired them finds nothing more: each was published once.
      expect(await after.alerts.fireDue()).toBe(0);
      expect(bus.published.map((a) => a.title).sort()).toEqual(['Call 1', 'Call 2', 'Call 3']);
      const fired = await second.prisma.alert.findMany({ where: { recipientId: user.id } });
      expect(fired.map((a) => a.firedAt?.toISOString())).toEqual([1, 2, 3].map(() => clock.now().toISOString()));
    } finally {
      await after.close();
    }
  });
});
