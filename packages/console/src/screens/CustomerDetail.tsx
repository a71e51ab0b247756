import { CreateActivityDocument, CustomerDetailDocument, type ActivityKind, type CustomerDetailQuery } from '@rapport/client';
import { Fragment, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { fieldErrors, useT } from '../util.js';
import { CustomerEdit, CustomerHandOver } from './CustomerEdit.js';

export function CustomerDetail({ id }: { id: string }) {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CustomerDetailDocument, variables: { id } });
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  const customer = data?.customer;
  if (!customer) return <p>{fetching ? t('loading') : null}</p>;
  return (
    <article aria-labelledby="customer-title" className="detail">
      <a href={href('customers')}>← {t('back')}</a>
      <h1 id="customer-title">
        {customer.name} <small>{customer.code}</small>
      </h1>
      <section aria-label={t('profile')} className="profile">
        <dl>
          <dt>{t('tier')}</dt>
          <dd data-testid="tier">{customer.tier}</dd>
          <dt>{t('stage')}</dt>
          <dd>{t(`stage_${customer.stage}`)}</dd>
          <dt>{t('owner')}</dt>
          <dd>{customer.owner?.name ?? t('pool')}</dd>
          <dt>{t('phone')}</dt>
          <dd>{customer.phone ?? '—'}</dd>
          <dt>{t('industry')}</dt>
          <dd>{customer.industry ?? '—'}</dd>
          <dt>{t('region')}</dt>
          <dd>{[customer.region.province, customer.region.city].filter(Boolean).join(' ') || '—'}</dd>
          <dt>{t('lastContacted')}</dt>
          <dd data-testid="last-contacted">{formatDateTime(customer.lastContactedAt, locale, timeZone)}</dd>
          <dt>{t('tags')}</dt>
          <dd data-testid="tags">{customer.tags.join('、') || '—'}</dd>
          {customer.customFields.map((field) => (
            <Fragment key={field.key}>
              <dt>{field.definition.label}</dt>
              <dd>{customFieldText(field)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t('contacts')}</h2>
        <ul>
          {customer.contacts.map((contact) => (
            <li key={contact.id}>
              {contact.name} {contact.title && <small>{contact.title}</small>} {contact.phone}
            </li>
          ))}
        </ul>
      </section>
      <ActivityForm customerId={customer.id} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
      <CustomerEdit key={customer.version} customer={customer} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
      <CustomerHandOver customer={customer} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol className="timeline" data-testid="timeline">
          {customer.activities.edges.map(({ node }) => (
            <li key={node.id}>
              <strong>{t(`kind_${node.kind}`)}</strong> {node.subject}{' '}
              <small>
                {formatDateTime(node.completedAt ?? node.dueAt ?? node.createdAt, locale, timeZone)} · {node.owner.name}
              </small>
              {node.body && <p>{node.body}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="tier-title">
        <h2 id="tier-title">{t('tierHistory')}</h2>
        <ul>
          {customer.tierHistory.edges.map(({ node }, index) => (
            <li key={index}>
              {formatDateTime(node.at, locale, timeZone)}: {node.fromTier ?? '—'} → {node.toTier} ({node.reason})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stage-title">
        <h2 id="stage-title">{t('stageHistory')}</h2>
        <ul data-testid="stage-history">
          {customer.stageHistory.edges.map(({ node }, index) => (
            <li key={index}>
              {formatDateTime(node.at, locale, timeZone)}: {node.fromStage ? t(`stage_${node.fromStage}`) : '—'} → {t(`stage_${node.toStage}`)} ({node.reason})
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

const KINDS: ActivityKind[] = ['CALL', 'VISIT', 'EMAIL', 'MEETING', 'NOTE', 'TASK'];

/** Log what happened (completed now) or schedule a follow-up (a TASK with due and remind times). */
function ActivityForm({ customerId, onSaved }: { customerId: string; onSaved(): void }) {
  const t = useT();
  const [kind, setKind] = useState<ActivityKind>('CALL');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [remindAt, setRemindAt] = useState('');
  const [result, create] = useMutation(CreateActivityDocument);
  const errors = fieldErrors(result.error, result.data?.createActivity.userErrors);
  const scheduled = kind === 'TASK';
  const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await create({
      input: {
        customerId,
        kind,
        subject,
        ...(body ? { body } : {}),
        ...(scheduled ? { dueAt: toInstant(dueAt), remindAt: toInstant(remindAt) } : { completedAt: new Date().toISOString() }),
      },
    });
    if (!outcome.error && !outcome.data?.createActivity.userErrors.length) {
      setSubject('');
      setBody('');
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="log-title" className="activity-form" noValidate>
      <h2 id="log-title">{t('logActivity')}</h2>
      <label>
        {t('kind')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)}>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`kind_${value}`)}
            </option>
          ))}
        </select>
      </label>
      <Field label={t('subject')} error={errors.subject}>
        <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} aria-invalid={!!errors.subject} />
      </Field>
      <Field label={t('body')} error={errors.body}>
        <textarea name="body" value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      {scheduled && (
        <>
          <Field label={t('dueAt')} error={errors.dueAt}>
            <input name="dueAt" type="datetime-local" step="1" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
          </Field>
          <Field label={t('remindAt')} error={errors.remindAt}>
            <input name="remindAt" type="datetime-local" step="1" value={remindAt} onChange={(e) => setRemindAt(e.target.value)} />
          </Field>
        </>
      )}
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      <button type="submit" disabled={result.fetching}>
        {t('save')}
      </button>
    </form>
  );
}

export function Field({ label, error, children }: { label: string; error?: string | undefined; children: React.ReactNode }) {
  return (
    <label className={error ? 'field invalid' : 'field'}>
      {label}
      {children}
      {error && (
        <span role="alert" className="error field-error">
          {error}
        </span>
      )}
    </label>
  );
}

type CustomFieldShown = NonNullable<CustomerDetailQuery['customer']>['customFields'][number];

function customFieldText(field: CustomFieldShown): string {
  if ('text' in field) return field.text;
  if ('number' in field) return String(field.number);
  if ('option' in field) return field.option;
  if ('options' in field) return field.options.join('、');
  if ('date' in field) return field.date;
  if ('boolean' in field) return field.boolean ? '✓' : '✗';
  return '';
}
