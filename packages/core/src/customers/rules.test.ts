import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { customerRulesSchema, DEFAULT_CUSTOMER_RULES } from './rules-config.js';
import { storedMessageIn } from '../error-messages.js';
import { churnFor as churnRule, stageFor as stageRule, tierFor as tierRule, type CustomerFacts } from './rules.js';

// The rules store reasons as message keys; these read them in English, as a reader with locale en does.
const inEnglish = <V extends { reason: string }>(verdict: V): V => ({ ...verdict, reason: storedMessageIn('en', verdict.reason)! });
const tierFor = (...args: Parameters<typeof tierRule>) => inEnglish(tierRule(...args));
const stageFor = (...args: Parameters<typeof stageRule>) => inEnglish(stageRule(...args));
const churnFor = (...args: Parameters<typeof churnRule>) => inEnglish(churnRule(...args));

const DAY = 86_400_000;
const rules = DEFAULT_CUSTOMER_RULES;

function facts(clock: ManualClock, patch: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    annualContractValue: 0,
    dealValueLastYear: 0,
    dealCount: 0,
    lastDealAt: null,
    offerCount: 0,
    lastContactedAt: clock.now(),
    createdAt: new Date(clock.now().getTime() - 400 * DAY),
    ...patch,
  };
}

describe('tierFor on a controllable clock', () => {
  it('walks D → C → B → A as offers, deals and value arrive, and to X after dormantAfterDays of silence', () => {
    const clock = new ManualClock('2026-06-01T09:00:00Z');
    expect(tierFor(facts(clock), rules.tiers, clock.now()).value).toBe('D');
    expect(tierFor(facts(clock, { offerCount: 1 }), rules.tiers, clock.now()).value).toBe('C');
    const dealt = facts(clock, { offerCount: 1, dealCount: 1, dealValueLastYear: 80_000, lastDealAt: clock.now() });
    expect(tierFor(dealt, rules.tiers, clock.now()).value).toBe('B');
    const big = { ...dealt, annualContractValue: 500_000 };
    expect(tierFor(big, rules.tiers, clock.now())).toMatchObject({ value: 'A', reason: expect.stringContaining('500000') });

    clock.advance(30 * DAY); // still close contact on the last day
    expect(tierFor(big, rules.tiers, clock.now()).value).toBe('A');
    clock.advance(1 * DAY);
    expect(tierFor(big, rules.tiers, clock.now()).value).toBe('B');
    clock.advance(58 * DAY); // 89 days
    expect(tierFor(big, rules.tiers, clock.now()).value).toBe('B');
    clock.advance(1 * DAY); // 90 days
    expect(tierFor(big, rules.tiers, clock.now())).toMatchObject({ value: 'X', reason: expect.stringContaining('90 days') });
    expect(tierFor(facts(clock, { offerCount: 2, lastContactedAt: new Date(clock.now().getTime() - 90 * DAY) }), rules.tiers, clock.now()).value).toBe('X');
  });

  it('never makes a customer without deal or offer dormant, and counts deal value of the last year towards A', () => {
    const clock = new ManualClock();
    const silent = facts(clock, { lastContactedAt: null, createdAt: new Date(clock.now().getTime() - 900 * DAY) });
    expect(tierFor(silent, rules.tiers, clock.now()).value).toBe('D');
    const byDeals = facts(clock, { annualContractValue: 100_000, dealValueLastYear: 600_000, dealCount: 3 });
    expect(tierFor(byDeals, rules.tiers, clock.now()).value).toBe('A');
  });

  it('follows configured thresholds', () => {
    const clock = new ManualClock();
    const custom = customerRulesSchema.parse({ tiers: { aMinAnnualValue: 1_000, dormantAfterDays: 10 } });
    const small = facts(clock, { annualContractValue: 1_000, dealCount: 1 });
    expect(tierFor(small, custom.tiers, clock.now()).value).toBe('A');
    clock.advance(10 * DAY);
    expect(tierFor(small, custom.tiers, clock.now()).value).toBe('X');
  });
});

