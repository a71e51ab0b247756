import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { requirePermission } from '../auth/viewer.js';
import { fieldError, InputError, notFound, type FieldError } from '../errors.js';
import type { Prisma, Tag } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules } from '../validation.js';

type Db = Pick<Prisma.TransactionClient, 'tag'>;

const name = z.string().trim().min(1, 'rule.notEmpty').max(50, 'rule.maxCharacters').transform((n) => n.toLowerCase());
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'tag.colour').transform((c) => c.toLowerCase()).nullish();

const createInput = z.object({ name, color, description: rules.optionalText(500) });
const updateInput = z.object({ id: z.string(), version: z.number().int().min(1), name: name.optional(), color, description: rules.optionalText(500) });
const archiveInput = z.object({ id: z.string(), version: z.number().int().min(1), archived: z.boolean() });

export type CreateTagInput = z.input<typeof createInput>;
export type UpdateTagInput = z.input<typeof updateInput>;

/**
 * Tags written on a customer must be in the managed list and not archived; tags it already carries
 * may stay even if archived since, so archiving never blocks an unrelated edit.
 */
export async function unlistedTagErrors(db: Db, tags: readonly string[] | undefined, current: readonly string[] = []): Promise<FieldError[]> {
  const added = (tags ?? []).filter((t) => !current.includes(t));
  if (!added.length) return [];
  const listed = await db.tag.findMany({ where: { name: { in: added } }, select: { name: true, archivedAt: true } });
  return (tags ?? []).flatMap((tag, index) => {
    if (!added.includes(tag)) return [];
    const found = listed.find((l) => l.name === tag);
    if (found && !found.archivedAt) return [];
    return [{ field: `tags.${index}`, message: found ? `${tag} is archived` : `${tag} is not in the tag list`, code: 'NOT_ALLOWED_VALUE' as const }];
  });
}

async function requireFreeName(db: Db, tagName: string, exceptId?: string) {
  const taken = await db.tag.findUnique({ where: { name: tagName }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw new InputError([fieldError('name', 'tag.nameTaken', { name: tagName })]);
}

export async function createTag(ctx: ServiceContext, input: CreateTagInput) {
  const fields = parseInput(createInput, input);
  requirePermission(ctx.viewer, 'tag.manage');
  return ctx.prisma.$transaction(async (tx) => {
    await requireFreeName(tx, fields.name);
    const tag = await tx.tag.create({ data: fields });
    await recordAudit(tx, ctx, { action: 'tag.create', entity: { type: 'Tag', id: tag.id }, after: tag });
    return tag;
  });
}

/** Renaming rewrites every customer carrying the tag, in the same transaction (their versions move on). */
export async function updateTag(ctx: ServiceContext, input: UpdateTagInput) {
  const { id, version, ...fields } = parseInput(updateInput, input);
  requirePermission(ctx.viewer, 'tag.manage');
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tagToChange(tx, id);
    const renamed = fields.name !== undefined && fields.name !== before.name;
    if (renamed) await requireFreeName(tx, fields.name!, id);
    const after = await versionedUpdate(ctx, tx, before, version, fields, 'tag.update');
    if (renamed) {
      await tx.$executeRaw`
        UPDATE "Customer"
        SET "tags" = ARRAY(SELECT DISTINCT t FROM unnest(array_replace("tags", ${before.name}, ${after.name})) t ORDER BY t),
            "version" = "version" + 1, "updatedAt" = ${ctx.clock.now()}
        WHERE ${before.name} = ANY("tags")`;
    }
    return after;
  });
}

/** Archived tags stay on the customers that carry them and in filters, but cannot be added anew. */
export async function archiveTag(ctx: ServiceContext, input: z.input<typeof archiveInput>) {
  const { id, version, archived } = parseInput(archiveInput, input);
  requirePermission(ctx.viewer, 'tag.manage');
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tagToChange(tx, id);
    const data = { archivedAt: archived ? (before.archivedAt ?? ctx.clock.now()) : null };
    return versionedUpdate(ctx, tx, before, version, data, archived ? 'tag.archive' : 'tag.restore');
  });
}

async function tagToChange(db: Db, id: string) {
  const tag = isUuid(id) ? await db.tag.findUnique({ where: { id } }) : null;
  if (!tag) throw notFound('Tag');
  return tag;
}

async function versionedUpdate(ctx: ServiceContext, tx: Prisma.TransactionClient, before: Tag, version: number, data: Prisma.TagUpdateManyMutationInput, action: string) {
  const { count } = await tx.tag.updateMany({ where: { id: before.id, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) await throwMissingOrStale('Tag', tx.tag.findUnique({ where: { id: before.id }, select: { version: true } }));
  const after = await tx.tag.findUniqueOrThrow({ where: { id: before.id } });
  await recordAudit(tx, ctx, { action, entity: { type: 'Tag', id: before.id }, before, after });
  return after;
}

