// Demo deals, offers and the history the rules would have written for them (stage and tier changes,
// releases to the public pool), derived from each generated customer with an rng of its own so the
// customers, contacts and activities stay exactly what they were.
import { randomUUID } from 'node:crypto';
import { storedMessage } from '../error-messages.js';
import type { CustomerStage, CustomerTier, Prisma } from '../../generated/prisma/client.js';
import { DEFAULT_CUSTOMER_RULES } from '../customers/rules-config.js';
import type { Rng } from '../shared/random.js';

const DAY = 86_400_000;
const { lifecycle, tiers, pool } = DEFAULT_CUSTOMER_RULES;

const DEAL_COUNTS: Record<CustomerStage, readonly [number, number]> = {
  POTENTIAL: [0, 0],
  NEW: [1, 1],
  RETURNING: [lifecycle.returningAfterDeals, lifecycle.loyalAfterDeals - 1],
  LOYAL: [lifecycle.loyalAfterDeals, lifecycle.loyalAfterDeals + 6],
  DORMANT: [1, 5],
};
const DEAL_TITLES = ['Annual supply contract', 'Trial order', 'Spare parts order', 'Framework agreement', 'Repeat order', 'Project order'];

export interface PracticeRows {
  /** Demo deals are in the deployment's currency (currency null). */
  deals: Omit<Prisma.DealCreateManyInput, 'currency'>[];
  offers: Prisma.OfferCreateManyInput[];
  tierChanges: Prisma.TierChangeCreateManyInput[];
  stageChanges: Prisma.StageChangeCreateManyInput[];
  /** The demo's transfers are between users and claims from the default pool: no pool, no rule. */
  transfers: Omit<Prisma.CustomerTransferCreateManyInput, 'poolId' | 'rule' | 'ruleParams'>[];
}

export const emptyPracticeRows = (): PracticeRows => ({ deals: [], offers: [], tierChanges: [], stageChanges: [], transfers: [] });

type SeededCustomer = Prisma.CustomerCreateManyInput & { id: string; tier: CustomerTier; stage: CustomerStage; createdAt: Date };

/** Adds one customer's deals, offers and history; `formerOwnerId` is who worked a pool customer before. */
export function addPracticeRows(rng: Rng, rows: PracticeRows, customer: SeededCustomer, formerOwnerId: string, now: number): void {
  const created = customer.createdAt.getTime();
  const lastContact = customer.lastContactedAt ? new Date(customer.lastContactedAt).getTime() : null;
  const ownerId = customer.ownerId ?? formerOwnerId;
  const end = lastContact ?? created;
  const dealTimes = dealTimesFor(rng, customer.stage, created, end);
  const offerTimes = offerTimesFor(rng, customer.tier, created, dealTimes[0] ?? end);
  const value = Number(customer.annualContractValue ?? 0);
  const dealIds = dealTimes.map((at, i) => {
    const id = randomUUID();
    // Deals of the last year never add up to more than the contract value, so the value tier holds.
    const amount = Math.max(100, Math.floor((value / dealTimes.length) * (0.5 + rng.int(0, 50) / 100) / 100) * 100);
    rows.deals.push({ id, customerId: customer.id, title: rng.pick(DEAL_TITLES), amount, closedAt: new Date(at), ownerId, createdAt: new Date(at) });
    return { id, at, index: i };
  });
  for (const at of offerTimes) {
    rows.offers.push({ id: randomUUID(), customerId: customer.id, kind: rng.chance(0.7) ? 'QUOTE' : 'SAMPLE', note: null, sentAt: new Date(at), ownerId, createdAt: new Date(at) });
  }
  addHistory(rows, customer, { dealIds, offerTimes, lastContact, ownerId, now });
  if (customer.ownerId === null) addRelease(rows, customer.id, formerOwnerId, end, now);
}

/** Deal times between creation and the last contact; the latest deal is the last contact itself. */
function dealTimesFor(rng: Rng, stage: CustomerStage, created: number, end: number): number[] {
  const count = rng.int(...DEAL_COUNTS[stage]);
  if (count === 0) return [];
  const earlier = Array.from({ length: count - 1 }, () => rng.int(created, end));
  return [...earlier.sort((a, b) => a - b), end];
}

function offerTimesFor(rng: Rng, tier: CustomerTier, created: number, before: number): number[] {
  const count = tier === 'C' ? rng.int(1, 3) : tier === 'D' ? 0 : rng.int(0, 1);
  return Array.from({ length: count }, () => rng.int(created, before)).sort((a, b) => a - b);
}

interface HistorySpec {
  dealIds: Array<{ id: string; at: number; index: number }>;
  offerTimes: number[];
  lastContact: number | null;
  ownerId: string;
  now: number;
}

