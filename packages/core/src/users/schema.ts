import { actingUserId } from '../auth/viewer.js';
import { UserRole, type Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';

export interface UserFilter {
  search?: string | null;
  roles?: UserRole[] | null;
  teamIds?: string[] | null;
  active?: boolean | null;
}

/** The `users` filter: a name or e-mail fragment, roles, teams, active or not (active only by default). */
export function userWhere(filter: UserFilter | null | undefined, activeOnly: boolean): Prisma.UserWhereInput {
  const search = filter?.search?.trim();
  const active = filter?.active ?? (activeOnly ? true : null);
  return {
    AND: [
      active === null ? {} : { active },
      search ? { OR: [{ name: { contains: search, mode: 'insensitive' } }, { email: { contains: search.toLowerCase() } }] } : {},
      filter?.roles?.length ? { role: { in: filter.roles } } : {},
      filter?.teamIds?.length ? { teamId: { in: filter.teamIds } } : {},
    ],
  };
}

export function registerUserSchema(builder: RapportBuilder) {
  const UserRoleEnum = builder.enumType(UserRole, { name: 'UserRole' });

  const User = builder.prismaNode('User', {
    id: { field: 'id' },
    // Select mode (bench/README.md, issue #18 fourth round): only the exposed columns a read asks for.
    select: {},
    description: 'A member of staff: owner of customers, assignee of activities.',
    fields: (t) => ({
      name: t.exposeString('name'),
      email: t.exposeString('email'),
      phone: t.exposeString('phone', { nullable: true }),
      code: t.exposeString('code', { nullable: true, description: 'Owner code their new customers\' codes carry (`{owner}` in the code pattern), e.g. 01.' }),
      role: t.expose('role', { type: UserRoleEnum }),
      active: t.exposeBoolean('active'),
      deactivatedAt: t.expose('deactivatedAt', { type: 'DateTime', nullable: true }),
      locale: t.exposeString('locale', { description: 'BCP-47 language tag: zh-CN or en.' }),
      timeZone: t.exposeString('timeZone', { description: 'IANA time zone, e.g. Asia/Shanghai.' }),
      version: t.exposeInt('version', { description: 'Pass it to updateUser; it changes with every write.' }),
      team: t.relation('team', { nullable: true }),
      managedTeams: t.relation('managedTeams', { query: { orderBy: { name: 'asc' } } }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Team = builder.prismaNode('Team', {
    id: { field: 'id' },
    fields: (t) => ({
      name: t.exposeString('name'),
      manager: t.relation('manager', { nullable: true }),
      members: t.relation('members', { query: { orderBy: { name: 'asc' } } }),
      version: t.exposeInt('version', { description: 'Pass it to updateTeam.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const UserFilterInput = builder.inputType('UserFilter', {
    fields: (t) => ({
      search: t.string({ description: 'Part of the name or e-mail, any case.' }),
      roles: t.field({ type: [UserRoleEnum] }),
      teamIds: t.globalIDList({ for: Team }),
      active: t.boolean({ description: 'Overrides activeOnly: false lists only deactivated users.' }),
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
      args: { activeOnly: t.arg.boolean({ defaultValue: true }), filter: t.arg({ type: UserFilterInput }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.user.findMany({
          ...query,
          where: userWhere(usersFilter(args.filter), args.activeOnly ?? true),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
      totalCount: (_c, args, ctx) => ctx.prisma.user.count({ where: userWhere(usersFilter(args.filter), args.activeOnly ?? true) }),
    }, { name: 'UserConnection' }, { name: 'UserEdge' }),
    teams: t.prismaField({
      type: ['Team'],
      resolve: (query, _root, _args, ctx) => ctx.prisma.team.findMany({ ...query, orderBy: { name: 'asc' } }),
    }),
  }));

  return { User, Team, UserRole: UserRoleEnum };
}

function usersFilter(filter: { search?: string | null; roles?: UserRole[] | null; teamIds?: Array<{ id: string }> | null; active?: boolean | null } | null | undefined): UserFilter | null {
  if (!filter) return null;
  return { ...filter, teamIds: filter.teamIds?.map((t) => t.id) ?? null };
}

export type UserRefs = ReturnType<typeof registerUserSchema>;
