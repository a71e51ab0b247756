import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError, isUuid, notFound, parseInput, recordAudit, rules, type Prisma, type ServiceContext } from '@rapport/core';
import { requireAuthor } from './access.js';
import type { KnowledgeConfig } from './config.js';
import { articleToChange } from './service.js';

type AttachmentSettings = KnowledgeConfig['attachments'];
export type ArticleAttachment = Prisma.ArticleAttachmentModel;

const addInput = z.object({
  articleId: z.string(),
  fileName: rules.requiredText(200).refine((n) => !/[\\/\u0000-\u001f]/.test(n), 'must not contain slashes or control characters'),
  mimeType: z.string().trim().toLowerCase(),
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type AddAttachmentInput = z.input<typeof addInput>;

/** Leading bytes of binary types: the declared type must match the content, so nothing sneaks in renamed. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': (b) => b[0] === 0x50 && b[1] === 0x4b,
};

/** Why `content` may not be stored as `mimeType`, or null. Text types must be UTF-8 without markup-looking starts. */
export function contentProblem(settings: AttachmentSettings, mimeType: string, content: Buffer): { field: string; message: string } | null {
  if (!settings.allowedTypes.includes(mimeType)) return { field: 'mimeType', message: `must be one of ${settings.allowedTypes.join(', ')}` };
  if (content.length === 0) return { field: 'contentBase64', message: 'must not be empty' };
  if (content.length > settings.maxBytes) return { field: 'contentBase64', message: `must be at most ${settings.maxBytes} bytes` };
  const signature = SIGNATURES[mimeType];
  if (signature && !signature(content)) return { field: 'mimeType', message: `the content is not ${mimeType}` };
  if (mimeType.startsWith('text/')) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
    if (text.includes('\uFFFD') || text.includes('\u0000')) return { field: 'contentBase64', message: 'text must be UTF-8' };
  }
  return null;
}

/** Content-addressed: the file is named by its SHA-256, so no user input ever becomes a path. */
function storagePath(settings: AttachmentSettings, sha256: string): string {
  return path.join(path.resolve(settings.directory), sha256.slice(0, 2), sha256);
}

async function store(settings: AttachmentSettings, sha256: string, content: Buffer): Promise<void> {
  const target = storagePath(settings, sha256);
  if (await stat(target).then(() => true, () => false)) return;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a reader never sees half a file.
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  await writeFile(partial, content, { mode: 0o600 });
  await rename(partial, target);
}

export async function addArticleAttachment(ctx: ServiceContext, config: KnowledgeConfig, input: AddAttachmentInput): Promise<ArticleAttachment> {
  const uploadedById = requireAuthor(ctx, config);
  const settings = config.attachments;
  // Refuse oversized input before decoding it.
  if (typeof input.contentBase64 === 'string' && input.contentBase64.length > Math.ceil(settings.maxBytes / 3) * 4) {
    throw new InputError([{ field: 'contentBase64', message: `must be at most ${settings.maxBytes} bytes` }]);
  }
  const { articleId, fileName, mimeType, contentBase64 } = parseInput(addInput, input);
  const article = await articleToChange(ctx, articleId);
  const content = Buffer.from(contentBase64, 'base64');
  const problem = contentProblem(settings, mimeType, content);
  if (problem) throw new InputError([problem]);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await store(settings, sha256, content);
  return ctx.prisma.$transaction(async (tx) => {
    const attachment = await tx.articleAttachment.create({
      data: { articleId: article.id, fileName, mimeType, size: content.length, sha256, uploadedById, createdAt: ctx.clock.now() },
    });
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
  if (!stillUsed) await unlink(storagePath(config.attachments, attachment.sha256)).catch(() => {});
  return attachment;
}

/** The stored bytes, verified against the recorded hash. */
export async function attachmentContent(settings: AttachmentSettings, attachment: Pick<ArticleAttachment, 'sha256'>): Promise<Buffer> {
  const content = await readFile(storagePath(settings, attachment.sha256));
  if (createHash('sha256').update(content).digest('hex') !== attachment.sha256) throw new Error('Attachment content does not match its hash');
  return content;
}
