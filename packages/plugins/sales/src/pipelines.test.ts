import type { FieldError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { effectiveProbability, stageMove, stageProblems, type StageDefinition } from './pipelines.js';

const standard: StageDefinition[] = [
  { key: 'lead', name: 'Lead', probability: 10, outcome: 'OPEN' },
  { key: 'needs', name: 'Needs', probability: 25, outcome: 'OPEN' },
  { key: 'won', name: 'Won', probability: 100, outcome: 'WON' },
  { key: 'lost', name: 'Lost', probability: 0, outcome: 'LOST' },
];

describe('stageProblems', () => {
  it('accepts open stages followed by one WON and one LOST stage', () => {
    expect(stageProblems(standard)).toEqual([]);
  });

  it('names every problem by field', () => {
    const problems = stageProblems([
      { key: 'Lead', name: ' ', probability: 101, outcome: 'OPEN' },
      { key: 'won', name: 'Won', probability: 90, outcome: 'WON' },
      { key: 'won', name: 'Won again', probability: 100, outcome: 'WON' },
    ]);
    expect(problems).toMatchObject([
      { field: 'stages', message: 'needs exactly one WON stage' },
      { field: 'stages', message: 'needs exactly one LOST stage' },
      { field: 'stages.0.key', message: 'must be lower-case letters, digits, _ or -, starting with a letter' },
      { field: 'stages.0.name', message: 'must not be empty' },
      { field: 'stages.0.probability', message: 'must be a whole percentage from 0 to 100' },
      { field: 'stages.1.probability', message: 'a WON stage has probability 100' },
      { field: 'stages.2.key', message: 'stage key "won" is used twice' },
    ]);
  });

  it('needs a stage to work in', () => {
    expect(stageProblems(standard.filter((s) => s.outcome !== 'OPEN'))).toMatchObject([{ field: 'stages', message: 'needs at least one OPEN stage' }]);
  });
});

describe('effectiveProbability', () => {
  it("is the override while open, else the stage's; closed ones are certain", () => {
    expect(effectiveProbability({ status: 'OPEN', probability: null }, { probability: 25 })).toBe(25);
    expect(effectiveProbability({ status: 'OPEN', probability: 60 }, { probability: 25 })).toBe(60);
    expect(effectiveProbability({ status: 'WON', probability: 60 }, { probability: 25 })).toBe(100);
    expect(effectiveProbability({ status: 'LOST', probability: 60 }, { probability: 25 })).toBe(0);
  });
});

describe('stageMove', () => {
  const p = 'pipeline';
  const lead = { id: 'lead', pipelineId: p, outcome: 'OPEN' as const };
  const needs = { id: 'needs', pipelineId: p, outcome: 'OPEN' as const };
  const won = { id: 'won', pipelineId: p, outcome: 'WON' as const };
  const lost = { id: 'lost', pipelineId: p, outcome: 'LOST' as const };

  it('advances, wins and loses an open opportunity', () => {
    expect(stageMove('OPEN', lead, needs, null)).toMatchObject({ move: 'advance' });
    expect(stageMove('OPEN', needs, lead, null)).toMatchObject({ move: 'advance' });
    expect(stageMove('OPEN', needs, won, null)).toMatchObject({ move: 'win' });
    expect(stageMove('OPEN', needs, lost, 'price')).toMatchObject({ move: 'lose' });
  });

  it('refuses what makes no sense, naming the field', () => {
    expect(stageMove('OPEN', needs, lost, '  ')).toMatchObject({ problem: { field: 'lostReason', message: 'say why the opportunity was lost', code: 'REQUIRED' } });
    expect((stageMove('OPEN', needs, lost, null) as { problem: FieldError }).problem.messages?.['zh-CN']).toBe('请说明输单原因');
    expect(stageMove('OPEN', needs, needs, null)).toMatchObject({ problem: { field: 'stageId', message: 'the opportunity is already in this stage', code: 'CONFLICT' } });
    expect(stageMove('OPEN', needs, { ...lead, pipelineId: 'other' }, null)).toMatchObject({
      problem: { field: 'stageId', message: "is not a stage of the opportunity's pipeline", code: 'NOT_ALLOWED_VALUE' },
    });
    expect(stageMove('WON', won, lead, null)).toMatchObject({ problem: { field: 'stageId', message: 'a WON opportunity is final: its deal is recorded', code: 'CONFLICT' } });
    expect(stageMove('LOST', lost, won, null)).toMatchObject({
      problem: { field: 'stageId', message: 'a LOST opportunity can only be reopened into an OPEN stage', code: 'CONFLICT' },
    });
  });

  it('reopens a lost opportunity into an open stage', () => {
    expect(stageMove('LOST', lost, needs, null)).toEqual({ move: 'reopen' });
  });
});
