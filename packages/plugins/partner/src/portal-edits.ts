// What partners change through the portal: the customers and contacts shared with EDIT access, on
// the version they read. An unshared row is NOT_FOUND (its existence is not revealed); a READ-shared
// one, which the partner already sees, is FORBIDDEN.
import { z } from 'zod';
import {
  isUuid,
  notFound,
  parseInput,
  phoneDigits,
  recordAudit,
  rules,
  throwMissingOrStale,
  type ServiceContext,
} from '@rapport/core';
import { contactsSharedWith, customersSharedWith, ownShare, partnerOf } from './access.js';
import { partner as texts } from './messages.js';

const version = z.number().int().min(1);
const updateCustomerInput = z.object({
  id: z.string(),
  version,
  industry: rules.optionalText(100),
  phone: rules.phone,
  email: rules.email,
  website: rules.optionalText(200),
  region: z.object({ country: rules.optionalText(80), province: rules.optionalText(80), city: rules.optionalText(80) }).nullish(),
});
const updateContactInput = z.object({
  id: z.string(),
  version,
  name: rules.requiredText(120).optional(),
  title: rules.optionalText(120),
  department: rules.optionalText(120),
  email: rules.email,
  phone: rules.phone,
});

export type PortalUpdateCustomerInput = z.input<typeof updateCustomerInput>;
export type PortalUpdateContactInput = z.input<typeof updateContactInput>;


export async function updateSharedCustomer(ctx: ServiceContext, input: PortalUpdateCustomerInput) {
  const viewer = partnerOf(ctx);
  const { id, version, region, phone, ...fields } = parseInput(updateCustomerInput, input);
  const data = {
    ...fields,
    ...(phone !== undefined ? { phone, phoneDigits: phoneDigits(phone) } : {}),
    ...(region !== undefined ? { country: region?.country ?? null, province: region?.province ?? null, city: region?.city ?? null } : {}),
  };
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(id)
      ? await tx.customer.findFirst({ where: { AND: [{ id }, customersSharedWith(viewer)] }, include: { partnerShares: ownShare(viewer) } })
      : null;
    if (!before) throw notFound('Customer');
    if (before.partnerShares[0]?.access !== 'EDIT') throw texts.error('FORBIDDEN', 'partner.portal.readOnly');
    const { count } = await tx.customer.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Customer', tx.customer.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.customer.findUniqueOrThrow({ where: { id } });
    const { partnerShares: _, ...snapshot } = before;
    await recordAudit(tx, ctx, { action: 'customer.update', entity: { type: 'Customer', id }, before: snapshot, after });
    return after;
  });
}

export async function updateSharedContact(ctx: ServiceContext, input: PortalUpdateContactInput) {
  const viewer = partnerOf(ctx);
  const { id, version, phone, ...fields } = parseInput(updateContactInput, input);
  const data = { ...fields, ...(phone !== undefined ? { phone, phoneDigits: phoneDigits(phone) } : {}) };
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(id)
      ? await tx.contact.findFirst({ where: { AND: [{ id }, contactsSharedWith(viewer)] }, include: { partnerShares: ownShare(viewer) } })
      : null;
    if (!before) throw notFound('Contact');
    if (before.partnerShares[0]?.access !== 'EDIT') throw texts.error('FORBIDDEN', 'partner.portal.readOnly');
    const { count } = await tx.contact.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Contact', tx.contact.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.contact.findUniqueOrThrow({ where: { id } });
    const { partnerShares: _, ...snapshot } = before;
    await recordAudit(tx, ctx, { action: 'contact.update', entity: { type: 'Contact', id }, before: snapshot, after });
    return after;
  });
}
