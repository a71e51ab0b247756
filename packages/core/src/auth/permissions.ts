import { z } from 'zod';
import type { UserRole } from '../../generated/prisma/client.js';

/**
 * Every permission name a role (or an API key's scopes) can grant, as a type: core's below, and each
 * plugin's added by declaration merging, so plugin code is type-checked against its own permissions:
 *
 *   declare module '@rapport/core' { interface PermissionRegistry { 'invoice.approve': true } }
 *
 * together with `permissions: [{ name: 'invoice.approve', description, roles }]` in `definePlugin`,
 * which makes it exist at run time (only while the plugin is enabled).
 */
export interface PermissionRegistry {
  'customer.read': true;
  'customer.readAll': true;
  'customer.team': true;
  'customer.write': true;
  'customer.editAll': true;
  'customer.assign': true;
  'customer.viewFinancials': true;
  'customer.viewPrivateFields': true;
  'customer.merge': true;
  'customer.archive': true;
  'customField.manage': true;
  'tag.manage': true;
  'audit.read': true;
  'apiKey.manage': true;
  'role.manage': true;
  'user.manage': true;
  'user.manageTeam': true;
  'data.import': true;
  'data.export': true;
  'webhook.manage': true;
  'pool.manage': true;
}

export type Permission = Extract<keyof PermissionRegistry, string>;

/** A permission a plugin declares: its name, what it allows, and the roles holding it by default. */
export interface PermissionDefinition {
  name: Permission;
  description: string;
  /** Roles that hold it unless RAPPORT_ROLE_PERMISSIONS says otherwise; ADMIN holds every permission. */
  roles?: readonly UserRole[];
}

/** Core's permissions. Row rules come on top: see visibility.ts. */
export const PERMISSIONS: Readonly<Record<string, string>> = {
  'customer.read': 'See customers you own, share or manage, and the public pool (with their contacts and activities).',
  'customer.readAll': 'See every customer.',
  'customer.team': "See and change the customers owned by members of the teams you manage.",
  'customer.write': 'Create customers; change those you may edit, with their contacts and activities.',
  'customer.editAll': 'Change every customer.',
  'customer.assign': 'Give a customer to another user.',
  'customer.viewFinancials': 'See and set annualContractValue (and order by it).',
  'customer.viewPrivateFields': 'See and set private custom fields (and those listed in RAPPORT_PRIVATE_CUSTOM_FIELDS).',
  'customer.merge': 'Merge duplicate customers you may change into one (mergeCustomers).',
  'customer.archive': 'Archive customers you may change that are no longer served, and restore them (archiveCustomer, unarchiveCustomer).',
  'customField.manage': 'Define, change and archive custom fields.',
  'tag.manage': 'Create, rename, recolour and archive tags.',
  'audit.read': 'Read the audit log.',
  'apiKey.manage': 'Create, list and revoke API keys.',
  'role.manage': "See roles' permissions and change them (setRolePermissions).",
  'user.manage': 'Create, invite, change, deactivate and reactivate any user; create teams, set their manager and members.',
  'user.manageTeam': 'The same for the members of the teams you manage, short of making anyone an admin.',
  'data.import': 'Import customers, contacts and activities from spreadsheets (as customer.write allows) and undo imports.',
  'data.export': 'Export the lists you may see to CSV and XLSX.',
  'webhook.manage': 'Create, change, pause and delete outbound webhook endpoints; read their delivery logs and redeliver.',
  'pool.manage': 'Create public pools and change any pool: its name, release and claim rules, members and admins (a pool admin manages their own pool).',
};

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const STAFF: Permission[] = ['customer.read', 'customer.write'];

const ROLES: readonly UserRole[] = ['ADMIN', 'MANAGER', 'SALES', 'SERVICE', 'MARKETING'];

/** Core's defaults; each plugin's permissions join the roles they name (and ADMIN). */
export const DEFAULT_ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  ADMIN: PERMISSION_NAMES,
  MANAGER: [...STAFF, 'customer.team', 'customer.assign', 'customer.viewFinancials', 'customer.viewPrivateFields', 'customer.merge', 'customer.archive', 'user.manageTeam', 'data.import', 'data.export'],
  SALES: STAFF,
  // The service desk must find whoever calls in, but changes only what is shared with it.
  SERVICE: [...STAFF, 'customer.readAll'],
  MARKETING: STAFF,
};

export type RolePermissions = Record<UserRole, ReadonlySet<Permission>>;

/** Core's permissions and the enabled plugins': name → description, in declaration order. */
export function permissionCatalog(declared: readonly PermissionDefinition[] = []): ReadonlyMap<Permission, string> {
  const catalog = new Map(Object.entries(PERMISSIONS) as Array<[Permission, string]>);
  for (const { name, description } of declared) {
    if (catalog.has(name)) throw new Error(`Permission ${name} is declared twice`);
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(name)) throw new Error(`Permission name "${name}" must look like area.action`);
    catalog.set(name, description);
  }
  return catalog;
}

const overridesSchema = z
  .object(Object.fromEntries(ROLES.map((role) => [role, z.array(z.string())])) as Record<UserRole, z.ZodArray<z.ZodString>>)
  .partial()
  .strict();

/**
 * The permission table: the defaults (core's, plus each declared permission for ADMIN and its
 * `roles`), with each role named in `overrides` (JSON, as in RAPPORT_ROLE_PERMISSIONS) replaced by its
 * list. Throws a readable message on an unknown role or permission. `declared: null` skips checking
 * permission names (configuration is read before the plugins are known; start-up checks again).
 */
export function rolePermissions(overrides?: string, declared: readonly PermissionDefinition[] | null = []): RolePermissions {
  const catalog = declared === null ? null : permissionCatalog(declared);
  const parsed = overrides ? overridesSchema.safeParse(parseJson(overrides)) : { success: true as const, data: {} };
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const unknown = Object.entries(parsed.data).flatMap(([role, names]) =>
    (names ?? []).flatMap((name, index) => (!catalog || catalog.has(name as Permission) ? [] : [`${role}.${index}: unknown permission "${name}"`])),
  );
  if (unknown.length) throw new Error(`${unknown.join('; ')} (known: ${[...catalog!.keys()].join(', ')})`);
  const overridden = parsed.data as Partial<Record<UserRole, Permission[]>>;
  const table = {} as Record<UserRole, ReadonlySet<Permission>>;
  for (const role of ROLES) {
    const declaredForRole = (declared ?? []).filter((p) => role === 'ADMIN' || p.roles?.includes(role)).map((p) => p.name);
    table[role] = new Set(overridden[role] ?? [...DEFAULT_ROLE_PERMISSIONS[role], ...declaredForRole]);
  }
  return table;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
