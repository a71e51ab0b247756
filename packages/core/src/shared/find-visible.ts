import { notFound } from '../errors.js';
import { isUuid } from './ids.js';

/**
 * The row a resolver needs by id, or NOT_FOUND. `find` must apply the entity's row rule (e.g.
 * `where: { AND: [{ id }, ticketsVisibleTo(ctx.viewer)] }`), so a row the viewer may not see is as
 * absent as one that does not exist; an id that is not a UUID is never sent to the database.
 */
export async function findVisibleOrThrow<Row>(entity: string, id: string, find: (id: string) => Promise<Row | null>): Promise<Row> {
  const row = isUuid(id) ? await find(id) : null;
  if (row === null) throw notFound(entity);
  return row;
}
