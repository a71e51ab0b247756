import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { fieldError, notFound } from '../errors.js';
import type { ServiceContext } from '../service-context.js';
import { userReferenceError } from '../users/service.js';
import { parseInput, throwIfAny } from '../validation.js';
import { customerToShare } from './visibility.js';

const shareInput = z.object({
  customerId: z.string(),
  userId: z.uuid('rule.userId'),
  access: z.enum(['READ', 'EDIT']).default('READ'),
});
const unshareInput = shareInput.omit({ access: true });

/** Gives a colleague READ or EDIT access to a customer and its history (or changes the access given). */
export async function shareCustomer(ctx: ServiceContext, input: z.input<typeof shareInput>) {
  const { customerId, userId, access } = parseInput(shareInput, input);
  const customer = await customerToShare(ctx.prisma, ctx.viewer, customerId);
  throwIfAny([
    await userReferenceError(ctx, 'userId', userId),
    customer.ownerId === userId ? fieldError('userId', 'pool.alreadyOwns') : null,
  ]);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.customerShare.findUnique({ where: { customerId_userId: { customerId, userId } } });
    const share = await tx.customerShare.upsert({
      where: { customerId_userId: { customerId, userId } },
      create: { customerId, userId, access, grantedById: ctx.viewer!.id, createdAt: ctx.clock.now() },
      update: { access, grantedById: ctx.viewer!.id },
    });
    await recordAudit(tx, ctx, { action: 'customer.share', entity: { type: 'Customer', id: customerId }, before, after: share });
    return share;
  });
}

export async function unshareCustomer(ctx: ServiceContext, input: z.input<typeof unshareInput>) {
  const { customerId, userId } = parseInput(unshareInput, input);
  await customerToShare(ctx.prisma, ctx.viewer, customerId);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.customerShare.findUnique({ where: { customerId_userId: { customerId, userId } } });
    if (!before) throw notFound('Share');
    await tx.customerShare.delete({ where: { id: before.id } });
    await recordAudit(tx, ctx, { action: 'customer.unshare', entity: { type: 'Customer', id: customerId }, before });
    return customerId;
  });
}
