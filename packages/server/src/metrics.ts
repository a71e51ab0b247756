import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AlertBus, Database } from '@rapport/core';

/** Operation names come from clients: long or odd ones are folded so a caller cannot grow the label set without bound. */
export function operationLabel(name: string | undefined | null): string {
  if (!name) return 'anonymous';
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'invalid';
}

/** This instance's Prometheus metrics, in a registry of its own (tests run many apps in one process). */
export class RapportMetrics {
  readonly registry = new Registry();
  readonly operations = new Counter({
    name: 'rapport_graphql_operations_total',
    help: 'GraphQL operations answered, by endpoint, operation name and outcome (ok or the first error code)',
    labelNames: ['endpoint', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'rapport_graphql_operation_duration_seconds',
    help: 'Time from request to the end of the response, by endpoint and operation',
    labelNames: ['endpoint', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests by route kind and status code',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'rapport_http_requests_in_flight',
    help: 'HTTP requests received and not yet answered (open SSE streams included)',
    registers: [this.registry],
  });
  readonly alertsFired = new Counter({
    name: 'rapport_alerts_fired_total',
    help: 'Alerts this instance fired and published to the bus',
    registers: [this.registry],
  });
  readonly alertDeliveries = new Counter({
    name: 'rapport_alert_deliveries_total',
    help: 'Fired alerts delivered to a live subscription on this instance',
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'rapport_job_runs_total',
    help: 'Periodic job runs on this instance, by job and outcome (ok or failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'rapport_job_duration_seconds',
    help: 'Periodic job run time, by job',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor(db: Database, subscriberCount: () => number) {
    const registers = [this.registry];
    const pool = (pick: (s: NonNullable<ReturnType<NonNullable<Database['poolStats']>>>) => number) =>
      function (this: Gauge) {
        const stats = db.poolStats?.();
        // The embedded database is one in-process connection.
        this.set(stats ? pick(stats) : 1);
      };
    new Gauge({ name: 'rapport_db_pool_connections', help: 'Open database connections', registers, collect: pool((s) => s.total) });
    new Gauge({ name: 'rapport_db_pool_idle_connections', help: 'Idle database connections', registers, collect: pool((s) => s.idle) });
    new Gauge({ name: 'rapport_db_pool_waiting_requests', help: 'Queries waiting for a connection', registers, collect: function () { this.set(db.poolStats?.().waiting ?? 0); } });
    new Gauge({ name: 'rapport_db_pool_max_connections', help: 'Pool size', registers, collect: pool((s) => s.max) });
    new Gauge({
      name: 'rapport_alert_subscriptions',
      help: 'Live alert subscriptions on this instance',
      registers,
      collect: function () {
        this.set(subscriberCount());
      },
    });
  }

  /** Process figures (CPU, memory, event loop lag): only for a deployment that serves metrics. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  jobRun(job: string, outcome: 'ok' | 'failed', seconds: number): void {
    this.jobRuns.inc({ job, outcome });
    this.jobDuration.observe({ job }, seconds);
  }
}

/** The bus with counting on both sides: what this instance fires, and what it delivers to its subscribers. */
export function meteredAlertBus(bus: AlertBus, metrics: RapportMetrics): AlertBus {
  return {
    async publish(alerts) {
      await bus.publish(alerts);
      metrics.alertsFired.inc(alerts.length);
    },
    subscribe(recipientId, handler) {
      return bus.subscribe(recipientId, (alert) => {
        metrics.alertDeliveries.inc();
        handler(alert);
      });
    },
    get subscriberCount() {
      return bus.subscriberCount;
    },
    close: () => bus.close(),
    ...(bus.publishChanges ? { publishChanges: (tables: readonly string[]) => bus.publishChanges!(tables) } : {}),
    ...(bus.onChanges ? { onChanges: (handler: (tables: string[]) => void) => bus.onChanges!(handler) } : {}),
    get changesLive() {
      return bus.changesLive;
    },
  };
}
