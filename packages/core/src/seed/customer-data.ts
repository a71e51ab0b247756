import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** The tags the demo customers carry (see tagsFor in demo.ts): the managed list they must come from. */
export const DEMO_TAGS: ReadonlyArray<readonly [name: string, color: string]> = [
  ['key-account', '#d62728'],
  ['vip', '#9467bd'],
  ['export', '#1f77b4'],
  ['trade-show-2026', '#ff7f0e'],
  ['distributor', '#2ca02c'],
  ['price-sensitive', '#8c564b'],
];

/** The custom fields the demo customers carry (see customFieldsFor in demo.ts). */
export const DEMO_CUSTOM_FIELDS: Prisma.CustomFieldDefinitionCreateManyInput[] = [
  {
    entity: 'CUSTOMER',
    key: 'creditLevel',
    label: 'Credit level',
    kind: 'SELECT',
    private: true,
    options: ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'C', 'D'],
    position: 10,
  },
  { entity: 'CUSTOMER', key: 'employees', label: 'Employees', kind: 'NUMBER', position: 20 },
];

/** Idempotent: a re-seed keeps what admins changed since. */
export async function seedCustomerData(prisma: PrismaClient): Promise<void> {
  await prisma.tag.createMany({ data: DEMO_TAGS.map(([name, color]) => ({ name, color })), skipDuplicates: true });
  await prisma.customFieldDefinition.createMany({ data: DEMO_CUSTOM_FIELDS, skipDuplicates: true });
}
