import { conflict, notFound } from '../errors.js';

/**
 * After a versioned write matched no row: NOT_FOUND when the row is gone, CONFLICT (with the
 * current version) when someone changed it since the caller read it.
 */
export async function throwMissingOrStale(
  entity: string,
  current: Promise<{ version: number } | null>,
): Promise<never> {
  const row = await current;
  throw row ? conflict(entity, row.version) : notFound(entity);
}
