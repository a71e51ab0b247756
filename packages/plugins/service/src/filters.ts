import {
  customersVisibleTo,
  isUuid,
  parseCustomerCode as parseReadableCode,
  type Prisma,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
  type Viewer,
} from '@rapport/core';

export interface TicketFilter {
  status?: TicketStatus[] | null;
  priority?: TicketPriority[] | null;
  type?: TicketType[] | null;
  assigneeIds?: string[] | null;
  queueIds?: string[] | null;
  customerId?: string | null;
  breached?: boolean | null;
  search?: string | null;
}

/** A ticket is visible with its customer (core's one row rule); unrestricted viewers add no condition. */
export function ticketsVisibleTo(viewer: Viewer | null | undefined): Prisma.TicketWhereInput {
  const customers = customersVisibleTo(viewer);
  return Object.keys(customers).length ? { customer: customers } : {};
}

/** Matches no row: ids that are not UUIDs name nothing. */
const NOTHING: Prisma.TicketWhereInput = { id: { in: [] } };

const BREACHED: Prisma.TicketWhereInput = {
  OR: [{ firstResponseBreachedAt: { not: null } }, { resolutionBreachedAt: { not: null } }],
};

function idIn(ids: string[]) {
  const valid = ids.filter(isUuid);
  return valid.length ? { in: valid } : null;
}

/** Subject or description containing the text, or the ticket's code (T-000123, or just 123). */
function searchWhere(text: string, codePrefix: string): Prisma.TicketWhereInput {
  const number = parseReadableCode(codePrefix, text);
  return {
    OR: [
      { subject: { contains: text.trim(), mode: 'insensitive' } },
      { description: { contains: text.trim(), mode: 'insensitive' } },
      ...(number !== null ? [{ number }] : []),
    ],
  };
}

export function ticketWhere(filter: TicketFilter | null | undefined, codePrefix: string): Prisma.TicketWhereInput {
  if (!filter) return {};
  const and: Prisma.TicketWhereInput[] = [];
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.priority?.length) and.push({ priority: { in: filter.priority } });
  if (filter.type?.length) and.push({ type: { in: filter.type } });
  if (filter.assigneeIds?.length) {
    const assignees = idIn(filter.assigneeIds);
    and.push(assignees ? { assigneeId: assignees } : NOTHING);
  }
  if (filter.queueIds?.length) {
    const queues = idIn(filter.queueIds);
    and.push(queues ? { queueId: queues } : NOTHING);
  }
  if (filter.customerId) and.push(isUuid(filter.customerId) ? { customerId: filter.customerId } : NOTHING);
  if (filter.breached != null) and.push(filter.breached ? BREACHED : { NOT: BREACHED });
  if (filter.search?.trim()) and.push(searchWhere(filter.search, codePrefix));
  return and.length ? { AND: and } : {};
}

export type TicketOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'NUMBER' | 'PRIORITY' | 'RESOLUTION_DUE_AT';

const ORDER_COLUMNS = {
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  NUMBER: 'number',
  PRIORITY: 'priority',
  RESOLUTION_DUE_AT: 'resolutionDueAt',
} as const satisfies Record<TicketOrderField, keyof Prisma.TicketOrderByWithRelationInput>;

/** The id tie-breaker keeps cursor pagination stable when the ordered column has equal values. */
export function ticketOrderBy(field: TicketOrderField | null | undefined, direction: 'asc' | 'desc'): Prisma.TicketOrderByWithRelationInput[] {
  return [{ [ORDER_COLUMNS[field ?? 'CREATED_AT']]: direction }, { id: direction }];
}

/** The graph's TicketFilter (global ids decoded to `{ id }`), as the tickets list and exports read it. */
export interface GraphQLTicketFilter extends Omit<TicketFilter, 'assigneeIds' | 'queueIds' | 'customerId'> {
  assigneeIds?: Array<{ id: string }> | null;
  queueIds?: Array<{ id: string }> | null;
  customerId?: { id: string } | null;
}

/** The tickets list's where: its filter under the viewer's row rule. */
export function ticketListWhere(filter: GraphQLTicketFilter | null | undefined, viewer: Viewer | null | undefined, codePrefix: string): Prisma.TicketWhereInput {
  return {
    AND: [
      ticketWhere(
        filter && {
          ...filter,
          customerId: filter.customerId?.id ?? null,
          assigneeIds: filter.assigneeIds?.map((u) => u.id),
          queueIds: filter.queueIds?.map((q) => q.id),
        },
        codePrefix,
      ),
      ticketsVisibleTo(viewer),
    ],
  };
}
