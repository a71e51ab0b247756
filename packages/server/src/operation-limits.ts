import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  getVariableValues,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
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
  /** Selection sets walked to measure it: at most one per selection set in the document and page size. */
  visits: number;
}

/** What a list without first/last (contacts, members, introspection lists) is assumed to hold. */
const UNPAGED_LIST = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Coerced: defaults applied, as execution will see them. */
  variables: Record<string, unknown>;
  defaultPageSize: number;
  /** Each fragment is measured once per page size it is spread under: linear in the document. */
  measured: Map<string, { depth: number; cost: number }>;
  /** Selection sets walked, for tests of the memo. */
  visits: number;
}

/**
 * Variables as execution will coerce them (defaults included), so a limit measures the operation that
 * runs. Invalid variables fail execution anyway; they are measured as absent.
 */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: unknown): Record<string, unknown> {
  const inputs = (variables ?? {}) as Record<string, unknown>;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  return result.coerced ?? {};
}

/** An argument's value with variables resolved (a literal, a variable or a list mixing both). */
export function argumentValue(args: readonly ArgumentNode[] | undefined, name: string, variables: Record<string, unknown>): unknown {
  const arg = args?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

function pageSize(walk: Walk, args: readonly ArgumentNode[] | undefined): number {
  const value = argumentValue(args, 'first', walk.variables) ?? argumentValue(args, 'last', walk.variables);
  return typeof value === 'number' ? value : walk.defaultPageSize;
}

/** How many objects a list field returns: its page, the ids asked for (`nodes`), or an estimate. */
function listLength(walk: Walk, args: readonly ArgumentNode[] | undefined, page: number, isConnectionList: boolean): number {
  const ids = argumentValue(args, 'ids', walk.variables);
  if (Array.isArray(ids)) return ids.length;
  return isConnectionList ? page : UNPAGED_LIST;
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
  walk.visits += 1;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      add(measureFragment(walk, selection.name.value, type, page));
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      add(measure(walk, selection.selectionSet, isCompositeType(condition) ? condition : type, page));
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
    const count = isList ? listLength(walk, selection.arguments, page, !!fields.pageInfo) : 1;
    const childPage = hasPaging(type, selection.name.value) ? pageSize(walk, selection.arguments) : page;
    const inner = measure(walk, selection.selectionSet, named, childPage);
    add({ depth: inner.depth + 1, cost: count * (1 + inner.cost) });
  }
  return { depth, cost };
}

/**
 * A named fragment measures the same wherever it is spread under the same page size (its type
 * condition fixes its type), so it is walked once: a document spreading fragments into each other
 * exponentially is measured in time linear in its length, its cost still counting every expansion.
 */
function measureFragment(walk: Walk, name: string, parent: GraphQLCompositeType, page: number): { depth: number; cost: number } {
  const key = `${name}@${page}`;
  const known = walk.measured.get(key);
  if (known) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment) return { depth: 0, cost: 0 };
  const condition = walk.schema.getType(fragment.typeCondition.name.value);
  const size = measure(walk, fragment.selectionSet, isCompositeType(condition) ? condition : parent, page);
  walk.measured.set(key, size);
  return size;
}

/** Per parsed document (yoga's parser cache hands back the same one for the same text): its fragments and alias count. */
const outlines = new WeakMap<DocumentNode, { fragments: Map<string, FragmentDefinitionNode>; aliases: number }>();

function outline(document: DocumentNode): { fragments: Map<string, FragmentDefinitionNode>; aliases: number } {
  let found = outlines.get(document);
  if (found) return found;
  const fragments = new Map<string, FragmentDefinitionNode>();
  let aliases = 0;
  visit(document, {
    FragmentDefinition: (node) => void fragments.set(node.name.value, node),
    Field: (node) => void (node.alias && (aliases += 1)),
  });
  outlines.set(document, (found = { fragments, aliases }));
  return found;
}

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  params: Pick<GraphQLParams, 'operationName' | 'variables'>,
  defaultPageSize: number,
): OperationSize {
  const { fragments, aliases } = outline(document);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !params.operationName || o.name?.value === params.operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { depth: 0, cost: 0, aliases, visits: 0 };
  const variables = coercedVariables(schema, operation, params.variables);
  const walk: Walk = { schema, fragments, variables, defaultPageSize, measured: new Map(), visits: 0 };
  const size = measure(walk, operation.selectionSet, root, defaultPageSize);
  return { ...size, aliases, visits: walk.visits };
}

function tooComplex(what: string, measured: number, limit: number): GraphQLError {
  return new GraphQLError(`Query ${what} ${measured} exceeds the maximum of ${limit}; ask for less or split the query`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, measured, http: { status: 400 } },
  });
}

/**
 * Rejects an operation that is too deep, too costly or uses too many aliases right after validation:
 * before the context is built, so not one SQL statement runs for it (not even the viewer lookup).
 * The refusal is thrown, not set as the validation result: yoga caches validation results by
 * document, and the cost depends on the variables of each request.
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  return {
    onValidate({ params, context }) {
      return ({ valid }) => {
        if (!valid) return;
        const request = (context as { params?: GraphQLParams }).params ?? {};
        const size = measureOperation(params.schema, params.documentAST, request, limits.defaultPageSize);
        const errors = [
          size.depth > limits.maxDepth ? tooComplex('depth', size.depth, limits.maxDepth) : null,
          size.cost > limits.maxCost ? tooComplex('cost', size.cost, limits.maxCost) : null,
          size.aliases > limits.maxAliases ? tooComplex('aliases', size.aliases, limits.maxAliases) : null,
        ].filter((error): error is GraphQLError => error !== null);
        if (errors.length) throw new AggregateError(errors, errors[0]!.message);
      };
    },
  };
}

/** Validation errors, the limits' refusals included (thrown by useOperationLimits), as one list. */
export function validationErrors(validate: () => readonly GraphQLError[]): readonly GraphQLError[] {
  try {
    return validate();
  } catch (error) {
    if (error instanceof AggregateError) return error.errors as GraphQLError[];
    throw error;
  }
}
