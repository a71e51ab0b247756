import {
  CustomerEditOptionsDocument,
  ShareCustomerDocument,
  TransferCustomerDocument,
  UpdateCustomerDocument,
  type CustomerDetailQuery,
  type CustomFieldInput,
  type ShareAccess,
} from '@rapport/client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { fieldErrors, useT } from '../util.js';
import { Field } from './CustomerDetail.js';

type Customer = NonNullable<CustomerDetailQuery['customer']>;
type Definition = { key: string; label: string; kind: string; options: string[] };

/** The value a custom field holds, as the text an input shows. */
function shownValue(customer: Customer, key: string): string {
  const value = customer.customFields.find((f) => f.key === key);
  if (!value) return '';
  if ('text' in value) return value.text;
  if ('number' in value) return String(value.number);
  if ('option' in value) return value.option;
  return '';
}

/** The typed input for a custom field the form edits (TEXT, NUMBER and SELECT are edited here). */
function fieldInput(definition: Definition, text: string): CustomFieldInput {
  if (definition.kind === 'NUMBER') return { key: definition.key, ...(text === '' ? {} : { number: Number(text) }) };
  if (definition.kind === 'SELECT') return { key: definition.key, ...(text === '' ? {} : { option: text }) };
  return { key: definition.key, ...(text === '' ? {} : { text }) };
}

const EDITABLE = new Set(['TEXT', 'NUMBER', 'SELECT']);

export function CustomerEdit({ customer, onSaved }: { customer: Customer; onSaved(): void }) {
  const t = useT();
  const [{ data: options }] = useQuery({ query: CustomerEditOptionsDocument });
  const [update, updateCustomer] = useMutation(UpdateCustomerDocument);
  const [name, setName] = useState(customer.name);
  const [phone, setPhone] = useState(customer.phone ?? '');
  const [email, setEmail] = useState(customer.email ?? '');
  const [industry, setIndustry] = useState(customer.industry ?? '');
  const [tags, setTags] = useState<string[]>(customer.tags);
  const definitions = (options?.customFieldDefinitions ?? []).filter((d) => EDITABLE.has(d.kind));
  const [custom, setCustom] = useState<Record<string, string>>({});
  const customValue = (key: string) => custom[key] ?? shownValue(customer, key);
  const errors = fieldErrors(update.error, update.data?.updateCustomer.userErrors);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const customFields = definitions.filter((d) => d.key in custom).map((d) => fieldInput(d, custom[d.key] ?? ''));
    const result = await updateCustomer({
      input: {
        id: customer.id,
        version: customer.version,
        name,
        phone: phone || null,
        email: email || null,
        industry: industry || null,
        tags,
        ...(customFields.length ? { customFields } : {}),
      },
    });
    if (!result.error && !result.data?.updateCustomer.userErrors.length) {
      setSaved(true);
      setCustom({});
      onSaved();
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="edit-title" className="activity-form" noValidate>
      <h2 id="edit-title">{t('editProfile')}</h2>
      <Field label={t('name')} error={errors.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} />
      </Field>
      <Field label={t('phone')} error={errors.phone}>
        <input name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={!!errors.phone} />
      </Field>
      <Field label={t('email')} error={errors.email}>
        <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} />
      </Field>
      <Field label={t('industry')} error={errors.industry}>
        <input name="industry" value={industry} onChange={(e) => setIndustry(e.target.value)} />
      </Field>
      <fieldset>
        <legend>{t('tags')}</legend>
        {options?.tags.map((tag) => (
          <label key={tag.id} className="inline">
            <input
              type="checkbox"
              checked={tags.includes(tag.name)}
              onChange={(e) => setTags(e.target.checked ? [...tags, tag.name] : tags.filter((n) => n !== tag.name))}
            />
            {tag.name}
          </label>
        ))}
        {errors.tags && (
          <span role="alert" className="error field-error">
            {errors.tags}
          </span>
        )}
      </fieldset>
      {definitions.map((definition) => (
        <Field key={definition.key} label={definition.label} error={errors[definition.key]}>
          {definition.kind === 'SELECT' ? (
            <select name={definition.key} value={customValue(definition.key)} onChange={(e) => setCustom({ ...custom, [definition.key]: e.target.value })}>
              <option value="">—</option>
              {definition.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={definition.key}
              inputMode={definition.kind === 'NUMBER' ? 'decimal' : undefined}
              value={customValue(definition.key)}
              onChange={(e) => setCustom({ ...custom, [definition.key]: e.target.value })}
            />
          )}
        </Field>
      ))}
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      {saved && <p role="status">{t('saved')}</p>}
      <button type="submit" disabled={update.fetching}>
        {t('save')}
      </button>
    </form>
  );
}

/** Hand the customer to a colleague (recorded with a reason) or share it with one. */
export function CustomerHandOver({ customer, onSaved }: { customer: Customer; onSaved(): void }) {
  const t = useT();
  const [{ data: options }] = useQuery({ query: CustomerEditOptionsDocument });
  const [transfer, transferCustomer] = useMutation(TransferCustomerDocument);
  const [share, shareCustomer] = useMutation(ShareCustomerDocument);
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [access, setAccess] = useState<ShareAccess>('READ');
  const transferErrors = fieldErrors(transfer.error, transfer.data?.transferCustomer.userErrors);
  const shareErrors = fieldErrors(share.error, share.data?.shareCustomer.userErrors);
  const users = options?.users.edges.map((e) => e.node) ?? [];
  const onTransfer = async (event: FormEvent) => {
    event.preventDefault();
    const result = await transferCustomer({ input: { customerId: customer.id, toUserId: userId, reason } });
    if (!result.error && !result.data?.transferCustomer.userErrors.length) onSaved();
  };
  const onShare = async () => {
    const result = await shareCustomer({ input: { customerId: customer.id, userId, access } });
    if (!result.error && !result.data?.shareCustomer.userErrors.length) onSaved();
  };
  return (
    <form onSubmit={onTransfer} aria-labelledby="handover-title" className="activity-form" noValidate>
      <h2 id="handover-title">{t('shareOrTransfer')}</h2>
      <p>
        {t('sharedWith')}: {customer.shares.map((s) => `${s.user.name} (${s.access})`).join('、') || '—'}
      </p>
      <Field label={t('colleague')} error={transferErrors.toUserId ?? shareErrors.userId}>
        <select name="colleague" value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">—</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('reason')} error={transferErrors.reason}>
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {(transferErrors._ || shareErrors._) && (
        <p role="alert" className="error">
          {transferErrors._ ?? shareErrors._}
        </p>
      )}
      <div className="pager">
        <button type="submit" disabled={transfer.fetching}>
          {t('transfer')}
        </button>
        <select name="access" aria-label={t('access')} value={access} onChange={(e) => setAccess(e.target.value as ShareAccess)}>
          <option value="READ">{t('access_READ')}</option>
          <option value="EDIT">{t('access_EDIT')}</option>
        </select>
        <button type="button" onClick={onShare} disabled={share.fetching}>
          {t('share')}
        </button>
      </div>
    </form>
  );
}
