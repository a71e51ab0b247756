// Pure rules of leads (线索): which status changes are allowed, and where a lead stands on the pool
// clock. `now` is always passed in, so tests move the clock instead of waiting.
import type { FieldError } from '@rapport/core';
import { sales } from './messages.js';

export type LeadStatus = 'NEW' | 'FOLLOWING' | 'CONVERTED' | 'INVALID';

const DAY = 86_400_000;

/** Why a status change is refused (at `status`), or null. CONVERTED is reached only through convertLead. */
export function leadStatusProblem(from: LeadStatus, to: LeadStatus, invalidReason: string | null | undefined): FieldError | null {
  if (from === to) return null;
  if (from === 'CONVERTED') return sales.field('id', 'sales.lead.convertedFixed', {}, 'CONFLICT');
  if (to === 'CONVERTED') return sales.field('status', 'sales.lead.convertWithConvertLead', {}, 'NOT_ALLOWED_VALUE');
  if (to === 'INVALID' && !invalidReason) return sales.field('invalidReason', 'sales.lead.invalidReason', {}, 'REQUIRED');
  return null;
}

/** Leads that can still be worked: followed up, assigned, claimed, released, converted. */
export function isOpenLead(status: LeadStatus): boolean {
  return status === 'NEW' || status === 'FOLLOWING';
}

export interface LeadPoolRules {
  releaseAfterDays: number;
  warnDaysBefore: number;
}

export type LeadPoolVerdict =
  | { verdict: 'KEEP' }
  | { verdict: 'WARN'; releaseAt: Date; daysLeft: number }
  | { verdict: 'RELEASE' };

/**
 * An owned, open lead goes back to the pool `releaseAfterDays` after its last follow-up (or after it
 * was given to its owner); `warnDaysBefore` days earlier its owner is warned once. Unowned, converted
 * and invalid leads are off the clock.
 */
export function leadPoolVerdict(
  lead: { status: LeadStatus; ownerId: string | null; lastFollowUpAt: Date },
  rules: LeadPoolRules,
  now: Date,
): LeadPoolVerdict {
  if (!lead.ownerId || !isOpenLead(lead.status)) return { verdict: 'KEEP' };
  const releaseAt = new Date(lead.lastFollowUpAt.getTime() + rules.releaseAfterDays * DAY);
  if (now >= releaseAt) return { verdict: 'RELEASE' };
  if (rules.warnDaysBefore > 0 && now.getTime() >= releaseAt.getTime() - rules.warnDaysBefore * DAY) {
    return { verdict: 'WARN', releaseAt, daysLeft: Math.ceil((releaseAt.getTime() - now.getTime()) / DAY) };
  }
  return { verdict: 'KEEP' };
}

/** When the lead will go back to the pool, or null when it is off the clock. */
export function leadReleaseAt(lead: { status: LeadStatus; ownerId: string | null; lastFollowUpAt: Date }, rules: LeadPoolRules): Date | null {
  if (!lead.ownerId || !isOpenLead(lead.status)) return null;
  return new Date(lead.lastFollowUpAt.getTime() + rules.releaseAfterDays * DAY);
}

/** The status after a follow-up: a NEW lead is being followed. */
export function statusAfterFollowUp(status: LeadStatus): LeadStatus {
  return status === 'NEW' ? 'FOLLOWING' : status;
}
