import { z } from 'zod';
import { UserRole } from '@rapport/core';

/**
 * The `pluginConfig.partner` section of RAPPORT_CONFIG_FILE. Every key is optional; unknown keys are
 * rejected so a typo does not silently fall back to a default.
 */
export const partnerConfigSchema = z
  .strictObject({
    /** Staff roles that run the partner programme: partners, their users, shares, registration decisions. */
    managerRoles: z.array(z.enum(UserRole)).min(1, 'must name at least one role').default(['ADMIN', 'MANAGER']),
    /** Prefix of readable deal-registration codes (DR-000123). */
    registrationCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('DR-'),
    /** Access an approved registration gives the partner to its customer and contact (unless the approver says otherwise). */
    approvalAccess: z.enum(['READ', 'EDIT']).default('EDIT'),
    /** The portal's own limits: partners are outsiders, so they are tighter than /graphql's. */
    portal: z
      .strictObject({
        /** Whether the portal schema may be introspected; unset: everywhere but production. */
        introspection: z.boolean().optional(),
        maxDepth: z.number().int().min(2).max(50).default(8),
        maxCost: z.number().int().min(10).default(2_000),
        maxAliases: z.number().int().min(0).default(10),
        rateLimit: z.number().int().min(1).default(120),
        rateLimitWindowSeconds: z.number().int().min(1).default(60),
      })
      .prefault({}),
  })
  .prefault({});

export type PartnerConfig = z.output<typeof partnerConfigSchema>;

export const PORTAL_PATH = '/partner/graphql';
/** The `aud` of portal access tokens: /graphql accepts none with an audience, the portal only this one. */
export const PORTAL_AUDIENCE = 'rapport:partner-portal';
