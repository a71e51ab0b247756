// The one session service, for every principal kind (staff users, and the kinds plugins register,
// auth/principals.ts): login opens a session (the family its refresh tokens rotate in); refreshToken
// trades a refresh token for a new pair, once; presenting a used one revokes the whole session.
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/service.js';
import { fieldError, InputError } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput } from '../validation.js';
import type { AuthSettings } from './authenticate.js';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './passwords.js';
import { clearSignInFailures, recordSignInFailure, requireNotLocked, signInLocked, throttleKeys } from './sign-in-throttle.js';
import { newRefreshToken, sha256, signAccessToken } from './tokens.js';
import { STAFF_PRINCIPAL, type PrincipalKind } from './principals.js';
import { unauthenticated, type StaffViewer } from './viewer.js';

export interface SignIn {
  /** The principal signed in (a User for staff). */
  principalId: string;
  /** The same, for staff sign-ins (the graph's `LoginPayload.user`). */
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'rule.notEmpty').max(320),
  password: z.string().min(1, 'rule.notEmpty').max(1_000),
});
const refreshInput = z.object({ refreshToken: z.string().min(1, 'rule.notEmpty').max(200) });
const newPassword = z.string().min(8, 'rule.minCharacters').max(200, 'rule.maxCharacters');
const changePasswordInput = z.object({ currentPassword: z.string().max(1_000), newPassword });

const DAY_MS = 86_400_000;
const DEFAULT_SIGN_IN_LIMITS = { maxFailuresPerAccount: 5, maxFailuresPerIp: 50, lockSeconds: 900 };

/**
 * One kind as the session service sees it: core's staff users, or a plugin's PrincipalKind. Sessions,
 * refresh-token rotation and reuse detection, sign-in throttling, logout and their audit entries are
 * the same code for every kind; only these differ.
 */
interface SessionKind {
  name: string;
  /** None for staff (/graphql); a plugin kind's own otherwise. */
  audience: string | undefined;
  entityType: string;
  /** Audit actions are `<prefix>.login`, `.refresh`, `.refreshTokenReused`, `.logout`, `.signInLocked`. */
  auditPrefix: string;
  inactive: string;
  accessTokenTtlSeconds?: number | undefined;
  refreshTokenTtlDays?: number | undefined;
  findAccount: PrincipalKind['findAccount'];
  setPasswordHash: PrincipalKind['setPasswordHash'];
  /** The actor label of a principal that may act now, or null. */
  label(db: Prisma.TransactionClient | ServiceContext['prisma'], id: string): Promise<string | null>;
}

const STAFF: SessionKind = {
  name: STAFF_PRINCIPAL,
  audience: undefined,
  entityType: 'User',
  auditPrefix: 'auth',
  inactive: 'auth.deactivated',
  findAccount: (db, email) => db.user.findUnique({ where: { email }, select: { id: true, email: true, active: true, passwordHash: true } }),
  setPasswordHash: async (db, id, passwordHash) => void (await db.user.update({ where: { id }, data: { passwordHash } })),
  label: async (db, id) => (await db.user.findFirst({ where: { id, active: true }, select: { email: true } }))?.email ?? null,
};

function sessionKind(kind: PrincipalKind<any> | undefined): SessionKind {
  if (!kind) return STAFF;
  return {
    name: kind.name,
    audience: kind.audience,
    entityType: kind.entityType,
    auditPrefix: kind.name,
    inactive: 'auth.accountInactive',
    accessTokenTtlSeconds: kind.accessTokenTtlSeconds,
    refreshTokenTtlDays: kind.refreshTokenTtlDays,
    findAccount: kind.findAccount,
    setPasswordHash: kind.setPasswordHash,
    label: async (db, id) => (await kind.load(db, id))?.label ?? null,
  };
}

function actorOf(kind: SessionKind, id: string, label: string): Actor {
  return { kind: kind.name, id, label };
}

