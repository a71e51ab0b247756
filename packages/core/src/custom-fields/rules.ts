// Custom-field values: how typed input becomes the stored JSON, and how typed filters become Prisma
// JSON-path conditions. Pure functions over the definitions, so every rule is unit-testable.
import { z } from 'zod';
import type { ErrorMessageKey, ErrorParams } from '../error-messages.js';
import { fieldError, type FieldError } from '../errors.js';
import type { CustomFieldEntity, CustomFieldKind } from '../../generated/prisma/client.js';

export interface FieldDefinition {
  key: string;
  label: string;
  kind: CustomFieldKind;
  required: boolean;
  private: boolean;
  options: string[];
  archivedAt: Date | null;
}

/** What a value is stored as in the entity's `customFields` JSON. */
export type StoredValue = string | number | boolean | string[];
export type StoredValues = Record<string, unknown>;

/**
 * One value as a client writes it: `key` plus the member for the field's kind (`text`, `number`,
 * `date`, `boolean`, `option` for SELECT, `options` for MULTI_SELECT). No member clears it.
 */
export const customFieldInput = z.object({
  key: z.string().trim().min(1, 'rule.notEmpty'),
  text: z.string().nullish(),
  number: z.number().nullish(),
  date: z.date().nullish(),
  boolean: z.boolean().nullish(),
  option: z.string().nullish(),
  options: z.array(z.string()).nullish(),
});
export const customFieldInputs = z.array(customFieldInput).max(100, 'customField.maxInputs');
export type CustomFieldInput = z.output<typeof customFieldInput>;

/** The input member each kind takes. */
export const MEMBER_OF_KIND = {
  TEXT: 'text',
  NUMBER: 'number',
  DATE: 'date',
  BOOLEAN: 'boolean',
  SELECT: 'option',
  MULTI_SELECT: 'options',
} as const satisfies Record<CustomFieldKind, keyof CustomFieldInput>;

const MEMBERS = Object.values(MEMBER_OF_KIND);
const TEXT_MAX = 2_000;

/** `YYYY-MM-DD` of a GraphQL Date (a UTC midnight). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** What is wrong with a value: a key of the error catalogue and its parameters. */
export interface Problem {
  key: ErrorMessageKey;
  params?: ErrorParams;
}

const problem = (key: ErrorMessageKey, params?: ErrorParams): { error: Problem } => ({ error: { key, params } });

/** A stored value for one input, or what is wrong with it. */
function storedValue(definition: FieldDefinition, input: CustomFieldInput): { value: StoredValue | null } | { error: Problem } {
  const member = MEMBER_OF_KIND[definition.kind];
  const wrong = MEMBERS.filter((m) => m !== member && input[m] != null);
  if (wrong.length) return problem('customField.wrongMember', { kind: definition.kind, member, wrong: wrong.join('`, `') });
  switch (definition.kind) {
    case 'TEXT': {
      const text = input.text?.trim() ?? '';
      if (text.length > TEXT_MAX) return problem('rule.maxCharacters', { max: String(TEXT_MAX) });
      return { value: text === '' ? null : text };
    }
    case 'NUMBER':
      if (input.number != null && !Number.isFinite(input.number)) return problem('customField.finiteNumber');
      return { value: input.number ?? null };
    case 'DATE':
      return { value: input.date ? isoDate(input.date) : null };
    case 'BOOLEAN':
      return { value: input.boolean ?? null };
    case 'SELECT':
      if (input.option != null && !definition.options.includes(input.option)) return problem('customField.oneOf', { options: definition.options.join(', ') });
      return { value: input.option ?? null };
    case 'MULTI_SELECT': {
      const chosen = [...new Set(input.options ?? [])];
      const unknown = chosen.filter((o) => !definition.options.includes(o));
      if (unknown.length) return problem('customField.notAmong', { unknown: unknown.join(', '), options: definition.options.join(', ') });
      return { value: chosen.length ? definition.options.filter((o) => chosen.includes(o)) : null };
    }
  }
}

const isEmpty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

/**
 * Applies typed inputs to the stored values. Only the keys named change (an update is a patch).
 * Required fields must have a value after a create, and may not be cleared by an update; records
 * older than a required field are not blocked until someone clears it. Errors name `<prefix>.<key>`.
 */
