import { encodeGlobalID } from '@pothos/plugin-relay';
import { coerceInputValue, isInputType, type GraphQLSchema } from 'graphql';
import { actingUserId } from '../auth/viewer.js';
import type { FieldError } from '../errors.js';
import { SavedViewEntity, type SavedView } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import { withUserErrors } from '../schema/user-errors.js';
import { DEFAULT_CUSTOMER_RULES } from '../customers/rules-config.js';
import { readerOf } from '../shared/reader.js';
import { BUILT_IN_VIEW_KEYS, builtInViews, type BuiltInView } from './built-in.js';
import { createSavedView, deleteSavedView, savedViewsOf, savedViewsVisibleTo, updateSavedView, type ViewInputCheck } from './service.js';

/** Each list's filter and order input types: a view's JSON must be a value of them. */
const INPUT_TYPES: Record<SavedViewEntity, { filter: string; orderBy: string }> = {
  CUSTOMER: { filter: 'CustomerFilter', orderBy: 'CustomerOrder' },
};

/** Validates against the served schema's own input types, so a view holds exactly what the list takes. */
function checkAgainst(schema: GraphQLSchema): ViewInputCheck {
  return (entity, part, value) => {
    const type = schema.getType(INPUT_TYPES[entity][part]);
    if (!type || !isInputType(type)) return [];
    const errors: FieldError[] = [];
    coerceInputValue(value, type, (path, _invalid, error) => {
      errors.push({ field: [part, ...path].join('.'), message: error.message, code: 'INVALID' });
    });
    return errors;
  };
}

