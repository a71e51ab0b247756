/** What a fired alert looks like on the bus: enough to deliver it without another query. */
export interface FiredAlert {
  id: string;
  recipientId: string;
  kind: string;
  title: string;
  body: string | null;
  /** The kind's message parameters (rendered in the subscriber's language), or null for plain text. */
  params?: unknown;
  entityType: string | null;
  entityId: string | null;
  fireAt: Date;
  firedAt: Date;
  readAt: Date | null;
  createdAt: Date;
}

export type AlertHandler = (alert: FiredAlert) => void;

/**
 * Carries fired alerts to the subscribers of their recipient. Every instance publishes what its
 * scheduler fired and delivers what it receives to its own subscribers only.
 */
export interface AlertBus {
  publish(alerts: FiredAlert[]): Promise<void>;
  subscribe(recipientId: string, handler: AlertHandler): () => void;
  /** Live subscriptions on this instance. */
  readonly subscriberCount: number;
  close(): Promise<void>;
  /**
   * Cross-instance buses only: tells the other instances which cached tables this one wrote (see
   * db/changes.ts), so their session and definition caches drop what they hold.
   */
  publishChanges?(tables: readonly string[]): Promise<void>;
  /** Cross-instance buses only: the tables other instances wrote. */
  onChanges?(handler: (tables: string[]) => void): () => void;
  /** Cross-instance buses only: false while changes of other instances may be missed (e.g. Redis unreachable). */
  readonly changesLive?: boolean;
}

/** Alert ids remembered per process to deliver each once (re-publishing after an outage may repeat some). */
const REMEMBERED_IDS = 10_000;

/** Subscribers of this process, by recipient. */
export class LocalSubscribers {
  private readonly byRecipient = new Map<string, Set<AlertHandler>>();
  private readonly delivered = new Set<string>();

  add(recipientId: string, handler: AlertHandler): () => void {
    const handlers = this.byRecipient.get(recipientId) ?? new Set<AlertHandler>();
    handlers.add(handler);
    this.byRecipient.set(recipientId, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.byRecipient.delete(recipientId);
    };
  }

  /** Delivers an alert to its recipient's subscribers, unless it was delivered before. */
  deliver(alert: FiredAlert): void {
    if (this.delivered.has(alert.id)) return;
    this.delivered.add(alert.id);
    if (this.delivered.size > REMEMBERED_IDS) this.delivered.delete(this.delivered.values().next().value!);
    for (const handler of this.byRecipient.get(alert.recipientId) ?? []) handler(alert);
  }

  get size(): number {
    let count = 0;
    for (const handlers of this.byRecipient.values()) count += handlers.size;
    return count;
  }
}

/** The single-instance bus: publishing delivers straight to this process's subscribers. */
export class InProcessAlertBus implements AlertBus {
  readonly subscribers = new LocalSubscribers();

  async publish(alerts: FiredAlert[]): Promise<void> {
    for (const alert of alerts) this.subscribers.deliver(alert);
  }

  subscribe(recipientId: string, handler: AlertHandler): () => void {
    return this.subscribers.add(recipientId, handler);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {}
}

/** JSON turns dates into strings; the bus's wire format turns them back. */
export function decodeFiredAlert(json: string): FiredAlert {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const date = (value: unknown) => (value == null ? null : new Date(value as string));
  return {
    ...(raw as unknown as FiredAlert),
    fireAt: date(raw.fireAt)!,
    firedAt: date(raw.firedAt)!,
    readAt: date(raw.readAt),
    createdAt: date(raw.createdAt)!,
  };
}
