import SchemaBuilder from '@pothos/core';
import { isObjectType, type GraphQLSchema } from 'graphql';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { encodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getDatamodel, isUuid, relayDescriptions, scalarDefinitions, unauthenticated, type Prisma, type PrismaTypes, type RapportContext } from '@rapport/core';
import { partnerPrincipal } from '../auth.js';
import { partner as texts } from '../messages.js';

export interface PortalSchemaTypes {
  Context: RapportContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** A signed-in partner user: who the portal serves. */
    partner: boolean;
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    Decimal: { Input: string; Output: Prisma.Decimal | string | number };
  };
}

/** Whether the schema has a Node type of that name: an id of the internal graph's types names nothing here. */
function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

/** node(id) answers null for an id that names no row: malformed, unknown, unshared, of a type the portal lacks. */
async function nullIfMissing<T extends { id: string; typename: string }>(id: T, schema: GraphQLSchema, resolve: (id: T) => Promise<unknown> | unknown) {
  if (!isUuid(id.id) || !isNodeType(schema, id.typename)) return null;
  try {
    return await resolve(id);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2025') return null;
    throw error;
  }
}

/**
 * The portal's own builder: fresh per schema build and separate from the internal graph's, so
 * nothing internal can reach the portal schema; only what is registered here (and contributed by
 * plugins through `partnerPortal`) exists there.
 */
export function createPortalBuilder(options: { maxPageSize: number; defaultPageSize: number }) {
  const builder = new SchemaBuilder<PortalSchemaTypes>({
    plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
    scopeAuth: {
      authorizeOnSubscribe: true,
      authScopes: (ctx) => ({ partner: partnerPrincipal.of(ctx.viewer) !== null }),
      unauthorizedError: (_parent, ctx) => (ctx.authProblem ? unauthenticated(ctx.authProblem) : texts.error('UNAUTHENTICATED', 'partner.portal.signIn')),
    },
    defaultFieldNullability: false,
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      ...relayDescriptions,
      // `nodes` beside `edges`: the shortcut clients use when they need no cursors.
      nodesOnConnection: { description: 'The nodes of `edges`, for clients that need no cursors.' },
      nodeQueryOptions: { ...relayDescriptions.nodeQueryOptions, resolve: (_root, { id }, _ctx, info, resolveNode) => nullIfMissing(id, info.schema, resolveNode) },
      // Each id through the node field: the relay plugin's resolveNodes loads every id of the list in
      // one Promise.all, so one missing or hidden row would turn every node of the list into null.
      nodesQueryOptions: {
        ...relayDescriptions.nodesQueryOptions,
        resolve: (root, { ids }, ctx, info) => {
          const node = info.parentType.getFields().node!;
          return ids.map(({ typename, id }) => node.resolve!(root, { id: encodeGlobalID(typename, id) }, ctx, info)) as never;
        },
      },
    },
    prisma: {
      client: (ctx) => ctx.prisma,
      dmmf: getDatamodel(),
      filterConnectionTotalCount: true,
      maxConnectionSize: options.maxPageSize,
      defaultConnectionSize: options.defaultPageSize,
      onUnusedQuery: null,
    },
  });
  builder.scalarType('DateTime', scalarDefinitions.DateTime);
  builder.scalarType('Date', scalarDefinitions.Date);
  builder.scalarType('Decimal', scalarDefinitions.Decimal);
  return builder;
}

export type PortalBuilder = ReturnType<typeof createPortalBuilder>;
