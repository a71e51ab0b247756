import { CampaignListDocument, type CampaignChannel, type CampaignStatus } from '@rapport/client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../session.js';
import { formatMoney, useT } from '../util.js';
import { NodeTable, useCursorPages } from './paged-list.js';

const STATUSES: CampaignStatus[] = ['PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ABORTED'];
const PAGE = 20;

/** The marketing plugin's campaigns (its menu entry shows only when the plugin is on): newest first, by status, with their reach. */
export function Campaigns() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const pages = useCursorPages();
  const after = pages.after;
  const [{ data, error }] = useQuery({
    query: CampaignListDocument,
    variables: { first: PAGE, ...(after ? { after } : {}), ...(status ? { filter: { status: [status] } } : {}) },
  });
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  const connection = data?.campaigns;
  const day = (value: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(value));
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t('campaigns')}</h1>
      <div className="filters" role="search">
        <label>
          {t('status')}
          <select
            name="campaignStatus"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as CampaignStatus | '');
              pages.reset();
            }}
          >
            <option value="">{t('all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`campaignStatus_${value}`)}
              </option>
            ))}
          </select>
        </label>
        {connection && <span data-testid="campaigns-total">{t('total', { n: connection.totalCount })}</span>}
      </div>
      <NodeTable
        labelledBy="campaigns-title"
        nodes={connection?.edges.map((e) => e.node)}
        columns={[
          { header: t('name'), cell: (node) => node.name },
          { header: t('status'), cell: (node) => t(`campaignStatus_${node.status}`) },
          { header: t('channel'), cell: (node) => t(`channel_${node.channel as CampaignChannel}`) },
          { header: t('period'), cell: (node) => `${day(node.startsAt)} – ${day(node.endsAt)}` },
          { header: t('budget'), cell: (node) => formatMoney(node.budget, locale) },
          { header: t('campaignMembers'), cell: (node) => node.metrics.members },
          { header: t('responses'), cell: (node) => node.metrics.responses },
          { header: t('conversions'), cell: (node) => node.metrics.conversions },
          { header: t('owner'), cell: (node) => node.owner.name },
        ]}
      />
      {pages.pager(connection?.pageInfo)}
    </section>
  );
}