export function applyCustomFieldInputs(
  definitions: readonly FieldDefinition[],
  current: StoredValues,
  inputs: readonly CustomFieldInput[] | undefined | null,
  options: { mode: 'create' | 'update'; entity: CustomFieldEntity; prefix?: string },
): { values: StoredValues; errors: FieldError[] } {
  const prefix = options.prefix ?? 'customFields';
  const values: StoredValues = { ...current };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const input of inputs ?? []) {
    const field = `${prefix}.${input.key}`;
    const definition = definitions.find((d) => d.key === input.key);
    if (seen.has(input.key)) errors.push(fieldError(field, 'customField.givenTwice'));
    seen.add(input.key);
    if (!definition) {
      errors.push(fieldError(field, 'customField.unknown', { entity: options.entity }));
      continue;
    }
    if (definition.archivedAt) {
      errors.push(fieldError(field, 'customField.archived'));
      continue;
    }
    const result = storedValue(definition, input);
    if ('error' in result) errors.push(fieldError(field, result.error.key, result.error.params));
    else if (result.value === null) delete values[input.key];
    else values[input.key] = result.value;
  }
  for (const definition of definitions) {
    if (!definition.required || definition.archivedAt || !isEmpty(values[definition.key])) continue;
    const cleared = options.mode === 'update' && seen.has(definition.key);
    if (options.mode === 'create' || cleared) errors.push(fieldError(`${prefix}.${definition.key}`, 'customField.required'));
  }
  return { values, errors };
}

/** A typed filter on one custom field; every condition given must hold. */
export interface CustomFieldFilter {
  key: string;
  text?: string | null;
  number?: number | null;
  date?: Date | null;
  boolean?: boolean | null;
  option?: string | null;
  /** SELECT or TEXT: equals any of these. */
  in?: readonly string[] | null;
  /** NUMBER range, inclusive. */
  min?: number | null;
  max?: number | null;
  /** DATE range, inclusive. */
  from?: Date | null;
  to?: Date | null;
  /** MULTI_SELECT: holds at least one / every one of these. */
  containsAny?: readonly string[] | null;
  containsAll?: readonly string[] | null;
}

/** A `where` condition on any model with a `customFields` column. */
export type CustomFieldWhere = Record<string, unknown>;

const CONDITION_KINDS: Record<Exclude<keyof CustomFieldFilter, 'key'>, readonly CustomFieldKind[]> = {
  text: ['TEXT'],
  number: ['NUMBER'],
  date: ['DATE'],
  boolean: ['BOOLEAN'],
  option: ['SELECT'],
  in: ['SELECT', 'TEXT'],
  min: ['NUMBER'],
  max: ['NUMBER'],
  from: ['DATE'],
  to: ['DATE'],
  containsAny: ['MULTI_SELECT'],
  containsAll: ['MULTI_SELECT'],
};

/**
 * Where-conditions over the `customFields` JSON column. A key the viewer may not see is refused like
 * an unknown one, so a filter cannot reveal a private value.
 */
export function customFieldConditions(
  definitions: readonly FieldDefinition[],
  filters: readonly CustomFieldFilter[] | null | undefined,
  options: { hiddenKeys: readonly string[]; prefix?: string },
): { conditions: CustomFieldWhere[]; errors: FieldError[] } {
  const prefix = options.prefix ?? 'filter.customFields';
  const conditions: CustomFieldWhere[] = [];
  const errors: FieldError[] = [];
  (filters ?? []).forEach((filter, index) => {
    const definition = definitions.find((d) => d.key === filter.key);
    if (!definition || options.hiddenKeys.includes(filter.key)) {
      errors.push(fieldError(`${prefix}.${index}.key`, 'customField.notFilterable', { key: filter.key }));
      return;
    }
    const path = [filter.key];
    for (const [name, kinds] of Object.entries(CONDITION_KINDS) as Array<[keyof typeof CONDITION_KINDS, readonly CustomFieldKind[]]>) {
      const value = filter[name];
      if (value == null) continue;
      if (!kinds.includes(definition.kind)) {
        errors.push(fieldError(`${prefix}.${index}.${name}`, 'customField.conditionKind', { kind: definition.kind, key: filter.key }));
        continue;
      }
      conditions.push(condition(name, value, path));
    }
  });
  return { conditions, errors };
}

const at = (path: string[], test: Record<string, unknown>): CustomFieldWhere => ({ customFields: { path, ...test } });

function condition(name: keyof typeof CONDITION_KINDS, value: unknown, path: string[]): CustomFieldWhere {
  switch (name) {
    case 'date':
      return at(path, { equals: isoDate(value as Date) });
    case 'in':
      return { OR: (value as string[]).map((v) => at(path, { equals: v })) };
    case 'min':
      return at(path, { gte: value });
    case 'max':
      return at(path, { lte: value });
    case 'from':
      return at(path, { gte: isoDate(value as Date) });
    case 'to':
      return at(path, { lte: isoDate(value as Date) });
    case 'containsAny':
      return { OR: (value as string[]).map((v) => at(path, { array_contains: [v] })) };
    case 'containsAll':
      return at(path, { array_contains: [...(value as string[])] });
    default:
      return at(path, { equals: value });
  }
}
