// Opportunities on the partner portal (`/partner/graphql`), through the partner plugin's `partnerPortal`
// extension point. One row rule: an opportunity is visible while its customer is shared with the
// partner's organisation (the portal's own customer rule), on every path — list, count, node(id),
// lookup. Read-only, and without money: the portal shows no financial field of a customer (a share
// grants READ or EDIT of the record, never its figures), so amount, currency and probability stay
// internal, as do owner, team, contact, source, competitor, lost reason, quotes and contracts.
import { customerCode, describe, isUuid, notFound, OpportunityStatus, type Prisma, type Viewer } from '@rapport/core';
// A type import only: the partner plugin is an optional requirement, never loaded from here.
import type { PartnerPortalContribution, PartnerPortalRegistration } from '@rapport/plugin-partner';
import type { SalesConfig } from './config.js';
import { SALES_DESCRIPTIONS } from './descriptions.js';

type Rules = PartnerPortalRegistration['rules'];

/** The portal's row rule for opportunities: those of customers shared with the viewer's organisation. */
export const opportunitiesSharedWith = (rules: Rules, viewer: Viewer | null | undefined): Prisma.OpportunityWhereInput => ({
  customer: rules.customersSharedWith(viewer),
});

export const salesPortal: PartnerPortalContribution<SalesConfig> = (builder, { config, rules }) => {
  const shared = (ctx: { viewer: Viewer | null }) => opportunitiesSharedWith(rules, ctx.viewer);
  const Status = builder.enumType(OpportunityStatus, {
    name: 'OpportunityStatus',
    description: 'OPEN while worked through the stages; WON or LOST once it reached the closing stage.',
  });
  describe(builder, {
    'OpportunityStatus.LOST': SALES_DESCRIPTIONS['OpportunityStatus.LOST']!,
    'OpportunityStatus.OPEN': SALES_DESCRIPTIONS['OpportunityStatus.OPEN']!,
    'OpportunityStatus.WON': SALES_DESCRIPTIONS['OpportunityStatus.WON']!,
  });

  const Opportunity = builder.prismaNode('Opportunity', {
    id: { field: 'id' },
    description: 'An opportunity on a customer shared with your organisation (read-only, without amounts).',
    findUnique: (id, ctx) => ({ id, AND: [shared(ctx)] }),
    fields: (t) => ({
      code: t.string({ description: 'Readable unique code, e.g. OPP-000123.', resolve: (o) => customerCode(config.opportunityCodePrefix, o.number) }),
      name: t.exposeString('name', { description: 'What is being sold.' }),
      stageName: t.string({
        description: 'The name of the pipeline stage it is in.',
        select: { stage: { select: { name: true } } },
        resolve: (o) => o.stage.name,
      }),
      status: t.expose('status', { type: Status, description: 'OPEN, WON or LOST.' }),
      expectedCloseDate: t.expose('expectedCloseDate', { type: 'Date', description: 'When it is expected to close.' }),
      // Safe as a plain relation: an opportunity is only reachable while its customer is shared.
      customer: t.relation('customer', { description: 'The customer (shared with you) it is on.' }),
    }),
  });

  builder.queryFields((t) => ({
    opportunities: t.prismaConnection(
      {
        type: Opportunity,
        cursor: 'id',
        description: 'Opportunities on customers shared with your organisation, latest expected close date first.',
        resolve: (query, _root, _args, ctx) => {
          rules.partnerOf(ctx);
          return ctx.prisma.opportunity.findMany({ ...query, where: shared(ctx), orderBy: [{ expectedCloseDate: 'desc' }, { id: 'asc' }] });
        },
        totalCount: (_c, _args, ctx) => ctx.prisma.opportunity.count({ where: shared(ctx) }),
      },
      { name: 'OpportunityConnection', description: 'A page of opportunities.' },
      { name: 'OpportunityEdge', description: 'One opportunity in a page.' },
    ),
    opportunity: t.prismaField({
      nullable: true,
      type: Opportunity,
      description: 'One opportunity on a customer shared with you; anything else is NOT_FOUND.',
      args: { id: t.arg.globalID({ required: true, for: Opportunity, description: 'The opportunity’s id.' }) },
      resolve: async (query, _root, args, ctx) => {
        rules.partnerOf(ctx);
        const id = String(args.id.id);
        const found = isUuid(id) ? await ctx.prisma.opportunity.findFirst({ ...query, where: { AND: [{ id }, shared(ctx)] } }) : null;
        if (!found) throw notFound('Opportunity');
        return found;
      },
    }),
  }));
};
