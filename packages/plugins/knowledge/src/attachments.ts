import { z } from 'zod';
import { contentHash, contentMatchesType, contentStore, InputError, isUuid, notFound, parseInput, recordAudit, rules, type FieldError, type Prisma, type ServiceContext } from '@rapport/core';
import { requireAuthor } from './access.js';
import type { KnowledgeConfig } from './config.js';
import { articleToChange } from './service.js';
import { knowledge } from './messages.js';

type AttachmentSettings = KnowledgeConfig['attachments'];
export type ArticleAttachment = Prisma.ArticleAttachmentModel;

const addInput = z.object({
  articleId: z.string(),
  fileName: rules.requiredText(200).refine((n) => !/[\\/\u0000-\u001f]/.test(n), knowledge.key('knowledge.attachment.fileName')),
  mimeType: z.string().trim().toLowerCase(),
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, knowledge.key('knowledge.attachment.base64')),
});
export type AddAttachmentInput = z.input<typeof addInput>;

/** Why `content` may not be stored as `mimeType`, or null. Text types must be UTF-8 without markup-looking starts. */
export function contentProblem(settings: AttachmentSettings, mimeType: string, content: Buffer): FieldError | null {
  if (!settings.allowedTypes.includes(mimeType)) return knowledge.field('mimeType', 'knowledge.attachment.typeOneOf', { types: settings.allowedTypes.join(', ') });
  if (content.length === 0) return knowledge.field('contentBase64', 'knowledge.attachment.empty');
  if (content.length > settings.maxBytes) return knowledge.field('contentBase64', 'knowledge.attachment.tooLarge', { max: String(settings.maxBytes) });
  if (!contentMatchesType(mimeType, content)) {
    return mimeType.startsWith('text/') ? knowledge.field('contentBase64', 'knowledge.attachment.notUtf8') : knowledge.field('mimeType', 'knowledge.attachment.contentMismatch', { type: mimeType });
  }
  return null;
}

export async function addArticleAttachment(ctx: ServiceContext, config: KnowledgeConfig, input: AddAttachmentInput): Promise<ArticleAttachment> {
  const uploadedById = requireAuthor(ctx, config);
  const settings = config.attachments;
  // Refuse oversized input before decoding it.
  if (typeof input.contentBase64 === 'string' && input.contentBase64.length > Math.ceil(settings.maxBytes / 3) * 4) {
    knowledge.refuse('contentBase64', 'knowledge.attachment.tooLarge', { max: String(settings.maxBytes) });
  }
  const { articleId, fileName, mimeType, contentBase64 } = parseInput(addInput, input);
  const article = await articleToChange(ctx, articleId);
  const content = Buffer.from(contentBase64, 'base64');
  const problem = contentProblem(settings, mimeType, content);
  if (problem) throw new InputError([problem]);
  return ctx.prisma.$transaction(async (tx) => {
    const attachment = await tx.articleAttachment.create({
      data: { articleId: article.id, fileName, mimeType, size: content.length, sha256: contentHash(content), uploadedById, createdAt: ctx.clock.now() },
    });
    // Stored after its row is written and before it commits: a refused row leaves no file behind.
    await contentStore(settings.directory).put(content);
    await recordAudit(tx, ctx, { action: 'article.attach', entity: { type: 'Article', id: article.id }, after: attachment });
    return attachment;
  });
}

/** Removes the attachment; the file goes too unless another attachment has the same content. */
export async function removeArticleAttachment(ctx: ServiceContext, config: KnowledgeConfig, id: string): Promise<ArticleAttachment> {
  requireAuthor(ctx, config);
  const attachment = isUuid(id) ? await ctx.prisma.articleAttachment.findUnique({ where: { id } }) : null;
  if (!attachment) throw notFound('ArticleAttachment');
  await articleToChange(ctx, attachment.articleId);
  const stillUsed = await ctx.prisma.$transaction(async (tx) => {
    await tx.articleAttachment.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: 'article.detach', entity: { type: 'Article', id: attachment.articleId }, before: attachment });
    return tx.articleAttachment.count({ where: { sha256: attachment.sha256 } });
  });
  if (!stillUsed) await contentStore(config.attachments.directory).remove(attachment.sha256);
  return attachment;
}

/** The stored bytes, verified against the recorded hash. */
export const attachmentContent = (settings: AttachmentSettings, attachment: Pick<ArticleAttachment, 'sha256'>): Promise<Buffer> =>
  contentStore(settings.directory).read(attachment.sha256);
