// Distribution of the customers a viewer may see: SQL aggregates (GROUP BY), never rows.
import { customersVisibleSql } from '../auth/visibility-sql.js';
import type { Viewer } from '../auth/viewer.js';
import { customersVisibleTo } from '../auth/visibility.js';
import { InputError } from '../errors.js';
import { CustomerStage, CustomerTier, Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/client.js';
import { localPeriodStart } from '../shared/local-time-sql.js';

export type RegionLevel = 'COUNTRY' | 'PROVINCE' | 'CITY';

const REGION_COLUMNS = {
  COUNTRY: ['country'],
  PROVINCE: ['country', 'province'],
  CITY: ['country', 'province', 'city'],
} as const;

export interface RegionCount {
  country: string | null;
  province: string | null;
  city: string | null;
  count: number;
}

/** Most customers first, then by key, so the order is stable. */
const byCountDesc = <T extends { count: number }>(key: (row: T) => string) => (a: T, b: T) =>
  b.count - a.count || key(a).localeCompare(key(b));

export class CustomerStatsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly viewer: Viewer | null,
  ) {}

  private get where(): Prisma.CustomerWhereInput {
    return customersVisibleTo(this.viewer);
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
    return groups
      .map((g) => {
        const row = g as { country?: string | null; province?: string | null; city?: string | null; _count: { _all: number } };
        return { country: row.country ?? null, province: row.province ?? null, city: row.city ?? null, count: row._count._all };
      })
      .sort(byCountDesc((r) => `${r.country}/${r.province}/${r.city}`));
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
    if (from && to && from >= to) throw new InputError([{ field: 'to', message: 'must be after from' }]);
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
