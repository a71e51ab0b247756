import type { ActivityKind, ActivityPriority, Prisma } from '../../generated/prisma/client.js';

export interface ActivityFilter {
  customerId?: string | null;
  contactId?: string | null;
  kind?: ActivityKind[] | null;
  priority?: ActivityPriority[] | null;
  participantIds?: string[] | null;
  assigneeIds?: string[] | null;
  ownerIds?: string[] | null;
  open?: boolean | null;
  overdue?: boolean | null;
  dueBefore?: Date | null;
  dueAfter?: Date | null;
}

/** `overdue` is relative to the caller's clock so tests and jobs agree on "now". */
export function activityWhere(filter: ActivityFilter | null | undefined, now: Date): Prisma.ActivityWhereInput {
  if (!filter) return {};
  const and: Prisma.ActivityWhereInput[] = [];
  if (filter.customerId) and.push({ customerId: filter.customerId });
  if (filter.contactId) and.push({ contactId: filter.contactId });
  if (filter.kind?.length) and.push({ kind: { in: filter.kind } });
  if (filter.priority?.length) and.push({ priority: { in: filter.priority } });
  if (filter.participantIds?.length) and.push({ participantIds: { hasSome: filter.participantIds } });
  if (filter.assigneeIds?.length) and.push({ assigneeId: { in: filter.assigneeIds } });
  if (filter.ownerIds?.length) and.push({ ownerId: { in: filter.ownerIds } });
  if (filter.open != null) and.push({ completedAt: filter.open ? null : { not: null } });
  if (filter.overdue === true) and.push({ completedAt: null, dueAt: { lt: now } });
  if (filter.overdue === false) and.push({ OR: [{ completedAt: { not: null } }, { dueAt: null }, { dueAt: { gte: now } }] });
  if (filter.dueBefore) and.push({ dueAt: { lt: filter.dueBefore } });
  if (filter.dueAfter) and.push({ dueAt: { gte: filter.dueAfter } });
  return and.length ? { AND: and } : {};
}

export type ActivityOrderField = 'CREATED_AT' | 'DUE_AT' | 'COMPLETED_AT' | 'PRIORITY';

export function activityOrderBy(field: ActivityOrderField | null | undefined, direction: 'asc' | 'desc') {
  if (!field || field === 'CREATED_AT') return [{ createdAt: direction }, { id: direction }];
  // The enum's order: LOW < NORMAL < HIGH < URGENT, so DESC lists the most urgent first.
  if (field === 'PRIORITY') return [{ priority: direction }, { id: direction }];
  const column = field === 'DUE_AT' ? 'dueAt' : 'completedAt';
  return [{ [column]: { sort: direction, nulls: 'last' as const } }, { id: direction }];
}
