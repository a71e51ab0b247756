// One-time account links: an invitation to set a first password, a password reset. The token travels
// only in the link (through the notifier); the database keeps its SHA-256 hash, its expiry and its use.
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/service.js';
import type { RapportConfig } from '../config.js';
import { fieldError, InputError } from '../errors.js';
import type { AccountTokenPurpose, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput } from '../validation.js';
import { hashPassword } from '../auth/passwords.js';
import { clearSignInFailures, throttleKeys } from '../auth/sign-in-throttle.js';
import { newRefreshToken, sha256 } from '../auth/tokens.js';
import type { AccountMessage, Notifier } from './notifier.js';

type Db = Prisma.TransactionClient;

/** A request's context (the same object, so the audit guard sees what was written) with the account settings and the notifier. */
export type AccountContext = ServiceContext & { config: Pick<RapportConfig, 'accounts'>; notifier: Notifier };

export const newPasswordRule = z.string().min(8, 'rule.minCharacters').max(200, 'rule.maxCharacters');

const PATHS: Record<AccountTokenPurpose, string> = { INVITATION: 'set-password', PASSWORD_RESET: 'reset-password' };

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/**
 * Issues a token for `user` (retiring earlier unused ones of the same purpose) inside the caller's
 * transaction, and returns the message to deliver once that transaction has committed.
 */
export async function issueAccountToken(db: Db, ctx: AccountContext, user: Recipient, purpose: AccountTokenPurpose): Promise<AccountMessage> {
  const now = ctx.clock.now();
  const ttlMs = purpose === 'INVITATION' ? ctx.config.accounts.invitationTtlHours * 3_600_000 : ctx.config.accounts.passwordResetTtlMinutes * 60_000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const token = newRefreshToken();
  await db.accountToken.updateMany({ where: { userId: user.id, purpose, usedAt: null }, data: { usedAt: now } });
  await db.accountToken.create({ data: { userId: user.id, purpose, tokenHash: sha256(token), expiresAt, createdAt: now } });
  return {
    kind: purpose === 'INVITATION' ? 'invitation' : 'passwordReset',
    to: { userId: user.id, email: user.email, name: user.name, locale: user.locale },
    link: `${ctx.config.accounts.appUrl}/${PATHS[purpose]}?token=${encodeURIComponent(token)}`,
    expiresAt,
  };
}

/** Hands a committed message to the notifier; a failing channel is logged, never the link. */
export async function deliver(ctx: AccountContext, message: AccountMessage): Promise<void> {
  await ctx.notifier.deliver(message).catch((error: Error) => {
    console.error(`Could not deliver the ${message.kind} message to ${message.to.email}: ${error.message}`);
  });
}

const requestResetInput = z.object({ email: z.string().trim().toLowerCase().min(1, 'rule.notEmpty').max(320) });
const useTokenInput = z.object({ token: z.string().min(1, 'rule.notEmpty').max(200), newPassword: newPasswordRule });

/**
 * Sends a reset link when the e-mail names an active user; answers the same either way, and the
 * delivery is not awaited, so neither the answer nor its timing tells whether the account exists.
 */
export async function requestPasswordReset(ctx: AccountContext, input: z.input<typeof requestResetInput>): Promise<void> {
  const { email } = parseInput(requestResetInput, input);
  const user = await ctx.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true, active: true } });
  if (!user?.active) return;
  const message = await ctx.prisma.$transaction(async (tx) => {
    const issued = await issueAccountToken(tx, ctx, user, 'PASSWORD_RESET');
    await recordAudit(tx, ctx, { action: 'user.requestPasswordReset', entity: { type: 'User', id: user.id }, after: { expiresAt: issued.expiresAt } });
    return issued;
  });
  void deliver(ctx, message);
}

/**
 * Sets a password with a one-time token (invitation or reset): it works once, before it expires, for
 * an active user. Every session of the user ends and their sign-in failures are forgotten.
 */
export async function setPasswordWithToken(ctx: AccountContext, purpose: AccountTokenPurpose, input: z.input<typeof useTokenInput>): Promise<{ userId: string; email: string }> {
  const { token, newPassword } = parseInput(useTokenInput, input);
  const now = ctx.clock.now();
  const found = await ctx.prisma.accountToken.findUnique({ where: { tokenHash: sha256(token) }, select: { id: true, purpose: true, expiresAt: true, usedAt: true, user: { select: { id: true, email: true, active: true } } } });
  if (!found || found.purpose !== purpose || found.usedAt || found.expiresAt <= now || !found.user.active) {
    throw new InputError([fieldError('token', 'user.tokenInvalid')]);
  }
  const passwordHash = await hashPassword(newPassword);
  const user = found.user;
  await ctx.prisma.$transaction(async (tx) => {
    // The conditional update decides a race between two uses of the same link.
    const { count } = await tx.accountToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) throw new InputError([fieldError('token', 'user.tokenInvalid')]);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, version: { increment: 1 } } });
    const { count: revokedSessions } = await tx.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    const actor: Actor = { kind: 'staff', id: user.id, label: user.email };
    const action = purpose === 'INVITATION' ? 'user.acceptInvitation' : 'user.resetPassword';
    await recordAudit(tx, ctx, { action, entity: { type: 'User', id: user.id }, after: { revokedSessions } }, actor);
  });
  await clearSignInFailures(ctx.prisma, throttleKeys(user.email, null));
  return { userId: user.id, email: user.email };
}
