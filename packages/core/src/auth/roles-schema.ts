import type { UserRole } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { Permission } from './permissions.js';
import { withUserErrors } from '../schema/user-errors.js';
import { listRoles, setRolePermissions } from './roles.js';

interface RoleView {
  role: UserRole;
  permissions: Permission[];
  pinned: boolean;
  version: number;
}

/** Roles and their permissions, administered through the graph (role.manage). */
export function registerRoleSchema(builder: RapportBuilder, refs: { Permission: object; UserRole: object }) {
  const PermissionRef = refs.Permission as never;
  const UserRoleRef = refs.UserRole as never;
  const Role = builder.objectRef<RoleView>('Role').implement({
    description: "A role's permissions: its defaults (core's and the enabled plugins') until an admin sets them.",
    fields: (t) => ({
      role: t.field({ type: UserRoleRef, resolve: (r) => r.role as never }),
      permissions: t.field({ type: [PermissionRef], resolve: (r) => r.permissions as never }),
      pinned: t.exposeBoolean('pinned', { description: 'Set by RAPPORT_ROLE_PERMISSIONS: not changeable here.' }),
      version: t.exposeInt('version', { description: '0 until first changed here; pass it to setRolePermissions.' }),
    }),
  });
  const SetRolePermissionsInput = builder.inputType('SetRolePermissionsInput', {
    fields: (t) => ({
      role: t.field({ type: UserRoleRef, required: true }),
      permissions: t.field({ type: [PermissionRef], required: true, description: "The role's whole list." }),
      version: t.int({ required: true }),
    }),
  });
  builder.queryField('roles', (t) =>
    t.field({
      type: [Role],
      description: 'Every role with its permissions (needs role.manage).',
      resolve: (_root, _args, ctx) => listRoles(ctx, ctx.config),
    }),
  );
  const Payload = builder.objectRef<{ role: RoleView }>('SetRolePermissionsPayload').implement({
    description: 'The role with the permissions set.',
    fields: (t) => ({ role: t.field({ type: Role, nullable: true, description: 'The role as it is now; null when the change was refused.', resolve: (p) => p.role }) }),
  });
  withUserErrors(builder, Payload);
  builder.mutationField('setRolePermissions', (t) =>
    t.field({
      type: Payload,
      description: "Replaces a role's permissions (needs role.manage); its users hold them from their next request. Audited.",
      args: { input: t.arg({ type: SetRolePermissionsInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ role: await setRolePermissions(ctx, ctx.config, input as never) }),
    }),
  );
}
