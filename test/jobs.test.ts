// The periodic jobs on the controllable clock: a failing daily job retries with backoff (not a day
// later), every run is recorded, and admins see runs and failures in the graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, resolvePlugins } from '@rapport/core';
import { errorOf, startTestServer, type TestServer } from './support/harness.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let failing = true;
const attempts: string[] = [];

const flaky = definePlugin({
  name: 'flaky',
  version: '1.0.0',
  register: () => {},
  jobs: [
    {
      name: 'flaky.daily-sync',
      everyMs: DAY,
      run: async ({ clock }) => {
        attempts.push(clock.now().toISOString());
        if (failing) throw new Error('the ERP did not answer');
      },
    },
  ],
});

const RUNS = `query($job: String, $failedOnly: Boolean) { jobRuns(job: $job, failedOnly: $failedOnly, first: 10) {
  totalCount edges { node { job succeeded error attempt startedAt } } } }`;
const JOBS = `{ scheduledJobs { name nextRunAt consecutiveFailures lastRun { succeeded attempt } } }`;

describe('periodic jobs', () => {
  let server: TestServer;
  const ranFlaky = () => server.app.jobs.runDue();

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 5, plugins: resolvePlugins([flaky], ['flaky']) });
  });
  afterAll(() => server?.close());

  it('retries a failing daily job after 1, 2, 4 minutes, then daily once it succeeds; admins see every run', async () => {
    const start = server.clock.now().getTime();
    const at = (ms: number) => new Date(start + ms).toISOString();
    await ranFlaky();
    expect(attempts).toEqual([at(0)]);

    server.clock.advance(MINUTE - 1_000);
    await ranFlaky();
    expect(attempts).toHaveLength(1);
    server.clock.advance(1_000); // 1 min after the failure
    await ranFlaky();
    server.clock.advance(2 * MINUTE); // 2 min after the second
    await ranFlaky();
    expect(attempts).toEqual([at(0), at(MINUTE), at(3 * MINUTE)]);

    const { scheduledJobs } = await server.ok(JOBS);
    expect(scheduledJobs.find((j: any) => j.name === 'flaky.daily-sync')).toEqual({
      name: 'flaky.daily-sync',
      nextRunAt: at(7 * MINUTE),
      consecutiveFailures: 3,
      lastRun: { succeeded: false, attempt: 3 },
    });

    failing = false;
    server.clock.advance(4 * MINUTE);
    await ranFlaky();
    server.clock.advance(DAY - 1_000);
    await ranFlaky();
    expect(attempts).toEqual([at(0), at(MINUTE), at(3 * MINUTE), at(7 * MINUTE)]);
    server.clock.advance(1_000);
    await ranFlaky();
    expect(attempts).toHaveLength(5);

    const { jobRuns } = await server.ok(RUNS, { job: 'flaky.daily-sync' });
    expect(jobRuns.totalCount).toBe(5);
    expect(jobRuns.edges.map((e: any) => [e.node.succeeded, e.node.attempt, e.node.error])).toEqual([
      [true, 1, null],
      [true, 4, null],
      [false, 3, 'the ERP did not answer'],
      [false, 2, 'the ERP did not answer'],
      [false, 1, 'the ERP did not answer'],
    ]);
    expect((await server.ok(RUNS, { job: 'flaky.daily-sync', failedOnly: true })).jobRuns.totalCount).toBe(3);
  });

  it('shows runs to admins only', async () => {
    expect(errorOf(await server.as('rep@demo.local').gql(RUNS, {})).code).toBe('FORBIDDEN');
    expect(errorOf(await server.as('manager@demo.local').gql(JOBS)).code).toBe('FORBIDDEN');
  });
});
