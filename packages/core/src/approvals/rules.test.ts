import { describe, expect, it } from 'vitest';
import { approvalStepsSchema, decide, mayDecide } from './rules.js';

const manager = { id: '0192f000-0000-7000-8000-00000000aaaa', role: 'MANAGER' as const };
const admin = { id: '0192f000-0000-7000-8000-00000000bbbb', role: 'ADMIN' as const };
const rep = { id: '0192f000-0000-7000-8000-00000000cccc', role: 'SALES' as const };

describe('mayDecide', () => {
  it('by role, by named user and by the owner’s manager', () => {
    expect(mayDecide({ kind: 'ROLE', role: 'ADMIN' }, admin, null)).toBe(true);
    expect(mayDecide({ kind: 'ROLE', role: 'ADMIN' }, manager, null)).toBe(false);
    expect(mayDecide({ kind: 'USER', userId: rep.id }, rep, null)).toBe(true);
    expect(mayDecide({ kind: 'USER', userId: rep.id }, admin, null)).toBe(false);
    expect(mayDecide({ kind: 'OWNER_MANAGER' }, manager, manager.id)).toBe(true);
    expect(mayDecide({ kind: 'OWNER_MANAGER' }, admin, manager.id)).toBe(false);
  });

  it('hands an OWNER_MANAGER step without a manager to the admins', () => {
    expect(mayDecide({ kind: 'OWNER_MANAGER' }, admin, null)).toBe(true);
    expect(mayDecide({ kind: 'OWNER_MANAGER' }, manager, null)).toBe(false);
  });
});

describe('decide', () => {
  const pending = { status: 'PENDING' as const, currentStep: 1, stepCount: 2 };

  it('approving moves to the next step, the last approval approves', () => {
    expect(decide(pending, 'APPROVE')).toEqual({ status: 'PENDING', currentStep: 2, done: false });
    expect(decide({ ...pending, currentStep: 2 }, 'APPROVE')).toEqual({ status: 'APPROVED', currentStep: 2, done: true });
  });

  it('rejecting or withdrawing ends the request at any step', () => {
    expect(decide(pending, 'REJECT')).toEqual({ status: 'REJECTED', currentStep: 1, done: true });
    expect(decide(pending, 'WITHDRAW')).toEqual({ status: 'WITHDRAWN', currentStep: 1, done: true });
  });

  it('refuses decisions on a finished request', () => {
    expect(decide({ ...pending, status: 'APPROVED' }, 'REJECT')).toEqual({ problem: 'the request is already APPROVED' });
  });
});

describe('approvalStepsSchema', () => {
  it('validates flows', () => {
    expect(approvalStepsSchema.safeParse([{ kind: 'OWNER_MANAGER' }, { kind: 'ROLE', role: 'ADMIN' }]).success).toBe(true);
    expect(approvalStepsSchema.safeParse([]).success).toBe(false);
    expect(approvalStepsSchema.safeParse([{ kind: 'ROLE', role: 'BOSS' }]).success).toBe(false);
  });
});
