import { CallListDocument, type CallDirection } from '@rapport/client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { href } from '../router.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { useT } from '../util.js';
import { NodeTable, useCursorPages } from './paged-list.js';

const PAGE = 20;

/** The callcenter plugin's calls (its menu entry shows only when the plugin is on): newest first, inbound or outbound. */
export function Calls() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [direction, setDirection] = useState<CallDirection | ''>('');
  const pages = useCursorPages();
  const after = pages.after;
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
              pages.reset();
            }}
          >
            <option value="">{t('all')}</option>
            <option value="INBOUND">{t('direction_INBOUND')}</option>
            <option value="OUTBOUND">{t('direction_OUTBOUND')}</option>
          </select>
        </label>
        {connection && <span data-testid="calls-total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      <NodeTable
        labelledBy="calls-title"
        nodes={connection?.edges.map((e) => e.node)}
        columns={[
          { header: t('startedAt'), cell: (node) => formatDateTime(node.startedAt, locale, timeZone) },
          { header: t('direction'), cell: (node) => t(`direction_${node.direction}`) },
          { header: t('disposition'), cell: (node) => (node.disposition ? t(`disposition_${node.disposition}`) : '—') },
          { header: t('caller'), cell: (node) => node.fromNumber ?? node.fromRaw },
          { header: t('callee'), cell: (node) => node.toNumber ?? node.toRaw },
          { header: t('customers'), cell: (node) => (node.customer ? <a href={href('customers', node.customer.id)}>{node.customer.name}</a> : '—') },
          { header: t('agent'), cell: (node) => node.agent?.name ?? '—' },
          { header: t('talkTime'), cell: (node) => (node.talkSeconds != null ? t('seconds', { n: node.talkSeconds }) : '—') },
        ]}
      />
      {pages.pager(connection?.pageInfo)}
    </section>
  );
}
