import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, unauthenticated } from '../auth/viewer.js';
import { fieldError, InputError, notFound, RapportError, type FieldError } from '../errors.js';
import { Prisma, type SavedView, type SavedViewEntity } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules } from '../validation.js';

/**
 * Checks a view's filter and order against the list's own input types (the graph's CustomerFilter and
 * CustomerOrder for CUSTOMER), so a saved view is always one the list accepts; returns the errors,
 * each under `filter.…` or `orderBy.…`.
 */
export type ViewInputCheck = (entity: SavedViewEntity, part: 'filter' | 'orderBy', value: unknown) => FieldError[];

const jsonObject = z.record(z.string(), z.unknown());
const name = rules.requiredText(60);
const createInput = z.object({
  entity: z.enum(['CUSTOMER']),
  name,
  filter: jsonObject.default({}),
  orderBy: jsonObject.nullish(),
  shared: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
});
const updateInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: name.optional(),
  filter: jsonObject.optional(),
  orderBy: jsonObject.nullish(),
  shared: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

export type CreateSavedViewInput = z.input<typeof createInput>;
export type UpdateSavedViewInput = z.input<typeof updateInput>;

function viewerId(ctx: ServiceContext): string {
  const id = actingUserId(ctx.viewer);
  if (!id) throw unauthenticated();
  return id;
}

/** The row rule: a staff user's own views and those anyone shares; nothing for any other viewer. */
export function savedViewsVisibleTo(viewer: ServiceContext['viewer']): Prisma.SavedViewWhereInput {
  const userId = actingUserId(viewer);
  return userId ? { OR: [{ ownerId: userId }, { shared: true }] } : { id: { in: [] } };
}

/** The views a user is offered for a list: their own (by position, then name), then those others share (by name). */
export async function savedViewsOf(db: Pick<Prisma.TransactionClient, 'savedView'>, userId: string, entity?: SavedViewEntity | null): Promise<SavedView[]> {
  const views = await db.savedView.findMany({
    where: { ...(entity ? { entity } : {}), OR: [{ ownerId: userId }, { shared: true }] },
    orderBy: [{ position: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  });
  return [...views.filter((v) => v.ownerId === userId), ...views.filter((v) => v.ownerId !== userId).sort((a, b) => a.name.localeCompare(b.name))];
}

function checkParts(check: ViewInputCheck, entity: SavedViewEntity, fields: { filter?: unknown; orderBy?: unknown }) {
  const errors = [
    ...(fields.filter !== undefined ? check(entity, 'filter', fields.filter) : []),
    ...(fields.orderBy != null ? check(entity, 'orderBy', fields.orderBy) : []),
  ];
  if (errors.length) throw new InputError(errors);
}

async function requireFreeName(db: Pick<Prisma.TransactionClient, 'savedView'>, ownerId: string, entity: SavedViewEntity, viewName: string, exceptId?: string) {
  const taken = await db.savedView.findUnique({ where: { ownerId_entity_name: { ownerId, entity, name: viewName } }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw new InputError([fieldError('name', 'savedView.nameTaken', { name: viewName }, 'DUPLICATE')]);
}

export async function createSavedView(ctx: ServiceContext, input: CreateSavedViewInput, check: ViewInputCheck): Promise<SavedView> {
  const fields = parseInput(createInput, input);
  const ownerId = viewerId(ctx);
  checkParts(check, fields.entity, fields);
  return ctx.prisma.$transaction(async (tx) => {
    await requireFreeName(tx, ownerId, fields.entity, fields.name);
    const now = ctx.clock.now();
    const view = await tx.savedView.create({
      data: {
        ownerId,
        entity: fields.entity,
        name: fields.name,
        filter: fields.filter as Prisma.InputJsonValue,
        ...(fields.orderBy ? { orderBy: fields.orderBy as Prisma.InputJsonValue } : {}),
        shared: fields.shared,
        position: fields.position,
        createdAt: now,
        updatedAt: now,
      },
    });
    await recordAudit(tx, ctx, { action: 'savedView.create', entity: { type: 'SavedView', id: view.id }, after: view });
    return view;
  });
}

/** Only its owner changes a view; a view shared by someone else is read-only (FORBIDDEN), anyone else's is NOT_FOUND. */
async function ownView(db: Pick<Prisma.TransactionClient, 'savedView'>, ownerId: string, id: string): Promise<SavedView> {
  const view = isUuid(id) ? await db.savedView.findUnique({ where: { id } }) : null;
  if (!view || (view.ownerId !== ownerId && !view.shared)) throw notFound('SavedView');
  if (view.ownerId !== ownerId) throw RapportError.of('FORBIDDEN', 'savedView.ownerOnly');
  return view;
}

export async function updateSavedView(ctx: ServiceContext, input: UpdateSavedViewInput, check: ViewInputCheck): Promise<SavedView> {
  const { id, version, ...fields } = parseInput(updateInput, input);
  const ownerId = viewerId(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await ownView(tx, ownerId, id);
    checkParts(check, before.entity, fields);
    if (fields.name !== undefined && fields.name !== before.name) await requireFreeName(tx, ownerId, before.entity, fields.name, id);
    const data: Prisma.SavedViewUpdateManyMutationInput = {
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.filter !== undefined ? { filter: fields.filter as Prisma.InputJsonValue } : {}),
      ...(fields.orderBy !== undefined ? { orderBy: fields.orderBy === null ? Prisma.DbNull : (fields.orderBy as Prisma.InputJsonValue) } : {}),
      ...(fields.shared !== undefined ? { shared: fields.shared } : {}),
      ...(fields.position !== undefined ? { position: fields.position } : {}),
      updatedAt: ctx.clock.now(),
      version: { increment: 1 },
    };
    const { count } = await tx.savedView.updateMany({ where: { id, version }, data });
    if (count === 0) await throwMissingOrStale('SavedView', tx.savedView.findUnique({ where: { id }, select: { version: true } }));
    const after = await tx.savedView.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'savedView.update', entity: { type: 'SavedView', id }, before, after });
    return after;
  });
}

export async function deleteSavedView(ctx: ServiceContext, id: string): Promise<string> {
  const ownerId = viewerId(ctx);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await ownView(tx, ownerId, id);
    await tx.savedView.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: 'savedView.delete', entity: { type: 'SavedView', id }, before });
    return id;
  });
}
