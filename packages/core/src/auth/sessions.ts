// Sign-in: login opens a session (the family its refresh tokens rotate in); refreshToken trades a
// refresh token for a new pair, once; presenting a used one revokes the whole session.
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/service.js';
import { InputError } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput } from '../validation.js';
import type { AuthSettings } from './authenticate.js';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './passwords.js';
import { clearSignInFailures, recordSignInFailure, requireNotLocked, signInLocked, throttleKeys } from './sign-in-throttle.js';
import { newRefreshToken, sha256, signAccessToken } from './tokens.js';
import { unauthenticated, type StaffViewer } from './viewer.js';

export interface SignIn {
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(1_000),
});
const refreshInput = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(200) });
const newPassword = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');
const changePasswordInput = z.object({ currentPassword: z.string().max(1_000), newPassword });

const DAY_MS = 86_400_000;
const DEFAULT_SIGN_IN_LIMITS = { maxFailuresPerAccount: 5, maxFailuresPerIp: 50, lockSeconds: 900 };

function userActor(user: { id: string; email: string }): Actor {
  return { kind: 'staff', id: user.id, label: user.email };
}

async function issueTokens(db: Prisma.TransactionClient, settings: AuthSettings, sessionId: string, userId: string, now: Date): Promise<SignIn> {
  const refreshToken = newRefreshToken();
  const expiresAt = new Date(now.getTime() + settings.refreshTokenTtlDays * DAY_MS);
  await db.refreshToken.create({ data: { sessionId, tokenHash: sha256(refreshToken), expiresAt, createdAt: now } });
  const accessTokenExpiresAt = new Date(now.getTime() + settings.accessTokenTtlSeconds * 1000);
  const accessToken = signAccessToken({ userId, sessionId, expiresAt: accessTokenExpiresAt }, settings.authSecret, now);
  return { userId, accessToken, accessTokenExpiresAt, refreshToken };
}

/**
 * Checks the password (scrypt, outside any transaction: it is slow by design) and opens a session.
 * Refused outright while the account or the client IP is locked after too many failures.
 */
export async function login(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof loginInput>): Promise<SignIn> {
  const { email, password } = parseInput(loginInput, input);
  const limits = settings.signIn ?? DEFAULT_SIGN_IN_LIMITS;
  const keys = throttleKeys(email, ctx.origin?.ip);
  const now = ctx.clock.now();
  await requireNotLocked(ctx.prisma, keys, now);
  const user = await ctx.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, active: true, passwordHash: true } });
  const valid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyNothing(password);
  if (!user || !valid) {
    const locked = await recordSignInFailure(ctx.prisma, keys, limits, now);
    if (!locked) throw unauthenticated('auth.wrongPassword');
    // The moment a lock starts is worth an operator's attention; the attempts before it are not.
    await recordAudit(ctx.prisma, ctx, { action: 'auth.signInLocked', entity: user ? { type: 'User', id: user.id } : null, after: { email, ip: ctx.origin?.ip ?? null, retryAfterSeconds: locked } });
    throw signInLocked(locked);
  }
  if (!user.active) throw unauthenticated('auth.deactivated');
  await clearSignInFailures(ctx.prisma, keys);
  const upgraded = needsRehash(user.passwordHash!) ? await hashPassword(password) : null;
  return ctx.prisma.$transaction(async (tx) => {
    if (upgraded) await tx.user.update({ where: { id: user.id }, data: { passwordHash: upgraded } });
    const session = await tx.authSession.create({
      data: { userId: user.id, ip: ctx.origin?.ip ?? null, userAgent: ctx.origin?.userAgent?.slice(0, 500) ?? null, createdAt: now },
    });
    await recordAudit(tx, ctx, { action: 'auth.login', entity: { type: 'User', id: user.id }, after: { sessionId: session.id } }, userActor(user));
    return issueTokens(tx, settings, session.id, user.id, now);
  });
}

/** Rotates a refresh token: it works once; a second use means it leaked, so its session ends. */
export async function refreshSession(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof refreshInput>): Promise<SignIn> {
  const { refreshToken } = parseInput(refreshInput, input);
  const now = ctx.clock.now();
  const token = await ctx.prisma.refreshToken.findUnique({
    where: { tokenHash: sha256(refreshToken) },
    select: { id: true, rotatedAt: true, expiresAt: true, session: { select: { id: true, revokedAt: true, user: { select: { id: true, email: true, active: true } } } } },
  });
  if (!token) throw unauthenticated('auth.unknownRefreshToken');
  const { session } = token;
  if (session.revokedAt || token.expiresAt <= now || !session.user.active) throw unauthenticated('auth.sessionEnded');
  const rotated = token.rotatedAt ? null : await rotate(ctx, settings, token.id, session, now);
  if (rotated) return rotated;
  await ctx.prisma.$transaction(async (tx) => {
    await tx.authSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: 'auth.refreshTokenReused', entity: { type: 'User', id: session.user.id }, after: { sessionId: session.id } }, userActor(session.user));
  });
  throw unauthenticated('auth.refreshTokenReused');
}

/** Null when another request rotated the token first: that counts as reuse. */
function rotate(ctx: ServiceContext, settings: AuthSettings, tokenId: string, session: { id: string; user: { id: string; email: string } }, now: Date) {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.refreshToken.updateMany({ where: { id: tokenId, rotatedAt: null }, data: { rotatedAt: now } });
    if (count === 0) return null;
    await recordAudit(tx, ctx, { action: 'auth.refresh', entity: { type: 'User', id: session.user.id }, after: { sessionId: session.id } }, userActor(session.user));
    return issueTokens(tx, settings, session.id, session.user.id, now);
  });
}

function signedInStaff(viewer: ServiceContext['viewer']): StaffViewer & { sessionId: string } {
  if (viewer?.kind !== 'staff' || !viewer.sessionId) throw unauthenticated('auth.notASession');
  return viewer as StaffViewer & { sessionId: string };
}

/** Ends the viewer's session (or all of their sessions); their access tokens stop working at once. */
export async function logout(ctx: ServiceContext, input: { allSessions?: boolean | null }): Promise<number> {
  const viewer = signedInStaff(ctx.viewer);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: input.allSessions ? { userId: viewer.id, revokedAt: null } : { id: viewer.sessionId, revokedAt: null },
      data: { revokedAt: ctx.clock.now() },
    });
    await recordAudit(tx, ctx, { action: 'auth.logout', entity: { type: 'User', id: viewer.id }, after: { revokedSessions: count } });
    return count;
  });
}

/** Sets a new password after checking the current one; the viewer's other sessions end. */
export async function changePassword(ctx: ServiceContext, input: z.input<typeof changePasswordInput>): Promise<number> {
  const viewer = signedInStaff(ctx.viewer);
  const { currentPassword, newPassword: password } = parseInput(changePasswordInput, input);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new InputError([{ field: 'currentPassword', message: 'is not your current password' }]);
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
