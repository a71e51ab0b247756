// Pure approval rules: who may decide a step, and what a decision does to a request.
import { z } from 'zod';
import type { ApprovalAction, ApprovalStatus, UserRole } from '../../generated/prisma/client.js';

/** One step of a flow: anyone with a role, one named user, or the manager of the record owner's team. */
export const approvalStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ROLE'), role: z.enum(['ADMIN', 'MANAGER', 'SALES', 'SERVICE', 'MARKETING']) }),
  z.strictObject({ kind: z.literal('USER'), userId: z.uuid() }),
  z.strictObject({ kind: z.literal('OWNER_MANAGER') }),
]);
export const approvalStepsSchema = z.array(approvalStepSchema).min(1, 'an approval flow needs at least one step').max(10);

export type ApprovalStep = z.output<typeof approvalStepSchema>;

export interface Approver {
  id: string;
  role: UserRole;
}

/**
 * Whether `user` may decide `step`. An OWNER_MANAGER step with no manager to ask (the owner has no
 * team or its team no manager) falls to the admins, so a request never gets stuck.
 */
export function mayDecide(step: ApprovalStep, user: Approver, ownerManagerId: string | null): boolean {
  switch (step.kind) {
    case 'ROLE':
      return user.role === step.role;
    case 'USER':
      return user.id === step.userId;
    case 'OWNER_MANAGER':
      return ownerManagerId ? user.id === ownerManagerId : user.role === 'ADMIN';
  }
}

export interface RequestState {
  status: ApprovalStatus;
  currentStep: number;
  stepCount: number;
}

/** What a decision leads to, or why it is not possible now. */
export function decide(state: RequestState, action: ApprovalAction): { status: ApprovalStatus; currentStep: number; done: boolean } | { problem: string } {
  if (state.status !== 'PENDING') return { problem: `the request is already ${state.status}` };
  if (action === 'WITHDRAW') return { status: 'WITHDRAWN', currentStep: state.currentStep, done: true };
  if (action === 'REJECT') return { status: 'REJECTED', currentStep: state.currentStep, done: true };
  if (state.currentStep < state.stepCount) return { status: 'PENDING', currentStep: state.currentStep + 1, done: false };
  return { status: 'APPROVED', currentStep: state.currentStep, done: true };
}
