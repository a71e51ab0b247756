import type { Prisma } from '@rapport/core';
import { normalizePhone, storedDigitVariants } from './phone.js';

export interface PartyMatch {
  customerId: string | null;
  contactId: string | null;
}

/**
 * The customer (and contact) a call is with, by the other party's number: a contact's phone first
 * (it names the person), then a customer's own. Stored numbers match whichever prefix they were typed
 * with; equal candidates resolve to the primary, then the oldest, contact. Visibility does not apply:
 * this is the call's fact; who may read it is decided when it is read.
 */
export async function matchParty(db: Prisma.TransactionClient, number: string, country: string): Promise<PartyMatch> {
  const phone = normalizePhone(number, country);
  if (!phone) return { customerId: null, contactId: null };
  const phoneDigits = { in: storedDigitVariants(phone) };
  const contact = await db.contact.findFirst({
    where: { phoneDigits },
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, customerId: true },
  });
  if (contact) return { customerId: contact.customerId, contactId: contact.id };
  const customer = await db.customer.findFirst({ where: { phoneDigits }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
  return { customerId: customer?.id ?? null, contactId: null };
}
