import { CreateSavedViewDocument, DeleteSavedViewDocument, SavedViewsDocument } from '@rapport/client';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { builtInScenes, fromCustomerFilter, fromCustomerOrder, sameFilters, toCustomerFilter, type ListFilters, type ListOrder } from '../scenes.js';
import { fieldErrors, useT } from '../util.js';

/**
 * The customers list's scenes: the built-in ones, then the viewer's saved views and those others
 * share (kept in the graph), and a form saving the current filters and order as a new one.
 */
export function Scenes({ viewerId, filters, order, onApply }: { viewerId: string | undefined; filters: ListFilters; order: ListOrder; onApply(filters: ListFilters, order?: ListOrder): void }) {
  const t = useT();
  const [{ data }, refetch] = useQuery({ query: SavedViewsDocument });
  const [created, create] = useMutation(CreateSavedViewDocument);
  const [, remove] = useMutation(DeleteSavedViewDocument);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const errors = fieldErrors(created.error, created.data?.createSavedView.userErrors);
  const views = data?.viewer?.savedViews ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSavedName(null);
    const result = await create({ input: { entity: 'CUSTOMER', name, filter: toCustomerFilter(filters), orderBy: order, shared } });
    const view = result.data?.createSavedView.savedView;
    if (view) {
      setSavedName(view.name);
      setName('');
      setShared(false);
      reload();
    }
  };
  const drop = async (id: string) => {
    const result = await remove({ input: { id } });
    if (result.data?.deleteSavedView.deletedSavedViewId) reload();
  };

  return (
    <div className="scenes">
      <div role="group" aria-label={t('scenes')} className="scene-buttons">
        {builtInScenes(viewerId).map((scene) => (
          <button key={scene.key} type="button" aria-pressed={sameFilters(filters, scene.filters)} onClick={() => onApply(scene.filters)}>
            {t(`scene_${scene.key}`)}
          </button>
        ))}
        {views.map((view) => (
          <span key={view.id} className="scene">
            <button type="button" aria-pressed={sameFilters(filters, fromCustomerFilter(view.filter))} onClick={() => onApply(fromCustomerFilter(view.filter), fromCustomerOrder(view.orderBy))}>
              {view.name}
              {!view.mine && <small> ({view.owner.name})</small>}
            </button>
            {view.mine && (
              <button type="button" className="link" aria-label={t('deleteScene', { name: view.name })} onClick={() => drop(view.id)}>
                ×
              </button>
            )}
          </span>
        ))}
      </div>
      <form className="save-scene" onSubmit={save} aria-label={t('saveScene')}>
        <label className={errors.name ? 'field invalid' : 'field'}>
          {t('sceneName')}
          <input name="sceneName" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(errors.name)} />
          {errors.name && (
            <span role="alert" className="error">
              {errors.name}
            </span>
          )}
        </label>
        <label className="inline">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('shareScene')}
        </label>
        <button type="submit" disabled={created.fetching}>
          {t('saveScene')}
        </button>
        {errors._ && (
          <span role="alert" className="error">
            {errors._}
          </span>
        )}
        {savedName && <span role="status">{t('sceneSaved', { name: savedName })}</span>}
      </form>
    </div>
  );
}
