import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, emitAlerts, loadConfig, ManualClock, openDatabase, type DatabaseOptions } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { createApp } from '@rapport/server';
import { databaseKinds, TEST_NOW } from './support/harness.js';

const kinds = await databaseKinds();

describe.each(kinds)('alerts across a restart on %s', (kind) => {
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

  it('fires after start the alerts that came due while the server was down, once', async () => {
    const options = await storage();
    const clock = new ManualClock(TEST_NOW);
    const config = loadConfig({ NODE_ENV: 'test', RAPPORT_AUTH_SECRET: 'restart-test-secret-0123456789abcdef' });

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
    const after = createApp({ config, db: second, clock });
    try {
      expect(await after.alerts.fireDue()).toBe(3);
      expect(await after.alerts.fireDue()).toBe(0);
      const fired = await second.prisma.alert.findMany({ where: { recipientId: user.id } });
      expect(fired.every((a) => a.firedAt?.getTime() === clock.now().getTime())).toBe(true);
    } finally {
      await after.close();
    }
  });
});
