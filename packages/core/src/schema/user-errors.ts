import { defaultFieldResolver, getNamedType, getNullableType, isListType, isNonNullType, isObjectType, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { InputError, toRapportError, type FieldError, type UserErrorCode } from '../errors.js';
import type { RapportContext } from '../context.js';
import { messageIn } from '../error-messages.js';
import type { Messages } from '../shared/locale.js';
import { readerOf } from '../shared/reader.js';

/**
 * Typed `userErrors` on mutation payloads (docs/graph-conventions.md): expected failures a user can
 * fix (invalid input, a stale version, a rule refusing the change) come back in the payload, with
 * its result null; authorization, NOT_FOUND of the thing acted on and unexpected failures stay in
 * `errors[]`. One mechanism for every payload: a payload type opts in with `withUserErrors`, and
 * `reportUserErrors` (run once over the built schema) turns what its mutation throws into them.
 */

export const USER_ERROR_CODES = [
  'INVALID',
  'REQUIRED',
  'TOO_SHORT',
  'TOO_LONG',
  'OUT_OF_RANGE',
  'NOT_ALLOWED_VALUE',
  'NOT_FOUND',
  'DUPLICATE',
  'STALE_VERSION',
  'CONFLICT',
  'LIMIT_REACHED',
] as const satisfies readonly UserErrorCode[];

const CODE_DESCRIPTIONS: Record<UserErrorCode, string> = {
  INVALID: 'The value is malformed or not acceptable here.',
  REQUIRED: 'A value is needed (missing or empty).',
  TOO_SHORT: 'The text or list is shorter than allowed.',
  TOO_LONG: 'The text or list is longer than allowed.',
  OUT_OF_RANGE: 'The number or date is outside the allowed range.',
  NOT_ALLOWED_VALUE: 'The value is not one of those allowed (e.g. a tag not in the tag list).',
  NOT_FOUND: 'A record the input refers to (not the one acted on) does not exist or is not visible to you.',
  DUPLICATE: 'Another record already holds this unique value.',
  STALE_VERSION: 'The record changed since you read it: reload it and retry with its current version.',
  CONFLICT: 'The change conflicts with the current state of the record (e.g. it was claimed by someone else).',
  LIMIT_REACHED: 'A limit would be exceeded (e.g. the most customers one may own).',
};

/** What a payload's `userErrors` holds. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
  /** The message in every language, when it came from the error catalogue. */
  messages?: Messages | null;
}

const FAILED = Symbol('userErrors');
interface Failure {
  [FAILED]: true;
  userErrors: UserError[];
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && FAILED in value;
}

// Any Pothos builder (the internal graph's or the partner portal's): the types are made once per builder.
type AnyBuilder = any;
const refsByBuilder = new WeakMap<object, { UserError: unknown }>();

function userErrorRef(builder: AnyBuilder) {
  const existing = refsByBuilder.get(builder);
  if (existing) return existing.UserError;
  const Code = builder.enumType('UserErrorCode', {
    description: 'Why a mutation refused its input, for a front end to branch on; the message is for people.',
    values: Object.fromEntries(USER_ERROR_CODES.map((code) => [code, { value: code, description: CODE_DESCRIPTIONS[code] }])),
  });
  const UserError = builder.objectRef('UserError').implement({
    description: 'An expected failure a user can fix, shown at the input field its path names.',
    fields: (t: AnyBuilder) => ({
      field: t.stringList({
        nullable: true,
        description: 'Path to the input field at fault, from the argument: e.g. `["input", "email"]` or `["input", "contacts", "0", "phone"]`. Null when no single field is at fault.',
        resolve: (e: UserError) => e.field,
      }),
      message: t.string({
        description: "What is wrong, for people: in the viewer's language (their locale, else Accept-Language; zh-CN by default) where the message has a translation.",
        resolve: async (e: UserError, _args: unknown, ctx: RapportContext) => (e.messages ? messageIn((await readerOf(ctx)).language, e) : e.message),
      }),
      code: t.field({ type: Code, description: 'What is wrong, for code.', resolve: (e: UserError) => e.code }),
    }),
  });
  refsByBuilder.set(builder, { UserError });
  return UserError;
}

/** Gives a payload type its `userErrors: [UserError!]!` (empty on success). */
export function withUserErrors(builder: AnyBuilder, payload: unknown): void {
  const UserError = userErrorRef(builder);
  builder.objectField(payload, 'userErrors', (t: AnyBuilder) =>
    t.field({
      type: [UserError],
      description: 'Why nothing was written, at the input fields at fault; empty on success.',
      resolve: (p: { userErrors?: UserError[] }) => p.userErrors ?? [],
    }),
  );
}

function pathOf(field: string, prefix: string[]): string[] {
  return field === '(input)' ? prefix : [...prefix, ...field.split('.')];
}

/**
 * The user errors an error thrown by a mutation stands for, or null when it is not an expected
 * failure (authorization, NOT_FOUND of the thing acted on, anything unexpected stay in `errors`).
 */
