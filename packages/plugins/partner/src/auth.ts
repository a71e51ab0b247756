// Portal sign-in: partner users have credentials of their own (core's scrypt hashes) and sessions of
// their own; their access tokens carry the portal audience, so /graphql refuses them and the portal
// refuses staff tokens and API keys.
import { z } from 'zod';
import {
  hashPassword,
  needsRehash,
  newRefreshToken,
  parseInput,
  recordAudit,
  sha256,
  signAccessToken,
  unauthenticated,
  verifyAccessToken,
  verifyNothing,
  verifyPassword,
  type Authentication,
  type AuthSettings,
  type Credentials,
  type PartnerViewer,
  type Prisma,
  type PrismaClient,
  type ServiceContext,
} from '@rapport/core';
import { partnerOf } from './access.js';
import { PORTAL_AUDIENCE } from './config.js';

const DAY_MS = 86_400_000;

function refused(problem: string): Authentication {
  return { viewer: null, problem };
}

export function partnerViewer(user: { id: string; email: string; partnerId: string }, sessionId: string | null): PartnerViewer {
  // Partners hold no staff permission: core's row rules show them nothing, whatever they reach.
  return { kind: 'partner', id: user.id, partnerId: user.partnerId, sessionId, label: `partner ${user.email}`, permissions: new Set(), hiddenCustomFields: [] };
}

/** One query: the session must be live, the user active and the organisation ACTIVE on every request. */
export async function authenticatePartner(prisma: PrismaClient, settings: AuthSettings, credentials: Credentials, now: Date): Promise<Authentication> {
  const header = credentials.authorization?.trim();
  if (!header && !credentials.apiKey) return { viewer: null, problem: null };
  const [scheme, token] = header ? header.split(/\s+/, 2) : [];
  if (scheme?.toLowerCase() !== 'bearer' || !token) return refused('The partner portal accepts only partner access tokens: Authorization: Bearer <accessToken>');
  const check = verifyAccessToken(token, settings.authSecret, now, PORTAL_AUDIENCE);
  if ('problem' in check) return refused(check.problem);
  const { userId, sessionId } = check.claims;
  const user = await prisma.partnerUser.findFirst({
    where: { id: userId, active: true, partner: { status: 'ACTIVE' }, sessions: { some: { id: sessionId, revokedAt: null } } },
    select: { id: true, email: true, partnerId: true },
  });
  if (!user) return refused('Your session has ended, or your account or organisation is no longer active: sign in again');
  return { viewer: partnerViewer(user, sessionId), problem: null };
}

export interface PartnerSignIn {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'must not be empty').max(320),
  password: z.string().min(1, 'must not be empty').max(1_000),
});
const refreshInput = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(200) });

function actor(user: { id: string; email: string }) {
  return { kind: 'partner' as const, id: user.id, label: `partner ${user.email}` };
}

async function issueTokens(db: Prisma.TransactionClient, settings: AuthSettings, sessionId: string, userId: string, now: Date): Promise<PartnerSignIn> {
  const refreshToken = newRefreshToken();
  await db.partnerRefreshToken.create({
    data: { sessionId, tokenHash: sha256(refreshToken), expiresAt: new Date(now.getTime() + settings.refreshTokenTtlDays * DAY_MS), createdAt: now },
  });
  const accessTokenExpiresAt = new Date(now.getTime() + settings.accessTokenTtlSeconds * 1000);
  const accessToken = signAccessToken({ userId, sessionId, expiresAt: accessTokenExpiresAt }, settings.authSecret, now, PORTAL_AUDIENCE);
  return { accessToken, accessTokenExpiresAt, refreshToken };
}

/** Checks the password (slow by design, outside any transaction) and opens a portal session. */
export async function partnerLogin(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof loginInput>): Promise<PartnerSignIn> {
  const { email, password } = parseInput(loginInput, input);
  const user = await ctx.prisma.partnerUser.findUnique({
    where: { email },
    select: { id: true, email: true, active: true, passwordHash: true, partner: { select: { status: true } } },
  });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyNothing(password);
  if (!user || !valid) throw unauthenticated('Wrong e-mail or password');
  if (!user.active || user.partner.status !== 'ACTIVE') throw unauthenticated('This account or its organisation is not active');
  const upgraded = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    if (upgraded) await tx.partnerUser.update({ where: { id: user.id }, data: { passwordHash: upgraded } });
    const session = await tx.partnerSession.create({
      data: { partnerUserId: user.id, ip: ctx.origin?.ip ?? null, userAgent: ctx.origin?.userAgent?.slice(0, 500) ?? null, createdAt: now },
    });
    await recordAudit(tx, ctx, { action: 'partner.login', entity: { type: 'PartnerUser', id: user.id }, after: { sessionId: session.id } }, actor(user));
    return issueTokens(tx, settings, session.id, user.id, now);
  });
}

/** Rotates a refresh token once; a second use revokes the session (it leaked). */
export async function partnerRefresh(ctx: ServiceContext, settings: AuthSettings, input: z.input<typeof refreshInput>): Promise<PartnerSignIn> {
  const { refreshToken } = parseInput(refreshInput, input);
  const now = ctx.clock.now();
  const token = await ctx.prisma.partnerRefreshToken.findUnique({
    where: { tokenHash: sha256(refreshToken) },
    select: {
      id: true,
      expiresAt: true,
      session: { select: { id: true, revokedAt: true, partnerUser: { select: { id: true, email: true, active: true, partner: { select: { status: true } } } } } },
    },
  });
  if (!token) throw unauthenticated('Unknown refresh token: sign in again');
  const { session } = token;
  const user = session.partnerUser;
  if (session.revokedAt || token.expiresAt <= now || !user.active || user.partner.status !== 'ACTIVE') {
    throw unauthenticated('This session has ended: sign in again');
  }
  const rotated = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.partnerRefreshToken.updateMany({ where: { id: token.id, rotatedAt: null }, data: { rotatedAt: now } });
    if (count === 0) return null;
    await recordAudit(tx, ctx, { action: 'partner.refresh', entity: { type: 'PartnerUser', id: user.id }, after: { sessionId: session.id } }, actor(user));
    return issueTokens(tx, settings, session.id, user.id, now);
  });
  if (rotated) return rotated;
  await ctx.prisma.$transaction(async (tx) => {
    await tx.partnerSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    await recordAudit(tx, ctx, { action: 'partner.refreshTokenReused', entity: { type: 'PartnerUser', id: user.id }, after: { sessionId: session.id } }, actor(user));
  });
  throw unauthenticated('This refresh token was already used, so the session has been revoked: sign in again');
}

/** Ends the viewer's portal session; its access tokens stop working at once. */
export async function partnerLogout(ctx: ServiceContext): Promise<boolean> {
  const viewer = partnerOf(ctx);
  const sessionId = viewer.sessionId;
  if (!sessionId) return false;
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.partnerSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, { action: 'partner.logout', entity: { type: 'PartnerUser', id: viewer.id }, after: { revokedSessions: count } });
    return count > 0;
  });
}
