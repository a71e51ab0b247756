// customerStats and activityStats against brute-force counts: every row fetched through Prisma, the
// viewer's visibility and the buckets computed again in JavaScript, compared with the GraphQL answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const VIEWERS = ['admin@demo.local', 'manager@demo.local', 'rep@demo.local', 'agent@demo.local'];
const INTERACTIONS = new Set(['CALL', 'EMAIL', 'MEETING', 'VISIT', 'MESSAGE', 'CARE']);

const CUSTOMER_STATS = /* GraphQL */ `{
  customerStats {
    total
    byTier { tier count }
    byStage { stage count }
    countries: byRegion { country province city count }
    cities: byRegion(level: CITY) { country province city count }
    byOwner { owner { email } count }
    bySource { source count }
    byNature { value count }
    bySize { value count }
    byTag { tag count }
    createdPerMonth { month count }
  }
}`;

const ACTIVITY_STATS = /* GraphQL */ `query($from: DateTime!, $to: DateTime!, $period: ActivityStatsPeriod!) {
  activityStats(from: $from, to: $to, period: $period) { rep { email } start calls visits followUps tasksCompleted tasksOverdue }
}`;

type Row = Record<string, unknown>;

function tally<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const asMap = (rows: Row[], key: (row: Row) => string) => new Map(rows.map((r) => [key(r), r.count as number]));
const withoutZeros = (counts: Map<string, number>) => new Map([...counts].filter(([, n]) => n > 0));

const utcMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const utcWeek = (d: Date) => new Date(utcDay(d).getTime() - ((utcDay(d).getUTCDay() + 6) % 7) * DAY);
/** A zone's offset from UTC at an instant, in ms (the zones here keep one all year). */
const offsetOf = (d: Date, timeZone: string) =>
  new Date(d.toLocaleString('en-US', { timeZone })).getTime() - new Date(d.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
/** The start of the local period an instant falls in, as an ISO instant. */
const localStart = (bucket: (d: Date) => Date, timeZone: string) => (d: Date) => {
  const offset = offsetOf(d, timeZone);
  return new Date(bucket(new Date(d.getTime() + offset)).getTime() - offset).toISOString();
};

describeOnDatabases(kinds)('statistics over the demo data on %s', (database) => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof loadWorld>>;

  async function loadWorld() {
    const prisma = server.db.prisma;
    const [customers, shares, users, teams, activities] = await Promise.all([
      prisma.customer.findMany(),
      prisma.customerShare.findMany(),
      prisma.user.findMany(),
      prisma.team.findMany(),
      prisma.activity.findMany(),
    ]);
    return { customers, shares, users, teams, activities };
  }

  /** Who sees what, from the rows alone (docs/security.md): own, pool, shared, managed teams; everything for admin and service. */
  function visibleTo(email: string) {
    const user = world.users.find((u) => u.email === email)!;
    if (user.role === 'ADMIN' || user.role === 'SERVICE') return world.customers;
    const managedTeams = new Set(world.teams.filter((t) => t.managerId === user.id && user.role === 'MANAGER').map((t) => t.id));
    const teamOf = new Map(world.users.map((u) => [u.id, u.teamId]));
    const shared = new Set(world.shares.filter((s) => s.userId === user.id).map((s) => s.customerId));
    return world.customers.filter(
      (c) => c.ownerId === user.id || c.ownerId === null || shared.has(c.id) || (c.ownerId !== null && managedTeams.has(teamOf.get(c.ownerId) ?? '')),
    );
  }

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 300 });
    world = await loadWorld();
  }, 180_000);
  afterAll(() => server?.close());

  it('counts per value of a custom field only for those who may see the field', async () => {
    const CREDIT = '{ customerStats { byCustomField(key: "creditLevel") { value count } } }';
    const { customerStats } = await server.as('admin@demo.local').ok(CREDIT);
    // A select field: every option in order, zero included, then the unset.
    expect(customerStats.byCustomField.map((r: Row) => r.value)).toEqual(['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'C', 'D', null]);
    expect(withoutZeros(asMap(customerStats.byCustomField, (r) => `${r.value}`))).toEqual(
      tally(visibleTo('admin@demo.local'), (c) => `${(c.customFields as Record<string, unknown>).creditLevel ?? null}`),
    );
    // creditLevel is private in the demo: a rep cannot count by it any more than read it.
    const refused = await server.as('rep@demo.local').gql(CREDIT);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.data?.customerStats ?? null).toBeNull();
  });

  it.each(VIEWERS)('customerStats equals counts over the rows %s may see', async (email) => {
    const visible = visibleTo(email);
    const emailOf = new Map(world.users.map((u) => [u.id, u.email]));
    const { customerStats: stats } = await server.as(email).ok(CUSTOMER_STATS);

    expect(stats.total).toBe(visible.length);
    expect(asMap(stats.byTier, (r) => r.tier as string)).toEqual(new Map(['A', 'B', 'C', 'D', 'X'].map((t) => [t, visible.filter((c) => c.tier === t).length])));
    expect(withoutZeros(asMap(stats.byStage, (r) => r.stage as string))).toEqual(tally(visible, (c) => c.stage));
    expect(asMap(stats.countries, (r) => `${r.country}`)).toEqual(tally(visible, (c) => `${c.country}`));
    expect(asMap(stats.cities, (r) => `${r.country}/${r.province}/${r.city}`)).toEqual(tally(visible, (c) => `${c.country}/${c.province}/${c.city}`));
    expect(asMap(stats.byOwner, (r) => (r.owner as { email: string } | null)?.email ?? 'pool')).toEqual(
      tally(visible, (c) => (c.ownerId ? emailOf.get(c.ownerId)! : 'pool')),
    );
    expect(asMap(stats.bySource, (r) => `${r.source}`)).toEqual(tally(visible, (c) => `${c.source}`));
    expect(withoutZeros(asMap(stats.byNature, (r) => `${r.value}`))).toEqual(tally(visible, (c) => `${c.nature}`));
    expect(withoutZeros(asMap(stats.bySize, (r) => `${r.value}`))).toEqual(tally(visible, (c) => `${c.size}`));
    const tagged = visible.flatMap((c) => c.tags as string[]);
    expect(asMap(stats.byTag, (r) => `${r.tag}`)).toEqual(tally(tagged, (t) => t));
    // Months cut at the reader's own midnight (the demo's users are in Asia/Shanghai).
    const zone = world.users.find((u) => u.email === email)!.timeZone;
    expect(asMap(stats.createdPerMonth, (r) => new Date(r.month as string).toISOString())).toEqual(tally(visible, (c) => localStart(utcMonth, zone)(c.createdAt)));
    // Ordered most first, months oldest first.
    const counts = stats.byOwner.map((r: Row) => r.count as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(stats.createdPerMonth.map((r: Row) => r.month)).toEqual([...stats.createdPerMonth.map((r: Row) => r.month)].sort());
  });

  it.each([
    ['admin@demo.local', 'WEEK', 56],
    ['rep@demo.local', 'WEEK', 56],
    ['manager@demo.local', 'DAY', 21],
  ] as const)('activityStats equals counts over the activities %s may see, per %s', async (email, period, days) => {
    const now = server.clock.now();
    const to = new Date(now.getTime() + 7 * DAY);
    const from = new Date(now.getTime() - days * DAY);
    const visibleIds = new Set(visibleTo(email).map((c) => c.id));
    const emailOf = new Map(world.users.map((u) => [u.id, u.email]));
    const bucket = localStart(period === 'DAY' ? utcDay : utcWeek, world.users.find((u) => u.email === email)!.timeZone);
    const expected = new Map<string, Record<string, number>>();
    const add = (userId: string, at: Date, field: string) => {
      const key = `${emailOf.get(userId)}|${bucket(at)}`;
      const row = expected.get(key) ?? { calls: 0, visits: 0, followUps: 0, tasksCompleted: 0, tasksOverdue: 0 };
      row[field]! += 1;
      expected.set(key, row);
    };
    const inRange = (at: Date | null): at is Date => at !== null && at >= from && at < to;
    for (const a of world.activities.filter((a) => visibleIds.has(a.customerId))) {
      if (INTERACTIONS.has(a.kind) && inRange(a.completedAt)) {
        add(a.ownerId, a.completedAt, 'followUps');
        if (a.kind === 'CALL') add(a.ownerId, a.completedAt, 'calls');
        if (a.kind === 'VISIT') add(a.ownerId, a.completedAt, 'visits');
      }
      const doer = a.assigneeId ?? a.ownerId;
      if (a.dueAt && inRange(a.completedAt)) add(doer, a.completedAt, 'tasksCompleted');
      if (a.dueAt && inRange(a.dueAt) && a.dueAt < now && (!a.completedAt || a.completedAt > a.dueAt)) add(doer, a.dueAt, 'tasksOverdue');
    }

    const { activityStats } = await server.as(email).ok(ACTIVITY_STATS, { from: from.toISOString(), to: to.toISOString(), period });
    const actual = new Map(
      activityStats.map(({ rep, start, ...counts }: any) => [`${rep.email}|${new Date(start).toISOString()}`, counts]),
    );
    expect(expected.size).toBeGreaterThan(3);
    expect(actual).toEqual(expected);
  });

  it('sees fewer customers as a rep than as an admin (the brute force is not trivially "all")', () => {
    expect(visibleTo('rep@demo.local').length).toBeLessThan(visibleTo('manager@demo.local').length);
    expect(visibleTo('manager@demo.local').length).toBeLessThan(world.customers.length);
  });

  it('refuses an empty or too long activityStats range', async () => {
    const at = server.clock.now().toISOString();
    const empty = await server.gql(ACTIVITY_STATS, { from: at, to: at, period: 'DAY' });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'to' }] });
    const long = await server.gql(ACTIVITY_STATS, { from: '2024-01-01T00:00:00Z', to: at, period: 'WEEK' });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const zone = await server.gql(ZONED_STATS, { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z', zone: 'Mars/Olympus' });
    expect(zone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'timeZone' }] });
  });

  // Last: it adds an activity the brute-force world above does not know.
  it('counts an activity at 01:00 in Shanghai for that local day, and for the day before in UTC', async () => {
    const rep = server.as('rep@demo.local');
    expect(world.users.find((u) => u.email === 'rep@demo.local')!.timeZone).toBe('Asia/Shanghai');
    const customer = world.customers.find((c) => c.ownerId === world.users.find((u) => u.email === 'rep@demo.local')!.id)!;
    const customerId = Buffer.from(`Customer:${customer.id}`).toString('base64');
    // 2026-11-02 01:00 in Shanghai is 2026-11-01 17:00 UTC; before it, nothing else of the rep's on either day.
    const window = { from: '2026-10-31T00:00:00Z', to: '2026-11-04T00:00:00Z' };
    const before = await rep.ok(ZONED_STATS, { ...window, zone: null });
    await rep.ok(`mutation($c: ID!) { createActivity(input: { customerId: $c, kind: CALL, subject: "凌晨回访", completedAt: "2026-11-01T17:00:00Z" }) { activity { id } } }`, { c: customerId });
    const callsOn = async (zone: string | null) => {
      const { activityStats } = await rep.ok(ZONED_STATS, { ...window, zone });
      const counts = new Map<string, number>();
      for (const row of activityStats) if (row.rep.email === 'rep@demo.local') counts.set(row.start, row.calls);
      for (const row of before.activityStats) if (row.rep.email === 'rep@demo.local') counts.set(row.start, (counts.get(row.start) ?? 0) - row.calls);
      return new Map([...counts].filter(([, n]) => n !== 0));
    };
    // The rep's own zone by default: the local day of 2 November starts at 16:00 UTC on the 1st.
    expect(await callsOn(null)).toEqual(new Map([['2026-11-01T16:00:00.000Z', 1]]));
    expect(await callsOn('Asia/Shanghai')).toEqual(new Map([['2026-11-01T16:00:00.000Z', 1]]));
    expect(await callsOn('UTC')).toEqual(new Map([['2026-11-01T00:00:00.000Z', 1]]));
  });
});

