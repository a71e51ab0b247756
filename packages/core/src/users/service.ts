import { fieldError, type FieldError } from '../errors.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';

/** A field error when `userId` does not name an active user; null when it does (or is empty). */
export async function userReferenceError(
  ctx: ServiceContext,
  field: string,
  userId: string | null | undefined,
): Promise<FieldError | null> {
  if (!userId) return null;
  const user = isUuid(userId)
    ? await ctx.prisma.user.findUnique({ where: { id: userId }, select: { active: true } })
    : null;
  if (!user) return fieldError(field, 'user.noSuchUser', {}, 'NOT_FOUND');
  if (!user.active) return fieldError(field, 'user.isDeactivated', {}, 'NOT_ALLOWED_VALUE');
  return null;
}
