import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclassifyAll } from '../customers/classification.js';
import { DEFAULT_CUSTOMER_RULES } from '../customers/rules-config.js';
import { applyMigrations } from '../db/migrate.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { seedDemoData, type SeedCounts } from './demo.js';

const NOW = new Date('2026-11-23T08:00:00.000Z');

describe('demo deals, offers and rule history', () => {
  let pglite: PGlite;
  let prisma: PrismaClient;
  let counts: SeedCounts;

  beforeAll(async () => {
    pglite = new PGlite();
    await applyMigrations({ kind: 'pglite', pglite });
    prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    counts = await seedDemoData(prisma, { now: NOW, seed: 42 });
  }, 120_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await pglite?.close();
  });

  it('gives every customer past POTENTIAL deals matching its stage, the latest at its last contact', async () => {
    const customers = await prisma.customer.findMany({ include: { deals: { orderBy: { closedAt: 'asc' } } } });
    expect(await prisma.deal.count()).toBe(counts.deals);
    for (const c of customers) {
      const n = c.deals.length;
      if (c.stage === 'POTENTIAL') expect(n).toBe(0);
      if (c.stage === 'NEW') expect(n).toBe(1);
      if (c.stage === 'RETURNING') expect(n >= 2 && n < 10).toBe(true);
      if (c.stage === 'LOYAL') expect(n).toBeGreaterThanOrEqual(10);
      if (n) expect(c.deals[n - 1]!.closedAt).toEqual(c.lastContactedAt);
    }
    expect(await prisma.offer.count({ where: { customer: { tier: 'C' } } })).toBeGreaterThan(0);
  });

  it('writes history: stage changes naming the deal, tier changes, and a release for every pool customer', async () => {
    const firstDeals = await prisma.stageChange.findMany({ where: { toStage: 'NEW' }, include: { deal: true } });
    expect(firstDeals.length).toBe(await prisma.customer.count({ where: { deals: { some: {} } } }));
    for (const change of firstDeals) expect(change).toMatchObject({ cause: 'DEAL', fromStage: 'POTENTIAL', deal: { customerId: change.customerId } });
    expect(await prisma.tierChange.count({ where: { toTier: 'X' } })).toBeGreaterThan(0);
    const pool = await prisma.customer.findMany({ where: { ownerId: null }, include: { transfers: true } });
    for (const c of pool) expect(c.transfers).toEqual([expect.objectContaining({ kind: 'AUTO_RELEASE', toUserId: null, fromUserId: expect.any(String) })]);
  });

  it('agrees with the rules, except C customers that have a deal, whom the daily job moves to B', async () => {
    const before = new Map((await prisma.customer.findMany({ include: { _count: { select: { deals: true } } } })).map((c) => [c.id, c]));
    await reclassifyAll(prisma, DEFAULT_CUSTOMER_RULES, NOW);
    const moved = (await prisma.customer.findMany()).filter((c) => c.tier !== before.get(c.id)!.tier || c.stage !== before.get(c.id)!.stage);
    expect(moved.length).toBeGreaterThan(0);
    for (const c of moved) {
      expect(before.get(c.id)).toMatchObject({ tier: 'C', stage: c.stage, _count: { deals: 1 } });
      expect(c.tier).toBe('B');
    }
    expect(await reclassifyAll(prisma, DEFAULT_CUSTOMER_RULES, NOW)).toBe(0);
  });
});
