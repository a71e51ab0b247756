// The alert row rule on its own: the bus routes alerts by recipient, so the end-to-end suites cannot
// tell whether the rule itself still compares recipients (a scratch mutation dropping it survived them).
import { describe, expect, it } from 'vitest';
import { staffViewer, type Viewer } from '../auth/viewer.js';
import { NOTHING } from '../auth/visibility.js';
import { alertAddress, alertReaches, alertsOfRecipient, alertsVisibleTo, STAFF_RECIPIENT } from './service.js';

const rep = staffViewer({ id: 'rep-1', role: 'SALES', email: 'rep@example.cn', name: '王小明' });
const narrowed = (viewer: Viewer, ...taken: string[]): Viewer =>
  ({ ...viewer, permissions: new Set([...viewer.permissions].filter((p) => !taken.includes(p))) }) as Viewer;

describe('alertsVisibleTo', () => {
  it("lists the viewer's own fired alerts only", () => {
    expect(alertsVisibleTo(rep)).toEqual({ recipientKind: 'USER', recipientId: 'rep-1', firedAt: { not: null } });
  });

  it('lists nothing without customer.read, or without a viewer', () => {
    expect(alertsVisibleTo(narrowed(rep, 'customer.read'))).toBe(NOTHING);
    expect(alertsVisibleTo(null)).toBe(NOTHING);
  });
});

describe('alertReaches', () => {
  it("pushes the viewer's own alert, and nobody else's", () => {
    expect(alertReaches(rep, { recipientId: 'rep-1' })).toBe(true);
    expect(alertReaches(rep, { recipientId: 'rep-2' })).toBe(false);
  });

  it('keeps other recipient kinds at addresses no staff id takes', () => {
    expect(alertAddress(STAFF_RECIPIENT, 'rep-1')).toBe('rep-1');
    expect(alertAddress('PARTNER_USER', 'rep-1')).toBe('PARTNER_USER:rep-1');
    expect(alertReaches(rep, { recipientId: alertAddress('PARTNER_USER', 'rep-1') })).toBe(false);
    expect(alertsOfRecipient('PARTNER_USER', 'p-1')).toEqual({ recipientKind: 'PARTNER_USER', recipientId: 'p-1', firedAt: { not: null } });
  });

  it('pushes nothing without customer.read, or without a viewer', () => {
    expect(alertReaches(narrowed(rep, 'customer.read'), { recipientId: 'rep-1' })).toBe(false);
    expect(alertReaches(undefined, { recipientId: 'rep-1' })).toBe(false);
  });
});
