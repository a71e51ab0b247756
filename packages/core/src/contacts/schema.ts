import { encodeGlobalID } from '@pothos/plugin-relay';
import { contactsVisibleTo } from '../auth/visibility.js';
import { notFound } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { prismaDirection, type CommonRefs } from '../schema/common.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';
import type { CustomerRefs } from '../customers/schema.js';
import { isUuid } from '../shared/ids.js';
import { phoneDigits } from '../shared/normalize.js';
import { searchTerms, searchTermWhere } from '../customers/search.js';
import { customFieldRefs } from '../custom-fields/schema.js';
import { customFieldWhere } from '../custom-fields/service.js';
import type { CustomFieldFilter } from '../custom-fields/rules.js';
import type { RapportContext } from '../context.js';
import { createContact, deleteContact, updateContact, type CreateContactInput, type UpdateContactInput } from './service.js';
import { connectionOf } from '../schema/connections.js';

interface ContactFilter {
  customerId?: { id: string } | null;
  isPrimary?: boolean | null;
  search?: string | null;
}

/** Matches no row: a malformed id names nothing. */
const NOTHING = { id: { in: [] } };

function contactWhere(filter: ContactFilter | null | undefined): Prisma.ContactWhereInput {
  if (!filter) return {};
  const and: Prisma.ContactWhereInput[] = [];
  if (filter.customerId) and.push(isUuid(filter.customerId.id) ? { customerId: filter.customerId.id } : NOTHING);
  if (filter.isPrimary != null) and.push({ isPrimary: filter.isPrimary });
  // As customers' search (customers/search.ts): every term must match, in the name, its pinyin in
  // full or by initials (the indexed search key), the e-mail, or the phone's digits. A whole query
  // that is one phone number ("+86 138-0000-1111") is matched on the digits as it stands.
  const text = filter.search?.trim();
  if (text) {
    const digits = phoneDigits(text);
    const terms = searchTerms(text);
    and.push({
      OR: [
        ...(terms.length ? [{ AND: terms.map((term) => ({ OR: contactTermWhere(term) })) }] : []),
        { email: { contains: text, mode: 'insensitive' } },
        ...(digits && digits.length >= 3 ? [{ phoneDigits: { contains: digits } }] : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

/** Where one term of a contact search may match. */
function contactTermWhere(term: string): Prisma.ContactWhereInput[] {
  const digits = phoneDigits(term);
  return [
    searchTermWhere(term),
    // A contact not indexed yet (written outside the services, until the search job runs) by its name as written.
    { searchKey: null, name: { contains: term, mode: 'insensitive' } },
    { email: { contains: term, mode: 'insensitive' } },
    ...(digits && digits.length >= 3 ? [{ phoneDigits: { contains: digits } }] : []),
  ];
}

export function registerContactSchema(builder: RapportBuilder, common: CommonRefs, customers: CustomerRefs) {
  const Contact = builder.prismaNode('Contact', {
    id: { field: 'id' },
    // Select mode (bench/README.md, issue #18 fourth round): only the exposed columns a read asks for.
    select: {},
    description: "A person at a customer: the customer's internal structure.",
    findUnique: (id, ctx) => ({ id, AND: [contactsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      customer: t.relation('customer'),
      name: t.exposeString('name'),
      title: t.exposeString('title', { nullable: true }),
      department: t.exposeString('department', { nullable: true }),
      email: t.exposeString('email', { nullable: true }),
      phone: t.exposeString('phone', { nullable: true }),
      birthday: t.expose('birthday', { type: 'Date', nullable: true }),
      isPrimary: t.exposeBoolean('isPrimary'),
      version: t.exposeInt('version'),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      activities: t.relatedConnection(
        'activities',
        { cursor: 'id', totalCount: true, description: 'Newest first.', query: () => ({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }) },
        connectionOf(builder, 'Activity'),
      ),
    }),
  });

  const ContactFilter = builder.inputType('ContactFilter', {
    fields: (t) => ({
      customerId: t.globalID({ for: customers.Customer }),
      isPrimary: t.boolean(),
      search: t.string({ description: 'Name (also its pinyin in full or by initials: "wf" finds 王芳), e-mail or phone (any formatting); each of several terms must match.' }),
      customFields: t.field({ type: [customFieldRefs(builder).CustomFieldFilter], description: 'All of these must hold.' }),
    }),
  });
  const OrderField = builder.enumType('ContactOrderField', { values: ['NAME', 'CREATED_AT'] as const });
  const ContactOrder = builder.inputType('ContactOrder', {
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: common.SortDirection, defaultValue: 'ASC' }),
    }),
  });

  builder.queryFields((t) => ({
    contacts: t.prismaConnection({
      type: 'Contact',
      cursor: 'id',
      args: { filter: t.arg({ type: ContactFilter }), orderBy: t.arg({ type: ContactOrder }) },
      resolve: async (query, _root, args, ctx) => {
        const direction = prismaDirection(args.orderBy?.direction);
        const column = args.orderBy?.field === 'CREATED_AT' ? 'createdAt' : 'name';
        return ctx.prisma.contact.findMany({
          ...query,
          where: await contactListWhere(ctx, args.filter),
          orderBy: [{ [column]: direction }, { id: direction }],
        });
      },
      totalCount: async (_c, args, ctx) => ctx.prisma.contact.count({ where: await contactListWhere(ctx, args.filter) }),
    }, connectionOf(builder, 'Contact')),
    contact: t.prismaField({
      nullable: true,
      type: 'Contact',
      args: { id: t.arg.globalID({ required: true, for: Contact }) },
      resolve: async (query, _root, args, ctx) => {
        const contact = isUuid(args.id.id)
          ? await ctx.prisma.contact.findFirst({ ...query, where: { AND: [{ id: args.id.id }, contactsVisibleTo(ctx.viewer)] } })
          : null;
        if (!contact) throw notFound('Contact');
        return contact;
      },
    }),
  }));

  const contactInputFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
    title: t.string(),
    department: t.string(),
    email: t.string(),
    phone: t.string(),
    birthday: t.field({ type: 'Date' }),
    isPrimary: t.boolean({ description: 'Making a contact primary makes the previous primary an ordinary contact.' }),
    customFields: t.field({ type: [customFieldRefs(builder).CustomFieldInput], description: 'Sets the custom fields named; others stay.' }),
  });
  const CreateContactInputRef = builder.inputType('CreateContactInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: customers.Customer }),
      name: t.string({ required: true }),
      ...contactInputFields(t),
    }),
  });
  const UpdateContactInputRef = builder.inputType('UpdateContactInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Contact }),
      version: t.int({ required: true }),
      name: t.string(),
      ...contactInputFields(t),
    }),
  });
  const DeleteContactInput = builder.inputType('DeleteContactInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Contact }), version: t.int({ required: true }) }),
  });

  const ContactPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ contact: { id: string } }>(name).implement({
    description: 'The contact written, or null with userErrors saying why nothing was.',
    fields: (t) => ({ contact: t.field({ type: Contact, nullable: true, resolve: (p) => p.contact as never }) }),
  }),
  );
  const DeleteContactPayload = builder.objectRef<{ id: string }>('DeleteContactPayload').implement({
    fields: (t) => ({ deletedContactId: t.id({ nullable: true, description: 'Null when nothing was deleted (see userErrors).', resolve: (p) => encodeGlobalID('Contact', p.id) }) }),
  });
  withUserErrors(builder, DeleteContactPayload);

  builder.mutationFields((t) => ({
    createContact: t.field({
      type: ContactPayload('CreateContactPayload'),
      args: { input: t.arg({ type: CreateContactInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        contact: await createContact(ctx, { ...input, customerId: input.customerId.id } as CreateContactInput),
      }),
    }),
    updateContact: t.field({
      type: ContactPayload('UpdateContactPayload'),
      args: { input: t.arg({ type: UpdateContactInputRef, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        contact: await updateContact(ctx, { ...input, id: input.id.id } as UpdateContactInput),
      }),
    }),
    deleteContact: t.field({
      type: DeleteContactPayload,
      args: { input: t.arg({ type: DeleteContactInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ id: await deleteContact(ctx, { id: input.id.id, version: input.version }) }),
    }),
  }));

  return { Contact, ContactPayload };
}

/** The contacts list's where: its filter, under the viewer's row rules (exports read the same). */
export async function contactListWhere(ctx: ListContext, filter: (ContactFilter & { customFields?: CustomFieldFilter[] | null }) | null | undefined) {
  return { AND: [contactWhere(filter), ...(await customFieldWhere(ctx, 'CONTACT', filter?.customFields)), contactsVisibleTo(ctx.viewer)] };
}

type ListContext = Pick<RapportContext, 'prisma' | 'viewer' | 'clock' | 'config'>;

export type ContactRefs = ReturnType<typeof registerContactSchema>;
