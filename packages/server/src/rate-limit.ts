import { Redis } from 'ioredis';
import type { Plugin } from 'graphql-yoga';
import { RapportError, type Clock, type RapportContext } from '@rapport/core';
import { inReaderLanguage } from './errors.js';

/** Counts operations per key in fixed windows. */
export interface RateLimitStore {
  /** Counts one operation for `key` in the window that starts at `windowStart`; returns the count so far. */
  hit(key: string, windowStart: number, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

const SWEEP_ABOVE = 10_000;

/** One process's counters: right for a single instance. */
export class InProcessRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, windowStart: number): Promise<number> {
    const current = this.windows.get(key);
    if (current?.start === windowStart) return ++current.count;
    if (this.windows.size > SWEEP_ABOVE) this.sweep(windowStart);
    this.windows.set(key, { start: windowStart, count: 1 });
    return 1;
  }

  private sweep(windowStart: number): void {
    for (const [key, window] of this.windows) if (window.start < windowStart) this.windows.delete(key);
  }

  async close(): Promise<void> {}
}

/** INCR, and on a window's first operation PEXPIRE: one command and one reply per operation. */
const HIT_SCRIPT = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

type ScriptedRedis = Redis & { rapportRateHit(key: string, windowMs: number): Promise<number> };

/**
 * Counters in Redis, shared by every instance: one INCR per operation, expiring with the window, in
 * one script call (EVALSHA; ioredis loads the script when Redis does not know it yet).
 */
export class RedisRateLimitStore implements RateLimitStore {
  private constructor(
    private readonly redis: ScriptedRedis,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix = 'rapport:rate:'): Promise<RedisRateLimitStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.defineCommand('rapportRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    await redis.connect();
    return new RedisRateLimitStore(redis as ScriptedRedis, prefix);
  }

  async hit(key: string, windowStart: number, windowMs: number): Promise<number> {
    return this.redis.rapportRateHit(`${this.prefix}${key}:${windowStart}`, windowMs);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Operations allowed per key and window. */
  limit: number;
  windowSeconds: number;
  clock: Clock;
  /** Separates the budgets of endpoints that share a store (a plugin's endpoint counts apart from /graphql). */
  keyPrefix?: string;
  log?: (line: string) => void;
}

/** Whose budget an operation spends: the viewer's (an API key has its own), or the client IP's without one. */
function budgetKey(ctx: RapportContext): string {
  const viewer = ctx.viewer;
  if (!viewer) return `ip:${ctx.origin.ip ?? 'unknown'}`;
  return viewer.kind === 'apiKey' ? `apiKey:${viewer.keyId}` : `${viewer.kind}:${viewer.id}`;
}

/**
 * Fixed-window rate limit per viewer, checked before execution (queries, mutations and subscriptions,
 * over HTTP and WebSocket). Over the limit: RATE_LIMITED with retryAfterSeconds, HTTP 429 and
 * Retry-After. If the store fails (Redis down) operations are let through: an outage of the limiter
 * must not take the API down with it.
 */
export function useRateLimit({ store, limit, windowSeconds, clock, keyPrefix = '', log = console.error }: RateLimitOptions): Plugin<RapportContext> {
  const windowMs = windowSeconds * 1000;
  const refusal = async (ctx: RapportContext): Promise<RapportError | null> => {
    const now = clock.now().getTime();
    const windowStart = now - (now % windowMs);
    const count = await store.hit(keyPrefix + budgetKey(ctx), windowStart, windowMs).catch((error: Error) => {
      log(`rate limit store failed, letting the operation through: ${error.message}`);
      return 0;
    });
    if (count <= limit) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    return RapportError.of('RATE_LIMITED', 'error.rateLimited', { limit, windowSeconds, retryAfterSeconds }, {
      retryAfterSeconds,
      http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
    });
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await refusal(args.contextValue);
      if (error) setResultAndStopExecution({ errors: [await inReaderLanguage(args.contextValue, error)] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await refusal(args.contextValue);
      if (error) setResultAndStopExecution({ errors: [await inReaderLanguage(args.contextValue, error)] });
    },
  };
}
