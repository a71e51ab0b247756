import path from 'node:path';
import { z } from 'zod';
import { UserRole } from '@rapport/core';

const roles = (defaults: UserRole[]) => z.array(z.enum(UserRole)).default(defaults);

/** MIME types safe to hand back to a browser as they are: no HTML, SVG or script that could run. */
export const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/zip',
];

/**
 * The `pluginConfig.knowledge` section of RAPPORT_CONFIG_FILE. Core's permissions are a closed set,
 * so who writes and who reviews articles is decided by role here (and a key still needs
 * `customer.write` to change anything).
 */
export const knowledgeConfigSchema = z
  .strictObject({
    /** Prefix of readable article codes (KB-000123). */
    articleCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('KB-'),
    /** Roles that write articles: create, edit, submit for review, link, attach. */
    authorRoles: roles(['ADMIN', 'MANAGER', 'SERVICE']),
    /** Roles that may review (approve, request changes), archive and restore. */
    reviewerRoles: roles(['ADMIN', 'MANAGER']),
    attachments: z
      .strictObject({
        /** Where attachment bytes are stored; relative paths are resolved against the working directory. */
        directory: z.string().min(1).default(path.join('.data', 'knowledge-attachments')),
        maxBytes: z.number().int().positive().max(100 * 1024 * 1024).default(10 * 1024 * 1024),
        allowedTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a MIME type like image/png')).default(DEFAULT_ATTACHMENT_TYPES),
      })
      .prefault({}),
    /** How often the publish job publishes due articles and archives expired ones. */
    publishCheckIntervalSeconds: z.number().int().min(5).max(3600).default(60),
    /** Adds `publicArticles` / `publicArticle`: PUBLIC published articles for callers without credentials. */
    publicAccess: z.boolean().default(false),
  })
  .prefault({});

export type KnowledgeConfig = z.output<typeof knowledgeConfigSchema>;
