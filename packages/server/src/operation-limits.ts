import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  /** The page a connection returns without first/last. */
  defaultPageSize: number;
}

export interface OperationSize {
  depth: number;
  /** Objects the operation may resolve: each object costs 1, times the size of every list above it. */
  cost: number;
  aliases: number;
}

/** What a list without first/last (contacts, members, introspection lists) is assumed to hold. */
const UNPAGED_LIST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  defaultPageSize: number;
}

function pageSize(walk: Walk, args: readonly { name: { value: string }; value: ValueNode }[] | undefined): number | null {
  const arg = args?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return null;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  const value = arg.value.kind === Kind.VARIABLE ? walk.variables[arg.value.name.value] : null;
  return typeof value === 'number' ? value : walk.defaultPageSize;
}

/** Introspection's root fields, which no type lists (they cost like any other: nesting them multiplies). */
const META_FIELDS: Record<string, GraphQLField<unknown, unknown>> = { __schema: SchemaMetaFieldDef, __type: TypeMetaFieldDef };

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function hasPaging(type: GraphQLCompositeType, field: string): boolean {
  return !!fieldsOf(type)[field]?.args.some((a) => a.name === 'first' || a.name === 'last');
}

/** Depth and cost of a selection set on `type`; `page` is the page size when `type` is a connection. */
function measure(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLCompositeType, page: number): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  const add = (inner: { depth: number; cost: number }) => {
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
      add(measure(walk, fragment.selectionSet, isCompositeType(condition) ? condition : type, page));
      continue;
    }
    const fields = fieldsOf(type);
    const def = META_FIELDS[selection.name.value] ?? fields[selection.name.value];
    const named = def && getNamedType(def.type);
    if (!selection.selectionSet || !named || !isCompositeType(named)) {
      depth = Math.max(depth, 1);
      continue;
    }
    // The edges of a connection are as many as its page; other lists are estimated.
    const isList = !!def && isListType(getNullableType(def.type));
    const count = isList ? (fields.pageInfo ? page : UNPAGED_LIST) : 1;
    const childPage = hasPaging(type, selection.name.value) ? (pageSize(walk, selection.arguments) ?? walk.defaultPageSize) : page;
    const inner = measure(walk, selection.selectionSet, named, childPage);
    add({ depth: inner.depth + 1, cost: count * (1 + inner.cost) });
  }
  return { depth, cost };
}

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  params: Pick<GraphQLParams, 'operationName' | 'variables'>,
  defaultPageSize: number,
): OperationSize {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let aliases = 0;
  visit(document, {
    FragmentDefinition: (node) => void fragments.set(node.name.value, node),
    Field: (node) => void (node.alias && (aliases += 1)),
  });
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !params.operationName || o.name?.value === params.operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { depth: 0, cost: 0, aliases };
  const walk: Walk = { schema, fragments, variables: (params.variables ?? {}) as Record<string, unknown>, defaultPageSize };
  return { ...measure(walk, operation.selectionSet, root, defaultPageSize), aliases };
}

function tooComplex(what: string, measured: number, limit: number): GraphQLError {
  return new GraphQLError(`Query ${what} ${measured} exceeds the maximum of ${limit}; ask for less or split the query`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, measured, http: { status: 400 } },
  });
}

/**
 * Rejects an operation that is too deep, too costly or uses too many aliases right after validation:
 * before the context is built, so not one SQL statement runs for it (not even the viewer lookup).
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  return {
    onValidate({ params, context }) {
      return ({ valid, setResult }) => {
        if (!valid) return;
        const request = (context as { params?: GraphQLParams }).params ?? {};
        const size = measureOperation(params.schema, params.documentAST, request, limits.defaultPageSize);
        const errors = [
          size.depth > limits.maxDepth ? tooComplex('depth', size.depth, limits.maxDepth) : null,
          size.cost > limits.maxCost ? tooComplex('cost', size.cost, limits.maxCost) : null,
          size.aliases > limits.maxAliases ? tooComplex('aliases', size.aliases, limits.maxAliases) : null,
        ].filter((error): error is GraphQLError => error !== null);
        if (errors.length) setResult(errors);
      };
    },
  };
}
