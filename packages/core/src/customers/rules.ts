// Pure rules: facts about a customer in, tier / stage / churn verdict out, each with the reason that
// applied (stored in the history so people can see why). No database, no clock: `now` is an argument.
import type { CustomerStage, CustomerTier } from '../../generated/prisma/client.js';
import type { CustomerRules } from './rules-config.js';

const DAY = 86_400_000;

/** What the rules know about one customer. */
export interface CustomerFacts {
  annualContractValue: number;
  /** Sum of deals closed in the last 365 days. */
  dealValueLastYear: number;
  dealCount: number;
  lastDealAt: Date | null;
  offerCount: number;
  /** Interactions, deals and offers all move it (see recordContact). */
  lastContactedAt: Date | null;
  createdAt: Date;
}

export interface Verdict<T> {
  value: T;
  reason: string;
}

const daysSince = (at: Date | null, now: Date) => (at ? (now.getTime() - at.getTime()) / DAY : Infinity);

/** The last sign of life: contact (which deals and offers move too), else creation. */
function lastTouch(facts: CustomerFacts): Date {
  return facts.lastContactedAt ?? facts.createdAt;
}

/**
 * X: dealt or quoted before, silent for tiers.dormantAfterDays. A: value ≥ aMinAnnualValue and contact
 * within closeContactDays. B: dealt (a deal or a contract value), not dormant. C: quotes or samples
 * sent, no deal yet. D: the rest (cards exchanged, a first call).
 */
export function tierFor(facts: CustomerFacts, rules: CustomerRules['tiers'], now: Date): Verdict<CustomerTier> {
  const value = Math.max(facts.annualContractValue, facts.dealValueLastYear);
  const dealt = facts.dealCount > 0 || facts.annualContractValue > 0;
  const silentDays = daysSince(lastTouch(facts), now);
  if ((dealt || facts.offerCount > 0) && silentDays >= rules.dormantAfterDays) {
    return { value: 'X', reason: `dealt or quoted before, no contact for ${rules.dormantAfterDays} days` };
  }
  if (dealt && value >= rules.aMinAnnualValue && silentDays <= rules.closeContactDays) {
    return { value: 'A', reason: `annual value ≥ ${rules.aMinAnnualValue} and contact within ${rules.closeContactDays} days` };
  }
  if (dealt) return { value: 'B', reason: value >= rules.aMinAnnualValue ? `dealt; no contact within ${rules.closeContactDays} days` : `dealt; annual value below ${rules.aMinAnnualValue}` };
  if (facts.offerCount > 0) return { value: 'C', reason: 'quotes or samples sent, no deal yet' };
  return { value: 'D', reason: 'no quote, sample or deal yet' };
}

/**
 * POTENTIAL without deals; NEW after the first; RETURNING from returningAfterDeals; LOYAL from
 * loyalAfterDeals with a deal in the last loyalRecentDays; DORMANT when a customer that dealt has
 * been silent for lifecycle.dormantAfterDays (a new deal or contact brings it back).
 */
export function stageFor(facts: CustomerFacts, rules: CustomerRules['lifecycle'], now: Date): Verdict<CustomerStage> {
  if (facts.dealCount === 0) return { value: 'POTENTIAL', reason: 'no deal yet' };
  if (daysSince(lastTouch(facts), now) >= rules.dormantAfterDays) {
    return { value: 'DORMANT', reason: `no contact or deal for ${rules.dormantAfterDays} days` };
  }
  if (facts.dealCount >= rules.loyalAfterDeals && daysSince(facts.lastDealAt, now) <= rules.loyalRecentDays) {
    return { value: 'LOYAL', reason: `${facts.dealCount} deals, the latest within ${rules.loyalRecentDays} days` };
  }
  if (facts.dealCount >= rules.returningAfterDeals) return { value: 'RETURNING', reason: `${facts.dealCount} deals` };
  return { value: 'NEW', reason: 'first deal' };
}

/** Counts per window for the churn rule: the recent window and the total over the baseline windows before it. */
export interface FrequencyFacts {
  recentContacts: number;
  baselineContacts: number;
  recentDeals: number;
  baselineDeals: number;
}

export interface ChurnVerdict {
  atRisk: boolean;
  reason: string;
  /** Which frequencies fell (the alert's parameters: its text comes from the alert catalogue, not from `reason`). */
  contactsFell: boolean;
  dealsFell: boolean;
  /** Baseline averages per window. */
  baselineContactsPerWindow: number;
  baselineDealsPerWindow: number;
}

/**
 * At risk when contact or deal frequency falls: over the recent window there were fewer than
 * (1 − dropRatio) × the baseline's average per window, for a baseline of at least minBaselineContacts
 * (or minBaselineDeals) per window. Customers without such a baseline are not judged.
 */
export function churnFor(facts: FrequencyFacts, rules: CustomerRules['churn']): ChurnVerdict {
  const contacts = facts.baselineContacts / rules.baselineWindows;
  const deals = facts.baselineDeals / rules.baselineWindows;
  const keep = 1 - rules.dropRatio;
  const reasons: string[] = [];
  const contactsFell = contacts > 0 && contacts >= rules.minBaselineContacts && facts.recentContacts < contacts * keep;
  const dealsFell = deals > 0 && deals >= rules.minBaselineDeals && facts.recentDeals < deals * keep;
  if (contactsFell) {
    reasons.push(`contacts fell to ${facts.recentContacts} in the last ${rules.windowDays} days from ${round(contacts)} per ${rules.windowDays} days before`);
  }
  if (dealsFell) {
    reasons.push(`deals fell to ${facts.recentDeals} in the last ${rules.windowDays} days from ${round(deals)} per ${rules.windowDays} days before`);
  }
  return { atRisk: reasons.length > 0, reason: reasons.join('; '), contactsFell, dealsFell, baselineContactsPerWindow: contacts, baselineDealsPerWindow: deals };
}

export const round = (n: number) => Math.round(n * 10) / 10;
