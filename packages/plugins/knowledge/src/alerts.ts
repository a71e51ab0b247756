import { alertMessage, type AlertCatalogue, type AlertInput, type AlertKindDefinition, type AlertText } from '@rapport/core';

export const ARTICLE_REVIEW_REQUESTED = 'ARTICLE_REVIEW_REQUESTED';
export const ARTICLE_CHANGES_REQUESTED = 'ARTICLE_CHANGES_REQUESTED';
export const ARTICLE_PUBLISHED = 'ARTICLE_PUBLISHED';

export const KNOWLEDGE_ALERT_KINDS = [
  { kind: ARTICLE_REVIEW_REQUESTED, description: 'An article was submitted with you as a reviewer.' },
  { kind: ARTICLE_CHANGES_REQUESTED, description: 'A reviewer sent your article back to draft, with a note.' },
  { kind: ARTICLE_PUBLISHED, description: 'Your article went live (on its last approval, or at its scheduled time).' },
] as const satisfies readonly AlertKindDefinition[];

/** The knowledge plugin's alert texts in zh-CN and en (ICU MessageFormat, see @rapport/core alertMessage). */
const zhCN = {
  [ARTICLE_REVIEW_REQUESTED]: { title: '待你审阅：{article}' },
  [ARTICLE_CHANGES_REQUESTED]: { title: '需要修改：{article}', body: '{note}' },
  [ARTICLE_PUBLISHED]: { title: '已发布：{article}', body: '第 {version} 版已上线。' },
} as const satisfies Record<string, AlertText>;

const en: Record<keyof typeof zhCN, AlertText> = {
  [ARTICLE_REVIEW_REQUESTED]: { title: 'Review requested: {article}' },
  [ARTICLE_CHANGES_REQUESTED]: { title: 'Changes requested: {article}', body: '{note}' },
  [ARTICLE_PUBLISHED]: { title: 'Published: {article}', body: 'Version {version} is live.' },
};

export const KNOWLEDGE_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };

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
      ...alertMessage(KNOWLEDGE_ALERT_MESSAGES, ARTICLE_REVIEW_REQUESTED, { article: article.title }),
      entity: about(article),
      dedupeKey: `article-review:${article.id}:v${article.version}:${recipientId}`,
    }));
}

export function changesRequested(article: ArticleRef & { authorId: string | null }, note: string, actorId: string): AlertInput[] {
  if (!article.authorId || article.authorId === actorId) return [];
  return [
    {
      recipientId: article.authorId,
      ...alertMessage(KNOWLEDGE_ALERT_MESSAGES, ARTICLE_CHANGES_REQUESTED, { article: article.title, note }),
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
      ...alertMessage(KNOWLEDGE_ALERT_MESSAGES, ARTICLE_PUBLISHED, { article: article.title, version: article.latestVersion }),
      entity: about(article),
      dedupeKey: `article-published:${article.id}:${article.latestVersion}`,
    },
  ];
}
