// The rules of a public pool (公海) as plain functions with `now` passed in: when an owned customer
// goes to a pool (release rules judged on follow-up, deals or open opportunities, days per tier,
// exemptions), when its owner is warned, and whether a claim from a pool is allowed (membership is
// the row rule in visibility.ts; the previous owner's cooldown and the claims-per-day limit here).
// Every decision names its rule by key and parameters; the texts are in the error and transfer
// catalogue (error-messages.ts), never assembled here.
import { z } from 'zod';
import { storedMessage } from '../error-messages.js';
import type { CustomerRules } from './rules-config.js';

const DAY = 86_400_000;

/** Id of the default pool the public_pools migration creates; `poolId` null on a customer or transfer means it. */
export const DEFAULT_POOL_ID = '00000000-0000-7000-8000-000000000001';

export const POOL_TIERS = ['A', 'B', 'C', 'D', 'X'] as const;
export type PoolTier = (typeof POOL_TIERS)[number];

/** What a pool's release rule counts the silence from. */
export const RELEASE_BASES = ['FOLLOW_UP', 'DEAL', 'OPPORTUNITY'] as const;
export type ReleaseBasis = (typeof RELEASE_BASES)[number];

const days = z.number().int().min(1).max(3650);

/** A pool's rules, as stored in PublicPool.rules and taken by createPublicPool/updatePublicPool. */
export const poolRulesSchema = z
  .object({
    /**
     * FOLLOW_UP: days without a completed interaction (lastContactedAt); DEAL: days without a closed
     * deal; OPPORTUNITY: days without an open opportunity (as plugins report them). Creation and the
     * last change of owner restart every count.
     */
    basis: z.enum(RELEASE_BASES).default('FOLLOW_UP'),
    /** Days per tier; a tier left out is never released by this pool. */
    daysByTier: z.object({ A: days.optional(), B: days.optional(), C: days.optional(), D: days.optional(), X: days.optional() }).strict().default({}),
    /** Customers with a deal are never released by this pool. */
    exemptDealt: z.boolean().default(false),
    /** Customers with an open opportunity (reported by a plugin) are never released by this pool. */
    exemptOpenOpportunities: z.boolean().default(false),
    /** The owner is warned this many days before the release (CUSTOMER_ABOUT_TO_BE_RELEASED); 0: no warning. */
    warnBeforeDays: z.number().int().min(0).max(365).default(0),
    /** The previous owner may not claim a customer back for this many days after it went to the pool. */
    reclaimCooldownDays: z.number().int().min(0).max(365).default(0),
    /** Claims from this pool per user per local day (the user's time zone, else the deployment's); null: no limit. */
    claimsPerDay: z.number().int().min(1).max(10_000).nullable().default(null),
  })
  .strict()
  .superRefine((rules, ctx) => {
    for (const tier of POOL_TIERS) {
      const d = rules.daysByTier[tier];
      if (d !== undefined && rules.warnBeforeDays >= d) {
        ctx.addIssue({ code: 'custom', path: ['warnBeforeDays'], message: storedMessage('pool.warnBeforeTooLong', { tier, days: d }) });
      }
    }
  });

export type PoolRules = z.output<typeof poolRulesSchema>;

/** The default pool's rules while its row has none: today's deployment-wide customerRules.pool. */
export function deploymentPoolRules(pool: CustomerRules['pool']): PoolRules {
  const daysByTier = Object.fromEntries(POOL_TIERS.map((t) => [t, pool.releaseAfterDays])) as PoolRules['daysByTier'];
  return {
    basis: 'FOLLOW_UP',
    daysByTier,
    exemptDealt: false,
    exemptOpenOpportunities: false,
    warnBeforeDays: pool.warnBeforeReleaseDays,
    reclaimCooldownDays: 0,
    claimsPerDay: null,
  };
}

/** A rule that decided, as kept on the transfer: its key and the parameters its message takes. */
export interface RuleRef {
  rule: string;
  params: Record<string, string | number>;
}

const RELEASE_RULE: Record<ReleaseBasis, string> = {
  FOLLOW_UP: 'pool.release.noFollowUp',
  DEAL: 'pool.release.noDeal',
  OPPORTUNITY: 'pool.release.noOpenOpportunity',
};

/** What the release rules look at on one owned customer. */
export interface ReleaseFacts {
  tier: PoolTier;
  createdAt: Date;
  /** Last completed interaction (any plugin's, through core's contact mechanism). */
  lastContactedAt: Date | null;
  /** Last change of owner (claim, transfer, hand-over). */
  lastTransferAt: Date | null;
  lastDealAt: Date | null;
  hasDeal: boolean;
  /** As the enabled plugins report it; false when none does. */
  hasOpenOpportunity: boolean;
}

export interface ReleaseJudgement extends RuleRef {
  /** When the silence the rule counts began. */
  since: Date;
  /** When the customer goes to the pool, if nothing changes. */
  dueAt: Date;
  /** When its owner is warned; null: the pool does not warn. */
  warnAt: Date | null;
}

const latest = (...dates: Array<Date | null>) => new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

