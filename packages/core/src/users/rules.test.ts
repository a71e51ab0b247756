import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS, staffViewer } from '../auth/viewer.js';
import { assignmentErrors, handOverSplit, isTimeZone, localeRule, outsideScope, userAdminScope } from './rules.js';

const viewer = (role: 'ADMIN' | 'MANAGER' | 'SALES') => staffViewer({ id: 'v', role, email: 'v@x', name: 'V' }, DEFAULT_ACCESS);

describe('user administration rules', () => {
  it('accepts the two locales and IANA zones only', () => {
    expect(localeRule.safeParse('zh-CN').success).toBe(true);
    expect(localeRule.safeParse('en').success).toBe(true);
    expect(localeRule.safeParse('zh').success).toBe(false);
    expect(localeRule.safeParse('en-US').success).toBe(false);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Atlantis')).toBe(false);
    expect(isTimeZone('+08:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('gives admins every user, managers their teams short of admins, reps nothing', () => {
    const member = { id: 'u', role: 'SALES' as const, teamId: 'east' };
    expect(outsideScope(userAdminScope(viewer('ADMIN'), []), { ...member, role: 'ADMIN' })).toBeNull();
    const manager = userAdminScope(viewer('MANAGER'), ['east']);
    expect(outsideScope(manager, member)).toBeNull();
    expect(outsideScope(manager, { ...member, teamId: 'west' })).toBe('user.outsideTeams');
    expect(outsideScope(manager, { ...member, teamId: null })).toBe('user.outsideTeams');
    expect(outsideScope(manager, { ...member, role: 'ADMIN' })).toBe('user.adminOnlyByAdmin');
    expect(outsideScope(userAdminScope(viewer('SALES'), ['east']), member)).toBe('user.needsAdminScope');
  });

  it('refuses a manager the ADMIN role and teams they do not manage, naming the fields', () => {
    const manager = userAdminScope(viewer('MANAGER'), ['east']);
    expect(assignmentErrors(manager, { role: 'ADMIN', teamId: 'west' }).map((e) => e.field)).toEqual(['role', 'teamId']);
    expect(assignmentErrors(manager, { role: 'MANAGER', teamId: 'east' })).toEqual([]);
    expect(assignmentErrors(manager, { teamId: null }).map((e) => e.field)).toEqual(['teamId']);
    expect(assignmentErrors(userAdminScope(viewer('ADMIN'), []), { role: 'ADMIN', teamId: 'west' })).toEqual([]);
  });

  it('splits a hand-over at the successor’s maximum', () => {
    expect(handOverSplit(10, 0, 100)).toEqual({ toSuccessor: 10, toPool: 0 });
    expect(handOverSplit(10, 95, 100)).toEqual({ toSuccessor: 5, toPool: 5 });
    expect(handOverSplit(10, 100, 100)).toEqual({ toSuccessor: 0, toPool: 10 });
    expect(handOverSplit(10, 120, 100)).toEqual({ toSuccessor: 0, toPool: 10 });
    expect(handOverSplit(0, 0, 100)).toEqual({ toSuccessor: 0, toPool: 0 });
  });
});
