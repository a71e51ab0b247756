// Row-level access. ONE rule says which customers a viewer sees (customersVisibleTo); contacts,
// activities and plugins' rows derive from it through their customer. Every read path (lists, counts,
// node(id), services) merges these `where`s, so a row you may not see is simply not found.
import { notFound } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { isUuid } from '../shared/ids.js';
import { actingUserId, can, forbidden, requirePermission, type Viewer } from './viewer.js';

/** Matches no row; Prisma sends it as a constant false, so it costs nothing. */
export const NOTHING = { id: { in: [] as string[] } };

function teamOf(userId: string): Prisma.CustomerWhereInput[] {
  return [{ owner: { team: { managerId: userId } } }];
}

/** The pools a user is on (as MEMBER or ADMIN), directly or through their team. */
export function poolMembershipOf(userId: string): Prisma.PublicPoolMemberWhereInput {
  return { OR: [{ userId }, { team: { members: { some: { id: userId } } } }] };
}

/**
 * Public pools a user may see and claim from: the default pool (open to everyone) and those they are
 * on; every pool with customer.readAll.
 */
export function poolsVisibleTo(viewer: Viewer | null | undefined): Prisma.PublicPoolWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return { id: { in: [] } };
  if (can(viewer, 'customer.readAll')) return {};
  return { OR: [{ isDefault: true }, { members: { some: poolMembershipOf(userId) } }] };
}

/**
 * Own, shared, managed customers, and those in the public pools the viewer is on (the default pool:
 * poolId null, for everyone); everything with customer.readAll.
 */
export function customersVisibleTo(viewer: Viewer | null | undefined): Prisma.CustomerWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.read')) return NOTHING;
  if (can(viewer, 'customer.readAll')) return {};
  const inPool = { ownerId: null, OR: [{ poolId: null }, { pool: { OR: [{ isDefault: true }, { members: { some: poolMembershipOf(userId) } }] } }] };
  return {
    OR: [{ ownerId: userId }, inPool, { shares: { some: { userId } } }, ...(can(viewer, 'customer.team') ? teamOf(userId) : [])],
  };
}

/** Own and managed customers, and with `viaShares` EDIT-shared ones; everything with customer.editAll. */
function changeableBy(viewer: Viewer | null | undefined, viaShares: boolean): Prisma.CustomerWhereInput {
  const userId = actingUserId(viewer);
  if (!userId || !can(viewer, 'customer.write')) return NOTHING;
  if (can(viewer, 'customer.editAll')) return {};
  return {
    OR: [
      { ownerId: userId },
      ...(viaShares ? [{ shares: { some: { userId, access: 'EDIT' as const } } }] : []),
      ...(can(viewer, 'customer.team') ? teamOf(userId) : []),
    ],
  };
}

export function customersEditableBy(viewer: Viewer | null | undefined): Prisma.CustomerWhereInput {
  return changeableBy(viewer, true);
}

/** Sharing is for the owner, the owner's manager and admins; an EDIT share does not pass it on. */
export function customersShareableBy(viewer: Viewer | null | undefined): Prisma.CustomerWhereInput {
  return changeableBy(viewer, false);
}

/** Rows that hang off a customer, as far as that customer matches; no condition when every one does. */
function throughCustomer(customers: Prisma.CustomerWhereInput): { customer?: Prisma.CustomerWhereInput } {
  return Object.keys(customers).length ? { customer: customers } : {};
}

export function contactsVisibleTo(viewer: Viewer | null | undefined): Prisma.ContactWhereInput {
  return throughCustomer(customersVisibleTo(viewer));
}

export function activitiesVisibleTo(viewer: Viewer | null | undefined): Prisma.ActivityWhereInput {
  return throughCustomer(customersVisibleTo(viewer));
}

/** Its customer's editors, plus whoever owns or is assigned the activity (to complete their task). */
export function activitiesEditableBy(viewer: Viewer | null | undefined): Prisma.ActivityWhereInput {
  const userId = actingUserId(viewer);
  const viaCustomer = throughCustomer(customersEditableBy(viewer));
  if (!userId || !can(viewer, 'customer.write') || !viaCustomer.customer) return viaCustomer;
  return { OR: [viaCustomer, { ownerId: userId }, { assigneeId: userId }] };
}

type Db = Prisma.TransactionClient;

/** Counts only when the rule restricts anything: an admin's checks cost no statement. */
async function passes(where: object, count: () => Promise<number>): Promise<boolean> {
  return Object.keys(where).length === 0 || (await count()) > 0;
}

async function visibleCustomerToWrite(db: Db, viewer: Viewer | null | undefined, id: string) {
  requirePermission(viewer, 'customer.write');
  const customer = isUuid(id) ? await db.customer.findFirst({ where: { AND: [{ id }, customersVisibleTo(viewer)] } }) : null;
  if (!customer) throw notFound('Customer');
  return customer;
}

async function requireCustomerMatches(db: Db, id: string, rule: Prisma.CustomerWhereInput, refusal: string): Promise<void> {
  if (!(await passes(rule, () => db.customer.count({ where: { AND: [{ id }, rule] } })))) throw forbidden(refusal);
}

export function requireCustomerEditable(db: Db, viewer: Viewer | null | undefined, id: string): Promise<void> {
  const refusal = 'You may see this customer but not change it (ask its owner to share it with EDIT access)';
  return requireCustomerMatches(db, id, customersEditableBy(viewer), refusal);
}

/**
 * The customer as the viewer may change it: NOT_FOUND when they cannot see it, FORBIDDEN when they
 * can see but not change it (its existence is no secret to them then).
 */
export async function customerToChange(db: Db, viewer: Viewer | null | undefined, id: string) {
  const customer = await visibleCustomerToWrite(db, viewer, id);
  await requireCustomerEditable(db, viewer, id);
  return customer;
}

/** Like customerToChange, for sharing: only the owner, the owner's manager or customer.editAll. */
export async function customerToShare(db: Db, viewer: Viewer | null | undefined, id: string) {
  const customer = await visibleCustomerToWrite(db, viewer, id);
  const refusal = "Only the customer's owner, the owner's manager or an admin may share it";
  await requireCustomerMatches(db, id, customersShareableBy(viewer), refusal);
  return customer;
}

export async function contactToChange(db: Db, viewer: Viewer | null | undefined, id: string) {
  requirePermission(viewer, 'customer.write');
  const contact = isUuid(id) ? await db.contact.findFirst({ where: { AND: [{ id }, contactsVisibleTo(viewer)] } }) : null;
  if (!contact) throw notFound('Contact');
  await requireCustomerEditable(db, viewer, contact.customerId);
  return contact;
}

export async function activityToChange(db: Db, viewer: Viewer | null | undefined, id: string) {
  requirePermission(viewer, 'customer.write');
  const activity = isUuid(id) ? await db.activity.findFirst({ where: { AND: [{ id }, activitiesVisibleTo(viewer)] } }) : null;
  if (!activity) throw notFound('Activity');
  const editable = activitiesEditableBy(viewer);
  if (!(await passes(editable, () => db.activity.count({ where: { AND: [{ id }, editable] } })))) {
    throw forbidden("You may see this activity but not change it: it is not yours and you may not edit its customer");
  }
  return activity;
}
