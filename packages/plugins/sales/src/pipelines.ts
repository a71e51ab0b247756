import type { FieldError, OpportunityStatus, UserErrorCode } from '@rapport/core';
import { sales, type SalesMessageKey } from './messages.js';

export interface StageDefinition {
  key: string;
  name: string;
  probability: number;
  outcome: OpportunityStatus;
}

export interface StageRow extends StageDefinition {
  id: string;
  pipelineId: string;
  position: number;
}

const KEY = /^[a-z][a-z0-9_-]{0,39}$/;

/**
 * What is wrong with a pipeline's stages, field by field: OPEN stages to work through, then exactly
 * one WON (probability 100) and one LOST (probability 0) stage that close an opportunity.
 */
export function stageProblems(stages: readonly StageDefinition[], field = 'stages'): FieldError[] {
  const problems: FieldError[] = [];
  const count = (outcome: OpportunityStatus) => stages.filter((s) => s.outcome === outcome).length;
  if (count('OPEN') === 0) problems.push(sales.field(field, 'sales.pipeline.needsOpen'));
  if (count('WON') !== 1) problems.push(sales.field(field, 'sales.pipeline.oneWon'));
  if (count('LOST') !== 1) problems.push(sales.field(field, 'sales.pipeline.oneLost'));
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    const at = `${field}.${i}`;
    if (!KEY.test(stage.key)) problems.push(sales.field(`${at}.key`, 'sales.pipeline.keyFormat'));
    else if (seen.has(stage.key)) problems.push(sales.field(`${at}.key`, 'sales.pipeline.keyTwice', { key: stage.key }));
    seen.add(stage.key);
    if (!stage.name.trim()) problems.push(sales.field(`${at}.name`, 'sales.notEmpty'));
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100) {
      problems.push(sales.field(`${at}.probability`, 'sales.pipeline.probability'));
    } else if (stage.outcome === 'WON' && stage.probability !== 100) {
      problems.push(sales.field(`${at}.probability`, 'sales.pipeline.wonProbability'));
    } else if (stage.outcome === 'LOST' && stage.probability !== 0) {
      problems.push(sales.field(`${at}.probability`, 'sales.pipeline.lostProbability'));
    }
  });
  return problems;
}

/** The chance of winning: a closed opportunity's is its outcome's; an open one's override or its stage's. */
export function effectiveProbability(opportunity: { status: OpportunityStatus; probability: number | null }, stage: { probability: number }): number {
  if (opportunity.status === 'WON') return 100;
  if (opportunity.status === 'LOST') return 0;
  return opportunity.probability ?? stage.probability;
}

export type StageMove = 'advance' | 'win' | 'lose' | 'reopen';

/**
 * What moving an opportunity from one stage to another means, or why it cannot: a WON opportunity
 * is final (its deal is recorded), a LOST one can be reopened into an OPEN stage, and losing needs a reason.
 */
export function stageMove(
  status: OpportunityStatus,
  from: Pick<StageRow, 'id' | 'pipelineId'>,
  to: Pick<StageRow, 'id' | 'pipelineId' | 'outcome'>,
  lostReason: string | null | undefined,
): { move: StageMove } | { problem: FieldError } {
  const problem = (field: string, key: SalesMessageKey, code: UserErrorCode = 'CONFLICT') => ({ problem: sales.field(field, key, {}, code) });
  if (to.pipelineId !== from.pipelineId) return problem('stageId', 'sales.pipeline.notItsStage', 'NOT_ALLOWED_VALUE');
  if (status === 'WON') return problem('stageId', 'sales.pipeline.wonIsFinal');
  if (to.id === from.id) return problem('stageId', 'sales.pipeline.sameStage');
  if (status === 'LOST') {
    return to.outcome === 'OPEN' ? { move: 'reopen' } : problem('stageId', 'sales.pipeline.reopenIntoOpen');
  }
  if (to.outcome === 'LOST') return lostReason?.trim() ? { move: 'lose' } : problem('lostReason', 'sales.pipeline.lostReason', 'REQUIRED');
  return { move: to.outcome === 'WON' ? 'win' : 'advance' };
}
