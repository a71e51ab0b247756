import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';
import { errorMessages, zodIssueMessages, type ErrorMessageKey, type ErrorParams } from './error-messages.js';
import { LANGUAGES, type Messages } from './shared/locale.js';

/** Stable error codes clients can branch on; the message is for humans. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'SIGN_IN_LOCKED'
  | 'INTERNAL_SERVER_ERROR';

/** Why an input was refused, as a mutation payload's `userErrors` reports it (see schema/user-errors.ts). */
export type UserErrorCode =
  | 'INVALID'
  | 'REQUIRED'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'OUT_OF_RANGE'
  | 'NOT_ALLOWED_VALUE'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  | 'STALE_VERSION'
  | 'CONFLICT'
  | 'LIMIT_REACHED';

export interface FieldError {
  /** Dotted path into the input, e.g. `email` or `contacts.0.phone`. */
  field: string;
  message: string;
  /** Defaults to INVALID. */
  code?: UserErrorCode;
  /** The message in every language (from the error catalogue, error-messages.ts); `message` is the English one. */
  messages?: Messages | null;
}

/** A field error whose text comes from the error catalogue. */
export function fieldError(field: string, key: ErrorMessageKey, params: ErrorParams = {}, code?: UserErrorCode): FieldError {
  const messages = errorMessages(key, params);
  return { field, message: messages.en, messages, ...(code ? { code } : {}) };
}

export class RapportError extends GraphQLError {
  readonly code: ErrorCode;
  /** The message in every language when it came from the error catalogue; the response picks the reader's. */
  messages: Messages | null = null;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }

  /** An error whose text comes from the error catalogue (error-messages.ts), in every language. */
  static of(code: ErrorCode, key: ErrorMessageKey, params: ErrorParams = {}, extensions: Record<string, unknown> = {}): RapportError {
    const messages = errorMessages(key, params);
    const error = new RapportError(code, messages.en, extensions);
    error.messages = messages;
    return error;
  }
}

export class InputError extends RapportError {
  readonly fields: FieldError[];

  constructor(fields: FieldError[]) {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    // `extensions.fields` keeps its shape ({ field, message }); the codes are for userErrors.
    super('BAD_USER_INPUT', `Invalid input: ${summary}`, { fields: fields.map(({ field, message }) => ({ field, message })) });
    this.fields = fields;
    // The summary in every language, from each field's text in it (as raised where it has none).
    const separator = { 'zh-CN': '；', en: '; ' } as const;
    this.messages = Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        errorMessages('error.invalidInput', { summary: fields.map((f) => `${f.field}: ${f.messages?.[language] ?? f.message}`).join(separator[language]) })[language],
      ]),
    ) as Messages;
  }
}

export function notFound(entity: string): RapportError {
  return RapportError.of('NOT_FOUND', 'error.notFound', { entity });
}

export function conflict(entity: string, currentVersion: number): RapportError {
  return RapportError.of('CONFLICT', 'error.staleVersion', { entity, currentVersion }, { currentVersion });
}

const ZOD_CODES: Record<string, (issue: { origin?: string; minimum?: unknown; message: string }) => UserErrorCode> = {
  invalid_type: (i) => (/received undefined/.test(i.message) ? 'REQUIRED' : 'INVALID'),
  too_small: (i) => (i.origin === 'string' && Number(i.minimum) === 1 ? 'REQUIRED' : i.origin === 'string' || i.origin === 'array' ? 'TOO_SHORT' : 'OUT_OF_RANGE'),
  too_big: (i) => (i.origin === 'string' || i.origin === 'array' || i.origin === 'set' ? 'TOO_LONG' : 'OUT_OF_RANGE'),
  invalid_value: () => 'NOT_ALLOWED_VALUE',
};

/** The UserErrorCode of a zod issue (a schema rule's failure). */
export function codeOfZodIssue(issue: { code: string; origin?: string; minimum?: unknown; message: string }): UserErrorCode {
  return ZOD_CODES[issue.code]?.(issue) ?? 'INVALID';
}

export function fieldErrorsFromZod(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const messages = zodIssueMessages(issue as Parameters<typeof zodIssueMessages>[0]);
    return {
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)',
      message: messages?.en ?? issue.message,
      code: codeOfZodIssue(issue as Parameters<typeof codeOfZodIssue>[0]),
      messages,
    };
  });
}

interface PrismaKnownError {
  code: string;
  meta?: { target?: unknown; modelName?: string };
}

function isPrismaKnownError(error: unknown): error is PrismaKnownError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    /^P\d{4}$/.test((error as { code: string }).code)
  );
}

/** Maps database errors that reflect the caller's request to coded errors; everything else is unexpected. */
export function toRapportError(error: unknown): RapportError | null {
  if (error instanceof RapportError) return error;
  // Pothos rejects malformed cursors and unsupported first/last/before/after combinations.
  if (error instanceof Error && error.name === 'PothosValidationError') return new RapportError('BAD_USER_INPUT', error.message);
  if (!isPrismaKnownError(error)) return null;
  switch (error.code) {
    case 'P2025':
      return notFound(error.meta?.modelName ?? 'Record');
    case 'P2002':
      return RapportError.of('CONFLICT', 'error.uniqueValue', {}, { target: error.meta?.target });
    case 'P2003':
      return RapportError.of('BAD_USER_INPUT', 'error.missingReference');
    case 'P2034':
      return RapportError.of('CONFLICT', 'error.concurrentUpdate');
    default:
      return null;
  }
}
