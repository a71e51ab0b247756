import { sales, type SalesMessageKey } from './messages.js';
import {
  actingUserId,
  can,
  canViewFinancials,
  customersVisibleTo,
  forbidden,
  notFound,
  requireCustomerEditable,
  requirePermission,
  isUuid,
  conflict,
  type ErrorParams,
  type Prisma,
  type UserErrorCode,
  type Viewer,
} from '@rapport/core';

type Db = Prisma.TransactionClient;

/**
 * Sales rows hang off a customer: visible iff their customer is (core's one row rule), so lists,
 * counts, node(id), nested fields and reports all merge this.
 */
export function throughCustomer(viewer: Viewer | null | undefined): { customer?: Prisma.CustomerWhereInput } {
  const customers = customersVisibleTo(viewer);
  return Object.keys(customers).length ? { customer: customers } : {};
}

/**
 * Pipelines, stages, products and price lists are reference data for whoever reads customers (the
 * lists ask customer.read); node(id) answers by the same rule, so a key without a read scope sees none.
 */
export function catalogVisibleTo(viewer: Viewer | null | undefined): { AND?: Array<{ id: { in: string[] } }> } {
  return can(viewer, 'customer.read') ? {} : { AND: [{ id: { in: [] } }] };
}

/** Amounts (opportunity values, quote prices, forecasts) follow the financial field permission. */
export function requireFinancials(viewer: Viewer | null | undefined, fields: string[]): void {
  const set = fields.filter(Boolean);
  if (set.length === 0 || canViewFinancials(viewer)) return;
  throw forbidden(`Not allowed: ${set.join(', ')}`, {
    fields: set.map((field) => ({ field, message: sales.texts('sales.financialsNeeded').en })),
  });
}

/** Amounts as this viewer may read them. */
export function money<T>(viewer: Viewer | null | undefined, value: T): T | null {
  return canViewFinancials(viewer) ? value : null;
}

/**
 * A sales row to change: NOT_FOUND unless its customer is visible, FORBIDDEN when the viewer may see
 * but not change that customer, CONFLICT when `expectedVersion` is not the current one.
 */
export async function rowToChange<Row extends { customerId: string; version: number }>(
  db: Db,
  viewer: Viewer | null | undefined,
  entity: string,
  id: string,
  find: (where: { id: string; customer?: Prisma.CustomerWhereInput }) => Promise<Row | null>,
  expectedVersion?: number,
): Promise<Row> {
  requirePermission(viewer, 'customer.write');
  const row = isUuid(id) ? await find({ id, ...throughCustomer(viewer) }) : null;
  if (!row) throw notFound(entity);
  await requireCustomerEditable(db, viewer, row.customerId);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw conflict(entity, row.version);
  return row;
}

/**
 * Refuses the input at one field with the code a front end branches on (a user error: nothing is
 * written). A refused state transition is a CONFLICT at the record's id.
 */
export function reject(field: string, key: SalesMessageKey, code: UserErrorCode, params: ErrorParams = {}): never {
  sales.refuse(field, key, params, code);
}

/** Refuses roles the deployment did not allow to configure sales (pipelines, products, price lists). */
export function requireConfigureRole(viewer: Viewer | null | undefined, roles: readonly string[]): void {
  requirePermission(viewer, 'customer.read');
  const role = viewer && viewer.kind !== 'principal' ? viewer.role : null;
  if (!role || !roles.includes(role) || !actingUserId(viewer)) {
    throw forbidden(`Only ${roles.join(', ')} may configure sales (pluginConfig.sales.configureRoles)`);
  }
}

/** The calendar day `now` falls on in the deployment's time zone, as a Date at UTC midnight (a @db.Date). */
export function calendarDay(now: Date, timeZone: string): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 86_400_000);
}
