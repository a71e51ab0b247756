import { describe, expect, it } from 'vitest';
import { unstorableText } from './text.js';

describe('unstorableText', () => {
  it('names NULs and lone surrogates by path, and lets paired surrogates (emoji) and Chinese through', () => {
    expect(unstorableText({ name: '杭州茶业 😀', contacts: [{ name: 'a\u0000' }, { note: '\udc00x' }], tags: ['ok', 'x\ud800'] })).toEqual([
      { field: 'contacts.0.name', message: 'must not contain NUL characters' },
      { field: 'contacts.1.note', message: 'must not contain a lone surrogate (invalid Unicode)' },
      { field: 'tags.1', message: 'must not contain a lone surrogate (invalid Unicode)' },
    ]);
    expect(unstorableText('fine', ['query'])).toEqual([]);
    expect(unstorableText('\u0000', ['query'])).toEqual([{ field: 'query', message: 'must not contain NUL characters' }]);
  });
});
