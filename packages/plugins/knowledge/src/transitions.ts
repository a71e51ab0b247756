import type { ArticleStatus, Messages } from '@rapport/core';
import { knowledge } from './messages.js';

/**
 * How an article's status changes, each by its own mutation:
 * - submit: an author sends a draft to its reviewers;
 * - requestChanges: a reviewer sends it back (or the author withdraws it);
 * - publish: the last approval (or the publish job, at `publishAt`) puts it live;
 * - revise: a live or archived article goes back to a draft to be edited (restoring a version does too);
 * - archive: by a reviewer, or by the publish job at `expireAt`.
 */
export type ArticleAction = 'submit' | 'requestChanges' | 'publish' | 'revise' | 'archive';

/** Every allowed transition and the one action that makes it. Anything missing is not allowed. */
export const TRANSITIONS: Readonly<Record<ArticleStatus, Partial<Record<ArticleStatus, ArticleAction>>>> = {
  DRAFT: { IN_REVIEW: 'submit' },
  IN_REVIEW: { DRAFT: 'requestChanges', PUBLISHED: 'publish' },
  PUBLISHED: { DRAFT: 'revise', ARCHIVED: 'archive' },
  ARCHIVED: { DRAFT: 'revise' },
};

/** Why `action` cannot take an article from `from` to `to` (in every language), or null when it can. */
export function transitionProblem(from: ArticleStatus, to: ArticleStatus, action: ArticleAction): Messages | null {
  if (from === to) return knowledge.texts('knowledge.article.alreadyStatus', { status: from });
  const via = TRANSITIONS[from][to];
  if (via === action) return null;
  if (via) return knowledge.texts('knowledge.article.useAction', { from, to, via });
  const targets = Object.keys(TRANSITIONS[from]).join(', ');
  return knowledge.texts('knowledge.article.notAllowed', { from, to, targets });
}

/** Only drafts are edited: what reviewers approve is what gets published. */
export function isEditable(status: ArticleStatus): boolean {
  return status === 'DRAFT';
}
