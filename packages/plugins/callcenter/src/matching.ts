import type { Prisma } from '@rapport/core';
import { normalizePhone, storedDigitVariants } from './phone.js';

export interface PartyMatch {
  customerId: string | null;
  contactId: string | null;
}

const NO_MATCH: PartyMatch = { customerId: null, contactId: null };

/**
 * The customer (and contact) a call is with, by the other party's number: a contact's phone first
 * (it names the person), then a customer's own. Stored numbers match whichever prefix they were typed
 * with; equal candidates resolve to the primary, then the oldest, contact. Only `among` customers
 * match: for a person logging a call, those they see (`customersVisibleTo`), so a hidden customer's
 * number is an unknown number; for the telephony system, every customer (`{}`).
 */
export async function matchParty(db: Prisma.TransactionClient, number: string, country: string, among: Prisma.CustomerWhereInput): Promise<PartyMatch> {
  return (await matchParties(db, [number], country, among)).get(number) ?? NO_MATCH;
}

/** matchParty for many numbers at once: two queries whatever their count. */
export async function matchParties(
  db: Prisma.TransactionClient,
  numbers: string[],
  country: string,
  among: Prisma.CustomerWhereInput,
): Promise<Map<string, PartyMatch>> {
  const variants = new Map<string, string[]>();
  for (const number of new Set(numbers)) {
    const phone = normalizePhone(number, country);
    if (phone) variants.set(number, storedDigitVariants(phone));
  }
  const all = [...new Set([...variants.values()].flat())];
  if (all.length === 0) return new Map();
  const contacts = await db.contact.findMany({
    where: { phoneDigits: { in: all }, customer: among },
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, customerId: true, phoneDigits: true },
  });
  const customers = await db.customer.findMany({
    where: { AND: [{ phoneDigits: { in: all } }, among] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, phoneDigits: true },
  });
  const matches = new Map<string, PartyMatch>();
  for (const [number, forms] of variants) {
    const contact = contacts.find((c) => forms.includes(c.phoneDigits!));
    const customer = customers.find((c) => forms.includes(c.phoneDigits!));
    if (contact) matches.set(number, { customerId: contact.customerId, contactId: contact.id });
    else if (customer) matches.set(number, { customerId: customer.id, contactId: null });
  }
  return matches;
}
