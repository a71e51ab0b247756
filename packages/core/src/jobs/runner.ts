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
  /** Told about every run this instance made (metrics). */
  onRun?: (job: string, outcome: 'ok' | 'failed', seconds: number) => void;
}

/**
 * Runs periodic jobs. A job runs on one instance at a time: before running, an instance takes the
 * job's lease row for `everyMs`; other instances see the lease and skip that round.
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
      if (!(await this.takeLease(scheduled))) continue;
      const started = performance.now();
      const report = (outcome: 'ok' | 'failed') => this.options.onRun?.(scheduled.job.name, outcome, (performance.now() - started) / 1000);
      try {
        await scheduled.job.run({ prisma: this.options.prisma, clock: this.options.clock, config: scheduled.config, log: this.log });
        ran.push(scheduled.job.name);
        report('ok');
      } catch (error) {
        this.log(`job ${scheduled.job.name} failed: ${(error as Error).message}`);
        report('failed');
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

  private async takeLease({ job, config }: ScheduledJob): Promise<boolean> {
    const now = this.options.clock.now();
    const everyMs = typeof job.everyMs === 'function' ? job.everyMs(config) : job.everyMs;
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
    return count === 1;
  }
}
