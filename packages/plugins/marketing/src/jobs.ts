import { alertMessage, emitAlerts, type AlertInput, type JobDefinition, type PrismaClient } from '@rapport/core';
import { CAMPAIGN_ENDING, CAMPAIGN_STARTING, MARKETING_ALERT_MESSAGES } from './alerts.js';
import type { MarketingConfig } from './config.js';

const HOUR_MS = 60 * 60 * 1000;
/** A campaign whose start or end was missed by more than this (the server was down) is not worth an alert. */
const LOOKBACK_MS = 7 * 24 * HOUR_MS;

type Moment = 'start' | 'end';

function alertFor(campaign: { id: string; name: string; ownerId: string; startsAt: Date; endsAt: Date }, moment: Moment): AlertInput {
  const at = moment === 'start' ? campaign.startsAt : campaign.endsAt;
  return {
    recipientId: campaign.ownerId,
    ...alertMessage(MARKETING_ALERT_MESSAGES, moment === 'start' ? CAMPAIGN_STARTING : CAMPAIGN_ENDING, { campaign: campaign.name, at }),
    entity: { type: 'Campaign', id: campaign.id },
    // Keyed by the date: rescheduling the campaign earns a new alert, re-running the job does not.
    dedupeKey: `campaign-${moment}:${campaign.id}:${at.toISOString()}`,
  };
}

/**
 * Alerts owners of PLANNED campaigns starting, and of ACTIVE or PAUSED ones ending, within the next
 * `leadHours`. Idempotent: the dedupe key stores each alert once however often the job runs.
 */
export async function alertCampaignMoments(prisma: PrismaClient, now: Date, leadHours: number): Promise<number> {
  const window = { gte: new Date(now.getTime() - LOOKBACK_MS), lte: new Date(now.getTime() + leadHours * HOUR_MS) };
  const select = { id: true, name: true, ownerId: true, startsAt: true, endsAt: true } as const;
  const [starting, ending] = await Promise.all([
    prisma.campaign.findMany({ where: { status: 'PLANNED', startsAt: window }, select }),
    prisma.campaign.findMany({ where: { status: { in: ['ACTIVE', 'PAUSED'] }, endsAt: window }, select }),
  ]);
  const alerts = [...starting.map((c) => alertFor(c, 'start')), ...ending.map((c) => alertFor(c, 'end'))];
  return prisma.$transaction((tx) => emitAlerts(tx, alerts, now));
}

export const campaignAlertJob: JobDefinition<MarketingConfig> = {
  name: 'marketing.campaign-alerts',
  everyMs: (config) => config.alertCheckIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const emitted = await alertCampaignMoments(prisma, clock.now(), config.alertLeadHours);
    if (emitted > 0) log(`marketing.campaign-alerts: ${emitted} campaign start/end alert(s)`);
  },
};
