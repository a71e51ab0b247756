import { z } from 'zod';
import {
  conflict,
  InputError,
  isUuid,
  notFound,
  parseInput,
  emitAlerts,
  recordAudit,
  rules,
  throwIfAny,
  throwMissingOrStale,
  ArticleVisibility,
  type ArticleStatus,
  type ErrorParams,
  type FieldError,
  type Prisma,
  type PrismaClient,
  type ServiceContext,
} from '@rapport/core';
import { isReviewerRole, requireAuthor, requireReviewer, requireWriter } from './access.js';
import { changesRequested, published, reviewRequested } from './alerts.js';
import { articlesVisibleTo } from './audience.js';
import type { KnowledgeConfig } from './config.js';
import { compareArticleVersions, type VersionComparison } from './diff.js';
import { renderMarkdown } from './render.js';
import { isEditable, transitionProblem, type ArticleAction } from './transitions.js';
import { knowledge, type KnowledgeMessageKey } from './messages.js';

export type Article = Prisma.ArticleModel;
export type ArticleVersionRow = Prisma.ArticleVersionModel;
type Tx = Prisma.TransactionClient;

const version = z.number().int().min(1);
const reference = (what: string) => z.uuid(knowledge.stored('knowledge.idOf', { what }));
const language = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, knowledge.key('knowledge.languageTag'))
  .max(35);

const content = {
  title: rules.requiredText(200),
  summary: rules.optionalText(1_000),
  body: z.string().max(200_000, knowledge.key('knowledge.maxCharacters')),
  categoryId: reference('category').nullish(),
  tags: rules.tags,
  language,
  visibility: z.enum(ArticleVisibility),
  publishAt: z.date().nullish(),
  expireAt: z.date().nullish(),
};

const scheduleOrder = <T extends { publishAt?: Date | null; expireAt?: Date | null }>(value: T, ctx: z.RefinementCtx) => {
  if (value.publishAt && value.expireAt && value.expireAt <= value.publishAt) {
    ctx.addIssue({ code: 'custom', path: ['expireAt'], message: knowledge.key('knowledge.afterPublishAt') });
  }
};

const createArticleInput = z
  .object({ ...content, tags: content.tags.default([]), language: content.language.default('en'), visibility: content.visibility.default('INTERNAL') })
  .superRefine(scheduleOrder);
const updateArticleInput = z
  .object({
    id: z.string(),
    version,
    title: content.title.optional(),
    summary: content.summary,
    body: content.body.optional(),
    categoryId: content.categoryId,
    tags: content.tags.optional(),
    language: content.language.optional(),
    visibility: content.visibility.optional(),
    publishAt: content.publishAt,
    expireAt: content.expireAt,
  })
  .superRefine(scheduleOrder);
const submitInput = z.object({ id: z.string(), version, reviewerIds: z.array(reference('user')).min(1, knowledge.key('knowledge.article.nameReviewer')).max(10) });
const idAndVersion = z.object({ id: z.string(), version });
const requestChangesInput = z.object({ id: z.string(), version, note: rules.requiredText(2_000) });
const scheduleInput = z
  .object({ id: z.string(), version, publishAt: content.publishAt, expireAt: content.expireAt })
  .superRefine(scheduleOrder);
const restoreInput = z.object({ id: z.string(), version, versionNumber: z.number().int().min(1) });

export type CreateArticleInput = z.input<typeof createArticleInput>;
export type UpdateArticleInput = z.input<typeof updateArticleInput>;
export type SubmitArticleInput = z.input<typeof submitInput>;
export type ArticleIdAndVersion = z.input<typeof idAndVersion>;
export type RequestArticleChangesInput = z.input<typeof requestChangesInput>;
export type ScheduleArticleInput = z.input<typeof scheduleInput>;
export type RestoreArticleVersionInput = z.input<typeof restoreInput>;

/** A new DRAFT by the viewer. */
export async function createArticle(ctx: ServiceContext, config: KnowledgeConfig, input: CreateArticleInput): Promise<Article> {
  const authorId = requireAuthor(ctx, config);
  const fields = parseInput(createArticleInput, input);
  throwIfAny([await categoryReferenceError(ctx.prisma, fields.categoryId)]);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: { ...fields, bodyHtml: renderMarkdown(fields.body), authorId, createdAt: now },
    });
    await recordAudit(tx, ctx, { action: 'article.create', entity: { type: 'Article', id: article.id }, after: withoutBodies(article) });
    return article;
  });
}

