import { emitAlerts, type AlertInput, type JobDefinition, type PrismaClient } from '@rapport/core';
import { addDays, calendarDay } from './access.js';
import { INSTALMENT_DUE_SOON, INSTALMENT_OVERDUE, OPPORTUNITY_CLOSE_DATE_PASSED, OPPORTUNITY_STALE } from './alerts.js';
import type { SalesConfig } from './config.js';
import { contractCode } from './contracts.js';
import { expireQuotes } from './quotes.js';
import { openInstalments } from './receivables.js';
import { runLeadPool } from './leads.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Alerts owners of open opportunities without activity for `staleAfterDays` and of those past their
 * expected close date (in the deployment's time zone). Each alert is keyed by what it is about — the
 * last activity, the close date — so re-runs add nothing, while new activity followed by a new
 * silence, or a moved close date that passes again, earns a new one.
 */
export async function alertOpportunities(prisma: PrismaClient, now: Date, config: SalesConfig): Promise<number> {
  const today = calendarDay(now, config.timeZone);
  const select = { id: true, name: true, ownerId: true, lastActivityAt: true, expectedCloseDate: true } as const;
  const [stale, overdue] = await Promise.all([
    prisma.opportunity.findMany({ where: { status: 'OPEN', lastActivityAt: { lte: new Date(now.getTime() - config.staleAfterDays * 86_400_000) } }, select }),
    prisma.opportunity.findMany({ where: { status: 'OPEN', expectedCloseDate: { lt: today } }, select }),
  ]);
  const alerts: AlertInput[] = [
    ...stale.map((o) => ({
      recipientId: o.ownerId,
      kind: OPPORTUNITY_STALE,
      title: `No activity for ${config.staleAfterDays} days: ${o.name}`,
      body: `Last activity ${o.lastActivityAt.toISOString()}.`,
      entity: { type: 'Opportunity', id: o.id },
      dedupeKey: `opportunity-stale:${o.id}:${o.lastActivityAt.toISOString()}`,
    })),
    ...overdue.map((o) => ({
      recipientId: o.ownerId,
      kind: OPPORTUNITY_CLOSE_DATE_PASSED,
      title: `Expected close date ${day(o.expectedCloseDate)} passed: ${o.name}`,
      body: 'Win, lose or move the expected close date.',
      entity: { type: 'Opportunity', id: o.id },
      dedupeKey: `opportunity-close-date:${o.id}:${day(o.expectedCloseDate)}`,
    })),
  ];
  return prisma.$transaction((tx) => emitAlerts(tx, alerts, now));
}

export const opportunityAlertJob: JobDefinition<SalesConfig> = {
  name: 'sales.opportunity-alerts',
  everyMs: (config) => config.checkIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const emitted = await alertOpportunities(prisma, clock.now(), config);
    if (emitted > 0) log(`sales.opportunity-alerts: ${emitted} alert(s)`);
  },
};


export const quoteExpiryJob: JobDefinition<SalesConfig> = {
  name: 'sales.quote-expiry',
  everyMs: (config) => config.checkIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const expired = await expireQuotes(prisma, clock.now(), config.timeZone);
    if (expired > 0) log(`sales.quote-expiry: ${expired} quote(s) expired`);
  },
};

/**
 * Alerts contract owners about instalments of ACTIVE contracts not paid in full: once when one falls
 * due within `instalmentDueSoonDays` days, once when it is overdue (deployment time zone). Keyed by
 * contract, instalment position and due date, so re-runs (and re-setting the same plan) add nothing,
 * while a moved due date that comes near or passes again earns a new alert.
 */
export async function alertInstalments(prisma: PrismaClient, now: Date, config: SalesConfig): Promise<number> {
  const today = calendarDay(now, config.timeZone);
  const open = await openInstalments(prisma, addDays(today, config.instalmentDueSoonDays + 1));
  const alerts: AlertInput[] = open.map((i) => {
    const late = i.dueDate < today;
    const owed = i.amount.minus(i.paid).toFixed(2);
    const code = contractCode(i, config);
    return {
      recipientId: i.ownerId,
      kind: late ? INSTALMENT_OVERDUE : INSTALMENT_DUE_SOON,
      title: late ? `Instalment ${i.position} of ${code} is overdue: ${i.currency} ${owed}` : `Instalment ${i.position} of ${code} falls due ${day(i.dueDate)}: ${i.currency} ${owed}`,
      body: `${i.title}: due ${day(i.dueDate)}, ${i.currency} ${i.amount.toFixed(2)}, ${i.paid.toFixed(2)} paid.`,
      entity: { type: 'Contract', id: i.contractId },
      dedupeKey: `instalment-${late ? 'overdue' : 'due-soon'}:${i.contractId}:${i.position}:${day(i.dueDate)}`,
    };
  });
  return prisma.$transaction((tx) => emitAlerts(tx, alerts, now));
}

export const instalmentAlertJob: JobDefinition<SalesConfig> = {
  name: 'sales.instalment-alerts',
  everyMs: (config) => config.checkIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const emitted = await alertInstalments(prisma, clock.now(), config);
    if (emitted > 0) log(`sales.instalment-alerts: ${emitted} alert(s)`);
  },
};

export const leadPoolJob: JobDefinition<SalesConfig> = {
  name: 'sales.lead-pool',
  everyMs: (config) => config.checkIntervalSeconds * 1000,
  async run({ prisma, clock, config, log }) {
    const { released, warned } = await runLeadPool(prisma, config, clock.now());
    if (released + warned > 0) log(`sales.lead-pool: ${released} lead(s) released, ${warned} warned`);
  },
};
