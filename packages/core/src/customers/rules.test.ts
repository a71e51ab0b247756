import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { customerRulesSchema, DEFAULT_CUSTOMER_RULES } from './rules-config.js';
import { churnFor, stageFor, tierFor, type CustomerFacts } from './rules.js';

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
  const churn = rules.churn; // 90-day window, 3 baseline windows, 50 % drop

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
