import { actingUserId } from '../auth/viewer.js';
import { UserRole } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';

export function registerUserSchema(builder: RapportBuilder) {
  const UserRoleEnum = builder.enumType(UserRole, { name: 'UserRole' });

  const User = builder.prismaNode('User', {
    id: { field: 'id' },
    description: 'A member of staff: owner of customers, assignee of activities.',
    fields: (t) => ({
      name: t.exposeString('name'),
      email: t.exposeString('email'),
      role: t.expose('role', { type: UserRoleEnum }),
      active: t.exposeBoolean('active'),
      team: t.relation('team', { nullable: true }),
    }),
  });

  const Team = builder.prismaNode('Team', {
    id: { field: 'id' },
    fields: (t) => ({
      name: t.exposeString('name'),
      manager: t.relation('manager', { nullable: true }),
      members: t.relation('members', { query: { orderBy: { name: 'asc' } } }),
    }),
  });

  builder.queryFields((t) => ({
    viewer: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The user making the request (for an API key: the user it acts as).',
      resolve: (query, _root, _args, ctx) => {
        const id = actingUserId(ctx.viewer);
        return id ? ctx.prisma.user.findUnique({ ...query, where: { id } }) : null;
      },
    }),
    users: t.prismaConnection({
      type: 'User',
      cursor: 'id',
      args: { activeOnly: t.arg.boolean({ defaultValue: true }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.user.findMany({
          ...query,
          where: args.activeOnly ? { active: true } : {},
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
    }, { name: 'UserConnection' }, { name: 'UserEdge' }),
    teams: t.prismaField({
      type: ['Team'],
      resolve: (query, _root, _args, ctx) => ctx.prisma.team.findMany({ ...query, orderBy: { name: 'asc' } }),
    }),
  }));

  return { User, Team, UserRole: UserRoleEnum };
}

export type UserRefs = ReturnType<typeof registerUserSchema>;
