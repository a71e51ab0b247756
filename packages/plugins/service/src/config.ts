import { z } from 'zod';
import type { TicketPriority } from '@rapport/core';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** One priority's SLA targets, in minutes after the ticket was opened. */
const slaTarget = (firstResponseMinutes: number, resolutionMinutes: number) =>
  z
    .strictObject({
      firstResponseMinutes: z.number().int().positive().default(firstResponseMinutes),
      resolutionMinutes: z.number().int().positive().default(resolutionMinutes),
    })
    .refine((t) => t.firstResponseMinutes <= t.resolutionMinutes, {
      message: 'must not be more than resolutionMinutes',
      path: ['firstResponseMinutes'],
    })
    // `prefault` parses the empty default, so a partial override keeps the other defaults.
    .prefault({});

/**
 * The `pluginConfig.service` section of RAPPORT_CONFIG_FILE. Every key is optional; unknown keys
 * are rejected so a typo does not silently fall back to a default.
 */
export const serviceConfigSchema = z
  .strictObject({
    /** Prefix of readable ticket codes (T-000123). */
    ticketCodePrefix: z.string().regex(/^[A-Z0-9-]{0,8}$/, 'must be up to 8 capital letters, digits or dashes').default('T-'),
    sla: z
      .strictObject({
        URGENT: slaTarget(30, 4 * MINUTES_PER_HOUR),
        HIGH: slaTarget(2 * MINUTES_PER_HOUR, MINUTES_PER_DAY),
        NORMAL: slaTarget(8 * MINUTES_PER_HOUR, 3 * MINUTES_PER_DAY),
        LOW: slaTarget(MINUTES_PER_DAY, 7 * MINUTES_PER_DAY),
      } satisfies Record<TicketPriority, unknown>)
      .prefault({}),
    /** How often the SLA breach job looks for missed targets. */
    breachCheckIntervalSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .prefault({});

export type ServiceConfig = z.output<typeof serviceConfigSchema>;
export type SlaPolicy = ServiceConfig['sla'];
