import { ContractListDocument, PipelineBoardDocument } from '@rapport/client';
import { useQuery } from 'urql';
import { useSession } from '../session.js';
import { formatMoney, useT } from '../util.js';

/** The sales plugin's screen (its menu entry shows only when the plugin is on): the pipeline by stage with totals, and contracts with payments. */
export function Sales() {
  const t = useT();
  const { locale } = useSession();
  const [{ data, error }] = useQuery({ query: PipelineBoardDocument, variables: { top: 10 } });
  const [{ data: contracts, error: contractsError }] = useQuery({ query: ContractListDocument, variables: { first: 50 } });
  const failure = error ?? contractsError;
  if (failure) return <p role="alert">{t('error', { message: failure.message })}</p>;
  const columns = data?.pipelineBoard ?? [];
  return (
    <section aria-labelledby="sales-title">
      <h1 id="sales-title">{t('sales')}</h1>
      <h2 id="board-title">{t('pipeline')}</h2>
      <ol className="board" aria-labelledby="board-title">
        {columns.map((column) => (
          <li key={column.stage.id} className="board-column" aria-labelledby={`stage-${column.stage.key}`} data-testid={`stage-${column.stage.key}`}>
            <h3 id={`stage-${column.stage.key}`}>
              {column.stage.name} <small>({column.stage.probability}%)</small>
            </h3>
            <p className="board-totals">
              <span data-testid="stage-count">{t('stageTotal', { n: column.opportunities })}</span>
              <br />
              {t('amount')}: <strong data-testid="stage-amount">{formatMoney(column.amount, locale)}</strong>
              <br />
              {t('weightedAmount')}: {formatMoney(column.weightedAmount, locale)}
            </p>
            <ul className="cards">
              {column.top.map((o) => (
                <li key={o.id} className="card">
                  <strong>{o.name}</strong>
                  <br />
                  <span>{o.customer.name}</span>
                  <br />
                  <span>
                    {formatMoney(o.amount, locale, o.currency)} · {t('expectedClose')} {o.expectedCloseDate}
                  </span>
                  <br />
                  <small>{o.owner.name}</small>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <h2 id="contracts-title">{t('contracts')}</h2>
      {contracts && <p data-testid="contracts-total">{t('total', { n: contracts.contracts.totalCount })}</p>}
      <table aria-labelledby="contracts-title">
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('subject')}</th>
            <th scope="col">{t('customers')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('amount')}</th>
            <th scope="col">{t('received')}</th>
            <th scope="col">{t('outstanding')}</th>
            <th scope="col">{t('overdueAmount')}</th>
            <th scope="col">{t('signedDate')}</th>
          </tr>
        </thead>
        <tbody>
          {contracts?.contracts.edges.map(({ node }) => (
            <tr key={node.id} className={node.overdue && Number(node.overdue) > 0 ? 'breached' : undefined}>
              <td>{node.number}</td>
              <td>{node.title}</td>
              <td>{node.customer.name}</td>
              <td>{t(`contract_${node.status}`)}</td>
              <td>{formatMoney(node.amount, locale, node.currency)}</td>
              <td>{formatMoney(node.received, locale, node.currency)}</td>
              <td>{formatMoney(node.outstanding, locale, node.currency)}</td>
              <td>{formatMoney(node.overdue, locale, node.currency)}</td>
              <td>{node.signedDate ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
