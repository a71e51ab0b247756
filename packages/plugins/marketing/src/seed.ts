// Demo campaigns, made through the marketing services on a manual clock, so every member, opt-out,
// response and metric in the demo is one the real rules produce.
import { ManualClock, rolePermissions, staffViewer, type CampaignChannel, type SeedContext, type ServiceContext } from '@rapport/core';
import { MARKETING_PERMISSIONS } from './permissions.js';
import { changeCampaignStatus, createCampaign, type Campaign } from './campaigns.js';
import type { MarketingConfig } from './config.js';
import { addSegmentToCampaign } from './members.js';
import { importCampaignResponses } from './responses.js';
import { createSegment } from './segments.js';

const DAY = 24 * 60 * 60 * 1000;

interface Plan {
  name: string;
  channel: CampaignChannel;
  goal: string;
  /** Days from now. */
  starts: number;
  ends: number;
  budget: string;
  actualCost: string;
  expectedRevenue: string;
  segment?: string;
  parent?: string;
  /** How far it got: statuses it goes through. */
  status: 'PLANNED' | 'ACTIVE' | 'COMPLETED';
}

const SEGMENTS = [
  { name: 'Key accounts', description: 'Tier A and B customers, primary contacts with an e-mail.', filter: { tier: ['A', 'B'], contact: { primaryOnly: true, hasEmail: true } } },
  { name: 'Trade show leads 2026', description: 'Met at a trade show this year.', filter: { tagsAny: ['trade-show-2026'] } },
  { name: 'Machinery, not contacted for 60 days', description: 'Win-back list.', filter: { industry: 'Machinery', notContactedForDays: 60, contact: { hasEmail: true } } },
] as const;

const PLANS: Plan[] = [
  { name: 'Industrial Expo 2026', channel: 'TRADE_SHOW', goal: 'Meet 150 prospects at the Shanghai expo.', starts: -90, ends: -30, budget: '80000', actualCost: '76500', expectedRevenue: '400000', status: 'COMPLETED' },
  { name: 'Expo booth follow-up mailing', channel: 'EMAIL', goal: 'Turn expo contacts into quote requests.', starts: -85, ends: -40, budget: '5000', actualCost: '3200', expectedRevenue: '120000', segment: 'Trade show leads 2026', parent: 'Industrial Expo 2026', status: 'COMPLETED' },
  { name: 'Key account webinar: new product line', channel: 'WEBINAR', goal: 'Present the new product line to key accounts.', starts: -20, ends: 25, budget: '12000', actualCost: '7800', expectedRevenue: '250000', segment: 'Key accounts', status: 'ACTIVE' },
  { name: 'Machinery win-back', channel: 'EMAIL', goal: 'Reactivate machinery customers gone quiet.', starts: 1, ends: 45, budget: '3000', actualCost: '0', expectedRevenue: '60000', segment: 'Machinery, not contacted for 60 days', status: 'PLANNED' },
];

const RESPONSES: ReadonlyArray<readonly [string, number]> = [['SENT', 35], ['OPENED', 30], ['RESPONDED', 15], ['CONVERTED', 6], ['OPTED_OUT', 4], ['BOUNCED', 10]];

export async function seedCampaigns({ prisma, now, rng, log }: SeedContext<MarketingConfig>): Promise<void> {
  const [admin, marketer] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } }),
    prisma.user.findUniqueOrThrow({ where: { email: 'lucas.silva@demo.local' } }),
  ]);
  const clock = new ManualClock(new Date(now.getTime() - 100 * DAY));
  // The admin acts (sees every customer); the marketer owns the campaigns.
  // With the plugin's permissions: the default table knows only core's.
  const access = { rolePermissions: rolePermissions(undefined, MARKETING_PERMISSIONS), privateCustomFields: [] };
  const ctx: ServiceContext = { prisma, viewer: staffViewer(admin, access), clock };
  const segments = new Map<string, string>();
  for (const s of SEGMENTS) segments.set(s.name, (await createSegment(ctx, { ...s, filter: JSON.parse(JSON.stringify(s.filter)) })).id);

  const campaigns = new Map<string, Campaign>();
  for (const plan of PLANS) {
    clock.set(new Date(now.getTime() + Math.min(plan.starts - 10, -1) * DAY));
    let campaign = await createCampaign(ctx, {
      name: plan.name,
      channel: plan.channel,
      goal: plan.goal,
      startsAt: new Date(now.getTime() + plan.starts * DAY),
      endsAt: new Date(now.getTime() + plan.ends * DAY),
      budget: plan.budget,
      actualCost: plan.actualCost,
      expectedRevenue: plan.expectedRevenue,
      ownerId: marketer.id,
      parentId: plan.parent ? campaigns.get(plan.parent)!.id : null,
    });
    if (plan.segment) await addSegmentToCampaign(ctx, { campaignId: campaign.id, segmentId: segments.get(plan.segment)! });
    if (plan.status !== 'PLANNED') {
      clock.set(new Date(now.getTime() + plan.starts * DAY));
      campaign = await changeCampaignStatus(ctx, { id: campaign.id, version: campaign.version, status: 'ACTIVE' });
      await respond(ctx, campaign, rng, Math.min(plan.ends, 0) - plan.starts, now);
    }
    if (plan.status === 'COMPLETED') {
      clock.set(new Date(now.getTime() + plan.ends * DAY));
      campaign = await changeCampaignStatus(ctx, { id: campaign.id, version: campaign.version, status: 'COMPLETED' });
    }
    campaigns.set(plan.name, campaign);
  }
  clock.set(now);
  log(`Seeded ${PLANS.length} demo campaigns and ${SEGMENTS.length} segments`);
}

/**
 * Most members get a status at some point of the campaign's first `days` days; a few convert with
 * revenue. One import per campaign: the same validation and writes as recording them one by one.
 */
async function respond(ctx: ServiceContext, campaign: Campaign, rng: SeedContext['rng'], days: number, now: Date) {
  const members = await ctx.prisma.campaignMember.findMany({ where: { campaignId: campaign.id }, select: { contactId: true }, orderBy: { id: 'asc' } });
  const rows = members.flatMap(({ contactId }) => {
    if (!rng.chance(0.8)) return [];
    const status = rng.weighted(RESPONSES);
    const at = new Date(Math.min(campaign.startsAt.getTime() + rng.int(0, Math.max(days, 1) * 24) * 60 * 60 * 1000, now.getTime()));
    return [{ contactId, status, respondedAt: at.toISOString(), revenue: status === 'CONVERTED' ? String(rng.int(5, 80) * 1000) : null }];
  });
  if (rows.length === 0) return;
  (ctx.clock as ManualClock).set(new Date(Math.max(...rows.map((r) => Date.parse(r.respondedAt)))));
  await importCampaignResponses(ctx, rows.length, { campaignId: campaign.id, format: 'JSON', data: JSON.stringify(rows) });
}
