import type { Tag } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { ServiceContext } from '../service-context.js';
import { archiveTag, createTag, updateTag, type CreateTagInput, type UpdateTagInput } from './service.js';
import { payloadPerMutation, } from '../schema/user-errors.js';

/** The tag list once per request, however many customers a page shows. */
const listCache = new WeakMap<object, Promise<Tag[]>>();
function tagList(ctx: ServiceContext): Promise<Tag[]> {
  let list = listCache.get(ctx);
  if (!list) listCache.set(ctx, (list = ctx.prisma.tag.findMany()));
  return list;
}

export function registerTagSchema(builder: RapportBuilder) {
  const TagRef = builder.prismaNode('Tag', {
    id: { field: 'id' },
    description: "An entry of the managed tag list; a customer's `tags` hold tag names.",
    findUnique: (id) => ({ id }),
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Lower-case; what Customer.tags and the tagsAny/tagsAll filters use.' }),
      color: t.exposeString('color', { nullable: true, description: '#rrggbb' }),
      description: t.exposeString('description', { nullable: true }),
      archived: t.boolean({ resolve: (tag) => tag.archivedAt !== null }),
      archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
      version: t.exposeInt('version'),
    }),
  });

  builder.prismaObjectField('Customer', 'tagDetails', (t) =>
    t.field({
      type: [TagRef],
      description: "The customer's tags as list entries (colour, archived), in the order of `tags`.",
      select: { tags: true },
      resolve: async (customer, _args, ctx) => {
        const list = await tagList(ctx);
        return customer.tags.flatMap((name) => list.filter((tag) => tag.name === name));
      },
    }),
  );

  builder.queryField('tags', (t) =>
    t.prismaField({
      type: ['Tag'],
      description: 'The managed tag list, by name.',
      args: { includeArchived: t.arg.boolean({ defaultValue: false }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.tag.findMany({ ...query, where: args.includeArchived ? {} : { archivedAt: null }, orderBy: { name: 'asc' } }),
    }),
  );

  const CreateInput = builder.inputType('CreateTagInput', {
    fields: (t) => ({ name: t.string({ required: true }), color: t.string(), description: t.string() }),
  });
  const UpdateInput = builder.inputType('UpdateTagInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: TagRef }),
      version: t.int({ required: true }),
      name: t.string({ description: 'Renaming rewrites the tag on every customer that carries it.' }),
      color: t.string(),
      description: t.string(),
    }),
  });
  const ArchiveInput = builder.inputType('ArchiveTagInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: TagRef }),
      version: t.int({ required: true }),
      archived: t.boolean({ defaultValue: true, description: 'false restores the tag.' }),
    }),
  });
  const Payload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ tag: Tag }>(name).implement({
    fields: (t) => ({ tag: t.field({ nullable: true, type: TagRef, resolve: (p) => p.tag }) }),
  }),
  );

  builder.mutationFields((t) => ({
    createTag: t.field({
      type: Payload('CreateTagPayload'),
      description: 'Needs tag.manage.',
      args: { input: t.arg({ type: CreateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ tag: await createTag(ctx, input as CreateTagInput) }),
    }),
    updateTag: t.field({
      type: Payload('UpdateTagPayload'),
      description: 'Rename, recolour or describe a tag. Needs tag.manage.',
      args: { input: t.arg({ type: UpdateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ tag: await updateTag(ctx, { ...input, id: input.id.id } as UpdateTagInput) }),
    }),
    archiveTag: t.field({
      type: Payload('ArchiveTagPayload'),
      description: 'Archive (or restore) a tag; there is no delete. Needs tag.manage.',
      args: { input: t.arg({ type: ArchiveInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        tag: await archiveTag(ctx, { id: input.id.id, version: input.version, archived: input.archived ?? true }),
      }),
    }),
  }));
  return { Tag: TagRef };
}
