import { actingUserId, can, customersVisibleTo, isUuid, NOTHING, Prisma, type CallDirection, type CallDisposition, type Viewer } from '@rapport/core';

/**
 * Calls a viewer sees: those of customers they see, those they took (any leg), and with
 * `customer.team` those taken by their teams' members or queued to the teams they manage.
 * `customer.readAll` (admins, the service desk) sees every call.
 */
export function callsVisibleTo(viewer: Viewer | null | undefined): Prisma.CallWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return NOTHING;
  if (can(viewer, 'customer.readAll')) return {};
  const team: Prisma.CallWhereInput[] = can(viewer, 'customer.team')
    ? [{ agent: { team: { managerId: userId } } }, { queue: { managerId: userId } }]
    : [];
  return {
    OR: [{ customer: customersVisibleTo(viewer) }, { agentId: userId }, { legs: { some: { agentId: userId } } }, ...team],
  };
}

/**
 * The calls statistics cover, as SQL over `"Call"` aliased `c`: everything with customer.readAll,
 * otherwise the viewer's own work and with customer.team their teams' (never a call they cannot list).
 */
export function statisticsScopeSql(viewer: Viewer | null | undefined): Prisma.Sql {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return Prisma.sql`FALSE`;
  if (can(viewer, 'customer.readAll')) return Prisma.sql`TRUE`;
  const own = Prisma.sql`c."agentId" = ${userId}::uuid`;
  if (!can(viewer, 'customer.team')) return own;
  return Prisma.sql`(${own}
    OR c."agentId" IN (SELECT u."id" FROM "User" u JOIN "Team" t ON t."id" = u."teamId" WHERE t."managerId" = ${userId}::uuid)
    OR c."queueId" IN (SELECT t."id" FROM "Team" t WHERE t."managerId" = ${userId}::uuid))`;
}

/** The graph's CallFilter (global ids decoded to `{ id }`), as the calls list and exports read it. */
export interface GraphQLCallFilter {
  direction?: CallDirection | null;
  disposition?: CallDisposition[] | null;
  agentIds?: Array<{ id: string }> | null;
  queueIds?: Array<{ id: string }> | null;
  customerId?: { id: string } | null;
  from?: Date | null;
  to?: Date | null;
}

/** The calls list's where: its filter under the viewer's row rule. */
export function callListWhere(filter: GraphQLCallFilter | null | undefined, viewer: Viewer | null | undefined): Prisma.CallWhereInput {
  const ids = (list: Array<{ id: string }> | null | undefined) => (list?.length ? { in: list.map((x) => x.id).filter(isUuid) } : undefined);
  const customerId = filter?.customerId?.id;
  return {
    AND: [
      {
        ...(filter?.direction ? { direction: filter.direction } : {}),
        ...(filter?.disposition?.length ? { disposition: { in: filter.disposition } } : {}),
        ...(ids(filter?.agentIds) ? { agentId: ids(filter?.agentIds) } : {}),
        ...(ids(filter?.queueIds) ? { queueId: ids(filter?.queueIds) } : {}),
        ...(customerId ? { customerId: isUuid(customerId) ? customerId : { in: [] } } : {}),
        startedAt: { ...(filter?.from ? { gte: filter.from } : {}), ...(filter?.to ? { lt: filter.to } : {}) },
      },
      callsVisibleTo(viewer),
    ],
  };
}
