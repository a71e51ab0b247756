import SchemaBuilder from '@pothos/core';
import { isObjectType, type GraphQLSchema } from 'graphql';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { encodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Permission } from '../auth/permissions.js';
import { can, forbidden, unauthenticated } from '../auth/viewer.js';
import type { RapportContext } from '../context.js';
import { isUuid } from '../shared/ids.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type PrismaTypes from '../../generated/pothos-types.js';
import { getDatamodel } from '../../generated/pothos-types.js';
import { relayDescriptions } from './descriptions.js';

export interface BuilderOptions {
  maxPageSize: number;
  defaultPageSize: number;
}

export interface RapportSchemaTypes {
  Context: RapportContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** A member of staff or an API key: who the internal graph serves. */
    staff: boolean;
    permission: Permission;
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    Decimal: { Input: string; Output: Prisma.Decimal | string | number };
    JSON: { Input: unknown; Output: unknown };
    /** An uploaded file (GraphQL multipart request); input only. */
    File: { Input: File; Output: never };
  };
}

/** Whether the schema has a Node type of that name: an id of another schema's (or a disabled plugin's) type names nothing here. */
function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

/** node(id) answers null for an id that names no row: malformed, unknown, of a type this schema lacks, or deleted. */
async function nullIfMissing<T extends { id: string; typename: string }>(id: T, schema: GraphQLSchema, resolve: (id: T) => Promise<unknown> | unknown) {
  if (!isUuid(id.id) || !isNodeType(schema, id.typename)) return null;
  try {
    return await resolve(id);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2025') return null;
    throw error;
  }
}

/** A fresh builder per schema build: which plugins register on it decides what the schema holds. */
export function createBuilder(options: BuilderOptions) {
  return new SchemaBuilder<RapportSchemaTypes>({
    plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
    scopeAuth: {
      // Refuse a subscription when it starts, not at its first event.
      authorizeOnSubscribe: true,
      authScopes: (ctx) => ({
        staff: ctx.viewer?.kind === 'staff' || ctx.viewer?.kind === 'apiKey',
        permission: (permission) => can(ctx.viewer, permission),
      }),
      // No viewer: UNAUTHENTICATED (with the reason presented credentials were refused); else FORBIDDEN.
      unauthorizedError: (_parent, ctx, _info, result) =>
        ctx.viewer ? forbidden(result.message) : unauthenticated(ctx.authProblem ?? undefined),
    },
    // Fields are non-null unless they say otherwise: clients get precise types.
    defaultFieldNullability: false,
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      ...relayDescriptions,
      // `nodes` beside `edges`: the shortcut clients use when they need no cursors.
      nodesOnConnection: { description: 'The nodes of `edges`, for clients that need no cursors.' },
      // A malformed id names no row; answer null instead of letting the database reject it.
      nodeQueryOptions: {
        ...relayDescriptions.nodeQueryOptions,
        resolve: (_root, { id }, _ctx, info, resolveNode) => nullIfMissing(id, info.schema, resolveNode),
      },
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
}

export type RapportBuilder = ReturnType<typeof createBuilder>;
