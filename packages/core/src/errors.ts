import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';

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
}

export class RapportError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }
}

export class InputError extends RapportError {
  readonly fields: FieldError[];

  constructor(fields: FieldError[]) {
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    // `extensions.fields` keeps its shape ({ field, message }); the codes are for userErrors.
    super('BAD_USER_INPUT', `Invalid input: ${summary}`, { fields: fields.map(({ field, message }) => ({ field, message })) });
    this.fields = fields;
  }
}

export function notFound(entity: string): RapportError {
  return new RapportError('NOT_FOUND', `${entity} not found`);
}

export function conflict(entity: string, currentVersion: number): RapportError {
  return new RapportError(
    'CONFLICT',
    `${entity} was changed by someone else since you read it (current version ${currentVersion}); reload and retry`,
    { currentVersion },
  );
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
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)',
    message: issue.message,
    code: codeOfZodIssue(issue as Parameters<typeof codeOfZodIssue>[0]),
  }));
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
      return new RapportError('CONFLICT', 'A record with the same unique value already exists', {
        target: error.meta?.target,
      });
    case 'P2003':
      return new RapportError('BAD_USER_INPUT', 'A referenced record does not exist');
    case 'P2034':
      return new RapportError('CONFLICT', 'Concurrent update detected; retry the operation');
    default:
      return null;
  }
}
