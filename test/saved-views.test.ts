import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const VIEW = 'id name entity filter orderBy shared position mine version owner { email }';
const CREATE = `mutation($input: CreateSavedViewInput!) { createSavedView(input: $input) { savedView { ${VIEW} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateSavedViewInput!) { updateSavedView(input: $input) { savedView { ${VIEW} } userErrors { field code message } } }`;
const DELETE = 'mutation($input: DeleteSavedViewInput!) { deleteSavedView(input: $input) { deletedSavedViewId userErrors { field code message } } }';
const MINE = `{ viewer { savedViews(entity: CUSTOMER) { ${VIEW} } } }`;
const REP = 'rep@demo.local';
const MANAGER = 'manager@demo.local';

describeOnDatabases(kinds)('saved views on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 40 });
  });
  afterAll(() => server?.close());

  it("keeps a user's views in the graph, checked against the list's filter and order inputs", async () => {
    const rep = server.as(REP);
    const created = (await rep.ok(CREATE, { input: { entity: 'CUSTOMER', name: '华东 A 类', filter: { tier: ['A'], province: '浙江' }, orderBy: { field: 'NAME', direction: 'ASC' } } }))
      .createSavedView;
    expect(created.userErrors).toEqual([]);
    expect(created.savedView).toMatchObject({ name: '华东 A 类', entity: 'CUSTOMER', filter: { tier: ['A'], province: '浙江' }, shared: false, mine: true, owner: { email: REP } });

    // The stored filter is what `customers` takes: pass it straight back.
    const listed = await rep.ok('query($f: CustomerFilter, $o: CustomerOrder) { customers(first: 5, filter: $f, orderBy: $o) { totalCount } }', {
      f: created.savedView.filter,
      o: created.savedView.orderBy,
    });
    expect(listed.customers.totalCount).toBeGreaterThanOrEqual(0);

    const badFilter = await rep.gql(CREATE, { input: { entity: 'CUSTOMER', name: 'bad', filter: { tier: ['Z'], colour: 'red' } } });
    expect(userErrorOf(badFilter).fields.sort()).toEqual(['filter', 'filter.tier.0']);
    const badOrder = await rep.gql(CREATE, { input: { entity: 'CUSTOMER', name: 'bad', orderBy: { field: 'COLOUR' } } });
    expect(userErrorOf(badOrder).fields).toEqual(['orderBy.field']);
    const duplicate = await rep.gql(CREATE, { input: { entity: 'CUSTOMER', name: '华东 A 类' } });
    expect(userErrorOf(duplicate)).toMatchObject({ fields: ['name'], codes: ['DUPLICATE'], message: '你已有名为 华东 A 类 的视图' });
    expect(userErrorOf(await rep.gql(CREATE, { input: { entity: 'CUSTOMER', name: '  ' } })).codes).toEqual(['REQUIRED']);

    const updated = (await rep.ok(UPDATE, { input: { id: created.savedView.id, version: created.savedView.version, name: '华东重点', filter: { tier: ['A', 'B'] }, orderBy: null } }))
      .updateSavedView.savedView;
    expect(updated).toMatchObject({ name: '华东重点', filter: { tier: ['A', 'B'] }, orderBy: null, version: created.savedView.version + 1 });
    const stale = await rep.gql(UPDATE, { input: { id: created.savedView.id, version: created.savedView.version, name: 'x' } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    expect((await rep.ok(MINE)).viewer.savedViews.map((v: { name: string }) => v.name)).toEqual(['华东重点']);

    // Another user neither sees nor changes it.
    const manager = server.as(MANAGER);
    expect((await manager.ok(MINE)).viewer.savedViews).toEqual([]);
    expect(errorOf(await manager.gql(DELETE, { input: { id: created.savedView.id } })).code).toBe('NOT_FOUND');

    const deleted = (await rep.ok(DELETE, { input: { id: created.savedView.id } })).deleteSavedView;
    expect(deleted.deletedSavedViewId).toBe(created.savedView.id);
    expect((await rep.ok(MINE)).viewer.savedViews).toEqual([]);
  });

  it('offers shared views to everyone, read-only; own views first, by position', async () => {
    const manager = server.as(MANAGER);
    const rep = server.as(REP);
    const shared = (await manager.ok(CREATE, { input: { entity: 'CUSTOMER', name: '团队沉睡客户', filter: { stage: ['DORMANT'] }, shared: true } })).createSavedView.savedView;
    await rep.ok(CREATE, { input: { entity: 'CUSTOMER', name: 'b 第二', position: 2 } });
    await rep.ok(CREATE, { input: { entity: 'CUSTOMER', name: 'a 第一', position: 1 } });
    const views = (await rep.ok(MINE)).viewer.savedViews;
    expect(views.map((v: { name: string; mine: boolean }) => [v.name, v.mine])).toEqual([
      ['a 第一', true],
      ['b 第二', true],
      ['团队沉睡客户', false],
    ]);
    expect(errorOf(await rep.gql(UPDATE, { input: { id: shared.id, version: shared.version, name: 'mine now' } }))).toMatchObject({ code: 'FORBIDDEN', message: '只有视图的创建者可以修改它' });
    expect(errorOf(await rep.gql(DELETE, { input: { id: shared.id } })).code).toBe('FORBIDDEN');
    // Someone else's user record lists none (a user's views are their own business).
    const { users } = await rep.ok('query($s: String) { users(first: 1, filter: { search: $s }) { edges { node { savedViews { id } } } } }', { s: MANAGER });
    expect(users.edges[0].node.savedViews).toEqual([]);
  });

  it('filters the customers the pool release job takes soon (the "about to be released" scene)', async () => {
    const rep = server.as(REP);
    const releaseAfterDays = server.config.customerRules.pool.releaseAfterDays;
    const now = server.clock.now().getTime();
    const mine = (await rep.ok('{ viewer { id } }')).viewer.id;
    const owned = await server.db.prisma.customer.findMany({ where: { owner: { email: REP } }, include: { transfers: true } });
    const cutoff = (days: number) => now - (releaseAfterDays - days) * 86_400_000;
    const due = (days: number) =>
      owned.filter(
        (c) => c.createdAt.getTime() < cutoff(days) && (c.lastContactedAt?.getTime() ?? 0) < cutoff(days) && !c.transfers.some((t) => t.at.getTime() >= cutoff(days)),
      ).length;
    const count = async (days: number) =>
      (await rep.ok('query($f: CustomerFilter) { customers(filter: $f) { totalCount } }', { f: { releaseDueWithinDays: days, ownerIds: [mine] } })).customers.totalCount;
    expect(await count(14)).toBe(due(14));
    expect(await count(365)).toBe(due(365));
    expect(due(365)).toBeGreaterThan(0);
    const refused = await rep.gql('{ customers(filter: { releaseDueWithinDays: -1 }) { totalCount } }');
    expect(errorOf(refused).code).toBe('BAD_USER_INPUT');
  });
  it('serves the built-in scenes beside the saved ones, named in the reader language, filters the list takes', async () => {
    const rep = server.as(REP);
    const BUILT_IN = '{ viewer { id builtInSavedViews(entity: CUSTOMER) { key entity name filter orderBy } } }';
    const { viewer } = await rep.ok(BUILT_IN);
    expect(viewer.builtInSavedViews.map((v: { key: string; name: string }) => [v.key, v.name])).toEqual([
      ['ALL', '全部客户'],
      ['MINE', '我的客户'],
      ['KEY_ACCOUNTS', '重点客户（A 类）'],
      ['RELEASE_SOON', '即将掉入公海'],
    ]);
    const byKey = Object.fromEntries(viewer.builtInSavedViews.map((v: { key: string }) => [v.key, v]));
    expect(byKey.MINE.filter).toEqual({ ownerIds: [viewer.id] });
    expect(byKey.RELEASE_SOON.filter).toEqual({ ownerIds: [viewer.id], releaseDueWithinDays: server.config.customerRules.pool.warnBeforeReleaseDays });
    // Each filter and order passes straight back to `customers`, and "mine" is the rep's own.
    for (const view of viewer.builtInSavedViews) {
      await rep.ok('query($f: CustomerFilter, $o: CustomerOrder) { customers(first: 1, filter: $f, orderBy: $o) { totalCount } }', { f: view.filter, o: view.orderBy });
    }
    const mine = await rep.ok('query($f: CustomerFilter) { customers(first: 100, filter: $f) { edges { node { owner { email } } } } }', { f: byKey.MINE.filter });
    expect(mine.customers.edges.length).toBeGreaterThan(0);
    expect(new Set(mine.customers.edges.map((e: { node: { owner: { email: string } } }) => e.node.owner.email))).toEqual(new Set([REP]));

    // In English for a reader whose locale is English; none on another user's record.
    await server.db.prisma.user.update({ where: { email: REP }, data: { locale: 'en' } });
    const english = await rep.ok('{ viewer { builtInSavedViews { name } } }').finally(() => server.db.prisma.user.update({ where: { email: REP }, data: { locale: 'zh-CN' } }));
    expect(english.viewer.builtInSavedViews.map((v: { name: string }) => v.name)).toEqual(['All customers', 'My customers', 'Key accounts (tier A)', 'About to be released']);
    const { users } = await rep.ok('query($s: String) { users(first: 1, filter: { search: $s }) { edges { node { builtInSavedViews { key } } } } }', { s: MANAGER });
    expect(users.edges[0].node.builtInSavedViews).toEqual([]);
  });
});
