import { CORE_DESCRIPTIONS, describe } from '@rapport/core';
import { PARTNER_DESCRIPTIONS } from '../descriptions.js';
import { PORTAL_DESCRIPTIONS } from './descriptions.js';
// The partner portal's schema: only partner-safe types and fields exist here. No tier, contract
// value, owner, tags, custom fields, activities' text, audit, users or other partners: what is not
// registered on this builder cannot be asked for.
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  ActivityKind,
  authSettings,
  login,
  logout,
  refreshSession,
  customerCode,
  CustomerKind,
  DealRegistrationStatus,
  isUuid,
  notFound,
  pushIterator,
  type FiredAlert,
  type RapportConfig,
  type Viewer,
  withUserErrors,
} from '@rapport/core';
import { alertsOf, contactsSharedWith, customersSharedWith, ownShare, partnerOf, registrationsOf } from '../access.js';
import { PARTNER_ALERT_KINDS } from '../alerts.js';
import { partnerPrincipal } from '../auth.js';
import type { PartnerConfig } from '../config.js';
import { partnerRecipient } from '../partner-alerts.js';
import { updateSharedContact, updateSharedCustomer } from '../portal-edits.js';
import { registerDeal } from '../registrations.js';
import { activityOnSharedCustomers, registrationsByStatus, type CustomerActivity } from '../reports.js';
import type { PortalBuilder } from './builder.js';
import { portalContactWhere, portalCustomerWhere } from './filters.js';

/** A well-formed id no row has. */
const NO_ROW = '00000000-0000-0000-0000-000000000000';

export function registrationCode(config: PartnerConfig, number: number): string {
  return customerCode(config.registrationCodePrefix, number);
}