export function userErrorsOf(error: unknown, args: Record<string, unknown>): UserError[] | null {
  const coded = toRapportError(error);
  if (!coded) return null;
  const prefix = 'input' in args ? ['input'] : [];
  const fields = coded instanceof InputError ? coded.fields : (coded.extensions.fields as FieldError[] | undefined);
  if (coded.code === 'BAD_USER_INPUT') {
    if (!fields?.length) return [{ field: null, message: coded.message, code: 'INVALID', messages: coded.messages }];
    return fields.map((f) => ({ field: pathOf(f.field, prefix), message: f.message, code: f.code ?? 'INVALID', messages: f.messages }));
  }
  const messages = coded.messages;
  if (coded.code === 'CONFLICT') {
    if (typeof coded.extensions.currentVersion === 'number') return [{ field: [...prefix, 'version'], message: coded.message, code: 'STALE_VERSION', messages }];
    const target = coded.extensions.target;
    if (target !== undefined) {
      const input = (prefix.length ? args.input : args) as Record<string, unknown> | null | undefined;
      const column = Array.isArray(target) && target.length === 1 ? String(target[0]) : null;
      const field = column && input && typeof input === 'object' && column in input ? [...prefix, column] : null;
      return [{ field, message: coded.message, code: 'DUPLICATE', messages }];
    }
    return [{ field: null, message: coded.message, code: 'CONFLICT', messages }];
  }
  return null;
}

/**
 * Every payload field but userErrors answers null on a failure (the result was not written), or an
 * empty list for a non-null list (e.g. duplicateWarnings); other result fields must be nullable.
 */
function nullOnFailure(type: GraphQLObjectType): void {
  for (const field of Object.values(type.getFields())) {
    if (field.name === 'userErrors') continue;
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    const empty = isNonNullType(field.type) && isListType(getNullableType(field.type)) ? [] : null;
    field.resolve = (parent, args, ctx, info) => (isFailure(parent) ? empty : resolve(parent, args, ctx, info));
  }
}

/**
 * Makes every mutation whose payload has `userErrors` report its expected failures there, with the
 * rest of the payload null. Run on the built schema after auditEveryMutation, so a refused change is
 * not audited: the service's transaction rolled back, and nothing at all is written.
 */
export function reportUserErrors(schema: GraphQLSchema): void {
  const payloads = new Set<GraphQLObjectType>();
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const payload = getNamedType(field.type);
    if (!isObjectType(payload) || !('userErrors' in payload.getFields())) continue;
    payloads.add(payload);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx, info) => {
      try {
        return await resolve(root, args, ctx, info);
      } catch (error) {
        const userErrors = userErrorsOf(error, args);
        if (!userErrors) throw error;
        return { [FAILED]: true, userErrors } satisfies Failure;
      }
    };
  }
  for (const payload of payloads) nullOnFailure(payload);
}

/** Payload types made from one definition, one per mutation (see payloadPerMutation). */
export interface PayloadFamily<R> {
  (name: string): R;
  /** Adds to every payload type of the family, those made already and those made later. */
  extend(add: (ref: R) => void): void;
}

/**
 * One payload type per mutation from one definition (docs/graph-conventions.md): `define(name)` makes
 * the type, and each call of the returned function gives one mutation its own `<Verb><Noun>Payload`
 * with those fields and `userErrors`, so no two mutations share a payload type.
 */
export function payloadPerMutation<R>(builder: AnyBuilder, define: (name: string) => R): PayloadFamily<R> {
  const made = new Map<string, R>();
  const extensions: Array<(ref: R) => void> = [];
  const family = (name: string) => {
    const existing = made.get(name);
    if (existing) return existing;
    const ref = define(name);
    withUserErrors(builder, ref);
    for (const add of extensions) add(ref);
    made.set(name, ref);
    return ref;
  };
  family.extend = (add: (ref: R) => void) => {
    extensions.push(add);
    for (const ref of made.values()) add(ref);
  };
  return family;
}

type ShapeOf<Ref> = Ref extends { $inferType: infer T } ? T : never;
type InputOf<Ref> = Ref extends { $inferInput: infer T } ? T : never;

/** A mutation of the convention, as `payloadMutation` registers it. */
export interface PayloadMutation<Input, Result extends Record<string, unknown>, Context> {
  description?: string;
  /** Set on a mutation kept for one release after its rename: names the replacement. */
  deprecationReason?: string;
  /** The input type: the mutation takes `input: <it>!`. */
  input: Input;
  /** The payload's result fields by name, each an object type; nullable (null when nothing was written). */
  result: Result;
  resolve: (input: InputOf<Input>, ctx: Context) => Promise<{ [K in keyof Result]: ShapeOf<Result[K]> }>;
}

/**
 * Registers `name(input: …!): <Name>Payload!` with its own payload type holding the result fields and
 * `userErrors`, so a mutation does not repeat the payload shape by hand.
 */
export function payloadMutation<Input, Result extends Record<string, unknown>, Context = RapportContext>(
  builder: AnyBuilder,
  name: string,
  spec: PayloadMutation<Input, Result, Context>,
): void {
  const noun = Object.keys(spec.result).join(' and ');
  const Payload = builder.objectRef(`${name[0]!.toUpperCase()}${name.slice(1)}Payload`).implement({
    description: `What ${name} wrote (the ${noun}), or userErrors saying why nothing was.`,
    fields: (t: AnyBuilder) =>
      Object.fromEntries(
        Object.entries(spec.result).map(([field, type]) => [
          field,
          t.field({ type, nullable: true, description: `The ${field} as written; null when nothing was (see userErrors).`, resolve: (p: Record<string, unknown>) => p[field] }),
        ]),
      ),
  });
  withUserErrors(builder, Payload);
  builder.mutationField(name, (t: AnyBuilder) =>
    t.field({
      type: Payload,
      description: spec.description,
      ...(spec.deprecationReason ? { deprecationReason: spec.deprecationReason } : {}),
      args: { input: t.arg({ type: spec.input, required: true, description: `What ${name} needs, in one input object.` }) },
      resolve: (_root: unknown, args: { input: InputOf<Input> }, ctx: Context) => spec.resolve(args.input, ctx),
    }),
  );
}
