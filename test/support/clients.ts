import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  items: T[];
  /** Resolves once `count` items have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  stop(): Promise<void>;
}

function collector<T>(stop: () => Promise<void> | void): Received<T> & { push(item: T): void } {
  const items: T[] = [];
  const waiters: Array<{ count: number; resolve: (items: T[]) => void }> = [];
  return {
    items,
    push(item) {
      items.push(item);
      for (const w of waiters.filter((w) => items.length >= w.count)) w.resolve(items);
    },
    waitFor(count, timeoutMs = 10_000) {
      if (items.length >= count) return Promise.resolve(items);
      return new Promise((resolve, reject) => {
        waiters.push({ count, resolve });
        setTimeout(() => reject(new Error(`received ${items.length} of ${count} within ${timeoutMs} ms`)), timeoutMs).unref();
      });
    },
    async stop() {
      await stop();
    },
  };
}

/** A real graphql-ws client over a real WebSocket. */
export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    ...(connectionParams ? { connectionParams } : {}),
  });
}

export function subscribeWs<T>(client: Client, query: string, variables?: Record<string, unknown>): Received<T> & { ready: Promise<void> } {
  let unsubscribe = () => {};
  const received = collector<T>(() => unsubscribe());
  const ready = new Promise<void>((resolve) => {
    const off = client.on('connected', () => {
      off();
      resolve();
    });
  });
  unsubscribe = client.subscribe<T>(
    { query, ...(variables ? { variables } : {}) },
    { next: (result) => received.push(result.data as T), error: () => {}, complete: () => {} },
  );
  return { ...received, ready };
}

/** GraphQL over Server-Sent Events with plain fetch: the stream is read and split into `next` events. */
export function subscribeSse<T>(httpUrl: string, query: string, headers: Record<string, string> = {}): Received<T> & { ready: Promise<void> } {
  const abort = new AbortController();
  const received = collector<T>(() => abort.abort());
  const ready = (async () => {
    const response = await fetch(httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').find((line) => line.startsWith('data:'));
            if (data && data.length > 5) received.push((JSON.parse(data.slice(5)) as { data: T }).data);
          }
        }
      } catch {
        // aborted by stop()
      }
    })();
  })();
  return { ...received, ready };
}
