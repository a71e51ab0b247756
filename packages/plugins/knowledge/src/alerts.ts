import type { AlertInput, AlertKindDefinition } from '@rapport/core';

export const ARTICLE_REVIEW_REQUESTED = 'ARTICLE_REVIEW_REQUESTED';
export const ARTICLE_CHANGES_REQUESTED = 'ARTICLE_CHANGES_REQUESTED';
export const ARTICLE_PUBLISHED = 'ARTICLE_PUBLISHED';

export const KNOWLEDGE_ALERT_KINDS = [
  { kind: ARTICLE_REVIEW_REQUESTED, description: 'An article was submitted with you as a reviewer.' },
  { kind: ARTICLE_CHANGES_REQUESTED, description: 'A reviewer sent your article back to draft, with a note.' },
  { kind: ARTICLE_PUBLISHED, description: 'Your article went live (on its last approval, or at its scheduled time).' },
] as const satisfies readonly AlertKindDefinition[];

interface ArticleRef {
  id: string;
  title: string;
  version: number;
}

const about = (article: ArticleRef) => ({ type: 'Article', id: article.id });

export function reviewRequested(article: ArticleRef, reviewerIds: string[], actorId: string): AlertInput[] {
  return reviewerIds
    .filter((id) => id !== actorId)
    .map((recipientId) => ({
      recipientId,
      kind: ARTICLE_REVIEW_REQUESTED,
      title: `Review requested: ${article.title}`,
      entity: about(article),
      dedupeKey: `article-review:${article.id}:v${article.version}:${recipientId}`,
    }));
}

export function changesRequested(article: ArticleRef & { authorId: string | null }, note: string, actorId: string): AlertInput[] {
  if (!article.authorId || article.authorId === actorId) return [];
  return [
    {
      recipientId: article.authorId,
      kind: ARTICLE_CHANGES_REQUESTED,
      title: `Changes requested: ${article.title}`,
      body: note,
      entity: about(article),
      dedupeKey: `article-changes:${article.id}:v${article.version}`,
    },
  ];
}

export function published(article: ArticleRef & { authorId: string | null; latestVersion: number }): AlertInput[] {
  if (!article.authorId) return [];
  return [
    {
      recipientId: article.authorId,
      kind: ARTICLE_PUBLISHED,
      title: `Published: ${article.title}`,
      body: `Version ${article.latestVersion} is live.`,
      entity: about(article),
      dedupeKey: `article-published:${article.id}:${article.latestVersion}`,
    },
  ];
}
