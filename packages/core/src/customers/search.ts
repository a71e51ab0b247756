import { pinyin } from 'pinyin-pro';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import { normalizeName } from '../shared/normalize.js';

/**
 * Free-text search over customers: each term of a query ("远航 机械") must occur in the customer's
 * search key, which holds its name, the name's pinyin in full and by initials ("yuanhangjixie",
 * "yhjx"), and the same for every contact, so a contact's name finds the customer. The key is
 * indexed as grams (every CJK character and every pair of adjacent characters) in a GIN index: a term
 * becomes "holds all my pairs" (index) and "contains me" (the exact check on the few rows left).
 */

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** A name as search writes it: normalised, without spaces, and for Chinese names its pinyin too. */
function nameForms(name: string, person: boolean): string[] {
  const key = normalizeName(name).replace(/\s+/g, '');
  if (!key) return [];
  if (!HAN.test(key)) return [key];
  // A person's first character is read as a surname (单 is shan, not dan).
  const options = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', surname: person ? 'head' : 'off' } as const;
  const full = pinyin(key, options).join('').toLowerCase();
  const initials = pinyin(key, { ...options, pattern: 'first' }).join('').toLowerCase();
  return [...new Set([key, full, initials])];
}

/** Every CJK character on its own (one-character queries) and every pair of adjacent characters. */
function grams(form: string): string[] {
  const chars = Array.from(form);
  const singles = chars.filter((c) => HAN.test(c));
  const pairs = chars.slice(1).map((c, i) => chars[i] + c);
  return [...singles, ...pairs];
}

export interface CustomerSearchColumns {
  searchKey: string;
  searchTokens: string[];
}

/** The search columns of a customer with this name and these contacts. */
export function customerSearchColumns(name: string, contactNames: readonly string[]): CustomerSearchColumns {
  const forms = [...nameForms(name, false), ...contactNames.flatMap((contact) => nameForms(contact, true))];
  return { searchKey: forms.join(' '), searchTokens: [...new Set(forms.flatMap(grams))] };
}

/** A contact's own search columns: its name, and for a Chinese name its pinyin in full and by initials. */
export function contactSearchColumns(name: string): CustomerSearchColumns {
  const forms = nameForms(name, true);
  return { searchKey: forms.join(' '), searchTokens: [...new Set(forms.flatMap(grams))] };
}

/** The terms of a query ("远航 机械"), normalised as search keys are; empty when there are none. */
export function searchTerms(text: string): string[] {
  return normalizeName(text).split(' ').filter(Boolean);
}

/** One term as a search key must hold it (customers' and contacts' keys alike): the index, then the exact check. */
export function searchTermWhere(term: string): { AND: Array<{ searchTokens: { hasEvery: string[] } } | { searchKey: { contains: string } }> } {
  const chars = Array.from(term);
  // A single Latin letter or digit has no gram: it is checked on the key alone.
  const needed = chars.length === 1 ? grams(term) : [...new Set(grams(term).filter((g) => Array.from(g).length === 2))];
  return { AND: needed.length ? [{ searchTokens: { hasEvery: needed } }, { searchKey: { contains: term } }] : [{ searchKey: { contains: term } }] };
}

/** The terms of a query, each as the customer's search key must hold it; empty when there are none. */
export function searchTermsWhere(text: string): Prisma.CustomerWhereInput[] {
  return searchTerms(text).map(searchTermWhere);
}

/**
 * Rewrites the search columns of these customers from their current name and contacts, and their
 * contacts' own, in the caller's transaction (one read, one write whatever the number).
 */
export async function refreshCustomerSearch(db: Prisma.TransactionClient, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const rows = await db.customer.findMany({
    where: { id: { in: [...new Set(customerIds)] } },
    select: { id: true, name: true, contacts: { select: { id: true, name: true }, orderBy: { createdAt: 'asc' } } },
  });
  if (rows.length === 0) return;
  const values = rows.map((row) => ({ id: row.id, ...customerSearchColumns(row.name, row.contacts.map((c) => c.name)) }));
  const contacts = rows.flatMap((row) => row.contacts.map((c) => ({ id: c.id, ...contactSearchColumns(c.name) })));
  // One statement for both tables (a data-modifying CTE).
  await db.$executeRaw`
    WITH "customers" AS (
      UPDATE "Customer" AS c SET "searchKey" = v."searchKey", "searchTokens" = v."searchTokens"
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v("id" uuid, "searchKey" text, "searchTokens" text[])
      WHERE c."id" = v."id" RETURNING 1
    )
    UPDATE "Contact" AS k SET "searchKey" = v."searchKey", "searchTokens" = v."searchTokens"
    FROM jsonb_to_recordset(${JSON.stringify(contacts)}::jsonb) AS v("id" uuid, "searchKey" text, "searchTokens" text[])
    WHERE k."id" = v."id" AND k."searchKey" IS DISTINCT FROM v."searchKey"`;
}

/**
 * Indexes the customers whose search key is stale (null: written by a path that does not refresh it,
 * e.g. a bulk insert, or cleared by the trigger when a name changed), in batches; returns how many.
 */
export async function indexStaleCustomers(prisma: PrismaClient, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const stale = await prisma.customer.findMany({ where: { searchKey: null }, select: { id: true }, take: batchSize });
    if (stale.length === 0) return total;
    await prisma.$transaction((tx) => refreshCustomerSearch(tx, stale.map((s) => s.id)));
    total += stale.length;
  }
}

/** Reindexes customers whose search key went stale (see indexStaleCustomers); start-up does it once too. */
export const customerSearchJob: JobDefinition = {
  name: 'core.customer-search-index',
  everyMs: 60_000,
  async run({ prisma }) {
    await indexStaleCustomers(prisma);
  },
};
