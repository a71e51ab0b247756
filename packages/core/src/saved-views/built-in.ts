import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Language } from '../shared/locale.js';

// The scenes every user has, whatever they saved ("my customers", "key accounts", "about to be
// released"): served by the graph beside the user's own views so every front end offers the same
// ones, named in the reader's language. Plain data built from the viewer and the pool's rules.

export const BUILT_IN_VIEW_KEYS = ['ALL', 'MINE', 'KEY_ACCOUNTS', 'RELEASE_SOON'] as const;
export type BuiltInViewKey = (typeof BUILT_IN_VIEW_KEYS)[number];

/** The names of the built-in views, one catalogue per language (zh-CN first). */
export const BUILT_IN_VIEW_NAMES: Readonly<Record<Language, Readonly<Record<BuiltInViewKey, string>>>> = {
  'zh-CN': { ALL: '全部客户', MINE: '我的客户', KEY_ACCOUNTS: '重点客户（A 类）', RELEASE_SOON: '即将掉入公海' },
  en: { ALL: 'All customers', MINE: 'My customers', KEY_ACCOUNTS: 'Key accounts (tier A)', RELEASE_SOON: 'About to be released' },
};

export interface BuiltInView {
  key: BuiltInViewKey;
  entity: 'CUSTOMER';
  name: string;
  /** A CustomerFilter, as a saved view's filter. */
  filter: Record<string, unknown>;
  /** A CustomerOrder, or null for the list's default order. */
  orderBy: Record<string, unknown> | null;
}

/** The days ahead "about to be released" looks: the pool's warning period, or 7 when warnings are off. */
export function releaseSoonDays(warnBeforeReleaseDays: number): number {
  return warnBeforeReleaseDays > 0 ? warnBeforeReleaseDays : 7;
}

/**
 * The built-in customer views of a user (their own id, not global): all customers; theirs; key
 * accounts (tier A); theirs the release job takes within the pool's warning period (longest without contact first).
 */
export function builtInViews(userId: string, language: Language, warnBeforeReleaseDays: number): BuiltInView[] {
  const names = BUILT_IN_VIEW_NAMES[language];
  const me = encodeGlobalID('User', userId);
  const views: Array<Omit<BuiltInView, 'name' | 'entity'>> = [
    { key: 'ALL', filter: {}, orderBy: null },
    { key: 'MINE', filter: { ownerIds: [me] }, orderBy: null },
    { key: 'KEY_ACCOUNTS', filter: { tier: ['A'] }, orderBy: null },
    { key: 'RELEASE_SOON', filter: { ownerIds: [me], releaseDueWithinDays: releaseSoonDays(warnBeforeReleaseDays) }, orderBy: { field: 'LAST_CONTACTED_AT', direction: 'ASC' } },
  ];
  return views.map((view) => ({ ...view, entity: 'CUSTOMER', name: names[view.key] }));
}