describe('stageFor on a controllable clock', () => {
  it('POTENTIAL → NEW on the first deal → RETURNING from the second → LOYAL from the tenth → DORMANT after silence', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const at = () => clock.now();
    expect(stageFor(facts(clock), rules.lifecycle, at()).value).toBe('POTENTIAL');
    expect(stageFor(facts(clock, { dealCount: 1, lastDealAt: at() }), rules.lifecycle, at())).toEqual({ value: 'NEW', reason: 'first deal' });
    expect(stageFor(facts(clock, { dealCount: 2, lastDealAt: at() }), rules.lifecycle, at()).value).toBe('RETURNING');
    expect(stageFor(facts(clock, { dealCount: 9, lastDealAt: at() }), rules.lifecycle, at()).value).toBe('RETURNING');
    const loyal = facts(clock, { dealCount: 10, lastDealAt: at() });
    expect(stageFor(loyal, rules.lifecycle, at()).value).toBe('LOYAL');

    clock.advance(89 * DAY);
    expect(stageFor(loyal, rules.lifecycle, at()).value).toBe('LOYAL');
    clock.advance(1 * DAY);
    expect(stageFor(loyal, rules.lifecycle, at())).toMatchObject({ value: 'DORMANT', reason: 'no contact or deal for 90 days' });
  });

  it('keeps LOYAL only while still buying: ten deals but none within loyalRecentDays is RETURNING', () => {
    const clock = new ManualClock();
    const old = facts(clock, { dealCount: 12, lastDealAt: new Date(clock.now().getTime() - 400 * DAY) });
    expect(stageFor(old, rules.lifecycle, clock.now()).value).toBe('RETURNING');
  });
});

describe('churnFor', () => {
  const churn = { ...rules.churn, windowDays: 90, baselineWindows: 3, minBaselineContacts: 2, minBaselineDeals: 1 }; // 90-day window, 3 baseline windows, 50 % drop

  it('flags a fall in contact frequency below half the baseline average', () => {
    expect(churnFor({ recentContacts: 1, baselineContacts: 9, recentDeals: 0, baselineDeals: 0 }, churn)).toMatchObject({
      atRisk: true,
      baselineContactsPerWindow: 3,
      reason: expect.stringContaining('contacts fell to 1'),
    });
    expect(churnFor({ recentContacts: 2, baselineContacts: 9, recentDeals: 0, baselineDeals: 0 }, churn).atRisk).toBe(false);
  });

  it('flags a fall in deal frequency, and ignores customers without enough baseline', () => {
    expect(churnFor({ recentContacts: 5, baselineContacts: 9, recentDeals: 0, baselineDeals: 3 }, churn)).toMatchObject({
      atRisk: true,
      reason: expect.stringContaining('deals fell to 0'),
    });
    expect(churnFor({ recentContacts: 0, baselineContacts: 3, recentDeals: 0, baselineDeals: 2 }, churn).atRisk).toBe(false);
  });
});

