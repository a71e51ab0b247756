import { fieldError, InputError } from '../errors.js';
import { CustomerKind, CustomerNature, CustomerSize, CustomerStage, CustomerTier } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { prismaDirection, rawId, type CommonRefs } from '../schema/common.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { canViewFinancials } from '../auth/fields.js';
import { requirePermission } from '../auth/viewer.js';
import { customersVisibleTo } from '../auth/visibility.js';
import type { UserRefs } from '../users/schema.js';
import { isUuid } from '../shared/ids.js';
import { customerCode } from './code.js';
import { releaseDueWithin } from './pool-service.js';
import { customerOrderBy, customerWhere, type CustomerFilter as CustomerFilterFields } from './filters.js';
import { customFieldRefs } from '../custom-fields/schema.js';
import { customFieldWhere } from '../custom-fields/service.js';
import type { CustomFieldFilter } from '../custom-fields/rules.js';
import type { RapportContext } from '../context.js';
import { mergedCustomerNotFound } from './merge-schema.js';
import {
  createCustomer,
  deleteCustomer,
  setCustomerArchived,
  updateCustomer,
  type CreateCustomerInput,
  type UpdateCustomerInput,
} from './service.js';
import { connectionOf } from '../schema/connections.js';

interface Region {
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  regionCode: string | null;
}

