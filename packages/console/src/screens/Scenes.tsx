import { CreateSavedViewDocument, DeleteSavedViewDocument, SavedViewsDocument, UpdateSavedViewDocument, type SavedViewFieldsFragment } from '@rapport/client';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { fromCustomerFilter, fromCustomerOrder, reorder, sameFilters, toCustomerFilter, type ListFilters, type ListOrder } from '../scenes.js';
import { fieldErrors, useT } from '../util.js';

/**
 * The customers list's scenes: the built-in ones the graph serves (viewer.builtInSavedViews, named in
 * the reader's language), then the viewer's saved views and those others share; a form saving the
 * current filters and order as a new one, and a panel renaming, sharing, reordering and deleting one's own.
 */
export function Scenes({ filters, order, onApply }: { filters: ListFilters; order: ListOrder; onApply(filters: ListFilters, order?: ListOrder): void }) {
  const t = useT();
  const [{ data }, refetch] = useQuery({ query: SavedViewsDocument });
  const [created, create] = useMutation(CreateSavedViewDocument);
  const [, remove] = useMutation(DeleteSavedViewDocument);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const errors = fieldErrors(created.error, created.data?.createSavedView.userErrors);
  const builtIn = data?.viewer?.builtInSavedViews ?? [];
  const views = data?.viewer?.savedViews ?? [];
  const own = views.filter((v) => v.mine);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSavedName(null);
    const result = await create({ input: { entity: 'CUSTOMER', name, filter: toCustomerFilter(filters), orderBy: order, shared, position: (own.length ? Math.max(...own.map((v) => v.position)) : 0) + 10 } });
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
        {builtIn.map((scene) => (
          <button
            key={scene.key}
            type="button"
            aria-pressed={sameFilters(filters, fromCustomerFilter(scene.filter))}
            onClick={() => onApply(fromCustomerFilter(scene.filter), scene.orderBy ? fromCustomerOrder(scene.orderBy) : undefined)}
          >
            {scene.name}
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
      {own.length > 0 && (
        <details className="manage-scenes">
          <summary>{t('manageScenes')}</summary>
          <ul aria-label={t('manageScenes')}>
            {own.map((view, index) => (
              <ManagedScene key={view.id} view={view} first={index === 0} last={index === own.length - 1} own={own} onChanged={reload} onDelete={() => drop(view.id)} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** One of the viewer's own views: rename, share or not, move up or down, delete. */
function ManagedScene({ view, own, first, last, onChanged, onDelete }: { view: SavedViewFieldsFragment; own: readonly SavedViewFieldsFragment[]; first: boolean; last: boolean; onChanged(): void; onDelete(): void }) {
  const t = useT();
  const [updated, update] = useMutation(UpdateSavedViewDocument);
  const [name, setName] = useState(view.name);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(updated.error, updated.data?.updateSavedView.userErrors);
  const rename = async (event: React.FormEvent) => {
    event.preventDefault();
    setDone(false);
    const result = await update({ input: { id: view.id, version: view.version, name, shared: view.shared } });
    if (result.data?.updateSavedView.savedView) {
      setDone(true);
      onChanged();
    }
  };
  // Shown at once, put back if the graph refuses.
  const [shared, setShared] = useState(view.shared);
  const toggleShared = async (next: boolean) => {
    setShared(next);
    const result = await update({ input: { id: view.id, version: view.version, shared: next } });
    if (result.data?.updateSavedView.savedView) onChanged();
    else setShared(view.shared);
  };
  const move = async (step: -1 | 1) => {
    for (const change of reorder(own, view.id, step)) {
      const target = own.find((v) => v.id === change.id)!;
      const result = await update({ input: { id: target.id, version: target.version, position: change.position } });
      if (!result.data?.updateSavedView.savedView) break;
    }
    onChanged();
  };
  return (
    <li>
      <form onSubmit={rename} className="inline-form">
        <label className={errors.name ? 'field invalid' : 'field'}>
          <input aria-label={t('renameScene', { name: view.name })} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(errors.name)} />
          {errors.name && (
            <span role="alert" className="error">
              {errors.name}
            </span>
          )}
        </label>
        <button type="submit" disabled={updated.fetching || name === view.name}>
          {t('rename')}
        </button>
        <label className="inline">
          <input type="checkbox" checked={shared} disabled={updated.fetching} onChange={(e) => toggleShared(e.target.checked)} />
          {t('shareScene')}
        </label>
        <button type="button" disabled={first || updated.fetching} aria-label={t('moveSceneUp', { name: view.name })} onClick={() => move(-1)}>
          ↑
        </button>
        <button type="button" disabled={last || updated.fetching} aria-label={t('moveSceneDown', { name: view.name })} onClick={() => move(1)}>
          ↓
        </button>
        <button type="button" className="link" onClick={onDelete}>
          {t('delete')}
        </button>
        {(errors._ || errors.version) && (
          <span role="alert" className="error">
            {errors._ ?? errors.version}
          </span>
        )}
        {done && <span role="status">{t('sceneRenamed', { name })}</span>}
      </form>
    </li>
  );
}
