import type { CampaignStatus } from '@rapport/core';

/** Every allowed status change of a campaign. COMPLETED and ABORTED are final. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  PLANNED: ['ACTIVE', 'ABORTED'],
  ACTIVE: ['PAUSED', 'COMPLETED', 'ABORTED'],
  PAUSED: ['ACTIVE', 'COMPLETED', 'ABORTED'],
  COMPLETED: [],
  ABORTED: [],
};

/** Why a campaign cannot go from `from` to `to`, or null when it can. */
export function campaignTransitionProblem(from: CampaignStatus, to: CampaignStatus): string | null {
  if (from === to) return `campaign is already ${from}`;
  const allowed = CAMPAIGN_TRANSITIONS[from];
  if (allowed.includes(to)) return null;
  const article = /^[AEIOU]/.test(from) ? 'an' : 'a';
  if (allowed.length === 0) return `${article} ${from} campaign is final and cannot become ${to}`;
  return `${article} ${from} campaign cannot become ${to} (from ${from} it can become ${allowed.join(', ')})`;
}

/** Campaigns still running or about to: members may be added and responses recorded. */
export function isOpen(status: CampaignStatus): boolean {
  return status !== 'COMPLETED' && status !== 'ABORTED';
}
