import { CallListDocument, type CallDirection } from '@rapport/client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { useT } from '../util.js';
import { Pager } from './Campaigns.js';

const PAGE = 20;

/** The callcenter plugin's calls (its menu entry shows only when the plugin is on): newest first, inbound or outbound. */
export function Calls() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [direction, setDirection] = useState<CallDirection | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const [{ data, error }] = useQuery({
    query: CallListDocument,
    variables: { first: PAGE, ...(after ? { after } : {}), ...(direction ? { filter: { direction } } : {}) },
  });
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  const connection = data?.calls;
  return (
    <section aria-labelledby="calls-title">
      <h1 id="calls-title">{t('calls')}</h1>
      <div className="filters" role="search">
        <label>
          {t('direction')}
          <select
            name="callDirection"
            value={direction}
            onChange={(e) => {
              setDirection(e.target.value as CallDirection | '');
              setCursors([]);
            }}
          >
            <option value="">{t('all')}</option>
            <option value="INBOUND">{t('direction_INBOUND')}</option>
            <option value="OUTBOUND">{t('direction_OUTBOUND')}</option>
          </select>
        </label>
        {connection && <span data-testid="calls-total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      <div className="table-scroll">
        <table aria-labelledby="calls-title">
          <thead>
            <tr>
              <th scope="col">{t('startedAt')}</th>
              <th scope="col">{t('direction')}</th>
              <th scope="col">{t('disposition')}</th>
              <th scope="col">{t('caller')}</th>
              <th scope="col">{t('callee')}</th>
              <th scope="col">{t('customers')}</th>
              <th scope="col">{t('agent')}</th>
              <th scope="col">{t('talkTime')}</th>
            </tr>
          </thead>
          <tbody>
            {connection?.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatDateTime(node.startedAt, locale, timeZone)}</td>
                <td>{t(`direction_${node.direction}`)}</td>
                <td>{node.disposition ? t(`disposition_${node.disposition}`) : '—'}</td>
                <td>{node.fromNumber ?? node.fromRaw}</td>
                <td>{node.toNumber ?? node.toRaw}</td>
                <td>{node.customer ? <a href={href('customers', node.customer.id)}>{node.customer.name}</a> : '—'}</td>
                <td>{node.agent?.name ?? '—'}</td>
                <td>{node.talkSeconds != null ? t('seconds', { n: node.talkSeconds }) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager hasNext={Boolean(connection?.pageInfo.hasNextPage)} onFirst={cursors.length ? () => setCursors([]) : undefined} onNext={() => connection?.pageInfo.endCursor && setCursors([...cursors, connection.pageInfo.endCursor])} />
    </section>
  );
}
