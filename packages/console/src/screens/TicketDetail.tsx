import { ChangeTicketStatusDocument, CommentOnTicketDocument, TicketDetailDocument, type TicketCommentVisibility, type TicketStatus } from '@rapport/client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { fieldErrors, useT } from '../util.js';
import { Field } from './CustomerDetail.js';

const STATUSES: TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];

/** One ticket of the service plugin: its facts and SLA dates, the timeline, a comment form and a status change. */
export function TicketDetail({ id }: { id: string }) {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [{ data, error }] = useQuery({ query: TicketDetailDocument, variables: { id } });
  const [commented, comment] = useMutation(CommentOnTicketDocument);
  const [changed, change] = useMutation(ChangeTicketStatusDocument);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<TicketCommentVisibility>('INTERNAL');
  const commentErrors = fieldErrors(commented.error, commented.data?.commentOnTicket.userErrors);
  const statusErrors = fieldErrors(changed.error, changed.data?.changeTicketStatus.userErrors);
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  const ticket = data?.node?.__typename === 'Ticket' ? data.node : null;
  if (!data) return <p>{t('loading')}</p>;
  if (!ticket) return <p role="alert">{t('hidden')}</p>;
  const when = (value: string | null | undefined) => formatDateTime(value, locale, timeZone);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await comment({ input: { id: ticket.id, body, visibility } });
    if (result.data?.commentOnTicket.ticket) setBody('');
  };
  return (
    <section aria-labelledby="ticket-title">
      <p>
        <a href={href('tickets')}>← {t('tickets')}</a>
      </p>
      <h1 id="ticket-title">
        {ticket.code} {ticket.subject}
      </h1>
      <dl className="profile">
        <dt>{t('status')}</dt>
        <dd data-testid="ticket-status">{t(`ticketStatus_${ticket.status}`)}</dd>
        <dt>{t('priority')}</dt>
        <dd>{t(`ticketPriority_${ticket.priority}`)}</dd>
        <dt>{t('customers')}</dt>
        <dd>
          <a href={href('customers', ticket.customer.id)}>{ticket.customer.name}</a>
        </dd>
        <dt>{t('contacts')}</dt>
        <dd>{ticket.contact?.name ?? '—'}</dd>
        <dt>{t('agent')}</dt>
        <dd>{ticket.assignee?.name ?? '—'}</dd>
        <dt>{t('dueBy')}</dt>
        <dd>
          {when(ticket.resolutionDueAt)} {ticket.breached && <strong>{t('breached')}</strong>}
        </dd>
      </dl>
      {ticket.description && <p className="description">{ticket.description}</p>}
      <Field label={t('changeStatus')} error={statusErrors.status ?? statusErrors._ ?? statusErrors.version}>
        <select
          name="ticketStatus"
          value={ticket.status}
          disabled={changed.fetching}
          onChange={(e) => change({ input: { id: ticket.id, version: ticket.version, status: e.target.value as TicketStatus } })}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`ticketStatus_${status}`)}
            </option>
          ))}
        </select>
      </Field>
      <h2 id="ticket-timeline">{t('timeline')}</h2>
      <ol className="timeline" aria-labelledby="ticket-timeline" data-testid="ticket-timeline">
        {ticket.timeline.edges.map(({ node }) => (
          <li key={node.id}>
            <strong>{t(`ticketEvent_${node.kind}`)}</strong> {when(node.createdAt)} {node.author?.name && `· ${node.author.name}`}
            {node.toStatus && ` → ${t(`ticketStatus_${node.toStatus}`)}`}
            {node.body && <p>{node.body}</p>}
          </li>
        ))}
      </ol>
      <form className="activity-form" onSubmit={submit} aria-labelledby="ticket-comment-title" noValidate>
        <h2 id="ticket-comment-title">{t('addComment')}</h2>
        <Field label={t('body')} error={commentErrors.body}>
          <textarea name="commentBody" value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <label className="inline">
          <input type="checkbox" checked={visibility === 'PUBLIC'} onChange={(e) => setVisibility(e.target.checked ? 'PUBLIC' : 'INTERNAL')} />
          {t('commentPublic')}
        </label>
        {commentErrors._ && (
          <p role="alert" className="error">
            {commentErrors._}
          </p>
        )}
        <button type="submit" disabled={commented.fetching}>
          {t('addComment')}
        </button>
      </form>
    </section>
  );
}
