import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '@rapport/core';
import { isActive, transitionProblem, TRANSITIONS, type TicketAction } from './transitions.js';

const STATUSES: TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];
const ACTIONS: TicketAction[] = ['change', 'resolve', 'close', 'reopen'];

/** The lifecycle, written out once more by hand: a change to the table must change this too. */
const ALLOWED: Array<[TicketStatus, TicketStatus, TicketAction]> = [
  ['NEW', 'OPEN', 'change'],
  ['NEW', 'PENDING', 'change'],
  ['NEW', 'RESOLVED', 'resolve'],
  ['OPEN', 'PENDING', 'change'],
  ['OPEN', 'RESOLVED', 'resolve'],
  ['PENDING', 'OPEN', 'change'],
  ['PENDING', 'RESOLVED', 'resolve'],
  ['RESOLVED', 'CLOSED', 'close'],
  ['RESOLVED', 'OPEN', 'reopen'],
  ['CLOSED', 'OPEN', 'reopen'],
];

describe('ticket transitions', () => {
  it('allows exactly the listed transitions, each through one action', () => {
    const allowed = STATUSES.flatMap((from) =>
      STATUSES.flatMap((to) => ACTIONS.filter((action) => transitionProblem(from, to, action) === null).map((action) => [from, to, action])),
    );
    expect(allowed).toEqual(expect.arrayContaining(ALLOWED));
    expect(allowed).toHaveLength(ALLOWED.length);
  });

  it('says which action makes a transition that exists', () => {
    expect(transitionProblem('RESOLVED', 'OPEN', 'change')).toEqual({
      'zh-CN': '要将工单从 RESOLVED 改为 OPEN，请说明原因后重新打开（reopenTicket）',
      en: 'to go from RESOLVED to OPEN, reopen it with a reason (reopenTicket)',
    });
    expect(transitionProblem('CLOSED', 'OPEN', 'change')?.en).toMatch(/reopen it with a reason/);
    expect(transitionProblem('OPEN', 'RESOLVED', 'change')?.en).toMatch(/resolve it with a resolution note/);
    expect(transitionProblem('RESOLVED', 'CLOSED', 'change')?.en).toMatch(/close it \(closeTicket\)/);
  });

  it('names the allowed targets of a transition that does not exist', () => {
    expect(transitionProblem('NEW', 'CLOSED', 'close')?.en).toBe('a NEW ticket cannot become CLOSED (from NEW it can become OPEN, PENDING, RESOLVED)');
    expect(transitionProblem('CLOSED', 'PENDING', 'change')).toEqual({
      'zh-CN': 'CLOSED 状态的工单不能改为 PENDING（CLOSED 状态只能改为 OPEN）',
      en: 'a CLOSED ticket cannot become PENDING (from CLOSED it can become OPEN)',
    });
    expect(transitionProblem('OPEN', 'NEW', 'change')?.en).toMatch(/cannot become NEW/);
  });

  it('rejects staying in the same status', () => {
    for (const status of STATUSES) expect(transitionProblem(status, status, 'change')?.en).toBe(`ticket is already ${status}`);
  });

  it('never leads back to NEW, and only reopening leaves RESOLVED or CLOSED for work', () => {
    for (const targets of Object.values(TRANSITIONS)) expect(Object.keys(targets)).not.toContain('NEW');
    expect(STATUSES.filter(isActive)).toEqual(['NEW', 'OPEN', 'PENDING']);
  });
});
