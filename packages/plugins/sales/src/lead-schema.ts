import {
  connectionOf,
  contactsVisibleTo,
  customersVisibleTo,
  isUuid,
  notFound,
  payloadMutation,
  prismaDirection,
  rawId,
  requirePermission,
  type CoreRefs,
  type Prisma,
  type RapportBuilder,
  type Viewer,
} from '@rapport/core';
import { throughCustomer } from './access.js';
import type { SalesConfig } from './config.js';
import { leadReleaseAt } from './lead-rules.js';
import {
  claimLead,
  convertLead,
  createLead,
  followUpLead,
  leadCode,
  leadDuplicates,
  leadsVisibleTo,
  releaseLead,
  updateLead,
  type ConvertLeadInput,
  type CreateLeadInput,
  type LeadDuplicate,
  type UpdateLeadInput,
} from './leads.js';
import type { OpportunityRefs } from './schema.js';

/** Leads (线索): the node, its list, duplicate candidates, the pool and conversion. */
export function registerLeadSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig, opportunities: OpportunityRefs) {
  const Status = builder.enumType('LeadStatus', {
    description: 'Where a lead stands.',
    values: {
      NEW: { description: 'Not followed up yet.' },
      FOLLOWING: { description: 'Being followed up (跟进中).' },
      CONVERTED: { description: 'Converted into a customer (已转化); read-only from then on.' },
      INVALID: { description: 'No business in it (无效线索), with a reason; may be taken up again.' },
    } as const,
  });
  const FollowUpKind = builder.enumType('LeadFollowUpKind', {
    description: 'How a lead was followed up; conversion copies it as an activity of the same kind.',
    values: {
      CALL: { description: 'A phone call.' },
      EMAIL: { description: 'An e-mail.' },
      MEETING: { description: 'A meeting.' },
      VISIT: { description: 'A visit.' },
      MESSAGE: { description: 'A chat or text message.' },
      NOTE: { description: 'A note.' },
    } as const,
  });

  const FollowUp = builder.prismaObject('LeadFollowUp', {
    description: 'A follow-up logged on a lead.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Identifier of the follow-up.' }),
      kind: t.field({ type: FollowUpKind, description: 'How the lead was followed up.', resolve: (f) => f.kind as 'CALL' }),
      subject: t.exposeString('subject', { description: 'What it was about.' }),
      body: t.exposeString('body', { nullable: true, description: 'Notes.' }),
      at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
      author: t.relation('author', { nullable: true, description: 'Who logged it.' }),
      activity: t.field({
        type: refs.Activity,
        nullable: true,
        description: "The customer's activity it became when the lead was converted (null before, or when you may not see the customer).",
        resolve: (f, _a, ctx) =>
          f.activityId ? (ctx.prisma.activity.findFirst({ where: { AND: [{ id: f.activityId }, throughCustomer(ctx.viewer)] } }) as never) : null,
      }),
    }),
  });

  const TimelineKind = builder.enumType('LeadTimelineKind', {
    description: 'What a lead timeline entry is.',
    values: { FOLLOW_UP: { description: 'A follow-up.' }, EVENT: { description: 'A change: created, assigned, claimed, released, converted, …' } } as const,
  });
  type TimelineEntry = { at: Date; kind: 'FOLLOW_UP' | 'EVENT'; followUp?: object; action?: string; actor?: string };
  const TimelineEntryRef = builder.objectRef<TimelineEntry>('LeadTimelineEntry').implement({
    description: "One line of a lead's timeline.",
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
      kind: t.expose('kind', { type: TimelineKind, description: 'A follow-up or an event.' }),
      followUp: t.field({ type: FollowUp, nullable: true, description: 'The follow-up, for FOLLOW_UP.', resolve: (e) => (e.followUp as never) ?? null }),
      action: t.string({
        nullable: true,
        description: 'For EVENT: the audited action, e.g. lead.create, lead.assign, lead.claim, lead.release, lead.autoRelease, lead.convert.',
        resolve: (e) => e.action ?? null,
      }),
      actor: t.string({ nullable: true, description: 'For EVENT: who did it, as the audit log names them (sales.lead-pool for the pool job).', resolve: (e) => e.actor ?? null }),
    }),
  });

  const DuplicateRef = builder.objectRef<LeadDuplicate>('LeadDuplicate');

  const Lead = builder.prismaNode('Lead', {
    id: { field: 'id' },
    description:
      'A prospect before it is a customer (线索). Visible to its owner, their team manager (customer.team), everyone while in the lead public pool, and with customer.readAll.',
    findUnique: (id, ctx) => ({ id, AND: [leadsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      number: t.exposeInt('number', { description: 'Sequence behind the code.' }),
      code: t.string({ description: 'Readable unique code, e.g. L-000123.', resolve: (l) => leadCode(config, l) }),
      name: t.exposeString('name', { description: 'The company (or person) the lead is about.' }),
      contactName: t.exposeString('contactName', { nullable: true, description: 'Who to talk to.' }),
      contactTitle: t.exposeString('contactTitle', { nullable: true, description: "The contact person's position." }),
      phone: t.exposeString('phone', { nullable: true, description: 'Phone number as typed.' }),
      email: t.exposeString('email', { nullable: true, description: 'E-mail address.' }),
      source: t.exposeString('source', { nullable: true, description: 'Where the lead came from (展会, 官网, 转介绍, …).' }),
      region: t.exposeString('region', { nullable: true, description: 'Region as typed (省/市).' }),
      notes: t.exposeString('notes', { nullable: true, description: 'Free notes.' }),
      status: t.expose('status', { type: Status, description: 'NEW, FOLLOWING, CONVERTED or INVALID.' }),
      invalidReason: t.exposeString('invalidReason', { nullable: true, description: 'Why it is INVALID.' }),
      owner: t.relation('owner', { nullable: true, description: 'Null while the lead is in the lead public pool.' }),
      inPool: t.boolean({ description: 'In the lead public pool: anyone may claim it.', resolve: (l) => l.ownerId === null && (l.status === 'NEW' || l.status === 'FOLLOWING') }),
      lastFollowUpAt: t.expose('lastFollowUpAt', { type: 'DateTime', description: 'Latest follow-up, or when it was given to its owner: the pool clock runs from here.' }),
      releaseAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it goes back to the pool without a follow-up (leadPool.releaseAfterDays); null when owned by nobody, converted or invalid.',
        resolve: (l) => leadReleaseAt(l, config.leadPool),
      }),
      releasedAt: t.expose('releasedAt', { type: 'DateTime', nullable: true, description: 'When it last went back to the pool.' }),
      convertedAt: t.expose('convertedAt', { type: 'DateTime', nullable: true, description: 'When it was converted.' }),
      convertedBy: t.relation('convertedBy', { nullable: true, description: 'Who converted it.' }),
      customer: t.field({
        type: refs.Customer,
        nullable: true,
        description: 'The customer it was converted into (null before, or when you may not see it).',
        resolve: (l, _a, ctx) => (l.customerId ? (ctx.prisma.customer.findFirst({ where: { AND: [{ id: l.customerId }, customersVisibleTo(ctx.viewer)] } }) as never) : null),
      }),
      contact: t.field({
        type: refs.Contact,
        nullable: true,
        description: 'The contact its contact person became.',
        resolve: (l, _a, ctx) => (l.contactId ? (ctx.prisma.contact.findFirst({ where: { AND: [{ id: l.contactId }, contactsVisibleTo(ctx.viewer)] } }) as never) : null),
      }),
      opportunity: t.field({
        type: opportunities.Opportunity,
        nullable: true,
        description: 'The opportunity opened when it was converted.',
        resolve: (l, _a, ctx) =>
          l.opportunityId ? (ctx.prisma.opportunity.findFirst({ where: { AND: [{ id: l.opportunityId }, throughCustomer(ctx.viewer)] } }) as never) : null,
      }),
      followUps: t.relation('followUps', { description: 'Follow-ups, newest first.', query: () => ({ orderBy: [{ at: 'desc' }, { id: 'desc' }] }) }),
      timeline: t.field({
        type: [TimelineEntryRef],
        description: 'Follow-ups and changes (created, assigned, claimed, released, converted), oldest first.',
        select: { followUps: true },
        resolve: async (l, _a, ctx) => {
          const events = await ctx.prisma.auditEntry.findMany({
            where: { entityType: 'Lead', entityId: l.id, action: { not: 'lead.followUp' } },
            select: { at: true, action: true, actorLabel: true },
            orderBy: { at: 'asc' },
          });
          // At the same instant: the creation first, then follow-ups, then the other changes.
          return [
            ...l.followUps.map((f) => ({ at: f.at, kind: 'FOLLOW_UP' as const, followUp: f, rank: 1 })),
            ...events.map((e) => ({ at: e.at, kind: 'EVENT' as const, action: e.action, actor: e.actorLabel, rank: e.action === 'lead.create' ? 0 : 2 })),
          ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank);
        },
      }),
      possibleDuplicates: t.field({
        type: [DuplicateRef],
        description: 'Customers, contacts and other open leads matching its name, phone or e-mail.',
        resolve: (l, _a, ctx) => leadDuplicates(ctx, { name: l.name, phone: l.phone, email: l.email, leadId: l.id }),
      }),
      version: t.exposeInt('version', { description: 'Pass back on changes; a stale version is a STALE_VERSION user error.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    }),
  });

  DuplicateRef.implement({
    description: 'A candidate duplicate of a lead: a customer (by name, phone or e-mail, its contacts included) or another open lead.',
    fields: (t) => ({
      reasons: t.field({ type: [refs.DuplicateReason], description: 'What matches.', resolve: (d) => d.reasons }),
      customer: t.field({
        type: refs.Customer,
        nullable: true,
        description: 'The matching customer; null when it is a lead, or a customer you may not see (you learn that it exists).',
        resolve: (d, _a, ctx) => (d.customerId ? (ctx.prisma.customer.findUnique({ where: { id: d.customerId } }) as never) : null),
      }),
      contact: t.field({
        type: refs.Contact,
        nullable: true,
        description: 'The matching contact, when the match is on a contact.',
        resolve: (d, _a, ctx) => (d.contactId ? (ctx.prisma.contact.findUnique({ where: { id: d.contactId } }) as never) : null),
      }),
      lead: t.field({ type: Lead, nullable: true, description: 'The matching open lead.', resolve: (d, _a, ctx) => (d.leadId ? (ctx.prisma.lead.findUnique({ where: { id: d.leadId } }) as never) : null) }),
      existsButHidden: t.boolean({ description: 'A customer matches that you may not see: ask a manager before going ahead.', resolve: (d) => !d.customerId && !d.leadId }),
    }),
  });

  builder.prismaObjectField(refs.Customer, 'leads', (t) =>
    t.relation('leads', {
      description: 'The leads converted into this customer (that you may see).',
      query: (_a, ctx) => ({ where: leadsVisibleTo(ctx.viewer), orderBy: [{ convertedAt: 'asc' }, { id: 'asc' }] }),
    }),
  );
  builder.prismaObjectField(opportunities.Opportunity, 'lead', (t) =>
    t.field({
      type: Lead,
      nullable: true,
      description: 'The lead whose conversion opened it (when you may see it).',
      resolve: (o, _a, ctx) => ctx.prisma.lead.findFirst({ where: { AND: [{ opportunityId: o.id }, leadsVisibleTo(ctx.viewer)] } }) as never,
    }),
  );

  const Filter = builder.inputType('LeadFilter', {
    description: 'Narrows the leads list; every condition must hold.',
    fields: (t) => ({
      status: t.field({ type: [Status], description: 'Any of these statuses.' }),
      ownerIds: t.globalIDList({ for: refs.User, description: 'Owned by any of these users.' }),
      inPool: t.boolean({ description: 'true: only the lead public pool; false: only owned leads.' }),
      source: t.string({ description: 'Source equal to this (case ignored).' }),
      search: t.string({ description: 'Name, contact name, phone or e-mail containing the text.' }),
      createdFrom: t.field({ type: 'DateTime', description: 'Created at or after.' }),
      createdBefore: t.field({ type: 'DateTime', description: 'Created before.' }),
    }),
  });
  const OrderField = builder.enumType('LeadOrderField', {
    description: 'What leads are ordered by.',
    values: {
      CREATED_AT: { description: 'Creation time.' },
      LAST_FOLLOW_UP_AT: { description: 'Latest follow-up (oldest first finds those about to go back to the pool).' },
      NAME: { description: 'Name.' },
    } as const,
  });
  const Order = builder.inputType('LeadOrder', {
    description: 'Ordering of the leads list; ties are broken by id.',
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true, description: 'What to order by.' }),
      direction: t.field({ type: refs.SortDirection, defaultValue: 'DESC', description: 'ASC or DESC.' }),
    }),
  });
  const ORDER = { CREATED_AT: 'createdAt', LAST_FOLLOW_UP_AT: 'lastFollowUpAt', NAME: 'nameKey' } as const;

  const where = (filter: typeof Filter.$inferInput | null | undefined, viewer: Viewer | null): Prisma.LeadWhereInput => {
    const and: Prisma.LeadWhereInput[] = [leadsVisibleTo(viewer)];
    if (filter?.status?.length) and.push({ status: { in: filter.status } });
    if (filter?.ownerIds?.length) and.push({ ownerId: { in: filter.ownerIds.map((o) => o.id).filter(isUuid) } });
    if (filter?.inPool === true) and.push({ ownerId: null, status: { in: ['NEW', 'FOLLOWING'] } });
    if (filter?.inPool === false) and.push({ ownerId: { not: null } });
    if (filter?.source?.trim()) and.push({ source: { equals: filter.source.trim(), mode: 'insensitive' } });
    const text = filter?.search?.trim();
    if (text) {
      and.push({
        OR: [
          { name: { contains: text, mode: 'insensitive' } },
          { contactName: { contains: text, mode: 'insensitive' } },
          { phone: { contains: text } },
          { email: { contains: text, mode: 'insensitive' } },
        ],
      });
    }
    if (filter?.createdFrom) and.push({ createdAt: { gte: filter.createdFrom } });
    if (filter?.createdBefore) and.push({ createdAt: { lt: filter.createdBefore } });
    return { AND: and };
  };

  const DuplicatesInput = builder.inputType('LeadDuplicatesInput', {
    description: 'What to look for duplicates of: a would-be lead, or an existing one.',
    fields: (t) => ({
      name: t.string({ description: 'Company name (compared by its search key: case and spacing ignored).' }),
      phone: t.string({ description: 'Phone (digits compared, at least 6).' }),
      email: t.string({ description: 'E-mail (case ignored).' }),
      leadId: t.globalID({ for: Lead, description: 'The lead itself, left out of the candidates.' }),
    }),
  });

  builder.queryFields((t) => ({
    leads: t.prismaConnection(
      {
        type: 'Lead',
        cursor: 'id',
        description: 'Leads you may see (yours, your team’s as its manager, the lead public pool); newest first unless ordered otherwise.',
        args: { filter: t.arg({ type: Filter, description: 'Conditions.' }), orderBy: t.arg({ type: Order, description: 'Ordering.' }) },
        resolve: (query, _root, args, ctx) => {
          requirePermission(ctx.viewer, 'customer.read');
          const direction = prismaDirection(args.orderBy?.direction, 'desc');
          return ctx.prisma.lead.findMany({ ...query, where: where(args.filter, ctx.viewer), orderBy: [{ [ORDER[args.orderBy?.field ?? 'CREATED_AT']]: direction }, { id: direction }] });
        },
        totalCount: (_c, args, ctx) => ctx.prisma.lead.count({ where: where(args.filter, ctx.viewer) }),
      },
      connectionOf(builder, 'Lead'),
    ),
    lead: t.prismaField({
      type: 'Lead',
      nullable: true,
      description: 'One lead you may see; NOT_FOUND otherwise.',
      args: { id: t.arg.globalID({ required: true, for: Lead, description: 'The lead.' }) },
      resolve: async (query, _root, args, ctx) => {
        const found = isUuid(args.id.id) ? await ctx.prisma.lead.findFirst({ ...query, where: { AND: [{ id: args.id.id }, leadsVisibleTo(ctx.viewer)] } }) : null;
        if (!found) throw notFound('Lead');
        return found;
      },
    }),
    leadDuplicates: t.field({
      type: [DuplicateRef],
      description: 'Candidate duplicates among customers, contacts and open leads, by name (search key), phone and e-mail: ask before createLead.',
      args: { input: t.arg({ type: DuplicatesInput, required: true, description: 'What to look for.' }) },
      resolve: (_root, { input }, ctx) => leadDuplicates(ctx, { name: input.name, phone: input.phone, email: input.email, leadId: rawId(input.leadId) }),
    }),
  }));

  // --- mutations ---
  const details = {
    contactName: 'Who to talk to (becomes the first contact on conversion).',
    contactTitle: "The contact person's position.",
    phone: "The contact person's phone.",
    email: "The contact person's e-mail.",
    source: 'Where it came from (展会, 官网, 转介绍, …).',
    region: 'Region (省/市).',
    notes: 'Free notes.',
  } as const;
  const CreateInput = builder.inputType('CreateLeadInput', {
    description: 'A new lead.',
    fields: (t) => ({
      name: t.string({ required: true, description: 'The company (or person).' }),
      ...Object.fromEntries(Object.entries(details).map(([k, d]) => [k, t.string({ description: d })])),
      ownerId: t.globalID({ for: refs.User, description: 'Default: you; someone else needs customer.assign and is alerted (LEAD_ASSIGNED); null: straight into the pool.' }),
      ignoreDuplicates: t.boolean({ defaultValue: false, description: 'Create it even when leadDuplicates finds candidates (else DUPLICATE user errors).' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateLeadInput', {
    description: 'Changes to a lead you may change; fields left out stay.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Lead, description: 'The lead.' }),
      version: t.int({ required: true, description: 'The version you read.' }),
      name: t.string({ description: 'The company (or person).' }),
      ...Object.fromEntries(Object.entries(details).map(([k, d]) => [k, t.string({ description: d })])),
      ownerId: t.globalID({ for: refs.User, description: 'A new owner (customer.assign unless you take it yourself): alerted, and the pool clock restarts.' }),
      status: t.field({ type: Status, description: 'NEW, FOLLOWING or INVALID (needs invalidReason); CONVERTED only through convertLead.' }),
      invalidReason: t.string({ description: 'Why it is INVALID.' }),
    }),
  });
  const FollowUpInput = builder.inputType('FollowUpLeadInput', {
    description: 'A follow-up to log on a lead.',
    fields: (t) => ({
      leadId: t.globalID({ required: true, for: Lead, description: 'The lead.' }),
      kind: t.field({ type: FollowUpKind, required: true, description: 'How.' }),
      subject: t.string({ required: true, description: 'What it was about.' }),
      body: t.string({ description: 'Notes.' }),
      at: t.field({ type: 'DateTime', description: 'When it happened; default now, never in the future.' }),
    }),
  });
  // Claim and release read the same fields, but each mutation has an input of its own (docs/graph-conventions.md).
  const leadAtVersion = (name: string, what: string) =>
    builder.inputType(name, {
      description: `The lead to ${what}, at the version you read.`,
      fields: (t) => ({
        id: t.globalID({ required: true, for: Lead, description: 'The lead.' }),
        version: t.int({ required: true, description: 'The version you read.' }),
      }),
    });
  const ClaimInput = leadAtVersion('ClaimLeadInput', 'claim from the lead public pool');
  const ReleaseInput = leadAtVersion('ReleaseLeadInput', 'give back to the lead public pool');
  const ConvertOpportunityInput = builder.inputType('ConvertLeadOpportunityInput', {
    description: 'The opportunity to open on conversion (as createOpportunity; owned by the lead’s owner).',
    fields: (t) => ({
      name: t.string({ description: "Default: the lead's name." }),
      amount: t.field({ type: 'Decimal', description: 'Needs customer.viewFinancials.' }),
      currency: t.string({ description: `ISO 4217; default ${config.defaultCurrency}.` }),
      expectedCloseDate: t.field({ type: 'Date', description: 'Default: 30 days from today.' }),
      pipelineId: t.globalID({ for: opportunities.SalesPipeline, description: 'Default: the default pipeline.' }),
      stageId: t.globalID({ for: opportunities.PipelineStage, description: 'An OPEN stage; default: the first.' }),
    }),
  });
  const ConvertInput = builder.inputType('ConvertLeadInput', {
    description: 'Converts a lead into a customer, contact and (optionally) an opportunity, in one transaction.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: Lead, description: 'The lead.' }),
      version: t.int({ required: true, description: 'The version you read.' }),
      customerId: t.globalID({ for: refs.Customer, description: 'An existing customer (you may change) to convert into, e.g. the duplicate found; default: a new customer.' }),
      ignoreDuplicates: t.boolean({ defaultValue: false, description: 'Make a new customer even when duplicates exist (else DUPLICATE user errors).' }),
      opportunity: t.field({ type: ConvertOpportunityInput, description: 'Open an opportunity too.' }),
    }),
  });

  const result = { lead: Lead };
  const text = (input: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(details).flatMap((k) => (input[k] !== undefined ? [[k, input[k]]] : []))) as Record<keyof typeof details, string | null>;

  payloadMutation(builder, 'createLead', {
    description: 'Creates a lead; DUPLICATE user errors (name, phone, email) when it matches customers, contacts or open leads, unless ignoreDuplicates.',
    input: CreateInput,
    result,
    resolve: async (input, ctx) => ({
      lead: await createLead(ctx, config, {
        ...text(input),
        name: input.name,
        ownerId: input.ownerId === undefined ? undefined : rawId(input.ownerId),
        ignoreDuplicates: input.ignoreDuplicates,
      } as CreateLeadInput),
    }),
  });
  payloadMutation(builder, 'updateLead', {
    description: 'Changes a lead: details, owner (alerts them), status.',
    input: UpdateInput,
    result,
    resolve: async (input, ctx) => ({
      lead: await updateLead(ctx, config, {
        ...text(input),
        id: input.id.id,
        version: input.version,
        name: input.name ?? undefined,
        ownerId: rawId(input.ownerId) ?? undefined,
        status: input.status ?? undefined,
        invalidReason: input.invalidReason,
      } as UpdateLeadInput),
    }),
  });
  payloadMutation(builder, 'followUpLead', {
    description: 'Logs a follow-up on a lead; the pool clock restarts.',
    input: FollowUpInput,
    result,
    resolve: async (input, ctx) => ({ lead: await followUpLead(ctx, { ...input, leadId: input.leadId.id }) }),
  });
  payloadMutation(builder, 'claimLead', {
    description: 'Takes a lead from the lead public pool.',
    input: ClaimInput,
    result,
    resolve: async (input, ctx) => ({ lead: await claimLead(ctx, { id: input.id.id, version: input.version }) }),
  });
  payloadMutation(builder, 'releaseLead', {
    description: 'Gives a lead back to the lead public pool.',
    input: ReleaseInput,
    result,
    resolve: async (input, ctx) => ({ lead: await releaseLead(ctx, { id: input.id.id, version: input.version }) }),
  });
  payloadMutation(builder, 'convertLead', {
    description: 'Converts a lead into a customer + contact (+ opportunity) in one transaction; its follow-ups become the customer’s activities.',
    input: ConvertInput,
    result,
    resolve: async (input, ctx) => ({
      lead: await convertLead(ctx, config, {
        id: input.id.id,
        version: input.version,
        customerId: rawId(input.customerId),
        ignoreDuplicates: input.ignoreDuplicates,
        opportunity: input.opportunity
          ? { ...input.opportunity, pipelineId: rawId(input.opportunity.pipelineId), stageId: rawId(input.opportunity.stageId) }
          : null,
      } as ConvertLeadInput),
    }),
  });

  return { Lead, LeadStatus: Status };
}
