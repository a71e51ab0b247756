import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight.js';

describe('search highlights', () => {
  it('splits the marked matches out and unescapes the text', () => {
    expect(highlightParts('如何<mark>退款</mark>：先 &lt;申请&gt; &amp; 审核')).toEqual([
      { text: '如何', mark: false },
      { text: '退款', mark: true },
      { text: '：先 <申请> & 审核', mark: false },
    ]);
  });

  it('keeps markup the graph escaped as text, never as tags', () => {
    const parts = highlightParts('&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>');
    expect(parts.map((p) => p.text).join('')).toBe('<script>alert(1)</script> x');
    expect(parts.filter((p) => p.mark)).toEqual([{ text: 'x', mark: true }]);
    expect(highlightParts('')).toEqual([]);
    expect(highlightParts('<mark>全</mark>')).toEqual([{ text: '全', mark: true }]);
  });
});
