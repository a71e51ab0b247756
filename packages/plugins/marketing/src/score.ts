import type { CustomerScoreSource } from '@rapport/core';

/** The score's campaign part (004: 参与活动次数): campaigns a contact of the customer responded to in the window. */
export const campaignScore: CustomerScoreSource = {
  key: 'campaigns',
  label: { 'zh-CN': '参与活动次数', en: 'Campaign participation' },
  better: 'HIGHER',
  defaultTarget: 3,
  defaultWeight: 10,
  async measure(prisma, customerIds, { since, now }) {
    const rows = await prisma.$queryRaw<Array<{ customerId: string; campaigns: number }>>`
      SELECT c."customerId", count(DISTINCT m."campaignId")::int AS "campaigns"
      FROM "CampaignMember" m JOIN "Contact" c ON c."id" = m."contactId"
      WHERE c."customerId" = ANY(${[...customerIds]}::uuid[]) AND m."respondedAt" >= ${since} AND m."respondedAt" <= ${now}
      GROUP BY c."customerId"`;
    return new Map(rows.map((r) => [r.customerId, r.campaigns]));
  },
};
