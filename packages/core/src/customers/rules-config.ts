import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { careRulesSchema } from '../care/config.js';

const days = (fallback: number) => z.number().int().min(1).max(3650).default(fallback);

/** Parameters of the customer rules; defaults are documented in docs/customer-rules.md. */
export const customerRulesSchema = z
  .object({
    tiers: z
      .object({
        /** A needs at least this value: annual contract value, or deals closed in the last 365 days if more. */
        aMinAnnualValue: z.number().min(0).default(500_000),
        /** A needs contact within this many days ("close contact"). */
        closeContactDays: days(30),
        /** X: dealt or quoted before, and no contact for this many days. */
        dormantAfterDays: days(90),
      })
      .strict()
      .prefault({}),
    lifecycle: z
      .object({
        /** RETURNING from this many deals. */
        returningAfterDeals: z.number().int().min(2).default(2),
        /** LOYAL from this many deals, while still buying (a deal within loyalRecentDays). */
        loyalAfterDeals: z.number().int().min(2).default(10),
        loyalRecentDays: days(365),
        /** DORMANT after this many days without contact or deal (only customers that dealt). */
        dormantAfterDays: days(90),
      })
      .strict()
      .prefault({}),
    pool: z
      .object({
        /** How many customers one user may own; claims and transfers beyond it are refused. */
        maxOwnedCustomers: z.number().int().min(1).default(100),
        /** Owned customers without follow-up (contact, deal, offer) or new owner for this long go back to the pool. */
        releaseAfterDays: days(90),
        /** The owner is warned this many days before the release (CUSTOMER_ABOUT_TO_BE_RELEASED); 0: no warning. */
        warnBeforeReleaseDays: z.number().int().min(0).max(365).default(7),
      })
      .strict()
      .prefault({}),
    duplicates: z
      .object({
        /**
         * 撞单: WARN lets a new customer matching another's name or phone through with warnings on the
         * payload; REFUSE refuses it when the match is another owner's (or the pool's), naming the
         * owner so the rep asks for a share or claims it instead.
         */
        onCreate: z.enum(['WARN', 'REFUSE']).default('WARN'),
      })
      .strict()
      .prefault({}),
    score: z
      .object({
        /** The score (customers/score.ts) measures this many days back. */
        windowDays: days(365),
        /** Weight and target per part key (frequency, amount, and the keys plugins contribute); unset: the part's defaults. */
        weights: z
          .record(z.string(), z.object({ weight: z.number().min(0).max(1000).optional(), target: z.number().gt(0).optional() }).strict())
          .default({}),
      })
      .strict()
      .prefault({}),
    churn: z
      .object({
        /**
         * The recent window compared with the baseline before it. Default: half the shortest silence
         * with consequences (the pre-release warning, tier X, DORMANT), so a customer judged on
         * contact is warned about before any of them.
         */
        windowDays: z.number().int().min(1).max(3650).optional(),
        /** The baseline: this many windows right before the recent one, averaged per window (default: 270 days of them). */
        baselineWindows: z.number().int().min(1).max(12).optional(),
        /** Flag when the recent count is below baseline × (1 − dropRatio). */
        dropRatio: z.number().gt(0).max(1).default(0.5),
        /** Only customers with at least this many interactions per baseline window are judged on contact (default: 2 per 90 days). */
        minBaselineContacts: z.number().min(0).optional(),
        /** Only customers with at least this many deals per baseline window are judged on deals (default: 1 per 90 days). */
        minBaselineDeals: z.number().min(0).optional(),
      })
      .strict()
      .prefault({}),
    /** Customer care (care/rules.ts): birthday and holiday care tasks, periodic file reviews. */
    care: careRulesSchema,
  })
  .strict()
  .transform((rules, ctx) => {
    const { pool, tiers, lifecycle, churn } = rules;
    if (pool.warnBeforeReleaseDays >= pool.releaseAfterDays) {
      ctx.addIssue({ code: 'custom', path: ['pool', 'warnBeforeReleaseDays'], message: `must be less than pool.releaseAfterDays (${pool.releaseAfterDays})` });
    }
    const consequence = Math.min(pool.releaseAfterDays - pool.warnBeforeReleaseDays, tiers.dormantAfterDays, lifecycle.dormantAfterDays);
    const windowDays = churn.windowDays ?? Math.max(1, Math.floor(consequence / 2));
    // Silence of one whole window flags a judged customer, so the window must end before the first consequence.
    if (windowDays >= consequence) {
      ctx.addIssue({
        code: 'custom',
        path: ['churn', 'windowDays'],
        message: `must be shorter than ${consequence} days (the first of the pre-release warning, tier X and DORMANT), so the churn warning comes first`,
      });
    }
    // The other defaults keep the same rates whatever the window: a 270-day baseline, 2 contacts and 1 deal per 90 days.
    const perWindow = (per90Days: number) => Math.round((per90Days * windowDays * 100) / 90) / 100;
    return {
      ...rules,
      churn: {
        ...churn,
        windowDays,
        baselineWindows: churn.baselineWindows ?? Math.min(12, Math.max(1, Math.round(270 / windowDays))),
        minBaselineContacts: churn.minBaselineContacts ?? perWindow(2),
        minBaselineDeals: churn.minBaselineDeals ?? perWindow(1),
      },
    };
  });

