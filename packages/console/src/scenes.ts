import type { CustomerFilter, CustomerOrderField, CustomerStage, CustomerTier, SortDirection } from '@rapport/client';

/** What the customers list's filter controls hold; a saved view's filter is read into these. */
export interface ListFilters {
  search: string;
  tier: CustomerTier | '';
  stage: CustomerStage | '';
  ownerId: string;
  tag: string;
  province: string;
  /** No control of its own: set by the "about to be released" scene. */
  releaseDueWithinDays: number | null;
}

export interface ListOrder {
  field: CustomerOrderField;
  direction: SortDirection;
}

export const NO_FILTERS: ListFilters = { search: '', tier: '', stage: '', ownerId: '', tag: '', province: '', releaseDueWithinDays: null };
export const DEFAULT_ORDER: ListOrder = { field: 'LAST_CONTACTED_AT', direction: 'DESC' };

/** The days ahead the "about to be released" scene looks (the pool's default warning period). */
export const RELEASE_SOON_DAYS = 7;

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

export type BuiltInScene = 'all' | 'mine' | 'keyAccounts' | 'releaseSoon';

/** The scenes every user has, whatever they saved: all, my customers, key accounts (tier A), about to be released (mine). */
export function builtInScenes(viewerId: string | undefined): Array<{ key: BuiltInScene; filters: ListFilters }> {
  return [
    { key: 'all', filters: NO_FILTERS },
    ...(viewerId ? [{ key: 'mine' as const, filters: { ...NO_FILTERS, ownerId: viewerId } }] : []),
    { key: 'keyAccounts', filters: { ...NO_FILTERS, tier: 'A' } },
    ...(viewerId ? [{ key: 'releaseSoon' as const, filters: { ...NO_FILTERS, ownerId: viewerId, releaseDueWithinDays: RELEASE_SOON_DAYS } }] : []),
  ];
}

/** Whether the controls show exactly a scene's filters (so its button reads as pressed). */
export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  return (Object.keys(NO_FILTERS) as Array<keyof ListFilters>).every((key) => a[key] === b[key]);
}
