// GraphQL for the customer practices run by rules: deals and offers, tier overrides and stage marks
// with their history, the public pool and transfers, churn warnings, statistics. Resolvers stay thin.
import type { EnumRef } from '@pothos/core';
import { activityStats } from '../activities/stats.js';
import { canViewFinancials } from '../auth/fields.js';
import type { Viewer } from '../auth/viewer.js';
import { customersVisibleTo } from '../auth/visibility.js';
import { ClassificationCause, OfferKind, TransferKind, type Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder, RapportSchemaTypes } from '../schema/builder.js';
import type { CommonRefs } from '../schema/common.js';
import { reportTimeZone } from '../shared/local-time-sql.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';
import type { UserRefs } from '../users/schema.js';
import { recordDeal, recordOffer } from './deals.js';
import { customerWhere, type CustomerFilter } from './filters.js';
import { clearCustomerStageMark, clearCustomerTierOverride, markCustomerStage, overrideCustomerTier } from './overrides.js';
import { claimCustomer, releaseCustomer, transferCustomer } from './pool.js';
import { registerPoolSchema } from './pool-schema.js';
import { readerOf } from '../shared/reader.js';
import type { CustomerRefs } from './schema.js';
import { childDivisions, type Division } from './regions.js';
import { customFieldDefinitions, hiddenKeys } from '../custom-fields/service.js';
import { fieldError, InputError } from '../errors.js';
import { CustomerStatsService, type RegionCount as RegionCountRow, type RegionLevel } from './stats.js';
import { anyMessages, storedMessageIn, type ErrorParams } from '../error-messages.js';
import type { Language } from '../shared/locale.js';

/** A transfer's rule (a key of the message catalogue) with its parameters in one language; null for none, or a rule this version has no text for. */
export function ruleText(rule: string | null, params: unknown, language: Language): string | null {
  if (!rule) return null;
  try {
    return anyMessages(rule, (params ?? {}) as ErrorParams)?.[language] ?? null;
  } catch {
    return null;
  }
}
import type { RapportContext } from '../context.js';
import { connectionOf } from '../schema/connections.js';

interface Refs {
  common: CommonRefs;
  users: UserRefs;
  customers: CustomerRefs;
}

const ZONE_ARG = "IANA zone whose midnights cut the periods; default: your own time zone, else the deployment's (RAPPORT_TIMEZONE).";

const newestFirst = (column: string) => () => ({ orderBy: [{ [column]: 'desc' as const }, { id: 'desc' as const }] });

/** A reason stored as a message key (rules, hand-overs) in the reader's language; one typed by a person as typed. */
async function inReaderLanguage(ctx: RapportContext, stored: string): Promise<string> {
  return storedMessageIn((await readerOf(ctx)).language, stored) ?? stored;
}

