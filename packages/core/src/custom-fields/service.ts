import { perClient, TableReadCache } from '../db/changes.js';
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { hiddenCustomFieldKeys, requireWritableFields } from '../auth/fields.js';
import { can, requirePermission, type Viewer } from '../auth/viewer.js';
import { fieldError, InputError, notFound } from '../errors.js';
import { CustomFieldEntity, CustomFieldKind, type CustomFieldDefinition, type Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import {
  applyCustomFieldInputs,
  customFieldConditions,
  type CustomFieldFilter,
  type CustomFieldInput,
  type CustomFieldWhere,
  type StoredValues,
} from './rules.js';

type Db = Pick<Prisma.TransactionClient, 'customFieldDefinition'>;

/**
 * Definitions per request and entity: one query however many rows a page shows or a mutation
 * validates, and none while the process-wide copy below is fresh. Keyed by the request's context
 * object, so a request sees one set of definitions throughout.
 */
const cache = new WeakMap<object, Map<CustomFieldEntity, Promise<CustomFieldDefinition[]>>>();

/** Inside a transaction pass it as `db`: on PGlite's single connection, a query beside it would wait forever. */
export function customFieldDefinitions(ctx: ServiceContext, entity: CustomFieldEntity, db: Db = ctx.prisma): Promise<CustomFieldDefinition[]> {
  let perEntity = cache.get(ctx);
  if (!perEntity) cache.set(ctx, (perEntity = new Map()));
  let definitions = perEntity.get(entity);
  if (!definitions) {
    const read = () => db.customFieldDefinition.findMany({ where: { entity }, orderBy: [{ position: 'asc' }, { key: 'asc' }] });
    // Inside a transaction, read through it (it may have written them); otherwise the process-wide copy.
    definitions = db === ctx.prisma ? processDefinitions(ctx.prisma).get(entity, read) : read();
    perEntity.set(entity, definitions);
  }
  return definitions;
}

/** How long this process reuses the definitions it read, unless a write to them (here or, over the alert bus, elsewhere) drops them first. */
const DEFINITIONS_CACHE_MS = 5_000;

/** The definitions per entity this process read lately, per database client; see db/changes.ts. */
const processDefinitions = perClient((prisma) => new TableReadCache<CustomFieldEntity, CustomFieldDefinition[]>(prisma, 'CustomFieldDefinition', DEFINITIONS_CACHE_MS));

const privateKeysOf = (definitions: readonly CustomFieldDefinition[]) => definitions.filter((d) => d.private).map((d) => d.key);

/** Keys of `entity` this viewer may neither see nor set. */
export async function hiddenKeys(ctx: ServiceContext, entity: CustomFieldEntity, db: Db = ctx.prisma): Promise<readonly string[]> {
  return hiddenCustomFieldKeys(ctx.viewer, privateKeysOf(await customFieldDefinitions(ctx, entity, db)));
}

/**
 * The custom-field JSON to store after applying typed input to `current`: refuses values the viewer
 * may not set (FORBIDDEN), then anything invalid (BAD_USER_INPUT naming `customFields.<key>`).
 */
export async function customFieldsToStore(
  ctx: ServiceContext,
  entity: CustomFieldEntity,
  inputs: readonly CustomFieldInput[] | undefined,
  options: { mode: 'create' | 'update'; current?: unknown; prefix?: string; db?: Db },
): Promise<Prisma.InputJsonObject | undefined> {
  if (options.mode === 'update' && !inputs?.length) return undefined;
  const definitions = await customFieldDefinitions(ctx, entity, options.db);
  const named = Object.fromEntries((inputs ?? []).map((i) => [i.key, true]));
  requireWritableFields(ctx.viewer, { customFields: named }, privateKeysOf(definitions));
  const current = (options.current ?? {}) as StoredValues;
  const { values, errors } = applyCustomFieldInputs(definitions, current, inputs, { mode: options.mode, prefix: options.prefix, entity });
  throwIfAny(errors);
  return values as Prisma.InputJsonObject;
}

/** Where-conditions for typed custom-field filters of a list query. */
export async function customFieldWhere(
  ctx: ServiceContext,
  entity: CustomFieldEntity,
  filters: readonly CustomFieldFilter[] | null | undefined,
): Promise<CustomFieldWhere[]> {
  if (!filters?.length) return [];
  const definitions = await customFieldDefinitions(ctx, entity);
  const { conditions, errors } = customFieldConditions(definitions, filters, { hiddenKeys: hiddenCustomFieldKeys(ctx.viewer, privateKeysOf(definitions)) });
  throwIfAny(errors);
  return conditions;
}

/** The active definitions with values in `stored` this viewer may see, in display order. */
export async function visibleValues(ctx: ServiceContext, entity: CustomFieldEntity, stored: unknown) {
  const definitions = await customFieldDefinitions(ctx, entity);
  const hidden = hiddenCustomFieldKeys(ctx.viewer, privateKeysOf(definitions));
  const values = (stored ?? {}) as StoredValues;
  return definitions
    .filter((d) => !d.archivedAt && !hidden.includes(d.key) && values[d.key] !== undefined && values[d.key] !== null)
    .map((definition) => ({ definition, value: values[definition.key] }));
}

/** Definitions a viewer may know of: private ones only with customer.viewPrivateFields. */
export function definitionsVisibleTo(viewer: Viewer | null | undefined): Prisma.CustomFieldDefinitionWhereInput {
  if (can(viewer, 'customer.viewPrivateFields')) return {};
  return { private: false, key: { notIn: [...(viewer?.hiddenCustomFields ?? [])] } };
}

const options = z
  .array(z.string().trim().min(1, 'customField.optionNotEmpty').max(100, 'customField.optionMaxCharacters'))
  .max(200, 'customField.maxOptions');

const definitionFields = z.object({
  label: rules.requiredText(100),
  description: rules.optionalText(500),
  required: z.boolean().nullish(),
  private: z.boolean().nullish(),
  options: options.nullish(),
  position: z.number().int().min(0).max(10_000).nullish(),
});

const createInput = definitionFields.extend({
  entity: z.enum(CustomFieldEntity),
  key: z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/, 'customField.keyFormat'),
  kind: z.enum(CustomFieldKind),
});
const updateInput = definitionFields.partial().extend({ id: z.string(), version: z.number().int().min(1) });
const archiveInput = z.object({ id: z.string(), version: z.number().int().min(1), archived: z.boolean() });

