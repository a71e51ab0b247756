import { TicketQueueDocument } from '@rapport/client';
import { useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { useT } from '../util.js';

/** The service plugin's open-ticket queue (its menu entry shows only when the plugin is on). */
export function Tickets() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [{ data, error }] = useQuery({
    query: TicketQueueDocument,
    variables: { filter: { status: ['NEW', 'OPEN', 'PENDING'] }, first: 50 },
  });
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  return (
    <section aria-labelledby="tickets-title">
      <h1 id="tickets-title">{t('tickets')}</h1>
      {data && <p>{t('total', { n: data.tickets.totalCount })}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('subject')}</th>
            <th scope="col">{t('customers')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('priority')}</th>
            <th scope="col">{t('dueBy')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.tickets.edges.map(({ node }) => (
            <tr key={node.id} className={node.breached ? 'breached' : undefined}>
              <td>{node.code}</td>
              <td>
                <a href={href('tickets', node.id)}>{node.subject}</a>
              </td>
              <td>{node.customer.name}</td>
              <td>{t(`ticketStatus_${node.status}`)}</td>
              <td>{t(`ticketPriority_${node.priority}`)}</td>
              <td>
                {formatDateTime(node.resolutionDueAt, locale, timeZone)} {node.breached && <strong>{t('breached')}</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
