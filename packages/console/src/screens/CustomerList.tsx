import {
  ClaimCustomerDocument,
  CustomerFilterOptionsDocument,
  CustomerListDocument,
  type CustomerOrderField,
  type CustomerStage,
  type CustomerTier,
  type SortDirection,
} from '@rapport/client';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { fieldErrors, useT } from '../util.js';

const TIERS: CustomerTier[] = ['A', 'B', 'C', 'D', 'X'];
const STAGES: CustomerStage[] = ['POTENTIAL', 'NEW', 'RETURNING', 'LOYAL', 'DORMANT'];
const PAGE = 20;

export function CustomerList({ pool }: { pool: boolean }) {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [search, setSearch] = useState('');
  const [tier, setTier] = useState<CustomerTier | ''>('');
  const [stage, setStage] = useState<CustomerStage | ''>('');
  const [ownerId, setOwnerId] = useState('');
  const [tag, setTag] = useState('');
  const [province, setProvince] = useState('');
  const [order, setOrder] = useState<{ field: CustomerOrderField; direction: SortDirection }>({ field: 'LAST_CONTACTED_AT', direction: 'DESC' });
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const filter = {
    ...(search ? { search } : {}),
    ...(tier ? { tier: [tier] } : {}),
    ...(stage ? { stage: [stage] } : {}),
    ...(ownerId ? { ownerIds: [ownerId] } : {}),
    ...(tag ? { tagsAny: [tag] } : {}),
    ...(province ? { province } : {}),
    ...(pool ? { inPublicPool: true } : {}),
  };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: CustomerListDocument,
    variables: { filter, first: PAGE, ...(after ? { after } : {}), orderBy: order },
  });
  const [{ data: options }] = useQuery({ query: CustomerFilterOptionsDocument });
  // Every filter change starts again from the first page.
  const set = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    setCursors([]);
  };
  const sortBy = (field: CustomerOrderField) =>
    set(setOrder)({ field, direction: order.field === field && order.direction === 'ASC' ? 'DESC' : 'ASC' });
  const ariaSort = (field: CustomerOrderField) => (order.field === field ? (order.direction === 'ASC' ? 'ascending' : 'descending') : 'none');
  // A render function, not a component: a component declared here would remount (and lose focus) on each render.
  const sortHeader = (field: CustomerOrderField, label: string) => (
    <th scope="col" aria-sort={ariaSort(field)}>
      <button type="button" className="link" onClick={() => sortBy(field)}>
        {label} {order.field === field ? (order.direction === 'ASC' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  const [claim, claimCustomer] = useMutation(ClaimCustomerDocument);
  const [claimedId, setClaimedId] = useState<string | null>(null);
  const claimErrors = fieldErrors(claim.error, claim.data?.claimCustomer.userErrors);
  const connection = data?.customers;
  const onClaim = async (customerId: string) => {
    setClaimedId(customerId);
    const result = await claimCustomer({ input: { customerId } });
    if (!result.error && !result.data?.claimCustomer.userErrors.length) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{pool ? t('pool') : t('customers')}</h1>
      <div className="filters" role="search">
        <label>
          {t('search')}
          <input
            type="search"
            name="search"
            value={search}
            onChange={(e) => set(setSearch)(e.target.value)}
          />
        </label>
        <label>
          {t('tier')}
          <select
            name="tier"
            value={tier}
            onChange={(e) => set(setTier)(e.target.value as CustomerTier | '')}
          >
            <option value="">{t('allTiers')}</option>
            {TIERS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stage')}
          <select name="stage" value={stage} onChange={(e) => set(setStage)(e.target.value as CustomerStage | '')}>
            <option value="">{t('all')}</option>
            {STAGES.map((value) => (
              <option key={value} value={value}>
                {t(`stage_${value}`)}
              </option>
            ))}
          </select>
        </label>
        {!pool && (
          <label>
            {t('owner')}
            <select name="owner" value={ownerId} onChange={(e) => set(setOwnerId)(e.target.value)}>
              <option value="">{t('all')}</option>
              {options?.users.edges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('tags')}
          <select name="tag" value={tag} onChange={(e) => set(setTag)(e.target.value)}>
            <option value="">{t('all')}</option>
            {options?.tags.map((option) => (
              <option key={option.id} value={option.name}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('province')}
          <input name="province" value={province} onChange={(e) => set(setProvince)(e.target.value)} />
        </label>
        {connection && <span data-testid="total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      {error && <p role="alert">{t('error', { message: error.message })}</p>}
      {fetching && !data && <p>{t('loading')}</p>}
      <table>
        <thead>
          <tr>
            {sortHeader('CODE', t('code'))}
            {sortHeader('NAME', t('name'))}
            {sortHeader('TIER', t('tier'))}
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('region')}</th>
            {sortHeader('LAST_CONTACTED_AT', t('lastContacted'))}
            {pool && <th scope="col" aria-label={t('claim')} />}
          </tr>
        </thead>
        <tbody>
          {connection?.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.code}</td>
              <td>
                <a href={href('customers', node.id)}>{node.name}</a>
              </td>
              <td>{node.tier}</td>
              <td>{t(`stage_${node.stage}`)}</td>
              <td>{node.owner?.name ?? '—'}</td>
              <td>{[node.region.province, node.region.city].filter(Boolean).join(' ')}</td>
              <td>{formatDateTime(node.lastContactedAt, locale, timeZone)}</td>
              {pool && (
                <td>
                  <button type="button" disabled={claim.fetching} onClick={() => onClaim(node.id)}>
                    {claimedId === node.id && claim.data?.claimCustomer.customer ? t('claimed') : t('claim')}
                  </button>
                  {claimedId === node.id && Object.keys(claimErrors).length > 0 && (
                    <span role="alert" className="error" data-testid="claim-error">
                      {Object.values(claimErrors).join(' ')}
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={!cursors.length} onClick={() => setCursors([])}>
          {t('first')}
        </button>
        <button
          type="button"
          disabled={!connection?.pageInfo.hasNextPage}
          onClick={() => connection?.pageInfo.endCursor && setCursors([...cursors, connection.pageInfo.endCursor])}
        >
          {t('next')}
        </button>
      </div>
    </section>
  );
}
