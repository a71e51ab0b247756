import { randomBytes } from 'node:crypto';
import {
  actingUserId,
  contentHash,
  contentMatchesType,
  contentStore,
  InputError,
  isUuid,
  notFound,
  recordAudit,
  requirePermission,
  sha256 as tokenHash,
  type Prisma,
  type PrismaClient,
  type RouteContext,
  type ServiceContext,
  type Viewer,
} from '@rapport/core';
import { contractChildrenVisibleTo, contractsVisibleTo, contractToChange } from './contracts.js';
import type { SalesConfig } from './config.js';
import { refuseField } from './order-messages.js';

type Settings = SalesConfig['contractAttachments'];
export type ContractAttachment = Prisma.ContractAttachmentModel;

/** Why `content` may not be stored as `mimeType` under `fileName`, or null (a rule: no I/O). */
export function attachmentProblem(settings: Settings, fileName: string, mimeType: string, content: Buffer) {
  if (!fileName.trim() || fileName.length > 200 || /[\\/\u0000-\u001f]/.test(fileName)) return refuseField('file', 'attachment.badName', {}, 'INVALID');
  if (!settings.allowedTypes.includes(mimeType)) return refuseField('mimeType', 'attachment.typeNotAllowed', { types: settings.allowedTypes.join(', ') }, 'NOT_ALLOWED_VALUE');
  if (content.length === 0) return refuseField('file', 'attachment.empty', {}, 'REQUIRED');
  if (content.length > settings.maxBytes) return refuseField('file', 'attachment.tooLarge', { max: settings.maxBytes }, 'TOO_LONG');
  if (!contentMatchesType(mimeType, content)) {
    return mimeType.startsWith('text/') ? refuseField('file', 'attachment.notUtf8', {}, 'INVALID') : refuseField('mimeType', 'attachment.contentMismatch', { type: mimeType }, 'INVALID');
  }
  return null;
}

export interface UploadedFile {
  name?: string | null;
  type?: string | null;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Attaches an uploaded file (GraphQL multipart request) to a contract the viewer may change, in any
 * status (the signed scan comes after signing). Same content, same stored file.
 */
export async function addContractAttachment(
  ctx: ServiceContext,
  config: SalesConfig,
  input: { contractId: string; file: UploadedFile; fileName?: string | null; mimeType?: string | null },
): Promise<ContractAttachment> {
  const settings = config.contractAttachments;
  const contract = await contractToChange(ctx, input.contractId);
  // Refuse oversized uploads before reading them.
  if (input.file.size > settings.maxBytes) throw new InputError([refuseField('file', 'attachment.tooLarge', { max: settings.maxBytes }, 'TOO_LONG')]);
  const fileName = (input.fileName ?? input.file.name ?? '').trim();
  const mimeType = (input.mimeType ?? input.file.type ?? '').trim().toLowerCase().split(';')[0]!;
  const content = Buffer.from(await input.file.arrayBuffer());
  const problem = attachmentProblem(settings, fileName, mimeType, content);
  if (problem) throw new InputError([problem]);
  return ctx.prisma.$transaction(async (tx) => {
    const attachment = await tx.contractAttachment.create({
      data: { contractId: contract.id, fileName, mimeType, size: content.length, sha256: contentHash(content), uploadedById: actingUserId(ctx.viewer), createdAt: ctx.clock.now() },
    });
    // Stored after its row is written and before it commits: a refused row leaves no file behind.
    await contentStore(settings.directory).put(content);
    await recordAudit(tx, ctx, { action: 'contract.attach', entity: { type: 'Contract', id: contract.id }, after: attachment });
    return attachment;
  });
}

/** Attachments as the viewer may see them: with their contract. */
export const attachmentsVisibleTo = (viewer: Viewer | null | undefined) => contractChildrenVisibleTo(viewer);

async function attachmentToChange(ctx: ServiceContext, id: string): Promise<ContractAttachment> {
  const attachment = isUuid(id) ? await ctx.prisma.contractAttachment.findFirst({ where: { id, ...attachmentsVisibleTo(ctx.viewer) } }) : null;
  if (!attachment) throw notFound('ContractAttachment');
  await contractToChange(ctx, attachment.contractId);
  return attachment;
}

/** Removes the attachment; the stored file goes too unless another attachment has the same content. */
export async function removeContractAttachment(ctx: ServiceContext, config: SalesConfig, id: string): Promise<ContractAttachment> {
  const attachment = await attachmentToChange(ctx, id);
  const stillUsed = await ctx.prisma.$transaction(async (tx) => {
    await tx.contractAttachment.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: 'contract.detach', entity: { type: 'Contract', id: attachment.contractId }, before: attachment });
    return tx.contractAttachment.count({ where: { sha256: attachment.sha256 } });
  });
  if (!stillUsed) await contentStore(config.contractAttachments.directory).remove(attachment.sha256);
  return attachment;
}