/** Portal types, queries, mutations and the alert subscription; returns the refs contributors extend. */
export function registerPortalSchema(builder: PortalBuilder, config: PartnerConfig, deployment: RapportConfig) {
  describe(builder, PORTAL_DESCRIPTIONS);
  // What the portal shares with the internal graph: described there (first registered wins).
  describe(builder, CORE_DESCRIPTIONS, { borrowed: true });
  describe(builder, PARTNER_DESCRIPTIONS, { borrowed: true });
  builder.queryType({ authScopes: { partner: true } });
  builder.mutationType({ authScopes: { partner: true } });
  builder.subscriptionType({ authScopes: { partner: true } });

  const ShareAccess = builder.enumType('ShareAccess', {
    description: 'What your organisation may do with a shared record: READ it, or also EDIT it.',
    values: ['READ', 'EDIT'] as const,
  });
  const Kind = builder.enumType(CustomerKind, { name: 'CustomerKind' });
  const Status = builder.enumType(DealRegistrationStatus, {
    name: 'DealRegistrationStatus',
    description: 'PENDING until the company decides; APPROVED shares the customer with you.',
  });
  const ActivityKindRef = builder.enumType(ActivityKind, { name: 'ActivityKind' });
  const AlertKind = builder.enumType('AlertKind', {
    values: Object.fromEntries(PARTNER_ALERT_KINDS.map((k) => [k.kind, { description: k.description }])),
  });
  const Region = builder.objectRef<{ country: string | null; province: string | null; city: string | null }>('Region').implement({
    fields: (t) => ({
      country: t.exposeString('country', { nullable: true }),
      province: t.exposeString('province', { nullable: true }),
      city: t.exposeString('city', { nullable: true }),
    }),
  });

  const Customer = builder.prismaNode('Customer', {
    id: { field: 'id' },
    description: 'A customer shared with your organisation.',
    findUnique: (id, ctx) => ({ id, AND: [customersSharedWith(ctx.viewer)] }),
    fields: (t) => ({
      code: t.string({ resolve: (c) => customerCode(deployment.customerCodePrefix, c.number) }),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: Kind }),
      industry: t.exposeString('industry', { nullable: true }),
      region: t.field({ type: Region, resolve: (c) => ({ country: c.country, province: c.province, city: c.city }) }),
      phone: t.exposeString('phone', { nullable: true }),
      email: t.exposeString('email', { nullable: true }),
      website: t.exposeString('website', { nullable: true }),
      access: t.field({
        type: ShareAccess,
        select: (_args, ctx) => ({ partnerShares: ownShare(ctx.viewer) }),
        resolve: (c) => c.partnerShares[0]?.access ?? 'READ',
      }),
      sharedAt: t.field({
        type: 'DateTime',
        select: (_args, ctx) => ({ partnerShares: ownShare(ctx.viewer) }),
        resolve: (c) => c.partnerShares[0]?.createdAt ?? c.updatedAt,
      }),
      version: t.exposeInt('version', { description: 'Pass back on updateCustomer; a stale version is a CONFLICT.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      contacts: t.relation('contacts', {
        description: 'The contacts shared with you; others are not listed.',
        query: (_args, ctx) => ({ where: contactsSharedWith(ctx.viewer), orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] }),
      }),
      dealRegistrations: t.relation('dealRegistrations', {
        description: "Your organisation's registrations for this customer.",
        query: (_args, ctx) => ({ where: registrationsOf(ctx.viewer), orderBy: [{ createdAt: 'desc' }] }),
      }),
    }),
  });

  const Contact = builder.prismaNode('Contact', {
    id: { field: 'id' },
    description: 'A contact shared with your organisation (always of a customer shared with it).',
    findUnique: (id, ctx) => ({ id, AND: [contactsSharedWith(ctx.viewer)] }),
    fields: (t) => ({
      name: t.exposeString('name'),
      title: t.exposeString('title', { nullable: true }),
      department: t.exposeString('department', { nullable: true }),
      email: t.exposeString('email', { nullable: true }),
      phone: t.exposeString('phone', { nullable: true }),
      isPrimary: t.exposeBoolean('isPrimary'),
      access: t.field({
        type: ShareAccess,
        select: (_args, ctx) => ({ partnerShares: ownShare(ctx.viewer) }),
        resolve: (c) => c.partnerShares[0]?.access ?? 'READ',
      }),
      version: t.exposeInt('version'),
      // Safe as a plain relation: a contact is only reachable while its customer is shared too.
      customer: t.relation('customer'),
    }),
  });

  const DealRegistration = builder.prismaNode('DealRegistration', {
    id: { field: 'id' },
    description: 'A deal your organisation registered.',
    findUnique: (id, ctx) => ({ id, AND: [registrationsOf(ctx.viewer)] }),
    fields: (t) => ({
      code: t.string({ description: 'e.g. DR-000123', resolve: (r) => registrationCode(config, r.number) }),
      companyName: t.exposeString('companyName'),
      contactName: t.exposeString('contactName'),
      contactEmail: t.exposeString('contactEmail', { nullable: true }),
      contactPhone: t.exposeString('contactPhone', { nullable: true }),
      expectedAmount: t.expose('expectedAmount', { type: 'Decimal' }),
      expectedCloseDate: t.expose('expectedCloseDate', { type: 'Date' }),
      productInterest: t.exposeString('productInterest'),
      notes: t.exposeString('notes', { nullable: true }),
      status: t.expose('status', { type: Status }),
      decisionReason: t.exposeString('decisionReason', { nullable: true }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
      registeredByName: t.string({
        nullable: true,
        description: 'The colleague at your organisation who registered it.',
        select: { registeredBy: { select: { name: true } } },
        resolve: (r) => r.registeredBy?.name ?? null,
      }),
      // Through the share row, so a customer unshared since approval is null here, not revealed.
      customer: t.field({
        type: Customer,
        nullable: true,
        description: 'The customer, once approved and while it is shared with you.',
        select: (_args, ctx, nested) => ({ customer: { select: { partnerShares: { ...ownShare(ctx.viewer), select: { customer: nested() } } } } }),
        resolve: (r) => (r.customer?.partnerShares[0]?.customer ?? null) as never,
      }),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Alert = builder.prismaNode('Alert', {
    name: 'Alert',
    id: { field: 'id' },
    description: 'A notice for you: a decision on a registration, a newly shared customer.',
    findUnique: (id, ctx) => ({ id, AND: [alertsOf(ctx.viewer)] }),
    fields: (t) => ({
      kind: t.field({ type: AlertKind, resolve: (a) => a.kind as never }),
      title: t.exposeString('title'),
      body: t.exposeString('body', { nullable: true }),
      entityType: t.exposeString('entityType', { nullable: true }),
      entityId: t.id({
        nullable: true,
        description: 'Global id of what the alert is about; fetch it with node(id).',
        resolve: (a) => (a.entityType && a.entityId ? encodeGlobalID(a.entityType, a.entityId) : null),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
      isRead: t.boolean({ resolve: (a) => a.readAt !== null }),
    }),
  });

  registerViewerAndReports(builder, { Customer, Status, ActivityKindRef });
  registerLists(builder, config, deployment, { Customer, Contact, DealRegistration, Status, Alert, AlertKind });
  registerMutations(builder, config, { Customer, Contact, DealRegistration, ShareAccess, Alert });
  return { Customer, Contact, DealRegistration, ShareAccess, Region, CustomerKind: Kind, DealRegistrationStatus: Status };
}

type Refs = Record<string, any>;

function registerViewerAndReports(builder: PortalBuilder, refs: Refs) {
  const Organization = builder.objectRef<{ name: string; tier: string; region: string | null }>('PartnerOrganization').implement({
    description: 'Your organisation as the company records it.',
    fields: (t) => ({ name: t.exposeString('name'), tier: t.exposeString('tier'), region: t.exposeString('region', { nullable: true }) }),
  });
  const Me = builder.objectRef<{ id: string; name: string; email: string; partner: { name: string; tier: string; region: string | null } }>('PartnerViewer').implement({
    fields: (t) => ({
      id: t.id({ resolve: (u) => encodeGlobalID('PartnerUser', u.id) }),
      name: t.exposeString('name'),
      email: t.exposeString('email'),
      organization: t.field({ type: Organization, resolve: (u) => u.partner }),
    }),
  });
  const Totals = builder.objectRef<{ status: string; count: number; expectedAmount: string }>('RegistrationTotals').implement({
    fields: (t) => ({
      status: t.field({ type: refs.Status, resolve: (r) => r.status as never }),
      count: t.exposeInt('count'),
      expectedAmount: t.field({ type: 'Decimal', description: 'Sum of expected amounts.', resolve: (r) => r.expectedAmount }),
    }),
  });
  const KindCount = builder.objectRef<{ kind: string; count: number }>('ActivityKindCount').implement({
    fields: (t) => ({ kind: t.field({ type: refs.ActivityKindRef, resolve: (k) => k.kind as never }), count: t.exposeInt('count') }),
  });
  const Activity = builder.objectRef<CustomerActivity & { customer: unknown }>('CustomerActivitySummary').implement({
    description: 'How much the company worked a customer shared with you: counts only, no notes.',
    fields: (t) => ({
      customer: t.field({ type: refs.Customer, resolve: (a) => a.customer as never }),
      total: t.exposeInt('total'),
      lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime', nullable: true }),
      byKind: t.field({ type: [KindCount], resolve: (a) => a.byKind }),
    }),
  });

  builder.queryFields((t) => ({
    me: t.field({
      type: Me,
      resolve: async (_root, _args, ctx) =>
        ctx.prisma.partnerUser.findUniqueOrThrow({
          where: { id: partnerOf(ctx).id },
          select: { id: true, name: true, email: true, partner: { select: { name: true, tier: true, region: true } } },
        }),
    }),
    registrationReport: t.field({
      type: [Totals],
      description: "Your organisation's registrations by status (every status listed), created in [from, to) when given.",
      args: { from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
      resolve: (_root, args, ctx) => registrationsByStatus(ctx.prisma, partnerOf(ctx).attributes.partnerId, args),
    }),
    activityReport: t.field({
      type: [Activity],
      description: 'Activities the company logged on customers shared with you in [from, to), most worked first.',
      args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
      resolve: async (_root, args, ctx) => {
        const viewer = partnerOf(ctx);
        const rows = await activityOnSharedCustomers(ctx.prisma, viewer.attributes.partnerId, args);
        const customers = await ctx.prisma.customer.findMany({ where: { AND: [{ id: { in: rows.map((r) => r.customerId) } }, customersSharedWith(viewer)] } });
        const byId = new Map(customers.map((c) => [c.id, c]));
        return rows.filter((r) => byId.has(r.customerId)).map((r) => ({ ...r, customer: byId.get(r.customerId) }));
      },
    }),
  }));
}

function registerLists(builder: PortalBuilder, config: PartnerConfig, deployment: RapportConfig, refs: Refs) {
  const CustomerFilter = builder.inputType('CustomerFilter', {
    fields: (t) => ({ search: t.string({ description: 'Name, code, phone or e-mail of the customer or of a contact shared with you.' }) }),
  });
  const ContactFilter = builder.inputType('ContactFilter', {
    fields: (t) => ({ search: t.string({ description: 'Name, phone or e-mail.' }), customerId: t.globalID({ for: refs.Customer }) }),
  });
  const customerWhere = (ctx: { viewer: Viewer | null }, filter: { search?: string | null } | null | undefined) =>
    portalCustomerWhere(ctx.viewer, filter?.search, deployment.customerCodePrefix);
  const contactWhere = (ctx: { viewer: Viewer | null }, filter: { search?: string | null; customerId?: { id: unknown } | null } | null | undefined) => {
    const customerId = filter?.customerId ? String(filter.customerId.id) : null;
    // A malformed customer id matches nothing rather than failing in the database.
    return portalContactWhere(ctx.viewer, { search: filter?.search, customerId: customerId && !isUuid(customerId) ? NO_ROW : customerId });
  };
  const alertsWhere = (ctx: { viewer: Viewer | null }, args: { unreadOnly?: boolean | null; kinds?: string[] | null }) => ({
    AND: [alertsOf(ctx.viewer), args.unreadOnly ? { readAt: null } : {}, args.kinds?.length ? { kind: { in: args.kinds } } : {}],
  });

  builder.queryFields((t) => ({
    customers: t.prismaConnection(
      {
        type: 'Customer',
        cursor: 'id',
        description: 'Customers shared with your organisation, by name.',
        args: { filter: t.arg({ type: CustomerFilter }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.customer.findMany({ ...query, where: customerWhere(ctx, args.filter), orderBy: [{ nameKey: 'asc' }, { id: 'asc' }] }),
        totalCount: (_c, args, ctx) => ctx.prisma.customer.count({ where: customerWhere(ctx, args.filter) }),
      },
      { name: 'CustomerConnection' },
      { name: 'CustomerEdge' },
    ),
    customer: t.prismaField({
      nullable: true,
      type: 'Customer',
      args: { id: t.arg.globalID({ required: true, for: refs.Customer }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.customer.findFirst({ ...query, where: { AND: [{ id: args.id.id }, customersSharedWith(ctx.viewer)] } }) : null;
        if (!found) throw notFound('Customer');
        return found;
      },
    }),
    contacts: t.prismaConnection(
      {
        type: 'Contact',
        cursor: 'id',
        description: 'Contacts shared with your organisation, by name.',
        args: { filter: t.arg({ type: ContactFilter }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.contact.findMany({ ...query, where: contactWhere(ctx, args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
        totalCount: (_c, args, ctx) => ctx.prisma.contact.count({ where: contactWhere(ctx, args.filter) }),
      },
      { name: 'ContactConnection' },
      { name: 'ContactEdge' },
    ),
    contact: t.prismaField({
      nullable: true,
      type: 'Contact',
      args: { id: t.arg.globalID({ required: true, for: refs.Contact }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.contact.findFirst({ ...query, where: { AND: [{ id: args.id.id }, contactsSharedWith(ctx.viewer)] } }) : null;
        if (!found) throw notFound('Contact');
        return found;
      },
    }),
    dealRegistrations: t.prismaConnection(
      {
        type: 'DealRegistration',
        cursor: 'id',
        description: "Your organisation's deal registrations, newest first.",
        args: { status: t.arg({ type: [refs.Status] }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.dealRegistration.findMany({
            ...query,
            where: { AND: [registrationsOf(ctx.viewer), args.status?.length ? { status: { in: args.status } } : {}] },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          }),
        totalCount: (_c, args, ctx) =>
          ctx.prisma.dealRegistration.count({ where: { AND: [registrationsOf(ctx.viewer), args.status?.length ? { status: { in: args.status } } : {}] } }),
      },
      { name: 'DealRegistrationConnection' },
      { name: 'DealRegistrationEdge' },
    ),
    dealRegistration: t.prismaField({
      nullable: true,
      type: 'DealRegistration',
      args: { id: t.arg.globalID({ required: true, for: refs.DealRegistration }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id)
          ? await ctx.prisma.dealRegistration.findFirst({ ...query, where: { AND: [{ id: args.id.id }, registrationsOf(ctx.viewer)] } })
          : null;
        if (!found) throw notFound('DealRegistration');
        return found;
      },
    }),
    alerts: t.prismaConnection(
      {
        type: 'Alert',
        cursor: 'id',
        description: 'Your alerts, newest first; those raised while you were offline wait here.',
        args: { unreadOnly: t.arg.boolean(), kinds: t.arg({ type: [refs.AlertKind] }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.alert.findMany({ ...query, where: alertsWhere(ctx, args), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
        totalCount: (_c, args, ctx) => ctx.prisma.alert.count({ where: alertsWhere(ctx, args) }),
      },
      { name: 'AlertConnection' },
      { name: 'AlertEdge' },
    ),
    unreadAlertCount: t.int({ resolve: (_root, _args, ctx) => ctx.prisma.alert.count({ where: alertsWhere(ctx, { unreadOnly: true }) }) }),
  }));

  builder.subscriptionField('alerts', (t) =>
    t.field({
      type: refs.Alert,
      description: 'Your alerts as they are raised (graphql-ws or SSE on the portal path).',
      args: { kinds: t.arg({ type: [refs.AlertKind] }) },
      subscribe: (_root, args, ctx) => {
        const recipient = partnerRecipient(partnerOf(ctx).id);
        const wanted = args.kinds?.length ? new Set<string>(args.kinds) : null;
        return pushIterator<FiredAlert>((push) =>
          ctx.alertBus.subscribe(recipient, (alert) => {
            if (!wanted || wanted.has(alert.kind)) push(alert);
          }),
        );
      },
      resolve: (alert: FiredAlert) => alert as never,
    }),
  );
  void config;
}

function registerMutations(builder: PortalBuilder, config: PartnerConfig, refs: Refs) {
  type SignIn = { accessToken: string; accessTokenExpiresAt: Date; refreshToken: string };
  // login and refreshToken each have their own payload (docs/graph-conventions.md), with the same fields.
  const signInPayload = (name: string, description: string) => {
    const ref = builder.objectRef<SignIn>(name).implement({
      description,
      fields: (t) => ({
        accessToken: t.exposeString('accessToken', { nullable: true, description: 'Send as Authorization: Bearer <accessToken> to this endpoint only.' }),
        accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime', nullable: true, description: 'When the access token stops working.' }),
        refreshToken: t.exposeString('refreshToken', { nullable: true, description: 'Trade for a new pair with refreshToken, once.' }),
      }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const LoginPayload = signInPayload('LoginPayload', 'A new portal session: its access and refresh tokens.');
  const RefreshTokenPayload = signInPayload('RefreshTokenPayload', 'The session’s next access and refresh tokens.');
  const LogoutPayload = builder.objectRef<{ loggedOut: boolean }>('LogoutPayload').implement({
    description: 'Whether a session ended.',
    fields: (t) => ({ loggedOut: t.exposeBoolean('loggedOut', { nullable: true, description: 'True when this session was open and has now ended.' }) }),
  });
  withUserErrors(builder, LogoutPayload);
  const MarkAlertReadInput = builder.inputType('MarkAlertReadInput', {
    description: 'Which alert to mark read.',
    fields: (t) => ({ id: t.globalID({ required: true, for: refs.Alert, description: 'The alert.' }) }),
  });
  const MarkAlertReadPayload = builder.objectRef<{ alert: unknown }>('MarkAlertReadPayload').implement({
    description: 'The alert, now read.',
    fields: (t) => ({ alert: t.field({ type: refs.Alert, nullable: true, description: 'The alert, read since now (or since it was first read).', resolve: (p) => p.alert as never }) }),
  });
  withUserErrors(builder, MarkAlertReadPayload);
  const MarkAllAlertsReadPayload = builder.objectRef<{ markedCount: number }>('MarkAllAlertsReadPayload').implement({
    description: 'How many alerts were marked read.',
    fields: (t) => ({ markedCount: t.exposeInt('markedCount', { nullable: true, description: 'How many unread alerts were marked read.' }) }),
  });
  withUserErrors(builder, MarkAllAlertsReadPayload);
  const LoginInput = builder.inputType('LoginInput', {
    fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
  });
  const RefreshInput = builder.inputType('RefreshTokenInput', { fields: (t) => ({ refreshToken: t.string({ required: true }) }) });
  const RegionInput = builder.inputType('RegionInput', { fields: (t) => ({ country: t.string(), province: t.string(), city: t.string() }) });
  const UpdateCustomerInput = builder.inputType('UpdateCustomerInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: refs.Customer }),
      version: t.int({ required: true }),
      industry: t.string(),
      phone: t.string(),
      email: t.string(),
      website: t.string(),
      region: t.field({ type: RegionInput }),
    }),
  });
  const UpdateContactInput = builder.inputType('UpdateContactInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: refs.Contact }),
      version: t.int({ required: true }),
      name: t.string(),
      title: t.string(),
      department: t.string(),
      email: t.string(),
      phone: t.string(),
    }),
  });
  const RegisterDealInput = builder.inputType('RegisterDealInput', {
    fields: (t) => ({
      companyName: t.string({ required: true }),
      contactName: t.string({ required: true }),
      contactEmail: t.string(),
      contactPhone: t.string(),
      expectedAmount: t.field({ type: 'Decimal', required: true }),
      expectedCloseDate: t.field({ type: 'Date', required: true }),
      productInterest: t.string({ required: true }),
      notes: t.string(),
    }),
  });
  const CustomerPayload = builder.objectRef<{ customer: unknown }>('UpdateCustomerPayload').implement({
    fields: (t) => ({ customer: t.field({ nullable: true, type: refs.Customer, resolve: (p) => p.customer as never }) }),
  });
  withUserErrors(builder, CustomerPayload);
  const ContactPayload = builder.objectRef<{ contact: unknown }>('UpdateContactPayload').implement({
    fields: (t) => ({ contact: t.field({ nullable: true, type: refs.Contact, resolve: (p) => p.contact as never }) }),
  });
  withUserErrors(builder, ContactPayload);
  const RegistrationPayload = builder.objectRef<{ dealRegistration: unknown }>('RegisterDealPayload').implement({
    fields: (t) => ({ dealRegistration: t.field({ nullable: true, type: refs.DealRegistration, resolve: (p) => p.dealRegistration as never }) }),
  });
  withUserErrors(builder, RegistrationPayload);

  builder.mutationFields((t) => ({
    login: t.field({
      type: LoginPayload,
      description: 'Signs in to the portal. A wrong e-mail or password is UNAUTHENTICATED in `errors`, not a user error.',
      skipTypeScopes: true,
      args: { input: t.arg({ type: LoginInput, required: true }) },
      resolve: (_root, { input }, ctx) => login(ctx, authSettings(ctx.config), input, partnerPrincipal),
    }),
    refreshToken: t.field({
      type: RefreshTokenPayload,
      description: 'A new access and refresh token for a refresh token; reusing one ends its session.',
      skipTypeScopes: true,
      args: { input: t.arg({ type: RefreshInput, required: true }) },
      resolve: (_root, { input }, ctx) => refreshSession(ctx, authSettings(ctx.config), input, partnerPrincipal),
    }),
    logout: t.field({
      type: LogoutPayload,
      description: 'Ends this sign-in session at once.',
      resolve: async (_root, _args, ctx) => ({ loggedOut: (await logout(ctx, {}, partnerPrincipal)) > 0 }),
    }),
    updateCustomer: t.field({
      type: CustomerPayload,
      description: 'Changes a customer shared with EDIT access (contact details and region only).',
      args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ customer: await updateSharedCustomer(ctx, { ...input, id: String(input.id.id) }) }),
    }),
    updateContact: t.field({
      type: ContactPayload,
      description: 'Changes a contact shared with EDIT access.',
      args: { input: t.arg({ type: UpdateContactInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ contact: await updateSharedContact(ctx, { ...input, id: String(input.id.id), name: input.name ?? undefined }) }),
    }),
    registerDeal: t.field({
      type: RegistrationPayload,
      description: 'Registers a deal for the company to approve; it stays PENDING until then.',
      args: { input: t.arg({ type: RegisterDealInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ dealRegistration: await registerDeal(ctx, config, input) }),
    }),
    markAlertRead: t.field({
      type: MarkAlertReadPayload,
      description: 'Marks one of your alerts read (again: it keeps its first read time).',
      args: { input: t.arg({ type: MarkAlertReadInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const id = String(input.id.id);
        const where = { AND: [{ id: isUuid(id) ? id : NO_ROW }, alertsOf(ctx.viewer)] };
        await ctx.prisma.alert.updateMany({ where: { AND: [...where.AND, { readAt: null }] }, data: { readAt: ctx.clock.now() } });
        const alert = await ctx.prisma.alert.findFirst({ where });
        if (!alert) throw notFound('Alert');
        return { alert };
      },
    }),
    markAllAlertsRead: t.field({
      type: MarkAllAlertsReadPayload,
      description: 'Marks every alert of yours read.',
      resolve: async (_root, _args, ctx) => ({
        markedCount: (await ctx.prisma.alert.updateMany({ where: { AND: [alertsOf(ctx.viewer), { readAt: null }] }, data: { readAt: ctx.clock.now() } })).count,
      }),
    }),
  }));
}