export function registerCustomerSchema(builder: RapportBuilder, common: CommonRefs, users: UserRefs) {
  const Kind = builder.enumType(CustomerKind, { name: 'CustomerKind' });
  const Tier = builder.enumType(CustomerTier, {
    name: 'CustomerTier',
    description: 'Value tier: A key (large contract, close contact) … D first touch; X dormant.',
  });
  const Stage = builder.enumType(CustomerStage, { name: 'CustomerStage', description: 'Lifecycle stage.' });
  const Nature = builder.enumType('CustomerNature', {
    description: 'Where the customer stands in the sales channel.',
    values: {
      AGENT: { value: CustomerNature.AGENT, description: 'Agent (代理商): sells on the company\'s behalf.' },
      DISTRIBUTOR: { value: CustomerNature.DISTRIBUTOR, description: 'Distributor (经销商): buys to resell.' },
      INTERMEDIARY: { value: CustomerNature.INTERMEDIARY, description: 'Intermediary (中介): brings buyers and sellers together.' },
      END_CUSTOMER: { value: CustomerNature.END_CUSTOMER, description: 'End customer (终端客户): buys to use.' },
    },
  });
  const Size = builder.enumType('CustomerSize', {
    description: "Enterprise size as China's statistics classify it.",
    values: {
      LARGE: { value: CustomerSize.LARGE, description: 'Large enterprise (大型).' },
      MEDIUM: { value: CustomerSize.MEDIUM, description: 'Medium-sized enterprise (中型).' },
      SMALL: { value: CustomerSize.SMALL, description: 'Small enterprise (小型).' },
      MICRO: { value: CustomerSize.MICRO, description: 'Micro enterprise (微型).' },
    },
  });

  const RegionRef = builder.objectRef<Region>('Region').implement({
    description: "Where the customer is. Inside China the names are the administrative divisions' own (浙江省 / 杭州市 / 西湖区), whatever spelling was typed.",
    fields: (t) => ({
      country: t.exposeString('country', { nullable: true, description: 'Country; 中国 for a region that resolved to a division.' }),
      province: t.exposeString('province', { nullable: true, description: 'Province, municipality or autonomous region.' }),
      city: t.exposeString('city', { nullable: true, description: "City (prefecture level); a municipality's own name for its districts." }),
      district: t.exposeString('district', { nullable: true, description: 'District or county.' }),
      code: t.exposeString('regionCode', {
        nullable: true,
        description: 'GB/T 2260 code of the finest division that resolved (330106 = 西湖区); null outside China or for names that did not resolve.',
      }),
    }),
  });

  const Customer = builder.prismaNode('Customer', {
    id: { field: 'id' },
    // Select mode (bench/README.md, issue #18 fourth round): a read fetches the columns its selection exposes plus these,
    // which the resolvers below read; a field of a plugin that reads another column says so with `select`.
    select: { number: true, code: true, ownerId: true, country: true, province: true, city: true, district: true, regionCode: true, annualContractValue: true },
    description: 'A company or person the business sells to or serves.',
    findUnique: (id, ctx) => ({ id, AND: [customersVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      code: t.string({
        description:
          "Readable unique code, given at creation from the deployment's pattern (e.g. JRN01001: company, domestic, owner 01, sequence 001); customers created before keep the one derived from their number, e.g. CUS-000123.",
        resolve: (customer, _args, ctx) => customer.code ?? customerCode(ctx.config.customerCodePrefix, customer.number),
      }),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: Kind }),
      industry: t.exposeString('industry', { nullable: true }),
      source: t.exposeString('source', { nullable: true }),
      region: t.field({
        type: RegionRef,
        resolve: (c) => ({ country: c.country, province: c.province, city: c.city, district: c.district, regionCode: c.regionCode }),
      }),
      nature: t.expose('nature', { type: Nature, nullable: true, description: 'Agent, distributor, intermediary or end customer.' }),
      size: t.expose('size', { type: Size, nullable: true, description: 'Enterprise size.' }),
      phone: t.exposeString('phone', { nullable: true }),
      email: t.exposeString('email', { nullable: true }),
      website: t.exposeString('website', { nullable: true }),
      tier: t.expose('tier', { type: Tier }),
      stage: t.expose('stage', { type: Stage }),
      owner: t.relation('owner', { nullable: true, description: 'Null while the customer is in the public pool.' }),
      inPublicPool: t.boolean({ resolve: (c) => c.ownerId === null }),
      tags: t.exposeStringList('tags'),
      annualContractValue: t.field({
        type: 'Decimal',
        nullable: true,
        description: 'Null unless you hold customer.viewFinancials.',
        resolve: (c, _args, ctx) => (canViewFinancials(ctx.viewer) ? c.annualContractValue : null),
      }),
      currency: t.string({
        description: "ISO 4217 code of annualContractValue (and the score's amount): the deployment's currency (Deployment.currency, RAPPORT_CURRENCY).",
        resolve: (_c, _args, ctx) => ctx.config.locale.currency,
      }),
      lastContactedAt: t.expose('lastContactedAt', { type: 'DateTime', nullable: true }),
      archivedAt: t.expose('archivedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was archived (no longer served); null while served. Archived customers are left out of lists, search and statistics unless a filter asks for them.',
      }),
      version: t.exposeInt('version', { description: 'Pass back on update; a stale version is a CONFLICT.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      contacts: t.relation('contacts', { query: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] } }),
      activities: t.relatedConnection(
        'activities',
        { cursor: 'id', description: 'Newest first.', totalCount: true, query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }) },
        connectionOf(builder, 'Activity'),
      ),
    }),
  });

  const CustomerFilter = builder.inputType('CustomerFilter', {
    fields: (t) => ({
      tier: t.field({ type: [Tier] }),
      stage: t.field({ type: [Stage] }),
      ownerIds: t.globalIDList({ description: 'Owned by any of these users.' }),
      inPublicPool: t.boolean(),
      poolIds: t.globalIDList({ description: 'In any of these public pools (PublicPool ids; the pools you may see): the public-pool view of one or more pools.' }),
      tagsAny: t.stringList({ description: 'Has at least one of these tags.' }),
      tagsAll: t.stringList({ description: 'Has every one of these tags.' }),
      country: t.string(),
      province: t.string(),
      city: t.string(),
      regionCode: t.string({ description: 'GB/T 2260 code: customers in that division or below it (330000: all of Zhejiang).' }),
      nature: t.field({ type: [Nature], description: 'Any of these natures.' }),
      size: t.field({ type: [Size], description: 'Any of these sizes.' }),
      industry: t.string(),
      source: t.string(),
      namePrefix: t.string({ description: 'Name starts with (case-insensitive); index-backed.' }),
      search: t.string({ description: 'Name, code, phone or e-mail of the customer or its contacts.' }),
      archived: t.boolean({ description: 'True: only archived customers; false: only served ones. Unset: served ones unless includeArchived.' }),
      includeArchived: t.boolean({ description: 'Archived customers too (they are left out by default).' }),
      customFields: t.field({ type: [customFieldRefs(builder).CustomFieldFilter], description: 'All of these must hold.' }),
      releaseDueWithinDays: t.int({
        description:
          'Owned customers the public-pool release job takes within this many days unless followed up, judged by the pool that would take them (its basis, days per tier and deal exemption; what plugins report to the job itself is not judged here); 0: those due now.',
      }),
    }),
  });

  const OrderField = builder.enumType('CustomerOrderField', {
    values: ['NAME', 'CODE', 'CREATED_AT', 'UPDATED_AT', 'LAST_CONTACTED_AT', 'ANNUAL_CONTRACT_VALUE', 'TIER'] as const,
  });
  const CustomerOrder = builder.inputType('CustomerOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: common.SortDirection, defaultValue: 'ASC' }),
    }),
  });

  builder.queryFields((t) => ({
    customers: t.prismaConnection(
      {
        type: 'Customer',
        cursor: 'id',
        args: { filter: t.arg({ type: CustomerFilter }), orderBy: t.arg({ type: CustomerOrder }) },
        resolve: async (query, _root, args, ctx) => {
          // Ordering by a value you may not see would reveal it.
          if (args.orderBy?.field === 'ANNUAL_CONTRACT_VALUE') requirePermission(ctx.viewer, 'customer.viewFinancials');
          return ctx.prisma.customer.findMany({
            ...query,
            where: await customerListWhere(ctx, args.filter),
            orderBy: customerOrderBy(args.orderBy?.field, prismaDirection(args.orderBy?.direction)),
          });
        },
        totalCount: async (_connection, args, ctx) => ctx.prisma.customer.count({ where: await customerListWhere(ctx, args.filter) }),
      },
      connectionOf(builder, 'Customer'),
    ),
    customer: t.prismaField({
      nullable: true,
      type: 'Customer',
      args: { id: t.arg.globalID({ required: true, for: Customer }) },
      resolve: async (query, _root, args, ctx) => {
        const customer = isUuid(args.id.id)
          ? await ctx.prisma.customer.findFirst({ ...query, where: { AND: [{ id: args.id.id }, customersVisibleTo(ctx.viewer)] } })
          : null;
        if (!customer) throw await mergedCustomerNotFound(ctx, args.id.id);
        return customer;
      },
    }),
  }));

  const RegionInput = builder.inputType('RegionInput', {
    description: 'A region as typed ("浙江 / 杭州", "Zhejiang / Hangzhou", or a division code alone); Chinese names are resolved to their division.',
    fields: (t) => ({
      country: t.string({ description: 'Empty or China (中国) for a region inside China.' }),
      province: t.string({ description: 'Province, municipality or autonomous region, in any usual spelling.' }),
      city: t.string({ description: 'City; alone, it also finds its province when only one city has that name.' }),
      district: t.string({ description: 'District or county.' }),
      code: t.string({ description: 'A GB/T 2260 division code; given, it decides and the names are filled from it.' }),
    }),
  });

  const customerInputFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
    kind: t.field({ type: Kind }),
    industry: t.string(),
    nature: t.field({ type: Nature, description: 'Agent, distributor, intermediary or end customer.' }),
    size: t.field({ type: Size, description: 'Enterprise size.' }),
    source: t.string(),
    region: t.field({ type: RegionInput }),
    phone: t.string(),
    email: t.string(),
    website: t.string(),
    tier: t.field({ type: Tier }),
    stage: t.field({ type: Stage }),
    ownerId: t.globalID({ for: users.User, description: 'Null puts the customer in the public pool.' }),
    tags: t.stringList(),
    customFields: t.field({ type: [customFieldRefs(builder).CustomFieldInput], description: 'Sets the custom fields named; others stay.' }),
    annualContractValue: t.field({ type: 'Decimal' }),
  });

  const NewContactInput = builder.inputType('NewContactInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      title: t.string(),
      department: t.string(),
      email: t.string(),
      phone: t.string(),
      birthday: t.field({ type: 'Date' }),
      isPrimary: t.boolean(),
      customFields: t.field({ type: [customFieldRefs(builder).CustomFieldInput] }),
    }),
  });

  const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      ...customerInputFields(t),
      contacts: t.field({ type: [NewContactInput], description: 'Contacts created with the customer.' }),
    }),
  });

  const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Customer }),
      version: t.int({ required: true, description: 'The version you read; a stale one is rejected.' }),
      name: t.string(),
      ...customerInputFields(t),
    }),
  });

  const DeleteInput = builder.inputType('DeleteCustomerInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Customer }),
      version: t.int({ required: true }),
    }),
  });

  const CustomerPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ customer: { id: string } }>(name).implement({
    description: 'The customer written, or null with userErrors saying why nothing was.',
    fields: (t) => ({ customer: t.field({ type: Customer, nullable: true, resolve: (p) => p.customer as never }) }),
  }),
  );
  const DeletePayload = builder.objectRef<{ id: string }>('DeleteCustomerPayload').implement({
    fields: (t) => ({
      deletedCustomerId: t.id({ nullable: true, description: 'Null when nothing was deleted (see userErrors).', resolve: (p) => encodeGlobalID('Customer', p.id) }),
    }),
  });
  withUserErrors(builder, DeletePayload);

  const ArchiveInput = (name: string, verb: string) =>
    builder.inputType(name, {
      description: `The customer to ${verb}, at the version you read.`,
      fields: (t) => ({ id: t.globalID({ required: true, for: Customer }), version: t.int({ required: true }) }),
    });
  const ArchivePayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ customer: { id: string } }>(name).implement({
      description: 'The customer archived or restored, or null with userErrors saying why nothing was.',
      fields: (t) => ({ customer: t.field({ type: Customer, nullable: true, resolve: (p) => p.customer as never }) }),
    }),
  );

  builder.mutationFields((t) => ({
    createCustomer: t.field({
      type: CustomerPayload('CreateCustomerPayload'),
      args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        customer: await createCustomer(ctx, { ...input, ownerId: rawId(input.ownerId) } as CreateCustomerInput),
      }),
    }),
    updateCustomer: t.field({
      type: CustomerPayload('UpdateCustomerPayload'),
      args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        customer: await updateCustomer(ctx, { ...input, id: input.id.id, ownerId: rawId(input.ownerId) } as UpdateCustomerInput),
      }),
    }),
    deleteCustomer: t.field({
      type: DeletePayload,
      args: { input: t.arg({ type: DeleteInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        id: await deleteCustomer(ctx, { id: input.id.id, version: input.version }),
      }),
    }),
    archiveCustomer: t.field({
      type: ArchivePayload('ArchiveCustomerPayload'),
      description: 'Archives a customer no longer served: kept, hidden from lists and statistics, not deletable, out of the follow-up, churn and pool rules. Needs customer.archive.',
      args: { input: t.arg({ type: ArchiveInput('ArchiveCustomerInput', 'archive'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ customer: await setCustomerArchived(ctx, { id: input.id.id, version: input.version }, true) }),
    }),
    unarchiveCustomer: t.field({
      type: ArchivePayload('UnarchiveCustomerPayload'),
      description: 'Serves an archived customer again. Needs customer.archive.',
      args: { input: t.arg({ type: ArchiveInput('UnarchiveCustomerInput', 'restore'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ customer: await setCustomerArchived(ctx, { id: input.id.id, version: input.version }, false) }),
    }),
  }));

  return { Customer, CustomerTier: Tier, CustomerStage: Stage, CustomerKind: Kind, CustomerNature: Nature, CustomerSize: Size, CustomerFilter, CustomerPayload };
}

type GraphQLCustomerFilter = ({ ownerIds?: Array<{ id: string }> | null; poolIds?: Array<{ id: string; typename: string }> | null; customFields?: CustomFieldFilter[] | null; releaseDueWithinDays?: number | null } & Omit<CustomerFilterFields, 'ownerIds' | 'poolIds'>) | null | undefined;

/** The customers list's where: its filter, under the viewer's row rules (exports read the same). */
export async function customerListWhere(ctx: Pick<RapportContext, 'prisma' | 'viewer' | 'clock' | 'config'>, filter: GraphQLCustomerFilter) {
  const customFields = await customFieldWhere(ctx, 'CUSTOMER', filter?.customFields);
  const days = filter?.releaseDueWithinDays;
  if (days != null && (days < 0 || days > 3650)) throw new InputError([fieldError('releaseDueWithinDays', 'rule.range', { min: 0, max: 3650 }, 'OUT_OF_RANGE')]);
  const releaseDue = days != null ? [await releaseDueWithin(ctx.prisma, ctx.config.customerRules.pool, days, ctx.clock.now())] : [];
  return { AND: [customerWhere(decodeFilter(filter), ctx.config.customerCodePrefix), ...releaseDue, ...customFields, customersVisibleTo(ctx.viewer)] };
}

function decodeFilter<T extends { ownerIds?: Array<{ id: string }> | null; poolIds?: Array<{ id: string; typename: string }> | null }>(filter: T | null | undefined) {
  if (!filter) return filter;
  const poolIds = filter.poolIds?.map((p) => (p.typename === 'PublicPool' && isUuid(p.id) ? p.id : '00000000-0000-0000-0000-000000000000'));
  return { ...filter, ownerIds: filter.ownerIds?.map((o) => o.id), poolIds };
}

export type CustomerRefs = ReturnType<typeof registerCustomerSchema>;
