// Distribution of the customers a viewer may see: SQL aggregates (GROUP BY), never rows.
import { customersVisibleSql } from '../auth/visibility-sql.js';
import type { Viewer } from '../auth/viewer.js';
import { customersVisibleTo } from '../auth/visibility.js';
import { fieldError, InputError } from '../errors.js';
import { CustomerNature, CustomerSize, CustomerStage, CustomerTier, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { localPeriodStart } from '../shared/local-time-sql.js';
import { CHINA, divisionPath } from './regions.js';

export type RegionLevel = 'COUNTRY' | 'PROVINCE' | 'CITY' | 'DISTRICT';

const REGION_COLUMNS = {
  COUNTRY: ['country', 'regionCode'],
  PROVINCE: ['country', 'province', 'regionCode'],
  CITY: ['country', 'province', 'city', 'regionCode'],
  DISTRICT: ['country', 'province', 'city', 'district', 'regionCode'],
} as const;

/** How many leading digits of a GB/T 2260 code name the division at each level. */
const CODE_DIGITS = { COUNTRY: 0, PROVINCE: 2, CITY: 4, DISTRICT: 6 } as const;

export interface RegionCount {
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  /** The division this bucket is, at the level asked for; null for regions outside the coded tree. */
  code: string | null;
  count: number;
}

type RegionRow = { country?: string | null; province?: string | null; city?: string | null; district?: string | null; regionCode?: string | null };

/**
 * The bucket a grouped row falls in: coded rows by their division at the level (so "浙江" and
 * "Zhejiang" count together), the others by the text typed.
 */
function regionBucket(row: RegionRow, level: RegionLevel): Omit<RegionCount, 'count'> {
  const digits = CODE_DIGITS[level];
  if (row.regionCode && (digits === 0 || row.regionCode.length >= digits)) {
    const code = digits ? row.regionCode.slice(0, digits).padEnd(6, '0') : null;
    const path = code ? divisionPath(code) : [];
    if (!code || path.length * 2 >= digits) {
      const [province, city, district] = path;
      return {
        country: CHINA,
        province: province?.name ?? null,
        city: city ? (city.name === '市辖区' ? (province?.name ?? null) : city.name) : null,
        district: district?.name ?? null,
        code,
      };
    }
  }
  return { country: row.country ?? null, province: row.province ?? null, city: row.city ?? null, district: row.district ?? null, code: null };
}

/** Most customers first, then by key, so the order is stable. */
const byCountDesc = <T extends { count: number }>(key: (row: T) => string) => (a: T, b: T) =>
  b.count - a.count || key(a).localeCompare(key(b));

export class CustomerStatsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly viewer: Viewer | null,
  ) {}

  /** The customers the viewer may see, archived ones left out (archive.ts). */
  private get where(): Prisma.CustomerWhereInput {
    return { AND: [customersVisibleTo(this.viewer), { archivedAt: null }] };
  }

  total(): Promise<number> {
    return this.prisma.customer.count({ where: this.where });
  }

  /** Every tier, zero included, A to X. */
  async byTier() {
    const groups = await this.prisma.customer.groupBy({ by: ['tier'], where: this.where, _count: { _all: true } });
    const counts = new Map(groups.map((g) => [g.tier, g._count._all]));
    return Object.values(CustomerTier).map((tier) => ({ tier, count: counts.get(tier) ?? 0 }));
  }

  /** Every stage, zero included, in lifecycle order. */
  async byStage() {
    const groups = await this.prisma.customer.groupBy({ by: ['stage'], where: this.where, _count: { _all: true } });
    const counts = new Map(groups.map((g) => [g.stage, g._count._all]));
    return Object.values(CustomerStage).map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
  }

  async byRegion(level: RegionLevel): Promise<RegionCount[]> {
    const groups = await this.prisma.customer.groupBy({ by: [...REGION_COLUMNS[level]], where: this.where, _count: { _all: true } });
    const buckets = new Map<string, RegionCount>();
    for (const group of groups) {
      const bucket = regionBucket(group as RegionRow, level);
      const key = bucket.code ?? JSON.stringify([bucket.country, bucket.province, bucket.city, bucket.district]);
      const seen = buckets.get(key);
      if (seen) seen.count += group._count._all;
      else buckets.set(key, { ...bucket, count: group._count._all });
    }
    return [...buckets.values()].sort(byCountDesc((r) => r.code ?? `${r.country}/${r.province}/${r.city}/${r.district}`));
  }

  /** Every value of an enum column, zero included, in the enum's order, then the customers without one. */
  private async byEnum(column: 'nature' | 'size', values: readonly string[]) {
    const groups = await this.prisma.customer.groupBy({ by: [column], where: this.where, _count: { _all: true } });
    const counts = new Map<string | null, number>(groups.map((g) => [g[column], g._count._all]));
    return [...values, null].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  }

  byNature() {
    return this.byEnum('nature', Object.values(CustomerNature));
  }

  bySize() {
    return this.byEnum('size', Object.values(CustomerSize));
  }

  /**
   * Customers per value of one custom field (the demo's credit level, say): a select field's options
   * in their order, zero included; other kinds their values as text, most first; then the unset.
   */
  async byCustomField(definition: { key: string; kind: string; options: readonly string[] }) {
    const rows = await this.prisma.$queryRaw<Array<{ value: string | null; count: number }>>`
      SELECT c."customFields" ->> ${definition.key} AS "value", count(*)::int AS "count"
      FROM "Customer" c
      WHERE ${customersVisibleSql(this.viewer)}
      GROUP BY 1`;
    const counts = new Map(rows.map((r) => [r.value, r.count]));
    if (definition.kind === 'SELECT') return [...definition.options, null].map((value) => ({ value, count: counts.get(value) ?? 0 }));
    const set = rows.filter((r) => r.value !== null).sort(byCountDesc((r) => r.value ?? ''));
    return [...set, { value: null, count: counts.get(null) ?? 0 }];
  }

  /** Customers per tag (one customer counts under each of its tags), most first; untagged ones left out. */
  async byTag(limit: number) {
    const rows = await this.prisma.$queryRaw<Array<{ tag: string; count: number }>>`
      SELECT t.tag AS "tag", count(*)::int AS "count"
      FROM "Customer" c CROSS JOIN LATERAL unnest(c."tags") AS t(tag)
      WHERE ${customersVisibleSql(this.viewer)}
      GROUP BY t.tag ORDER BY 2 DESC, 1 LIMIT ${limit}`;
    return rows;
  }

  /** Per owner (null: the public pool), most customers first. */
  async byOwner() {
    const groups = await this.prisma.customer.groupBy({ by: ['ownerId'], where: this.where, _count: { _all: true } });
    const ids = groups.flatMap((g) => (g.ownerId ? [g.ownerId] : []));
    const users = new Map((await this.prisma.user.findMany({ where: { id: { in: ids } } })).map((u) => [u.id, u]));
    return groups
      .map((g) => ({ owner: g.ownerId ? (users.get(g.ownerId) ?? null) : null, count: g._count._all }))
      .sort(byCountDesc((r) => r.owner?.name ?? ''));
  }

  async bySource() {
    const groups = await this.prisma.customer.groupBy({ by: ['source'], where: this.where, _count: { _all: true } });
    return groups.map((g) => ({ source: g.source, count: g._count._all })).sort(byCountDesc((r) => r.source ?? ''));
  }

  /** Customers created per calendar month of a zone in [from, to), oldest first; months without any are left out. */
  async createdPerMonth(from: Date | null | undefined, to: Date | null | undefined, timeZone: string) {
    if (from && to && from >= to) throw new InputError([fieldError('to', 'stats.toBeforeFrom')]);
    const rows = await this.prisma.$queryRaw<Array<{ month: Date; count: number }>>`
      SELECT ${localPeriodStart('month', Prisma.raw('c."createdAt"'), timeZone)} AS "month", count(*)::int AS "count"
      FROM "Customer" c
      WHERE ${customersVisibleSql(this.viewer)}
        ${from ? Prisma.sql`AND c."createdAt" >= ${from}` : Prisma.empty}
        ${to ? Prisma.sql`AND c."createdAt" < ${to}` : Prisma.empty}
      GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({ month: new Date(r.month), count: r.count }));
  }
}
