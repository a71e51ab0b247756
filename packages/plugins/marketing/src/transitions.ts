import type { CampaignStatus, Messages } from '@rapport/core';
import { marketing } from './messages.js';

/** Every allowed status change of a campaign. COMPLETED and ABORTED are final. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  PLANNED: ['ACTIVE', 'ABORTED'],
  ACTIVE: ['PAUSED', 'COMPLETED', 'ABORTED'],
  PAUSED: ['ACTIVE', 'COMPLETED', 'ABORTED'],
  COMPLETED: [],
  ABORTED: [],
};

/** Why a campaign cannot go from `from` to `to` (in every language), or null when it can. */
export function campaignTransitionProblem(from: CampaignStatus, to: CampaignStatus): Messages | null {
  if (from === to) return marketing.texts('marketing.campaign.alreadyStatus', { status: from });
  const allowed = CAMPAIGN_TRANSITIONS[from];
  if (allowed.includes(to)) return null;
  if (allowed.length === 0) return marketing.texts('marketing.campaign.final', { from, to });
  return marketing.texts('marketing.campaign.notAllowed', { from, to, targets: allowed.join(', ') });
}

/** Campaigns still running or about to: members may be added and responses recorded. */
export function isOpen(status: CampaignStatus): boolean {
  return status !== 'COMPLETED' && status !== 'ABORTED';
}
