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


/** Where the action takes the quote, or why it cannot from this status (the parameters of sales.quote.cannot). */
export function quoteTransition(status: QuoteStatus, action: QuoteAction): { to: QuoteStatus } | { problem: { action: QuoteAction; status: QuoteStatus } } {
  const rule = ACTIONS[action];
  if (rule.from.includes(status)) return { to: rule.to };
  // The text (sales.quote.cannot) says why for SENT, ACCEPTED and SUPERSEDED; other statuses read as themselves.
  return { problem: { action, status } };
}