export type CreateCustomFieldDefinitionInput = z.input<typeof createInput>;
export type UpdateCustomFieldDefinitionInput = z.input<typeof updateInput>;

const selects = (kind: CustomFieldKind) => kind === 'SELECT' || kind === 'MULTI_SELECT';

function optionErrors(kind: CustomFieldKind, list: string[] | null | undefined) {
  if (selects(kind) && !list?.length) return fieldError('options', 'customField.needsOptions', { kind });
  if (!selects(kind) && list?.length) return fieldError('options', 'customField.noOptions');
  if (list && new Set(list).size !== list.length) return fieldError('options', 'customField.repeatedOption');
  return null;
}

function forget(ctx: ServiceContext) {
  cache.delete(ctx);
}

export async function createCustomFieldDefinition(ctx: ServiceContext, input: CreateCustomFieldDefinitionInput) {
  const fields = parseInput(createInput, input);
  requirePermission(ctx.viewer, 'customField.manage');
  throwIfAny([optionErrors(fields.kind, fields.options)]);
  const taken = await ctx.prisma.customFieldDefinition.findUnique({ where: { entity_key: { entity: fields.entity, key: fields.key } } });
  if (taken) throw new InputError([fieldError('key', 'customField.keyTaken', { archived: taken.archivedAt ? 'yes' : 'no' })]);
  forget(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const definition = await tx.customFieldDefinition.create({
      data: { ...fields, required: fields.required ?? false, private: fields.private ?? false, options: fields.options ?? [], position: fields.position ?? 0 },
    });
    await recordAudit(tx, ctx, { action: 'customField.create', entity: { type: 'CustomFieldDefinition', id: definition.id }, after: definition });
    return definition;
  });
}

/** Label, description, options, order, required and private change; entity, key and kind never do. */
export async function updateCustomFieldDefinition(ctx: ServiceContext, input: UpdateCustomFieldDefinitionInput) {
  const { id, version, ...fields } = parseInput(updateInput, input);
  requirePermission(ctx.viewer, 'customField.manage');
  forget(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await definitionToChange(tx, id);
    if (fields.options !== undefined) throwIfAny([optionErrors(before.kind, fields.options)]);
    const data = Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== null || key === 'description'));
    return versionedUpdate(ctx, tx, before, version, data, 'customField.update');
  });
}

/** Archiving hides the field and its values and refuses new values; the stored values stay. */
export async function archiveCustomFieldDefinition(ctx: ServiceContext, input: z.input<typeof archiveInput>) {
  const { id, version, archived } = parseInput(archiveInput, input);
  requirePermission(ctx.viewer, 'customField.manage');
  forget(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await definitionToChange(tx, id);
    const data = { archivedAt: archived ? (before.archivedAt ?? ctx.clock.now()) : null };
    return versionedUpdate(ctx, tx, before, version, data, archived ? 'customField.archive' : 'customField.restore');
  });
}

async function definitionToChange(db: Db, id: string) {
  const definition = isUuid(id) ? await db.customFieldDefinition.findUnique({ where: { id } }) : null;
  if (!definition) throw notFound('CustomFieldDefinition');
  return definition;
}

async function versionedUpdate(
  ctx: ServiceContext,
  tx: Prisma.TransactionClient,
  before: CustomFieldDefinition,
  version: number,
  data: Prisma.CustomFieldDefinitionUpdateManyMutationInput,
  action: string,
) {
  const { count } = await tx.customFieldDefinition.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) await throwMissingOrStale('CustomFieldDefinition', tx.customFieldDefinition.findUnique({ where: { id: before.id }, select: { version: true } }));
  const after = await tx.customFieldDefinition.findUniqueOrThrow({ where: { id: before.id } });
  await recordAudit(tx, ctx, { action, entity: { type: 'CustomFieldDefinition', id: before.id }, before, after });
  return after;
}
