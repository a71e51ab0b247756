import { describe, expect, it } from 'vitest';
import { bulkColumns, bulkRow } from './bulk-insert.js';

describe('bulk insert rows', () => {
  it('lists every key any row gives, and the filled ones, once', () => {
    expect(bulkColumns([{ id: 'a', name: 'x' }, { id: 'b', email: 'e', phone: undefined }], { updatedAt: 1 })).toEqual(['updatedAt', 'id', 'name', 'email']);
  });

  it('fills only the keys a row lacks (or leaves undefined), keeping its own nulls', () => {
    expect(bulkRow({ id: 'a', tier: 'A', stage: undefined, email: null }, { tier: 'D', stage: 'POTENTIAL' })).toEqual({ id: 'a', tier: 'A', stage: 'POTENTIAL', email: null });
  });
});
