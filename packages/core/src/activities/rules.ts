/**
 * Rules of tasks (activities with a due time): when two collide, and whom a task alerts besides its
 * assignee. Plain functions; the service reads the rows and applies them.
 */

/** Two open tasks of one person collide when their due times are at most this far apart. */
export const TASK_COLLISION_WINDOW_MINUTES = 30;

/** At most this many further participants on one task. */
export const MAX_TASK_PARTICIPANTS = 20;

const MINUTE = 60_000;

export interface TaskSlot {
  id: string;
  /** Who does it: the assignee, else the owner. */
  ownerId: string;
  assigneeId: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
}

export interface TaskCollision {
  /** The other task. */
  activityId: string;
  dueAt: Date;
  /** How far apart the two due times are, in whole minutes (0 for the same time). */
  minutesApart: number;
}

/** Who a task is for: its assignee, or its owner while unassigned. */
export function responsibleUser(task: Pick<TaskSlot, 'ownerId' | 'assigneeId'>): string {
  return task.assigneeId ?? task.ownerId;
}

/**
 * The due-time window other tasks of the same person must fall into to collide with a task due at
 * `dueAt`: both ends included.
 */
export function collisionWindow(dueAt: Date, windowMinutes = TASK_COLLISION_WINDOW_MINUTES): { from: Date; to: Date } {
  return { from: new Date(dueAt.getTime() - windowMinutes * MINUTE), to: new Date(dueAt.getTime() + windowMinutes * MINUTE) };
}

/**
 * The open tasks of the same person whose due times are within the window of this one's, nearest
 * first. A done task, one without a due time, or the task itself collides with nothing. Only a
 * warning: nothing is refused.
 */
export function taskCollisions(task: TaskSlot, others: readonly TaskSlot[], windowMinutes = TASK_COLLISION_WINDOW_MINUTES): TaskCollision[] {
  if (!task.dueAt || task.completedAt) return [];
  const who = responsibleUser(task);
  const dueAt = task.dueAt.getTime();
  return others
    .filter((o) => o.id !== task.id && !o.completedAt && o.dueAt !== null && responsibleUser(o) === who)
    .map((o) => ({ activityId: o.id, dueAt: o.dueAt as Date, distance: Math.abs((o.dueAt as Date).getTime() - dueAt) }))
    .filter((o) => o.distance <= windowMinutes * MINUTE)
    .sort((a, b) => a.distance - b.distance || a.activityId.localeCompare(b.activityId))
    .map(({ activityId, dueAt: at, distance }) => ({ activityId, dueAt: at, minutesApart: Math.floor(distance / MINUTE) }));
}

/** The participant list as stored: each user once, in the order given. */
export function normalizedParticipants(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Participants who hear that they joined: those new to the list, except the actor (who knows) and
 * the one the task is for (who hears as its assignee). Nobody hears about a done task.
 */
export function participantsToNotify(
  task: { participantIds: readonly string[]; completedAt: Date | null; ownerId: string; assigneeId: string | null },
  previous: readonly string[],
  actorId: string | null,
): string[] {
  if (task.completedAt) return [];
  const before = new Set(previous);
  const who = responsibleUser(task);
  return task.participantIds.filter((id) => !before.has(id) && id !== actorId && id !== who);
}

/** Participants who hear when the task falls due: all but the one it is for (who gets TASK_OVERDUE). */
export function participantsAtDue(task: { participantIds: readonly string[]; ownerId: string; assigneeId: string | null }): string[] {
  const who = responsibleUser(task);
  return task.participantIds.filter((id) => id !== who);
}
