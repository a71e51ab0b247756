import { describe, expect, it } from 'vitest';
import { applyCustomFieldInputs, customFieldConditions, type FieldDefinition } from './rules.js';

const def = (key: string, kind: FieldDefinition['kind'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key, label: key, kind, required: false, private: false, options: [], archivedAt: null, ...extra,
});
const DEFINITIONS = [
  def('region', 'SELECT', { options: ['North', 'East'] }),
  def('products', 'MULTI_SELECT', { options: ['pumps', 'valves', 'seals'] }),
  def('headcount', 'NUMBER'),
  def('since', 'DATE'),
  def('certified', 'BOOLEAN'),
  def('segment', 'TEXT', { required: true }),
  def('legacy', 'TEXT', { archivedAt: new Date('2026-01-01') }),
];
const create = { mode: 'create' as const, entity: 'CUSTOMER' as const };
const update = { mode: 'update' as const, entity: 'CUSTOMER' as const };

describe('applyCustomFieldInputs', () => {
  it('stores each kind in its JSON form', () => {
    const { values, errors } = applyCustomFieldInputs(DEFINITIONS, {}, [
      { key: 'region', option: 'East' },
      { key: 'products', options: ['seals', 'pumps', 'seals'] },
      { key: 'headcount', number: 12 },
      { key: 'since', date: new Date('2020-05-01T00:00:00Z') },
      { key: 'certified', boolean: false },
      { key: 'segment', text: ' OEM ' },
    ], create);
    expect(errors).toEqual([]);
    expect(values).toEqual({ region: 'East', products: ['pumps', 'seals'], headcount: 12, since: '2020-05-01', certified: false, segment: 'OEM' });
  });

  it('names every offending key, and wrong members by kind', () => {
    const { errors } = applyCustomFieldInputs(DEFINITIONS, {}, [
      { key: 'region', text: 'East' },
      { key: 'headcount', number: Number.POSITIVE_INFINITY },
      { key: 'legacy', text: 'x' },
      { key: 'nope', text: 'x' },
      { key: 'segment', text: 'A' },
      { key: 'segment', text: 'B' },
    ], create);
    expect(errors.map((e) => e.field)).toEqual([
      'customFields.region', 'customFields.headcount', 'customFields.legacy', 'customFields.nope', 'customFields.segment',
    ]);
    expect(errors[0]!.message).toContain('`option`');
    expect(errors[0]!.messages?.['zh-CN']).toBe('是 SELECT 类型的字段：请用 `option` 填写，而不是 `text`');
    expect(errors[3]!.messages).toEqual({ 'zh-CN': '不是客户的自定义字段', en: 'is not a custom field of customers' });
  });

  it('requires on create, forbids clearing on update, and leaves older records alone', () => {
    expect(applyCustomFieldInputs(DEFINITIONS, {}, [], create).errors.map((e) => e.field)).toEqual(['customFields.segment']);
    expect(applyCustomFieldInputs(DEFINITIONS, { segment: 'A' }, [{ key: 'segment', text: '  ' }], update).errors.map((e) => e.field)).toEqual(['customFields.segment']);
    expect(applyCustomFieldInputs(DEFINITIONS, {}, [{ key: 'headcount', number: 3 }], update)).toEqual({ values: { headcount: 3 }, errors: [] });
  });

  it('patches: keys not named stay, a key without a member is cleared', () => {
    const { values } = applyCustomFieldInputs(DEFINITIONS, { segment: 'A', headcount: 1, hiddenKey: 'kept' }, [{ key: 'headcount' }], update);
    expect(values).toEqual({ segment: 'A', hiddenKey: 'kept' });
  });
});

describe('customFieldConditions', () => {
  it('builds JSON-path conditions and refuses hidden keys and conditions of another kind', () => {
    const { conditions, errors } = customFieldConditions(
      [...DEFINITIONS, def('margin', 'NUMBER', { private: true })],
      [
        { key: 'headcount', min: 10, max: 20 },
        { key: 'products', containsAny: ['pumps', 'seals'] },
        { key: 'margin', min: 1 },
        { key: 'region', min: 1 },
      ],
      { hiddenKeys: ['margin'] },
    );
    expect(conditions).toEqual([
      { customFields: { path: ['headcount'], gte: 10 } },
      { customFields: { path: ['headcount'], lte: 20 } },
      { OR: [{ customFields: { path: ['products'], array_contains: ['pumps'] } }, { customFields: { path: ['products'], array_contains: ['seals'] } }] },
    ]);
    expect(errors.map((e) => e.field)).toEqual(['filter.customFields.2.key', 'filter.customFields.3.min']);
  });
});
