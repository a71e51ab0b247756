import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { decodeFiredAlert, LocalSubscribers, type AlertBus, type AlertHandler, type FiredAlert } from '@rapport/core';

const STREAM = 'rapport:alerts';
/** Entries the stream keeps (approximately): far more than instances fall behind during an outage. */
const STREAM_LENGTH = 10_000;
const BLOCK_MS = 5_000;

/**
 * Fan-out across instances over a Redis stream: whichever instance fires an alert appends it once;
 * every instance (the publisher included) reads the stream from where it left off and delivers to
 * its own subscribers. Unlike pub/sub, an instance whose connection dropped reads on from its last
 * entry when it is back, so a Redis restart loses nothing published after it; what could not be
 * published during it the scheduler publishes again (its outbox).
 */
export class RedisAlertBus implements AlertBus {
  private readonly local = new LocalSubscribers();
  private readonly changeHandlers = new Set<(tables: string[]) => void>();
  private closed = false;
  /** Whether the last read of the stream succeeded: while it fails, other instances' writes may be missed. */
  private readingOk = true;
  /** This instance's id on the stream, to skip the changes it published itself. */
  private readonly origin = randomUUID();
  private readonly reading: Promise<void>;

  private constructor(
    private readonly publisher: Redis,
    private readonly reader: Redis,
    private readonly stream: string,
    private lastId: string,
  ) {
    this.reading = this.read();
  }

  static async connect(url: string, stream = STREAM): Promise<RedisAlertBus> {
    const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    // The reader waits out outages: its blocking read is resent once the connection is back.
    const reader = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    for (const client of [publisher, reader]) client.on('error', () => {}); // reconnects by itself; publish reports failures
    await Promise.all([publisher.connect(), reader.connect()]);
    const [last] = await reader.xrevrange(stream, '+', '-', 'COUNT', 1);
    return new RedisAlertBus(publisher, reader, stream, last?.[0] ?? '0-0');
  }

  private async read(): Promise<void> {
    while (!this.closed) {
      try {
        const result = await this.reader.xread('BLOCK', BLOCK_MS, 'STREAMS', this.stream, this.lastId);
        this.readingOk = true;
        for (const [, entries] of result ?? []) {
          for (const [id, fields] of entries) {
            this.lastId = id;
            if (fields[0] === 'changes') this.deliverChanges(JSON.parse(fields[1]!) as { origin: string; tables: string[] });
            else for (const alert of JSON.parse(fields[1]!) as string[]) this.local.deliver(decodeFiredAlert(alert));
          }
        }
      } catch {
        this.readingOk = false;
        if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async publish(alerts: FiredAlert[]): Promise<void> {
    if (!alerts.length) return;
    const message = JSON.stringify(alerts.map((a) => JSON.stringify(a)));
    await this.publisher.xadd(this.stream, 'MAXLEN', '~', STREAM_LENGTH, '*', 'alerts', message);
  }

  subscribe(recipientId: string, handler: AlertHandler): () => void {
    return this.local.add(recipientId, handler);
  }

  /** On the same stream as the alerts, so an instance that was cut off reads them when it is back. */
  async publishChanges(tables: readonly string[]): Promise<void> {
    if (!tables.length) return;
    try {
      await this.publisher.xadd(this.stream, 'MAXLEN', '~', STREAM_LENGTH, '*', 'changes', JSON.stringify({ origin: this.origin, tables }));
    } catch {
      // The others' caches expire within seconds anyway; do not fail the write that was made.
    }
  }

  onChanges(handler: (tables: string[]) => void): () => void {
    this.changeHandlers.add(handler);
    return () => void this.changeHandlers.delete(handler);
  }

  get changesLive(): boolean {
    return this.readingOk && !this.closed && this.reader.status === 'ready';
  }

  private deliverChanges(message: { origin: string; tables: string[] }): void {
    if (message.origin === this.origin) return;
    for (const handler of this.changeHandlers) handler(message.tables);
  }

  get subscriberCount(): number {
    return this.local.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.reading;
    await this.publisher.quit();
  }
}
