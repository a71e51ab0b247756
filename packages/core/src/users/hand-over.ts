// Hand-over: when an owner leaves, their successor takes their customers (within the per-owner maximum;
// the surplus goes to the public pool), their open tasks and whatever plugins hand over (open tickets),
// in the transaction that deactivates them. Every moved row gets its transfer row and audit entry.
import { recordAuditMany, type AuditContext, type AuditedChange } from '../audit/service.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { handOverSplit } from './rules.js';

type Db = Prisma.TransactionClient;

export interface HandOverPeople {
  from: { id: string; email: string; name: string };
  to: { id: string; email: string; name: string };
  /** The user doing it (null for code acting on its own). */
  actorId: string | null;
  at: Date;
}

/** A plugin's part of a hand-over, reported in deactivateUser's payload, e.g. `{ kind: 'openTickets', count: 3 }`. */
export interface HandOverPart {
  kind: string;
  count: number;
}

/**
 * Runs inside deactivateUser's transaction after core moved customers and tasks: move the plugin's open
 * work from `people.from` to `people.to`, audit each row with `audit`, and report what moved.
 */
export type UserHandOverHook = (
  tx: Db,
  people: HandOverPeople,
  audit: (changes: readonly AuditedChange[]) => Promise<void>,
) => Promise<HandOverPart[]>;

export interface HandOverResult {
  customersToSuccessor: number;
  customersToPool: number;
  openTasks: number;
  parts: HandOverPart[];
}

/** What a user would hand over, to require a successor only when there is something to take. */
export async function pendingHandOver(db: Db, userId: string): Promise<{ customers: number; openTasks: number }> {
  const [customers, openTasks] = await Promise.all([
    db.customer.count({ where: { ownerId: userId } }),
    db.activity.count({ where: openTasksOf(userId) }),
  ]);
  return { customers, openTasks };
}

function openTasksOf(userId: string): Prisma.ActivityWhereInput {
  return { completedAt: null, dueAt: { not: null }, OR: [{ ownerId: userId }, { assigneeId: userId }] };
}

export async function handOver(
  tx: Db,
  ctx: AuditContext,
  people: HandOverPeople,
  maxOwnedCustomers: number,
  hooks: readonly UserHandOverHook[],
): Promise<HandOverResult> {
  const audit = (changes: readonly AuditedChange[]) => recordAuditMany(tx, ctx, changes);
  // The successor's portfolio is locked like a claim's, so no concurrent claim slips past the maximum.
  await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${people.to.id}::uuid FOR UPDATE`;
  const customers = await moveCustomers(tx, people, maxOwnedCustomers, audit);
  const openTasks = await moveOpenTasks(tx, people, audit);
  const parts: HandOverPart[] = [];
  for (const hook of hooks) parts.push(...(await hook(tx, people, audit)));
  return { ...customers, openTasks, parts };
}

async function moveCustomers(tx: Db, people: HandOverPeople, max: number, audit: (c: readonly AuditedChange[]) => Promise<void>) {
  const { from, to, actorId, at } = people;
  // The successor keeps the most recently contacted ones; the least followed-up go to the pool.
  const owned = await tx.customer.findMany({
    where: { ownerId: from.id },
    select: { id: true, name: true, ownerId: true, version: true },
    orderBy: [{ lastContactedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  });
  const successorOwns = await tx.customer.count({ where: { ownerId: to.id } });
  const { toSuccessor } = handOverSplit(owned.length, successorOwns, max);
  const kept = owned.slice(0, toSuccessor);
  const pooled = owned.slice(toSuccessor);
  const reason = `hand-over: ${from.name} (${from.email}) deactivated`;
  const poolReason = `${reason}; ${to.name} already owns the most one may (${max})`;
  for (const [rows, ownerId] of [[kept, to.id], [pooled, null]] as const) {
    if (rows.length === 0) continue;
    await tx.customer.updateMany({ where: { id: { in: rows.map((c) => c.id) }, ownerId: from.id }, data: { ownerId, version: { increment: 1 }, updatedAt: at } });
  }
  await tx.customerTransfer.createMany({
    data: [
      ...kept.map((c) => ({ customerId: c.id, kind: 'HAND_OVER' as const, fromUserId: from.id, toUserId: to.id, actorId, at, reason })),
      ...pooled.map((c) => ({ customerId: c.id, kind: 'RELEASE' as const, fromUserId: from.id, toUserId: null, actorId, at, reason: poolReason })),
    ],
  });
  await audit([
    ...kept.map((c) => ({ action: 'customer.handOver', entity: { type: 'Customer', id: c.id }, before: c, after: { ...c, ownerId: to.id, version: c.version + 1 } })),
    ...pooled.map((c) => ({ action: 'customer.release', entity: { type: 'Customer', id: c.id }, before: c, after: { ...c, ownerId: null, version: c.version + 1, reason: poolReason } })),
  ]);
  return { customersToSuccessor: kept.length, customersToPool: pooled.length };
}

async function moveOpenTasks(tx: Db, people: HandOverPeople, audit: (c: readonly AuditedChange[]) => Promise<void>): Promise<number> {
  const { from, to, at } = people;
  const tasks = await tx.activity.findMany({ where: openTasksOf(from.id), select: { id: true, subject: true, ownerId: true, assigneeId: true, version: true } });
  if (tasks.length === 0) return 0;
  const ids = tasks.map((t) => t.id);
  await tx.activity.updateMany({ where: { id: { in: ids }, ownerId: from.id }, data: { ownerId: to.id } });
  await tx.activity.updateMany({ where: { id: { in: ids }, assigneeId: from.id }, data: { assigneeId: to.id } });
  await tx.activity.updateMany({ where: { id: { in: ids } }, data: { version: { increment: 1 }, updatedAt: at } });
  // Reminders not yet fired go to whoever now does the task.
  await tx.alert.updateMany({ where: { recipientKind: 'USER', recipientId: from.id, firedAt: null, entityType: 'Activity', entityId: { in: ids } }, data: { recipientId: to.id } });
  const moved = (id: string | null) => (id === from.id ? to.id : id);
  await audit(
    tasks.map((t) => ({
      action: 'activity.handOver',
      entity: { type: 'Activity', id: t.id },
      before: t,
      after: { ...t, ownerId: moved(t.ownerId), assigneeId: moved(t.assigneeId), version: t.version + 1 },
    })),
  );
  return tasks.length;
}
