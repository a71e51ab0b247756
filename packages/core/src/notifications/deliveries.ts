// The notification delivery log: who may see which deliveries (admins with user.manage all, everyone
// their own) and the manual redelivery, shaped like the webhooks' (webhooks/service.ts).
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, type Viewer } from '../auth/viewer.js';
import { NOTHING } from '../auth/visibility.js';
import { notFound } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';

/** The row rule of NotificationDelivery: every delivery for user.manage, else the viewer's own. */
export function notificationDeliveriesVisibleTo(viewer: Viewer | null): Prisma.NotificationDeliveryWhereInput {
  if (viewer && can(viewer, 'user.manage')) return {};
  const userId = viewer ? actingUserId(viewer) : null;
  return userId ? { recipientId: userId } : NOTHING;
}

/**
 * Queues a delivery again, due now, with the same id (the e-mail's Message-ID): one more attempt, its
 * earlier attempts still counted. One still PENDING is left as it is: it is queued already (and may be
 * being sent by an instance holding its claim).
 */
export async function redeliverNotification(ctx: ServiceContext, input: { id: string }) {
  const where = { AND: [{ id: input.id }, notificationDeliveriesVisibleTo(ctx.viewer)] };
  const before = isUuid(input.id) ? await ctx.prisma.notificationDelivery.findFirst({ where }) : null;
  if (!before) throw notFound('NotificationDelivery');
  if (before.status === 'PENDING') return before;
  return ctx.prisma.$transaction(async (tx) => {
    const after = await tx.notificationDelivery.update({ where: { id: before.id }, data: { status: 'PENDING', nextAttemptAt: ctx.clock.now() } });
    await recordAudit(tx, ctx, {
      action: 'notificationDelivery.redeliver',
      entity: { type: 'NotificationDelivery', id: before.id },
      before: { status: before.status, attemptCount: before.attemptCount },
      after: { status: after.status },
    });
    return after;
  });
}