async function issueTokens(db: Prisma.TransactionClient, settings: AuthSettings, kind: SessionKind, sessionId: string, principalId: string, now: Date): Promise<SignIn> {
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(now.getTime() + (kind.refreshTokenTtlDays ?? settings.refreshTokenTtlDays) * DAY_MS);
  await db.refreshToken.create({ data: { sessionId, tokenHash: sha256(refreshToken), expiresAt, createdAt: now } });
  const accessTokenExpiresAt = new Date(now.getTime() + (kind.accessTokenTtlSeconds ?? settings.accessTokenTtlSeconds) * 1000);
  const accessToken = signAccessToken({ userId: principalId, sessionId, expiresAt: accessTokenExpiresAt }, settings.authSecret, now, kind.audience);
  return { principalId, userId: principalId, accessToken, accessTokenExpiresAt, refreshToken };
}

/**
 * Checks the password (scrypt, outside any transaction: it is slow by design) and opens a session of
 * `kind` (staff when absent). Refused outright while the account or the client IP is locked after too
 * many failures; each kind's accounts are counted apart, an IP across kinds.
 */
export async function login(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof loginInput>, principalKind?: PrincipalKind<any>): Promise<SignIn> {
  const kind = sessionKind(principalKind);
  const { email, password } = parseInput(loginInput, input);
  const limits = settings.signIn ?? DEFAULT_SIGN_IN_LIMITS;
  const keys = throttleKeys(kind.name === STAFF_PRINCIPAL ? email : `${kind.name}:${email}`, ctx.origin?.ip);
  const now = ctx.clock.now();
  await requireNotLocked(ctx.prisma, keys, now);
  const account = await kind.findAccount(ctx.prisma, email);
  const valid = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : await verifyNothing(password);
  if (!account || !valid) {
    const locked = await recordSignInFailure(ctx.prisma, keys, limits, now);
    if (!locked) throw unauthenticated('auth.wrongPassword');
    // The moment a lock starts is worth an operator's attention; the attempts before it are not.
    await recordAudit(ctx.prisma, ctx, {
      action: `${kind.auditPrefix}.signInLocked`,
      entity: account ? { type: kind.entityType, id: account.id } : null,
      after: { email, ip: ctx.origin?.ip ?? null, retryAfterSeconds: locked },
    });
    throw signInLocked(locked);
  }
  if (!account.active) throw unauthenticated(kind.inactive);
  await clearSignInFailures(ctx.prisma, keys);
  const label = kind === STAFF ? account.email : await kind.label(ctx.prisma, account.id);
  if (label === null) throw unauthenticated(kind.inactive);
  const upgraded = needsRehash(account.passwordHash!) ? await hashPassword(password) : null;
  return ctx.prisma.$transaction(async (tx) => {
    if (upgraded) await kind.setPasswordHash(tx, account.id, upgraded);
    const session = await tx.authSession.create({
      data: {
        principal: kind.name,
        principalId: account.id,
        userId: kind === STAFF ? account.id : null,
        ip: ctx.origin?.ip ?? null,
        userAgent: ctx.origin?.userAgent?.slice(0, 500) ?? null,
        createdAt: now,
      },
    });
    await recordAudit(tx, ctx, { action: `${kind.auditPrefix}.login`, entity: { type: kind.entityType, id: account.id }, after: { sessionId: session.id } }, actorOf(kind, account.id, label));
    return issueTokens(tx, settings, kind, session.id, account.id, now);
  });
}

/**
 * Rotates a refresh token of `kind` (staff when absent): it works once; a second use means it leaked,
 * so its session ends. Another kind's refresh token is unknown here.
 */
