import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/** graphql's "Did you mean …?" tail: names of fields, arguments, types or enum values the caller did not send. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(text: string): string {
  return text.replace(SUGGESTION, '');
}

function stripped<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  if (!JSON.stringify([error.message, error.extensions]).includes('Did you mean ')) return error;
  const fields = error.extensions.fields as Array<{ field: string; message: string }> | undefined;
  return new GraphQLError(withoutSuggestions(error.message), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...(fields ? { fields: fields.map((f) => ({ ...f, message: withoutSuggestions(f.message) })) } : {}) },
  });
}

type Result = { errors?: readonly GraphQLError[] };

function strippedResult<T extends Result>(result: T): T {
  return result.errors?.length ? { ...result, errors: result.errors.map(stripped) } : result;
}

/**
 * Production: no error suggests a name the caller did not send, so nobody can enumerate a schema they
 * may not introspect. Validation (documents) and variable coercion (enum values, input fields) alike,
 * over HTTP, SSE and graphql-ws.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate: () => ({ valid, result, setResult }) => {
      if (!valid) setResult(result.map(stripped));
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(strippedResult(result));
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) setResult(strippedResult(result));
      },
    }),
  };
}
