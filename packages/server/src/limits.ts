import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function intValue(node: ValueNode, variables: Record<string, unknown> | undefined): number | null {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/** Every `first`/`last` argument in the operation, with variables resolved. */
function pageSizes(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  const sizes: Array<{ field: string; argument: string; value: number }> = [];
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
        const value = intValue(argument.value, variables);
        if (value !== null) sizes.push({ field: field.name.value, argument: argument.name.value, value });
      }
    },
  });
  return sizes;
}

/** Rejects a page larger than the maximum before anything runs, instead of silently shortening it. */
export function usePageSizeLimit(maxPageSize: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const tooBig = pageSizes(args.document, args.variableValues as Record<string, unknown> | undefined).filter(
        (size) => size.value > maxPageSize || size.value < 0,
      );
      if (!tooBig.length) return;
      setResultAndStopExecution({
        errors: tooBig.map(
          ({ field, argument, value }) =>
            new GraphQLError(`${field}(${argument}: ${value}): page size must be between 0 and ${maxPageSize}`, {
              extensions: { code: 'BAD_USER_INPUT', fields: [{ field: `${field}.${argument}`, message: `must be at most ${maxPageSize}` }] },
            }),
        ),
      });
    },
  };
}
