import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase, type Database } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import { definePlugin, pluginJobs, resolvePlugins } from '../plugin.js';
import { createTestDatabase } from '../testing/postgres.js';
import { JobRunner, retryDelayMs, type JobDefinition } from './runner.js';

const postgres = await createTestDatabase('rapport_jobs');

const targets: Array<[string, string | undefined]> = [['pglite', undefined], ...(postgres ? [['postgres', postgres.url] as [string, string]] : [])];

describe.each(targets)('JobRunner on %s', (_kind, databaseUrl) => {
  let db: Database;
  const clock = new ManualClock('2026-03-01T08:00:00Z');
  const runs: string[] = [];
  const job: JobDefinition = { name: 'test.count', everyMs: 60_000, run: async () => void runs.push(clock.now().toISOString()) };

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl, dataDir: 'memory://' });
    await applyMigrations(db.migrationTarget);
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs a job on one of several instances per interval, and again once the interval has passed', async () => {
    const runners = [1, 2, 3].map(() => new JobRunner({ prisma: db.prisma, clock, jobs: [{ job, config: undefined }] }));
    const ran = await Promise.all(runners.map((r) => r.runDue()));
    expect(ran.flat()).toEqual(['test.count']);
    expect(await runners[1]!.runDue()).toEqual([]);

    clock.advance(59_000);
    expect((await Promise.all(runners.map((r) => r.runDue()))).flat()).toEqual([]);
    clock.advance(1_000);
    expect((await Promise.all(runners.map((r) => r.runDue()))).flat()).toEqual(['test.count']);
    expect(runs).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T08:01:00.000Z']);
  });

  it('keeps running other jobs when one fails', async () => {
    const failing: JobDefinition = { name: 'test.failing', everyMs: 1_000, run: async () => Promise.reject(new Error('boom')) };
    const lines: string[] = [];
    const runner = new JobRunner({
      prisma: db.prisma,
      clock,
      log: (line) => lines.push(line),
      jobs: [{ job: failing, config: undefined }, { job: { ...job, name: 'test.after' }, config: undefined }],
    });
    expect(await runner.runDue()).toEqual(['test.after']);
    expect(lines).toEqual(['job test.failing failed: boom']);
  });
});

afterAll(() => postgres?.drop());

describe('pluginJobs', () => {
  it('schedules the jobs of enabled plugins only, each with its own configuration', () => {
    const job = (name: string): JobDefinition<any> => ({ name, everyMs: 1_000, run: async () => {} });
    const available = [
      definePlugin({ name: 'on', version: '1', jobs: [job('on.sweep')], register: () => {} }),
      definePlugin({ name: 'off', version: '1', jobs: [job('off.sweep')], register: () => {} }),
    ];
    const scheduled = pluginJobs(resolvePlugins(available, ['on'], { on: { x: 1 } }));
    expect(scheduled.map((s) => [s.job.name, s.config])).toEqual([['on.sweep', { x: 1 }]]);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with each failure in a row, never past the period', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 86_400_000, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20, 86_400_000, 60_000)).toBe(86_400_000);
    expect(retryDelayMs(1, 5_000, 60_000)).toBe(5_000);
  });
});
