// Principal kinds: who can sign in. Staff users are core's kind; a plugin registers more (e.g. the
// partner plugin's portal users) through `definePlugin({ principals })`. Every kind signs in through
// the one session service (sessions.ts): its sessions and refresh tokens are AuthSession and
// RefreshToken rows, its access tokens carry its audience, and each endpoint accepts one audience only.
import type { PrismaClient } from '../db/client.js';
import type { ErrorMessageKey } from '../error-messages.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Authentication, AuthSettings, Credentials } from './authenticate.js';
import type { Permission } from './permissions.js';
import { verifyAccessToken } from './tokens.js';
import type { Viewer } from './viewer.js';

/** Core's own kind: staff users, on /graphql, whose tokens carry no audience. */
export const STAFF_PRINCIPAL = 'staff';

/** What login reads of an account, by the e-mail typed. */
export interface PrincipalAccount {
  id: string;
  email: string;
  /** scrypt hash (passwords.ts); null for an account that has none yet (an open invitation). */
  passwordHash: string | null;
  /** Whether it may sign in now (the account and whatever it belongs to are active). */
  active: boolean;
}

/** What a kind knows of a principal that may act now: how people read it, and what its viewer carries. */
export interface LoadedPrincipal<Attributes> {
  /** How the audit log reads the actor, e.g. `partner ann@alpha.example`. */
  label: string;
  attributes: Attributes;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** A kind of principal a plugin registers: how it is loaded, its tokens' audience and lifetimes. */
export interface PrincipalKindDefinition<Attributes extends object> {
  /** Lower-case, e.g. `partner`: the session's `principal` and the audit actor's kind. Never `staff`. */
  name: string;
  /** The `aud` of its access tokens: only the endpoints serving this kind accept them. */
  audience: string;
  /** The audit entry's entity type for its sign-ins, e.g. `PartnerUser`. */
  entityType: string;
  /** Lifetimes instead of the deployment's (RAPPORT_ACCESS_TOKEN_TTL_SECONDS, RAPPORT_REFRESH_TOKEN_TTL_DAYS). */
  accessTokenTtlSeconds?: number;
  refreshTokenTtlDays?: number;
  /** The account with this e-mail (lower-cased), whatever its state; null when there is none. */
  findAccount(db: Db, email: string): Promise<PrincipalAccount | null>;
  /** Stores a password hash upgraded at sign-in. */
  setPasswordHash(db: Prisma.TransactionClient, id: string, passwordHash: string): Promise<void>;
  /**
   * The principal with this id if it may act now, or null (deactivated, its organisation suspended):
   * called on every request and every refresh, so null ends its sessions' use at once. One query.
   */
  load(db: Db, id: string): Promise<LoadedPrincipal<Attributes> | null>;
}

/** A signed-in principal of a plugin's kind. It holds no staff permission: core's row rules show it nothing. */
export interface PrincipalViewer<Attributes extends object = object> {
  kind: 'principal';
  /** Its kind's name, e.g. `partner`. */
  principal: string;
  /** The principal's id in its kind's table. */
  id: string;
  /** The sign-in session its access token belongs to; null for viewers made by code (seeds). */
  sessionId: string | null;
  label: string;
  /** What its kind's `load` attached (e.g. the partner organisation's id). */
  attributes: Attributes;
  /** Always empty: core's permissions are staff ones. */
  permissions: ReadonlySet<Permission>;
  hiddenCustomFields: readonly string[];
}

export interface PrincipalKind<Attributes extends object = object> extends PrincipalKindDefinition<Attributes> {
  /** The viewer if it is one of this kind's principals, typed; null otherwise. */
  of(viewer: Viewer | null | undefined): PrincipalViewer<Attributes> | null;
  /** A viewer of this kind (requests, and code acting as a principal, e.g. seeds). */
  viewer(id: string, loaded: LoadedPrincipal<Attributes>, sessionId: string | null): PrincipalViewer<Attributes>;
}

const NO_PERMISSIONS: ReadonlySet<Permission> = new Set();

/** Declares a principal kind; register it in the plugin's `principals` and serve it with an endpoint's `principal`. */
export function definePrincipalKind<Attributes extends object>(definition: PrincipalKindDefinition<Attributes>): PrincipalKind<Attributes> {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name) || definition.name === STAFF_PRINCIPAL) {
    throw new Error(`Principal kind "${definition.name}" must be lower-case letters, digits and dashes, and not "${STAFF_PRINCIPAL}"`);
  }
  if (!definition.audience) throw new Error(`Principal kind "${definition.name}" needs an audience`);
  const kind: PrincipalKind<Attributes> = {
    ...definition,
    of(viewer) {
      // Only this kind's viewer() makes viewers with this name, so the attributes are this kind's.
      return viewer?.kind === 'principal' && viewer.principal === definition.name ? (viewer as PrincipalViewer<Attributes>) : null;
    },
    viewer(id, loaded, sessionId) {
      return { kind: 'principal', principal: definition.name, id, sessionId, label: loaded.label, attributes: loaded.attributes, permissions: NO_PERMISSIONS, hiddenCustomFields: [] };
    },
  };
  return kind;
}

function refused(problem: ErrorMessageKey): Authentication {
  return { viewer: null, problem };
}

/**
 * The viewer for credentials presented on an endpoint serving `kind`: a bearer token of its audience
 * whose session is live, and a principal its kind still lets act. Staff tokens, other kinds' tokens and
 * API keys are refused like forged ones. Two queries (session, principal), sent together.
 */
export async function authenticatePrincipal(
  kind: PrincipalKind<any>,
  prisma: PrismaClient,
  settings: AuthSettings,
  credentials: Credentials,
  now: Date,
): Promise<Authentication> {
  const header = credentials.authorization?.trim();
  if (!header && !credentials.apiKey) return { viewer: null, problem: null };
  const [scheme, token] = header ? header.split(/\s+/, 2) : [];
  if (scheme?.toLowerCase() !== 'bearer' || !token) return refused('auth.ownTokensOnly');
  const check = verifyAccessToken(token, settings.authSecret, now, kind.audience);
  if ('problem' in check) return refused(check.problem);
  const { userId: id, sessionId } = check.claims;
  const [session, loaded] = await Promise.all([
    prisma.authSession.findFirst({ where: { id: sessionId, principal: kind.name, principalId: id, revokedAt: null }, select: { id: true } }),
    kind.load(prisma, id),
  ]);
  if (!session || !loaded) return refused('auth.sessionEndedOrInactive');
  return { viewer: kind.viewer(id, loaded, sessionId), problem: null };
}

/** Why these kinds cannot be served together (two with one name or one audience: a token must never work for two), or null. */
export function principalKindsProblem(kinds: ReadonlyArray<PrincipalKind<any>>): string | null {
  const names = new Set<string>();
  const audiences = new Set<string>();
  for (const kind of kinds) {
    if (names.has(kind.name)) return `Two plugins register the principal kind "${kind.name}"`;
    if (audiences.has(kind.audience)) return `Two principal kinds use the audience "${kind.audience}"`;
    names.add(kind.name);
    audiences.add(kind.audience);
  }
  return null;
}
