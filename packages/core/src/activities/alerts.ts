import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertMessage } from '../alerts/messages.js';
import { emitAlerts, type AlertInput } from '../alerts/service.js';
import type { Activity, Prisma } from '../../generated/prisma/client.js';
import { participantsAtDue, participantsToNotify } from './rules.js';

const SCHEDULED_KINDS = ['TASK_DUE_SOON', 'TASK_OVERDUE', 'TASK_PARTICIPANT_DUE'];

/** The reminders a task schedules for itself (remindAt, dueAt); jobs that create tasks raise them too. */
export function scheduledAlerts(activity: Activity): AlertInput[] {
  if (activity.completedAt) return [];
  const recipientId = activity.assigneeId ?? activity.ownerId;
  const entity = { type: 'Activity', id: activity.id };
  const alerts: AlertInput[] = [];
  if (activity.remindAt) {
    alerts.push({
      recipientId,
      ...alertMessage(CORE_ALERT_MESSAGES, 'TASK_DUE_SOON', { subject: activity.subject, hasDue: activity.dueAt ? 'yes' : 'no', due: activity.dueAt }),
      entity,
      fireAt: activity.remindAt,
      dedupeKey: `task-due-soon:${activity.id}:${activity.remindAt.toISOString()}`,
    });
  }
  if (activity.dueAt) {
    alerts.push({
      recipientId,
      ...alertMessage(CORE_ALERT_MESSAGES, 'TASK_OVERDUE', { subject: activity.subject }),
      entity,
      fireAt: activity.dueAt,
      dedupeKey: `task-overdue:${activity.id}:${activity.dueAt.toISOString()}`,
    });
    for (const participantId of participantsAtDue(activity)) {
      alerts.push({
        recipientId: participantId,
        ...alertMessage(CORE_ALERT_MESSAGES, 'TASK_PARTICIPANT_DUE', { subject: activity.subject }),
        entity,
        fireAt: activity.dueAt,
        dedupeKey: `task-participant-due:${activity.id}:${participantId}:${activity.dueAt.toISOString()}`,
      });
    }
  }
  return alerts;
}

/**
 * Keeps a follow-up's pending alerts in step with it, in the transaction of the change: reminders
 * at remindAt and dueAt for the assignee (or owner); rescheduling replaces the pending ones, and
 * completing or deleting it cancels them. A new assignee other than the actor hears at once; so does
 * each participant newly added (once per task), and participants hear again when it falls due.
 */
export async function syncTaskAlerts(
  tx: Prisma.TransactionClient,
  activity: Activity,
  options: { actorId: string | null; previousAssigneeId?: string | null; previousParticipantIds?: readonly string[]; now: Date; created?: boolean },
): Promise<void> {
  // A just-created activity has no alerts yet: nothing to cancel.
  if (!options.created) {
    await tx.alert.deleteMany({
      where: { entityType: 'Activity', entityId: activity.id, firedAt: null, kind: { in: SCHEDULED_KINDS } },
    });
  }
  const alerts = scheduledAlerts(activity);
  const newAssignee = activity.assigneeId && activity.assigneeId !== options.previousAssigneeId ? activity.assigneeId : null;
  if (newAssignee && newAssignee !== options.actorId && !activity.completedAt) {
    alerts.push({
      recipientId: newAssignee,
      ...alertMessage(CORE_ALERT_MESSAGES, 'TASK_ASSIGNED', { subject: activity.subject }),
      entity: { type: 'Activity', id: activity.id },
      dedupeKey: `task-assigned:${activity.id}:${newAssignee}:${activity.version}`,
    });
  }
  for (const participantId of participantsToNotify(activity, options.previousParticipantIds ?? [], options.actorId)) {
    alerts.push({
      recipientId: participantId,
      ...alertMessage(CORE_ALERT_MESSAGES, 'TASK_PARTICIPANT_ADDED', { subject: activity.subject, hasDue: activity.dueAt ? 'yes' : 'no', due: activity.dueAt }),
      entity: { type: 'Activity', id: activity.id },
      dedupeKey: `task-participant:${activity.id}:${participantId}`,
    });
  }
  await emitAlerts(tx, alerts, options.now);
}

/** Cancels a deleted follow-up's pending alerts. */
export async function cancelTaskAlerts(tx: Prisma.TransactionClient, activityId: string): Promise<void> {
  await tx.alert.deleteMany({ where: { entityType: 'Activity', entityId: activityId, firedAt: null } });
}
