import type { CustomerFilter, CustomerOrderField, CustomerStage, CustomerTier, SortDirection } from '@rapport/client';

/** What the customers list's filter controls hold; a saved view's filter is read into these. */
export interface ListFilters {
  search: string;
  tier: CustomerTier | '';
  stage: CustomerStage | '';
  ownerId: string;
  tag: string;
  province: string;
  /** No control of its own: set by the graph's "about to be released" scene (viewer.builtInSavedViews). */
  releaseDueWithinDays: number | null;
}

export interface ListOrder {
  field: CustomerOrderField;
  direction: SortDirection;
}

export const NO_FILTERS: ListFilters = { search: '', tier: '', stage: '', ownerId: '', tag: '', province: '', releaseDueWithinDays: null };
export const DEFAULT_ORDER: ListOrder = { field: 'LAST_CONTACTED_AT', direction: 'DESC' };

/** The list's controls as the graph's CustomerFilter: only what is set. */
export function toCustomerFilter(filters: ListFilters, options: { pool?: boolean } = {}): CustomerFilter {
  return {
    ...(filters.search ? { search: filters.search } : {}),
    ...(filters.tier ? { tier: [filters.tier] } : {}),
    ...(filters.stage ? { stage: [filters.stage] } : {}),
    ...(filters.ownerId ? { ownerIds: [filters.ownerId] } : {}),
    ...(filters.tag ? { tagsAny: [filters.tag] } : {}),
    ...(filters.province ? { province: filters.province } : {}),
    ...(filters.releaseDueWithinDays != null ? { releaseDueWithinDays: filters.releaseDueWithinDays } : {}),
    ...(options.pool ? { inPublicPool: true } : {}),
  };
}

const first = (value: unknown): string => (Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');

/** A saved view's filter (a CustomerFilter as JSON) read into the list's controls; what they cannot show is dropped. */
export function fromCustomerFilter(filter: unknown): ListFilters {
  const f = (filter && typeof filter === 'object' ? filter : {}) as Record<string, unknown>;
  return {
    search: typeof f.search === 'string' ? f.search : '',
    tier: first(f.tier) as CustomerTier | '',
    stage: first(f.stage) as CustomerStage | '',
    ownerId: first(f.ownerIds),
    tag: first(f.tagsAny),
    province: typeof f.province === 'string' ? f.province : '',
    releaseDueWithinDays: typeof f.releaseDueWithinDays === 'number' ? f.releaseDueWithinDays : null,
  };
}

/** A saved view's order (a CustomerOrder as JSON), or the list's default. */
export function fromCustomerOrder(order: unknown): ListOrder {
  const o = (order && typeof order === 'object' ? order : {}) as Record<string, unknown>;
  if (typeof o.field !== 'string') return DEFAULT_ORDER;
  return { field: o.field as CustomerOrderField, direction: o.direction === 'DESC' ? 'DESC' : 'ASC' };
}

/** Whether the controls show exactly a scene's filters (so its button reads as pressed). */
export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  return (Object.keys(NO_FILTERS) as Array<keyof ListFilters>).every((key) => a[key] === b[key]);
}

/** A view's new place when moved one step up (-1) or down (+1) among the viewer's own: positions for every view, renumbered 0, 10, 20… so there is room between them. */
export function reorder<T extends { id: string; position: number }>(views: readonly T[], id: string, step: -1 | 1): Array<{ id: string; position: number }> {
  const order = [...views];
  const from = order.findIndex((v) => v.id === id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return [];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order.map((v, index) => ({ id: v.id, position: index * 10 })).filter((v, index) => order[index]!.position !== v.position);
}
