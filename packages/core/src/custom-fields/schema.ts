import { CustomFieldEntity, CustomFieldKind, type CustomFieldDefinition } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { CustomFieldFilter, CustomFieldInput } from './rules.js';
import {
  archiveCustomFieldDefinition,
  createCustomFieldDefinition,
  definitionsVisibleTo,
  updateCustomFieldDefinition,
  visibleValues,
  type CreateCustomFieldDefinitionInput,
  type UpdateCustomFieldDefinitionInput,
} from './service.js';
import { payloadPerMutation, } from '../schema/user-errors.js';

interface FieldValue {
  definition: CustomFieldDefinition;
  value: unknown;
}

const VALUE_TYPES = {
  TEXT: 'TextFieldValue',
  NUMBER: 'NumberFieldValue',
  DATE: 'DateFieldValue',
  BOOLEAN: 'BooleanFieldValue',
  SELECT: 'SelectFieldValue',
  MULTI_SELECT: 'MultiSelectFieldValue',
} as const satisfies Record<CustomFieldKind, string>;

const refsByBuilder = new WeakMap<RapportBuilder, ReturnType<typeof defineTypes>>();

/** The custom-field types of a builder (registered by registerCustomFieldSchema before the entities). */
export function customFieldRefs(builder: RapportBuilder) {
  const refs = refsByBuilder.get(builder);
  if (!refs) throw new Error('registerCustomFieldSchema must run before the entity schemas');
  return refs;
}

