import { z } from 'zod';
import type { UserRole } from '../../generated/prisma/client.js';

/** Everything a role (or an API key's scopes) can grant. Row rules come on top: see visibility.ts. */
export const PERMISSIONS = {
  'customer.read': 'See customers you own, share or manage, and the public pool (with their contacts and activities).',
  'customer.readAll': 'See every customer.',
  'customer.team': "See and change the customers owned by members of the teams you manage.",
  'customer.write': 'Create customers; change those you may edit, with their contacts and activities.',
  'customer.editAll': 'Change every customer.',
  'customer.assign': 'Give a customer to another user.',
  'customer.viewFinancials': 'See and set annualContractValue (and order by it).',
  'customer.viewPrivateFields': 'See and set private custom fields (and those listed in RAPPORT_PRIVATE_CUSTOM_FIELDS).',
  'customer.merge': 'Merge duplicate customers you may change into one (mergeCustomers).',
  'customField.manage': 'Define, change and archive custom fields.',
  'tag.manage': 'Create, rename, recolour and archive tags.',
  'audit.read': 'Read the audit log.',
  'apiKey.manage': 'Create, list and revoke API keys.',
  'campaign.manage': 'Plan and change marketing campaigns, segments, members, responses and materials; see campaign money.',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const STAFF: Permission[] = ['customer.read', 'customer.write'];

export const DEFAULT_ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  ADMIN: PERMISSION_NAMES,
  MANAGER: [...STAFF, 'customer.team', 'customer.assign', 'customer.viewFinancials', 'customer.viewPrivateFields', 'customer.merge', 'campaign.manage'],
  SALES: STAFF,
  // The service desk must find whoever calls in, but changes only what is shared with it.
  SERVICE: [...STAFF, 'customer.readAll'],
  MARKETING: [...STAFF, 'campaign.manage'],
};

export type RolePermissions = Record<UserRole, ReadonlySet<Permission>>;

const permissionName = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]);
const overridesSchema = z
  .object({
    ADMIN: z.array(permissionName),
    MANAGER: z.array(permissionName),
    SALES: z.array(permissionName),
    SERVICE: z.array(permissionName),
    MARKETING: z.array(permissionName),
  })
  .partial()
  .strict();

/**
 * The permission table: the defaults, with each role named in `overrides` (JSON, as in
 * RAPPORT_ROLE_PERMISSIONS) replaced by its list. Throws a readable message on anything unknown.
 */
export function rolePermissions(overrides?: string): RolePermissions {
  const parsed = overrides ? overridesSchema.safeParse(parseJson(overrides)) : { success: true as const, data: {} };
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const table: Record<UserRole, readonly Permission[]> = { ...DEFAULT_ROLE_PERMISSIONS, ...parsed.data };
  const roles = Object.keys(table) as UserRole[];
  return Object.fromEntries(roles.map((role) => [role, new Set(table[role])])) as unknown as RolePermissions;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
