import { z } from 'zod';
import { isUuid, notFound, parseInput, recordAudit, rules, throwIfAny, type Prisma, type ServiceContext } from '@rapport/core';
import { requireAuthor } from './access.js';
import type { KnowledgeConfig } from './config.js';
import { knowledge } from './messages.js';

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, knowledge.key('knowledge.category.slug')).max(80);
const createInput = z.object({
  name: rules.requiredText(100),
  slug,
  parentId: z.uuid(knowledge.stored('knowledge.idOf', { what: 'category' })).nullish(),
  position: z.number().int().min(0).default(0),
});
const updateInput = z.object({
  id: z.string(),
  name: rules.requiredText(100).optional(),
  parentId: z.uuid(knowledge.stored('knowledge.idOf', { what: 'category' })).nullish(),
  position: z.number().int().min(0).optional(),
});

export type CreateCategoryInput = z.input<typeof createInput>;
export type UpdateCategoryInput = z.input<typeof updateInput>;
type Category = Prisma.ArticleCategoryModel;

export async function createArticleCategory(ctx: ServiceContext, config: KnowledgeConfig, input: CreateCategoryInput): Promise<Category> {
  requireAuthor(ctx, config);
  const fields = parseInput(createInput, input);
  const [parent, taken] = await Promise.all([
    fields.parentId ? ctx.prisma.articleCategory.count({ where: { id: fields.parentId } }) : 1,
    ctx.prisma.articleCategory.count({ where: { slug: fields.slug } }),
  ]);
  throwIfAny([parent ? null : knowledge.field('parentId', 'knowledge.noSuchCategory'), taken ? knowledge.field('slug', 'knowledge.category.taken') : null]);
  return ctx.prisma.$transaction(async (tx) => {
    const category = await tx.articleCategory.create({ data: { ...fields, createdAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, { action: 'articleCategory.create', entity: { type: 'ArticleCategory', id: category.id }, after: category });
    return category;
  });
}

/** Renames or moves a category; moving it below itself or one of its descendants is refused. */
export async function updateArticleCategory(ctx: ServiceContext, config: KnowledgeConfig, input: UpdateCategoryInput): Promise<Category> {
  requireAuthor(ctx, config);
  const { id, ...fields } = parseInput(updateInput, input);
  const category = isUuid(id) ? await ctx.prisma.articleCategory.findUnique({ where: { id } }) : null;
  if (!category) throw notFound('ArticleCategory');
  if (fields.parentId) await rejectCycle(ctx, id, fields.parentId);
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.articleCategory.update({ where: { id }, data: fields });
    await recordAudit(tx, ctx, { action: 'articleCategory.update', entity: { type: 'ArticleCategory', id }, before: category, after: updated });
    return updated;
  });
}

async function rejectCycle(ctx: ServiceContext, id: string, parentId: string): Promise<void> {
  // Walk up from the new parent: meeting the category itself means a cycle. Trees are shallow.
  for (let at: string | null = parentId, depth = 0; at; depth++) {
    if (at === id || depth > 100) knowledge.refuse('parentId', 'knowledge.category.belowItself');
    const row: { parentId: string | null } | null = await ctx.prisma.articleCategory.findUnique({ where: { id: at }, select: { parentId: true } });
    if (!row) knowledge.refuse('parentId', 'knowledge.noSuchCategory');
    at = row.parentId;
  }
}