/** Edits a DRAFT (what reviewers approve is what goes live, so nothing else is edited). */
export async function updateArticle(ctx: ServiceContext, config: KnowledgeConfig, input: UpdateArticleInput): Promise<Article> {
  requireAuthor(ctx, config);
  const { id, version, ...fields } = parseInput(updateArticleInput, input);
  const article = await articleToChange(ctx, id, version);
  if (!isEditable(article.status)) reject('id', 'knowledge.article.notEditable', { status: article.status });
  throwIfAny([await categoryReferenceError(ctx.prisma, fields.categoryId)]);
  const schedule = { publishAt: fields.publishAt === undefined ? article.publishAt : fields.publishAt, expireAt: fields.expireAt === undefined ? article.expireAt : fields.expireAt };
  if (schedule.publishAt && schedule.expireAt && schedule.expireAt <= schedule.publishAt) reject('expireAt', 'knowledge.afterPublishAt');
  const data: Prisma.ArticleUncheckedUpdateManyInput = { ...fields, ...(fields.body !== undefined ? { bodyHtml: renderMarkdown(fields.body) } : {}) };
  return applyChange(ctx, article, data, 'article.update');
}

/** DRAFT → IN_REVIEW, naming the reviewers (staff in a reviewer role, not the author). */
export async function submitArticleForReview(ctx: ServiceContext, config: KnowledgeConfig, input: SubmitArticleInput): Promise<Article> {
  const submitterId = requireAuthor(ctx, config);
  const { id, version, reviewerIds } = parseInput(submitInput, input);
  const article = await articleToChange(ctx, id, version);
  checkTransition(article, 'IN_REVIEW', 'submit');
  const unique = [...new Set(reviewerIds)];
  const reviewers = await ctx.prisma.user.findMany({ where: { id: { in: unique }, active: true }, select: { id: true, role: true } });
  const problems: FieldError[] = reviewerIds.flatMap((reviewerId, i): FieldError[] => {
    const user = reviewers.find((r) => r.id === reviewerId);
    if (!user) return [knowledge.field(`reviewerIds.${i}`, 'knowledge.noSuchActiveUser')];
    if (!isReviewerRole(config, user.role)) return [knowledge.field(`reviewerIds.${i}`, 'knowledge.reviewerRole', { roles: config.reviewerRoles.join(', ') })];
    if (user.id === article.authorId) return [knowledge.field(`reviewerIds.${i}`, 'knowledge.authorReviews')];
    return [];
  });
  throwIfAny(problems);
  return applyChange(ctx, article, { status: 'IN_REVIEW' }, 'article.submit', async (tx, written) => {
    await tx.articleReviewer.deleteMany({ where: { articleId: id } });
    await tx.articleReviewer.createMany({ data: unique.map((userId) => ({ articleId: id, userId })) });
    await emitAlerts(tx, reviewRequested(written, unique, submitterId), ctx.clock.now());
  });
}

/**
 * A reviewer's approval. The last one publishes the article, unless it is scheduled for later:
 * then it waits, approved, for the publish job.
 */
export async function approveArticle(ctx: ServiceContext, config: KnowledgeConfig, input: ArticleIdAndVersion): Promise<Article> {
  const reviewerId = requireReviewer(ctx, config);
  const { id, version } = parseInput(idAndVersion, input);
  const article = await articleToChange(ctx, id, version);
  if (article.status !== 'IN_REVIEW') reject('id', 'knowledge.article.approveInReview', { status: article.status });
  const reviewers = await ctx.prisma.articleReviewer.findMany({ where: { articleId: id } });
  const mine = reviewers.find((r) => r.userId === reviewerId);
  if (!mine) reject('id', 'knowledge.article.notReviewer');
  if (mine.approvedAt) reject('id', 'knowledge.article.alreadyApproved');
  const now = ctx.clock.now();
  if (article.expireAt && article.expireAt <= now) reject('expireAt', 'knowledge.article.expired');
  const allApproved = reviewers.every((r) => r.userId === reviewerId || r.approvedAt !== null);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.articleReviewer.update({ where: { articleId_userId: { articleId: id, userId: reviewerId } }, data: { approvedAt: now } });
    const approved = await writeVersioned(tx, article, allApproved ? { approvedAt: now } : {});
    await recordAudit(tx, ctx, { action: 'article.approve', entity: { type: 'Article', id }, after: { allApproved } });
    if (!allApproved || (approved.publishAt && approved.publishAt > now)) return approved;
    return publishInTransaction(tx, approved, now, reviewerId);
  });
}

