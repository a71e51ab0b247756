import { describe, expect, it } from 'vitest';
import { needsRehash, hashPassword, verifyPassword } from './passwords.js';
import { newApiKey, parseApiKey, signAccessToken, verifyAccessToken } from './tokens.js';

const SECRET = 's'.repeat(32);
const NOW = new Date('2026-01-15T09:00:00Z');

describe('access tokens', () => {
  const token = signAccessToken({ userId: 'u1', sessionId: 's1', expiresAt: new Date(NOW.getTime() + 900_000) }, SECRET, NOW);

  it('verify until they expire, and only with the secret that signed them', () => {
    expect(verifyAccessToken(token, SECRET, NOW)).toEqual({ claims: { userId: 'u1', sessionId: 's1', expiresAt: new Date(NOW.getTime() + 900_000) } });
    expect(verifyAccessToken(token, SECRET, new Date(NOW.getTime() + 900_000))).toEqual({ problem: 'auth.tokenExpired' });
    expect(verifyAccessToken(token, 't'.repeat(32), NOW)).toEqual({ problem: 'auth.invalidToken' });
  });

  it('are accepted only by the audience they were issued for', () => {
    const portal = signAccessToken({ userId: 'p1', sessionId: 's2', expiresAt: new Date(NOW.getTime() + 900_000) }, SECRET, NOW, 'portal');
    expect(verifyAccessToken(portal, SECRET, NOW, 'portal')).toEqual({ claims: expect.objectContaining({ userId: 'p1' }) });
    expect(verifyAccessToken(portal, SECRET, NOW)).toEqual({ problem: 'auth.wrongAudience' });
    expect(verifyAccessToken(token, SECRET, NOW, 'portal')).toEqual({ problem: 'auth.wrongAudience' });
    expect(verifyAccessToken(portal, SECRET, NOW, 'other')).toEqual({ problem: 'auth.wrongAudience' });
  });
});

describe('passwords and keys', () => {
  it('hash with scrypt, verify, and ask for a rehash when the parameters were weaker', async () => {
    const weak = await hashPassword('demo', { logN: 10, r: 8, p: 1 });
    expect(await verifyPassword('demo', weak)).toBe(true);
    expect(await verifyPassword('Demo', weak)).toBe(false);
    expect(await verifyPassword('demo', 'plain')).toBe(false);
    expect(needsRehash(weak)).toBe(true);
  });

  it('read back the API keys they make', () => {
    const { key, prefix, secret } = newApiKey();
    expect(parseApiKey(key)).toEqual({ prefix, secret });
    expect(parseApiKey(`rk_${prefix}_short`)).toBeNull();
  });
});
