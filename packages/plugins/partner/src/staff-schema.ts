// What the partner plugin adds to the internal graph (/graphql): the programme as staff run it.
// Managers (config.managerRoles) read and change it; other staff get FORBIDDEN on its root fields
// and null from node(id).
import {
  DealConflictKind,
  DealRegistrationStatus,
  isUuid,
  notFound,
  PartnerStatus,
  PartnerTier,
  rawId,
  type CoreRefs,
  type RapportBuilder,
  type Prisma,
  type Viewer,
  withUserErrors,
  connectionOf,
} from '@rapport/core';
import { partnerRowsFor, requirePartnerManager } from './access.js';
import type { PartnerConfig } from './config.js';
import { dealRegistration, partnerOrganization, staffUser, visibleCustomer } from './loaders.js';
import { registrationCode } from './portal/schema.js';
import {
  createPartner,
  createPartnerUser,
  setPartnerUserActive,
  shareContactWithPartner,
  shareCustomerWithPartner,
  unshareContactFromPartner,
  unshareCustomerFromPartner,
  updatePartner,
} from './programme.js';
import { approveDealRegistration, rejectDealRegistration } from './registrations.js';

export function registerStaffSchema(builder: RapportBuilder, refs: CoreRefs, config: PartnerConfig) {
  const types = registerStaffTypes(builder, refs, config);
  registerStaffQueries(builder, config, types);
  registerStaffMutations(builder, refs, config, types);
}

