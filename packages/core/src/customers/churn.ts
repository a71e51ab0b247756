// Churn warnings: the job counts each customer's interactions and deals in the recent window and in
// the baseline windows before it, applies churnFor (rules.ts), keeps one ChurnRisk row per customer at
// risk and alerts the owner once per episode.
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertMessage } from '../alerts/messages.js';
import { emitAlerts, type AlertInput } from '../alerts/service.js';
import type { PrismaClient } from '../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import type { CustomerRules } from './rules-config.js';
import { churnFor, round } from './rules.js';

const DAY = 86_400_000;
const BATCH = 500;
/** Kinds that are an exchange with the customer (as activities/service.ts counts them for lastContactedAt). */
const INTERACTIONS = ['CALL', 'EMAIL', 'MEETING', 'VISIT', 'MESSAGE', 'CARE'];

interface FrequencyRow {
  id: string;
  name: string;
  ownerId: string | null;
  recentContacts: number;
  baselineContacts: number;
  recentDeals: number;
  baselineDeals: number;
}

export interface ChurnWindows {
  recentStart: Date;
  baselineStart: Date;
  now: Date;
}

export function churnWindows(rules: CustomerRules['churn'], now: Date): ChurnWindows {
  const recentStart = new Date(now.getTime() - rules.windowDays * DAY);
  return { recentStart, baselineStart: new Date(recentStart.getTime() - rules.baselineWindows * rules.windowDays * DAY), now };
}

async function frequencies(prisma: PrismaClient, after: string | null, w: ChurnWindows): Promise<FrequencyRow[]> {
  const kinds = Prisma.join(INTERACTIONS.map((k) => Prisma.sql`${k}::"ActivityKind"`));
  return prisma.$queryRaw<FrequencyRow[]>`
    SELECT c."id", c."name", c."ownerId",
      (SELECT count(*) FROM "Activity" a WHERE a."customerId" = c."id" AND a."kind" IN (${kinds})
         AND a."completedAt" > ${w.recentStart} AND a."completedAt" <= ${w.now})::int AS "recentContacts",
      (SELECT count(*) FROM "Activity" a WHERE a."customerId" = c."id" AND a."kind" IN (${kinds})
         AND a."completedAt" > ${w.baselineStart} AND a."completedAt" <= ${w.recentStart})::int AS "baselineContacts",
      (SELECT count(*) FROM "Deal" d WHERE d."customerId" = c."id"
         AND d."closedAt" > ${w.recentStart} AND d."closedAt" <= ${w.now})::int AS "recentDeals",
      (SELECT count(*) FROM "Deal" d WHERE d."customerId" = c."id"
         AND d."closedAt" > ${w.baselineStart} AND d."closedAt" <= ${w.recentStart})::int AS "baselineDeals"
    FROM "Customer" c
    WHERE ${after ? Prisma.sql`c."id" > ${after}::uuid` : Prisma.sql`TRUE`} AND c."archivedAt" IS NULL
    ORDER BY c."id" LIMIT ${BATCH}`;
}

/**
 * Re-evaluates every customer. A newly flagged one gets a ChurnRisk row and its owner a
 * CUSTOMER_AT_RISK alert (keyed by customer and flag time, so re-runs add nothing); a flagged one
 * whose frequency recovered loses its row, and a later fall is a new episode with a new alert.
 * Returns how many customers were newly flagged.
 */
export async function flagChurnRisks(prisma: PrismaClient, rules: CustomerRules['churn'], now: Date): Promise<number> {
  const windows = churnWindows(rules, now);
  let after: string | null = null;
  let flagged = 0;
  for (;;) {
    const rows = await frequencies(prisma, after, windows);
    flagged += await applyBatch(prisma, rows, rules, now);
    if (rows.length < BATCH) return flagged;
    after = rows[rows.length - 1]!.id;
  }
}

async function applyBatch(prisma: PrismaClient, rows: FrequencyRow[], rules: CustomerRules['churn'], now: Date): Promise<number> {
  const verdicts = rows.map((row) => ({ row, verdict: churnFor(row, rules) }));
  const existing = new Set(
    (await prisma.churnRisk.findMany({ where: { customerId: { in: rows.map((r) => r.id) } }, select: { customerId: true } })).map((r) => r.customerId),
  );
  const recovered = verdicts.filter((v) => !v.verdict.atRisk && existing.has(v.row.id)).map((v) => v.row.id);
  const atRisk = verdicts.filter((v) => v.verdict.atRisk);
  const fresh = atRisk.filter((v) => !existing.has(v.row.id));
  if (!recovered.length && !atRisk.length) return 0;
  await prisma.$transaction(async (tx) => {
    if (recovered.length) await tx.churnRisk.deleteMany({ where: { customerId: { in: recovered } } });
    for (const { row, verdict } of atRisk) {
      const data = {
        reason: verdict.reason,
        recentContacts: row.recentContacts,
        baselineContacts: verdict.baselineContactsPerWindow,
        recentDeals: row.recentDeals,
        baselineDeals: verdict.baselineDealsPerWindow,
      };
      await tx.churnRisk.upsert({ where: { customerId: row.id }, create: { customerId: row.id, ...data, flaggedAt: now }, update: data });
    }
    const alerts = fresh.flatMap(({ row, verdict }): AlertInput[] =>
      row.ownerId
        ? [{
            recipientId: row.ownerId,
            ...alertMessage(CORE_ALERT_MESSAGES, 'CUSTOMER_AT_RISK', {
              customer: row.name,
              windowDays: rules.windowDays,
              contactsFell: verdict.contactsFell ? 'yes' : 'no',
              recentContacts: row.recentContacts,
              baselineContacts: round(verdict.baselineContactsPerWindow),
              dealsFell: verdict.dealsFell ? 'yes' : 'no',
              recentDeals: row.recentDeals,
              baselineDeals: round(verdict.baselineDealsPerWindow),
            }),
            entity: { type: 'Customer', id: row.id },
            dedupeKey: `churn:${row.id}:${now.toISOString()}`,
          }]
        : [],
    );
    await emitAlerts(tx, alerts, now);
  });
  return fresh.length;
}

export const churnJob: JobDefinition<CustomerRules> = {
  name: 'core.churn-warnings',
  everyMs: 24 * 60 * 60_000,
  async run({ prisma, clock, config, log }) {
    const flagged = await flagChurnRisks(prisma, config.churn, clock.now());
    if (flagged) log(`core.churn-warnings: ${flagged} customer(s) newly at risk`);
  },
};
