// Several public pools (公海) through GraphQL on a ManualClock: two pools with different days per tier
// for two teams, a customer warned once and then released once into its owner's pool with the rule
// that did it, the previous owner refused a re-claim within the cooldown, the claim beyond the
// day's limit refused until the rep's local midnight, a non-member who neither sees nor claims.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const HOUR = 3_600_000;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const CREATE_POOL = `mutation($input: CreatePublicPoolInput!) { createPublicPool(input: $input) {
  publicPool { id name version isDefault rules { basis daysByTier { A B C D X } warnBeforeDays reclaimCooldownDays claimsPerDay } members { role team { name } user { email } } }
  userErrors { field code message } } }`;
const UPDATE_POOL = `mutation($input: UpdatePublicPoolInput!) { updatePublicPool(input: $input) { publicPool { name version } userErrors { field code message } } }`;
const POOLS = `{ publicPools { name isDefault viewerIsAdmin rules { followsDeployment } } }`;
const CLAIM = `mutation($input: ClaimCustomerInput!) { claimCustomer(input: $input) { customer { owner { email } pool { name } } userErrors { field code message } } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { owner { email } pool { name isDefault }
  transfers(first: 5) { edges { node { kind rule ruleParams ruleText pool { name } fromUser { email } toUser { email } } } } } }`;
const TRANSFER = `mutation($input: TransferCustomerInput!) { transferCustomer(input: $input) { customer { owner { email } } userErrors { field code message } } }`;
const IN_POOLS = `query($pools: [ID!]) { customers(first: 100, filter: { poolIds: $pools }) { totalCount nodes { id } } }`;
const DUE = `query($days: Int) { customers(first: 100, filter: { releaseDueWithinDays: $days }) { nodes { id } } }`;
const ALERTS = `{ alerts(first: 100, kinds: [CUSTOMER_ABOUT_TO_BE_RELEASED, CUSTOMER_RELEASED_TO_POOL]) { nodes { kind body subject { ... on Customer { id } } } } }`;

const rules = (days: number, a: number) => ({
  basis: 'FOLLOW_UP',
  daysByTier: { A: a, B: days, C: days, D: days, X: days },
  warnBeforeDays: 5,
  reclaimCooldownDays: 7,
  claimsPerDay: 2,
});

describeOnDatabases(kinds)('several public pools on %s', (database) => {
  let server: TestServer;
  const ids = {} as Record<'east' | 'north' | 'rep' | 'chen' | 'k1' | 'k2' | 'spare1' | 'spare2' | 'spare3', string>;
  const prisma = () => server.db.prisma;
  const tick = async () => {
    await server.app.jobs.runDue();
    await server.app.alerts.fireDue();
  };

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
    const user = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email } })).id;
    ids.rep = await user('rep@demo.local');
    ids.chen = await user('chen.jing@demo.local');
    const now = server.clock.now();
    const fresh = async (ownerId: string | null, name: string) =>
      (await prisma().customer.create({ data: { name, nameKey: name, ownerId, createdAt: new Date(now.getTime() - DAY), lastContactedAt: now } })).id;
    ids.k1 = await fresh(ids.rep, '远航机械');
    ids.k2 = await fresh(ids.chen, '北方重工');
    for (const key of ['spare1', 'spare2', 'spare3'] as const) ids[key] = await fresh(null, `华东备用 ${key}`);
  });
  afterAll(() => server?.close());

  it('creates pools with pool.manage only, audited; a pool admin updates at the version read, a member may not', async () => {
    const [east, north] = await prisma().team.findMany({ where: { name: { in: ['East Sales', 'North Sales'] } }, orderBy: { name: 'asc' } });
    const refused = await server.as('rep@demo.local').gql(CREATE_POOL, { input: { name: '私海', members: [] } });
    expect(errorOf(refused).code).toBe('FORBIDDEN');

    const made = await server.ok(CREATE_POOL, {
      input: {
        name: '华东公海',
        rules: rules(20, 60),
        members: [{ teamId: gid('Team', east!.id) }, { userId: gid('User', (await prisma().user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } })).id), role: 'ADMIN' }],
      },
    });
    expect(made.createPublicPool.publicPool).toMatchObject({
      name: '华东公海',
      isDefault: false,
      rules: { basis: 'FOLLOW_UP', daysByTier: { A: 60, B: 20 }, warnBeforeDays: 5, reclaimCooldownDays: 7, claimsPerDay: 2 },
    });
    ids.east = Buffer.from(made.createPublicPool.publicPool.id, 'base64').toString().split(':')[1]!;
    const north40 = await server.ok(CREATE_POOL, { input: { name: '华北公海', rules: rules(40, 90), members: [{ teamId: gid('Team', north!.id) }] } });
    ids.north = Buffer.from(north40.createPublicPool.publicPool.id, 'base64').toString().split(':')[1]!;

    const duplicate = await server.gql(CREATE_POOL, { input: { name: '华东公海' } });
    expect(userErrorOf(duplicate)).toMatchObject({ fields: ['name'], codes: ['DUPLICATE'], message: expect.stringContaining('已有名为「华东公海」的公海') });
    const badRules = await server.gql(CREATE_POOL, { input: { name: '坏规则', rules: { daysByTier: { B: 5 }, warnBeforeDays: 5 } } });
    expect(userErrorOf(badRules).fields).toEqual(['rules.warnBeforeDays']);
    expect(await prisma().publicPool.count()).toBe(3);
    expect(await prisma().auditEntry.count({ where: { action: 'publicPool.create' } })).toBe(2);

    const byMember = await server.as('rep@demo.local').gql(UPDATE_POOL, { input: { id: gid('PublicPool', ids.east), version: 1, name: '东区' } });
    expect(userErrorOf(byMember)).toMatchObject({ fields: ['id'], message: expect.stringContaining('只有该公海的管理员') });
    const stale = await server.as('manager@demo.local').gql(UPDATE_POOL, { input: { id: gid('PublicPool', ids.east), version: 7, name: '东区' } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    const renamed = await server.as('manager@demo.local').ok(UPDATE_POOL, { input: { id: gid('PublicPool', ids.east), version: 1, name: '华东公海' } });
    expect(renamed.updatePublicPool.publicPool).toEqual({ name: '华东公海', version: 2 });
    expect(await prisma().auditEntry.count({ where: { action: 'publicPool.update' } })).toBe(1);
    await prisma().customer.updateMany({ where: { id: { in: [ids.spare1, ids.spare2, ids.spare3] } }, data: { poolId: ids.east } });
  });

  it('shows members only their pools and those pools’ customers', async () => {
    const chen = server.as('chen.jing@demo.local');
    expect((await chen.ok(POOLS)).publicPools.map((p: any) => p.name)).toEqual(['公海', '华北公海']);
    expect((await chen.ok(POOLS)).publicPools[0]).toMatchObject({ isDefault: true, viewerIsAdmin: false, rules: { followsDeployment: true } });
    expect((await server.as('manager@demo.local').ok(POOLS)).publicPools.find((p: any) => p.name === '华东公海').viewerIsAdmin).toBe(true);
    expect((await chen.ok(IN_POOLS, { pools: [gid('PublicPool', ids.east)] })).customers.totalCount).toBe(0);
    expect(errorOf(await chen.gql(CUSTOMER, { id: gid('Customer', ids.spare1) })).code).toBe('NOT_FOUND');
    const claim = await chen.gql(CLAIM, { input: { customerId: gid('Customer', ids.spare1) } });
    expect(errorOf(claim).code).toBe('NOT_FOUND');
    const li = server.as('li.wei@demo.local');
    expect((await li.ok(IN_POOLS, { pools: [gid('PublicPool', ids.east)] })).customers.totalCount).toBe(3);
  });

  it('warns once, then releases once into the owner’s pool with its rule; the other pool keeps its 40 days', async () => {
    const rep = server.as('rep@demo.local');
    const mine = async () => (await rep.ok(ALERTS)).alerts.nodes.filter((a: any) => a.subject?.id === gid('Customer', ids.k1));
    server.clock.advance(15 * DAY - HOUR); // 15 days after the last contact, minus an hour: not yet warned
    await tick();
    expect(await mine()).toEqual([]);
    server.clock.advance(2 * HOUR); // 5 days before the release at 20 days
    await tick();
    server.clock.advance(2 * HOUR);
    await tick();
    const warned = await mine();
    expect(warned.map((a: any) => a.kind)).toEqual(['CUSTOMER_ABOUT_TO_BE_RELEASED']);
    expect(warned[0].body).toMatch(/若无变化，将在 5 天后退回公海「华东公海」/);
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: ids.k1 } })).ownerId).toBe(ids.rep);
    // The list of customers about to go says the same as the pools: East's within its 20 days, North's not before its 40.
    const dueWithin = async (days: number) => (await server.ok(DUE, { days })).customers.nodes.map((c: any) => c.id);
    expect(await dueWithin(5)).toContain(gid('Customer', ids.k1));
    expect(await dueWithin(4)).not.toContain(gid('Customer', ids.k1));
    expect(await dueWithin(5)).not.toContain(gid('Customer', ids.k2));
    expect(await dueWithin(25)).toContain(gid('Customer', ids.k2));

    server.clock.advance(5 * DAY);
    await tick();
    server.clock.advance(2 * HOUR);
    await tick();
    const after = await server.ok(CUSTOMER, { id: gid('Customer', ids.k1) });
    expect(after.customer).toMatchObject({ owner: null, pool: { name: '华东公海', isDefault: false } });
    expect(after.customer.transfers.edges[0].node).toEqual({
      kind: 'AUTO_RELEASE',
      rule: 'pool.release.noFollowUp',
      ruleParams: { days: 20, tier: expect.any(String) },
      ruleText: expect.stringMatching(/类客户 20 天无跟进记录，退回公海$/),
      pool: { name: '华东公海' },
      fromUser: { email: 'rep@demo.local' },
      toUser: null,
    });
    expect((await mine()).map((a: any) => a.kind).sort()).toEqual(['CUSTOMER_ABOUT_TO_BE_RELEASED', 'CUSTOMER_RELEASED_TO_POOL']);
    expect(await prisma().customerTransfer.count({ where: { customerId: ids.k1, kind: 'AUTO_RELEASE' } })).toBe(1);
    // North's customer, as silent, stays with its owner: that pool's days are 40.
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: ids.k2 } })).ownerId).toBe(ids.chen);
    // The same decision read by someone whose locale is English.
    await prisma().user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'en' } });
    const english = await server.ok(CUSTOMER, { id: gid('Customer', ids.k1) });
    await prisma().user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'zh-CN' } });
    expect(english.customer.transfers.edges[0].node.ruleText).toMatch(/^tier \w customer without a follow-up for 20 days: released to the pool$/);
  });

  it('refuses the previous owner within the cooldown, and the third claim of a day until local midnight', async () => {
    const refused = await server.as('rep@demo.local').gql(CLAIM, { input: { customerId: gid('Customer', ids.k1) } });
    expect(userErrorOf(refused)).toMatchObject({ fields: ['customerId'], codes: ['CONFLICT'], message: expect.stringContaining('7 天内不能再领取') });
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: ids.k1 } })).ownerId).toBeNull();

    const li = server.as('li.wei@demo.local');
    const first = await li.ok(CLAIM, { input: { customerId: gid('Customer', ids.k1) } });
    expect(first.claimCustomer.customer).toMatchObject({ owner: { email: 'li.wei@demo.local' }, pool: null });
    await li.ok(CLAIM, { input: { customerId: gid('Customer', ids.spare1) } });
    const third = await li.gql(CLAIM, { input: { customerId: gid('Customer', ids.spare2) } });
    expect(userErrorOf(third)).toMatchObject({ fields: ['customerId'], codes: ['LIMIT_REACHED'], message: expect.stringContaining('每日上限') });
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: ids.spare2 } })).ownerId).toBeNull();
    const claimed = await server.ok(CUSTOMER, { id: gid('Customer', ids.k1) });
    expect(claimed.customer.transfers.edges[0].node).toMatchObject({ kind: 'CLAIM', rule: 'pool.claim', ruleParams: { count: 1, max: 2 }, pool: { name: '华东公海' } });

    // Li Wei is in Asia/Shanghai: the day turns at 16:00 UTC.
    const now = server.clock.now();
    const shanghaiMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + (now.getUTCHours() >= 16 ? 1 : 0), 16);
    server.clock.set(new Date(shanghaiMidnight - 60_000));
    expect(userErrorOf(await li.gql(CLAIM, { input: { customerId: gid('Customer', ids.spare2) } })).codes).toEqual(['LIMIT_REACHED']);
    server.clock.set(new Date(shanghaiMidnight + 60_000));
    expect((await li.ok(CLAIM, { input: { customerId: gid('Customer', ids.spare2) } })).claimCustomer.customer.owner).toEqual({ email: 'li.wei@demo.local' });
  });

  it('releases the other pool’s customer into that pool at its own days', async () => {
    server.clock.set(new Date(new Date('2026-11-02T09:00:00Z').getTime() + 41 * DAY));
    await tick();
    const k2 = await server.ok(CUSTOMER, { id: gid('Customer', ids.k2) });
    expect(k2.customer).toMatchObject({ owner: null, pool: { name: '华北公海' } });
    expect(k2.customer.transfers.edges[0].node).toMatchObject({ rule: 'pool.release.noFollowUp', ruleParams: { days: 40 } });
  });

  it('lets a pool admin without customer.assign assign a customer of their pool to one of its members, only', async () => {
    await prisma().publicPoolMember.create({ data: { poolId: ids.east, userId: ids.rep, role: 'ADMIN' } });
    const rep = server.as('rep@demo.local');
    const chen = gid('User', ids.chen);
    const li = gid('User', (await prisma().user.findUniqueOrThrow({ where: { email: 'li.wei@demo.local' } })).id);
    const notMember = await rep.gql(TRANSFER, { input: { customerId: gid('Customer', ids.spare3), toUserId: chen, reason: '分配' } });
    expect(userErrorOf(notMember)).toMatchObject({ fields: ['toUserId'], codes: ['NOT_ALLOWED_VALUE'], message: '不是该公海的成员，不能分配给他' });
    const assigned = await rep.ok(TRANSFER, { input: { customerId: gid('Customer', ids.spare3), toUserId: li, reason: '分配' } });
    // Given away, it is no longer the admin's to see: the payload's customer is null.
    expect(assigned.transferCustomer).toEqual({ customer: null, userErrors: [] });
    const read = await server.ok(CUSTOMER, { id: gid('Customer', ids.spare3) });
    expect(read.customer.transfers.edges[0].node).toMatchObject({ kind: 'TRANSFER', rule: 'pool.assign', ruleText: '公海管理员分配', pool: { name: '华东公海' }, fromUser: null, toUser: { email: 'li.wei@demo.local' } });
    // An owned customer, or one of a pool they do not manage, still needs customer.assign.
    const owned = (await prisma().customer.create({ data: { name: '自有客户', nameKey: '自有客户', ownerId: ids.rep } })).id;
    expect(errorOf(await rep.gql(TRANSFER, { input: { customerId: gid('Customer', owned), toUserId: li, reason: '转给同事' } })).code).toBe('FORBIDDEN');
    const inDefault = (await prisma().customer.create({ data: { name: '默认公海客户', nameKey: '默认公海客户', ownerId: null } })).id;
    expect(errorOf(await rep.gql(TRANSFER, { input: { customerId: gid('Customer', inDefault), toUserId: li, reason: '分配' } })).code).toBe('FORBIDDEN');
    expect((await prisma().customer.findUniqueOrThrow({ where: { id: inDefault } })).ownerId).toBeNull();
  });
});
