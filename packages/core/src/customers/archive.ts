import type { Prisma } from '../../generated/prisma/client.js';

/**
 * Archived customers (no longer served): kept with their history, hidden from lists, search and
 * statistics unless a filter asks for them, not deletable, and left out of the follow-up, churn and
 * pool rules. Plain rules; the service applies them.
 */

/** Which customers a list shows: by default the served ones; `archived` true only the archived; `includeArchived` both. */
export function archivedWhere(filter: { archived?: boolean | null; includeArchived?: boolean | null } | null | undefined): Prisma.CustomerWhereInput {
  if (filter?.archived === true) return { archivedAt: { not: null } };
  if (filter?.archived === false) return { archivedAt: null };
  return filter?.includeArchived ? {} : { archivedAt: null };
}

/** Why a customer may not be archived or unarchived now, or null: only a served one is archived, only an archived one restored. */
export function archiveRefusal(customer: { archivedAt: Date | null }, archive: boolean): 'customer.alreadyArchived' | 'customer.notArchived' | null {
  if (archive && customer.archivedAt) return 'customer.alreadyArchived';
  if (!archive && !customer.archivedAt) return 'customer.notArchived';
  return null;
}

/** An archived customer is kept: nobody deletes it (unarchive it first, with customer.archive). */
export function deleteRefusal(customer: { archivedAt: Date | null }): 'customer.archivedNotDeletable' | null {
  return customer.archivedAt ? 'customer.archivedNotDeletable' : null;
}