describe('the reasons and boundaries people read', () => {
  const clock = new ManualClock('2026-06-01T09:00:00Z');
  const now = clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  it('gives each tier its own reason; a contract value alone counts as dealt', () => {
    expect(tierFor(facts(clock), rules.tiers, now)).toEqual({ value: 'D', reason: 'no quote, sample or deal yet' });
    expect(tierFor(facts(clock, { offerCount: 1 }), rules.tiers, now)).toEqual({ value: 'C', reason: 'quotes or samples sent, no deal yet' });
    expect(tierFor(facts(clock, { annualContractValue: 1 }), rules.tiers, now)).toEqual({ value: 'B', reason: 'dealt; annual value below 500000' });
    const bigButDistant = facts(clock, { dealCount: 1, annualContractValue: 500_000, lastContactedAt: ago(31) });
    expect(tierFor(bigButDistant, rules.tiers, now)).toEqual({ value: 'B', reason: 'dealt; no contact within 30 days' });
    expect(tierFor(facts(clock, { dealCount: 1, annualContractValue: 499_999, lastContactedAt: ago(31) }), rules.tiers, now).reason).toBe('dealt; annual value below 500000');
    expect(tierFor(facts(clock, { dealCount: 1, annualContractValue: 500_000 }), rules.tiers, now)).toEqual({ value: 'A', reason: 'annual value ≥ 500000 and contact within 30 days' });
    expect(tierFor(facts(clock, { dealCount: 1, lastContactedAt: ago(90) }), rules.tiers, now)).toEqual({ value: 'X', reason: 'dealt or quoted before, no contact for 90 days' });
  });

  it('reads the same reasons in Chinese, the deal rendered around the rule inside it', () => {
    const tier = tierRule(facts(clock, { dealCount: 1, lastContactedAt: ago(90) }), rules.tiers, now);
    expect(storedMessageIn('zh-CN', tier.reason)).toBe('曾成交或报价，已 90 天未联系');
    const churn = churnRule({ baselineContacts: 70, recentContacts: 1, baselineDeals: 4, recentDeals: 0 }, rules.churn);
    expect(storedMessageIn('zh-CN', churn.reason)).toBe('最近 41 天联系降至 1 次，此前每 41 天 10 次；最近 41 天成交降至 0 笔，此前每 41 天 0.6 笔');
    const byDeal = JSON.stringify({ key: 'reason.byDeal', params: { deal: '年度框架协议', rule: stageRule(facts(clock, { dealCount: 1, lastDealAt: now }), rules.lifecycle, now).reason } });
    expect(storedMessageIn('zh-CN', byDeal)).toBe('成交「年度框架协议」：首次成交');
    expect(storedMessageIn('en', byDeal)).toBe('deal "年度框架协议": first deal');
    // What a person typed, or a reason stored before reasons had keys, reads as written.
    expect(storedMessageIn('zh-CN', '客户要求')).toBe('客户要求');
  });

  it('gives each stage its own reason, LOYAL up to exactly loyalRecentDays after the latest deal', () => {
    expect(stageFor(facts(clock), rules.lifecycle, now)).toEqual({ value: 'POTENTIAL', reason: 'no deal yet' });
    expect(stageFor(facts(clock, { dealCount: 3, lastDealAt: now }), rules.lifecycle, now)).toEqual({ value: 'RETURNING', reason: '3 deals' });
    const loyal = (days: number) => stageFor(facts(clock, { dealCount: 10, lastDealAt: ago(days) }), rules.lifecycle, now);
    expect(loyal(365)).toEqual({ value: 'LOYAL', reason: '10 deals, the latest within 365 days' });
    expect(loyal(366).value).toBe('RETURNING');
  });

  it('flags exactly below the kept share of the baseline, for a baseline of at least the minimum', () => {
    const churn = { ...rules.churn, windowDays: 90, baselineWindows: 3, minBaselineContacts: 2, minBaselineDeals: 1 }; // keep 50 %; at least 2 contacts and 1 deal per window
    const verdict = (f: Partial<{ recentContacts: number; baselineContacts: number; recentDeals: number; baselineDeals: number }>) =>
      churnFor({ recentContacts: 0, baselineContacts: 0, recentDeals: 0, baselineDeals: 0, ...f }, churn);
    // 2 per window is the minimum and judged; 1 recent is exactly half: kept, not at risk.
    expect(verdict({ baselineContacts: 6, recentContacts: 1 }).atRisk).toBe(false);
    expect(verdict({ baselineContacts: 6, recentContacts: 0 }).atRisk).toBe(true);
    expect(verdict({ baselineContacts: 5, recentContacts: 0 }).atRisk).toBe(false); // 1.67 per window: below the minimum
    // Deals: 2 per window, 1 recent is half (kept); 0 is a fall. A multiplication, not a division: 3 recent of 2 is no fall.
    expect(verdict({ baselineDeals: 6, recentDeals: 1 }).atRisk).toBe(false);
    expect(verdict({ baselineDeals: 6, recentDeals: 3 }).atRisk).toBe(false);
    expect(verdict({ baselineDeals: 6, recentDeals: 0 }).atRisk).toBe(true);
    expect(verdict({ baselineDeals: 3, recentDeals: 0 }).atRisk).toBe(true); // 1 per window: the minimum, judged
    // Both fall: both reasons, joined, with the baseline rounded to one decimal.
    expect(verdict({ baselineContacts: 10, recentContacts: 1, baselineDeals: 4, recentDeals: 0 })).toEqual({
      atRisk: true,
      contactsFell: true,
      dealsFell: true,
      reason: 'contacts fell to 1 in the last 90 days from 3.3 per 90 days before; deals fell to 0 in the last 90 days from 1.3 per 90 days before',
      baselineContactsPerWindow: 10 / 3,
      baselineDealsPerWindow: 4 / 3,
    });
    expect(verdict({})).toEqual({ atRisk: false, reason: '', contactsFell: false, dealsFell: false, baselineContactsPerWindow: 0, baselineDealsPerWindow: 0 });
  });

  it('does not judge a customer without baseline even when the minimum is zero', () => {
    const lenient = customerRulesSchema.parse({ churn: { minBaselineContacts: 0, minBaselineDeals: 0 } }).churn;
    expect(churnFor({ recentContacts: 0, baselineContacts: 0, recentDeals: 0, baselineDeals: 0 }, lenient).atRisk).toBe(false);
  });
});
