import { DEFAULT_POOL_ID, POOL_TIERS, type PoolRules, type PoolTier } from './pool-rules.js';
import type { CustomerNature, CustomerSize, CustomerStage, CustomerTier, Prisma } from '../../generated/prisma/client.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { archivedWhere } from './archive.js';
import { parseCustomerCode } from './code.js';
import { codePrefix as divisionCodePrefix, divisionsMatching, isChina } from './regions.js';
import { searchTermsWhere } from './search.js';

export interface CustomerFilter {
  tier?: CustomerTier[] | null;
  stage?: CustomerStage[] | null;
  ownerIds?: string[] | null;
  inPublicPool?: boolean | null;
  /** In the public pool, in one of these pools (DEFAULT_POOL_ID: the default pool, poolId null). */
  poolIds?: string[] | null;
  tagsAny?: string[] | null;
  tagsAll?: string[] | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  /** GB/T 2260 code: customers in that division or below it. */
  regionCode?: string | null;
  nature?: CustomerNature[] | null;
  size?: CustomerSize[] | null;
  industry?: string | null;
  source?: string | null;
  namePrefix?: string | null;
  search?: string | null;
  /** True: only archived customers; false: only served ones. Unset: served ones, unless includeArchived. */
  archived?: boolean | null;
  includeArchived?: boolean | null;
}

const lower = (tags: string[]) => tags.map((t) => t.trim().toLowerCase());
const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });

/**
 * A code as typed or upper-cased (codes are made upper-case): an equality the unique index serves, so
 * the planner can OR it with the search-token index; a case-insensitive match would scan the table.
 */
const codeMatch = (text: string): Prisma.CustomerWhereInput[] =>
  /^[A-Za-z0-9_-]{2,40}$/.test(text) ? [{ code: { in: [...new Set([text, text.toUpperCase()])] } }] : [];

/**
 * Free text matches every term in the name, its pinyin or a contact's name (search.ts), or the
 * code, or the customer's or any contact's phone or e-mail, so a rep can paste whatever they have.
 */
function searchWhere(text: string, codePrefix: string): Prisma.CustomerWhereInput {
  const digits = phoneDigits(text);
  const number = parseCustomerCode(codePrefix, text);
  const phoneMatch = digits && digits.length >= 3 ? [{ phoneDigits: { contains: digits } }] : [];
  const emailMatch = text.includes('@') ? [{ email: { contains: text.trim(), mode: 'insensitive' as const } }] : [];
  return {
    OR: [
      { AND: searchTermsWhere(text) },
      ...(number !== null ? [{ number }] : []),
      ...codeMatch(text.trim()),
      ...phoneMatch,
      ...emailMatch,
      ...(phoneMatch.length || emailMatch.length ? [{ contacts: { some: { OR: [...phoneMatch, ...emailMatch] } } }] : []),
    ],
  };
}

/**
 * Owned customers the default pool's release (pool.ts, releaseNeglectedCustomers) takes within `days`
 * days if nobody follows them up: no contact, creation or change of owner since the cutoff it will use
 * then. `days` 0: those due at its next run.
 */
export function releaseDueWhere(days: number, releaseAfterDays: number, now: Date): Prisma.CustomerWhereInput {
  const cutoff = new Date(now.getTime() - (releaseAfterDays - days) * DAY);
  return {
    ownerId: { not: null },
    createdAt: { lt: cutoff },
    OR: [{ lastContactedAt: { lt: cutoff } }, { lastContactedAt: null }],
    transfers: { none: { at: { gte: cutoff } } },
  };
}

const DAY = 86_400_000;

/** A pool with rules of its own as the list filter sees it: its rules and the users it judges (members, through teams too). */
export interface ReleasingPool {
  rules: PoolRules;
  userIds: readonly string[];
}

/**
 * One pool's release within `days` days for one tier, as judgeRelease decides it: the silence its
 * basis counts began at most `releaseDays - days` days ago, and the pool's exemptions do not apply.
 * Open opportunities are a plugin's (RapportPlugin.openOpportunities) and are not seen here.
 */
function poolReleaseWhere(rules: PoolRules, releaseDays: number, days: number, now: Date): Prisma.CustomerWhereInput {
  const cutoff = new Date(now.getTime() - (releaseDays - days) * DAY);
  const silence: Prisma.CustomerWhereInput[] = [{ createdAt: { lte: cutoff } }, { transfers: { none: { at: { gt: cutoff } } } }];
  if (rules.basis === 'FOLLOW_UP') silence.push({ OR: [{ lastContactedAt: null }, { lastContactedAt: { lte: cutoff } }] });
  if (rules.basis === 'DEAL') silence.push({ deals: { none: { closedAt: { gt: cutoff } } } });
  if (rules.exemptDealt) silence.push({ deals: { none: {} } });
  return { AND: silence };
}

/** The tiers a pool's rules release, with their days. */
const releasedTiers = (rules: PoolRules) =>
  POOL_TIERS.flatMap((tier): Array<{ tier: PoolTier; releaseDays: number }> => {
    const releaseDays = rules.daysByTier[tier];
    return releaseDays === undefined ? [] : [{ tier, releaseDays }];
  });

/**
 * Owned customers the release job takes within `days` days unless followed up, whichever pool judges
 * them (chooseRelease takes the earliest release, so "some pool releases it by then" is the same
 * question): pools with rules of their own for their owners and tier; the others by the default pool,
 * with its own rules when it has them (`defaultRules`), else the deployment's releaseAfterDays.
 */