/**
 * When one pool would release a customer: null when the pool has no days for its tier, when it is
 * exempt (a deal, an open opportunity, as the pool says), or when an open opportunity keeps an
 * OPPORTUNITY-based pool from counting.
 */
export function judgeRelease(rules: PoolRules, facts: ReleaseFacts): ReleaseJudgement | null {
  const days = rules.daysByTier[facts.tier];
  if (days === undefined) return null;
  if (rules.exemptDealt && facts.hasDeal) return null;
  if (facts.hasOpenOpportunity && (rules.exemptOpenOpportunities || rules.basis === 'OPPORTUNITY')) return null;
  const since =
    rules.basis === 'FOLLOW_UP'
      ? latest(facts.createdAt, facts.lastContactedAt, facts.lastTransferAt)
      : rules.basis === 'DEAL'
        ? latest(facts.createdAt, facts.lastDealAt, facts.lastTransferAt)
        : latest(facts.createdAt, facts.lastTransferAt);
  const dueAt = new Date(since.getTime() + days * DAY);
  const warnAt = rules.warnBeforeDays > 0 ? new Date(dueAt.getTime() - rules.warnBeforeDays * DAY) : null;
  return { rule: RELEASE_RULE[rules.basis], params: { days, tier: facts.tier }, since, dueAt, warnAt };
}

/** A pool as the release job sees it. */
export interface JudgingPool {
  id: string;
  createdAt: Date;
  rules: PoolRules;
}

/**
 * Which pool takes a customer and when: of the pools whose members include its owner and that have
 * days for its tier, the one that would release it first (the older pool on a tie). Null: no such
 * pool (the default pool judges it) or all of them exempt it.
 */
export function chooseRelease<P extends JudgingPool>(pools: readonly P[], facts: ReleaseFacts): { pool: P; judgement: ReleaseJudgement } | null {
  let best: { pool: P; judgement: ReleaseJudgement } | null = null;
  for (const pool of pools) {
    const judgement = judgeRelease(pool.rules, facts);
    if (!judgement) continue;
    if (!best || judgement.dueAt < best.judgement.dueAt || (+judgement.dueAt === +best.judgement.dueAt && pool.createdAt < best.pool.createdAt)) best = { pool, judgement };
  }
  return best;
}

/** Whether a pool judges a customer at all (it has days for the tier): such customers are left out of the default pool's release. */
export function covers(rules: PoolRules, tier: PoolTier): boolean {
  return rules.daysByTier[tier] !== undefined;
}

export type ClaimRefusal = RuleRef & { code: 'CONFLICT' | 'LIMIT_REACHED' };

export interface ClaimFacts {
  userId: string;
  /** Who owned the customer before it went to the pool, and when it did; null: never owned. */
  previousOwnerId: string | null;
  releasedAt: Date | null;
  /** The user's claims from this pool since their local midnight. */
  claimsToday: number;
}

/**
 * Whether a member may claim from a pool now: the previous owner waits reclaimCooldownDays after the
 * release (CONFLICT, with the day it ends), and nobody claims more than claimsPerDay in one local day
 * (LIMIT_REACHED). Null: allowed.
 */
export function claimRefusal(rules: PoolRules, facts: ClaimFacts, now: Date): ClaimRefusal | null {
  if (rules.reclaimCooldownDays > 0 && facts.previousOwnerId === facts.userId && facts.releasedAt) {
    const until = new Date(facts.releasedAt.getTime() + rules.reclaimCooldownDays * DAY);
    if (now < until) return { code: 'CONFLICT', rule: 'pool.claim.cooldown', params: { days: rules.reclaimCooldownDays, until: until.getTime() } };
  }
  if (rules.claimsPerDay !== null && facts.claimsToday >= rules.claimsPerDay) {
    return { code: 'LIMIT_REACHED', rule: 'pool.claim.perDay', params: { max: rules.claimsPerDay } };
  }
  return null;
}

export interface AssignFacts {
  /** The viewer holds customer.assign (gives any customer they may change to anyone). */
  holdsAssign: boolean;
  /** The customer is in a pool (no owner). */
  inPool: boolean;
  /** The viewer manages the customer's pool (its ADMIN, or pool.manage). */
  managesPool: boolean;
  /** The receiver is a member of that pool (directly or through their team; everyone is on the default pool). */
  receiverIsMember: boolean;
}

/**
 * Whether the viewer may give a customer to a user, and as what: with customer.assign as a transfer
 * (no pool rule); without it, a pool's admin only a customer of their pool, and only to one of its
 * members (rule pool.assign). FORBIDDEN: neither; a refusal of the receiver: not a member.
 */
export function assignDecision(facts: AssignFacts): { allowed: 'TRANSFER' | 'POOL_ASSIGN' } | { refused: 'FORBIDDEN' | 'NOT_A_MEMBER' } {
  if (facts.holdsAssign) return { allowed: 'TRANSFER' };
  if (!facts.inPool || !facts.managesPool) return { refused: 'FORBIDDEN' };
  return facts.receiverIsMember ? { allowed: 'POOL_ASSIGN' } : { refused: 'NOT_A_MEMBER' };
}
