import { getRefFromModel } from '@pothos/plugin-prisma';

/**
 * One connection type per node type (docs/graph-conventions.md): `ActivityConnection` for
 * `Query.activities`, `Customer.activities` and `Contact.activities` alike, so a client's connection
 * fragment fits every list of that node. Made once per builder (either endpoint's) on first use, by
 * whichever module lists the node first; pass it as the connection options of `t.prismaConnection`
 * or `t.relatedConnection`, which must then count (`totalCount: true` or a count function).
 */

// Any Pothos builder with the prisma and relay plugins (the internal graph's or the partner portal's).
type AnyBuilder = any;
const connectionsByBuilder = new WeakMap<object, Map<string, unknown>>();

/** Both ways the prisma plugin hands over a count: a number (related) or a function (root). */
function countOf(connection: { totalCount?: number | (() => number | Promise<number>) }) {
  return typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount;
}

/**
 * The connection type of a Prisma-backed node type, `<Type>Connection` with `<Type>Edge`.
 * `model` is the Prisma model, `type` the GraphQL type name when it differs (`StageChange`).
 */
export function connectionOf(builder: AnyBuilder, model: string, type: string = model): any {
  let connections = connectionsByBuilder.get(builder);
  if (!connections) connectionsByBuilder.set(builder, (connections = new Map()));
  const existing = connections.get(type);
  if (existing) return existing;
  const ref = builder.connectionObject(
    {
      type: getRefFromModel(model, builder),
      name: `${type}Connection`,
      description: `A page of ${type} nodes, in the order the field lists them; the one connection type of every list of ${type}.`,
      fields: (t: AnyBuilder) => ({
        totalCount: t.int({
          description: 'How many there are in all (under the filter given), across every page.',
          // Lets the prisma plugin answer `{ totalCount }` alone with a count and no rows.
          extensions: { pothosPrismaTotalCount: true },
          resolve: countOf,
        }),
      }),
    },
    { name: `${type}Edge`, description: `A ${type} in a page, with the cursor to page on from it.` },
  );
  connections.set(type, ref);
  return ref;
}
