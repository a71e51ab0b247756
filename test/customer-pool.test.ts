// The public pool through GraphQL: the per-owner maximum, claims with give-back, transfers, and the
// release job on a ManualClock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const MAX = 12;

const CLAIM = `mutation($input: ClaimCustomerInput!) { claimCustomer(input: $input) { customer { id inPublicPool owner { email } } userErrors { field code message } } }`;
const TRANSFERS = `query($id: ID!) { customer(id: $id) { owner { email } transfers(first: 10) { edges { node { kind fromUser { email } toUser { email } actor { email } reason } } } } }`;

describeOnDatabases(kinds)('public pool on %s', (database) => {
  let server: TestServer;
  let repId: string;
  const rep = () => server.as('rep@demo.local');

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 60, env: { RAPPORT_POOL_MAX_CUSTOMERS: String(MAX), RAPPORT_POOL_RELEASE_DAYS: '30' } });
    repId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id;
    // The rep starts with exactly the maximum: extra customers go to the pool, colleagues' fill a gap.
    const owned = await server.db.prisma.customer.findMany({ where: { ownerId: repId }, orderBy: { number: 'asc' } });
    if (owned.length > MAX) await server.db.prisma.customer.updateMany({ where: { id: { in: owned.slice(MAX).map((c) => c.id) } }, data: { ownerId: null } });
    const others = await server.db.prisma.customer.findMany({
      where: { ownerId: { not: repId }, NOT: { ownerId: null }, shares: { none: {} }, owner: { email: { not: 'li.wei@demo.local' } } },
      orderBy: { number: 'desc' },
      take: MAX - Math.min(owned.length, MAX),
    });
    await server.db.prisma.customer.updateMany({ where: { id: { in: others.map((c) => c.id) } }, data: { ownerId: repId } });
    await server.db.prisma.customer.updateMany({ where: { ownerId: repId }, data: { lastContactedAt: server.clock.now() } });
  });
  afterAll(() => server?.close());

  const poolCustomer = async (skip = 0) => server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: null }, orderBy: { number: 'asc' }, skip });

  it('refuses a claim beyond the maximum and changes nothing', async () => {
    expect(await server.db.prisma.customer.count({ where: { ownerId: repId } })).toBe(MAX);
    const target = await poolCustomer();
    const refused = await rep().gql(CLAIM, { input: { customerId: gid('Customer', target.id) } });
    // A rule refusing the change: a user error at the field, not an authorization failure.
    expect(refused.errors).toBeUndefined();
    expect(refused.data.claimCustomer.customer).toBeNull();
    expect(userErrorOf(refused)).toMatchObject({ fields: ['customerId'], codes: ['LIMIT_REACHED'], message: expect.stringContaining(`达到上限（${MAX} 个）`) });
    expect((await server.db.prisma.customer.findUniqueOrThrow({ where: { id: target.id } })).ownerId).toBeNull();
    expect(await server.db.prisma.customerTransfer.count({ where: { customerId: target.id, kind: 'CLAIM' } })).toBe(0);
  });

  it('refuses to create or reassign a customer to an owner at the maximum, writing nothing', async () => {
    const before = await server.db.prisma.customer.count();
    const created = await rep().gql(`mutation { createCustomer(input: { name: "One Too Many Ltd" }) { customer { id } userErrors { field code message } } }`);
    expect(userErrorOf(created)).toMatchObject({ fields: ['ownerId'] });
    expect(await server.db.prisma.customer.count()).toBe(before);

    const other = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: { notIn: [repId] }, NOT: { ownerId: null } } });
    const moved = await server.gql(`mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { field code message } } }`, {
      input: { id: gid('Customer', other.id), version: other.version, ownerId: gid('User', repId) },
    });
    expect(userErrorOf(moved)).toMatchObject({ fields: ['ownerId'] });
    expect(await server.db.prisma.customer.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ ownerId: other.ownerId, version: other.version });
    expect(await server.db.prisma.customer.count({ where: { ownerId: repId } })).toBe(MAX);
  });

  it('claims with a give-back in one step, and undoes the give-back when the claim fails', async () => {
    const target = await poolCustomer();
    const mine = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: repId }, orderBy: { number: 'asc' } });

    const notInPool = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: { notIn: [repId] }, NOT: { ownerId: null }, shares: { some: { user: { email: 'rep@demo.local' } } } } });
    const failed = await rep().gql(CLAIM, { input: { customerId: gid('Customer', notInPool.id), giveBackCustomerId: gid('Customer', mine.id) } });
    expect(userErrorOf(failed)).toMatchObject({ fields: ['customerId'] });
    expect((await server.db.prisma.customer.findUniqueOrThrow({ where: { id: mine.id } })).ownerId).toBe(repId);

    const claimed = await rep().ok(CLAIM, { input: { customerId: gid('Customer', target.id), giveBackCustomerId: gid('Customer', mine.id), reason: 'Met them at the fair' } });
    expect(claimed.claimCustomer.customer).toMatchObject({ inPublicPool: false, owner: { email: 'rep@demo.local' } });
    expect(await server.db.prisma.customer.count({ where: { ownerId: repId } })).toBe(MAX);
    const given = await rep().ok(TRANSFERS, { id: gid('Customer', mine.id) });
    expect(given.customer.owner).toBeNull();
    expect(given.customer.transfers.edges[0].node).toMatchObject({ kind: 'RELEASE', fromUser: { email: 'rep@demo.local' }, toUser: null });
    const taken = await rep().ok(TRANSFERS, { id: gid('Customer', target.id) });
    expect(taken.customer.transfers.edges[0].node).toMatchObject({ kind: 'CLAIM', fromUser: null, toUser: { email: 'rep@demo.local' }, reason: 'Met them at the fair' });

    // Once claimed, it is no longer in the pool: the rep's manager still sees it, a colleague does not.
    const byManager = await server.as('manager@demo.local').gql(CLAIM, { input: { customerId: gid('Customer', target.id) } });
    expect(userErrorOf(byManager)).toMatchObject({ fields: ['customerId'] });
    const byColleague = await server.as('li.wei@demo.local').gql(CLAIM, { input: { customerId: gid('Customer', target.id) } });
    expect(errorOf(byColleague).code).toBe('NOT_FOUND');
  });

  it('lets only one of two concurrent claims of the last free place succeed', async () => {
    await server.db.prisma.customer.updateMany({ where: { id: (await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: repId } })).id }, data: { ownerId: null } });
    const [a, b] = [await poolCustomer(0), await poolCustomer(1)];
    const results = await Promise.all([a, b].map((c) => rep().gql(CLAIM, { input: { customerId: gid('Customer', c.id) } })));
    expect(results.filter((r) => r.data.claimCustomer.customer).length).toBe(1);
    expect(results.flatMap((r) => userErrorOf(r).codes)).toEqual(['LIMIT_REACHED']);
    expect(await server.db.prisma.customer.count({ where: { ownerId: repId } })).toBe(MAX);
  });

  it('transfers with customer.assign and a reason, within the receiver’s maximum', async () => {
    const manager = server.as('manager@demo.local');
    const li = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'li.wei@demo.local' } });
    const liCustomer = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: li.id } });
    const TRANSFER = `mutation($input: TransferCustomerInput!) { transferCustomer(input: $input) { customer { owner { email } } userErrors { field code message } } }`;
    const input = { customerId: gid('Customer', liCustomer.id), toUserId: gid('User', repId), reason: 'Li Wei moves to Key Accounts' };

    const byRep = await rep().gql(TRANSFER, { input: { ...input, toUserId: gid('User', li.id) } });
    expect(errorOf(byRep).code).toBe('FORBIDDEN');
    const full = await manager.gql(TRANSFER, { input });
    expect(userErrorOf(full)).toMatchObject({ fields: ['toUserId'] });

    const sophie = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'sophie.becker@demo.local' } });
    await server.db.prisma.customer.updateMany({ where: { ownerId: sophie.id, number: { gt: 0 } }, data: { ownerId: null } });
    const done = await manager.ok(TRANSFER, { input: { ...input, toUserId: gid('User', sophie.id) } });
    expect(done.transferCustomer.customer.owner).toEqual({ email: 'sophie.becker@demo.local' });
    const history = await manager.ok(TRANSFERS, { id: input.customerId });
    expect(history.customer.transfers.edges[0].node).toEqual({
      kind: 'TRANSFER',
      fromUser: { email: 'li.wei@demo.local' },
      toUser: { email: 'sophie.becker@demo.local' },
      actor: { email: 'manager@demo.local' },
      reason: 'Li Wei moves to Key Accounts',
    });
  });

  it('releases customers without follow-up for 30 days, alerts the previous owner once, and spares fresh claims', async () => {
    const owned = await server.db.prisma.customer.findMany({ where: { ownerId: repId }, orderBy: { number: 'asc' } });
    const [silent, contacted] = owned;
    await server.db.prisma.customer.update({ where: { id: silent!.id }, data: { lastContactedAt: new Date(server.clock.now().getTime() - 40 * DAY) } });
    server.clock.advance(20 * DAY);
    await server.ok(`mutation($c: ID!) { createActivity(input: { customerId: $c, kind: VISIT, subject: "Visit" }) { activity { id } userErrors { field code message } } }`, { c: gid('Customer', contacted!.id) });
    server.clock.advance(11 * DAY); // contacted: 11 days ago; the others: 31 days ago; silent: 71 days
    await server.app.jobs.runDue();

    const after = new Map((await server.db.prisma.customer.findMany({ where: { id: { in: owned.map((c) => c.id) } } })).map((c) => [c.id, c.ownerId]));
    expect(after.get(silent!.id)).toBeNull();
    expect(after.get(contacted!.id)).toBe(repId);
    const alerts = await server.db.prisma.alert.findMany({ where: { kind: 'CUSTOMER_RELEASED_TO_POOL', recipientId: repId } });
    // One alert per released customer, no more: the silent one among them, the contacted one not.
    const released = owned.filter((c) => after.get(c.id) === null).map((c) => c.id);
    expect(released).toContain(silent!.id);
    expect(alerts.map((a) => a.entityId).sort()).toEqual(released.sort());
    const transfers = await server.ok(TRANSFERS, { id: gid('Customer', silent!.id) });
    expect(transfers.customer.transfers.edges[0].node).toMatchObject({ kind: 'AUTO_RELEASE', fromUser: { email: 'rep@demo.local' }, actor: null, reason: '30 天无跟进' });

    // Claimed today: not released tomorrow even though its last contact is old; nothing repeats.
    const reclaimed = await rep().ok(CLAIM, { input: { customerId: gid('Customer', silent!.id) } });
    expect(reclaimed.claimCustomer.customer.owner).toEqual({ email: 'rep@demo.local' });
    server.clock.advance(DAY + 1);
    await server.app.jobs.runDue();
    expect((await server.db.prisma.customer.findUniqueOrThrow({ where: { id: silent!.id } })).ownerId).toBe(repId);
    expect(await server.db.prisma.alert.count({ where: { kind: 'CUSTOMER_RELEASED_TO_POOL', recipientId: repId } })).toBe(alerts.length);
  });
});
