import type { RapportBuilder } from './builder.js';

export type SortDirection = 'ASC' | 'DESC';

export function registerCommon(builder: RapportBuilder) {
  const SortDirection = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });
  return { SortDirection };
}

export type CommonRefs = ReturnType<typeof registerCommon>;

export function prismaDirection(direction: SortDirection | null | undefined, fallback: 'asc' | 'desc' = 'asc') {
  if (!direction) return fallback;
  return direction === 'ASC' ? 'asc' : 'desc';
}

/**
 * The database id inside a decoded global ID, keeping the difference between an omitted field
 * (undefined: leave as is) and an explicit null (clear it). Services validate the rest of the
 * input at run time, so resolvers pass GraphQL input through with ids unwrapped.
 */
export function rawId(value: { id: string } | null | undefined): string | null | undefined {
  return value === undefined ? undefined : (value?.id ?? null);
}