/** IN_REVIEW → DRAFT with a note: a reviewer asks for changes, or the author withdraws it. Approvals are cleared. */
export async function requestArticleChanges(ctx: ServiceContext, input: RequestArticleChangesInput): Promise<Article> {
  // Reviewers may hold a role that does not write articles: being named on this one is what counts.
  const userId = requireWriter(ctx);
  const { id, version, note } = parseInput(requestChangesInput, input);
  const article = await articleToChange(ctx, id, version);
  checkTransition(article, 'DRAFT', 'requestChanges');
  const isReviewer = await ctx.prisma.articleReviewer.count({ where: { articleId: id, userId } });
  if (!isReviewer && article.authorId !== userId) reject('id', 'knowledge.article.sendBackBy');
  return applyChange(
    ctx,
    article,
    { status: 'DRAFT', approvedAt: null },
    'article.requestChanges',
    async (tx, written) => {
      await clearApprovals(id)(tx);
      await emitAlerts(tx, changesRequested(written, note, userId), ctx.clock.now());
    },
    { note },
  );
}

/** PUBLISHED or ARCHIVED → DRAFT, to edit it; it is no longer live until published again. */
export async function reviseArticle(ctx: ServiceContext, config: KnowledgeConfig, input: ArticleIdAndVersion): Promise<Article> {
  requireAuthor(ctx, config);
  const { id, version } = parseInput(idAndVersion, input);
  const article = await articleToChange(ctx, id, version);
  checkTransition(article, 'DRAFT', 'revise');
  return applyChange(ctx, article, { status: 'DRAFT', approvedAt: null, archivedAt: null }, 'article.revise', clearApprovals(id));
}

export async function archiveArticle(ctx: ServiceContext, config: KnowledgeConfig, input: ArticleIdAndVersion): Promise<Article> {
  requireReviewer(ctx, config);
  const { id, version } = parseInput(idAndVersion, input);
  const article = await articleToChange(ctx, id, version);
  checkTransition(article, 'ARCHIVED', 'archive');
  return applyChange(ctx, article, { status: 'ARCHIVED', archivedAt: ctx.clock.now() }, 'article.archive');
}

/** Sets or clears when the article goes live and when it expires (any status but ARCHIVED). */
export async function scheduleArticle(ctx: ServiceContext, config: KnowledgeConfig, input: ScheduleArticleInput): Promise<Article> {
  requireReviewer(ctx, config);
  const { id, version, publishAt, expireAt } = parseInput(scheduleInput, input);
  const article = await articleToChange(ctx, id, version);
  if (article.status === 'ARCHIVED') reject('id', 'knowledge.article.archivedNotScheduled');
  if (article.status === 'PUBLISHED' && publishAt !== undefined && publishAt?.getTime() !== article.publishAt?.getTime()) {
    reject('publishAt', 'knowledge.article.alreadyPublished');
  }
  const next = { publishAt: publishAt === undefined ? article.publishAt : publishAt, expireAt: expireAt === undefined ? article.expireAt : expireAt };
  if (next.publishAt && next.expireAt && next.expireAt <= next.publishAt) reject('expireAt', 'knowledge.afterPublishAt');
  return applyChange(ctx, article, { publishAt, expireAt }, 'article.schedule');
}

/**
 * Makes an old version the working copy again, as a DRAFT (revising a live article first). History
 * is never rewritten: the next publish adds a new version that records which one it restored.
 */
export async function restoreArticleVersion(ctx: ServiceContext, config: KnowledgeConfig, input: RestoreArticleVersionInput): Promise<Article> {
  requireAuthor(ctx, config);
  const { id, version, versionNumber } = parseInput(restoreInput, input);
  const article = await articleToChange(ctx, id, version);
  if (article.status === 'IN_REVIEW') reject('id', 'knowledge.article.inReviewNotRestored');
  if (article.status !== 'DRAFT') checkTransition(article, 'DRAFT', 'revise');
  const old = await ctx.prisma.articleVersion.findUnique({ where: { articleId_number: { articleId: id, number: versionNumber } } });
  if (!old) reject('versionNumber', 'knowledge.article.hasNoVersion', { number: versionNumber });
  const categoryExists = old.categoryId ? await ctx.prisma.articleCategory.count({ where: { id: old.categoryId } }) : 0;
  const data: Prisma.ArticleUncheckedUpdateManyInput = {
    title: old.title,
    summary: old.summary,
    body: old.body,
    bodyHtml: old.bodyHtml,
    categoryId: categoryExists ? old.categoryId : null,
    tags: old.tags,
    language: old.language,
    visibility: old.visibility,
    status: 'DRAFT',
    approvedAt: null,
    archivedAt: null,
    restoredFromNumber: versionNumber,
  };
  return applyChange(ctx, article, data, 'article.restoreVersion', clearApprovals(id), { versionNumber });
}

