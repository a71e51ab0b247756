// The public surface of the customer rules (tiers, lifecycle, pool, churn, statistics) for plugins and the server.
import type { ScheduledJob } from '../jobs/runner.js';
import { classificationJob } from './classification.js';
import { churnJob } from './churn.js';
import { poolReleaseJob } from './pool.js';
import type { CustomerRules } from './rules-config.js';
import type { OpenOpportunitiesHook } from './pool-service.js';

export { customerRulesSchema, DEFAULT_CUSTOMER_RULES, type CustomerRules } from './rules-config.js';
export { tierFor, stageFor, churnFor, type CustomerFacts, type FrequencyFacts } from './rules.js';
export { reclassify, reclassifyAll, classificationJob } from './classification.js';
export { recordDeal, recordDealIn, recordOffer, recordOfferIn } from './deals.js';
export { overrideCustomerTier, clearCustomerTierOverride, markCustomerStage, clearCustomerStageMark } from './overrides.js';
export { claimCustomer, releaseCustomer, transferCustomer, releaseNeglectedCustomers, poolReleaseJob } from './pool.js';
export { flagChurnRisks, churnJob } from './churn.js';
export { createPublicPool, updatePublicPool, judgePoolReleases, type OpenOpportunitiesHook } from './pool-service.js';
export { poolRulesSchema, judgeRelease, chooseRelease, claimRefusal, DEFAULT_POOL_ID, type PoolRules } from './pool-rules.js';
export { CustomerStatsService } from './stats.js';
export { activityStats } from '../activities/stats.js';
export { customersVisibleSql } from '../auth/visibility-sql.js';

/** Core's periodic jobs for the customer rules, with the deployment's parameters. */
export function customerRuleJobs(rules: CustomerRules, openOpportunities: readonly OpenOpportunitiesHook[] = []): ScheduledJob[] {
  return [
    { job: classificationJob, config: rules },
    { job: poolReleaseJob, config: { ...rules, openOpportunities } },
    { job: churnJob, config: rules },
  ];
}
