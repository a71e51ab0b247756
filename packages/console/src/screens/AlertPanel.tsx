import { AlertFeedDocument, MarkAlertReadDocument, RecentAlertsDocument, type AlertFeedSubscription } from '@rapport/client';
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { useT } from '../util.js';

type Alert = AlertFeedSubscription['alerts'];

/** The customer an alert is about (`Alert.subject`: the customer, or an activity's customer), for a link. */
function customerOf(subject: Alert['subject']): string | null {
  if (!subject) return null;
  if (subject.__typename === 'Customer') return subject.id;
  return 'customer' in subject ? subject.customer.id : null;
}

/** Unread count and the latest alerts; each alert the subscription pushes shows as a toast too. */
export function AlertPanel() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [{ data }, refetch] = useQuery({ query: RecentAlertsDocument, variables: { first: 10 } });
  const [, markRead] = useMutation(MarkAlertReadDocument);
  const [toasts, setToasts] = useState<Alert[]>([]);
  const [live] = useSubscription({ query: AlertFeedDocument }, (_previous, next) => next);
  useEffect(() => {
    const alert = live.data?.alerts;
    if (!alert) return;
    setToasts((current) => [...current.filter((a) => a.id !== alert.id), alert]);
    refetch({ requestPolicy: 'network-only' });
    const timer = setTimeout(() => setToasts((current) => current.filter((a) => a.id !== alert.id)), 8000);
    return () => clearTimeout(timer);
  }, [live.data]);
  const read = async (id: string) => {
    await markRead({ input: { id } });
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <aside aria-labelledby="alerts-title" className="alerts">
      <h2 id="alerts-title">
        {t('alerts')} <span data-testid="unread-count">{data?.unreadAlertCount ?? 0}</span> {t('unread')}
      </h2>
      {data?.alerts.edges.length === 0 && <p>{t('noAlerts')}</p>}
      <ul>
        {data?.alerts.edges.map(({ node }) => (
          <li key={node.id} className={node.isRead ? 'read' : 'unread'}>
            <strong>{customerOf(node.subject) ? <a href={href('customers', customerOf(node.subject)!)}>{node.title}</a> : node.title}</strong>
            <small> {formatDateTime(node.fireAt, locale, timeZone)}</small>
            {!node.isRead && (
              <button type="button" onClick={() => read(node.id)}>
                {t('markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="toasts" aria-live="polite">
        {toasts.map((alert) => (
          <div key={alert.id} className="toast" role="status" data-testid="toast">
            <strong>{t('newAlert')}</strong> {alert.title}
          </div>
        ))}
      </div>
    </aside>
  );
}