function addHistory(rows: PracticeRows, customer: SeededCustomer, spec: HistorySpec): void {
  const customerId = customer.id;
  const stage = (fromStage: CustomerStage, toStage: CustomerStage, at: number, reason: string, dealId: string | null) =>
    rows.stageChanges.push({ id: randomUUID(), customerId, fromStage, toStage, cause: dealId ? 'DEAL' : 'RULE', reason, dealId, actorId: dealId ? spec.ownerId : null, at: new Date(at) });
  const tier = (fromTier: CustomerTier, toTier: CustomerTier, at: number, reason: string) =>
    rows.tierChanges.push({ id: randomUUID(), customerId, fromTier, toTier, cause: 'RULE', reason, actorId: null, at: new Date(at) });

  const [first] = spec.dealIds;
  if (spec.offerTimes.length && (!first || spec.offerTimes[0]! < first.at)) tier('D', 'C', spec.offerTimes[0]!, storedMessage('reason.tierOffered'));
  if (!first) return;
  stage('POTENTIAL', 'NEW', first.at, storedMessage('reason.stageFirstDeal'), first.id);
  const returning = spec.dealIds[lifecycle.returningAfterDeals - 1];
  if (returning) stage('NEW', 'RETURNING', returning.at, storedMessage('reason.stageReturning', { deals: String(lifecycle.returningAfterDeals) }), returning.id);
  const loyal = spec.dealIds[lifecycle.loyalAfterDeals - 1];
  if (loyal) stage('RETURNING', 'LOYAL', loyal.at, storedMessage('reason.stageLoyal', { deals: String(lifecycle.loyalAfterDeals), days: String(lifecycle.loyalRecentDays) }), loyal.id);
  const dealtTier = customer.tier === 'A' ? 'A' : 'B';
  const dealtReason = dealtTier === 'A' ? storedMessage('reason.tierKeyAccount', { minValue: String(tiers.aMinAnnualValue), days: String(tiers.closeContactDays) }) : storedMessage('reason.tierDealtBelowValue', { minValue: String(tiers.aMinAnnualValue) });
  tier(spec.offerTimes.length && spec.offerTimes[0]! < first.at ? 'C' : 'D', dealtTier, first.at, dealtReason);
  if (customer.stage === 'DORMANT' && spec.lastContact !== null) {
    const silentSince = spec.lastContact + lifecycle.dormantAfterDays * DAY;
    const reached = spec.dealIds.length >= lifecycle.loyalAfterDeals ? 'LOYAL' : spec.dealIds.length >= lifecycle.returningAfterDeals ? 'RETURNING' : 'NEW';
    if (silentSince < spec.now) stage(reached, 'DORMANT', silentSince, storedMessage('reason.stageDormant', { days: String(lifecycle.dormantAfterDays) }), null);
    const dormantSince = spec.lastContact + tiers.dormantAfterDays * DAY;
    if (dormantSince < spec.now) tier(dealtTier, 'X', dormantSince, storedMessage('reason.tierDormant', { days: String(tiers.dormantAfterDays) }));
  }
}

/** A pool customer went back when its rep stopped following it up (never later than yesterday). */
function addRelease(rows: PracticeRows, customerId: string, fromUserId: string, lastTouch: number, now: number): void {
  const at = Math.min(lastTouch + pool.releaseAfterDays * DAY, now - DAY);
  rows.transfers.push({
    id: randomUUID(),
    customerId,
    kind: 'AUTO_RELEASE',
    fromUserId,
    toUserId: null,
    reason: `no follow-up for ${pool.releaseAfterDays} days`,
    actorId: null,
    at: new Date(Math.max(at, lastTouch)),
  });
}

type Columns<R> = Record<keyof R, string>;

/** SQL types of the columns insertRows writes, per table (keyed by Prisma's input types, so schema changes surface here). */
export const PRACTICE_TABLES: { [K in keyof PracticeRows]: { table: string; columns: Columns<PracticeRows[K][number]> } } = {
  deals: {
    table: 'Deal',
    columns: { id: 'uuid', customerId: 'uuid', title: 'text', amount: 'numeric', closedAt: 'timestamp(3)', ownerId: 'uuid', createdAt: 'timestamp(3)' },
  },
  offers: {
    table: 'Offer',
    columns: { id: 'uuid', customerId: 'uuid', kind: '"OfferKind"', note: 'text', sentAt: 'timestamp(3)', ownerId: 'uuid', createdAt: 'timestamp(3)' },
  },
  tierChanges: {
    table: 'TierChange',
    columns: { id: 'uuid', customerId: 'uuid', fromTier: '"CustomerTier"', toTier: '"CustomerTier"', cause: '"ClassificationCause"', reason: 'text', actorId: 'uuid', at: 'timestamp(3)' },
  },
  stageChanges: {
    table: 'StageChange',
    columns: { id: 'uuid', customerId: 'uuid', fromStage: '"CustomerStage"', toStage: '"CustomerStage"', cause: '"ClassificationCause"', reason: 'text', dealId: 'uuid', actorId: 'uuid', at: 'timestamp(3)' },
  },
  transfers: {
    table: 'CustomerTransfer',
    columns: { id: 'uuid', customerId: 'uuid', kind: '"TransferKind"', fromUserId: 'uuid', toUserId: 'uuid', reason: 'text', actorId: 'uuid', at: 'timestamp(3)' },
  },
};
