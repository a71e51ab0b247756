import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { contactToChange, customerToChange } from '../auth/visibility.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput } from '../validation.js';
import { contactData, contactFields } from './rules.js';
import { customFieldsToStore } from '../custom-fields/service.js';
import { refreshCustomerSearch } from '../customers/search.js';

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
  return ctx.prisma.$transaction(async (tx) => {
    await customerToChange(tx, ctx.viewer, customerId);
    const customFields = await customFieldsToStore(ctx, 'CONTACT', fields.customFields, { mode: 'create', db: tx });
    // The first contact of a customer is its primary one unless told otherwise.
    const isPrimary = fields.isPrimary ?? (await tx.contact.count({ where: { customerId } })) === 0;
    const contact = await tx.contact.create({ data: { ...contactData(fields), customFields, isPrimary, customerId } });
    if (isPrimary) await demoteOtherPrimaries(tx, customerId, contact.id);
    await refreshCustomerSearch(tx, [customerId]);
    await recordAudit(tx, ctx, { action: 'contact.create', entity: { type: 'Contact', id: contact.id }, after: contact });
    return contact;
  });
}

export async function updateContact(ctx: ServiceContext, input: UpdateContactInput) {
  const { id, version, ...fields } = parseInput(updateContactInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await contactToChange(tx, ctx.viewer, id);
    const customFields = await customFieldsToStore(ctx, 'CONTACT', fields.customFields, { mode: 'update', current: before.customFields, db: tx });
    const { count } = await tx.contact.updateMany({
      where: { id, version },
      data: { ...contactData(fields), ...(customFields ? { customFields } : {}), version: { increment: 1 } },
    });
    if (count === 0) await throwMissingOrStale('Contact', currentVersion(tx, id));
    const contact = await tx.contact.findUniqueOrThrow({ where: { id } });
    if (fields.isPrimary) await demoteOtherPrimaries(tx, contact.customerId, id);
    if (fields.name !== undefined) await refreshCustomerSearch(tx, [contact.customerId]);
    await recordAudit(tx, ctx, { action: 'contact.update', entity: { type: 'Contact', id }, before, after: contact });
    return contact;
  });
}

export async function deleteContact(ctx: ServiceContext, input: { id: string; version: number }) {
  return ctx.prisma.$transaction(async (tx) => {
    const before = await contactToChange(tx, ctx.viewer, input.id);
    const { count } = await tx.contact.deleteMany({ where: { id: input.id, version: input.version } });
    if (count === 0) await throwMissingOrStale('Contact', currentVersion(tx, input.id));
    await refreshCustomerSearch(tx, [before.customerId]);
    await recordAudit(tx, ctx, { action: 'contact.delete', entity: { type: 'Contact', id: input.id }, before });
    return input.id;
  });
}

function currentVersion(db: Prisma.TransactionClient, id: string) {
  return db.contact.findUnique({ where: { id }, select: { version: true } });
}