export function releaseDueByPoolsWhere(
  pools: readonly ReleasingPool[],
  defaultRules: PoolRules | null,
  releaseAfterDays: number,
  days: number,
  now: Date,
): Prisma.CustomerWhereInput {
  const covered = pools.filter((p) => p.userIds.length).flatMap((pool) => releasedTiers(pool.rules).map((t) => ({ pool, ...t })));
  const byOwnPool = covered.map(({ pool, tier, releaseDays }) => ({
    AND: [{ ownerId: { in: [...pool.userIds] }, tier }, poolReleaseWhere(pool.rules, releaseDays, days, now)],
  }));
  const uncovered: Prisma.CustomerWhereInput = { NOT: { OR: covered.map(({ pool, tier }) => ({ ownerId: { in: [...pool.userIds] }, tier })) } };
  const byDefault: Prisma.CustomerWhereInput[] = defaultRules
    ? releasedTiers(defaultRules).map(({ tier, releaseDays }) => ({ AND: [{ tier }, poolReleaseWhere(defaultRules, releaseDays, days, now)] }))
    : [releaseDueWhere(days, releaseAfterDays, now)];
  return {
    ownerId: { not: null },
    archivedAt: null,
    OR: [...byOwnPool, ...(covered.length ? byDefault.map((d) => ({ AND: [uncovered, d] })) : byDefault)],
  };
}

const inDivision = (code: string): Prisma.CustomerWhereInput => ({ regionCode: { startsWith: divisionCodePrefix(code) } });

/**
 * A region typed in a filter means what it means on a customer: "Zhejiang", "浙江" and "浙江省" match
 * every customer coded in that division, and the text as typed matches the customers without a code.
 */
function regionWhere(filter: CustomerFilter): Prisma.CustomerWhereInput[] {
  const and: Prisma.CustomerWhereInput[] = [];
  if (filter.regionCode) and.push(inDivision(filter.regionCode));
  const codes = divisionsMatching(filter);
  const typed: Prisma.CustomerWhereInput[] = [
    ...(filter.province ? [{ province: insensitive(filter.province) }] : []),
    ...(filter.city ? [{ city: insensitive(filter.city) }] : []),
  ];
  if (codes.length) and.push({ OR: [...codes.map(inDivision), { AND: typed }] });
  else and.push(...typed);
  if (filter.country) and.push(isChina(filter.country) ? { OR: [{ regionCode: { not: null } }, { country: insensitive(filter.country) }] } : { country: insensitive(filter.country) });
  return and;
}

/** A list's filter; archived customers are left out unless it asks for them (archive.ts). */
export function customerWhere(filter: CustomerFilter | null | undefined, codePrefix: string): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [archivedWhere(filter)];
  if (!filter) return { AND: and };
  if (filter.tier?.length) and.push({ tier: { in: filter.tier } });
  if (filter.stage?.length) and.push({ stage: { in: filter.stage } });
  if (filter.ownerIds?.length) and.push({ ownerId: { in: filter.ownerIds } });
  if (filter.inPublicPool != null) and.push({ ownerId: filter.inPublicPool ? null : { not: null } });
  if (filter.poolIds) {
    const others = filter.poolIds.filter((id) => id !== DEFAULT_POOL_ID);
    and.push({ ownerId: null, OR: [{ poolId: { in: others } }, ...(others.length < filter.poolIds.length ? [{ poolId: null }] : [])] });
  }
  if (filter.tagsAny?.length) and.push({ tags: { hasSome: lower(filter.tagsAny) } });
  if (filter.tagsAll?.length) and.push({ tags: { hasEvery: lower(filter.tagsAll) } });
  and.push(...regionWhere(filter));
  if (filter.nature?.length) and.push({ nature: { in: filter.nature } });
  if (filter.size?.length) and.push({ size: { in: filter.size } });
  if (filter.industry) and.push({ industry: insensitive(filter.industry) });
  if (filter.source) and.push({ source: insensitive(filter.source) });
  // Served by the text_pattern_ops index on nameKey (see core.prisma). The lower bound is implied by
  // the prefix in any collation (a string sorts after its prefix) and lets the NAME order's
  // (nameKey, id) index start at the prefix: without it, under a collation other than "C" (C.UTF-8
  // included) PostgreSQL walks that index from the first name, filtering, until it has a page — 340 ms
  // for a prefix late in the alphabet at 200k customers. No upper bound: the successor of a prefix is
  // not one in every collation.
  if (filter.namePrefix) {
    const key = normalizeName(filter.namePrefix);
    and.push({ nameKey: { startsWith: key, gte: key } });
  }
  if (filter.search?.trim()) and.push(searchWhere(filter.search, codePrefix));
  return { AND: and };
}

export type CustomerOrderField =
  | 'NAME'
  | 'CODE'
  | 'CREATED_AT'
  | 'UPDATED_AT'
  | 'LAST_CONTACTED_AT'
  | 'ANNUAL_CONTRACT_VALUE'
  | 'TIER';

const ORDER_COLUMNS = {
  NAME: 'nameKey',
  CODE: 'number',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  LAST_CONTACTED_AT: 'lastContactedAt',
  ANNUAL_CONTRACT_VALUE: 'annualContractValue',
  TIER: 'tier',
} as const satisfies Record<CustomerOrderField, keyof Prisma.CustomerOrderByWithRelationInput>;

/** The id tie-breaker keeps cursor pagination stable when the ordered column has equal values. */
export function customerOrderBy(
  field: CustomerOrderField | null | undefined,
  direction: 'asc' | 'desc',
): Prisma.CustomerOrderByWithRelationInput[] {
  const column = ORDER_COLUMNS[field ?? 'NAME'];
  const order = column === 'lastContactedAt' ? { sort: direction, nulls: 'last' as const } : direction;
  return [{ [column]: order }, { id: direction }];
}
