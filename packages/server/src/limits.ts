import { GraphQLError, Kind, visit, type DocumentNode, type FieldNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { argumentValue, coercedVariables } from './operation-limits.js';

interface ListSizeProblem {
  field: string;
  argument: string;
  /** What was asked for: the page size or the number of ids. */
  given: number;
  message: string;
}

/**
 * Every page (`first`/`last`) and id list (`nodes(ids:)`) of the operation outside 0…max, with
 * variables coerced as execution will see them (a variable's default counts).
 */
export function listSizeProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
  max: number,
): ListSizeProblem[] {
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
  const fields = sizedFields(document);
  if (!fields.length) return [];
  const values = coercedVariables(schema, operation, variables);
  const problems: ListSizeProblem[] = [];
  for (const field of fields) {
    for (const argument of ['first', 'last']) {
      const value = argumentValue(field.arguments, argument, values);
      if (typeof value === 'number' && (value > max || value < 0)) {
        problems.push({ field: field.name.value, argument, given: value, message: `page size must be between 0 and ${max}` });
      }
    }
    const ids = argumentValue(field.arguments, 'ids', values);
    if (Array.isArray(ids) && ids.length > max) {
      problems.push({ field: field.name.value, argument: 'ids', given: ids.length, message: `must hold at most ${max} ids` });
    }
  }
  return problems;
}

const SIZE_ARGUMENTS = new Set(['first', 'last', 'ids']);
/** Per parsed document (yoga's parser cache hands back the same one for the same text): its fields with a size argument. */
const sizedFieldsOf = new WeakMap<DocumentNode, FieldNode[]>();

function sizedFields(document: DocumentNode): FieldNode[] {
  let fields = sizedFieldsOf.get(document);
  if (fields) return fields;
  const found: FieldNode[] = [];
  visit(document, {
    Field(field) {
      if (field.arguments?.some((a) => SIZE_ARGUMENTS.has(a.name.value))) found.push(field);
    },
  });
  sizedFieldsOf.set(document, (fields = found));
  return fields;
}

/** Rejects a page or id list larger than the maximum before anything runs, instead of silently shortening it. */
export function usePageSizeLimit(maxPageSize: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = listSizeProblems(args.schema, args.document, args.operationName, args.variableValues, maxPageSize);
      if (!problems.length) return;
      setResultAndStopExecution({
        errors: problems.map(
          ({ field, argument, given, message }) =>
            new GraphQLError(`${field}(${argument}: ${given}): ${message}`, {
              extensions: { code: 'BAD_USER_INPUT', fields: [{ field: `${field}.${argument}`, message }] },
            }),
        ),
      });
    },
  };
}
