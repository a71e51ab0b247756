import { ArticleSearchDocument, type ArticleStatus } from '@rapport/client';
import { useState } from 'react';
import { useQuery } from 'urql';
import { highlightParts } from '../highlight.js';
import { useSession } from '../session.js';
import { formatDateTime } from '../tasks.js';
import { useT } from '../util.js';

function Highlighted({ html }: { html: string }) {
  return (
    <>
      {highlightParts(html).map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}

/** The knowledge plugin's article search (its menu entry shows only when the plugin is on): best match first, matches marked. */
export function Knowledge() {
  const t = useT();
  const { locale, timeZone } = useSession();
  const [text, setText] = useState('');
  const query = text.trim();
  const [{ data, error, fetching }] = useQuery({ query: ArticleSearchDocument, variables: { query, first: 20 }, pause: !query });
  const hits = query ? data?.searchArticles : undefined;
  return (
    <section aria-labelledby="knowledge-title">
      <h1 id="knowledge-title">{t('knowledge')}</h1>
      <div className="filters" role="search">
        <label>
          {t('searchArticles')}
          <input type="search" name="articleSearch" value={text} placeholder={t('searchArticlesHint')} onChange={(e) => setText(e.target.value)} />
        </label>
        {hits && <span data-testid="articles-total">{t('total', { n: hits.totalCount })}</span>}
      </div>
      {error && <p role="alert">{t('error', { message: error.message })}</p>}
      {hits && !fetching && hits.edges.length === 0 && <p role="status">{t('noArticles')}</p>}
      <ol className="hits" aria-labelledby="knowledge-title">
        {hits?.edges.map(({ node, snippet }) => (
          <li key={node.id} data-testid="article-hit">
            <h2>
              {node.title} <small>{node.code}</small>
            </h2>
            <p className="snippet">
              <Highlighted html={snippet} />
            </p>
            <p className="meta">
              {t(`articleStatus_${node.status as ArticleStatus}`)}
              {node.category && ` · ${t('category')}：${node.category.name}`} · {formatDateTime(node.updatedAt, locale, timeZone)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
