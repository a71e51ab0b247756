import { describe, expect, it } from 'vitest';
import { archiveRefusal, archivedWhere, deleteRefusal } from './archive.js';

const at = new Date('2026-11-02T09:00:00Z');

describe('customer archive rules', () => {
  it('hides archived customers from lists unless asked for', () => {
    expect(archivedWhere(undefined)).toEqual({ archivedAt: null });
    expect(archivedWhere({})).toEqual({ archivedAt: null });
    expect(archivedWhere({ includeArchived: true })).toEqual({});
    expect(archivedWhere({ archived: true })).toEqual({ archivedAt: { not: null } });
    expect(archivedWhere({ archived: false, includeArchived: true })).toEqual({ archivedAt: null });
  });

  it('archives only a served customer and restores only an archived one', () => {
    expect(archiveRefusal({ archivedAt: null }, true)).toBeNull();
    expect(archiveRefusal({ archivedAt: at }, true)).toBe('customer.alreadyArchived');
    expect(archiveRefusal({ archivedAt: at }, false)).toBeNull();
    expect(archiveRefusal({ archivedAt: null }, false)).toBe('customer.notArchived');
  });

  it('keeps archived customers from deletion', () => {
    expect(deleteRefusal({ archivedAt: at })).toBe('customer.archivedNotDeletable');
    expect(deleteRefusal({ archivedAt: null })).toBeNull();
  });
});