function registerStaffTypes(builder: RapportBuilder, refs: CoreRefs, config: PartnerConfig) {
  const Tier = builder.enumType(PartnerTier, { name: 'PartnerTier' });
  const Status = builder.enumType(PartnerStatus, { name: 'PartnerStatus', description: 'SUSPENDED ends every portal session of the organisation at once.' });
  const RegistrationStatus = builder.enumType(DealRegistrationStatus, { name: 'DealRegistrationStatus' });
  const ConflictKind = builder.enumType(DealConflictKind, {
    name: 'DealConflictKind',
    description: 'OTHER_PARTNER_REGISTRATION: another partner registered the company; DIRECT_SALES: an existing customer owned by staff; OTHER_PARTNER_CUSTOMER: a customer shared with another partner.',
  });
  const rows = (ctx: { viewer: Viewer | null }) => partnerRowsFor(ctx.viewer, config);

  const Partner = builder.prismaNode('PartnerOrganization', {
    id: { field: 'id' },
    description: 'A channel partner organisation; its users sign in to the partner portal.',
    findUnique: (id, ctx) => ({ id, AND: [rows(ctx)] }),
    fields: (t) => ({
      name: t.exposeString('name'),
      tier: t.expose('tier', { type: Tier }),
      region: t.exposeString('region', { nullable: true }),
      status: t.expose('status', { type: Status }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      users: t.relation('users', { query: { orderBy: [{ name: 'asc' }] } }),
      sharedCustomerCount: t.relationCount('customerShares'),
      registrations: t.relatedConnection('registrations', { cursor: 'id', totalCount: true, query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }) }, connectionOf(builder, 'DealRegistration')),
    }),
  });

  const PartnerUser = builder.prismaNode('PartnerUser', {
    id: { field: 'id' },
    description: 'A person at a partner who signs in to the portal (never to this graph).',
    findUnique: (id, ctx) => ({ id, AND: [{ partner: rows(ctx) }] }),
    fields: (t) => ({
      name: t.exposeString('name'),
      email: t.exposeString('email'),
      active: t.exposeBoolean('active'),
      organization: t.relation('partner'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Registration = builder.prismaNode('DealRegistration', {
    id: { field: 'id' },
    description: "A partner's claim on a deal, with what the conflict check found.",
    findUnique: (id, ctx) => ({ id, AND: [{ partner: rows(ctx) }] }),
    fields: (t) => ({
      code: t.string({ resolve: (r) => registrationCode(config, r.number) }),
      partner: t.relation('partner'),
      registeredBy: t.relation('registeredBy', { nullable: true }),
      companyName: t.exposeString('companyName'),
      contactName: t.exposeString('contactName'),
      contactEmail: t.exposeString('contactEmail', { nullable: true }),
      contactPhone: t.exposeString('contactPhone', { nullable: true }),
      expectedAmount: t.expose('expectedAmount', { type: 'Decimal' }),
      expectedCloseDate: t.expose('expectedCloseDate', { type: 'Date' }),
      productInterest: t.exposeString('productInterest'),
      notes: t.exposeString('notes', { nullable: true }),
      status: t.expose('status', { type: RegistrationStatus }),
      hasConflict: t.boolean({ select: { _count: { select: { conflicts: true } } }, resolve: (r) => r._count.conflicts > 0 }),
      conflicts: t.relation('conflicts', { description: 'Found at registration, checked again at the decision.' }),
      customer: t.field({
        type: refs.Customer,
        nullable: true,
        description: 'Set on approval; null if you may not see it.',
        resolve: (r, _args, ctx) => visibleCustomer(ctx, r.customerId) as never,
      }),
      decidedBy: t.field({ type: refs.User, nullable: true, resolve: (r, _args, ctx) => staffUser(ctx, r.decidedById) as never }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
      decisionReason: t.exposeString('decisionReason', { nullable: true }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObject('DealRegistrationConflict', {
    fields: (t) => ({
      kind: t.expose('kind', { type: ConflictKind }),
      matchedOn: t.exposeStringList('matchedOn', { description: 'NAME, PHONE and/or EMAIL.' }),
      customer: t.field({ type: refs.Customer, nullable: true, description: 'Null if you may not see it.', resolve: (c, _a, ctx) => visibleCustomer(ctx, c.customerId) as never }),
      otherPartner: t.field({ type: Partner, nullable: true, resolve: (c, _a, ctx) => partnerOrganization(ctx, c.otherPartnerId) as never }),
      otherRegistration: t.field({ type: Registration, nullable: true, resolve: (c, _a, ctx) => dealRegistration(ctx, c.otherRegistrationId) as never }),
    }),
  });

  builder.prismaObject('PartnerCustomerShare', {
    fields: (t) => ({ partner: t.relation('partner'), access: t.expose('access', { type: refs.ShareAccess }), createdAt: t.expose('createdAt', { type: 'DateTime' }) }),
  });
  builder.prismaObject('PartnerContactShare', {
    fields: (t) => ({ partner: t.relation('partner'), access: t.expose('access', { type: refs.ShareAccess }), createdAt: t.expose('createdAt', { type: 'DateTime' }) }),
  });
  builder.prismaObjectField(refs.Customer, 'partnerShares', (t) =>
    t.relation('partnerShares', { description: 'Partners this customer is shared with (empty unless you run the partner programme).', query: (_a, ctx) => ({ where: { partner: rows(ctx) } }) }),
  );
  builder.prismaObjectField(refs.Contact, 'partnerShares', (t) =>
    t.relation('partnerShares', { description: 'Partners this contact is shared with (empty unless you run the partner programme).', query: (_a, ctx) => ({ where: { partner: rows(ctx) } }) }),
  );

  return { Partner, PartnerUser, Registration, Tier, Status, RegistrationStatus };
}

type Refs = ReturnType<typeof registerStaffTypes>;

function registerStaffQueries(builder: RapportBuilder, config: PartnerConfig, refs: Refs) {
  const PartnerFilter = builder.inputType('PartnerFilter', {
    fields: (t) => ({ status: t.field({ type: [refs.Status] }), search: t.string({ description: 'Name contains.' }) }),
  });
  const RegistrationFilter = builder.inputType('DealRegistrationFilter', {
    fields: (t) => ({
      status: t.field({ type: [refs.RegistrationStatus] }),
      partnerId: t.globalID({ for: refs.Partner }),
      hasConflict: t.boolean(),
    }),
  });
  const partnerWhere = (filter: { status?: PartnerStatus[] | null; search?: string | null } | null | undefined): Prisma.PartnerOrganizationWhereInput => ({
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.search?.trim() ? { name: { contains: filter.search.trim(), mode: 'insensitive' } } : {}),
  });
  const registrationWhere = (filter: { status?: DealRegistrationStatus[] | null; partnerId?: { id: unknown } | null; hasConflict?: boolean | null } | null | undefined): Prisma.DealRegistrationWhereInput => {
    const partnerId = filter?.partnerId ? String(filter.partnerId.id) : null;
    return {
      ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
      ...(partnerId ? { partnerId: isUuid(partnerId) ? partnerId : { in: [] } } : {}),
      ...(filter?.hasConflict != null ? { conflicts: filter.hasConflict ? { some: {} } : { none: {} } } : {}),
    };
  };

  builder.queryFields((t) => ({
    partners: t.prismaConnection(
      {
        type: 'PartnerOrganization',
        cursor: 'id',
        description: 'Partner organisations by name (partner managers only).',
        args: { filter: t.arg({ type: PartnerFilter }) },
        resolve: (query, _root, args, ctx) => {
          requirePartnerManager(ctx.viewer, config, false);
          return ctx.prisma.partnerOrganization.findMany({ ...query, where: partnerWhere(args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] });
        },
        totalCount: (_c, args, ctx) => {
          requirePartnerManager(ctx.viewer, config, false);
          return ctx.prisma.partnerOrganization.count({ where: partnerWhere(args.filter) });
        },
      },
      connectionOf(builder, 'PartnerOrganization'),
    ),
    dealRegistrations: t.prismaConnection(
      {
        type: 'DealRegistration',
        cursor: 'id',
        description: 'Deal registrations, newest first (partner managers only).',
        args: { filter: t.arg({ type: RegistrationFilter }) },
        resolve: (query, _root, args, ctx) => {
          requirePartnerManager(ctx.viewer, config, false);
          return ctx.prisma.dealRegistration.findMany({ ...query, where: registrationWhere(args.filter), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
        },
        totalCount: (_c, args, ctx) => {
          requirePartnerManager(ctx.viewer, config, false);
          return ctx.prisma.dealRegistration.count({ where: registrationWhere(args.filter) });
        },
      },
      connectionOf(builder, 'DealRegistration'),
    ),
    dealRegistration: t.prismaField({
      nullable: true,
      type: 'DealRegistration',
      args: { id: t.arg.globalID({ required: true, for: refs.Registration }) },
      resolve: async (query, _root, args, ctx) => {
        requirePartnerManager(ctx.viewer, config, false);
        const found = isUuid(args.id.id) ? await ctx.prisma.dealRegistration.findUnique({ ...query, where: { id: args.id.id } }) : null;
        if (!found) throw notFound('DealRegistration');
        return found;
      },
    }),
  }));
}

function registerStaffMutations(builder: RapportBuilder, core: CoreRefs, config: PartnerConfig, refs: Refs) {
  const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
    fields: (t) => ({
    name: t.string({ required: true }),
    tier: t.field({ type: refs.Tier }),
    region: t.string(),
    status: t.field({ type: refs.Status }),
  }) });
  const UpdatePartnerInput = builder.inputType('UpdatePartnerInput', {
    fields: (t) => ({
    id: t.globalID({ required: true, for: refs.Partner }),
    version: t.int({ required: true }),
    name: t.string(),
    tier: t.field({ type: refs.Tier }),
    region: t.string(),
    status: t.field({ type: refs.Status }),
  }) });
  const CreatePartnerUserInput = builder.inputType('CreatePartnerUserInput', {
    fields: (t) => ({
    partnerId: t.globalID({ required: true, for: refs.Partner }),
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 8 characters; stored as a scrypt hash.' }),
  }) });
  const SetActiveInput = builder.inputType('SetPartnerUserActiveInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: refs.PartnerUser }), active: t.boolean({ required: true }) }) });
  const ShareCustomerInput = builder.inputType('ShareCustomerWithPartnerInput', {
    fields: (t) => ({
    customerId: t.globalID({ required: true, for: core.Customer }),
    partnerId: t.globalID({ required: true, for: refs.Partner }),
    access: t.field({ type: core.ShareAccess }),
    contactIds: t.globalIDList({ for: core.Contact, description: 'Contacts shared in the same step; the others stay hidden from the partner.' }),
  }) });
  const UnshareCustomerInput = builder.inputType('UnshareCustomerFromPartnerInput', {
    fields: (t) => ({
    customerId: t.globalID({ required: true, for: core.Customer }),
    partnerId: t.globalID({ required: true, for: refs.Partner }),
  }) });
  const ShareContactInput = builder.inputType('ShareContactWithPartnerInput', {
    fields: (t) => ({
    contactId: t.globalID({ required: true, for: core.Contact }),
    partnerId: t.globalID({ required: true, for: refs.Partner }),
    access: t.field({ type: core.ShareAccess }),
  }) });
  const UnshareContactInput = builder.inputType('UnshareContactFromPartnerInput', {
    fields: (t) => ({
    contactId: t.globalID({ required: true, for: core.Contact }),
    partnerId: t.globalID({ required: true, for: refs.Partner }),
  }) });
  const ApproveInput = builder.inputType('ApproveDealRegistrationInput', {
    fields: (t) => ({
    id: t.globalID({ required: true, for: refs.Registration }),
    version: t.int({ required: true }),
    customerId: t.globalID({ for: core.Customer, description: 'Attach the deal to this existing customer (you must be able to change it); without it a new customer, owned by you, is created.' }),
    access: t.field({ type: core.ShareAccess, description: 'Access given to the partner (default: the configured approvalAccess).' }),
    reason: t.string(),
  }) });
  const RejectInput = builder.inputType('RejectDealRegistrationInput', {
    fields: (t) => ({
    id: t.globalID({ required: true, for: refs.Registration }),
    version: t.int({ required: true }),
    reason: t.string({ required: true, description: 'The partner reads it.' }),
  }) });

  const payload = (name: string, field: string, type: typeof refs.Partner | typeof refs.PartnerUser | typeof refs.Registration | typeof core.Customer | typeof core.Contact) => {
    const ref = builder.objectRef<Record<string, unknown>>(name).implement({
      fields: (t) => ({ [field]: t.field({ type: type as typeof refs.Partner, nullable: true, resolve: (p) => p[field] as never }) }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const PartnerPayload = (name: string) => payload(name, 'partner', refs.Partner);
  const PartnerUserPayload = (name: string) => payload(name, 'partnerUser', refs.PartnerUser);
  const RegistrationPayload = (name: string) => payload(name, 'dealRegistration', refs.Registration);
  const SharePayload = (name: string) => payload(name, 'customer', core.Customer);
  const ContactSharePayload = (name: string) => payload(name, 'contact', core.Contact);
  const id = (value: { id: unknown }) => String(value.id);

  builder.mutationFields((t) => ({
    createPartner: t.field({
      type: PartnerPayload('CreatePartnerPayload'),
      args: { input: t.arg({ type: CreatePartnerInput, required: true }) },
      resolve: async (_r, { input }, ctx) => ({ partner: await createPartner(ctx, config, input as never) }),
    }),
    updatePartner: t.field({
      type: PartnerPayload('UpdatePartnerPayload'),
      args: { input: t.arg({ type: UpdatePartnerInput, required: true }) },
      resolve: async (_r, { input }, ctx) => ({
        // GraphQL null on name, tier or status means "leave as is", like an omitted field.
        partner: await updatePartner(ctx, config, { ...input, id: id(input.id), name: input.name ?? undefined, tier: input.tier ?? undefined, status: input.status ?? undefined }),
      }),
    }),
    createPartnerUser: t.field({
      type: PartnerUserPayload('CreatePartnerUserPayload'),
      args: { input: t.arg({ type: CreatePartnerUserInput, required: true }) },
      resolve: async (_r, { input }, ctx) => ({ partnerUser: await createPartnerUser(ctx, config, { ...input, partnerId: id(input.partnerId) }) }),
    }),
    setPartnerUserActive: t.field({
      type: PartnerUserPayload('SetPartnerUserActivePayload'),
      args: { input: t.arg({ type: SetActiveInput, required: true }) },
      resolve: async (_r, { input }, ctx) => ({ partnerUser: await setPartnerUserActive(ctx, config, { id: id(input.id), active: input.active }) }),
    }),
    shareCustomerWithPartner: t.field({
      type: SharePayload('ShareCustomerWithPartnerPayload'),
      args: { input: t.arg({ type: ShareCustomerInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        const share = await shareCustomerWithPartner(ctx, config, {
          customerId: id(i.customerId),
          partnerId: id(i.partnerId),
          access: i.access ?? undefined,
          contactIds: (i.contactIds ?? []).map(id),
        });
        return { customer: await ctx.prisma.customer.findUniqueOrThrow({ where: { id: share.customerId } }) };
      },
    }),
    unshareCustomerFromPartner: t.field({
      type: SharePayload('UnshareCustomerFromPartnerPayload'),
      args: { input: t.arg({ type: UnshareCustomerInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        const customerId = await unshareCustomerFromPartner(ctx, config, { customerId: id(i.customerId), partnerId: id(i.partnerId) });
        return { customer: await ctx.prisma.customer.findUniqueOrThrow({ where: { id: customerId } }) };
      },
    }),
    shareContactWithPartner: t.field({
      type: ContactSharePayload('ShareContactWithPartnerPayload'),
      args: { input: t.arg({ type: ShareContactInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        const share = await shareContactWithPartner(ctx, config, { contactId: id(i.contactId), partnerId: id(i.partnerId), access: i.access ?? undefined });
        return { contact: await ctx.prisma.contact.findUniqueOrThrow({ where: { id: share.contactId } }) };
      },
    }),
    unshareContactFromPartner: t.field({
      type: ContactSharePayload('UnshareContactFromPartnerPayload'),
      args: { input: t.arg({ type: UnshareContactInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        const contactId = await unshareContactFromPartner(ctx, config, { contactId: id(i.contactId), partnerId: id(i.partnerId) });
        return { contact: await ctx.prisma.contact.findUniqueOrThrow({ where: { id: contactId } }) };
      },
    }),
    approveDealRegistration: t.field({
      type: RegistrationPayload('ApproveDealRegistrationPayload'),
      args: { input: t.arg({ type: ApproveInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        return { dealRegistration: await approveDealRegistration(ctx, config, { ...i, id: id(i.id), customerId: rawId(i.customerId) }) };
      },
    }),
    rejectDealRegistration: t.field({
      type: RegistrationPayload('RejectDealRegistrationPayload'),
      args: { input: t.arg({ type: RejectInput, required: true }) },
      resolve: async (_r, { input }, ctx) => {
        const i = input;
        return { dealRegistration: await rejectDealRegistration(ctx, config, { ...i, id: id(i.id) }) };
      },
    }),
  }));
}
