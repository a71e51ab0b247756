import DataLoader from 'dataloader';
import { can, customersVisibleSql, Prisma, type PrismaClient, type Viewer } from '@rapport/core';

/**
 * A campaign's results. Attribution: a campaign earns the revenue recorded on its conversion
 * responses (a response whose status counts as a conversion may carry the deal's revenue); a
 * roll-up adds up its own and every descendant's members, cost and revenue, then derives the rates.
 */
export interface CampaignMetrics {
  members: number;
  sent: number;
  responses: number;
  conversions: number;
  optedOut: number;
  /** responses / sent; null before anything was sent. */
  responseRate: number | null;
  /** conversions / sent; null before anything was sent. */
  conversionRate: number | null;
  budget: Prisma.Decimal;
  actualCost: Prisma.Decimal;
  expectedRevenue: Prisma.Decimal;
  attributedRevenue: Prisma.Decimal;
  /** actualCost / responses, to the cent; null without responses. */
  costPerResponse: Prisma.Decimal | null;
  /** (attributedRevenue − actualCost) / actualCost; null without cost. */
  roi: number | null;
  /** Campaigns the figures cover: 1, or the size of the subtree for a roll-up. */
  campaigns: number;
}

interface MetricsRow {
  root: string;
  campaigns: number;
  members: number;
  sent: number;
  responses: number;
  conversions: number;
  optedOut: number;
  budget: Prisma.Decimal | string;
  actualCost: Prisma.Decimal | string;
  expectedRevenue: Prisma.Decimal | string;
  attributedRevenue: Prisma.Decimal | string;
}

const decimal = (value: Prisma.Decimal | string | number) => new Prisma.Decimal(value);

export function deriveMetrics(row: Omit<MetricsRow, 'root'>): CampaignMetrics {
  const actualCost = decimal(row.actualCost);
  const attributedRevenue = decimal(row.attributedRevenue);
  return {
    campaigns: row.campaigns,
    members: row.members,
    sent: row.sent,
    responses: row.responses,
    conversions: row.conversions,
    optedOut: row.optedOut,
    responseRate: row.sent ? row.responses / row.sent : null,
    conversionRate: row.sent ? row.conversions / row.sent : null,
    budget: decimal(row.budget),
    actualCost,
    expectedRevenue: decimal(row.expectedRevenue),
    attributedRevenue,
    costPerResponse: row.responses ? actualCost.dividedBy(row.responses).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP) : null,
    roi: actualCost.isZero() ? null : attributedRevenue.minus(actualCost).dividedBy(actualCost).toNumber(),
  };
}

/**
 * The members' row rule (membersVisibleTo: their contact's customer is visible) as SQL over the
 * member row `alias`; nothing to add for customer.readAll.
 */
function visibleMemberSql(viewer: Viewer | null, alias: string): Prisma.Sql {
  if (can(viewer, 'customer.readAll')) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Contact" k JOIN "Customer" cu ON cu.id = k."customerId"
    WHERE k.id = ${Prisma.raw(`${alias}."contactId"`)} AND ${customersVisibleSql(viewer, 'cu')})`;
}

/**
 * Metrics of several campaigns in one statement: with `rollUp`, each over its subtree (a recursive
 * walk down parentId; UNION stops at any cycle), else over itself. Counts come from member
 * milestones, revenue from conversion responses, both aggregated per campaign before the join, and
 * both only over members the viewer may see (the rule of the members and responses lists); budget,
 * cost and expected revenue are the campaigns' own figures.
 */
export async function campaignMetrics(
  prisma: PrismaClient,
  viewer: Viewer | null,
  ids: readonly string[],
  rollUp: boolean,
): Promise<Map<string, CampaignMetrics>> {
  const roots = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  const descendants = rollUp
    ? Prisma.sql`UNION SELECT t.root, c.id FROM "Campaign" c JOIN tree t ON c."parentId" = t.id`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<MetricsRow[]>`
    WITH RECURSIVE tree(root, id) AS (
      SELECT id, id FROM "Campaign" WHERE id IN (${roots})
      ${descendants}
    ),
    member_counts AS (
      SELECT "campaignId",
        COUNT(*)::int AS members, COUNT("sentAt")::int AS sent, COUNT("respondedAt")::int AS responses,
        COUNT("convertedAt")::int AS conversions, COUNT("optedOutAt")::int AS opted_out
      FROM "CampaignMember" cm WHERE "campaignId" IN (SELECT id FROM tree) AND ${visibleMemberSql(viewer, 'cm')} GROUP BY "campaignId"
    ),
    revenue AS (
      SELECT r."campaignId", SUM(r.revenue) AS revenue
      FROM "CampaignResponse" r JOIN "CampaignMemberStatus" s ON s.id = r."statusId" JOIN "CampaignMember" rm ON rm.id = r."memberId"
      WHERE s."countsAsConversion" AND r."campaignId" IN (SELECT id FROM tree) AND ${visibleMemberSql(viewer, 'rm')} GROUP BY r."campaignId"
    )
    SELECT t.root, COUNT(*)::int AS campaigns,
      COALESCE(SUM(m.members), 0)::int AS members, COALESCE(SUM(m.sent), 0)::int AS sent,
      COALESCE(SUM(m.responses), 0)::int AS responses, COALESCE(SUM(m.conversions), 0)::int AS conversions,
      COALESCE(SUM(m.opted_out), 0)::int AS "optedOut",
      SUM(c.budget)::text AS budget, SUM(c."actualCost")::text AS "actualCost", SUM(c."expectedRevenue")::text AS "expectedRevenue",
      COALESCE(SUM(r.revenue), 0)::text AS "attributedRevenue"
    FROM tree t
    JOIN "Campaign" c ON c.id = t.id
    LEFT JOIN member_counts m ON m."campaignId" = t.id
    LEFT JOIN revenue r ON r."campaignId" = t.id
    GROUP BY t.root`;
  return new Map(rows.map(({ root, ...row }) => [root, deriveMetrics(row)]));
}

const loaders = new WeakMap<object, { own: DataLoader<string, CampaignMetrics>; rollUp: DataLoader<string, CampaignMetrics> }>();

function metricsLoader(prisma: PrismaClient, viewer: Viewer | null, rollUp: boolean) {
  return new DataLoader<string, CampaignMetrics>(async (ids) => {
    const found = await campaignMetrics(prisma, viewer, ids, rollUp);
    return ids.map((id) => found.get(id) ?? new Error(`Campaign ${id} not found`));
  });
}

/** Per request: a page of campaigns asking for metrics costs one statement per kind, not one per campaign. */
export function metricsLoaders(ctx: { reportDb: PrismaClient; viewer: Viewer | null }) {
  let found = loaders.get(ctx);
  if (!found) {
    // Read from the report database (the read replica when one is configured).
    found = { own: metricsLoader(ctx.reportDb, ctx.viewer, false), rollUp: metricsLoader(ctx.reportDb, ctx.viewer, true) };
    loaders.set(ctx, found);
  }
  return found;
}
