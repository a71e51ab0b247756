import { Kind, valueFromASTUntyped, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InputError, unstorableText, type FieldError } from '@rapport/core';

/**
 * Strings of one argument or variable: an input object's problems are named by their path inside it
 * (`contacts.0.name`, as services name fields), a plain value's by the argument or variable name.
 */
function problemsOf(name: string, value: unknown): FieldError[] {
  const inObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  return unstorableText(value, inObject ? [] : [name]);
}

/** Problems of the literals written inline, per parsed document: yoga's parser cache hands back the same one for the same text. */
const literalProblems = new WeakMap<DocumentNode, FieldError[]>();

function inlineProblems(document: DocumentNode): FieldError[] {
  let problems = literalProblems.get(document);
  if (problems) return problems;
  const found: FieldError[] = [];
  visit(document, {
    Argument(argument) {
      if (argument.value.kind === Kind.VARIABLE) return;
      // Variables inside a literal are checked with the variables; they read as undefined here.
      found.push(...problemsOf(argument.name.value, valueFromASTUntyped(argument.value, {})));
    },
  });
  literalProblems.set(document, (problems = found));
  return problems;
}

/** Every unstorable string the operation carries: in its variables and in literals written inline. */
export function unstorableInput(document: DocumentNode, variables: Record<string, unknown> | null | undefined): FieldError[] {
  return [...Object.entries(variables ?? {}).flatMap(([name, value]) => problemsOf(name, value)), ...inlineProblems(document)];
}

/**
 * One gate for text at the GraphQL boundary, on every endpoint: a NUL byte or a lone surrogate in any
 * argument is BAD_USER_INPUT naming the field, before any resolver (or the database) sees it.
 */
export function useStorableTextOnly(): Plugin {
  const refusal = (document: DocumentNode, variables: Record<string, unknown> | null | undefined) => {
    const problems = unstorableInput(document, variables);
    return problems.length ? new InputError(problems) : null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args.document, args.variableValues as Record<string, unknown> | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args.document, args.variableValues as Record<string, unknown> | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
