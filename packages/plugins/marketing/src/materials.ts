import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  actingUserId,
  CampaignMaterialKind,
  InputError,
  isUuid,
  notFound,
  parseInput,
  recordAudit,
  requirePermission,
  rules,
  type FieldError,
  type ServiceContext,
} from '@rapport/core';
import { marketing } from './messages.js';
import { campaignToChange } from './campaigns.js';
import type { MarketingConfig } from './config.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const addMaterialInput = z
  .object({
    campaignId: z.string(),
    name: rules.requiredText(200),
    kind: z.enum(CampaignMaterialKind),
    url: z.url({ protocol: /^https?$/, message: marketing.key('marketing.httpUrl') }).max(2000).nullish(),
    file: z
      .object({
        fileName: rules.requiredText(255).refine((n) => !/[/\\\0]/.test(n), marketing.key('marketing.material.fileName')),
        contentType: z.string().trim().toLowerCase(),
        contentBase64: z.string().regex(BASE64, marketing.key('marketing.base64')),
      })
      .nullish(),
  })
  .refine((m) => (m.url ? 1 : 0) + (m.file ? 1 : 0) === 1, { message: marketing.key('marketing.material.urlOrFile'), path: ['url'] });
export type AddCampaignMaterialInput = z.input<typeof addMaterialInput>;

/** Stored files live under the configured directory, named by a random key (never by user input). */
export class MaterialStore {
  readonly dir: string;

  constructor(private readonly config: MarketingConfig) {
    this.dir = resolve(config.materialsDir);
  }

  check(file: { contentType: string; contentBase64: string }): Buffer {
    const problems: FieldError[] = [];
    if (!this.config.materialContentTypes.includes(file.contentType)) {
      problems.push(marketing.field('file.contentType', 'marketing.material.typeOneOf', { types: this.config.materialContentTypes.join(', ') }));
    }
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length === 0) problems.push(marketing.field('file.contentBase64', 'marketing.material.empty'));
    if (bytes.length > this.config.maxMaterialBytes) {
      problems.push(marketing.field('file.contentBase64', 'marketing.material.tooLarge', { size: String(bytes.length), max: String(this.config.maxMaterialBytes) }));
    }
    if (problems.length) throw new InputError(problems);
    return bytes;
  }

  async write(bytes: Buffer): Promise<string> {
    const key = randomUUID();
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(key), bytes, { flag: 'wx', mode: 0o640 });
    return key;
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  remove(key: string): Promise<void> {
    return rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!isUuid(key)) throw new Error('invalid storage key');
    return join(this.dir, key);
  }
}

/**
 * Attaches a link or a file. The file is written first and removed again if the row cannot be
 * written, so neither exists without the other.
 */
export async function addCampaignMaterial(ctx: ServiceContext, store: MaterialStore, input: AddCampaignMaterialInput) {
  const { campaignId, name, kind, url, file } = parseInput(addMaterialInput, input);
  await campaignToChange(ctx, campaignId);
  const bytes = file ? store.check(file) : null;
  const storageKey = bytes ? await store.write(bytes) : null;
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const material = await tx.campaignMaterial.create({
        data: {
          campaignId,
          name,
          kind,
          url: url ?? null,
          ...(file && bytes ? { fileName: file.fileName, contentType: file.contentType, sizeBytes: bytes.length, storageKey } : {}),
          createdById: actingUserId(ctx.viewer),
          createdAt: ctx.clock.now(),
        },
      });
      await recordAudit(tx, ctx, { action: 'campaign.addMaterial', entity: { type: 'CampaignMaterial', id: material.id }, after: material });
      return material;
    });
  } catch (error) {
    if (storageKey) await store.remove(storageKey);
    throw error;
  }
}

/** Detaches a material; its file is deleted once the row is gone. */
export async function removeCampaignMaterial(ctx: ServiceContext, store: MaterialStore, id: string) {
  requirePermission(ctx.viewer, 'campaign.manage');
  const material = isUuid(id) ? await ctx.prisma.campaignMaterial.findUnique({ where: { id } }) : null;
  if (!material) throw notFound('CampaignMaterial');
  await ctx.prisma.$transaction(async (tx) => {
    await tx.campaignMaterial.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: 'campaign.removeMaterial', entity: { type: 'CampaignMaterial', id }, before: material });
  });
  if (material.storageKey) await store.remove(material.storageKey);
  return material;
}
