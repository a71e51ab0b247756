import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';

export interface JobContext<Config = unknown> {
  prisma: PrismaClient;
  clock: Clock;
  config: Config;
  log: (line: string) => void;
}

export interface JobDefinition<Config = unknown> {
  /** Unique across plugins, e.g. `service.sla-breaches`. */
  name: string;
  /** How often it runs, in milliseconds, or a function reading that from the plugin's configuration. */
  everyMs: number | IntervalFromConfig<Config>;
  /** Must be idempotent: a re-run after a crash may repeat work already done. */
  run(ctx: JobContext<Config>): Promise<void>;
}

/** Typed as a method (like `run`), so a plugin's jobs still fit the `RapportPlugin<unknown>` lists. */
type IntervalFromConfig<Config> = { everyMs(config: Config): number }['everyMs'];

export interface ScheduledJob {
  job: JobDefinition<any>;
  config: unknown;
}

export interface JobRunnerOptions {
  prisma: PrismaClient;
  clock: Clock;
  jobs: ScheduledJob[];
  log?: (line: string) => void;
  /** How often the runner wakes to see which jobs are due. */
  tickMs?: number;
  /** The wait before the first retry of a failed job; it doubles with each failure in a row, up to the job's period. */
  retryBaseMs?: number;
}

const RETRY_BASE_MS = 60_000;
const ERROR_LENGTH = 2_000;

/** When a job that failed `failures` times in a row runs again: sooner than its period, later each time. */
export function retryDelayMs(failures: number, everyMs: number, baseMs = RETRY_BASE_MS): number {
  return Math.min(everyMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Runs periodic jobs. A job runs on one instance at a time: before running, an instance takes the
 * job's lease row for `everyMs`; other instances see the lease and skip that round. A failed run
 * shortens the lease to a retry delay that doubles with each failure in a row (retryDelayMs), and
 * every run, failed or not, is recorded as a JobRun.
 */
export class JobRunner {
  private readonly holder = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly log: (line: string) => void;

  constructor(private readonly options: JobRunnerOptions) {
    this.log = options.log ?? (() => {});
  }

  get jobNames(): string[] {
    return this.options.jobs.map((s) => s.job.name);
  }

  /** Runs every job whose lease is free now; returns the names of the jobs this instance ran. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const scheduled of this.options.jobs) {
      const lease = await this.takeLease(scheduled);
      if (!lease) continue;
      const startedAt = this.options.clock.now();
      try {
        await scheduled.job.run({ prisma: this.options.prisma, clock: this.options.clock, config: scheduled.config, log: this.log });
        ran.push(scheduled.job.name);
        await this.finish(scheduled, lease.failures, startedAt, null);
      } catch (error) {
        this.log(`job ${scheduled.job.name} failed: ${(error as Error).message}`);
        await this.finish(scheduled, lease.failures, startedAt, error as Error);
      }
    }
    return ran;
  }

  start(): void {
    if (this.timer || this.options.jobs.length === 0) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runDue());
    }, this.options.tickMs ?? 5_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Records the run; a failure brings the next attempt forward to the retry delay, a success resets the count. */
  private async finish(scheduled: ScheduledJob, failuresBefore: number, startedAt: Date, error: Error | null): Promise<void> {
    const { prisma, clock } = this.options;
    const name = scheduled.job.name;
    const failures = error ? failuresBefore + 1 : 0;
    try {
      const retryAt = new Date(startedAt.getTime() + retryDelayMs(failures, everyMsOf(scheduled), this.options.retryBaseMs));
      await prisma.jobLease.updateMany({ where: { name, holder: this.holder }, data: { failures, ...(error ? { leasedUntil: retryAt } : {}) } });
      await prisma.jobRun.create({
        data: {
          job: name,
          holder: this.holder,
          startedAt,
          finishedAt: clock.now(),
          succeeded: !error,
          error: error ? String(error.message).slice(0, ERROR_LENGTH) : null,
          attempt: failuresBefore + 1,
        },
      });
    } catch (recording) {
      this.log(`job ${name}: recording the run failed: ${(recording as Error).message}`);
    }
  }

  private async takeLease(scheduled: ScheduledJob): Promise<{ failures: number } | null> {
    const { job } = scheduled;
    const now = this.options.clock.now();
    const everyMs = everyMsOf(scheduled);
    const until = new Date(now.getTime() + everyMs);
    const { prisma } = this.options;
    await prisma.jobLease.createMany({
      data: [{ name: job.name, holder: this.holder, leasedUntil: new Date(0) }],
      skipDuplicates: true,
    });
    const { count } = await prisma.jobLease.updateMany({
      where: { name: job.name, leasedUntil: { lte: now } },
      data: { holder: this.holder, leasedUntil: until },
    });
    if (count !== 1) return null;
    return prisma.jobLease.findUniqueOrThrow({ where: { name: job.name }, select: { failures: true } });
  }
}

function everyMsOf({ job, config }: ScheduledJob): number {
  return typeof job.everyMs === 'function' ? job.everyMs(config) : job.everyMs;
}
