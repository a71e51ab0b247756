import { z } from 'zod';
import { fieldErrorsFromZod, InputError, type FieldError } from './errors.js';

/** Parses input or throws one InputError naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InputError(fieldErrorsFromZod(result.error));
  return result.data;
}

/** Collects reference checks (e.g. "no such owner") so they are reported together. */
export function throwIfAny(errors: Array<FieldError | null>): void {
  const found = errors.filter((e): e is FieldError => e !== null);
  if (found.length > 0) throw new InputError(found);
}

// Rule messages are keys of the error catalogue (error-messages.ts): fieldErrorsFromZod renders them
// in every language, with the rule's limit as {max}.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'rule.maxCharacters')
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const rules = {
  requiredText: (max: number) => z.string().trim().min(1, 'rule.notEmpty').max(max, 'rule.maxCharacters'),
  optionalText,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('rule.email'))
    .nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s().\-/]{3,30}$/, 'rule.phone')
    .nullish(),
  money: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'rule.money'),
  tags: z
    .array(z.string().trim().min(1, 'rule.tagNotEmpty').max(50, 'rule.tagMaxCharacters'))
    .max(50, 'rule.maxTags')
    .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
  jsonObject: z.record(z.string(), z.unknown(), 'rule.jsonObject'),
};

export { optionalText };
