// Brute-force protection for sign-in: failures are counted per account (the e-mail typed, whether or not
// it exists) and per client IP, in the database so every instance shares them. Over the limit the key is
// locked for lockSeconds, even for the right password.
import type { SignInLimits } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import { RapportError } from '../errors.js';
import type { JobDefinition } from '../jobs/runner.js';

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** The state after one more failure: a window older than lockSeconds starts over; reaching `limit` locks. */
export function afterFailure(state: ThrottleState | null, now: Date, limit: number, lockSeconds: number): ThrottleState {
  const lockMs = lockSeconds * 1000;
  const fresh = !state || now.getTime() - state.windowStart.getTime() >= lockMs || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + lockMs) : fresh ? null : state.lockedUntil;
  return { failures, windowStart, lockedUntil };
}

/** Seconds until the latest lock among `states` ends, or null when none is in force. */
export function lockedFor(states: ReadonlyArray<Pick<ThrottleState, 'lockedUntil'>>, now: Date): number | null {
  const until = Math.max(...states.map((s) => s.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKeys {
  return { account: `account:${email}`, ip: ip ? `ip:${ip}` : null };
}

function keysOf(keys: ThrottleKeys): string[] {
  return keys.ip ? [keys.account, keys.ip] : [keys.account];
}

export function signInLocked(retryAfterSeconds: number): RapportError {
  return RapportError.of('SIGN_IN_LOCKED', 'auth.locked', { retryAfterSeconds }, {
    retryAfterSeconds,
    http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  });
}

/** Throws SIGN_IN_LOCKED while the account or the IP is locked. One statement. */
export async function requireNotLocked(prisma: PrismaClient, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keysOf(keys) }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  const seconds = lockedFor(rows, now);
  if (seconds !== null) throw signInLocked(seconds);
}

/**
 * Counts a failure on both keys, each under a row lock so concurrent failures on several instances
 * all count. Returns the seconds of a lock this failure started, if any.
 */
export async function recordSignInFailure(prisma: PrismaClient, keys: ThrottleKeys, limits: SignInLimits, now: Date): Promise<number | null> {
  const states = await prisma.$transaction(async (tx) => {
    const after: ThrottleState[] = [];
    for (const [key, limit] of [[keys.account, limits.maxFailuresPerAccount], [keys.ip, limits.maxFailuresPerIp]] as const) {
      if (!key) continue;
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures", "windowStart") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
      const [current] = await tx.$queryRaw<ThrottleState[]>`SELECT "failures", "windowStart", "lockedUntil" FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`;
      const next = afterFailure(current && current.failures > 0 ? current : null, now, limit, limits.lockSeconds);
      await tx.signInThrottle.update({ where: { key }, data: next });
      after.push(next);
    }
    return after;
  });
  return lockedFor(states, now);
}

/** A successful sign-in clears the account's count. The IP's count runs out with its window instead, so
 * signing in to one's own account cannot wipe the failures an address ran up against others. */
export async function clearSignInFailures(prisma: PrismaClient, keys: ThrottleKeys): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: keys.account } });
}

/** Deletes counters whose window and lock are over, so the table holds only recent failures. */
export async function forgetOldSignInFailures(prisma: PrismaClient, limits: SignInLimits, now: Date): Promise<number> {
  const windowOver = new Date(now.getTime() - limits.lockSeconds * 1000);
  const { count } = await prisma.signInThrottle.deleteMany({
    where: { windowStart: { lt: windowOver }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  return count;
}

export const signInThrottleCleanupJob: JobDefinition<SignInLimits> = {
  name: 'core.sign-in-throttle-cleanup',
  everyMs: 60 * 60_000,
  async run({ prisma, clock, config }) {
    await forgetOldSignInFailures(prisma, config, clock.now());
  },
};
