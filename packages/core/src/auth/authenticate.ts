import type { RapportConfig, SignInLimits } from '../config.js';
import type { PrismaClient } from '../db/client.js';
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
  problem: string | null;
}

const ANONYMOUS: Authentication = { viewer: null, problem: null };

/**
 * Resolves the viewer with one query: the session must be live and the user active on every
 * request, so sign-out, reuse detection and deactivation take effect at once.
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
  if (header) return refused('Unsupported Authorization header: use "Bearer <access token>" or "ApiKey <key>"');
  if (credentials.apiKey) return byApiKey(prisma, settings, credentials.apiKey);
  return ANONYMOUS;
}

function refused(problem: string): Authentication {
  return { viewer: null, problem };
}

async function byAccessToken(prisma: PrismaClient, settings: AuthSettings, token: string, now: Date): Promise<Authentication> {
  const check = verifyAccessToken(token, settings.authSecret, now);
  if ('problem' in check) return refused(check.problem);
  const { userId, sessionId } = check.claims;
  const user = await prisma.user.findFirst({
    where: { id: userId, active: true, authSessions: { some: { id: sessionId, revokedAt: null } } },
    select: { id: true, role: true, email: true, name: true },
  });
  if (!user) return refused('Your session has ended or your account is deactivated: sign in again');
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
  if (!parsed || !key || !sameHash(sha256(parsed.secret), key.secretHash)) return refused('Invalid API key');
  if (key.revokedAt || !key.user.active) return refused('This API key has been revoked');
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
