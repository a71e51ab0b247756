import type { RapportConfig, SignInLimits } from '../config.js';
import type { PrismaClient } from '../db/client.js';
import type { ErrorMessageKey } from '../error-messages.js';
import { changesOf } from '../db/changes.js';
import type { Permission } from './permissions.js';
import { parseApiKey, sameHash, sha256, verifyAccessToken } from './tokens.js';
import { hiddenFields, staffViewer, type AccessSettings, type ApiKeyViewer, type Viewer } from './viewer.js';

/** A deployment's sign-in settings: the signing secret and token lifetimes, on top of its access settings. */
export interface AuthSettings extends AccessSettings {
  authSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Failed sign-ins before a lock-out; the defaults (5 per account, 50 per IP, 900 s) when absent. */
  signIn?: SignInLimits;
}

/** What a request presented: the Authorization header (or graphql-ws `authorization`), or X-Api-Key. */
export interface Credentials {
  authorization?: string | null | undefined;
  apiKey?: string | null | undefined;
}

/** The viewer, or why the presented credentials were refused (no credentials: neither). */
export interface Authentication {
  viewer: Viewer | null;
  /** A key of the error catalogue, so the refusal reads in the reader's language. */
  problem: ErrorMessageKey | null;
}

const ANONYMOUS: Authentication = { viewer: null, problem: null };

/**
 * Resolves the viewer with one query, or none for a session checked in the last few seconds: the
 * session must be live and the user active on every request, so sign-out, reuse detection and
 * deactivation take effect at once (they empty the session cache, on every instance).
 */
export async function authenticate(
  prisma: PrismaClient,
  settings: AuthSettings,
  credentials: Credentials,
  now: Date,
): Promise<Authentication> {
  const header = credentials.authorization?.trim();
  const [scheme, value] = header ? header.split(/\s+/, 2) : [];
  if (scheme?.toLowerCase() === 'bearer' && value) return byAccessToken(prisma, settings, value, now);
  if (scheme?.toLowerCase() === 'apikey' && value) return byApiKey(prisma, settings, value);
  if (header) return refused('auth.unsupportedHeader');
  if (credentials.apiKey) return byApiKey(prisma, settings, credentials.apiKey);
  return ANONYMOUS;
}

function refused(problem: ErrorMessageKey): Authentication {
  return { viewer: null, problem };
}

/** How long a checked session is trusted without the database, unless a write to User or AuthSession drops it first. */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_SIZE = 10_000;

type SessionUser = Parameters<typeof staffViewer>[0];

/**
 * Live sessions this process checked lately, per database client, by session and user id. Any
 * write to User or AuthSession (sign-out, revocation, deactivation, a role or name change), from
 * this instance or another (forwarded over the alert bus, see changes.ts), empties it, so those
 * still take effect on the next request; while changes of other instances cannot arrive (the bus
 * is down) nothing is served from it.
 */
class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; at: number }>();
  private generation = 0;
  readonly changes;

  constructor(prisma: PrismaClient) {
    this.changes = changesOf(prisma);
    this.changes.on((tables) => {
      if (tables.has('User') || tables.has('AuthSession')) this.clear();
    });
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  get(key: string, now: number): SessionUser | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (now - entry.at >= SESSION_CACHE_MS || now < entry.at || !this.changes.remoteLive()) {
      this.entries.delete(key);
      return null;
    }
    return entry.user;
  }

  /** Runs the check and remembers a live session, unless a change arrived while it ran (the row read may be older). */
  async load(key: string, now: number, check: () => Promise<SessionUser | null>): Promise<SessionUser | null> {
    const generation = this.generation;
    const user = await check();
    if (user && generation === this.generation && this.changes.remoteLive()) {
      if (this.entries.size >= SESSION_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { user, at: now });
    }
    return user;
  }
}

const sessionCaches = new WeakMap<PrismaClient, SessionCache>();

function sessionCache(prisma: PrismaClient): SessionCache {
  let cache = sessionCaches.get(prisma);
  if (!cache) sessionCaches.set(prisma, (cache = new SessionCache(prisma)));
  return cache;
}

async function byAccessToken(prisma: PrismaClient, settings: AuthSettings, token: string, now: Date): Promise<Authentication> {
  const check = verifyAccessToken(token, settings.authSecret, now);
  if ('problem' in check) return refused(check.problem);
  const { userId, sessionId } = check.claims;
  const cache = sessionCache(prisma);
  const key = `${sessionId}:${userId}`;
  const user =
    cache.get(key, now.getTime()) ??
    (await cache.load(key, now.getTime(), () =>
      prisma.user.findFirst({
        where: { id: userId, active: true, authSessions: { some: { id: sessionId, revokedAt: null } } },
        select: { id: true, role: true, email: true, name: true },
      }),
    ));
  if (!user) return refused('auth.sessionEndedOrInactive');
  return { viewer: staffViewer(user, settings, sessionId), problem: null };
}

async function byApiKey(prisma: PrismaClient, settings: AuthSettings, presented: string): Promise<Authentication> {
  const parsed = parseApiKey(presented);
  const key = parsed
    ? await prisma.apiKey.findUnique({
        where: { prefix: parsed.prefix },
        select: { id: true, name: true, secretHash: true, scopes: true, revokedAt: true, user: { select: { id: true, role: true, email: true, active: true } } },
      })
    : null;
  if (!parsed || !key || !sameHash(sha256(parsed.secret), key.secretHash)) return refused('auth.invalidApiKey');
  if (key.revokedAt || !key.user.active) return refused('auth.apiKeyRevoked');
  const granted = settings.rolePermissions[key.user.role];
  const permissions = new Set(key.scopes.filter((scope): scope is Permission => granted.has(scope as Permission)));
  const viewer: ApiKeyViewer = {
    kind: 'apiKey',
    id: key.user.id,
    role: key.user.role,
    keyId: key.id,
    label: `API key "${key.name}" (${key.user.email})`,
    permissions,
    hiddenCustomFields: hiddenFields(permissions, settings),
  };
  return { viewer, problem: null };
}

/** The sign-in settings of a configuration whose secret start-up resolved (resolveAuthSecret). */
export function authSettings(config: RapportConfig): AuthSettings {
  if (!config.authSecret) throw new Error('No auth secret: set RAPPORT_AUTH_SECRET, or start through startRapport, which resolves one');
  return { ...config, authSecret: config.authSecret, signIn: config.signIn };
}
