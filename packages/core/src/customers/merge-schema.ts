import { encodeGlobalID } from '@pothos/plugin-relay';
import { customersVisibleTo } from '../auth/visibility.js';
import { notFound, RapportError } from '../errors.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import type { CustomerRefs } from './schema.js';
import { mergeCustomers, type CustomerMergeHook, type MovedRows } from './merge.js';
import { withUserErrors } from '../schema/user-errors.js';

/**
 * NOT_FOUND for a customer id; when the customer was merged into one the viewer may see, the error
 * says where it went (`extensions.mergedInto`, the survivor's global id). `node(id)` stays null.
 */
export async function mergedCustomerNotFound(ctx: ServiceContext, id: string): Promise<RapportError> {
  const record = isUuid(id) ? await ctx.prisma.customerMerge.findUnique({ where: { mergedId: id } }) : null;
  if (!record) return notFound('Customer');
  const survivor = await ctx.prisma.customer.findFirst({
    where: { AND: [{ id: record.survivorId }, customersVisibleTo(ctx.viewer)] },
    select: { id: true },
  });
  if (!survivor) return notFound('Customer');
  return RapportError.of('NOT_FOUND', 'merge.mergedInto', { code: record.mergedCode }, {
    mergedInto: encodeGlobalID('Customer', survivor.id),
  });
}

export function registerMergeSchema(builder: RapportBuilder, customers: CustomerRefs, hooks: readonly CustomerMergeHook[]) {
  const MergeRecord = builder.prismaObject('CustomerMerge', {
    description: 'A customer merged into this one: what it was, and when.',
    fields: (t) => ({
      mergedCustomerId: t.id({ description: 'The global id the merged customer had.', resolve: (m) => encodeGlobalID('Customer', m.mergedId) }),
      code: t.exposeString('mergedCode'),
      name: t.exposeString('mergedName'),
      mergedAt: t.expose('mergedAt', { type: 'DateTime' }),
    }),
  });
  builder.prismaObjectField(customers.Customer, 'mergedCustomers', (t) =>
    t.relation('absorbedMerges', { type: MergeRecord, description: 'Customers merged into this one, newest first.', query: { orderBy: [{ mergedAt: 'desc' }, { id: 'desc' }] } } as never),
  );

  const MergedInput = builder.inputType('MergedCustomerInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: customers.Customer }),
      version: t.int({ required: true, description: 'The version you read; a stale one is a CONFLICT.' }),
    }),
  });
  const MergeInput = builder.inputType('MergeCustomersInput', {
    fields: (t) => ({
      survivorId: t.globalID({ required: true, for: customers.Customer, description: 'The customer that remains.' }),
      survivorVersion: t.int({ required: true }),
      merged: t.field({ type: [MergedInput], required: true, description: "Merged into the survivor and deleted; the first fills the survivor's gaps first." }),
    }),
  });
  const Moved = builder.objectRef<MovedRows>('MergedRows').implement({
    description: 'Rows of one table (a foreign key to Customer) moved to the survivor.',
    fields: (t) => ({ table: t.exposeString('table'), column: t.exposeString('column'), count: t.exposeInt('count') }),
  });
  const Payload = builder.objectRef<{ customer: { id: string }; mergedIds: readonly string[]; moved: MovedRows[] }>('MergeCustomersPayload').implement({
    fields: (t) => ({
      customer: t.field({ nullable: true, type: customers.Customer, resolve: (p) => p.customer as never }),
      mergedCustomerIds: t.idList({ resolve: (p) => p.mergedIds.map((id) => encodeGlobalID('Customer', id)) }),
      movedRows: t.field({ type: [Moved], resolve: (p) => p.moved }),
    }),
  });
  withUserErrors(builder, Payload);

  builder.mutationField('mergeCustomers', (t) =>
    t.field({
      type: Payload,
      description:
        "Merges duplicates into one customer in one transaction: every related row (contacts, activities, shares, plugins' rows) moves to the survivor, the survivor's empty fields are filled from the merged ones, and the merged customers are deleted, leaving CustomerMerge records and an audit entry. Needs customer.merge and the right to change every customer named.",
      args: { input: t.arg({ type: MergeInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mergeCustomers(
          ctx,
          { survivorId: input.survivorId.id, survivorVersion: input.survivorVersion, merged: input.merged.map((m) => ({ id: m.id.id, version: m.version })) },
          { codePrefix: ctx.config.customerCodePrefix, hooks },
        ),
    }),
  );
}
