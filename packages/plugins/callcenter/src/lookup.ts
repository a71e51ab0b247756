import { Prisma, type PrismaClient } from '@rapport/core';
import { lookupSuffix, MIN_LOOKUP_DIGITS, normalizePhone, reversedRange } from './phone.js';
import { callcenter } from './messages.js';

/** The most rows of each kind a lookup returns: a screen-pop, not a search. */
export const LOOKUP_LIMIT = 50;

export interface CallerMatches {
  /** The number in E.164 when it is a whole number. */
  number: string | null;
  /** The trailing digits stored numbers were matched by. */
  matchedDigits: string;
  contactIds: string[];
  /** Customers whose own number matches, and those of the matching contacts. */
  customerIds: string[];
}

/**
 * Contacts and customers whose stored number ends with the caller's national number (or with the
 * digits of a partial one), however either was written. Each kind is one range scan of the
 * reverse("phoneDigits") index; visibility is applied when the rows are read.
 */
export async function findCallerMatches(prisma: PrismaClient, phone: string, country: string): Promise<CallerMatches> {
  const suffix = lookupSuffix(phone, country);
  if (!suffix) callcenter.refuse('phone', 'callcenter.lookupDigits', { min: MIN_LOOKUP_DIGITS });
  const { from, to } = reversedRange(suffix);
  const contacts = await prisma.$queryRaw<Array<{ id: string; customerId: string }>>`
    SELECT "id", "customerId" FROM "Contact"
    WHERE reverse("phoneDigits") ~>=~ ${from} AND reverse("phoneDigits") ~<~ ${to}
    ORDER BY "id" LIMIT ${LOOKUP_LIMIT}`;
  const customers = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Customer"
    WHERE reverse("phoneDigits") ~>=~ ${from} AND reverse("phoneDigits") ~<~ ${to}
    ORDER BY "id" LIMIT ${LOOKUP_LIMIT}`;
  return {
    number: normalizePhone(phone, country)?.e164 ?? null,
    matchedDigits: suffix,
    contactIds: contacts.map((c) => c.id),
    customerIds: [...new Set([...customers.map((c) => c.id), ...contacts.map((c) => c.customerId)])],
  };
}

/** The lookup's SQL, for EXPLAIN: it must be served by the reversed-digits index. */
export function lookupSqlForExplain(table: 'Contact' | 'Customer', suffix: string): Prisma.Sql {
  const { from, to } = reversedRange(suffix);
  return Prisma.sql`EXPLAIN SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE reverse("phoneDigits") ~>=~ ${from} AND reverse("phoneDigits") ~<~ ${to}`;
}
