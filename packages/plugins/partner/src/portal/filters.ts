// Portal search. It looks only at what the partner sees: a customer matches on its own name, code,
// phone or e-mail, or on a SHARED contact's; an unshared contact's phone never makes its customer match.
import { normalizeName, parseCustomerCode, phoneDigits, type Prisma, type Viewer } from '@rapport/core';
import { contactsSharedWith, customersSharedWith } from '../access.js';

function contactMatch(text: string): Prisma.ContactWhereInput[] {
  const digits = phoneDigits(text);
  return [
    { name: { contains: text.trim(), mode: 'insensitive' } },
    ...(digits && digits.length >= 3 ? [{ phoneDigits: { contains: digits } }] : []),
    ...(text.includes('@') ? [{ email: { contains: text.trim(), mode: 'insensitive' as const } }] : []),
  ];
}

export function portalCustomerWhere(viewer: Viewer | null, search: string | null | undefined, codePrefix: string): Prisma.CustomerWhereInput {
  const shared = customersSharedWith(viewer);
  const text = search?.trim();
  if (!text) return shared;
  const digits = phoneDigits(text);
  const number = parseCustomerCode(codePrefix, text);
  return {
    AND: [
      shared,
      {
        OR: [
          { nameKey: { contains: normalizeName(text) } },
          ...(number !== null ? [{ number }] : []),
          ...(digits && digits.length >= 3 ? [{ phoneDigits: { contains: digits } }] : []),
          ...(text.includes('@') ? [{ email: { contains: text, mode: 'insensitive' as const } }] : []),
          { contacts: { some: { AND: [contactsSharedWith(viewer), { OR: contactMatch(text) }] } } },
        ],
      },
    ],
  };
}

export function portalContactWhere(viewer: Viewer | null, filter: { search?: string | null; customerId?: string | null } | null | undefined): Prisma.ContactWhereInput {
  const text = filter?.search?.trim();
  return {
    AND: [
      contactsSharedWith(viewer),
      ...(filter?.customerId ? [{ customerId: filter.customerId }] : []),
      ...(text ? [{ OR: contactMatch(text) }] : []),
    ],
  };
}
