import { describe, expect, it } from 'vitest';
import type { CampaignStatus } from '@rapport/core';
import { campaignTransitionProblem, isOpen } from './transitions.js';

const STATUSES: CampaignStatus[] = ['PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ABORTED'];

/** The lifecycle, written out once more by hand: a change to the table must change this too. */
const ALLOWED: Array<[CampaignStatus, CampaignStatus]> = [
  ['PLANNED', 'ACTIVE'],
  ['PLANNED', 'ABORTED'],
  ['ACTIVE', 'PAUSED'],
  ['ACTIVE', 'COMPLETED'],
  ['ACTIVE', 'ABORTED'],
  ['PAUSED', 'ACTIVE'],
  ['PAUSED', 'COMPLETED'],
  ['PAUSED', 'ABORTED'],
];

describe('campaign transitions', () => {
  it('allows exactly the listed transitions', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => campaignTransitionProblem(from, to) === null).map((to) => [from, to]));
    expect(allowed).toEqual(ALLOWED);
  });

  it('explains a refused transition, naming what is possible', () => {
    expect(campaignTransitionProblem('PLANNED', 'COMPLETED')?.['zh-CN']).toBe('PLANNED 状态的营销活动不能改为 COMPLETED（PLANNED 状态只能改为 ACTIVE, ABORTED）');
    expect(campaignTransitionProblem('ABORTED', 'PLANNED')?.['zh-CN']).toBe('ABORTED 状态的营销活动已结束，不能再改为 PLANNED');
    expect(campaignTransitionProblem('PLANNED', 'COMPLETED')?.en).toBe('a PLANNED campaign cannot become COMPLETED (from PLANNED it can become ACTIVE, ABORTED)');
    expect(campaignTransitionProblem('PAUSED', 'PLANNED')?.en).toBe('a PAUSED campaign cannot become PLANNED (from PAUSED it can become ACTIVE, COMPLETED, ABORTED)');
    expect(campaignTransitionProblem('COMPLETED', 'ACTIVE')?.en).toBe('a COMPLETED campaign is final and cannot become ACTIVE');
    expect(campaignTransitionProblem('ABORTED', 'PLANNED')?.en).toBe('an ABORTED campaign is final and cannot become PLANNED');
  });

  it('rejects staying in the same status', () => {
    for (const status of STATUSES) expect(campaignTransitionProblem(status, status)).toEqual({ 'zh-CN': `营销活动已是 ${status} 状态`, en: `campaign is already ${status}` });
  });

  it('never returns to PLANNED, and only COMPLETED and ABORTED are closed', () => {
    for (const from of STATUSES) expect(campaignTransitionProblem(from, 'PLANNED')).not.toBeNull();
    expect(STATUSES.filter(isOpen)).toEqual(['PLANNED', 'ACTIVE', 'PAUSED']);
  });
});
