import type { FieldError, OpportunityStatus, UserErrorCode } from '@rapport/core';

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
  if (count('OPEN') === 0) problems.push({ field, message: 'needs at least one OPEN stage' });
  if (count('WON') !== 1) problems.push({ field, message: 'needs exactly one WON stage' });
  if (count('LOST') !== 1) problems.push({ field, message: 'needs exactly one LOST stage' });
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    const at = `${field}.${i}`;
    if (!KEY.test(stage.key)) problems.push({ field: `${at}.key`, message: 'must be lower-case letters, digits, _ or -, starting with a letter' });
    else if (seen.has(stage.key)) problems.push({ field: `${at}.key`, message: `stage key "${stage.key}" is used twice` });
    seen.add(stage.key);
    if (!stage.name.trim()) problems.push({ field: `${at}.name`, message: 'must not be empty' });
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100) {
      problems.push({ field: `${at}.probability`, message: 'must be a whole percentage from 0 to 100' });
    } else if (stage.outcome === 'WON' && stage.probability !== 100) {
      problems.push({ field: `${at}.probability`, message: 'a WON stage has probability 100' });
    } else if (stage.outcome === 'LOST' && stage.probability !== 0) {
      problems.push({ field: `${at}.probability`, message: 'a LOST stage has probability 0' });
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
  const problem = (field: string, message: string, code: UserErrorCode = 'CONFLICT') => ({ problem: { field, message, code } });
  if (to.pipelineId !== from.pipelineId) return problem('stageId', "is not a stage of the opportunity's pipeline", 'NOT_ALLOWED_VALUE');
  if (status === 'WON') return problem('stageId', 'a WON opportunity is final: its deal is recorded');
  if (to.id === from.id) return problem('stageId', 'the opportunity is already in this stage');
  if (status === 'LOST') {
    return to.outcome === 'OPEN' ? { move: 'reopen' } : problem('stageId', 'a LOST opportunity can only be reopened into an OPEN stage');
  }
  if (to.outcome === 'LOST') return lostReason?.trim() ? { move: 'lose' } : problem('lostReason', 'say why the opportunity was lost', 'REQUIRED');
  return { move: to.outcome === 'WON' ? 'win' : 'advance' };
}
