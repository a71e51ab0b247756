// Likely duplicates: same normalised name, same phone digits, or same e-mail, on a customer or any of
// its contacts. Mutation payloads carry warnings, and `possibleDuplicates` lists them for an existing
// customer; only the 撞单 mode (duplicates.onCreate REFUSE) refuses a write for it.
import { customersVisibleTo } from '../auth/visibility.js';
import type { Contact, Customer } from '../../generated/prisma/client.js';
import { fieldError, InputError } from '../errors.js';
import type { ServiceContext } from '../service-context.js';
import { DEFAULT_CUSTOMER_RULES } from './rules-config.js';

export type DuplicateReason = 'NAME' | 'PHONE' | 'EMAIL';

export interface DuplicateSubject {
  /**
   * The customer itself never counts (nor, for a customer, its own contacts: for a contact, its
   * customer's switchboard number or address is no duplicate, but a second contact there is).
   */
  customerId?: string;
  contactId?: string;
  nameKey?: string | null;
  phones: ReadonlyArray<string | null>;
  emails: ReadonlyArray<string | null>;
}

export interface DuplicateWarning {
  reasons: DuplicateReason[];
  /** Null when the viewer may not see it: they learn that a duplicate exists, not whose it is. */
  customerId: string | null;
  /** The matching contact when the match is on a contact (of a customer the viewer may see). */
  contactId: string | null;
}

/** Phone numbers shorter than this match too much to mean anything (extensions, typos). */
const MIN_PHONE_DIGITS = 6;
const LIMIT = 10;

const present = (values: ReadonlyArray<string | null>, valid: (v: string) => boolean) =>
  [...new Set(values.filter((v): v is string => v !== null && valid(v)))];

interface Match {
  customerId: string;
  reasons: Set<DuplicateReason>;
  contactId: string | null;
}

/** Pure: why a candidate row matches the subject. */
export function reasonsFor(
  subject: { nameKey?: string | null; phones: readonly string[]; emails: readonly string[] },
  row: { nameKey?: string | null; phoneDigits: string | null; email: string | null },
): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (subject.nameKey && row.nameKey === subject.nameKey) reasons.push('NAME');
  if (row.phoneDigits && subject.phones.includes(row.phoneDigits)) reasons.push('PHONE');
  if (row.email && subject.emails.includes(row.email.toLowerCase())) reasons.push('EMAIL');
  return reasons;
}

export async function findDuplicates(ctx: ServiceContext, subject: DuplicateSubject): Promise<DuplicateWarning[]> {
  const phones = present(subject.phones, (p) => p.length >= MIN_PHONE_DIGITS);
  const emails = present(subject.emails, (e) => e.includes('@')).map((e) => e.toLowerCase());
  const key = { nameKey: subject.nameKey ?? null, phones, emails };
  const reach = [
    ...(phones.length ? [{ phoneDigits: { in: phones } }] : []),
    ...(emails.length ? [{ email: { in: emails, mode: 'insensitive' as const } }] : []),
  ];
  const byName = subject.nameKey ? [{ nameKey: subject.nameKey }] : [];
  if (!reach.length && !byName.length) return [];
  const notSelf = subject.customerId ? { id: { not: subject.customerId } } : {};
  const [customers, contacts] = await Promise.all([
    ctx.prisma.customer.findMany({
      where: { AND: [notSelf, { OR: [...byName, ...reach] }] },
      select: { id: true, nameKey: true, phoneDigits: true, email: true },
      orderBy: { id: 'asc' },
      take: LIMIT,
    }),
    reach.length
      ? ctx.prisma.contact.findMany({
          where: {
            AND: [
              subject.contactId ? { id: { not: subject.contactId } } : {},
              subject.customerId && !subject.contactId ? { customerId: { not: subject.customerId } } : {},
              { OR: reach },
            ],
          },
          select: { id: true, customerId: true, phoneDigits: true, email: true },
          orderBy: { id: 'asc' },
          take: LIMIT,
        })
      : [],
  ]);
  const matches = new Map<string, Match>();
  const add = (customerId: string, reasons: DuplicateReason[], contactId: string | null) => {
    if (!reasons.length) return;
    const match = matches.get(customerId) ?? { customerId, reasons: new Set(), contactId: null };
    for (const r of reasons) match.reasons.add(r);
    match.contactId ??= contactId;
    matches.set(customerId, match);
  };
  for (const c of customers) add(c.id, reasonsFor(key, c), null);
  for (const c of contacts) add(c.customerId, reasonsFor({ phones, emails }, c), c.id);
  return withVisibleRows(ctx, [...matches.values()].slice(0, LIMIT));
}

