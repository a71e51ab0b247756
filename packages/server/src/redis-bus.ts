import { Redis } from 'ioredis';
import { decodeFiredAlert, LocalSubscribers, type AlertBus, type AlertHandler, type FiredAlert } from '@rapport/core';

const CHANNEL = 'rapport:alerts';

/**
 * Fan-out across instances: whichever instance fires an alert publishes it once on a Redis
 * channel; every instance (the publisher included) hears it and delivers to its own subscribers.
 */
export class RedisAlertBus implements AlertBus {
  private readonly local = new LocalSubscribers();

  private constructor(
    private readonly publisher: Redis,
    private readonly listener: Redis,
    private readonly channel: string,
  ) {
    listener.on('message', (_channel: string, message: string) => {
      for (const alert of JSON.parse(message) as string[]) this.local.deliver(decodeFiredAlert(alert));
    });
  }

  static async connect(url: string, channel = CHANNEL): Promise<RedisAlertBus> {
    const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const listener = publisher.duplicate();
    await Promise.all([publisher.connect(), listener.connect()]);
    await listener.subscribe(channel);
    return new RedisAlertBus(publisher, listener, channel);
  }

  async publish(alerts: FiredAlert[]): Promise<void> {
    if (alerts.length) await this.publisher.publish(this.channel, JSON.stringify(alerts.map((a) => JSON.stringify(a))));
  }

  subscribe(recipientId: string, handler: AlertHandler): () => void {
    return this.local.add(recipientId, handler);
  }

  get subscriberCount(): number {
    return this.local.size;
  }

  async close(): Promise<void> {
    await Promise.all([this.listener.quit(), this.publisher.quit()]);
  }
}
