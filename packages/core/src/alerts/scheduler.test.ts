import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase, type Database } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { createTestDatabase } from '../testing/postgres.js';
import { InProcessAlertBus, type FiredAlert } from './bus.js';
import { AlertScheduler } from './scheduler.js';
import { emitAlerts } from './service.js';

const postgres = await createTestDatabase('rapport_alerts');
afterAll(() => postgres?.drop());

const targets: Array<[string, string | undefined]> = [['pglite', undefined], ...(postgres ? [['postgres', postgres.url] as [string, string]] : [])];

describe.each(targets)('AlertScheduler on %s', (kind, databaseUrl) => {
  const clock = new ManualClock('2026-05-01T09:00:00Z');
  let db: Database;
  let recipientId: string;

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl, dataDir: 'memory://' });
    await applyMigrations(db.migrationTarget);
    recipientId = (await db.prisma.user.create({ data: { email: `r-${kind}@x.test`, name: 'Rita Rep' } })).id;
  });
  afterAll(() => db?.close());

  const alerts = (count: number, prefix: string, fireAt: Date) =>
    Array.from({ length: count }, (_, i) => ({
      recipientId,
      kind: 'TASK_DUE_SOON',
      title: `Call customer ${i}`,
      fireAt,
      dedupeKey: `${prefix}:${i}`,
    }));

  it('fires only what is due, each once, and what came due while nothing ran', async () => {
    const bus = new InProcessAlertBus();
    const received: FiredAlert[] = [];
    bus.subscribe(recipientId, (a) => received.push(a));
    const scheduler = new AlertScheduler({ prisma: db.prisma, bus, clock, batchSize: 7 });

    await emitAlerts(db.prisma, alerts(20, 'due', new Date('2026-05-01T08:00:00Z')), clock.now());
    await emitAlerts(db.prisma, alerts(5, 'later', new Date('2026-05-01T10:00:00Z')), clock.now());
    expect(await emitAlerts(db.prisma, alerts(20, 'due', new Date('2026-05-01T08:00:00Z')), clock.now())).toBe(0);

    expect(await scheduler.fireDue()).toBe(20);
    expect(await scheduler.fireDue()).toBe(0);
    clock.set('2026-05-01T10:00:00Z');
    expect(await scheduler.fireDue()).toBe(5);
    expect(new Set(received.map((a) => a.id)).size).toBe(25);
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((a: any) => !(a.firedAt instanceof Date && a.recipientId === recipientId))).toEqual([]);
  });

  it('publishes what the bus refused on the next pass, each once, and says so in the log', async () => {
    clock.set('2026-05-03T09:00:00Z');
    const received: FiredAlert[] = [];
    let refuse = true;
    const bus = new (class extends InProcessAlertBus {
      override async publish(fired: FiredAlert[]): Promise<void> {
        if (refuse) throw new Error('bus down');
        return super.publish(fired);
      }
    })();
    bus.subscribe(recipientId, (a) => received.push(a));
    const log: string[] = [];
    const scheduler = new AlertScheduler({ prisma: db.prisma, bus, clock, log: (line) => log.push(line) });
    await emitAlerts(db.prisma, alerts(3, 'outage', new Date('2026-05-03T08:00:00Z')), clock.now());

    expect(await scheduler.fireDue()).toBe(0);
    expect(log).toEqual(['alert scheduler: publishing 3 alerts failed, retrying on the next pass: bus down']);
    expect(received).toEqual([]);
    refuse = false;
    expect(await scheduler.fireDue()).toBe(3);
    expect(await scheduler.fireDue()).toBe(0);
    expect(received.map((a) => a.title).sort()).toEqual(['Call customer 0', 'Call customer 1', 'Call customer 2']);
  });

  it("fires a deactivated recipient's alerts without pushing them", async () => {
    clock.set('2026-05-04T09:00:00Z');
    const inactive = (await db.prisma.user.create({ data: { email: `gone-${kind}@x.test`, name: 'Gone', active: false } })).id;
    const bus = new InProcessAlertBus();
    const received: FiredAlert[] = [];
    bus.subscribe(inactive, (a) => received.push(a));
    const scheduler = new AlertScheduler({ prisma: db.prisma, bus, clock });
    await emitAlerts(db.prisma, [{ recipientId: inactive, kind: 'TASK_DUE_SOON', title: 'Left behind', fireAt: clock.now(), dedupeKey: 'gone:1' }], clock.now());
    expect(await scheduler.fireDue()).toBe(1);
    expect(received).toEqual([]);
    expect((await db.prisma.alert.findFirstOrThrow({ where: { dedupeKey: 'gone:1' } })).firedAt).not.toBeNull();
  });

  it('runs passes on its interval once started (twice is once), and none after stop', async () => {
    clock.set('2026-05-05T09:00:00Z');
    const bus = new InProcessAlertBus();
    const received: FiredAlert[] = [];
    bus.subscribe(recipientId, (a) => received.push(a));
    const scheduler = new AlertScheduler({ prisma: db.prisma, bus, clock, intervalMs: 20 });
    await emitAlerts(db.prisma, alerts(2, 'timer', clock.now()), clock.now());
    scheduler.start();
    scheduler.start();
    for (let i = 0; i < 250 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(2);
    await scheduler.stop();
    await emitAlerts(db.prisma, alerts(1, 'after-stop', clock.now()), clock.now());
    // The next pass someone runs fires it: no timer took it meanwhile.
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(2);
    expect(await scheduler.fireDue()).toBe(1);
  });

  it.skipIf(kind !== 'postgres')('lets four instances fire 1000 alerts exactly once between them', async () => {
    clock.set('2026-05-02T09:00:00Z');
    await emitAlerts(db.prisma, alerts(1000, 'burst', new Date('2026-05-02T08:59:00Z')), clock.now());
    const instances = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ databaseUrl, poolSize: 3 })));
    try {
      const seen: string[] = [];
      const schedulers = instances.map((instance) => {
        const bus = new InProcessAlertBus();
        bus.subscribe(recipientId, (a) => seen.push(a.id));
        return new AlertScheduler({ prisma: instance.prisma, bus, clock, batchSize: 50 });
      });
      const counts = await Promise.all(schedulers.map((s) => s.fireDue()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(seen).toHaveLength(1000);
      expect(new Set(seen).size).toBe(1000);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
