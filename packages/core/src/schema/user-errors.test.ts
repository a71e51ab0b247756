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
      { field: ['input', 'name'], message: 'must not be empty', code: 'REQUIRED', messages: { 'zh-CN': '不能为空', en: 'must not be empty' } },
      { field: ['input', 'email'], message: 'must be a valid e-mail address', code: 'INVALID', messages: { 'zh-CN': '必须是有效的电子邮箱地址', en: 'must be a valid e-mail address' } },
      { field: ['input', 'notes'], message: 'must be at most 3 characters', code: 'TOO_LONG', messages: { 'zh-CN': '最多 3 个字符', en: 'must be at most 3 characters' } },
      // zod's own texts read in zod's zh-CN locale.
      { field: ['input', 'kind'], message: expect.any(String), code: 'NOT_ALLOWED_VALUE', messages: { 'zh-CN': expect.stringMatching(/无效选项/), en: expect.any(String) } },
      { field: ['input', 'contacts', '0', 'phone'], message: expect.any(String), code: 'INVALID', messages: expect.objectContaining({ 'zh-CN': expect.stringMatching(/电话号码/) }) },
      { field: ['input', 'count'], message: expect.any(String), code: 'OUT_OF_RANGE', messages: { 'zh-CN': expect.stringMatching(/过大/), en: expect.any(String) } },
    ]);
    expect(refusal(z.object({ name: z.string() }), {})).toEqual([{ field: ['input', 'name'], message: expect.any(String), code: 'REQUIRED', messages: expect.anything() }]);
    // A rule written with a plain string has no translation: it reads as written.
    expect(refusal(z.object({ name: z.string().min(2, 'too short for a name') }), { name: 'x' })).toEqual([
      { field: ['input', 'name'], message: 'too short for a name', code: 'TOO_SHORT', messages: null },
    ]);
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
      {
        field: ['input', 'version'],
        message: expect.stringContaining('current version 3'),
        code: 'STALE_VERSION',
        messages: { 'zh-CN': '客户在你读取之后已被他人修改（当前版本 3），请刷新后重试', en: expect.stringContaining('current version 3') },
      },
    ]);
    const unique = Object.assign(new Error('Unique constraint failed'), { code: 'P2002', meta: { target: ['email'] } });
    expect(userErrorsOf(unique, { input: { email: 'a@b.cn' } })).toEqual([{ field: ['input', 'email'], message: expect.any(String), code: 'DUPLICATE', messages: expect.objectContaining({ 'zh-CN': '已存在具有相同唯一值的记录' }) }]);
    expect(userErrorsOf(unique, { input: { name: 'x' } })).toEqual([{ field: null, message: expect.any(String), code: 'DUPLICATE', messages: expect.anything() }]);
    expect(userErrorsOf(new RapportError('CONFLICT', 'changed since it ran'), { input: {} })).toEqual([{ field: null, message: 'changed since it ran', code: 'CONFLICT', messages: null }]);
  });

  it('leaves authorization, NOT_FOUND of the record acted on and unexpected failures to errors', () => {
    expect(userErrorsOf(forbidden('no'), { input: {} })).toBeNull();
    expect(userErrorsOf(new RapportError('UNAUTHENTICATED', 'sign in'), { input: {} })).toBeNull();
    expect(userErrorsOf(notFound('Customer'), { input: {} })).toBeNull();
    expect(userErrorsOf(new Error('boom'), { input: {} })).toBeNull();
  });
});
