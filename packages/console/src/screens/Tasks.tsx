import { CompleteActivityDocument, MyTasksDocument, ViewerDocument } from '@rapport/client';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { bucketTasks, formatDateTime } from '../tasks.js';
import { useT } from '../util.js';

export function Tasks() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [{ data: viewer }] = useQuery({ query: ViewerDocument });
  const me = viewer?.viewer?.id;
  const [{ data }, refetch] = useQuery({
    query: MyTasksDocument,
    variables: { filter: { open: true, ...(me ? { assigneeIds: [me] } : {}) }, first: 100 },
    pause: !me,
  });
  const [, complete] = useMutation(CompleteActivityDocument);
  const tasks = data?.activities.edges.map((e) => e.node) ?? [];
  const buckets = bucketTasks(tasks, new Date(), timeZone);
  const done = async (id: string, version: number) => {
    const result = await complete({ input: { id, version } });
    if (!result.error && !result.data?.completeActivity.userErrors.length) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">{t('tasks')}</h1>
      {(['overdue', 'today', 'upcoming'] as const).map((bucket) => (
        <section key={bucket} aria-labelledby={`tasks-${bucket}`} data-testid={`tasks-${bucket}`}>
          <h2 id={`tasks-${bucket}`}>
            {t(bucket)} ({buckets[bucket].length})
          </h2>
          {buckets[bucket].length === 0 && <p>{t('nothing')}</p>}
          <ul>
            {buckets[bucket].map((task) => (
              <li key={task.id}>
                <a href={href('customers', task.customer.id)}>{task.customer.name}</a>: {task.subject}{' '}
                <small>{formatDateTime(task.dueAt, locale, timeZone)}</small>{' '}
                <button type="button" onClick={() => done(task.id, task.version)}>
                  {t('complete')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
