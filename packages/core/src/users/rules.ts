// Rules of user administration, as plain functions: who may manage whom, what a locale and a time zone
// are, how a hand-over splits a portfolio at the per-owner maximum.
import { z } from 'zod';
import type { UserRole } from '../../generated/prisma/client.js';
import type { Viewer } from '../auth/viewer.js';

/** Languages Rapport speaks, as BCP-47 tags. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeRule = z.string().refine((v): v is Locale => (LOCALES as readonly string[]).includes(v), {
  message: `must be one of ${LOCALES.join(', ')}`,
});

/** An IANA zone the runtime knows (Asia/Shanghai, Europe/Berlin, UTC, ...); abbreviations are refused. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneRule = z.string().trim().refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Asia/Shanghai' });

/** What a viewer may do to users: everyone (user.manage), the members of the teams they manage, or nothing. */
export type UserAdminScope = { kind: 'all' } | { kind: 'teams'; teamIds: ReadonlySet<string> } | { kind: 'none' };

export function userAdminScope(viewer: Viewer | null, managedTeamIds: readonly string[]): UserAdminScope {
  if (viewer?.permissions.has('user.manage')) return { kind: 'all' };
  if (viewer?.permissions.has('user.manageTeam')) return { kind: 'teams', teamIds: new Set(managedTeamIds) };
  return { kind: 'none' };
}

export interface ManagedUser {
  id: string;
  role: UserRole;
  teamId: string | null;
}

/** Why the scope may not act on this user (null: it may). A team scope never reaches admins. */
export function outsideScope(scope: UserAdminScope, user: ManagedUser): string | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'none') return 'This needs the user.manage or user.manageTeam permission';
  if (user.role === 'ADMIN') return 'Only an admin may change an admin';
  if (!user.teamId || !scope.teamIds.has(user.teamId)) return 'You may manage only the members of the teams you manage';
  return null;
}

/** Field errors for what a team scope may not set: the ADMIN role, a team it does not manage. */
export function assignmentErrors(scope: UserAdminScope, set: { role?: UserRole | undefined; teamId?: string | null | undefined }) {
  if (scope.kind !== 'teams') return [];
  const errors: Array<{ field: string; message: string }> = [];
  if (set.role === 'ADMIN') errors.push({ field: 'role', message: 'only an admin may make someone an admin' });
  if (set.teamId !== undefined && (set.teamId === null || !scope.teamIds.has(set.teamId))) {
    errors.push({ field: 'teamId', message: 'must be a team you manage' });
  }
  return errors;
}

/**
 * How many of a departing owner's customers the successor can take within the per-owner maximum; the
 * rest go to the public pool.
 */
export function handOverSplit(departing: number, successorOwns: number, maxOwnedCustomers: number): { toSuccessor: number; toPool: number } {
  const room = Math.max(0, maxOwnedCustomers - successorOwns);
  const toSuccessor = Math.min(departing, room);
  return { toSuccessor, toPool: departing - toSuccessor };
}
