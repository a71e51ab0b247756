// Pure rules: facts about a customer in, tier / stage / churn verdict out, each with the reason that
// applied (stored in the history so people can see why, as a message key and its parameters, read in
// each reader's language). No database, no clock: `now` is an argument.
import { storedMessage } from '../error-messages.js';
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
  /** A stored message (`storedMessage`): read it with `storedMessageIn`. */
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
    return { value: 'X', reason: storedMessage('reason.tierDormant', { days: String(rules.dormantAfterDays) }) };
  }
  if (dealt && value >= rules.aMinAnnualValue && silentDays <= rules.closeContactDays) {
    return { value: 'A', reason: storedMessage('reason.tierKeyAccount', { minValue: String(rules.aMinAnnualValue), days: String(rules.closeContactDays) }) };
  }
  if (dealt) {
    const reason = value >= rules.aMinAnnualValue
      ? storedMessage('reason.tierDealtNoContact', { days: String(rules.closeContactDays) })
      : storedMessage('reason.tierDealtBelowValue', { minValue: String(rules.aMinAnnualValue) });
    return { value: 'B', reason };
  }
  if (facts.offerCount > 0) return { value: 'C', reason: storedMessage('reason.tierOffered') };
  return { value: 'D', reason: storedMessage('reason.tierNothingYet') };
}

/**
 * POTENTIAL without deals; NEW after the first; RETURNING from returningAfterDeals; LOYAL from
 * loyalAfterDeals with a deal in the last loyalRecentDays; DORMANT when a customer that dealt has
 * been silent for lifecycle.dormantAfterDays (a new deal or contact brings it back).
 */
export function stageFor(facts: CustomerFacts, rules: CustomerRules['lifecycle'], now: Date): Verdict<CustomerStage> {
  if (facts.dealCount === 0) return { value: 'POTENTIAL', reason: storedMessage('reason.stageNoDeal') };
  if (daysSince(lastTouch(facts), now) >= rules.dormantAfterDays) {
    return { value: 'DORMANT', reason: storedMessage('reason.stageDormant', { days: String(rules.dormantAfterDays) }) };
  }
  if (facts.dealCount >= rules.loyalAfterDeals && daysSince(facts.lastDealAt, now) <= rules.loyalRecentDays) {
    return { value: 'LOYAL', reason: storedMessage('reason.stageLoyal', { deals: String(facts.dealCount), days: String(rules.loyalRecentDays) }) };
  }
  if (facts.dealCount >= rules.returningAfterDeals) return { value: 'RETURNING', reason: storedMessage('reason.stageReturning', { deals: String(facts.dealCount) }) };
  return { value: 'NEW', reason: storedMessage('reason.stageFirstDeal') };
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
  const contactsFell = contacts > 0 && contacts >= rules.minBaselineContacts && facts.recentContacts < contacts * keep;
  const dealsFell = deals > 0 && deals >= rules.minBaselineDeals && facts.recentDeals < deals * keep;
  const atRisk = contactsFell || dealsFell;
  const reason = atRisk
    ? storedMessage('reason.churn', {
        windowDays: String(rules.windowDays),
        contactsFell: contactsFell ? 'yes' : 'no',
        recentContacts: String(facts.recentContacts),
        baselineContacts: String(round(contacts)),
        dealsFell: dealsFell ? 'yes' : 'no',
        recentDeals: String(facts.recentDeals),
        baselineDeals: String(round(deals)),
      })
    : '';
  return { atRisk, reason, contactsFell, dealsFell, baselineContactsPerWindow: contacts, baselineDealsPerWindow: deals };
}

export const round = (n: number) => Math.round(n * 10) / 10;
