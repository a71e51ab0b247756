import { RapportError } from '../errors.js';
import type { UserRole } from '../../generated/prisma/client.js';
import type { PrincipalViewer } from './principals.js';
import { rolePermissions, type Permission, type RolePermissions } from './permissions.js';

/** A deployment's access settings, from its configuration. */
export interface AccessSettings {
  rolePermissions: RolePermissions;
  /** Custom-field keys only `customer.viewPrivateFields` may see and set. */
  privateCustomFields: readonly string[];
}

export const DEFAULT_ACCESS: AccessSettings = { rolePermissions: rolePermissions(), privateCustomFields: [] };

interface ViewerBase {
  /** What the viewer may do: role permissions, narrowed to the scopes for an API key. */
  permissions: ReadonlySet<Permission>;
  /** Custom-field keys hidden from this viewer (read and write). */
  hiddenCustomFields: readonly string[];
  /** How people read the actor in the audit log. */
  label: string;
}

/** A signed-in member of staff. */
export interface StaffViewer extends ViewerBase {
  kind: 'staff';
  /** The user's id. */
  id: string;
  role: UserRole;
  email: string;
  name: string;
  /** The sign-in session the access token belongs to; null for viewers made by code (seeds, jobs). */
  sessionId: string | null;
}

/** An integration calling with an API key: it acts as the user who created the key. */
export interface ApiKeyViewer extends ViewerBase {
  kind: 'apiKey';
  /** The id of the user the key acts for, so services record them as owner, author, etc. */
  id: string;
  role: UserRole;
  keyId: string;
}

/** Staff, an integration, or a principal of a kind a plugin registered (auth/principals.ts). */
export type Viewer = StaffViewer | ApiKeyViewer | PrincipalViewer;

export interface StaffUser {
  id: string;
  role: UserRole;
  email: string;
  name: string;
}

/** A staff viewer for a user row: for requests (with their session) and for code acting as someone. */
export function staffViewer(user: StaffUser, access: AccessSettings = DEFAULT_ACCESS, sessionId: string | null = null): StaffViewer {
  const { id, role, email, name } = user;
  const permissions = access.rolePermissions[role];
  return { kind: 'staff', id, role, email, name, sessionId, label: email, permissions, hiddenCustomFields: hiddenFields(permissions, access) };
}

export function hiddenFields(permissions: ReadonlySet<Permission>, access: AccessSettings): readonly string[] {
  return permissions.has('customer.viewPrivateFields') ? [] : access.privateCustomFields;
}

export function can(viewer: Viewer | null | undefined, permission: Permission): boolean {
  return viewer?.permissions.has(permission) ?? false;
}

/** The staff user behind a viewer (an API key's creator), or null for other principals and anonymous callers. */
export function actingUserId(viewer: Viewer | null | undefined): string | null {
  return viewer && viewer.kind !== 'principal' ? viewer.id : null;
}

export function unauthenticated(reason = 'Sign in first: send Authorization: Bearer <access token>'): RapportError {
  return new RapportError('UNAUTHENTICATED', reason);
}

export function forbidden(message: string, extensions: Record<string, unknown> = {}): RapportError {
  return new RapportError('FORBIDDEN', message, extensions);
}

/** Throws FORBIDDEN unless the viewer holds the permission (UNAUTHENTICATED without a viewer). */
export function requirePermission(viewer: Viewer | null | undefined, permission: Permission): void {
  if (!viewer) throw unauthenticated();
  if (!viewer.permissions.has(permission)) throw forbidden(`This needs the ${permission} permission`, { permission });
}
