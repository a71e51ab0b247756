import { GraphQLError } from 'graphql';
import { toRapportError } from '@rapport/core';

const VARIABLE_ERROR = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"; (.*)$/s;
const VARIABLE_ERROR_WHOLE = /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s;

/**
 * Variable coercion errors (an unknown enum value, a missing required field) become
 * BAD_USER_INPUT with the same `fields` list services produce, so clients handle both alike.
 */
export function variableInputError(error: GraphQLError): GraphQLError | null {
  const match = VARIABLE_ERROR.exec(error.message);
  const whole = match ? null : VARIABLE_ERROR_WHOLE.exec(error.message);
  if (!match && !whole) return null;
  const [variable, path, message] = match ? [match[1], match[2], match[3]] : [whole![1], whole![1], whole![2]];
  const field = path!.replace(new RegExp(`^${variable}\\.?`), '') || variable!;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', fields: [{ field, message }] },
  });
}

/** One place decides what a client sees: coded errors pass, anything unexpected is masked. */
export function maskError(error: unknown, message: string, isDev = false): Error {
  const graphQLError = error instanceof GraphQLError ? error : null;
  const original = graphQLError?.originalError ?? error;
  const coded = toRapportError(original);
  if (coded) {
    return graphQLError
      ? new GraphQLError(coded.message, { nodes: graphQLError.nodes, path: graphQLError.path, extensions: coded.extensions })
      : coded;
  }
  if (graphQLError && !graphQLError.originalError) return variableInputError(graphQLError) ?? graphQLError;
  if (original instanceof GraphQLError) return original;
  return new GraphQLError(isDev && original instanceof Error ? original.message : message, {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
