// Channel conflict check: a registration conflicts with another partner's live registration of the
// same company, with an existing customer owned by direct sales, and with a customer already shared
// with another partner. Matching uses core's normalisers: name key, phone digits, lower-cased e-mail.
import { normalizeName, phoneDigits, type DealConflictKind, type Prisma } from '@rapport/core';

export type MatchKey = 'NAME' | 'PHONE' | 'EMAIL';

/** A phone shorter than this (an extension, a typo) matches too much to mean anything. */
const MIN_PHONE_DIGITS = 6;

export interface MatchKeys {
  nameKey: string;
  phone: string | null;
  email: string | null;
}

export function matchKeys(input: { companyName: string; contactPhone?: string | null; contactEmail?: string | null }): MatchKeys {
  const phone = phoneDigits(input.contactPhone);
  return {
    nameKey: normalizeName(input.companyName),
    phone: phone && phone.length >= MIN_PHONE_DIGITS ? phone : null,
    email: input.contactEmail?.trim().toLowerCase() || null,
  };
}

interface Comparable {
  nameKey?: string | null;
  phones: Array<string | null>;
  emails: Array<string | null>;
}

/** What of `keys` a record matches on, in a stable order. */
export function matchedOn(keys: MatchKeys, other: Comparable): MatchKey[] {
  const found: MatchKey[] = [];
  if (other.nameKey && other.nameKey === keys.nameKey) found.push('NAME');
  if (keys.phone && other.phones.some((p) => p === keys.phone)) found.push('PHONE');
  if (keys.email && other.emails.some((e) => e?.toLowerCase() === keys.email)) found.push('EMAIL');
  return found;
}

export interface Conflict {
  kind: DealConflictKind;
  matchedOn: MatchKey[];
  customerId: string | null;
  otherRegistrationId: string | null;
  otherPartnerId: string | null;
}

export interface RegistrationCandidate {
  id: string;
  partnerId: string;
  companyNameKey: string;
  contactPhoneDigits: string | null;
  contactEmail: string | null;
}

export interface CustomerCandidate {
  id: string;
  nameKey: string;
  phoneDigits: string | null;
  email: string | null;
  ownerId: string | null;
  contacts: Array<{ phoneDigits: string | null; email: string | null }>;
  partnerShares: Array<{ partnerId: string }>;
}

/** The conflicts of a registration by `partnerId`, given the candidates the database found. Pure. */
export function conflictsOf(
  partnerId: string,
  keys: MatchKeys,
  registrations: readonly RegistrationCandidate[],
  customers: readonly CustomerCandidate[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const r of registrations) {
    if (r.partnerId === partnerId) continue;
    const on = matchedOn(keys, { nameKey: r.companyNameKey, phones: [r.contactPhoneDigits], emails: [r.contactEmail] });
    if (on.length) conflicts.push({ kind: 'OTHER_PARTNER_REGISTRATION', matchedOn: on, customerId: null, otherRegistrationId: r.id, otherPartnerId: r.partnerId });
  }
  for (const c of customers) {
    const on = matchedOn(keys, {
      nameKey: c.nameKey,
      phones: [c.phoneDigits, ...c.contacts.map((x) => x.phoneDigits)],
      emails: [c.email, ...c.contacts.map((x) => x.email)],
    });
    if (!on.length) continue;
    if (c.ownerId) conflicts.push({ kind: 'DIRECT_SALES', matchedOn: on, customerId: c.id, otherRegistrationId: null, otherPartnerId: null });
    for (const share of c.partnerShares) {
      if (share.partnerId === partnerId) continue;
      conflicts.push({ kind: 'OTHER_PARTNER_CUSTOMER', matchedOn: on, customerId: c.id, otherRegistrationId: null, otherPartnerId: share.partnerId });
    }
  }
  return conflicts;
}

/** Finds the candidates with indexed lookups (name key, phone digits, e-mail) and checks them. */
export async function findConflicts(db: Prisma.TransactionClient, partnerId: string, keys: MatchKeys, excludeRegistrationId?: string): Promise<Conflict[]> {
  const registrationKeys: Prisma.DealRegistrationWhereInput[] = [
    { companyNameKey: keys.nameKey },
    ...(keys.phone ? [{ contactPhoneDigits: keys.phone }] : []),
    ...(keys.email ? [{ contactEmail: keys.email }] : []),
  ];
  const contactKeys: Prisma.ContactWhereInput[] = [
    ...(keys.phone ? [{ phoneDigits: keys.phone }] : []),
    ...(keys.email ? [{ email: { equals: keys.email, mode: 'insensitive' as const } }] : []),
  ];
  const customerKeys: Prisma.CustomerWhereInput[] = [
    { nameKey: keys.nameKey },
    ...(keys.phone ? [{ phoneDigits: keys.phone }] : []),
    ...(keys.email ? [{ email: { equals: keys.email, mode: 'insensitive' as const } }] : []),
    ...(contactKeys.length ? [{ contacts: { some: { OR: contactKeys } } }] : []),
  ];
  // One after the other: inside a transaction they share one connection.
  const registrations = await db.dealRegistration.findMany({
      where: {
        partnerId: { not: partnerId },
        status: { in: ['PENDING', 'APPROVED'] },
        OR: registrationKeys,
        ...(excludeRegistrationId ? { id: { not: excludeRegistrationId } } : {}),
      },
      select: { id: true, partnerId: true, companyNameKey: true, contactPhoneDigits: true, contactEmail: true },
      take: 50,
    });
  const customers = await db.customer.findMany({
      where: { OR: customerKeys },
      select: {
        id: true,
        nameKey: true,
        phoneDigits: true,
        email: true,
        ownerId: true,
        contacts: contactKeys.length ? { where: { OR: contactKeys }, select: { phoneDigits: true, email: true } } : { take: 0, select: { phoneDigits: true, email: true } },
        partnerShares: { select: { partnerId: true } },
      },
      take: 50,
    });
  return conflictsOf(partnerId, keys, registrations, customers);
}
