import { z } from 'zod';
import { DEFAULT_HOLIDAYS, isLunarMonthDay, isMonthDay } from './rules.js';

const holiday = z
  .object({
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(60).optional(),
    /** `MM-DD` of the calendar below. */
    date: z.string(),
    calendar: z.enum(['SOLAR', 'LUNAR']).default('SOLAR'),
  })
  .strict()
  .refine((h) => (h.calendar === 'LUNAR' ? isLunarMonthDay(h.date) : isMonthDay(h.date)), {
    path: ['date'],
    message: 'must be MM-DD, a day of its calendar (e.g. 10-01, or 08-15 with calendar LUNAR)',
  });

/** `customerRules.care`; defaults are documented in docs/customer-rules.md (Customer care 客户关怀). */
export const careRulesSchema = z
  .object({
    /** Care tasks and alerts are raised this many days before the birthday or holiday (0: on the day). */
    leadDays: z.number().int().min(0).max(60).default(3),
    /** The holiday calendar; replaces the defaults when set ([] for none). */
    holidays: z
      .array(holiday)
      .max(100)
      .default(() => DEFAULT_HOLIDAYS.map((h) => ({ ...h })))
      .refine((list) => new Set(list.map((h) => h.name)).size === list.length, 'holiday names must be unique'),
    /** Holiday care goes to the owned customers of these tiers. */
    holidayTiers: z
      .array(z.enum(['A', 'B', 'C', 'D', 'X']))
      .default(['A', 'B']),
    /** A customer file is reviewed this many days after the last review (or creation); 0: no reviews. */
    fileReviewDays: z.number().int().min(0).max(3650).default(0),
  })
  .strict()
  .prefault({});

export type CareRules = z.output<typeof careRulesSchema>;
