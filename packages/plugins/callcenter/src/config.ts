import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';

export const WEBHOOK_SECRET_ENV = 'RAPPORT_TELEPHONY_WEBHOOK_SECRET';

const outcome = z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters');

/**
 * The `pluginConfig.callcenter` section of RAPPORT_CONFIG_FILE. Every key is optional; unknown keys
 * are rejected so a typo does not silently fall back to a default.
 */
export const callcenterConfigSchema = z
  .strictObject({
    /** Country assumed for numbers written without a country code (ISO 3166 alpha-2). */
    defaultCountry: z
      .string()
      .refine((code) => isSupportedCountry(code), 'must be a supported ISO 3166 alpha-2 country code, e.g. CN')
      .default('CN'),
    /** Outcomes an agent may record beside the disposition, e.g. "will call back". */
    outcomes: z
      .array(outcome)
      .max(50, 'must list at most 50 outcomes')
      .refine((list) => new Set(list.map((o) => o.toLowerCase())).size === list.length, 'must not repeat an outcome')
      .default(['will call back', 'resolved', 'sale', 'complaint', 'wrong number']),
    webhook: z
      .strictObject({
        /** HMAC-SHA256 key shared with the telephony system; falls back to RAPPORT_TELEPHONY_WEBHOOK_SECRET. */
        secret: z
          .string()
          .min(32, 'must be at least 32 characters')
          .optional()
          .prefault(() => process.env[WEBHOOK_SECRET_ENV] || undefined),
        /** How far a request's timestamp may be from the server's clock. */
        toleranceSeconds: z.number().int().min(10).max(3600).default(300),
        maxBodyBytes: z.number().int().min(1024).max(1_048_576).default(65_536),
      })
      .prefault({}),
    /** A missed inbound call from a known customer becomes a callback task. */
    missedCallCallback: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** The task is due this long after the call ended. */
        dueAfterMinutes: z.number().int().min(0).max(10_080).default(30),
      })
      .prefault({}),
    /** A callback's reminder (TASK_DUE_SOON) fires this long before it is due, unless one is given. */
    callbackReminderMinutes: z.number().int().min(0).max(1440).default(5),
    /** An answered call with at least this much talk counts as contact with its customer (recordInteraction). */
    contactMinTalkSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .prefault({});

export type CallcenterConfig = z.output<typeof callcenterConfigSchema>;
