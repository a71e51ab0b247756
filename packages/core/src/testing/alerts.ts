// Alerts with their staff recipients, for tests that check who was alerted: Alert.recipientId is not
// a relation (any recipient kind shares the table), so the users are read beside.
import type { PrismaClient } from '../db/client.js';
import type { Prisma, User } from '../../generated/prisma/client.js';

export type AlertWithRecipient = Awaited<ReturnType<PrismaClient['alert']['findMany']>>[number] & { recipient: User };

/** Staff users' alerts matching `where`, each with its recipient (`orderBy` as Prisma takes it; then by recipient e-mail when `byEmail`). */
export async function staffAlerts(
  prisma: PrismaClient,
  where: Prisma.AlertWhereInput,
  orderBy?: Prisma.AlertOrderByWithRelationInput | Prisma.AlertOrderByWithRelationInput[],
): Promise<AlertWithRecipient[]> {
  const alerts = await prisma.alert.findMany({ where: { AND: [where, { recipientKind: 'USER' }] }, ...(orderBy ? { orderBy } : {}) });
  const users = new Map((await prisma.user.findMany({ where: { id: { in: [...new Set(alerts.map((a) => a.recipientId))] } } })).map((u) => [u.id, u]));
  return alerts.map((a) => ({ ...a, recipient: users.get(a.recipientId)! }));
}
