// Partner reports: aggregates computed in SQL over the organisation's own rows only.
import type { ActivityKind, DealRegistrationStatus, PrismaClient } from '@rapport/core';
import { DealRegistrationStatus as Statuses } from '@rapport/core';

export interface RegistrationTotals {
  status: DealRegistrationStatus;
  count: number;
  /** Sum of expected amounts, as an exact decimal string. */
  expectedAmount: string;
}

/** Every status listed (zero when none), from one GROUP BY. */
export async function registrationsByStatus(prisma: PrismaClient, partnerId: string, range: { from?: Date | null; to?: Date | null }): Promise<RegistrationTotals[]> {
  const groups = await prisma.dealRegistration.groupBy({
    by: ['status'],
    where: { partnerId, createdAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) } },
    _count: { _all: true },
    _sum: { expectedAmount: true },
  });
  return Object.values(Statuses).map((status) => {
    const group = groups.find((g) => g.status === status);
    return { status, count: group?._count._all ?? 0, expectedAmount: group?._sum.expectedAmount?.toFixed(2) ?? '0.00' };
  });
}

export interface CustomerActivity {
  customerId: string;
  total: number;
  lastActivityAt: Date | null;
  byKind: Array<{ kind: ActivityKind; count: number }>;
}

/** Activities logged on the organisation's shared customers in [from, to), per customer and kind: one GROUP BY. */
export async function activityOnSharedCustomers(prisma: PrismaClient, partnerId: string, range: { from: Date; to: Date }): Promise<CustomerActivity[]> {
  const groups = await prisma.activity.groupBy({
    by: ['customerId', 'kind'],
    where: { customer: { partnerShares: { some: { partnerId } } }, createdAt: { gte: range.from, lt: range.to } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  const byCustomer = new Map<string, CustomerActivity>();
  for (const g of groups) {
    const row = byCustomer.get(g.customerId) ?? { customerId: g.customerId, total: 0, lastActivityAt: null, byKind: [] };
    row.total += g._count._all;
    row.byKind.push({ kind: g.kind, count: g._count._all });
    const last = g._max.createdAt;
    if (last && (!row.lastActivityAt || last > row.lastActivityAt)) row.lastActivityAt = last;
    byCustomer.set(g.customerId, row);
  }
  return [...byCustomer.values()]
    .map((row) => ({ ...row, byKind: row.byKind.sort((a, b) => a.kind.localeCompare(b.kind)) }))
    .sort((a, b) => b.total - a.total || a.customerId.localeCompare(b.customerId));
}
