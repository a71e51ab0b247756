import { CampaignListDocument, type CampaignChannel, type CampaignStatus } from '@rapport/client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../session.js';
import { formatMoney, useT } from '../util.js';

const STATUSES: CampaignStatus[] = ['PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ABORTED'];
const PAGE = 20;

/** The marketing plugin's campaigns (its menu entry shows only when the plugin is on): newest first, by status, with their reach. */
export function Campaigns() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [status, setStatus] = useState<CampaignStatus | ''>('');
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
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
              setCursors([]);
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
      <div className="table-scroll">
        <table aria-labelledby="campaigns-title">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('budget')}</th>
              <th scope="col">{t('campaignMembers')}</th>
              <th scope="col">{t('responses')}</th>
              <th scope="col">{t('conversions')}</th>
              <th scope="col">{t('owner')}</th>
            </tr>
          </thead>
          <tbody>
            {connection?.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{node.name}</td>
                <td>{t(`campaignStatus_${node.status}`)}</td>
                <td>{t(`channel_${node.channel as CampaignChannel}`)}</td>
                <td>
                  {day(node.startsAt)} – {day(node.endsAt)}
                </td>
                <td>{formatMoney(node.budget, locale)}</td>
                <td>{node.metrics.members}</td>
                <td>{node.metrics.responses}</td>
                <td>{node.metrics.conversions}</td>
                <td>{node.owner.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager hasNext={Boolean(connection?.pageInfo.hasNextPage)} onFirst={cursors.length ? () => setCursors([]) : undefined} onNext={() => connection?.pageInfo.endCursor && setCursors([...cursors, connection.pageInfo.endCursor])} />
    </section>
  );
}

/** First page / next page, as the customers list pages. */
export function Pager({ hasNext, onFirst, onNext }: { hasNext: boolean; onFirst?: (() => void) | undefined; onNext(): void }) {
  const t = useT();
  return (
    <nav className="pager" aria-label={t('pages')}>
      <button type="button" disabled={!onFirst} onClick={onFirst}>
        {t('first')}
      </button>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        {t('next')}
      </button>
    </nav>
  );
}
