import { z } from 'zod';

const MIB = 1024 * 1024;

/** File types a material may be stored as: documents, images and short videos marketers hand out. */
export const DEFAULT_MATERIAL_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/svg+xml',
  'video/mp4',
  'text/plain',
  'text/html',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

/** The `pluginConfig.marketing` section of RAPPORT_CONFIG_FILE; unknown keys are rejected. */
export const marketingConfigSchema = z
  .strictObject({
    /** Where uploaded material files are kept (local disk); relative paths are from the working directory. */
    materialsDir: z.string().min(1).default('.data/marketing-materials'),
    /** Largest material file accepted, in bytes. */
    maxMaterialBytes: z.number().int().positive().max(100 * MIB).default(10 * MIB),
    /** Content types a material file may have. */
    materialContentTypes: z.array(z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a content type like application/pdf')).min(1).default(DEFAULT_MATERIAL_TYPES),
    /** How long before a campaign starts or ends its owner is alerted. */
    alertLeadHours: z.number().int().min(0).max(24 * 30).default(24),
    /** How often the job looks for campaigns starting or ending. */
    alertCheckIntervalSeconds: z.number().int().min(5).max(3600).default(300),
    /** Most rows one response import may hold. */
    maxImportRows: z.number().int().positive().max(100_000).default(10_000),
  })
  .prefault({});

export type MarketingConfig = z.output<typeof marketingConfigSchema>;
