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

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const rules = {
  requiredText: (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  optionalText,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('must be a valid e-mail address'))
    .nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s().\-/]{3,30}$/, 'must be a phone number of digits, spaces and + ( ) - . /')
    .nullish(),
  money: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a non-negative amount with at most 2 decimals and 12 integer digits'),
  tags: z
    .array(z.string().trim().min(1, 'tags must not be empty').max(50, 'tags must be at most 50 characters'))
    .max(50, 'at most 50 tags')
    .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
  jsonObject: z.record(z.string(), z.unknown(), 'must be a JSON object'),
};

export { optionalText };
