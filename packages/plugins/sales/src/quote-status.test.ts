import { describe, expect, it } from 'vitest';
import { quoteTransition } from './quote-status.js';

describe('quoteTransition', () => {
  it('follows draft → sent → accepted / rejected / expired', () => {
    expect(quoteTransition('DRAFT', 'edit')).toEqual({ to: 'DRAFT' });
    expect(quoteTransition('DRAFT', 'send')).toEqual({ to: 'SENT' });
    expect(quoteTransition('SENT', 'accept')).toEqual({ to: 'ACCEPTED' });
    expect(quoteTransition('SENT', 'reject')).toEqual({ to: 'REJECTED' });
    expect(quoteTransition('SENT', 'expire')).toEqual({ to: 'EXPIRED' });
  });

  it('keeps a sent quote immutable: changes go into a new revision', () => {
    expect(quoteTransition('SENT', 'edit')).toEqual({ problem: 'cannot edit a quote that is SENT: a sent quote is immutable; revise it to make a new version' });
    expect(quoteTransition('SENT', 'revise')).toEqual({ to: 'SUPERSEDED' });
    expect(quoteTransition('REJECTED', 'revise')).toEqual({ to: 'SUPERSEDED' });
    expect(quoteTransition('DRAFT', 'revise')).toEqual({ problem: 'cannot revise a quote that is DRAFT: it is DRAFT' });
    expect(quoteTransition('ACCEPTED', 'revise')).toEqual({ problem: 'cannot revise a quote that is ACCEPTED: the quote was accepted' });
    expect(quoteTransition('SUPERSEDED', 'send')).toEqual({ problem: 'cannot send a quote that is SUPERSEDED: a newer revision replaced it' });
  });
});
