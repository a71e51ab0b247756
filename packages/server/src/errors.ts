import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { InputError, messageIn, RapportError, readerOf, toRapportError, type Language, type RapportContext } from '@rapport/core';

const VARIABLE_ERROR = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"; (.*)$/s;
const VARIABLE_ERROR_WHOLE = /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s;

/**
 * Variable coercion errors (an unknown enum value, a missing required field) get BAD_USER_INPUT and
 * the same `fields` list services produce, so clients handle both alike. The error is annotated in
 * place: it is the client's mistake, not something to log as a server error.
 */
export function annotateVariableError(error: GraphQLError): GraphQLError {
  const match = VARIABLE_ERROR.exec(error.message);
  const whole = match ? null : VARIABLE_ERROR_WHOLE.exec(error.message);
  if (!match && !whole) return error;
  const [variable, path, message] = match ? [match[1], match[2], match[3]] : [whole![1], whole![1], whole![2]];
  const field = path!.replace(new RegExp(`^${variable}\\.?`), '') || variable!;
  Object.assign(error.extensions, { code: 'BAD_USER_INPUT', fields: [{ field, message }] });
  return error;
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** One place decides what a client sees: coded errors pass, anything unexpected is masked. */
export function maskError(error: unknown, message: string, isDev = false): Error {
  const graphQLError = isGraphQLError(error) ? error : null;
  const original = graphQLError?.originalError ?? error;
  // A RapportError's wrapper already carries its code; returning it unchanged also keeps expected
  // errors (bad input, conflicts) out of the error log.
  if (graphQLError && original instanceof RapportError) return graphQLError;
  const coded = toRapportError(original);
  if (coded) {
    return new GraphQLError(coded.message, { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: coded.extensions });
  }
  // Errors graphql itself raises (syntax, validation, variable coercion) are the client's to see.
  if (graphQLError && isGraphQLError(original)) return annotateVariableError(graphQLError);
  return new GraphQLError(isDev && original instanceof Error ? original.message : message, {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * Error messages in the reader's language: an error raised with a text of the error catalogue
 * (RapportError.of, field errors of rules) reads in the viewer's locale, else the request's
 * Accept-Language, else zh-CN; its `extensions.fields` messages too. Errors without a translation
 * keep their text. Runs on execution results (HTTP and every event of a subscription) before masking.
 */
export function useLocalizedErrors(): Plugin<RapportContext> {
  type Result = { errors?: readonly GraphQLError[] };
  type Done = { result: unknown; setResult: (result: never) => void };
  const translate = (ctx: RapportContext, { result, setResult }: Done): Promise<void> | undefined => {
    const errors = (result as Result).errors;
    if (!errors?.some((e) => translatable(e))) return undefined;
    return readerOf(ctx).then(({ language }) => {
      setResult({ ...(result as object), errors: errors.map((e) => (translatable(e) ? localized(e, language) : e)) } as never);
    });
  };
  // A single result is translated before it is sent (envelop awaits the returned promise); a stream, per event.
  const afterwards = (ctx: RapportContext, payload: Done) =>
    isAsyncIterable(payload.result) ? { onNext: (event: Done) => translate(ctx, event) } : translate(ctx, payload);
  return {
    onExecute: ({ args }) => ({ onExecuteDone: (payload) => afterwards(args.contextValue, payload as Done) as never }),
    onSubscribe: ({ args }) => ({ onSubscribeResult: (payload) => afterwards(args.contextValue, payload as Done) as never }),
  };
}

/**
 * A refusal made before execution (setResultAndStopExecution skips onExecuteDone), in the reader's
 * language.
 */
export async function inReaderLanguage(ctx: RapportContext, error: RapportError): Promise<GraphQLError> {
  const wrapped = new GraphQLError(error.message, { originalError: error, extensions: error.extensions });
  return error.messages ? localized(wrapped, (await readerOf(ctx)).language) : wrapped;
}

function translatable(error: GraphQLError): boolean {
  const original = error.originalError;
  return original instanceof RapportError && original.messages !== null;
}

function localized(error: GraphQLError, language: Language): GraphQLError {
  const original = error.originalError as RapportError;
  const extensions = { ...error.extensions };
  if (original instanceof InputError) extensions.fields = original.fields.map((f) => ({ field: f.field, message: messageIn(language, f) }));
  return new GraphQLError(messageIn(language, original), { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: original, extensions });
}
