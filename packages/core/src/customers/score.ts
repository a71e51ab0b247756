// The customer score (004, 客户评估: purchase frequency, amount, complaints, campaign participation):
// a plain rule over facts, each part worth its configured weight. Core measures purchases (deals);
// plugins contribute the other parts through RapportPlugin.customerScoreParts, so core names none.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Language } from '../shared/locale.js';

/** A part of the score a source measures (core's deals, a plugin's complaints or campaign responses). */
export interface CustomerScoreSource {
  /** e.g. `complaints`; the key of its weight in customerRules.score.weights. */
  key: string;
  /** Its name for people, per language. */
  label: Readonly<Record<Language, string>>;
  /** HIGHER: more earns more points (purchases); LOWER: fewer earns more (complaints). */
  better: 'HIGHER' | 'LOWER';
  /** The value that earns all the weight (HIGHER) or none of it (LOWER). */
  defaultTarget: number;
  defaultWeight: number;
  /** Whether the value is money (the deployment's currency): hidden without customer.viewFinancials. */
  money?: boolean;
  /** The value for each given customer over [since, now]; missing ones are 0. */
  measure(prisma: PrismaClient, customerIds: readonly string[], window: { since: Date; now: Date }): Promise<ReadonlyMap<string, number>>;
}

export interface ScoreWeight {
  weight: number;
  target: number;
}

export interface ScorePartResult {
  key: string;
  weight: number;
  target: number;
  value: number;
  points: number;
}

export interface ScoreResult {
  /** Points earned out of the weights of the parts present, scaled to 0–100. */
  total: number;
  parts: ScorePartResult[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The score from measured values: a HIGHER part earns weight × min(value / target, 1), a LOWER part
 * weight × (1 − min(value / target, 1)); a part of weight 0 is left out. The total is the points
 * over the weights, scaled to 100, so it reads the same whichever plugins are on.
 */
export function scoreCustomer(
  parts: ReadonlyArray<Pick<CustomerScoreSource, 'key' | 'better'> & ScoreWeight & { value: number }>,
): ScoreResult {
  const counted = parts.filter((p) => p.weight > 0);
  const results = counted.map((p) => {
    const share = p.target > 0 ? Math.min(Math.max(p.value, 0) / p.target, 1) : p.value > 0 ? 1 : 0;
    const points = p.weight * (p.better === 'HIGHER' ? share : 1 - share);
    return { key: p.key, weight: p.weight, target: p.target, value: p.value, points: round1(points) };
  });
  const weights = counted.reduce((s, p) => s + p.weight, 0);
  const earned = results.reduce((s, p) => s + p.points, 0);
  return { total: weights > 0 ? round1((earned / weights) * 100) : 0, parts: results };
}

/** The weight and target of a source: customerRules.score.weights[key] over its defaults. */
export function weightOf(source: Pick<CustomerScoreSource, 'key' | 'defaultWeight' | 'defaultTarget'>, configured: Readonly<Record<string, Partial<ScoreWeight>>>): ScoreWeight {
  const own = configured[source.key] ?? {};
  return { weight: own.weight ?? source.defaultWeight, target: own.target ?? source.defaultTarget };
}

/** Core's parts: how often the customer bought (deals in the window) and how much (their sum, or the annual contract value if more). */
export const CORE_SCORE_SOURCES: readonly CustomerScoreSource[] = [
  {
    key: 'frequency',
    label: { 'zh-CN': '购买频率', en: 'Purchase frequency' },
    better: 'HIGHER',
    defaultTarget: 6,
    defaultWeight: 30,
    async measure(prisma, customerIds, { since, now }) {
      const rows = await prisma.deal.groupBy({ by: ['customerId'], where: { customerId: { in: [...customerIds] }, closedAt: { gte: since, lte: now } }, _count: { _all: true } });
      return new Map(rows.map((r) => [r.customerId, r._count._all]));
    },
  },
  {
    key: 'amount',
    label: { 'zh-CN': '购买金额', en: 'Purchase amount' },
    better: 'HIGHER',
    defaultTarget: 500_000,
    defaultWeight: 40,
    money: true,
    async measure(prisma, customerIds, { since, now }) {
      const [deals, customers] = await Promise.all([
        prisma.deal.groupBy({ by: ['customerId'], where: { customerId: { in: [...customerIds] }, closedAt: { gte: since, lte: now } }, _sum: { amount: true } }),
        prisma.customer.findMany({ where: { id: { in: [...customerIds] } }, select: { id: true, annualContractValue: true } }),
      ]);
      const dealt = new Map(deals.map((d) => [d.customerId, Number(d._sum.amount ?? 0)]));
      return new Map(customers.map((c) => [c.id, Math.max(Number(c.annualContractValue), dealt.get(c.id) ?? 0)]));
    },
  },
];

/** Measures every source for the customers and scores each one. */
export async function scoreCustomers(
  prisma: PrismaClient,
  customerIds: readonly string[],
  sources: readonly CustomerScoreSource[],
  settings: { windowDays: number; weights: Readonly<Record<string, Partial<ScoreWeight>>> },
  now: Date,
): Promise<Map<string, ScoreResult>> {
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000);
  const measured = await Promise.all(sources.map((s) => s.measure(prisma, customerIds, { since, now })));
  return new Map(
    customerIds.map((id) => [
      id,
      scoreCustomer(sources.map((s, i) => ({ key: s.key, better: s.better, ...weightOf(s, settings.weights), value: measured[i]!.get(id) ?? 0 }))),
    ]),
  );
}
