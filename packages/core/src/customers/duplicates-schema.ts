import { customersVisibleTo } from '../auth/visibility.js';
import type { ContactRefs } from '../contacts/schema.js';
import { notFound } from '../errors.js';
import type { RapportBuilder } from '../schema/builder.js';
import { isUuid } from '../shared/ids.js';
import { contactDuplicates, customerDuplicates, type DuplicateWarning } from './duplicates.js';
import type { CustomerRefs } from './schema.js';

export function registerDuplicateSchema(builder: RapportBuilder, customers: CustomerRefs, contacts: ContactRefs) {
  const Reason = builder.enumType('DuplicateReason', {
    values: {
      NAME: { description: 'Same name once case and spacing are normalised.' },
      PHONE: { description: 'Same phone digits (formatting ignored) on the customer or a contact.' },
      EMAIL: { description: 'Same e-mail address (case ignored) on the customer or a contact.' },
    } as const,
  });
  const Warning = builder.objectRef<DuplicateWarning>('DuplicateWarning').implement({
    description: 'A likely duplicate. A warning only: nothing was refused. Resolve it with mergeCustomers.',
    fields: (t) => ({
      reasons: t.field({ type: [Reason], resolve: (w) => w.reasons }),
      // findUnique calls of one tick are batched by Prisma into one query per list, selection included.
      customer: t.prismaField({
        type: 'Customer',
        nullable: true,
        description: 'The likely duplicate; null when you may not see it (ask its owner or an admin).',
        resolve: (query, w, _args, ctx) => (w.customerId ? ctx.prisma.customer.findUnique({ ...query, where: { id: w.customerId } }) : null),
      }),
      contact: t.prismaField({
        type: 'Contact',
        nullable: true,
        description: 'The matching contact, when the match is on a contact.',
        resolve: (query, w, _args, ctx) => (w.contactId ? ctx.prisma.contact.findUnique({ ...query, where: { id: w.contactId } }) : null),
      }),
    }),
  });

  customers.CustomerPayload.extend((payload) =>
    builder.objectField(payload, 'duplicateWarnings', (t) =>
      t.field({
        type: [Warning],
        description: 'Likely duplicates of the customer as written (by name, phone or e-mail, its contacts included).',
        resolve: async (p, _args, ctx) => customerDuplicates(ctx, await ctx.prisma.customer.findUniqueOrThrow({ where: { id: p.customer.id } })),
      }),
    ),
  );
  contacts.ContactPayload.extend((payload) =>
    builder.objectField(payload, 'duplicateWarnings', (t) =>
      t.field({
        type: [Warning],
        description: 'Other contacts or customers with the same phone or e-mail.',
        resolve: async (p, _args, ctx) => contactDuplicates(ctx, await ctx.prisma.contact.findUniqueOrThrow({ where: { id: p.contact.id } })),
      }),
    ),
  );

  builder.queryField('possibleDuplicates', (t) =>
    t.field({
      type: [Warning],
      description: 'Likely duplicates of a customer you can see.',
      args: { customerId: t.arg.globalID({ required: true, for: customers.Customer }) },
      resolve: async (_root, args, ctx) => {
        const id = args.customerId.id;
        const customer = isUuid(id) ? await ctx.prisma.customer.findFirst({ where: { AND: [{ id }, customersVisibleTo(ctx.viewer)] } }) : null;
        if (!customer) throw notFound('Customer');
        return customerDuplicates(ctx, customer);
      },
    }),
  );
  return { DuplicateReason: Reason };
}
