import { encodeGlobalID } from '@pothos/plugin-relay';
import { rawId, type CoreRefs, type PluginRefs, type RapportBuilder, payloadPerMutation } from '@rapport/core';
import { addArticleAttachment, removeArticleAttachment } from './attachments.js';
import { createArticleCategory, updateArticleCategory } from './categories.js';
import type { KnowledgeConfig } from './config.js';
import { linkArticle, unlinkArticle, voteOnArticle } from './engagement.js';
import type { KnowledgeRefs } from './schema.js';
import {
  approveArticle,
  archiveArticle,
  createArticle,
  requestArticleChanges,
  restoreArticleVersion,
  reviseArticle,
  scheduleArticle,
  submitArticleForReview,
  updateArticle,
  type CreateArticleInput,
  type ScheduleArticleInput,
  type UpdateArticleInput,
} from './service.js';

/** The knowledge base mutations: each takes one input, calls its service and returns a payload. */
export function registerKnowledgeMutations(
  builder: RapportBuilder,
  refs: CoreRefs,
  config: KnowledgeConfig,
  { Article, Category, Link, Attachment, Visibility }: KnowledgeRefs,
  service: PluginRefs['service'] | undefined,
) {
  const ticketsEnabled = service !== undefined;
  const CreateInput = builder.inputType('CreateArticleInput', {
    fields: (t) => ({
      title: t.string({ required: true }),
      body: t.string({ required: true, description: 'Markdown.' }),
      summary: t.string(),
      categoryId: t.globalID({ for: Category }),
      tags: t.stringList(),
      language: t.string({ description: 'BCP 47 tag (en, de, zh-CN); decides stemming in search.' }),
      visibility: t.field({ type: Visibility }),
      publishAt: t.field({ type: 'DateTime', description: 'Publish when approved, but not before this.' }),
      expireAt: t.field({ type: 'DateTime', description: 'Archive automatically at this time.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateArticleInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Article }),
      version: t.int({ required: true }),
      title: t.string(),
      body: t.string({ description: 'Markdown.' }),
      summary: t.string(),
      categoryId: t.globalID({ for: Category }),
      tags: t.stringList(),
      language: t.string({ description: 'BCP 47 tag (en, de, zh-CN); decides stemming in search.' }),
      visibility: t.field({ type: Visibility }),
      publishAt: t.field({ type: 'DateTime', description: 'Publish when approved, but not before this.' }),
      expireAt: t.field({ type: 'DateTime', description: 'Archive automatically at this time.' }),
    }),
  });
  const SubmitInput = builder.inputType('SubmitArticleForReviewInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Article }),
      version: t.int({ required: true }),
      reviewerIds: t.globalIDList({ required: true, for: refs.User, description: 'Every one must approve; not the author.' }),
    }),
  });
  const IdVersion = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({ id: t.globalID({ required: true, for: Article }), version: t.int({ required: true }) }),
  });
  const RequestChangesInput = builder.inputType('RequestArticleChangesInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Article }), version: t.int({ required: true }), note: t.string({ required: true }) }),
  });
  const ScheduleInput = builder.inputType('ScheduleArticleInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Article }),
      version: t.int({ required: true }),
      publishAt: t.field({ type: 'DateTime', description: 'Omit to keep, null to clear.' }),
      expireAt: t.field({ type: 'DateTime', description: 'Omit to keep, null to clear.' }),
    }),
  });
  const RestoreInput = builder.inputType('RestoreArticleVersionInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Article }),
      version: t.int({ required: true }),
      versionNumber: t.int({ required: true, description: 'The published version to bring back as a draft.' }),
    }),
  });
  const CreateCategoryInput = builder.inputType('CreateArticleCategoryInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      slug: t.string({ required: true }),
      parentId: t.globalID({ for: Category }),
      position: t.int(),
    }),
  });
  const UpdateCategoryInput = builder.inputType('UpdateArticleCategoryInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Category }),
      name: t.string(),
      parentId: t.globalID({ for: Category, description: 'Null makes it a top-level category.' }),
      position: t.int(),
    }),
  });
  const LinkInput = builder.inputType('LinkArticleInput', {
    fields: (t) => ({
      articleId: t.globalID({ required: true, for: Article }),
      customerId: t.globalID({ for: refs.Customer }),
      contactId: t.globalID({ for: refs.Contact }),
      ...(service ? { ticketId: t.globalID({ for: service.Ticket }) } : {}),
    }),
  });
  const UnlinkInput = builder.inputType('UnlinkArticleInput', {
    description: 'Which article link to take off.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Link, description: 'The link (ArticleLink.id) to remove.' }) }),
  });
  const RemoveAttachmentInput = builder.inputType('RemoveArticleAttachmentInput', {
    description: 'Which attachment to remove from its article.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Attachment, description: 'The attachment (ArticleAttachment.id) to remove.' }) }),
  });
  const VoteInput = builder.inputType('VoteOnArticleInput', {
    fields: (t) => ({ id: t.globalID({ required: true, for: Article }), helpful: t.boolean({ required: true }) }),
  });
  const AttachInput = builder.inputType('AddArticleAttachmentInput', {
    fields: (t) => ({
      articleId: t.globalID({ required: true, for: Article }),
      fileName: t.string({ required: true }),
      mimeType: t.string({ required: true, description: 'One of the configured types; checked against the content.' }),
      contentBase64: t.string({ required: true, description: 'The file, base64; at most the configured size.' }),
    }),
  });

  const ArticlePayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ article: { id: string } }>(name).implement({
    fields: (t) => ({ article: t.field({ nullable: true, type: Article, resolve: (p) => p.article as never }) }),
  }),
  );
  const CategoryPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ category: { id: string } }>(name).implement({
    fields: (t) => ({ category: t.field({ nullable: true, type: Category, resolve: (p) => p.category as never }) }),
  }),
  );
  const LinkPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ link: { id: string } | null; linkId: string }>(name).implement({
    fields: (t) => ({
      link: t.field({ type: Link, nullable: true, description: 'Null after unlinkArticle.', resolve: (p) => p.link as never }),
      linkId: t.id({ nullable: true, description: 'The global id of the link.', resolve: (p) => encodeGlobalID('ArticleLink', p.linkId) }),
    }),
  }),
  );
  const AttachmentPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ attachment: { id: string }; removed: boolean }>(name).implement({
    fields: (t) => ({
      attachment: t.field({ type: Attachment, nullable: true, description: 'Null after removeArticleAttachment.', resolve: (p) => (p.removed ? null : (p.attachment as never)) }),
    }),
  }),
  );

  const ids = <T extends { id: { id: string }; categoryId?: { id: string } | null }>(input: T) => ({
    ...input,
    id: input.id.id,
    categoryId: rawId(input.categoryId),
  });

  builder.mutationFields((t) => ({
    createArticle: t.field({
      type: ArticlePayload('CreateArticlePayload'),
      description: 'A new DRAFT, written by you.',
      args: { input: t.arg({ type: CreateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        article: await createArticle(ctx, config, { ...input, categoryId: rawId(input.categoryId) } as CreateArticleInput),
      }),
    }),
    updateArticle: t.field({
      type: ArticlePayload('UpdateArticlePayload'),
      description: 'Edits a DRAFT.',
      args: { input: t.arg({ type: UpdateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await updateArticle(ctx, config, ids(input) as UpdateArticleInput) }),
    }),
    submitArticleForReview: t.field({
      type: ArticlePayload('SubmitArticleForReviewPayload'),
      args: { input: t.arg({ type: SubmitInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        article: await submitArticleForReview(ctx, config, { ...input, id: input.id.id, reviewerIds: input.reviewerIds.map((r) => r.id) }),
      }),
    }),
    approveArticle: t.field({
      type: ArticlePayload('ApproveArticlePayload'),
      description: "Your approval as a reviewer. The last approval publishes it (at publishAt if that is later), creating a new version.",
      args: { input: t.arg({ type: IdVersion('ApproveArticleInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await approveArticle(ctx, config, { ...input, id: input.id.id }) }),
    }),
    requestArticleChanges: t.field({
      type: ArticlePayload('RequestArticleChangesPayload'),
      description: 'Sends an article in review back to DRAFT (a reviewer, or the author withdrawing it).',
      args: { input: t.arg({ type: RequestChangesInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await requestArticleChanges(ctx, { ...input, id: input.id.id }) }),
    }),
    reviseArticle: t.field({
      type: ArticlePayload('ReviseArticlePayload'),
      description: 'Takes a PUBLISHED or ARCHIVED article back to DRAFT to edit it; readers outside staff no longer see it until it is published again.',
      args: { input: t.arg({ type: IdVersion('ReviseArticleInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await reviseArticle(ctx, config, { ...input, id: input.id.id }) }),
    }),
    archiveArticle: t.field({
      type: ArticlePayload('ArchiveArticlePayload'),
      args: { input: t.arg({ type: IdVersion('ArchiveArticleInput'), required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await archiveArticle(ctx, config, { ...input, id: input.id.id }) }),
    }),
    scheduleArticle: t.field({
      type: ArticlePayload('ScheduleArticlePayload'),
      description: 'Sets when the article goes live and when it expires (reviewers).',
      args: { input: t.arg({ type: ScheduleInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await scheduleArticle(ctx, config, { ...input, id: input.id.id } as ScheduleArticleInput) }),
    }),
    restoreArticleVersion: t.field({
      type: ArticlePayload('RestoreArticleVersionPayload'),
      description: 'Makes an old published version the DRAFT again; publishing it adds a new version (history stays).',
      args: { input: t.arg({ type: RestoreInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await restoreArticleVersion(ctx, config, { ...input, id: input.id.id }) }),
    }),
    createArticleCategory: t.field({
      type: CategoryPayload('CreateArticleCategoryPayload'),
      args: { input: t.arg({ type: CreateCategoryInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        category: await createArticleCategory(ctx, config, { ...input, parentId: rawId(input.parentId), position: input.position ?? undefined }),
      }),
    }),
    updateArticleCategory: t.field({
      type: CategoryPayload('UpdateArticleCategoryPayload'),
      description: 'Renames or moves a category (not below itself).',
      args: { input: t.arg({ type: UpdateCategoryInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        category: await updateArticleCategory(ctx, config, {
          id: input.id.id,
          name: input.name ?? undefined,
          parentId: rawId(input.parentId),
          position: input.position ?? undefined,
        }),
      }),
    }),
    linkArticle: t.field({
      type: LinkPayload('LinkArticlePayload'),
      description: ticketsEnabled ? 'Attaches an article to one customer, contact or ticket.' : 'Attaches an article to one customer or contact.',
      args: { input: t.arg({ type: LinkInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const raw = input as typeof input & { ticketId?: { id: string } | null };
        const link = await linkArticle(
          ctx,
          { articleId: input.articleId.id, customerId: rawId(input.customerId), contactId: rawId(input.contactId), ticketId: rawId(raw.ticketId) },
          ticketsEnabled,
        );
        return { link, linkId: link.id };
      },
    }),
    unlinkArticle: t.field({
      type: LinkPayload('UnlinkArticlePayload'),
      args: { input: t.arg({ type: UnlinkInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const link = await unlinkArticle(ctx, input.id.id);
        return { link: null, linkId: link.id };
      },
    }),
    voteOnArticle: t.field({
      type: ArticlePayload('VoteOnArticlePayload'),
      description: 'Was this helpful? One vote per reader; voting again changes it.',
      args: { input: t.arg({ type: VoteInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ article: await voteOnArticle(ctx, input.id.id, input.helpful) }),
    }),
    addArticleAttachment: t.field({
      type: AttachmentPayload('AddArticleAttachmentPayload'),
      args: { input: t.arg({ type: AttachInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        attachment: await addArticleAttachment(ctx, config, { ...input, articleId: input.articleId.id }),
        removed: false,
      }),
    }),
    removeArticleAttachment: t.field({
      type: AttachmentPayload('RemoveArticleAttachmentPayload'),
      args: { input: t.arg({ type: RemoveAttachmentInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ attachment: await removeArticleAttachment(ctx, config, input.id.id), removed: true }),
    }),
  }));
}