export function registerCustomerPracticesSchema(builder: RapportBuilder, { users, customers }: Refs) {
  const { Customer, CustomerTier: Tier, CustomerStage: Stage } = customers;
  const Cause = builder.enumType(ClassificationCause, {
    name: 'ClassificationCause',
    description: 'RULE: the rules re-evaluated the facts; DEAL: a recorded deal moved the stage; OVERRIDE/MANUAL: a person decided; OVERRIDE_CLEARED: a decision was withdrawn.',
  });
  const OfferKindRef = builder.enumType(OfferKind, { name: 'OfferKind' });
  const TransferKindRef = builder.enumType(TransferKind, { name: 'TransferKind' });

  builder.prismaNode('Deal', {
    id: { field: 'id' },
    description: 'A closed deal. The first moves a customer to NEW; more to RETURNING and LOYAL (see customerRules.lifecycle).',
    findUnique: (id, ctx) => ({ id, customer: customersVisibleTo(ctx.viewer) }),
    fields: (t) => ({
      customer: t.relation('customer'),
      title: t.exposeString('title'),
      amount: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'Null unless you hold customer.viewFinancials.',
        resolve: (d, _args, ctx) => (canViewFinancials(ctx.viewer) ? d.amount : null),
      }),
      currency: t.string({
        description: "ISO 4217 code of the amount: the one recorded with the deal (a won opportunity's), else the deployment's (Deployment.currency).",
        resolve: (d, _args, ctx) => d.currency ?? ctx.config.locale.currency,
      }),
      closedAt: t.expose('closedAt', { type: 'DateTime' }),
      owner: t.relation('owner', { nullable: true, description: 'Who recorded it.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('Offer', {
    description: 'A quote or sample sent. Offers without a deal make a customer tier C.',
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.expose('kind', { type: OfferKindRef }),
      note: t.exposeString('note', { nullable: true }),
      sentAt: t.expose('sentAt', { type: 'DateTime' }),
      owner: t.relation('owner', { nullable: true }),
    }),
  });

  builder.prismaObject('TierChange', {
    description: 'One change of tier: from what to what, why, by whom (null: the rules), when.',
    fields: (t) => ({
      fromTier: t.expose('fromTier', { type: Tier, nullable: true, description: 'Null for the first tier of a new customer.' }),
      toTier: t.expose('toTier', { type: Tier }),
      cause: t.expose('cause', { type: Cause }),
      reason: t.string({ description: 'The rule that applied, or the reason given.', resolve: (c, _a, ctx) => inReaderLanguage(ctx, c.reason) }),
      actor: t.relation('actor', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('StageChange', {
    description: 'One change of lifecycle stage, with the deal or the person that caused it.',
    fields: (t) => ({
      fromStage: t.expose('fromStage', { type: Stage, nullable: true }),
      toStage: t.expose('toStage', { type: Stage }),
      cause: t.expose('cause', { type: Cause }),
      reason: t.string({ resolve: (c, _a, ctx) => inReaderLanguage(ctx, c.reason) }),
      deal: t.relation('deal', { nullable: true }),
      actor: t.relation('actor', { nullable: true }),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('CustomerTransfer', {
    description: 'A change of owner: a claim from or release to the public pool, or a transfer.',
    fields: (t) => ({
      kind: t.expose('kind', { type: TransferKindRef }),
      fromUser: t.relation('fromUser', { nullable: true, description: 'Null: it came from the public pool.' }),
      toUser: t.relation('toUser', { nullable: true, description: 'Null: it went to the public pool.' }),
      reason: t.string({ nullable: true, resolve: (c, _a, ctx) => (c.reason === null ? null : inReaderLanguage(ctx, c.reason)) }),
      pool: t.relation('pool', { nullable: true, description: 'The pool it came from (claim) or went to (release); null: the default pool, or a transfer between users.' }),
      rule: t.exposeString('rule', { nullable: true, description: 'Key of the rule that decided it (e.g. pool.release.noFollowUp, pool.claim); null: a person decided without one.' }),
      ruleParams: t.expose('ruleParams', { type: 'JSON', nullable: true, description: "The rule's parameters (days, tier, count, max…)." }),
      ruleText: t.string({
        nullable: true,
        description: "The rule with its parameters in the reader's language (zh-CN or en).",
        resolve: async (tr, _args, ctx) => ruleText(tr.rule, tr.ruleParams, (await readerOf(ctx)).language),
      }),
      actor: t.relation('actor', { nullable: true, description: 'Null: the release job.' }),
      at: t.expose('at', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('ChurnRisk', {
    description: 'A churn warning in force (customerRules.churn): contact or deal frequency fell.',
    fields: (t) => ({
      reason: t.string({ resolve: (r, _a, ctx) => inReaderLanguage(ctx, r.reason) }),
      recentContacts: t.exposeInt('recentContacts', { description: 'Interactions in the recent window.' }),
      baselineContactsPerWindow: t.exposeFloat('baselineContacts', { description: 'Average per window before it.' }),
      recentDeals: t.exposeInt('recentDeals'),
      baselineDealsPerWindow: t.exposeFloat('baselineDeals'),
      flaggedAt: t.expose('flaggedAt', { type: 'DateTime' }),
    }),
  });

  type OverrideRow = Prisma.CustomerOverrideGetPayload<{ include: { tierSetBy: true; stageSetBy: true } }>;
  const TierOverride = builder.objectRef<OverrideRow>('TierOverride').implement({
    description: 'A tier set by hand: the rules keep it until it is cleared.',
    fields: (t) => ({
      tier: t.field({ type: Tier, resolve: (o) => o.tier! }),
      reason: t.string({ resolve: (o, _a, ctx) => inReaderLanguage(ctx, o.tierReason ?? '') }),
      setBy: t.field({ type: users.User, nullable: true, resolve: (o) => o.tierSetBy }),
      setAt: t.field({ type: 'DateTime', resolve: (o) => o.tierSetAt! }),
    }),
  });
  const StageMark = builder.objectRef<OverrideRow>('StageMark').implement({
    description: 'A stage set by hand: it holds until the next deal or until cleared.',
    fields: (t) => ({
      stage: t.field({ type: Stage, resolve: (o) => o.stage! }),
      reason: t.string({ resolve: (o, _a, ctx) => inReaderLanguage(ctx, o.stageReason ?? '') }),
      setBy: t.field({ type: users.User, nullable: true, resolve: (o) => o.stageSetBy }),
      setAt: t.field({ type: 'DateTime', resolve: (o) => o.stageSetAt! }),
    }),
  });

  const overrideSelect = { override: { include: { tierSetBy: true, stageSetBy: true } } } as const;
  builder.prismaObjectFields(Customer, (t) => ({
    deals: t.relatedConnection('deals', { cursor: 'id', totalCount: true, description: 'Newest first.', query: newestFirst('closedAt') }, connectionOf(builder, 'Deal')),
    offers: t.relatedConnection('offers', { cursor: 'id', totalCount: true, description: 'Newest first.', query: newestFirst('sentAt') }, connectionOf(builder, 'Offer')),
    tierHistory: t.relatedConnection('tierChanges', { cursor: 'id', totalCount: true, description: 'Newest first.', query: newestFirst('at') }, connectionOf(builder, 'TierChange')),
    stageHistory: t.relatedConnection('stageChanges', { cursor: 'id', totalCount: true, description: 'Newest first.', query: newestFirst('at') }, connectionOf(builder, 'StageChange')),
    transfers: t.relatedConnection('transfers', { cursor: 'id', totalCount: true, description: 'Owner changes, newest first.', query: newestFirst('at') }, connectionOf(builder, 'CustomerTransfer')),
    tierOverride: t.field({
      type: TierOverride,
      nullable: true,
      select: overrideSelect,
      resolve: (c) => (c.override?.tier ? c.override : null),
    }),
    stageMark: t.field({
      type: StageMark,
      nullable: true,
      select: overrideSelect,
      resolve: (c) => (c.override?.stage ? c.override : null),
    }),
    churnRisk: t.relation('churnRisk', { nullable: true, description: 'Set while a churn warning is in force.' }),
  }));

  registerPoolSchema(builder, { customers, users });
  registerQueries(builder, customers, users);
  registerMutations(builder, { customers, users, OfferKindRef });
}

function registerQueries(builder: RapportBuilder, customers: CustomerRefs, users: UserRefs) {
  const RegionLevelRef = builder.enumType('RegionLevel', {
    description: 'How finely customerStats.byRegion groups.',
    values: {
      COUNTRY: { description: 'Per country.' },
      PROVINCE: { description: 'Per province (or the province typed, outside China).' },
      CITY: { description: 'Per city.' },
      DISTRICT: { description: 'Per district or county.' },
    } as const,
  });
  const Period = builder.enumType('ActivityStatsPeriod', { values: ['DAY', 'WEEK'] as const });
  type Count<K extends string, V> = { [key in K]: V } & { count: number };

  const TierCount = builder.objectRef<Count<'tier', string>>('TierCount').implement({
    fields: (t) => ({ tier: t.field({ type: customers.CustomerTier, resolve: (r) => r.tier as never }), count: t.exposeInt('count') }),
  });
  const StageCount = builder.objectRef<Count<'stage', string>>('StageCount').implement({
    fields: (t) => ({ stage: t.field({ type: customers.CustomerStage, resolve: (r) => r.stage as never }), count: t.exposeInt('count') }),
  });
  const RegionCount = builder.objectRef<RegionCountRow>('RegionCount').implement({
    description: 'Customers in one region. Parts finer than the level asked for are null; inside China the bucket is the division, whatever spelling the customers were typed with.',
    fields: (t) => ({
      country: t.exposeString('country', { nullable: true, description: 'Country.' }),
      province: t.exposeString('province', { nullable: true, description: 'Province (PROVINCE level and finer).' }),
      city: t.exposeString('city', { nullable: true, description: 'City (CITY level and finer).' }),
      district: t.exposeString('district', { nullable: true, description: 'District or county (DISTRICT level).' }),
      code: t.exposeString('code', { nullable: true, description: 'GB/T 2260 code of the bucket; null for regions outside the coded divisions.' }),
      count: t.exposeInt('count', { description: 'Customers in the region.' }),
    }),
  });
  const enumCount = <T extends object>(name: string, type: T, what: string) =>
    builder.objectRef<{ value: string | null; count: number }>(name).implement({
      description: `Customers with one ${what}.`,
      fields: (t) => ({
        value: t.field({ type: type as never, nullable: true, description: `The ${what}; null: not recorded.`, resolve: (r) => r.value as never }),
        count: t.exposeInt('count', { description: `Customers with that ${what}.` }),
      }),
    });
  const NatureCount = enumCount('NatureCount', customers.CustomerNature, 'nature');
  const SizeCount = enumCount('SizeCount', customers.CustomerSize, 'size');
  const CustomFieldValueCount = builder.objectRef<{ value: string | null; count: number }>('CustomFieldValueCount').implement({
    description: 'Customers with one value of a custom field.',
    fields: (t) => ({
      value: t.exposeString('value', { nullable: true, description: 'The value as text (a select option, a number, true/false); null: not set.' }),
      count: t.exposeInt('count', { description: 'Customers with that value.' }),
    }),
  });
  const TagCount = builder.objectRef<{ tag: string; count: number }>('TagCount').implement({
    description: 'Customers carrying one tag.',
    fields: (t) => ({
      tag: t.exposeString('tag', { description: 'The tag.' }),
      count: t.exposeInt('count', { description: 'Customers with the tag.' }),
    }),
  });
  const OwnerCount = builder.objectRef<{ owner: unknown; count: number }>('OwnerCount').implement({
    fields: (t) => ({
      owner: t.field({ type: users.User, nullable: true, description: 'Null: the public pool.', resolve: (r) => r.owner as never }),
      count: t.exposeInt('count'),
    }),
  });
  const SourceCount = builder.objectRef<Count<'source', string | null>>('SourceCount').implement({
    fields: (t) => ({ source: t.exposeString('source', { nullable: true }), count: t.exposeInt('count') }),
  });
  const MonthCount = builder.objectRef<{ month: Date; count: number }>('MonthCount').implement({
    fields: (t) => ({
      month: t.expose('month', { type: 'DateTime', description: 'First instant of the month (UTC).' }),
      count: t.exposeInt('count'),
    }),
  });

  const Stats = builder.objectRef<CustomerStatsService>('CustomerStats').implement({
    description: 'How the customers you may see are distributed; each field is one aggregate query, run only when asked for.',
    fields: (t) => ({
      total: t.int({ resolve: (s) => s.total() }),
      byTier: t.field({ type: [TierCount], resolve: (s) => s.byTier() }),
      byStage: t.field({ type: [StageCount], resolve: (s) => s.byStage() }),
      byRegion: t.field({
        type: [RegionCount],
        args: { level: t.arg({ type: RegionLevelRef, required: true, defaultValue: 'COUNTRY' }) },
        description: 'Most customers first.',
        resolve: (s, args) => s.byRegion(args.level as RegionLevel),
      }),
      byOwner: t.field({ type: [OwnerCount], description: 'Most customers first.', resolve: (s) => s.byOwner() }),
      bySource: t.field({ type: [SourceCount], description: 'Most customers first.', resolve: (s) => s.bySource() }),
      byNature: t.field({ type: [NatureCount], description: 'Every nature, zero included, then the customers without one.', resolve: (s) => s.byNature() }),
      bySize: t.field({ type: [SizeCount], description: 'Every size, zero included, then the customers without one.', resolve: (s) => s.bySize() }),
      byCustomField: t.field({
        type: [CustomFieldValueCount],
        args: { key: t.arg.string({ required: true, description: 'Key of a customer custom field you may see (e.g. creditLevel).' }) },
        description: "Customers per value of one custom field: a select field's options in order, zero included, others most first; the unset last.",
        resolve: async (s, args, ctx) => {
          const hidden = await hiddenKeys(ctx, 'CUSTOMER');
          const definition = (await customFieldDefinitions(ctx, 'CUSTOMER')).find((d) => d.key === args.key && !hidden.includes(d.key));
          if (!definition) throw new InputError([fieldError('key', 'customer.notVisibleField', {}, 'NOT_FOUND')]);
          return s.byCustomField(definition);
        },
      }),
      byTag: t.field({
        type: [TagCount],
        args: { first: t.arg.int({ defaultValue: 50, description: 'How many tags (at most 200).' }) },
        description: 'Customers per tag, most first; a customer counts under each of its tags.',
        resolve: (s, args) => s.byTag(Math.min(Math.max(args.first ?? 50, 1), 200)),
      }),
      createdPerMonth: t.field({
        type: [MonthCount],
        args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }), timeZone: t.arg.string({ description: ZONE_ARG }) },
        description: 'Customers created per local month in [from, to), oldest first; months without any are left out.',
        resolve: async (s, args, ctx) =>
          s.createdPerMonth(args.from, args.to, await reportTimeZone(ctx.prisma, ctx.viewer, args.timeZone, ctx.config.locale.timeZone)),
      }),
    }),
  });

  const RepStats = builder.objectRef<Awaited<ReturnType<typeof activityStats>>[number]>('RepActivityStats').implement({
    description: 'One rep in one day or week.',
    fields: (t) => ({
      rep: t.field({ type: users.User, resolve: (r) => r.rep }),
      start: t.expose('start', { type: 'DateTime', description: "First instant of the local day or ISO week (Monday) in the report's time zone." }),
      calls: t.exposeInt('calls', { description: 'Completed calls logged by the rep.' }),
      visits: t.exposeInt('visits', { description: 'Completed visits logged by the rep.' }),
      followUps: t.exposeInt('followUps', { description: 'Completed interactions of every kind (calls and visits included).' }),
      tasksCompleted: t.exposeInt('tasksCompleted', { description: 'Scheduled activities completed, by assignee.' }),
      tasksOverdue: t.exposeInt('tasksOverdue', { description: 'Scheduled activities due in the period and not done by their due time.' }),
    }),
  });

  const DivisionLevel = builder.enumType('AdministrativeDivisionLevel', {
    description: 'Level of a division in the GB/T 2260 tree.',
    values: {
      PROVINCE: { description: 'Province, municipality or autonomous region (省级).' },
      CITY: { description: 'Prefecture-level city (地级).' },
      DISTRICT: { description: 'District or county (县级).' },
    } as const,
  });
  const AdministrativeDivision = builder.objectRef<Division>('AdministrativeDivision').implement({
    description: "One of China's administrative divisions, for region pickers and region filters.",
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Six-digit GB/T 2260 code.' }),
      name: t.exposeString('name', { description: 'Official name (浙江省, 杭州市, 西湖区).' }),
      level: t.field({ type: DivisionLevel, description: 'Province, city or district.', resolve: (d) => d.level }),
      hasChildren: t.boolean({ description: 'Whether administrativeDivisions(parentCode) lists divisions under it.', resolve: (d) => d.children.length > 0 }),
    }),
  });

  builder.queryFields((t) => ({
    administrativeDivisions: t.field({
      type: [AdministrativeDivision],
      description: "China's provinces, or the divisions directly under parentCode, in code order.",
      args: { parentCode: t.arg.string({ description: 'A division code; omitted, the provinces.' }) },
      resolve: (_root, args) => childDivisions(args.parentCode ?? null),
    }),
    atRiskCustomers: t.prismaConnection(
      {
        type: 'Customer',
        cursor: 'id',
        description: 'Customers with a churn warning in force that you may see, most recently flagged first.',
        args: { filter: t.arg({ type: customers.CustomerFilter }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.customer.findMany({
            ...query,
            where: atRiskWhere(ctx.viewer, args.filter, ctx.config.customerCodePrefix),
            orderBy: [{ churnRisk: { flaggedAt: 'desc' } }, { id: 'desc' }],
          }),
        totalCount: (_connection, args, ctx) =>
          ctx.prisma.customer.count({ where: atRiskWhere(ctx.viewer, args.filter, ctx.config.customerCodePrefix) }),
      },
      connectionOf(builder, 'Customer'),
    ),
    customerStats: t.field({ type: Stats, resolve: (_root, _args, ctx) => new CustomerStatsService(ctx.reportDb, ctx.viewer) }),
    activityStats: t.field({
      type: [RepStats],
      description: "Reps' workload per day or week over the activities of customers you may see (at most 366 days).",
      args: {
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
        period: t.arg({ type: Period, required: true, defaultValue: 'DAY' }),
        repIds: t.arg.globalIDList({ for: users.User }),
        timeZone: t.arg.string({ description: ZONE_ARG }),
      },
      resolve: async (_root, args, ctx) => {
        const timeZone = await reportTimeZone(ctx.prisma, ctx.viewer, args.timeZone, ctx.config.locale.timeZone);
        const filter = { from: args.from, to: args.to, period: args.period, userIds: args.repIds?.map((r) => r.id), timeZone };
        return activityStats(ctx.reportDb, ctx.viewer, filter, ctx.clock.now());
      },
    }),
  }));
}

type AtRiskFilter = Omit<CustomerFilter, 'ownerIds' | 'poolIds'> & { ownerIds?: Array<{ id: string }> | null; poolIds?: Array<{ id: string }> | null };

function atRiskWhere(viewer: Viewer | null, filter: AtRiskFilter | null | undefined, prefix: string): Prisma.CustomerWhereInput {
  const decoded = filter ? { ...filter, ownerIds: filter.ownerIds?.map((o) => o.id), poolIds: filter.poolIds?.map((p) => p.id) } : filter;
  return { AND: [{ churnRisk: { isNot: null } }, customerWhere(decoded, prefix), customersVisibleTo(viewer)] };
}

interface MutationRefs {
  customers: CustomerRefs;
  users: UserRefs;
  OfferKindRef: EnumRef<PothosSchemaTypes.ExtendDefaultTypes<RapportSchemaTypes>, OfferKind>;
}

function registerMutations(builder: RapportBuilder, { customers, users, OfferKindRef }: MutationRefs) {
  const { Customer, CustomerTier: Tier, CustomerStage: Stage } = customers;

  const CustomerChangePayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ customerId: string }>(name).implement({
    description: 'The customer changed (owner, tier or stage), or null with userErrors saying why nothing was.',
    fields: (t) => ({
      customer: t.prismaField({
        type: 'Customer',
        nullable: true,
        description: 'The customer as it is now; null if you may no longer see it (e.g. you transferred it away).',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findFirst({ ...query, where: { AND: [{ id: p.customerId }, customersVisibleTo(ctx.viewer)] } }),
      }),
    }),
  }),
  );
  const DealPayload = builder.objectRef<{ dealId: string; customerId: string }>('RecordDealPayload').implement({
    fields: (t) => ({
      deal: t.prismaField({ type: 'Deal', nullable: true, resolve: (query, p, _args, ctx) => ctx.prisma.deal.findUniqueOrThrow({ ...query, where: { id: p.dealId } }) }),
      customer: t.prismaField({ type: 'Customer', nullable: true, resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }) }),
    }),
  });
  withUserErrors(builder, DealPayload);
  const OfferPayload = builder.objectRef<{ offerId: string; customerId: string }>('RecordOfferPayload').implement({
    fields: (t) => ({
      offer: t.prismaField({ type: 'Offer', nullable: true, resolve: (query, p, _args, ctx) => ctx.prisma.offer.findUniqueOrThrow({ ...query, where: { id: p.offerId } }) }),
      customer: t.prismaField({ type: 'Customer', nullable: true, resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }) }),
    }),
  });
  withUserErrors(builder, OfferPayload);

  const RecordDealInput = builder.inputType('RecordDealInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer }),
      title: t.string({ required: true }),
      amount: t.field({ type: 'Decimal', required: true }),
      currency: t.string({ description: "ISO 4217 code of the amount, e.g. USD; the deployment's currency unless given." }),
      closedAt: t.field({ type: 'DateTime', description: 'Defaults to now; not in the future.' }),
    }),
  });
  const RecordOfferInput = builder.inputType('RecordOfferInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer }),
      kind: t.field({ type: OfferKindRef, required: true }),
      note: t.string(),
      sentAt: t.field({ type: 'DateTime', description: 'Defaults to now; not in the future.' }),
    }),
  });
  const OverrideTierInput = builder.inputType('OverrideCustomerTierInput', {
    fields: (t) => ({ customerId: t.globalID({ required: true, for: Customer }), tier: t.field({ type: Tier, required: true }), reason: t.string({ required: true }) }),
  });
  const MarkStageInput = builder.inputType('MarkCustomerStageInput', {
    fields: (t) => ({ customerId: t.globalID({ required: true, for: Customer }), stage: t.field({ type: Stage, required: true }), reason: t.string({ required: true }) }),
  });
  const ClearInput = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({ customerId: t.globalID({ required: true, for: Customer }), reason: t.string({ required: true }) }),
  });
  const ClaimInput = builder.inputType('ClaimCustomerInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer }),
      giveBackCustomerId: t.globalID({ for: Customer, description: 'One of yours to release in the same step (needed at the maximum).' }),
      reason: t.string(),
    }),
  });
  const ReleaseInput = builder.inputType('ReleaseCustomerInput', { fields: (t) => ({ customerId: t.globalID({ required: true, for: Customer }), reason: t.string() }) });
  const TransferInput = builder.inputType('TransferCustomerInput', {
    fields: (t) => ({ customerId: t.globalID({ required: true, for: Customer }), toUserId: t.globalID({ required: true, for: users.User }), reason: t.string({ required: true }) }),
  });

  const changed = (id: string) => ({ customerId: id });
  builder.mutationFields((t) => ({
    recordDeal: t.field({
      type: DealPayload,
      description: 'Records a closed deal: counts as contact and moves the stage (first deal → NEW, …) and the tier.',
      args: { input: t.arg({ type: RecordDealInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const deal = await recordDeal(ctx, { ...input, customerId: input.customerId.id });
        return { dealId: deal.id, customerId: deal.customerId };
      },
    }),
    recordOffer: t.field({
      type: OfferPayload,
      description: 'Records a quote or sample sent: counts as contact; without a deal the customer becomes tier C.',
      args: { input: t.arg({ type: RecordOfferInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const offer = await recordOffer(ctx, { ...input, customerId: input.customerId.id });
        return { offerId: offer.id, customerId: offer.customerId };
      },
    }),
    overrideCustomerTier: t.field({
      type: CustomerChangePayload('OverrideCustomerTierPayload'),
      description: 'Sets the tier by hand, with a reason; the rules keep it until clearCustomerTierOverride.',
      args: { input: t.arg({ type: OverrideTierInput, required: true }) },
      resolve: async (_root, { input }, ctx) => changed((await overrideCustomerTier(ctx, { ...input, customerId: input.customerId.id })).id),
    }),
    clearCustomerTierOverride: t.field({
      type: CustomerChangePayload('ClearCustomerTierOverridePayload'),
      args: { input: t.arg({ type: ClearInput('ClearCustomerTierOverrideInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => changed((await clearCustomerTierOverride(ctx, { ...input, customerId: input.customerId.id })).id),
    }),
    markCustomerStage: t.field({
      type: CustomerChangePayload('MarkCustomerStagePayload'),
      description: 'Sets the lifecycle stage by hand, with a reason; it holds until the next deal or clearCustomerStageMark.',
      args: { input: t.arg({ type: MarkStageInput, required: true }) },
      resolve: async (_root, { input }, ctx) => changed((await markCustomerStage(ctx, { ...input, customerId: input.customerId.id })).id),
    }),
    clearCustomerStageMark: t.field({
      type: CustomerChangePayload('ClearCustomerStageMarkPayload'),
      args: { input: t.arg({ type: ClearInput('ClearCustomerStageMarkInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => changed((await clearCustomerStageMark(ctx, { ...input, customerId: input.customerId.id })).id),
    }),
    claimCustomer: t.field({
      type: CustomerChangePayload('ClaimCustomerPayload'),
      description: 'Takes a customer from the public pool, within customerRules.pool.maxOwnedCustomers (give one back to make room).',
      args: { input: t.arg({ type: ClaimInput, required: true }) },
      resolve: async (_root, { input }, ctx) =>
        changed((await claimCustomer(ctx, { customerId: input.customerId.id, giveBackCustomerId: input.giveBackCustomerId?.id ?? null, reason: input.reason ?? null })).id),
    }),
    releaseCustomer: t.field({
      type: CustomerChangePayload('ReleaseCustomerPayload'),
      description: 'Puts a customer back into the public pool.',
      args: { input: t.arg({ type: ReleaseInput, required: true }) },
      resolve: async (_root, { input }, ctx) => changed((await releaseCustomer(ctx, { customerId: input.customerId.id, reason: input.reason ?? null })).id),
    }),
    transferCustomer: t.field({
      type: CustomerChangePayload('TransferCustomerPayload'),
      description:
        "Gives a customer to another user within their maximum, kept in the customer's transfers: with customer.assign any customer you may change; a pool's admin without it, a customer of that pool to one of its members (rule pool.assign).",
      args: { input: t.arg({ type: TransferInput, required: true }) },
      resolve: async (_root, { input }, ctx) =>
        changed((await transferCustomer(ctx, { customerId: input.customerId.id, toUserId: input.toUserId.id, reason: input.reason })).id),
    }),
  }));
}
