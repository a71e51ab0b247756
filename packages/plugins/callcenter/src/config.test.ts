import { afterEach, describe, expect, it, vi } from 'vitest';
import { callcenterConfigSchema, WEBHOOK_SECRET_ENV } from './config.js';

const problems = (raw: unknown) => {
  const parsed = callcenterConfigSchema.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('callcenter configuration', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('has working defaults and takes the webhook secret from the environment', () => {
    vi.stubEnv(WEBHOOK_SECRET_ENV, 's'.repeat(32));
    const config = callcenterConfigSchema.parse(undefined);
    expect(config).toMatchObject({ defaultCountry: 'CN', missedCallCallback: { enabled: true, dueAfterMinutes: 30 }, webhook: { toleranceSeconds: 300 } });
    expect(config.webhook.secret).toBe('s'.repeat(32));
    expect(config.outcomes).toContain('will call back');
  });

  it('leaves the webhook unconfigured without a secret', () => {
    vi.stubEnv(WEBHOOK_SECRET_ENV, '');
    expect(callcenterConfigSchema.parse({}).webhook.secret).toBeUndefined();
  });

  it('names each invalid key', () => {
    expect(
      problems({ defaultCountry: 'XX', outcomes: ['Sale', 'sale', ''], webhook: { secret: 'short' }, missedCallCallback: { dueAfterMinutes: -1 }, typo: 1 }),
    ).toEqual([
      'defaultCountry: must be a supported ISO 3166 alpha-2 country code, e.g. CN',
      'outcomes.2: must not be empty',
      'outcomes: must not repeat an outcome',
      'webhook.secret: must be at least 32 characters',
      'missedCallCallback.dueAfterMinutes: Too small: expected number to be >=0',
      ': Unrecognized key: "typo"',
    ]);
  });
});
