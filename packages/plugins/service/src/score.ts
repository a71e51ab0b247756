import type { CustomerScoreSource } from '@rapport/core';

/** The score's complaints part (004: 投诉次数): COMPLAINT tickets opened in the window; fewer earn more. */
export const complaintScore: CustomerScoreSource = {
  key: 'complaints',
  label: { 'zh-CN': '投诉次数', en: 'Complaints' },
  better: 'LOWER',
  defaultTarget: 3,
  defaultWeight: 20,
  async measure(prisma, customerIds, { since, now }) {
    const rows = await prisma.ticket.groupBy({
      by: ['customerId'],
      where: { customerId: { in: [...customerIds] }, type: 'COMPLAINT', createdAt: { gte: since, lte: now } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.customerId, r._count._all]));
  },
};
