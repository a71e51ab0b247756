import path from 'node:path';
import { z } from 'zod';
import { approvalStepsSchema } from '@rapport/core';

/** Types safe to hand back to a browser as they are (no HTML, SVG or script): scans, PDFs, office files. */
export const DEFAULT_CONTRACT_ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const roles = z.array(z.enum(['ADMIN', 'MANAGER', 'SALES', 'SERVICE', 'MARKETING']));

/**
 * The `pluginConfig.sales` section of RAPPORT_CONFIG_FILE. Every key is optional; unknown keys are
 * rejected so a typo does not silently fall back to a default.
 */
export const salesConfigSchema = z
  .strictObject({
    /** Prefix of readable opportunity codes (OPP-000123). */
    opportunityCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('OPP-'),
    /** Prefix of readable quote codes (Q-000123, revisions Q-000123-2). */
    quoteCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('Q-'),
    /** Currency of new opportunities and quotes without one (ISO 4217). */
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code').default('CNY'),
    /** The deployment's time zone: calendar days, periods and "today" in reports and alerts. */
    timeZone: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone, e.g. Asia/Shanghai')
      .default('Asia/Shanghai'),
    /** Roles that may define pipelines, products and price lists. */
    configureRoles: roles.default(['ADMIN']),
    /** An open opportunity without any activity or stage change for this many days alerts its owner. */
    staleAfterDays: z.number().int().min(1).max(365).default(14),
    /** How often the opportunity and quote jobs look for stale opportunities, passed close dates and expired quotes. */
    checkIntervalSeconds: z.number().int().min(5).max(86_400).default(3600),
    /** A quote whose largest line discount is above the threshold is sent only once this flow approved it. */
    quoteApproval: z
      .strictObject({
        discountAbovePercent: z.number().min(0).max(100).default(10),
        steps: approvalStepsSchema.default([{ kind: 'OWNER_MANAGER' }]),
      })
      .prefault({}),
    /** Prefix of contract numbers: HT-2026-0001 (a sequence per calendar year). */
    contractNumberPrefix: z.string().regex(/^[A-Z]{1,6}$/, 'must be 1 to 6 capital letters').default('HT'),
    /** A contract whose amount is above `amountAbove` is signed only once this flow approved it. */
    contractApproval: z
      .strictObject({
        amountAbove: z.number().min(0).default(100_000),
        steps: approvalStepsSchema.default([{ kind: 'OWNER_MANAGER' }]),
      })
      .prefault({}),
    /** When `required`, a recorded payment counts only once this flow approved it and it was confirmed. */
    paymentApproval: z
      .strictObject({
        required: z.boolean().default(false),
        steps: approvalStepsSchema.default([{ kind: 'ROLE', role: 'ADMIN' }]),
      })
      .prefault({}),
    /** Payments beyond what a contract still has outstanding are refused unless this is true. */
    allowOverpayment: z.boolean().default(false),
    /** The contract owner is alerted this many days before an instalment falls due (and once when it is overdue). */
    instalmentDueSoonDays: z.number().int().min(0).max(90).default(3),
    /** Prefix of readable lead codes (L-000123). */
    leadCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('L-'),
    /** The lead public pool (线索公海): an owned, unconverted lead without a follow-up for `releaseAfterDays` goes back to it; its owner is warned `warnDaysBefore` days ahead. */
    leadPool: z
      .strictObject({
        releaseAfterDays: z.number().int().min(1).max(365).default(15),
        warnDaysBefore: z.number().int().min(0).max(30).default(3),
      })
      .prefault({}),
    /** The day weeks start on in the weekly sales management report (销售管理周报). */
    weekStartsOn: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']).default('MONDAY'),
    /** Days a new quote stays valid unless its validUntil is given. */
    quoteValidDays: z.number().int().min(1).max(365).default(30),
    /** Contract attachments (合同附件), stored by content hash (SHA-256) under `directory`. */
    contractAttachments: z
      .strictObject({
        /** Where attachment bytes are stored; relative paths are resolved against the working directory. */
        directory: z.string().min(1).default(path.join('.data', 'contract-attachments')),
        maxBytes: z.number().int().positive().max(100 * 1024 * 1024).default(20 * 1024 * 1024),
        /** MIME types accepted; binary ones are checked against the content's leading bytes. */
        allowedTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a MIME type like image/png')).default(DEFAULT_CONTRACT_ATTACHMENT_TYPES),
      })
      .prefault({}),
  })
  .prefault({});

export type SalesConfig = z.output<typeof salesConfigSchema>;
