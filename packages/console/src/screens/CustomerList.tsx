import { ClaimCustomerDocument, CustomerListDocument, type CustomerTier } from '@rapport/client';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { fieldErrors, useT } from '../util.js';

const TIERS: CustomerTier[] = ['A', 'B', 'C', 'D', 'X'];
const PAGE = 20;

export function CustomerList({ pool }: { pool: boolean }) {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [search, setSearch] = useState('');
  const [tier, setTier] = useState<CustomerTier | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const filter = { ...(search ? { search } : {}), ...(tier ? { tier: [tier] } : {}), ...(pool ? { inPublicPool: true } : {}) };
  const [{ data, fetching, error }, refetch] = useQuery({
    query: CustomerListDocument,
    variables: { filter, first: PAGE, ...(after ? { after } : {}), orderBy: { field: 'LAST_CONTACTED_AT', direction: 'DESC' } },
  });
  const [claim, claimCustomer] = useMutation(ClaimCustomerDocument);
  const [claimedId, setClaimedId] = useState<string | null>(null);
  const claimErrors = fieldErrors(claim.error);
  const connection = data?.customers;
  const onClaim = async (customerId: string) => {
    setClaimedId(customerId);
    const result = await claimCustomer({ input: { customerId } });
    if (!result.error) refetch({ requestPolicy: 'network-only' });
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
            onChange={(e) => {
              setSearch(e.target.value);
              setCursors([]);
            }}
          />
        </label>
        <label>
          {t('tier')}
          <select
            name="tier"
            value={tier}
            onChange={(e) => {
              setTier(e.target.value as CustomerTier | '');
              setCursors([]);
            }}
          >
            <option value="">{t('allTiers')}</option>
            {TIERS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {connection && <span data-testid="total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      {error && <p role="alert">{t('error', { message: error.message })}</p>}
      {fetching && !data && <p>{t('loading')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('tier')}</th>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('region')}</th>
            <th scope="col">{t('lastContacted')}</th>
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
                    {claimedId === node.id && claim.data ? t('claimed') : t('claim')}
                  </button>
                  {claimedId === node.id && claim.error && (
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
