// Splits a rep's open tasks into the three lists "my tasks" shows, cut at the viewer's local midnight.
export interface DatedTask {
  dueAt?: string | null;
}

export interface TaskBuckets<T> {
  overdue: T[];
  today: T[];
  upcoming: T[];
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function bucketTasks<T extends DatedTask>(tasks: readonly T[], now: Date, timeZone: string): TaskBuckets<T> {
  const buckets: TaskBuckets<T> = { overdue: [], today: [], upcoming: [] };
  const today = localDay(now, timeZone);
  for (const task of tasks) {
    if (!task.dueAt) {
      buckets.upcoming.push(task);
      continue;
    }
    const due = new Date(task.dueAt);
    if (due.getTime() < now.getTime()) buckets.overdue.push(task);
    else if (localDay(due, timeZone) === today) buckets.today.push(task);
    else buckets.upcoming.push(task);
  }
  return buckets;
}

/** A short local date-time for lists ("2026/12/02 14:30" in zh-CN). */
export function formatDateTime(value: string | null | undefined, locale: string, timeZone: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
}