function defineTypes(builder: RapportBuilder) {
  const Entity = builder.enumType(CustomFieldEntity, { name: 'CustomFieldEntity', description: 'What a custom field belongs to.' });
  const Kind = builder.enumType(CustomFieldKind, {
    name: 'CustomFieldKind',
    description: 'The type of a custom field: which value type (e.g. NumberFieldValue) and input member (e.g. `number`) it uses.',
  });

  const Definition = builder.prismaNode('CustomFieldDefinition', {
    id: { field: 'id' },
    description: 'A field admins define on customers, contacts or activities. Private ones are visible only with customer.viewPrivateFields.',
    findUnique: (id, ctx) => ({ id, AND: [definitionsVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      entity: t.expose('entity', { type: Entity }),
      key: t.exposeString('key', { description: 'Stable key: the `key` of values, inputs and filters.' }),
      label: t.exposeString('label'),
      description: t.exposeString('description', { nullable: true }),
      kind: t.expose('kind', { type: Kind }),
      required: t.exposeBoolean('required', { description: 'New records must have a value; no update may clear it.' }),
      private: t.exposeBoolean('private'),
      options: t.exposeStringList('options', { description: 'The allowed values of SELECT and MULTI_SELECT fields, in display order.' }),
      position: t.exposeInt('position', { description: 'Display order (ascending, then key).' }),
      archived: t.boolean({ resolve: (d) => d.archivedAt !== null }),
      archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
      version: t.exposeInt('version'),
    }),
  });

  const Value = builder.interfaceRef<FieldValue>('CustomFieldValue').implement({
    description: 'A value of a custom field. The concrete type follows the definition kind; its `value` is typed accordingly.',
    resolveType: (v) => VALUE_TYPES[v.definition.kind],
    fields: (t) => ({
      key: t.string({ resolve: (v) => v.definition.key }),
      definition: t.field({ type: Definition, resolve: (v) => v.definition }),
    }),
  });
  const valueType = <T>(name: string, description: string, field: (t: any) => T) =>
    builder.objectRef<FieldValue>(name).implement({ description, interfaces: [Value], fields: (t) => ({ value: field(t) }) as never });
  valueType('TextFieldValue', 'Value of a TEXT field.', (t) => t.string({ resolve: (v: FieldValue) => v.value }));
  valueType('NumberFieldValue', 'Value of a NUMBER field.', (t) => t.float({ resolve: (v: FieldValue) => v.value }));
  valueType('DateFieldValue', 'Value of a DATE field.', (t) => t.field({ type: 'Date', resolve: (v: FieldValue) => v.value }));
  valueType('BooleanFieldValue', 'Value of a BOOLEAN field.', (t) => t.boolean({ resolve: (v: FieldValue) => v.value }));
  valueType('SelectFieldValue', 'Value of a SELECT field: one of its options.', (t) => t.string({ resolve: (v: FieldValue) => v.value }));
  valueType('MultiSelectFieldValue', 'Value of a MULTI_SELECT field: some of its options.', (t) =>
    t.stringList({ resolve: (v: FieldValue) => v.value }),
  );

  const Input = builder.inputRef<CustomFieldInput>('CustomFieldInput').implement({
    description: 'Sets one custom field: `key` plus the member of its kind (TEXT `text`, NUMBER `number`, DATE `date`, BOOLEAN `boolean`, SELECT `option`, MULTI_SELECT `options`). Giving no member clears the value. Keys not named are left as they are.',
    fields: (t) => ({
      key: t.string({ required: true }),
      text: t.string(),
      number: t.float(),
      date: t.field({ type: 'Date' }),
      boolean: t.boolean(),
      option: t.string(),
      options: t.stringList(),
    }),
  });

  const Filter = builder.inputRef<CustomFieldFilter>('CustomFieldFilter').implement({
    description: 'Conditions on one custom field; all that are given must hold. Each applies to some kinds only.',
    fields: (t) => ({
      key: t.string({ required: true }),
      text: t.string({ description: 'TEXT equals (exact).' }),
      number: t.float({ description: 'NUMBER equals.' }),
      date: t.field({ type: 'Date', description: 'DATE equals.' }),
      boolean: t.boolean({ description: 'BOOLEAN equals.' }),
      option: t.string({ description: 'SELECT equals.' }),
      in: t.stringList({ description: 'SELECT or TEXT equals one of these.' }),
      min: t.float({ description: 'NUMBER at least.' }),
      max: t.float({ description: 'NUMBER at most.' }),
      from: t.field({ type: 'Date', description: 'DATE on or after.' }),
      to: t.field({ type: 'Date', description: 'DATE on or before.' }),
      containsAny: t.stringList({ description: 'MULTI_SELECT holds at least one of these.' }),
      containsAll: t.stringList({ description: 'MULTI_SELECT holds every one of these.' }),
    }),
  });

  return { CustomFieldEntity: Entity, CustomFieldKind: Kind, CustomFieldDefinition: Definition, CustomFieldValue: Value, CustomFieldInput: Input, CustomFieldFilter: Filter };
}

export function registerCustomFieldSchema(builder: RapportBuilder) {
  const refs = defineTypes(builder);
  refsByBuilder.set(builder, refs);
  const { CustomFieldEntity: Entity, CustomFieldKind: Kind, CustomFieldDefinition: Definition } = refs;

  builder.queryFields((t) => ({
    customFieldDefinitions: t.prismaField({
      type: ['CustomFieldDefinition'],
      description: 'The custom fields of an entity (or all), in display order; private ones only with customer.viewPrivateFields.',
      args: { entity: t.arg({ type: Entity }), includeArchived: t.arg.boolean({ defaultValue: false }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.customFieldDefinition.findMany({
          ...query,
          where: {
            AND: [args.entity ? { entity: args.entity } : {}, args.includeArchived ? {} : { archivedAt: null }, definitionsVisibleTo(ctx.viewer)],
          },
          orderBy: [{ entity: 'asc' }, { position: 'asc' }, { key: 'asc' }],
        }),
    }),
  }));

  const CreateInput = builder.inputType('CreateCustomFieldDefinitionInput', {
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true }),
      key: t.string({ required: true, description: 'camelCase; cannot change later.' }),
      kind: t.field({ type: Kind, required: true, description: 'Cannot change later.' }),
      label: t.string({ required: true }),
      description: t.string(),
      required: t.boolean(),
      private: t.boolean(),
      options: t.stringList({ description: 'Required for SELECT and MULTI_SELECT; refused otherwise.' }),
      position: t.int(),
    }),
  });
  const UpdateInput = builder.inputType('UpdateCustomFieldDefinitionInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Definition }),
      version: t.int({ required: true }),
      label: t.string(),
      description: t.string(),
      required: t.boolean(),
      private: t.boolean(),
      options: t.stringList({ description: 'Replaces the list. Stored values are kept; new writes must use the current options.' }),
      position: t.int(),
    }),
  });
  const ArchiveInput = builder.inputType('ArchiveCustomFieldDefinitionInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Definition }),
      version: t.int({ required: true }),
      archived: t.boolean({ defaultValue: true, description: 'false restores the field with its stored values.' }),
    }),
  });
  const Payload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ definition: CustomFieldDefinition }>(name).implement({
    fields: (t) => ({ definition: t.field({ nullable: true, type: Definition, resolve: (p) => p.definition }) }),
  }),
  );

  builder.mutationFields((t) => ({
    createCustomFieldDefinition: t.field({
      type: Payload('CreateCustomFieldDefinitionPayload'),
      description: 'Needs customField.manage.',
      args: { input: t.arg({ type: CreateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ definition: await createCustomFieldDefinition(ctx, input as CreateCustomFieldDefinitionInput) }),
    }),
    updateCustomFieldDefinition: t.field({
      type: Payload('UpdateCustomFieldDefinitionPayload'),
      description: 'Needs customField.manage.',
      args: { input: t.arg({ type: UpdateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        definition: await updateCustomFieldDefinition(ctx, { ...input, id: input.id.id } as UpdateCustomFieldDefinitionInput),
      }),
    }),
    archiveCustomFieldDefinition: t.field({
      type: Payload('ArchiveCustomFieldDefinitionPayload'),
      description: 'Archive (or restore) a custom field; there is no delete. Needs customField.manage.',
      args: { input: t.arg({ type: ArchiveInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        definition: await archiveCustomFieldDefinition(ctx, { id: input.id.id, version: input.version, archived: input.archived ?? true }),
      }),
    }),
  }));

  const valuesField = (entity: CustomFieldEntity) => (t: any) =>
    t.field({
      type: [refs.CustomFieldValue],
      description: 'Values of the active custom fields that are set, in display order; private ones only with customer.viewPrivateFields.',
      select: { customFields: true },
      resolve: (row: { customFields: unknown }, _args: unknown, ctx: Parameters<typeof visibleValues>[0]) => visibleValues(ctx, entity, row.customFields),
    });
  builder.prismaObjectField('Customer', 'customFields', valuesField('CUSTOMER'));
  builder.prismaObjectField('Contact', 'customFields', valuesField('CONTACT'));
  builder.prismaObjectField('Activity', 'customFields', valuesField('ACTIVITY'));
  return refs;
}

export type CustomFieldRefs = ReturnType<typeof defineTypes>;
