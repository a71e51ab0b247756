import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/migrate.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { verifyPassword } from '../auth/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData, type SeedCounts } from './demo.js';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const DAY = 86_400_000;

async function openDatabase(): Promise<{ prisma: PrismaClient; close(): Promise<void> }> {
  const pglite = new PGlite();
  await applyMigrations({ kind: 'pglite', pglite });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

describe('seedDemoData with the default 300 customers', () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let counts: SeedCounts;
  const prisma = () => db.prisma;

  beforeAll(async () => {
    db = await openDatabase();
    counts = await seedDemoData(db.prisma, { now: NOW, seed: 42 });
  }, 120_000);
  afterAll(() => db?.close());

  it('reports the rows it inserted', async () => {
    expect(counts).toMatchObject({ users: 15, teams: 5, customers: 300 });
    expect(await prisma().user.count()).toBe(counts.users);
    expect(await prisma().contact.count()).toBe(counts.contacts);
    expect(await prisma().activity.count()).toBe(counts.activities);
  });

  it('creates the demo accounts with their roles, and a manager for every team', async () => {
    const users = await prisma().user.findMany({
      where: { email: { in: Object.values(DEMO_ACCOUNTS) } },
      select: { email: true, name: true, role: true, team: { select: { name: true, managerId: true } }, id: true },
    });
    const byEmail = new Map(users.map((user) => [user.email, user]));
    expect(byEmail.get(DEMO_ACCOUNTS.admin)).toMatchObject({ role: 'ADMIN', name: 'Ada Admin' });
    const manager = byEmail.get(DEMO_ACCOUNTS.manager);
    expect(manager).toMatchObject({ role: 'MANAGER', team: { name: 'East Sales' } });
    expect(manager?.team?.managerId).toBe(manager?.id);
    expect(byEmail.get(DEMO_ACCOUNTS.rep)).toMatchObject({ role: 'SALES', team: { name: 'East Sales' } });
    expect(byEmail.get(DEMO_ACCOUNTS.agent)).toMatchObject({ role: 'SERVICE', team: { name: 'Service Desk' } });
    expect(await prisma().team.count({ where: { managerId: null } })).toBe(0);
  });

  it('gives every demo user the password demo (one hash, reused) and shares other teams\' customers with the rep', async () => {
    const hashes = new Set((await prisma().user.findMany({ select: { passwordHash: true } })).map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, [...hashes][0]!)).toBe(true);
    const shares = await prisma().customerShare.findMany({ include: { user: true, customer: { include: { owner: true } } } });
    expect(shares.length).toBe(counts.shares);
    expect(new Set(shares.map((s) => s.access))).toEqual(new Set(['READ', 'EDIT']));
    for (const share of shares) {
      expect(share.user.email).toBe(DEMO_ACCOUNTS.rep);
      expect(share.customer.owner?.teamId).not.toBe(share.user.teamId);
    }
  });

  it('spreads tiers roughly as A 8%, B 17%, C 25%, D 35%, X 15%', async () => {
    const groups = await prisma().customer.groupBy({ by: ['tier'], _count: { _all: true } });
    const share = Object.fromEntries(groups.map((group) => [group.tier, group._count._all / 300]));
    const expected = { A: 0.08, B: 0.17, C: 0.25, D: 0.35, X: 0.15 };
    for (const [tier, target] of Object.entries(expected)) {
      expect(share[tier], tier).toBeGreaterThan(target - 0.06);
      expect(share[tier], tier).toBeLessThan(target + 0.06);
    }
  });

  it('keeps value and stage consistent with the tier', async () => {
    const customers = await prisma().customer.findMany({ select: { tier: true, stage: true, annualContractValue: true } });
    for (const { tier, stage, annualContractValue } of customers) {
      const value = annualContractValue.toNumber();
      if (tier === 'A') expect(value).toBeGreaterThanOrEqual(500_000);
      if (tier === 'B') expect(value >= 50_000 && value < 500_000).toBe(true);
      if (tier === 'A' || tier === 'B') expect(['NEW', 'RETURNING', 'LOYAL']).toContain(stage);
      if (tier === 'X') expect(stage === 'DORMANT' && value > 0).toBe(true);
      if (stage === 'POTENTIAL') expect(value).toBe(0);
    }
  });

  it('stores normalised keys, managed tags and a mix of companies and persons', async () => {
    const managedTags = new Set(['vip', 'export', 'distributor', 'trade-show-2026', 'price-sensitive', 'key-account']);
    const customers = await prisma().customer.findMany();
    for (const customer of customers) {
      expect(customer.nameKey).toBe(normalizeName(customer.name));
      expect(customer.phoneDigits).toBe(phoneDigits(customer.phone));
      expect(customer.tags.every((tag) => managedTags.has(tag))).toBe(true);
      expect(customer.customFields).toHaveProperty('creditLevel');
    }
    const persons = customers.filter((customer) => customer.kind === 'PERSON').length;
    expect(persons).toBeGreaterThan(25);
    expect(persons).toBeLessThan(70);
    const contacts = await prisma().contact.findMany({ select: { phone: true, phoneDigits: true, birthday: true } });
    for (const contact of contacts) expect(contact.phoneDigits).toBe(phoneDigits(contact.phone));
    expect(contacts.some((contact) => contact.birthday !== null)).toBe(true);
  });

  it('leaves about a tenth of the customers in the public pool', async () => {
    const pooled = await prisma().customer.count({ where: { ownerId: null } });
    expect(pooled).toBeGreaterThan(15);
    expect(pooled).toBeLessThan(50);
  });

  it('gives every customer one to four contacts, exactly one of them primary', async () => {
    const all = await prisma().contact.groupBy({ by: ['customerId'], _count: { _all: true } });
    const primary = await prisma().contact.groupBy({ by: ['customerId'], where: { isPrimary: true }, _count: { _all: true } });
    expect(all).toHaveLength(300);
    expect(all.every((group) => group._count._all >= 1 && group._count._all <= 4)).toBe(true);
    expect(primary).toHaveLength(300);
    expect(primary.every((group) => group._count._all === 1)).toBe(true);
  });

  it('keeps dormant (X) customers out of contact for more than 90 days', async () => {
    const dormant = await prisma().customer.findMany({ where: { tier: 'X' }, select: { lastContactedAt: true } });
    expect(dormant.length).toBeGreaterThan(0);
    for (const { lastContactedAt } of dormant) {
      expect(NOW.getTime() - lastContactedAt!.getTime()).toBeGreaterThan(90 * DAY);
    }
  });

  it('sets lastContactedAt to the latest completed interaction', async () => {
    const latest = await prisma().activity.groupBy({
      by: ['customerId'],
      where: { kind: { notIn: ['TASK', 'NOTE'] }, completedAt: { not: null } },
      _max: { completedAt: true },
    });
    const customers = await prisma().customer.findMany({ select: { id: true, lastContactedAt: true } });
    const lastContact = new Map(customers.map((customer) => [customer.id, customer.lastContactedAt?.getTime()]));
    expect(latest.length).toBeGreaterThan(200);
    for (const group of latest) expect(lastContact.get(group.customerId)).toBe(group._max.completedAt!.getTime());
  });

  it('creates upcoming and overdue open follow-up tasks, reminded 30 minutes ahead', async () => {
    const open = await prisma().activity.findMany({
      where: { kind: 'TASK', completedAt: null },
      select: { dueAt: true, remindAt: true, assigneeId: true, ownerId: true },
    });
    const upcoming = open.filter((task) => task.dueAt! > NOW);
    const overdue = open.filter((task) => task.dueAt! < NOW);
    expect(upcoming.length).toBeGreaterThan(10);
    expect(overdue.length).toBeGreaterThan(10);
    for (const task of upcoming) expect(task.dueAt!.getTime() - NOW.getTime()).toBeLessThanOrEqual(14 * DAY);
    for (const task of open) {
      expect(task.dueAt!.getTime() - task.remindAt!.getTime()).toBe(30 * 60_000);
      expect(task.assigneeId).toBe(task.ownerId);
    }
    expect(await prisma().activity.count({ where: { kind: 'TASK', completedAt: { not: null } } })).toBeGreaterThan(0);
  });
});

describe('seedDemoData safeguards', () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    db = await openDatabase();
  }, 60_000);
  afterAll(() => db?.close());

  it('produces the same customers for the same seed and time, and refuses a seeded database unless forced', async () => {
    const options = { customers: 40, now: NOW, seed: 7 };
    await seedDemoData(db.prisma, options);
    await expect(seedDemoData(db.prisma, options)).rejects.toThrow('seed: database already has customers; refusing to seed');
    await seedDemoData(db.prisma, { ...options, force: true });

    const names = (await db.prisma.customer.findMany({ orderBy: { number: 'asc' }, select: { name: true } })).map((c) => c.name);
    expect(names).toHaveLength(80);
    expect(names.slice(40)).toEqual(names.slice(0, 40));
    expect(await db.prisma.user.count()).toBe(15);
  });
});
