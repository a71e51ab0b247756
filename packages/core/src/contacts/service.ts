import { z } from 'zod';
import { notFound } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput } from '../validation.js';
import { contactData, contactFields } from './rules.js';

const createContactInput = contactFields.extend({ customerId: z.string() });
const updateContactInput = contactFields.partial().extend({ id: z.string(), version: z.number().int().min(1) });

export type CreateContactInput = z.input<typeof createContactInput>;
export type UpdateContactInput = z.input<typeof updateContactInput>;

/** A customer has at most one primary contact: promoting one demotes the others in the same transaction. */
async function demoteOtherPrimaries(db: Prisma.TransactionClient, customerId: string, keepId: string) {
  await db.contact.updateMany({
    where: { customerId, isPrimary: true, id: { not: keepId } },
    data: { isPrimary: false, version: { increment: 1 } },
  });
}

export async function createContact(ctx: ServiceContext, input: CreateContactInput) {
  const { customerId, ...fields } = parseInput(createContactInput, input);
  const customer = isUuid(customerId)
    ? await ctx.prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, _count: { select: { contacts: true } } } })
    : null;
  if (!customer) throw notFound('Customer');
  // The first contact of a customer is its primary one unless told otherwise.
  const isPrimary = fields.isPrimary ?? customer._count.contacts === 0;
  return ctx.prisma.$transaction(async (tx) => {
    const contact = await tx.contact.create({ data: { ...contactData(fields), isPrimary, customerId } });
    if (isPrimary) await demoteOtherPrimaries(tx, customerId, contact.id);
    return contact;
  });
}

export async function updateContact(ctx: ServiceContext, input: UpdateContactInput) {
  const { id, version, ...fields } = parseInput(updateContactInput, input);
  if (!isUuid(id)) throw notFound('Contact');
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.contact.updateMany({
      where: { id, version },
      data: { ...contactData(fields), version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Contact', currentVersion(tx, id));
    const contact = await tx.contact.findUniqueOrThrow({ where: { id } });
    if (fields.isPrimary) await demoteOtherPrimaries(tx, contact.customerId, id);
    return contact;
  });
}

export async function deleteContact(ctx: ServiceContext, input: { id: string; version: number }) {
  if (!isUuid(input.id)) throw notFound('Contact');
  const { count } = await ctx.prisma.contact.deleteMany({ where: { id: input.id, version: input.version } });
  if (count === 0) await throwMissingOrStale('Contact', currentVersion(ctx.prisma, input.id));
  return input.id;
}

function currentVersion(db: Prisma.TransactionClient, id: string) {
  return db.contact.findUnique({ where: { id }, select: { version: true } });
}
