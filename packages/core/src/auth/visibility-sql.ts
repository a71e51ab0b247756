import { Prisma } from '../../generated/prisma/client.js';
import { actingUserId, can, type Viewer } from './viewer.js';

/**
 * customersVisibleTo (visibility.ts) as an SQL condition on the customer row `alias`, for aggregate
 * queries Prisma's query API cannot express (date buckets). It must say exactly what that rule says:
 * test/customer-stats.test.ts compares both for every demo role.
 */
export function customersVisibleSql(viewer: Viewer | null | undefined, alias = 'c'): Prisma.Sql {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return Prisma.sql`FALSE`;
  if (can(viewer, 'customer.readAll')) return Prisma.sql`TRUE`;
  const c = Prisma.raw(`"${alias}"`);
  const team = can(viewer, 'customer.team')
    ? Prisma.sql`OR EXISTS (SELECT 1 FROM "User" o JOIN "Team" t ON t."id" = o."teamId" WHERE o."id" = ${c}."ownerId" AND t."managerId" = ${userId}::uuid)`
    : Prisma.empty;
  const pooled = Prisma.sql`(${c}."ownerId" IS NULL AND (${c}."poolId" IS NULL
    OR EXISTS (SELECT 1 FROM "PublicPool" p WHERE p."id" = ${c}."poolId" AND (p."isDefault"
      OR EXISTS (SELECT 1 FROM "PublicPoolMember" m WHERE m."poolId" = p."id"
        AND (m."userId" = ${userId}::uuid OR m."teamId" = (SELECT u."teamId" FROM "User" u WHERE u."id" = ${userId}::uuid)))))))`;
  return Prisma.sql`(${c}."ownerId" = ${userId}::uuid OR ${pooled}
    OR EXISTS (SELECT 1 FROM "CustomerShare" s WHERE s."customerId" = ${c}."id" AND s."userId" = ${userId}::uuid) ${team})`;
}

/**
 * customersEditableBy (visibility.ts) as an SQL condition on the customer row `alias`, for writes
 * that check and change in one statement. It must say exactly what that rule says: visibility.test.ts
 * compares both for every role.
 */
export function customersEditableSql(viewer: Viewer | null | undefined, alias = 'c'): Prisma.Sql {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.write')) return Prisma.sql`FALSE`;
  if (can(viewer, 'customer.editAll')) return Prisma.sql`TRUE`;
  const c = Prisma.raw(`"${alias}"`);
  const team = can(viewer, 'customer.team')
    ? Prisma.sql`OR EXISTS (SELECT 1 FROM "User" o JOIN "Team" t ON t."id" = o."teamId" WHERE o."id" = ${c}."ownerId" AND t."managerId" = ${userId}::uuid)`
    : Prisma.empty;
  return Prisma.sql`(${c}."ownerId" = ${userId}::uuid
    OR EXISTS (SELECT 1 FROM "CustomerShare" s WHERE s."customerId" = ${c}."id" AND s."userId" = ${userId}::uuid AND s."access" = 'EDIT') ${team})`;
}
