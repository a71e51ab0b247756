// Roles' permission lists are data: an admin changes them through the graph (setRolePermissions),
// audited; RAPPORT_ROLE_PERMISSIONS pins the roles it names for deployments that fix them in config.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import type { RapportConfig } from '../config.js';
import { conflict, fieldError, InputError } from '../errors.js';
import type { PrismaClient, UserRole } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput } from '../validation.js';
import type { Permission } from './permissions.js';
import { requirePermission } from './viewer.js';

export const ROLES: readonly UserRole[] = ['ADMIN', 'MANAGER', 'SALES', 'SERVICE', 'MARKETING'];

type RoleAccess = Pick<RapportConfig, 'rolePermissions' | 'rolePermissionOverrides' | 'permissions'>;

/** The roles RAPPORT_ROLE_PERMISSIONS names: their lists come from configuration, not from the graph. */
export function pinnedRoles(access: Pick<RapportConfig, 'rolePermissionOverrides'>): Set<UserRole> {
  if (!access.rolePermissionOverrides) return new Set();
  return new Set(Object.keys(JSON.parse(access.rolePermissionOverrides) as object) as UserRole[]);
}

/**
 * Applies the stored lists to the live table, in place, so every holder of `rolePermissions` (sign-in,
 * API keys, each request's viewer) sees them at once. Pinned roles and unknown names are left out.
 */
export async function loadRoleSettings(prisma: Pick<PrismaClient, 'roleSetting'>, access: RoleAccess): Promise<void> {
  const pinned = pinnedRoles(access);
  for (const setting of await prisma.roleSetting.findMany()) {
    if (!pinned.has(setting.role)) access.rolePermissions[setting.role] = known(setting.permissions, access);
  }
}

function known(names: readonly string[], access: RoleAccess): Set<Permission> {
  return new Set(names.filter((name): name is Permission => access.permissions.has(name as Permission)));
}

/** Every role with its current permissions, whether configuration pins it, and the stored version. */
export async function listRoles(ctx: ServiceContext, access: RoleAccess) {
  requirePermission(ctx.viewer, 'role.manage');
  const pinned = pinnedRoles(access);
  const stored = new Map((await ctx.prisma.roleSetting.findMany()).map((setting) => [setting.role, setting]));
  return ROLES.map((role) => ({
    role,
    permissions: [...access.rolePermissions[role]],
    pinned: pinned.has(role),
    version: stored.get(role)?.version ?? 0,
  }));
}

const setInput = z.object({
  role: z.enum(ROLES as [UserRole, ...UserRole[]]),
  permissions: z.array(z.string()).transform((names) => [...new Set(names)]),
  /** 0 for a role never changed through the graph. */
  version: z.number().int().min(0),
});

/** Replaces a role's permission list; in effect for the role's users from their next request. */
export async function setRolePermissions(ctx: ServiceContext, access: RoleAccess, input: z.input<typeof setInput>) {
  requirePermission(ctx.viewer, 'role.manage');
  const { role, permissions, version } = parseInput(setInput, input);
  if (pinnedRoles(access).has(role)) {
    throw new InputError([fieldError('role', 'role.pinned', { role })]);
  }
  const unknown = permissions.flatMap((name, index) => (access.permissions.has(name as Permission) ? [] : [fieldError(`permissions.${index}`, 'role.unknownPermission', { name })]));
  if (unknown.length) throw new InputError(unknown);
  // Locking oneself out of role administration is refused: someone must be able to undo it.
  if (role === 'ADMIN' && !permissions.includes('role.manage')) {
    throw new InputError([fieldError('permissions', 'role.adminKeepsRoleManage')]);
  }
  const before = [...access.rolePermissions[role]];
  const now = ctx.clock.now();
  const saved = await ctx.prisma.$transaction(async (tx) => {
    const current = await tx.roleSetting.findUnique({ where: { role } });
    if ((current?.version ?? 0) !== version) throw conflict('Role', current?.version ?? 0);
    const row = current
      ? await tx.roleSetting.update({ where: { role }, data: { permissions, version: { increment: 1 }, updatedAt: now } })
      : await tx.roleSetting.create({ data: { role, permissions, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'role.update', entity: { type: 'Role', id: role }, before: { permissions: before }, after: { permissions } });
    return row;
  });
  access.rolePermissions[role] = known(saved.permissions, access);
  return { role, permissions: [...access.rolePermissions[role]], pinned: false, version: saved.version };
}

