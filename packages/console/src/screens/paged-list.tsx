import { type ReactNode, useState } from 'react';
import { useT } from '../util.js';

/** Cursor paging as the lists page: the cursors walked so far, so "first" goes back and "next" forward. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    after: cursors.at(-1),
    /** Back to the first page (a filter changed). */
    reset: () => setCursors([]),
    pager: (pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined) => (
      <Pager
        hasNext={Boolean(pageInfo?.hasNextPage)}
        onFirst={cursors.length ? () => setCursors([]) : undefined}
        onNext={() => pageInfo?.endCursor && setCursors([...cursors, pageInfo.endCursor])}
      />
    ),
  };
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

export interface Column<Node> {
  header: string;
  cell(node: Node): ReactNode;
}

/** A list's table: one row per node, one cell per column, scrolling sideways on a narrow screen. */
export function NodeTable<Node extends { id: string }>({ labelledBy, columns, nodes }: { labelledBy: string; columns: Column<Node>[]; nodes: Node[] | undefined }) {
  return (
    <div className="table-scroll">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {nodes?.map((node) => (
            <tr key={node.id}>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(node)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
