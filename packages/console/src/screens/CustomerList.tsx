import {
  ClaimCustomerDocument,
  CustomerFilterOptionsDocument,
  CustomerListDocument,
  type CustomerOrderField,
  type CustomerStage,
  type CustomerTier,
} from '@rapport/client';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { DEFAULT_ORDER, NO_FILTERS, toCustomerFilter, type ListFilters, type ListOrder } from '../scenes.js';
import { fieldErrors, useT } from '../util.js';
import { Scenes } from './Scenes.js';

const TIERS: CustomerTier[] = ['A', 'B', 'C', 'D', 'X'];
const STAGES: CustomerStage[] = ['POTENTIAL', 'NEW', 'RETURNING', 'LOYAL', 'DORMANT'];
const PAGE = 20;

export function CustomerList({ pool }: { pool: boolean }) {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const [order, setOrder] = useState<ListOrder>(DEFAULT_ORDER);
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const { search, tier, stage, ownerId, tag, province } = filters;
  const filter = toCustomerFilter(filters, { pool });
  const [{ data, fetching, error }, refetch] = useQuery({
    query: CustomerListDocument,
    variables: { filter, first: PAGE, ...(after ? { after } : {}), orderBy: order },
  });
  const [{ data: options }] = useQuery({ query: CustomerFilterOptionsDocument });
  // Every filter change starts again from the first page.
  const set = <K extends keyof ListFilters,>(key: K) => (value: ListFilters[K]) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setCursors([]);
  };
  const applyScene = (next: ListFilters, nextOrder: ListOrder = DEFAULT_ORDER) => {
    setFilters(next);
    setOrder(nextOrder);
    setCursors([]);
  };
  const sortBy = (field: CustomerOrderField) => {
    setOrder({ field, direction: order.field === field && order.direction === 'ASC' ? 'DESC' : 'ASC' });
    setCursors([]);
  };
  const ariaSort = (field: CustomerOrderField) => (order.field === field ? (order.direction === 'ASC' ? 'ascending' : 'descending') : 'none');
  // A render function, not a component: a component declared here would remount (and lose focus) on each render.
  const sortHeader = (field: CustomerOrderField, label: string, className?: string) => (
    <th scope="col" aria-sort={ariaSort(field)} className={className}>
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
      {!pool && <Scenes filters={filters} order={order} onApply={applyScene} />}
      <div className="filters" role="search">
        <label>
          {t('search')}
          <input
            type="search"
            name="search"
            value={search}
            onChange={(e) => set('search')(e.target.value)}
          />
        </label>
        <label>
          {t('tier')}
          <select
            name="tier"
            value={tier}
            onChange={(e) => set('tier')(e.target.value as CustomerTier | '')}
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
          <select name="stage" value={stage} onChange={(e) => set('stage')(e.target.value as CustomerStage | '')}>
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
            <select name="owner" value={ownerId} onChange={(e) => set('ownerId')(e.target.value)}>
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
          <select name="tag" value={tag} onChange={(e) => set('tag')(e.target.value)}>
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
          <input name="province" value={province} onChange={(e) => set('province')(e.target.value)} />
        </label>
        {connection && <span data-testid="total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      {error && <p role="alert">{t('error', { message: error.message })}</p>}
      {fetching && !data && <p>{t('loading')}</p>}
      <table>
        <thead>
          <tr>
            {sortHeader('CODE', t('code'), 'optional')}
            {sortHeader('NAME', t('name'))}
            {sortHeader('TIER', t('tier'))}
            <th scope="col">{t('stage')}</th>
            <th scope="col" className="optional">{t('owner')}</th>
            <th scope="col" className="optional">{t('region')}</th>
            {sortHeader('LAST_CONTACTED_AT', t('lastContacted'))}
            {pool && <th scope="col" aria-label={t('claim')} />}
          </tr>
        </thead>
        <tbody>
          {connection?.edges.map(({ node }) => (
            <tr key={node.id}>
              <td className="optional">{node.code}</td>
              <td>
                <a href={href('customers', node.id)}>{node.name}</a>
              </td>
              <td>{node.tier}</td>
              <td>{t(`stage_${node.stage}`)}</td>
              <td className="optional">{node.owner?.name ?? '—'}</td>
              <td className="optional">{[node.region.province, node.region.city].filter(Boolean).join(' ')}</td>
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
