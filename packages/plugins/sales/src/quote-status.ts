import type { QuoteStatus } from '@rapport/core';

export type QuoteAction = 'edit' | 'send' | 'accept' | 'reject' | 'revise' | 'expire';

/** From which statuses each action may start, and where it leaves the quote (revise: where it leaves the old revision). */
const ACTIONS: Record<QuoteAction, { from: readonly QuoteStatus[]; to: QuoteStatus }> = {
  edit: { from: ['DRAFT'], to: 'DRAFT' },
  send: { from: ['DRAFT'], to: 'SENT' },
  accept: { from: ['SENT'], to: 'ACCEPTED' },
  reject: { from: ['SENT'], to: 'REJECTED' },
  revise: { from: ['SENT', 'REJECTED', 'EXPIRED'], to: 'SUPERSEDED' },
  expire: { from: ['SENT'], to: 'EXPIRED' },
};

const WHY: Partial<Record<QuoteStatus, string>> = {
  SENT: 'a sent quote is immutable; revise it to make a new version',
  ACCEPTED: 'the quote was accepted',
  SUPERSEDED: 'a newer revision replaced it',
};

/** Where the action takes the quote, or why it cannot from this status. */
export function quoteTransition(status: QuoteStatus, action: QuoteAction): { to: QuoteStatus } | { problem: string } {
  const rule = ACTIONS[action];
  if (rule.from.includes(status)) return { to: rule.to };
  const reason = WHY[status] ?? `it is ${status}`;
  return { problem: `cannot ${action} a quote that is ${status}: ${reason}` };
}