/** One query for the whole list: which of the matched customers the viewer may see. */
async function withVisibleRows(ctx: ServiceContext, matches: Match[]): Promise<DuplicateWarning[]> {
  if (!matches.length) return [];
  const visible = await ctx.prisma.customer.findMany({
    where: { AND: [{ id: { in: matches.map((m) => m.customerId) } }, customersVisibleTo(ctx.viewer)] },
    select: { id: true },
  });
  const seen = new Set(visible.map((v) => v.id));
  return matches.map((m) => ({
    reasons: (['NAME', 'PHONE', 'EMAIL'] as const).filter((r) => m.reasons.has(r)),
    customerId: seen.has(m.customerId) ? m.customerId : null,
    contactId: seen.has(m.customerId) ? m.contactId : null,
  }));
}

/** Duplicates of a stored customer, by its own name, phone and e-mail and its contacts'. */
export async function customerDuplicates(ctx: ServiceContext, customer: Pick<Customer, 'id' | 'nameKey' | 'phoneDigits' | 'email'>) {
  const contacts = await ctx.prisma.contact.findMany({ where: { customerId: customer.id }, select: { phoneDigits: true, email: true } });
  return findDuplicates(ctx, {
    customerId: customer.id,
    nameKey: customer.nameKey,
    phones: [customer.phoneDigits, ...contacts.map((c) => c.phoneDigits)],
    emails: [customer.email, ...contacts.map((c) => c.email)],
  });
}

/** Duplicates of a stored contact: other contacts or customers with its phone or e-mail. */
export function contactDuplicates(ctx: ServiceContext, contact: Pick<Contact, 'id' | 'customerId' | 'phoneDigits' | 'email'>) {
  return findDuplicates(ctx, { contactId: contact.id, customerId: contact.customerId, phones: [contact.phoneDigits], emails: [contact.email] });
}

/**
 * 撞单 protection (two reps working one company): with duplicates.onCreate REFUSE, creating a customer
 * whose name or phone matches a customer owned by someone other than the new owner, or lying in the
 * public pool, is refused at that field. The refusal names the match and its owner even when the rep
 * may not see it (deliberately: they must know whom to ask for a share), or says to claim it.
 */
export async function refuseSecondOwnersCopy(ctx: ServiceContext, subject: { nameKey: string; phoneDigits: string | null }, ownerId: string | null): Promise<void> {
  if ((ctx.config?.customerRules ?? DEFAULT_CUSTOMER_RULES).duplicates.onCreate !== 'REFUSE') return;
  const byPhone = subject.phoneDigits && subject.phoneDigits.length >= MIN_PHONE_DIGITS ? [{ phoneDigits: subject.phoneDigits }] : [];
  const matches = await ctx.prisma.customer.findMany({
    // Another owner's, or the pool's (`not` alone would leave out the pool's null owners).
    where: { AND: [{ OR: [{ nameKey: subject.nameKey }, ...byPhone] }, ownerId ? { OR: [{ ownerId: null }, { ownerId: { not: ownerId } }] } : {}] },
    select: { name: true, nameKey: true, ownerId: true, owner: { select: { name: true } } },
    orderBy: { number: 'asc' },
    take: 1,
  });
  const match = matches[0];
  if (!match) return;
  const field = match.nameKey === subject.nameKey ? 'name' : 'phone';
  throw new InputError([
    match.owner
      ? fieldError(field, 'customer.duplicateOwned', { customer: match.name, owner: match.owner.name }, 'DUPLICATE')
      : fieldError(field, 'customer.duplicateInPool', { customer: match.name }, 'DUPLICATE'),
  ]);
}
