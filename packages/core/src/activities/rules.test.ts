import { describe, expect, it } from 'vitest';
import { collisionWindow, normalizedParticipants, participantsAtDue, participantsToNotify, taskCollisions, type TaskSlot } from './rules.js';

const at = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00Z`);
const task = (id: string, due: string | null, over: Partial<TaskSlot> = {}): TaskSlot => ({
  id,
  ownerId: 'owner',
  assigneeId: 'rep',
  dueAt: due ? at(due) : null,
  completedAt: null,
  ...over,
});

describe('task collisions', () => {
  const mine = task('new', '10:00');

  it('finds open tasks of the same person due within 30 minutes either side, nearest first', () => {
    const others = [task('a', '10:30'), task('b', '09:45'), task('c', '10:00'), task('d', '10:31'), task('e', '09:29')];
    expect(taskCollisions(mine, others)).toEqual([
      { activityId: 'c', dueAt: at('10:00'), minutesApart: 0 },
      { activityId: 'b', dueAt: at('09:45'), minutesApart: 15 },
      { activityId: 'a', dueAt: at('10:30'), minutesApart: 30 },
    ]);
  });

  it('ignores done tasks, tasks without due time, other people and the task itself', () => {
    const others = [
      task('done', '10:05', { completedAt: at('09:00') }),
      task('undated', null),
      task('colleague', '10:05', { assigneeId: 'colleague' }),
      task('new', '10:00'),
    ];
    expect(taskCollisions(mine, others)).toEqual([]);
  });

  it('treats an unassigned task as its owner’s', () => {
    const unassigned = task('mine', '10:00', { assigneeId: null, ownerId: 'rep' });
    expect(taskCollisions(unassigned, [task('x', '10:10')]).map((c) => c.activityId)).toEqual(['x']);
    expect(taskCollisions(task('y', '10:00'), [unassigned]).map((c) => c.activityId)).toEqual(['mine']);
  });

  it('lets nothing collide with a done or undated task', () => {
    expect(taskCollisions(task('n', null), [task('a', '10:00')])).toEqual([]);
    expect(taskCollisions(task('n', '10:00', { completedAt: at('10:00') }), [task('a', '10:00')])).toEqual([]);
  });

  it('takes a window of the given width around the due time, ends included', () => {
    expect(collisionWindow(at('10:00'))).toEqual({ from: at('09:30'), to: at('10:30') });
    expect(collisionWindow(at('10:00'), 10)).toEqual({ from: at('09:50'), to: at('10:10') });
    expect(taskCollisions(mine, [task('a', '10:15')], 10)).toEqual([]);
  });
});

describe('task participants', () => {
  const base = { participantIds: ['p1', 'p2', 'rep', 'actor'], completedAt: null, ownerId: 'owner', assigneeId: 'rep' };

  it('keeps each participant once, in order', () => {
    expect(normalizedParticipants(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });

  it('notifies the newly added, not the actor, not the assignee, not those already on it', () => {
    expect(participantsToNotify(base, [], 'actor')).toEqual(['p1', 'p2']);
    expect(participantsToNotify(base, ['p1'], 'actor')).toEqual(['p2']);
    expect(participantsToNotify({ ...base, completedAt: at('10:00') }, [], 'actor')).toEqual([]);
  });

  it('alerts every participant but the assignee at the due time', () => {
    expect(participantsAtDue(base)).toEqual(['p1', 'p2', 'actor']);
    expect(participantsAtDue({ ...base, assigneeId: null, ownerId: 'p1' })).toEqual(['p2', 'rep', 'actor']);
  });
});