const ZONED_STATS = /* GraphQL */ `query($from: DateTime!, $to: DateTime!, $zone: String) {
  activityStats(from: $from, to: $to, period: DAY, timeZone: $zone) { rep { email } start calls }
}`;

const NESTED_HISTORY = /* GraphQL */ `query($first: Int!) {
  customers(first: $first) { edges { node {
    id tierOverride { tier setBy { email } } stageMark { stage } churnRisk { reason }
    deals(first: 3) { totalCount edges { node { title owner { email } } } }
    tierHistory(first: 5) { edges { node { toTier actor { email } } } }
    stageHistory(first: 5) { edges { node { toStage deal { title } actor { email } } } }
    transfers(first: 5) { edges { node { kind fromUser { email } toUser { email } } } }
  } } }
  atRiskCustomers(first: $first) { totalCount edges { node { id owner { email } churnRisk { reason flaggedAt } } } }
}`;

describeOnDatabases(kinds)('no N+1 in rule history and churn lists on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 120 });
    server.clock.advance(DAY);
    await server.app.jobs.runDue(); // churn warnings and releases, so the lists have rows
  }, 180_000);
  afterAll(() => server?.close());

  async function statementsFor(first: number, email: string): Promise<number> {
    const client = server.as(email);
    await client.authorization();
    server.statements.length = 0;
    const data = await client.ok(NESTED_HISTORY, { first });
    expect(data.customers.edges.length).toBe(first);
    return server.statements.length;
  }

  it.each(['admin@demo.local', 'rep@demo.local'])('runs as many statements for 5 as for 40 customers (%s)', async (email) => {
    // A few at risk (4 of the 120 demo customers with the 41-day churn window) are enough: pages of 5
    // and 40 differ in customers, their histories and transfers.
    expect(await server.db.prisma.churnRisk.count()).toBeGreaterThan(2);
    const counts = [await statementsFor(5, email), await statementsFor(20, email), await statementsFor(40, email)];
    expect(new Set(counts).size).toBe(1);
    // One statement per nested relation (Prisma batches each level for the whole page), plus the viewer lookup.
    expect(counts[0]).toBeLessThanOrEqual(24);
  });
});