/** The stored bytes, verified against the recorded hash. */
export const attachmentContent = (settings: Settings, attachment: Pick<ContractAttachment, 'sha256'>): Promise<Buffer> => contentStore(settings.directory).read(attachment.sha256);

/**
 * A link, valid for `minutes`, to a contract's PDF (`attachmentId` null) or one of its attachments,
 * for a viewer who may see the contract; the token is stored only as a hash. The contract PDF carries
 * amounts, so it needs customer.viewFinancials.
 */
export async function issueContractDownload(ctx: ServiceContext, target: { contractId?: string; attachmentId?: string }, minutes = 10): Promise<{ token: string; expiresAt: Date }> {
  requirePermission(ctx.viewer, 'customer.read');
  let contractId: string;
  let attachmentId: string | null = null;
  if (target.attachmentId) {
    const attachment = isUuid(target.attachmentId) ? await ctx.prisma.contractAttachment.findFirst({ where: { id: target.attachmentId, ...attachmentsVisibleTo(ctx.viewer) }, select: { id: true, contractId: true } }) : null;
    if (!attachment) throw notFound('ContractAttachment');
    contractId = attachment.contractId;
    attachmentId = attachment.id;
  } else {
    requirePermission(ctx.viewer, 'customer.viewFinancials');
    const contract = target.contractId && isUuid(target.contractId) ? await ctx.prisma.contract.findFirst({ where: { id: target.contractId, ...contractsVisibleTo(ctx.viewer) }, select: { id: true } }) : null;
    if (!contract) throw notFound('Contract');
    contractId = contract.id;
  }
  const token = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.salesDownload.deleteMany({ where: { expiresAt: { lt: now } } });
    await tx.salesDownload.create({ data: { tokenHash: tokenHash(token), contractId, attachmentId, issuedToId: actingUserId(ctx.viewer), expiresAt, createdAt: now } });
    await recordAudit(tx, ctx, { action: attachmentId ? 'contract.downloadAttachment' : 'contract.downloadPdf', entity: { type: 'Contract', id: contractId }, after: attachmentId ? { attachmentId } : null });
  });
  return { token, expiresAt };
}

/** The download a token names, while it is valid. */
export async function downloadForToken(prisma: PrismaClient, token: string | null, now: Date) {
  if (!token) return null;
  const download = await prisma.salesDownload.findUnique({ where: { tokenHash: tokenHash(token) } });
  return download && download.expiresAt > now ? download : null;
}

export const CONTRACT_FILE_PATH = '/sales/contract-file';

const gone = () =>
  new Response('This link is unknown or has expired; ask for a new one (createContractAttachmentLink).', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** GET /sales/contract-file?token=… — redeems a link issued by createContractAttachmentLink (the viewer was checked then). */
export async function serveContractAttachment(request: Request, ctx: RouteContext<SalesConfig>): Promise<Response> {
  const download = await downloadForToken(ctx.prisma, new URL(request.url).searchParams.get('token'), ctx.clock.now());
  const attachment = download?.attachmentId ? await ctx.prisma.contractAttachment.findUnique({ where: { id: download.attachmentId } }) : null;
  if (!attachment) return gone();
  const content = await attachmentContent(ctx.config.contractAttachments, attachment);
  return new Response(new Uint8Array(content), {
    status: 200,
    headers: {
      'content-type': attachment.mimeType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