export function registerSavedViewSchema(builder: RapportBuilder) {
  const Entity = builder.enumType(SavedViewEntity, {
    name: 'SavedViewEntity',
    description: 'The list a saved view is of.',
    values: { CUSTOMER: { description: 'The customers list (`customers`): its filter is a CustomerFilter, its order a CustomerOrder.' } },
  });

  const SavedViewRef = builder.prismaNode('SavedView', {
    id: { field: 'id', description: 'Global id of the view.' },
    findUnique: (id, ctx) => ({ id, AND: [savedViewsVisibleTo(ctx.viewer)] }),
    description: 'A named filter and order of a list ("scene"), kept per user; a shared one is offered to everyone, read-only.',
    fields: (t) => ({
      name: t.exposeString('name', { description: "Unique among its owner's views of the same list." }),
      entity: t.expose('entity', { type: Entity, description: 'The list it filters.' }),
      filter: t.expose('filter', { type: 'JSON', description: "The list's filter input (e.g. a CustomerFilter), to pass as its `filter` argument." }),
      orderBy: t.expose('orderBy', { type: 'JSON', nullable: true, description: "The list's order input (e.g. a CustomerOrder); null: the list's default order." }),
      shared: t.exposeBoolean('shared', { description: 'Offered to every user, not only its owner.' }),
      position: t.exposeInt('position', { description: "Where it is listed among its owner's views (ascending)." }),
      mine: t.boolean({ description: 'Whether the viewer owns it (and so may change or delete it).', resolve: (view, _args, ctx) => view.ownerId === actingUserId(ctx.viewer) }),
      owner: t.relation('owner', { description: 'Who saved it.' }),
      version: t.exposeInt('version', { description: 'Pass it to updateSavedView; it changes with every write.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    }),
  });

  builder.prismaObjectField('User', 'savedViews', (t) =>
    t.field({
      type: [SavedViewRef],
      description: "The saved views this user is offered: their own (by position, then name), then those others share. Only the viewer's own (`viewer.savedViews`); [] for anyone else.",
      args: { entity: t.arg({ type: Entity, description: 'Only the views of this list.' }) },
      select: { id: true },
      resolve: (user, args, ctx) => (user.id === actingUserId(ctx.viewer) ? savedViewsOf(ctx.prisma, user.id, args.entity) : []),
    }),
  );

  const BuiltInKey = builder.enumType('BuiltInSavedViewKey', {
    description: 'Which built-in view (scene) it is: every user has them, whatever they saved.',
    values: Object.fromEntries(
      BUILT_IN_VIEW_KEYS.map((key) => [
        key,
        {
          description: {
            ALL: 'All the customers the viewer may see (no filter).',
            MINE: 'The customers the viewer owns.',
            KEY_ACCOUNTS: 'Key accounts: tier A customers.',
            RELEASE_SOON: "The viewer's customers the pool's release job takes within its warning period (customerRules.pool.warnBeforeReleaseDays; 7 days when warnings are off), longest without contact first.",
          }[key],
        },
      ]),
    ) as Record<(typeof BUILT_IN_VIEW_KEYS)[number], { description: string }>,
  });
  const BuiltInRef = builder.objectRef<BuiltInView>('BuiltInSavedView').implement({
    description: "A view (scene) every user has, served beside their saved ones; read-only, named in the reader's language.",
    fields: (t) => ({
      key: t.field({ type: BuiltInKey, description: 'Which built-in view it is (stable: front ends may key on it).', resolve: (v) => v.key }),
      entity: t.field({ type: Entity, description: 'The list it filters.', resolve: (v) => v.entity as SavedViewEntity }),
      name: t.exposeString('name', { description: "Its name in the reader's language (zh-CN or en)." }),
      filter: t.field({ type: 'JSON', description: "The list's filter input (a CustomerFilter), to pass as its `filter` argument.", resolve: (v) => v.filter }),
      orderBy: t.field({ type: 'JSON', nullable: true, description: "The list's order input (a CustomerOrder); null: the list's default order.", resolve: (v) => v.orderBy }),
    }),
  });

  builder.prismaObjectField('User', 'builtInSavedViews', (t) =>
    t.field({
      type: [BuiltInRef],
      description: "The built-in views (scenes) this user is offered before their saved ones: all customers, my customers, key accounts, about to be released. Only the viewer's own (`viewer.builtInSavedViews`); [] for anyone else.",
      args: { entity: t.arg({ type: Entity, description: 'Only the views of this list.' }) },
      select: { id: true },
      resolve: async (user, args, ctx) => {
        if (user.id !== actingUserId(ctx.viewer)) return [];
        const rules = ctx.config?.customerRules ?? DEFAULT_CUSTOMER_RULES;
        return builtInViews(user.id, (await readerOf(ctx)).language, rules.pool.warnBeforeReleaseDays).filter((view) => !args.entity || view.entity === args.entity);
      },
    }),
  );

  const CreateInput = builder.inputType('CreateSavedViewInput', {
    description: 'A new saved view of the viewer.',
    fields: (t) => ({
      entity: t.field({ type: Entity, required: true, description: 'The list it filters.' }),
      name: t.string({ required: true, description: "Up to 60 characters, unique among the viewer's views of the list." }),
      filter: t.field({ type: 'JSON', description: "The list's filter input, checked against its type (e.g. CustomerFilter); {} by default." }),
      orderBy: t.field({ type: 'JSON', description: "The list's order input, checked against its type (e.g. CustomerOrder)." }),
      shared: t.boolean({ description: 'Offer it to every user (default false).' }),
      position: t.int({ description: 'Where it is listed among your views (0–10000, default 0).' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateSavedViewInput', {
    description: 'Changes to one of your saved views; omitted fields stay as they are.',
    fields: (t) => ({
      id: t.globalID({ required: true, for: SavedViewRef, description: 'The view to change.' }),
      version: t.int({ required: true, description: 'The version you read (SavedView.version).' }),
      name: t.string({ description: 'A new name.' }),
      filter: t.field({ type: 'JSON', description: 'A new filter (replaces the old one).' }),
      orderBy: t.field({ type: 'JSON', description: "A new order; null: back to the list's default." }),
      shared: t.boolean({ description: 'Offer it to every user, or stop.' }),
      position: t.int({ description: 'A new place among your views.' }),
    }),
  });
  const DeleteInput = builder.inputType('DeleteSavedViewInput', {
    description: 'One of your saved views to delete.',
    fields: (t) => ({ id: t.globalID({ required: true, for: SavedViewRef, description: 'The view to delete.' }) }),
  });

  const payload = (name: string, description: string) => {
    const ref = builder.objectRef<{ savedView: SavedView }>(name).implement({
      description,
      fields: (t) => ({ savedView: t.field({ nullable: true, type: SavedViewRef, description: 'Null when nothing was saved (see userErrors).', resolve: (p) => p.savedView }) }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const DeletePayload = builder.objectRef<{ id: string }>('DeleteSavedViewPayload').implement({
    description: 'What deleteSavedView did.',
    fields: (t) => ({
      deletedSavedViewId: t.id({ nullable: true, description: 'Null when nothing was deleted (see userErrors).', resolve: (p) => encodeGlobalID('SavedView', p.id) }),
    }),
  });
  withUserErrors(builder, DeletePayload);

  builder.mutationFields((t) => ({
    createSavedView: t.field({
      type: payload('CreateSavedViewPayload', 'What createSavedView saved.'),
      description: "Saves a filter (and order) of a list as one of the viewer's views.",
      args: { input: t.arg({ type: CreateInput, required: true, description: 'The view.' }) },
      resolve: async (_root, { input }, ctx, info) => ({
        savedView: await createSavedView(
          ctx,
          {
            entity: input.entity,
            name: input.name,
            ...(input.filter != null ? { filter: input.filter as Record<string, unknown> } : {}),
            orderBy: (input.orderBy ?? null) as Record<string, unknown> | null,
            ...(input.shared != null ? { shared: input.shared } : {}),
            ...(input.position != null ? { position: input.position } : {}),
          },
          checkAgainst(info.schema),
        ),
      }),
    }),
    updateSavedView: t.field({
      type: payload('UpdateSavedViewPayload', 'The saved view after updateSavedView.'),
      description: 'Renames, refilters, reorders, shares or moves one of your saved views (others are read-only).',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'The changes.' }) },
      resolve: async (_root, { input }, ctx, info) => ({
        savedView: await updateSavedView(
          ctx,
          {
            id: input.id.id,
            version: input.version,
            ...(input.name != null ? { name: input.name } : {}),
            ...(input.filter != null ? { filter: input.filter as Record<string, unknown> } : {}),
            ...(input.orderBy !== undefined ? { orderBy: input.orderBy as Record<string, unknown> | null } : {}),
            ...(input.shared != null ? { shared: input.shared } : {}),
            ...(input.position != null ? { position: input.position } : {}),
          },
          checkAgainst(info.schema),
        ),
      }),
    }),
    deleteSavedView: t.field({
      type: DeletePayload,
      description: 'Deletes one of your saved views.',
      args: { input: t.arg({ type: DeleteInput, required: true, description: 'The view.' }) },
      resolve: async (_root, { input }, ctx) => ({ id: await deleteSavedView(ctx, input.id.id) }),
    }),
  }));
  return { SavedView: SavedViewRef };
}
