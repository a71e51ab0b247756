// The public pools' rules as plain functions: which pool releases a customer and when, the
// exemptions, the warning day, and the claim refusals (cooldown, claims per local day).
import { describe, expect, it } from 'vitest';
import { assignDecision, chooseRelease, claimRefusal, deploymentPoolRules, judgeRelease, poolRulesSchema, type ReleaseFacts } from './pool-rules.js';
import { localMidnight } from '../shared/locale.js';

const DAY = 86_400_000;
const t0 = new Date('2026-06-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);
const facts = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
  tier: 'B',
  createdAt: t0,
  lastContactedAt: null,
  lastTransferAt: null,
  lastDealAt: null,
  hasDeal: false,
  hasOpenOpportunity: false,
  ...over,
});
const rules = (input: unknown) => poolRulesSchema.parse(input);

describe('judgeRelease', () => {
  it('counts days per tier from the last follow-up, creation or change of owner, and warns warnBeforeDays before', () => {
    const pool = rules({ daysByTier: { A: 60, B: 20 }, warnBeforeDays: 5 });
    const judged = judgeRelease(pool, facts({ lastContactedAt: at(3), lastTransferAt: at(1) }))!;
    expect(judged).toMatchObject({ rule: 'pool.release.noFollowUp', params: { days: 20, tier: 'B' }, since: at(3), dueAt: at(23), warnAt: at(18) });
    expect(judgeRelease(pool, facts({ tier: 'A' }))!.dueAt).toEqual(at(60));
    // A tier without days is not this pool's to release.
    expect(judgeRelease(pool, facts({ tier: 'C' }))).toBeNull();
  });

  it('judges on deals or open opportunities, with the exemptions', () => {
    const onDeals = rules({ basis: 'DEAL', daysByTier: { B: 30 } });
    expect(judgeRelease(onDeals, facts({ lastContactedAt: at(25), lastDealAt: at(2), hasDeal: true }))).toMatchObject({ rule: 'pool.release.noDeal', dueAt: at(32) });
    expect(judgeRelease({ ...onDeals, exemptDealt: true }, facts({ hasDeal: true }))).toBeNull();
    const onOpportunities = rules({ basis: 'OPPORTUNITY', daysByTier: { B: 10 } });
    expect(judgeRelease(onOpportunities, facts({ lastContactedAt: at(9) }))).toMatchObject({ rule: 'pool.release.noOpenOpportunity', dueAt: at(10) });
    expect(judgeRelease(onOpportunities, facts({ hasOpenOpportunity: true }))).toBeNull();
    const exempt = rules({ daysByTier: { B: 10 }, exemptOpenOpportunities: true });
    expect(judgeRelease(exempt, facts({ hasOpenOpportunity: true }))).toBeNull();
    expect(judgeRelease(exempt, facts())).not.toBeNull();
  });

  it('does not warn when warnBeforeDays is 0, and refuses a warning not shorter than every tier', () => {
    expect(judgeRelease(rules({ daysByTier: { B: 10 } }), facts())!.warnAt).toBeNull();
    expect(poolRulesSchema.safeParse({ daysByTier: { A: 30, B: 7 }, warnBeforeDays: 7 }).success).toBe(false);
  });

  it('keeps the deployment’s rules for the default pool', () => {
    const fallback = deploymentPoolRules({ maxOwnedCustomers: 100, releaseAfterDays: 90, warnBeforeReleaseDays: 7 });
    expect(judgeRelease(fallback, facts({ tier: 'X' }))).toMatchObject({ dueAt: at(90), warnAt: at(83) });
    expect(fallback).toMatchObject({ reclaimCooldownDays: 0, claimsPerDay: null });
  });
});

describe('chooseRelease', () => {
  it('takes the pool that would release first, the older one on a tie', () => {
    const east = { id: 'east', createdAt: at(0), rules: rules({ daysByTier: { B: 30 } }) };
    const north = { id: 'north', createdAt: at(1), rules: rules({ daysByTier: { B: 20 } }) };
    const twin = { id: 'twin', createdAt: at(2), rules: rules({ daysByTier: { B: 20 } }) };
    expect(chooseRelease([east, north, twin], facts())!.pool.id).toBe('north');
    expect(chooseRelease([east, north], facts({ tier: 'A' }))).toBeNull();
  });
});

describe('claimRefusal', () => {
  const pool = rules({ reclaimCooldownDays: 7, claimsPerDay: 2 });
  const claim = { userId: 'u1', previousOwnerId: 'u1', releasedAt: at(0), claimsToday: 0 };

  it('refuses the previous owner within the cooldown (CONFLICT), not after it, nor anyone else', () => {
    expect(claimRefusal(pool, claim, at(6.9))).toMatchObject({ code: 'CONFLICT', rule: 'pool.claim.cooldown', params: { days: 7, until: at(7).getTime() } });
    expect(claimRefusal(pool, claim, at(7))).toBeNull();
    expect(claimRefusal(pool, { ...claim, userId: 'u2' }, at(1))).toBeNull();
  });

  it('refuses the claim beyond claimsPerDay (LIMIT_REACHED); no limit when null', () => {
    expect(claimRefusal(pool, { ...claim, previousOwnerId: null, claimsToday: 1 }, at(1))).toBeNull();
    expect(claimRefusal(pool, { ...claim, previousOwnerId: null, claimsToday: 2 }, at(1))).toMatchObject({ code: 'LIMIT_REACHED', rule: 'pool.claim.perDay', params: { max: 2 } });
    expect(claimRefusal(rules({}), { ...claim, claimsToday: 500 }, at(1))).toBeNull();
  });
});

describe('assignDecision', () => {
  const facts = { holdsAssign: false, inPool: true, managesPool: true, receiverIsMember: true };

  it('lets customer.assign give any customer; a pool admin only a customer of their pool, to one of its members', () => {
    expect(assignDecision({ ...facts, holdsAssign: true, inPool: false, managesPool: false, receiverIsMember: false })).toEqual({ allowed: 'TRANSFER' });
    expect(assignDecision(facts)).toEqual({ allowed: 'POOL_ASSIGN' });
    expect(assignDecision({ ...facts, receiverIsMember: false })).toEqual({ refused: 'NOT_A_MEMBER' });
    expect(assignDecision({ ...facts, inPool: false })).toEqual({ refused: 'FORBIDDEN' });
    expect(assignDecision({ ...facts, managesPool: false })).toEqual({ refused: 'FORBIDDEN' });
  });
});

describe('localMidnight', () => {
  it('cuts the day at the zone’s midnight', () => {
    // 01:30 in Shanghai on 2 June is 17:30 UTC on 1 June: its day began at 16:00 UTC on 1 June.
    expect(localMidnight(new Date('2026-06-01T17:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-06-01T16:00:00.000Z');
    expect(localMidnight(new Date('2026-06-01T15:59:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(localMidnight(new Date('2026-06-01T17:30:00Z'), 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    // Across a DST change (New York, 8 March 2026 at 02:00 local): midnight is still EST.
    expect(localMidnight(new Date('2026-03-08T18:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });
});