export async function refreshSession(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof refreshInput>, principalKind?: PrincipalKind<any>): Promise<SignIn> {
  const kind = sessionKind(principalKind);
  const { refreshToken } = parseInput(refreshInput, input);
  const now = ctx.clock.now();
  const token = await ctx.prisma.refreshToken.findUnique({
    where: { tokenHash: sha256(refreshToken) },
    select: { id: true, rotatedAt: true, expiresAt: true, session: { select: { id: true, revokedAt: true, principal: true, principalId: true } } },
  });
  if (!token || token.session.principal !== kind.name) throw unauthenticated('auth.unknownRefreshToken');
  const { session } = token;
  const label = session.revokedAt || token.expiresAt <= now ? null : await kind.label(ctx.prisma, session.principalId);
  if (label === null) throw unauthenticated('auth.sessionEnded');
  const actor = actorOf(kind, session.principalId, label);
  const rotated = token.rotatedAt ? null : await rotate(ctx, settings, kind, token.id, session, actor, now);
  if (rotated) return rotated;
  await ctx.prisma.$transaction(async (tx) => {
    await tx.authSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: `${kind.auditPrefix}.refreshTokenReused`, entity: { type: kind.entityType, id: session.principalId }, after: { sessionId: session.id } }, actor);
  });
  throw unauthenticated('auth.refreshTokenReused');
}

/** Null when another request rotated the token first: that counts as reuse. */
function rotate(ctx: ServiceContext, settings: AuthSettings, kind: SessionKind, tokenId: string, session: { id: string; principalId: string }, actor: Actor, now: Date) {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.refreshToken.updateMany({ where: { id: tokenId, rotatedAt: null }, data: { rotatedAt: now } });
    if (count === 0) return null;
    await recordAudit(tx, ctx, { action: `${kind.auditPrefix}.refresh`, entity: { type: kind.entityType, id: session.principalId }, after: { sessionId: session.id } }, actor);
    return issueTokens(tx, settings, kind, session.id, session.principalId, now);
  });
}

function signedInStaff(viewer: ServiceContext['viewer']): StaffViewer & { sessionId: string } {
  if (viewer?.kind !== 'staff' || !viewer.sessionId) throw unauthenticated('auth.notASession');
  return viewer as StaffViewer & { sessionId: string };
}

/** The viewer's id and session when it is a signed-in principal of `kind` (staff when absent). */
function signedIn(viewer: ServiceContext['viewer'], kind: SessionKind, principalKind: PrincipalKind<any> | undefined): { id: string; sessionId: string | null } {
  if (kind === STAFF) return signedInStaff(viewer);
  const principal = principalKind!.of(viewer);
  if (!principal) throw unauthenticated('auth.signInFirstShort');
  return principal;
}

/**
 * Ends the viewer's session (or all of their sessions) of `kind` (staff when absent); their access
 * tokens stop working at once. Returns how many ended.
 */
export async function logout(ctx: ServiceContext, input: { allSessions?: boolean | null }, principalKind?: PrincipalKind<any>): Promise<number> {
  const kind = sessionKind(principalKind);
  const viewer = signedIn(ctx.viewer, kind, principalKind);
  const sessionId = viewer.sessionId;
  if (!sessionId && !input.allSessions) return 0;
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: input.allSessions || !sessionId ? { principal: kind.name, principalId: viewer.id, revokedAt: null } : { id: sessionId, revokedAt: null },
      data: { revokedAt: ctx.clock.now() },
    });
    await recordAudit(tx, ctx, { action: `${kind.auditPrefix}.logout`, entity: { type: kind.entityType, id: viewer.id }, after: { revokedSessions: count } });
    return count;
  });
}

/** Sets a new password after checking the current one; the viewer's other sessions end. */
export async function changePassword(ctx: ServiceContext, input: z.input<typeof changePasswordInput>): Promise<number> {
  const viewer = signedInStaff(ctx.viewer);
  const { currentPassword, newPassword: password } = parseInput(changePasswordInput, input);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new InputError([fieldError('currentPassword', 'auth.wrongCurrentPassword')]);
  }
  const passwordHash = await hashPassword(password);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    const { count } = await tx.authSession.updateMany({
      where: { userId: viewer.id, revokedAt: null, id: { not: viewer.sessionId } },
      data: { revokedAt: ctx.clock.now() },
    });
    await recordAudit(tx, ctx, { action: 'user.changePassword', entity: { type: 'User', id: viewer.id }, after: { revokedSessions: count } });
    return count;
  });
}
