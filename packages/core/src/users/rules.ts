// Rules of user administration, as plain functions: who may manage whom, what a locale and a time zone
// are, how a hand-over splits a portfolio at the per-owner maximum.
import { z } from 'zod';
import type { UserRole } from '../../generated/prisma/client.js';
import type { Viewer } from '../auth/viewer.js';
import { storedMessage, type ErrorMessageKey } from '../error-messages.js';
import { fieldError, type FieldError } from '../errors.js';

/** Languages Rapport speaks, as BCP-47 tags. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeRule = z.string().refine((v): v is Locale => (LOCALES as readonly string[]).includes(v), {
  message: storedMessage('user.localeOneOf', { locales: LOCALES.join(', ') }),
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

export const timeZoneRule = z.string().trim().refine(isTimeZone, { message: 'user.timeZone' });

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

/** Why the scope may not act on this user, as a message key (null: it may). A team scope never reaches admins. */
export function outsideScope(scope: UserAdminScope, user: ManagedUser): ErrorMessageKey | null {
  if (scope.kind === 'all') return null;
  if (scope.kind === 'none') return 'user.needsAdminScope';
  if (user.role === 'ADMIN') return 'user.adminOnlyByAdmin';
  if (!user.teamId || !scope.teamIds.has(user.teamId)) return 'user.outsideTeams';
  return null;
}

/** Field errors for what a team scope may not set: the ADMIN role, a team it does not manage. */
export function assignmentErrors(scope: UserAdminScope, set: { role?: UserRole | undefined; teamId?: string | null | undefined }) {
  if (scope.kind !== 'teams') return [];
  const errors: FieldError[] = [];
  if (set.role === 'ADMIN') errors.push(fieldError('role', 'user.onlyAdminMakesAdmin'));
  if (set.teamId !== undefined && (set.teamId === null || !scope.teamIds.has(set.teamId))) {
    errors.push(fieldError('teamId', 'user.teamYouManage'));
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
