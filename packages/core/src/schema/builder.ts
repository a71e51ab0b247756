import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type { RapportContext } from '../context.js';
import { isUuid } from '../shared/ids.js';
import type { Prisma } from '../generated/prisma/client.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';

export interface BuilderOptions {
  maxPageSize: number;
  defaultPageSize: number;
}

export interface RapportSchemaTypes {
  Context: RapportContext;
  PrismaTypes: PrismaTypes;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    Decimal: { Input: string; Output: Prisma.Decimal | string | number };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** A fresh builder per schema build: which plugins register on it decides what the schema holds. */
export function createBuilder(options: BuilderOptions) {
  return new SchemaBuilder<RapportSchemaTypes>({
    plugins: [PrismaPlugin, RelayPlugin],
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      edgesFieldOptions: { nullable: false },
      nodeFieldOptions: { nullable: false },
      // A malformed id names no row; answer null instead of letting the database reject it.
      nodeQueryOptions: {
        resolve: (_root, { id }, _ctx, _info, resolveNode) => (isUuid(id.id) ? resolveNode(id) : null),
      },
      nodesQueryOptions: {
        resolve: (_root, { ids }, _ctx, _info, resolveNodes) =>
          resolveNodes(ids.filter((id) => isUuid(id.id))).then((found) => {
            const byKey = new Map(ids.filter((id) => isUuid(id.id)).map((id, i) => [id.id, found[i]]));
            return ids.map((id) => byKey.get(id.id) ?? null);
          }),
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
