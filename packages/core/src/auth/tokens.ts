import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ErrorMessageKey } from '../error-messages.js';

/** What an access token says: whose it is and which sign-in session (checked on every request). */
export interface AccessClaims {
  userId: string;
  sessionId: string;
  expiresAt: Date;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/**
 * An HS256 JWT: `sub` the user, `sid` the session, `exp` in seconds. `audience` (`aud`) names who may
 * accept it besides the internal graph (e.g. a plugin's portal): staff tokens carry none, and each
 * verifier accepts only its own audience, so a token never works on another endpoint.
 */
export function signAccessToken(claims: AccessClaims, secret: string, now: Date, audience?: string): string {
  const payload = base64url(
    JSON.stringify({
      ...(audience ? { aud: audience } : {}),
      sub: claims.userId,
      sid: claims.sessionId,
      iat: Math.floor(now.getTime() / 1000),
      exp: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  );
  const body = `${HEADER}.${payload}`;
  return `${body}.${base64url(sign(body, secret))}`;
}

export type AccessCheck = { claims: AccessClaims } | { problem: ErrorMessageKey };

/**
 * Checks signature (HS256 only: the header is compared whole, so `alg: none` never passes), audience
 * (exactly the one expected; none for staff) and expiry.
 */
/** Tokens whose signature this process checked lately, by the exact token text: each request re-sends the same one. */
const VERIFIED_TOKENS_MAX = 10_000;
const verified = new Map<string, { secret: string; aud: unknown; sub: unknown; sid: unknown; exp: unknown }>();

/** The signed claims of a well-formed token signed with `secret`, or why not; the HMAC runs once per token text. */
function signedClaims(token: string, secret: string): { aud: unknown; sub: unknown; sid: unknown; exp: unknown } | { problem: ErrorMessageKey } {
  const known = verified.get(token);
  if (known && known.secret === secret) return known;
  const [header, payload, signature, ...rest] = token.split('.');
  if (header !== HEADER || !payload || !signature || rest.length) return { problem: 'auth.malformedToken' };
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'auth.invalidToken' };
  const { aud, sub, sid, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
  const claims = { secret, aud, sub, sid, exp };
  verified.set(token, claims);
  return claims;
}

export function verifyAccessToken(token: string, secret: string, now: Date, audience?: string): AccessCheck {
  const signed = signedClaims(token, secret);
  if ('problem' in signed) return signed;
  const { aud, sub, sid, exp } = signed;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return { problem: 'auth.malformedToken' };
  if (aud !== audience) return { problem: 'auth.wrongAudience' };
  if (exp * 1000 <= now.getTime()) return { problem: 'auth.tokenExpired' };
  return { claims: { userId: sub, sessionId: sid, expiresAt: new Date(exp * 1000) } };
}

/** Refresh tokens and API key secrets are random (256 bits), so a fast hash is enough to store them. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function newRefreshToken(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}

/** `rk_<prefix>_<secret>`: the prefix finds the key (and is safe to show), the secret proves it. */
export function newApiKey(): { key: string; prefix: string; secret: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `rk_${prefix}_${secret}`, prefix, secret };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = /^rk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
