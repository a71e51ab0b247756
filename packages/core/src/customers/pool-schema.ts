// GraphQL for public pools (公海): the pools you may see, a pool customer's pool, and creating and
// changing pools (their rules and members). Resolvers stay thin: pool-service.ts and pool-rules.ts decide.
import { customersVisibleTo, poolsVisibleTo } from '../auth/visibility.js';
import type { PublicPool } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { withUserErrors } from '../schema/user-errors.js';
import type { UserRefs } from '../users/schema.js';
import { DEFAULT_POOL_ID, POOL_TIERS, type PoolRules } from './pool-rules.js';
import { createPublicPool, managesPool, rulesOfPool, updatePublicPool, type PoolMemberInput } from './pool-service.js';
import type { CustomerRefs } from './schema.js';

interface Refs {
  customers: CustomerRefs;
  users: UserRefs;
}

export function registerPoolSchema(builder: RapportBuilder, { customers, users }: Refs) {
  const Role = builder.enumType('PoolMemberRole', {
    description: 'What a user or team is on a pool.',
    values: {
      MEMBER: { description: "Sees the pool's customers and claims from it." },
      ADMIN: { description: 'Also changes the pool (rules, members) and assigns its customers.' },
    } as const,
  });
  const Basis = builder.enumType('PoolReleaseBasis', {
    description: "What a pool's release rule counts the days of (creation and the last change of owner restart every count).",
    values: {
      FOLLOW_UP: { description: 'Days without a completed interaction (any plugin’s: calls, visits, ticket replies…).' },
      DEAL: { description: 'Days without a closed deal.' },
      OPPORTUNITY: { description: 'Days without an open opportunity, as the enabled plugins report them (none without such a plugin).' },
    } as const,
  });

  const DaysByTier = builder.objectRef<PoolRules['daysByTier']>('PoolDaysByTier').implement({
    description: 'Days per customer tier after which a pool releases a customer; null: this pool never releases that tier.',
    fields: (t) =>
      Object.fromEntries(
        POOL_TIERS.map((tier) => [tier, t.int({ nullable: true, description: `Days for tier ${tier}.`, resolve: (d) => d[tier] ?? null })]),
      ) as never,
  });
  const Rules = builder.objectRef<PoolRules & { followsDeployment: boolean }>('PoolRules').implement({
    description: "A pool's release and claim rules.",
    fields: (t) => ({
      followsDeployment: t.exposeBoolean('followsDeployment', { description: "The default pool without rules of its own: these are the deployment's customerRules.pool." }),
      basis: t.field({ type: Basis, description: 'What the days count.', resolve: (r) => r.basis }),
      daysByTier: t.field({ type: DaysByTier, description: 'Days per tier.', resolve: (r) => r.daysByTier }),
      exemptDealt: t.exposeBoolean('exemptDealt', { description: 'Customers with a deal are never released by this pool.' }),
      exemptOpenOpportunities: t.exposeBoolean('exemptOpenOpportunities', { description: 'Customers with an open opportunity are never released by this pool.' }),
      warnBeforeDays: t.exposeInt('warnBeforeDays', { description: 'The owner is warned this many days before the release (0: not warned).' }),
      reclaimCooldownDays: t.exposeInt('reclaimCooldownDays', { description: 'Days after a release during which its previous owner may not claim it back.' }),
      claimsPerDay: t.exposeInt('claimsPerDay', { nullable: true, description: "Claims from this pool per user per local day (the user's time zone); null: no limit." }),
    }),
  });

  const Member = builder.prismaObject('PublicPoolMember', {
    description: 'A user or a team (every user of it) on a pool.',
    fields: (t) => ({
      user: t.relation('user', { nullable: true, description: 'The user; null when a team is.' }),
      team: t.relation('team', { nullable: true, description: 'The team; null when a user is.' }),
      role: t.expose('role', { type: Role, description: 'MEMBER or ADMIN.' }),
    }),
  });

  const PoolRef = builder.prismaNode('PublicPool', {
    id: { field: 'id', description: 'Global id of the pool.' },
    description: 'A public pool (公海): customers without an owner, seen and claimed by its members, released into it by its rules. The default pool is everyone’s.',
    findUnique: (id, ctx) => ({ id, AND: [poolsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Unique name.' }),
      isDefault: t.exposeBoolean('isDefault', { description: 'The default pool: open to everyone; customers released by hand, or judged by no other pool, go to it.' }),
      rules: t.field({
        type: Rules,
        description: 'Its release and claim rules.',
        resolve: (p, _args, ctx) => ({ ...rulesOfPool(p, ctx.config.customerRules.pool), followsDeployment: p.rules === null }),
      }),
      members: t.relation('members', { description: 'Users and teams on it (empty for the default pool).', query: { orderBy: [{ role: 'desc' }, { id: 'asc' }] } }),
      viewerIsAdmin: t.boolean({ description: 'Whether you may change it (its admin, or pool.manage).', resolve: (p, _args, ctx) => managesPool(ctx.prisma, ctx.viewer, p.id) }),
      customerCount: t.int({
        description: 'Customers in it you may see.',
        resolve: (p, _args, ctx) =>
          ctx.prisma.customer.count({ where: { AND: [{ ownerId: null }, p.isDefault ? { poolId: null } : { poolId: p.id }, customersVisibleTo(ctx.viewer)] } }),
      }),
      version: t.exposeInt('version', { description: 'Pass it to updatePublicPool; it changes with every write.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    }),
  });
  void Member;

  builder.queryFields((t) => ({
    publicPools: t.prismaField({
      type: ['PublicPool'],
      description: 'The public pools you may see: the default pool first, then those you are on (every pool with customer.readAll), by name.',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.publicPool.findMany({ ...query, where: poolsVisibleTo(ctx.viewer), orderBy: [{ isDefault: 'desc' }, { name: 'asc' }, { id: 'asc' }] }),
    }),
  }));

  builder.prismaObjectFields(customers.Customer, (t) => ({
    pool: t.prismaField({
      type: 'PublicPool',
      nullable: true,
      description: 'The public pool it is in; null while it has an owner.',
      select: { ownerId: true, poolId: true },
      resolve: (query, c, _args, ctx) =>
        c.ownerId !== null ? null : ctx.prisma.publicPool.findFirst({ ...query, where: { AND: [{ id: c.poolId ?? DEFAULT_POOL_ID }, poolsVisibleTo(ctx.viewer)] } }),
    }),
  }));

  const DaysInput = builder.inputType('PoolDaysByTierInput', {
    description: 'Days per tier after which a pool releases a customer; a tier left out is never released by the pool.',
    fields: (t) => Object.fromEntries(POOL_TIERS.map((tier) => [tier, t.int({ description: `Days for tier ${tier} (1–3650).` })])) as never,
  });
  const RulesInput = builder.inputType('PoolRulesInput', {
    description: "A pool's rules, as a whole: what is left out takes its default.",
    fields: (t) => ({
      basis: t.field({ type: Basis, description: 'What the days count (default FOLLOW_UP).' }),
      daysByTier: t.field({ type: DaysInput, description: 'Days per tier (default: none, the pool releases nobody).' }),
      exemptDealt: t.boolean({ description: 'Never release customers with a deal (default false).' }),
      exemptOpenOpportunities: t.boolean({ description: 'Never release customers with an open opportunity (default false).' }),
      warnBeforeDays: t.int({ description: "Warn the owner this many days before (default 0: no warning); less than every tier's days." }),
      reclaimCooldownDays: t.int({ description: 'The previous owner may not claim it back for this many days (default 0).' }),
      claimsPerDay: t.int({ description: 'Claims from this pool per user per local day (default: no limit).' }),
    }),
  });
  const MemberInput = builder.inputType('PoolMemberInput', {
    description: 'A user or a team on a pool (exactly one of userId and teamId).',
    fields: (t) => ({
      userId: t.globalID({ for: users.User, description: 'A user.' }),
      teamId: t.globalID({ for: users.Team, description: 'A team: every user of it.' }),
      role: t.field({ type: Role, description: 'Default MEMBER.' }),
    }),
  });
  const CreateInput = builder.inputType('CreatePublicPoolInput', {
    description: 'A new public pool (pool.manage).',
    fields: (t) => ({
      name: t.string({ required: true, description: 'Unique name, up to 60 characters.' }),
      rules: t.field({ type: RulesInput, description: 'Its rules (defaults for what is left out).' }),
      members: t.field({ type: [MemberInput], description: 'Users and teams on it.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdatePublicPoolInput', {
    description: 'Changes to a pool (its admins or pool.manage); omitted fields stay as they are.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: PoolRef, description: 'The pool.' }),
      version: t.int({ required: true, description: 'The version you read (PublicPool.version).' }),
      name: t.string({ description: 'A new name.' }),
      rules: t.field({ type: RulesInput, description: 'New rules, replacing the old as a whole.' }),
      members: t.field({ type: [MemberInput], description: 'The new list of members and admins, replacing the old (not for the default pool).' }),
    }),
  });

  const payload = (name: string, description: string) => {
    const ref = builder.objectRef<{ pool: PublicPool }>(name).implement({
      description,
      fields: (t) => ({ publicPool: t.field({ type: PoolRef, nullable: true, description: 'Null when nothing was written (see userErrors).', resolve: (p) => p.pool }) }),
    });
    withUserErrors(builder, ref);
    return ref;
  };

  type RulesArg = { basis?: string | null; daysByTier?: Record<string, number | null | undefined> | null; [key: string]: unknown } | null | undefined;
  const rulesOf = (rules: RulesArg) => {
    if (!rules) return undefined;
    const clean = Object.fromEntries(Object.entries(rules).filter(([, v]) => v != null));
    if (rules.daysByTier) clean.daysByTier = Object.fromEntries(Object.entries(rules.daysByTier).filter(([, v]) => v != null));
    return clean;
  };
  const membersOf = (members: Array<{ userId?: { id: string } | null; teamId?: { id: string } | null; role?: string | null }> | null | undefined): PoolMemberInput[] | undefined =>
    members?.map((m) => ({ userId: m.userId?.id ?? null, teamId: m.teamId?.id ?? null, role: (m.role ?? 'MEMBER') as 'MEMBER' | 'ADMIN' }));

  builder.mutationFields((t) => ({
    createPublicPool: t.field({
      type: payload('CreatePublicPoolPayload', 'What createPublicPool created.'),
      description: 'Creates a public pool with its rules and members (pool.manage); audited.',
      args: { input: t.arg({ type: CreateInput, required: true, description: 'The pool.' }) },
      resolve: async (_root, { input }, ctx) => ({
        pool: await createPublicPool(ctx, { name: input.name, rules: rulesOf(input.rules as RulesArg), members: membersOf(input.members) ?? [] }),
      }),
    }),
    updatePublicPool: t.field({
      type: payload('UpdatePublicPoolPayload', 'The pool after updatePublicPool.'),
      description: 'Renames a pool, replaces its rules or its members (its admins or pool.manage), at the version read; audited.',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'The changes.' }) },
      resolve: async (_root, { input }, ctx) => ({
        pool: await updatePublicPool(ctx, {
          id: input.id.id,
          version: input.version,
          ...(input.name != null ? { name: input.name } : {}),
          ...(input.rules != null ? { rules: rulesOf(input.rules as RulesArg) } : {}),
          ...(input.members != null ? { members: membersOf(input.members) } : {}),
        }),
      }),
    }),
  }));
  return { PublicPool: PoolRef };
}