/** Compares two published versions of an article the viewer may read. */
export async function compareVersions(ctx: ServiceContext, articleId: string, from: number, to: number): Promise<VersionComparison> {
  const article = isUuid(articleId) ? await ctx.prisma.article.findFirst({ where: { AND: [{ id: articleId }, articlesVisibleTo(ctx.viewer, ctx.clock.now())] }, select: { id: true } }) : null;
  if (!article) throw notFound('Article');
  const versions = await ctx.prisma.articleVersion.findMany({ where: { articleId, number: { in: [from, to] } } });
  const a = versions.find((v) => v.number === from);
  const b = versions.find((v) => v.number === to);
  throwIfAny([a ? null : knowledge.field('from', 'knowledge.article.noVersion', { number: from }), b ? null : knowledge.field('to', 'knowledge.article.noVersion', { number: to })]);
  return compareArticleVersions(a!, b!);
}

// --- publishing (also used by the publish job) ---------------------------------------------------

/**
 * IN_REVIEW (approved) → PUBLISHED: writes the immutable version row. `read` must be the row as
 * read in `tx`; the versioned write makes a concurrent second publish a no-op that throws CONFLICT.
 */
export async function publishInTransaction(tx: Tx, read: Article, now: Date, publishedById: string | null): Promise<Article> {
  const number = read.latestVersion + 1;
  const live = await writeVersioned(tx, read, { status: 'PUBLISHED', publishedAt: now, latestVersion: number, restoredFromNumber: null });
  await tx.articleVersion.create({
    data: {
      articleId: read.id,
      number,
      title: read.title,
      summary: read.summary,
      body: read.body,
      bodyHtml: read.bodyHtml,
      categoryId: read.categoryId,
      tags: read.tags,
      language: read.language,
      visibility: read.visibility,
      restoredFromNumber: read.restoredFromNumber,
      publishedById,
      publishedAt: now,
    },
  });
  await emitAlerts(tx, published(live), now);
  return live;
}

// ---------------------------------------------------------------------------------------------

function reject(field: string, key: KnowledgeMessageKey, params: ErrorParams = {}): never {
  knowledge.refuse(field, key, params);
}

function checkTransition(article: Article, to: ArticleStatus, action: ArticleAction): void {
  const problem = transitionProblem(article.status, to, action);
  if (problem) throw new InputError([{ field: 'id', message: problem.en, messages: problem }]);
}

const clearApprovals = (articleId: string) => async (tx: Tx) => {
  await tx.articleReviewer.updateMany({ where: { articleId }, data: { approvedAt: null } });
};

/** The article as it is now, if the viewer may see it; with a version, the one they read (else CONFLICT). */
export async function articleToChange(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Article> {
  const article = isUuid(id) ? await ctx.prisma.article.findFirst({ where: { AND: [{ id }, articlesVisibleTo(ctx.viewer, ctx.clock.now())] } }) : null;
  if (!article) throw notFound('Article');
  if (expectedVersion !== undefined && article.version !== expectedVersion) throw conflict('Article', article.version);
  return article;
}

/** Writes on the version read; if someone changed the article meanwhile, nothing is written. */
async function writeVersioned(tx: Tx, read: Article, data: Prisma.ArticleUncheckedUpdateManyInput): Promise<Article> {
  const { count } = await tx.article.updateMany({ where: { id: read.id, version: read.version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) await throwMissingOrStale('Article', tx.article.findUnique({ where: { id: read.id }, select: { version: true } }));
  return tx.article.findUniqueOrThrow({ where: { id: read.id } });
}

/** One transaction: the versioned write, anything that goes with it, and the audit entry. */
async function applyChange(
  ctx: ServiceContext,
  read: Article,
  data: Prisma.ArticleUncheckedUpdateManyInput,
  action: string,
  also?: (tx: Tx, written: Article) => Promise<void>,
  extra: Record<string, unknown> = {},
): Promise<Article> {
  return ctx.prisma.$transaction(async (tx) => {
    const article = await writeVersioned(tx, read, data);
    await also?.(tx, article);
    await recordAudit(tx, ctx, {
      action,
      entity: { type: 'Article', id: read.id },
      before: withoutBodies(read),
      after: { ...withoutBodies(article), ...extra },
    });
    return article;
  });
}

/** Audit snapshots keep the metadata; bodies live in the versions. */
function withoutBodies(article: Article) {
  const { body: _body, bodyHtml: _html, ...rest } = article;
  return rest;
}

async function categoryReferenceError(prisma: PrismaClient, categoryId: string | null | undefined): Promise<FieldError | null> {
  if (!categoryId) return null;
  const found = await prisma.articleCategory.count({ where: { id: categoryId } });
  return found ? null : knowledge.field('categoryId', 'knowledge.noSuchCategory');
}

