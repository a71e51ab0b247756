import { randomUUID } from 'node:crypto';
import type { FiredAlert } from '@rapport/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  items: T[];
  /** Resolves once `count` items have arrived; rejects after `timeoutMs`, or at once when the subscription failed. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  stop(): Promise<void>;
}

type Collector<T> = Received<T> & { push(item: T): void; fail(error: unknown): void };

function collector<T>(stop: () => Promise<void> | void): Collector<T> {
  const items: T[] = [];
  let failure: Error | null = null;
  const waiters: Array<{ count: number; resolve: (items: T[]) => void; reject: (error: Error) => void }> = [];
  return {
    items,
    push(item) {
      items.push(item);
      for (const w of waiters.filter((w) => items.length >= w.count)) w.resolve(items);
    },
    // A subscription that errors or ends must fail the test that waits on it, never look like "nothing came".
    fail(error) {
      failure ??= new Error(`subscription failed: ${describeError(error)}`);
      for (const w of waiters.splice(0)) w.reject(failure);
    },
    waitFor(count, timeoutMs = 10_000) {
      if (items.length >= count) return Promise.resolve(items);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiters.push({ count, resolve, reject });
        setTimeout(() => reject(new Error(`received ${items.length} of ${count} within ${timeoutMs} ms`)), timeoutMs).unref();
      });
    },
    async stop() {
      await stop();
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error);
  const close = error as { code?: number; reason?: string };
  return close?.code ? `socket closed ${close.code} ${close.reason ?? ''}`.trim() : String(error);
}

/**
 * Resolves once the server holds `count` live alert subscriptions: the server-side sign that a
 * subscription is registered (a connection ack only says the socket is open).
 */
export async function untilSubscribers(app: { alertBus: { subscriberCount: number } }, count: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (app.alertBus.subscriberCount !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} live subscriptions, the server holds ${app.alertBus.subscriberCount}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * An alert to publish straight onto a server's bus after the events under test. A live stream is
 * ordered, so when the sentinel arrives, everything published before it has too: "nothing else came"
 * becomes "the sentinel came next", which a dead subscription cannot pass.
 */
export function sentinelAlert(recipientId: string, kind = 'TASK_DUE_SOON'): FiredAlert {
  const at = new Date();
  return { id: randomUUID(), recipientId, kind, title: 'sentinel', body: null, entityType: null, entityId: null, fireAt: at, firedAt: at, readAt: null, createdAt: at };
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
  let failed: (error: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    failed = reject;
    const off = client.on('connected', () => {
      off();
      resolve();
    });
  });
  ready.catch(() => {}); // also reported through waitFor; a test that awaits `ready` sees it here
  let stopped = false;
  unsubscribe = client.subscribe<T>(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (result) => (result.errors?.length ? received.fail(result.errors) : received.push(result.data as T)),
      error: (error) => {
        received.fail(error);
        failed(error);
      },
      complete: () => {
        if (!stopped) received.fail(new Error('the server completed the subscription'));
      },
    },
  );
  return {
    ...received,
    ready,
    async stop() {
      stopped = true;
      await received.stop();
    },
  };
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
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the server ended the event stream');
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split('\n').find((line) => line.startsWith('data:'));
          if (!data || data.length <= 5) continue;
          const result = JSON.parse(data.slice(5)) as { data: T; errors?: unknown[] };
          if (result.errors?.length) throw result.errors;
          received.push(result.data);
        }
      }
    })().catch((error: unknown) => {
      // stop() aborts the stream; anything else ending it means the subscription is dead.
      if (!abort.signal.aborted) received.fail(error);
    });
  })();
  return { ...received, ready };
}