export type CustomerRules = z.output<typeof customerRulesSchema>;

export const DEFAULT_CUSTOMER_RULES: CustomerRules = customerRulesSchema.parse({});

/** Environment variables for the parameters deployments change most; they win over the config file. */
const ENV_RULES = {
  RAPPORT_TIER_A_MIN_VALUE: ['tiers', 'aMinAnnualValue'],
  RAPPORT_TIER_DORMANT_DAYS: ['tiers', 'dormantAfterDays'],
  RAPPORT_STAGE_DORMANT_DAYS: ['lifecycle', 'dormantAfterDays'],
  RAPPORT_POOL_MAX_CUSTOMERS: ['pool', 'maxOwnedCustomers'],
  RAPPORT_POOL_RELEASE_DAYS: ['pool', 'releaseAfterDays'],
  RAPPORT_POOL_WARN_DAYS: ['pool', 'warnBeforeReleaseDays'],
  RAPPORT_CHURN_WINDOW_DAYS: ['churn', 'windowDays'],
  RAPPORT_DUPLICATE_CUSTOMERS: ['duplicates', 'onCreate'],
  RAPPORT_CARE_LEAD_DAYS: ['care', 'leadDays'],
} as const;

/** The variables above that take a word, not a number. */
const WORD_RULES = new Set<string>(['RAPPORT_DUPLICATE_CUSTOMERS']);

/**
 * The rules of a deployment: defaults, then the `customerRules` section of RAPPORT_CONFIG_FILE, then
 * the RAPPORT_* variables above. Returns the problems (naming the key or variable) instead of throwing.
 */
export function resolveCustomerRules(env: Record<string, string | undefined>): { rules?: CustomerRules; problems: string[] } {
  const section = structuredClone(fileSection(env.RAPPORT_CONFIG_FILE)) as Record<string, Record<string, unknown>>;
  const problems: string[] = [];
  for (const [variable, [group, key]] of Object.entries(ENV_RULES)) {
    const raw = env[variable];
    if (!raw) continue;
    const value = WORD_RULES.has(variable) ? raw.trim().toUpperCase() : Number(raw);
    if (typeof value === 'number' && !Number.isFinite(value)) problems.push(`${variable}: must be a number`);
    else (section[group] ??= {})[key] = value;
  }
  const parsed = customerRulesSchema.safeParse(section);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const variable = Object.entries(ENV_RULES).find(([name, p]) => p.join('.') === path && env[name])?.[0];
      problems.push(`${variable ?? `customerRules.${path}`}: ${issue.message}`);
    }
  }
  return problems.length ? { problems } : { rules: parsed.data, problems };
}

function fileSection(file: string | undefined): unknown {
  if (!file) return {};
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { customerRules?: unknown }).customerRules ?? {};
  } catch {
    return {}; // an unreadable file is reported, naming RAPPORT_CONFIG_FILE, at start-up (server/startup.ts)
  }
}
