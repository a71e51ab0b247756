import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { forbidden } from '../auth/viewer.js';
import { conflict, InputError, notFound, RapportError } from '../errors.js';
import { parseInput, rules } from '../validation.js';
import { userErrorsOf } from './user-errors.js';

const refusal = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (error) {
    return userErrorsOf(error, { input });
  }
  throw new Error('expected a refusal');
};

describe('userErrorsOf', () => {
  it('names each refused input field by its path below the argument, with a code from the rule', () => {
    const schema = z.object({
      name: rules.requiredText(10),
      email: rules.email,
      notes: rules.optionalText(3),
      kind: z.enum(['A', 'B']).optional(),
      contacts: z.array(z.object({ phone: rules.phone })).optional(),
      count: z.number().int().min(1).max(5).optional(),
    });
    expect(refusal(schema, { name: ' ', email: 'x', notes: 'long', kind: 'C', contacts: [{ phone: 'abc' }], count: 9 })).toEqual([
      { field: ['input', 'name'], message: 'must not be empty', code: 'REQUIRED' },
      { field: ['input', 'email'], message: 'must be a valid e-mail address', code: 'INVALID' },
      { field: ['input', 'notes'], message: 'must be at most 3 characters', code: 'TOO_LONG' },
      { field: ['input', 'kind'], message: expect.any(String), code: 'NOT_ALLOWED_VALUE' },
      { field: ['input', 'contacts', '0', 'phone'], message: expect.any(String), code: 'INVALID' },
      { field: ['input', 'count'], message: expect.any(String), code: 'OUT_OF_RANGE' },
    ]);
    expect(refusal(z.object({ name: z.string() }), {})).toEqual([{ field: ['input', 'name'], message: expect.any(String), code: 'REQUIRED' }]);
  });

  it('keeps a code a service gives, and the whole input for an error naming no field', () => {
    const error = new InputError([{ field: 'customerId', message: 'at the maximum', code: 'LIMIT_REACHED' }, { field: '(input)', message: 'empty' }]);
    expect(userErrorsOf(error, { input: {} })).toEqual([
      { field: ['input', 'customerId'], message: 'at the maximum', code: 'LIMIT_REACHED' },
      { field: ['input'], message: 'empty', code: 'INVALID' },
    ]);
    // extensions.fields, which errors[] still shows for unconverted mutations, keeps its shape.
    expect(error.extensions.fields).toEqual([{ field: 'customerId', message: 'at the maximum' }, { field: '(input)', message: 'empty' }]);
  });

  it('turns a stale version into STALE_VERSION at input.version, a unique violation into DUPLICATE, other conflicts into CONFLICT', () => {
    expect(userErrorsOf(conflict('Customer', 3), { input: { id: 'x', version: 2 } })).toEqual([
      { field: ['input', 'version'], message: expect.stringContaining('current version 3'), code: 'STALE_VERSION' },
    ]);
    const unique = Object.assign(new Error('Unique constraint failed'), { code: 'P2002', meta: { target: ['email'] } });
    expect(userErrorsOf(unique, { input: { email: 'a@b.cn' } })).toEqual([{ field: ['input', 'email'], message: expect.any(String), code: 'DUPLICATE' }]);
    expect(userErrorsOf(unique, { input: { name: 'x' } })).toEqual([{ field: null, message: expect.any(String), code: 'DUPLICATE' }]);
    expect(userErrorsOf(new RapportError('CONFLICT', 'changed since it ran'), { input: {} })).toEqual([{ field: null, message: 'changed since it ran', code: 'CONFLICT' }]);
  });

  it('leaves authorization, NOT_FOUND of the record acted on and unexpected failures to errors', () => {
    expect(userErrorsOf(forbidden('no'), { input: {} })).toBeNull();
    expect(userErrorsOf(new RapportError('UNAUTHENTICATED', 'sign in'), { input: {} })).toBeNull();
    expect(userErrorsOf(notFound('Customer'), { input: {} })).toBeNull();
    expect(userErrorsOf(new Error('boom'), { input: {} })).toBeNull();
  });
});
