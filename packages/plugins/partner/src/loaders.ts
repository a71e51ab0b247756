import DataLoader from 'dataloader';
import { customersVisibleTo, type RapportContext } from '@rapport/core';

/**
 * Per-request batch lookups for references that are not Prisma relations or must pass a row rule on
 * the way (a registration's customer is shown only to staff who may see that customer). One query
 * per list, whatever its length.
 */
const perRequest = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

function loaderFor<T>(ctx: RapportContext, name: string, load: (ids: readonly string[]) => Promise<Array<T & { id: string }>>): DataLoader<string, T | null> {
  const loaders = perRequest.get(ctx) ?? new Map<string, DataLoader<string, unknown>>();
  perRequest.set(ctx, loaders);
  let loader = loaders.get(name) as DataLoader<string, T | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, T | null>(async (ids) => {
      const rows = await load(ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

/** Customers the viewer may see (core's rule); others load as null. */
export function visibleCustomer(ctx: RapportContext, id: string | null) {
  if (!id) return null;
  return loaderFor(ctx, 'customer', (ids) => ctx.prisma.customer.findMany({ where: { AND: [{ id: { in: [...ids] } }, customersVisibleTo(ctx.viewer)] } })).load(id);
}

export function staffUser(ctx: RapportContext, id: string | null) {
  if (!id) return null;
  return loaderFor(ctx, 'user', (ids) => ctx.prisma.user.findMany({ where: { id: { in: [...ids] } } })).load(id);
}

export function partnerOrganization(ctx: RapportContext, id: string | null) {
  if (!id) return null;
  return loaderFor(ctx, 'partner', (ids) => ctx.prisma.partnerOrganization.findMany({ where: { id: { in: [...ids] } } })).load(id);
}

export function dealRegistration(ctx: RapportContext, id: string | null) {
  if (!id) return null;
  return loaderFor(ctx, 'registration', (ids) => ctx.prisma.dealRegistration.findMany({ where: { id: { in: [...ids] } } })).load(id);
}
