import { describe, expect, it } from 'vitest';
import { sales } from './messages.js';
import { quoteTransition } from './quote-status.js';

const why = (decided: ReturnType<typeof quoteTransition>) => {
  if (!('problem' in decided)) throw new Error(`allowed: to ${decided.to}`);
  return sales.texts('sales.quote.cannot', decided.problem);
};

describe('quoteTransition', () => {
  it('follows draft → sent → accepted / rejected / expired', () => {
    expect(quoteTransition('DRAFT', 'edit')).toEqual({ to: 'DRAFT' });
    expect(quoteTransition('DRAFT', 'send')).toEqual({ to: 'SENT' });
    expect(quoteTransition('SENT', 'accept')).toEqual({ to: 'ACCEPTED' });
    expect(quoteTransition('SENT', 'reject')).toEqual({ to: 'REJECTED' });
    expect(quoteTransition('SENT', 'expire')).toEqual({ to: 'EXPIRED' });
  });

  it('keeps a sent quote immutable: changes go into a new revision', () => {
    expect(why(quoteTransition('SENT', 'edit'))).toEqual({
      'zh-CN': '报价状态为 SENT，不能修改：已发送的报价不能修改，请修订生成新版本',
      en: 'cannot edit a quote that is SENT: a sent quote is immutable; revise it to make a new version',
    });
    expect(quoteTransition('SENT', 'revise')).toEqual({ to: 'SUPERSEDED' });
    expect(quoteTransition('REJECTED', 'revise')).toEqual({ to: 'SUPERSEDED' });
    expect(why(quoteTransition('DRAFT', 'revise'))).toEqual({ 'zh-CN': '报价状态为 DRAFT，不能修订：当前状态不允许', en: 'cannot revise a quote that is DRAFT: it is DRAFT' });
    expect(why(quoteTransition('ACCEPTED', 'revise')).en).toBe('cannot revise a quote that is ACCEPTED: the quote was accepted');
    expect(why(quoteTransition('SUPERSEDED', 'send'))['zh-CN']).toBe('报价状态为 SUPERSEDED，不能发送：已有更新的修订版本取代它');
  });
});
