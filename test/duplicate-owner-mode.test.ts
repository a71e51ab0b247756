// 撞单 protection: with RAPPORT_DUPLICATE_CUSTOMERS=REFUSE a second owner's copy of a company is
// refused at the field that matches, naming whom to ask, and a pool customer is to be claimed instead.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = `mutation($input: CreateCustomerInput!) {
  createCustomer(input: $input) { customer { id owner { email } } duplicateWarnings { reasons } userErrors { field code message } }
}`;
const RELEASE = `mutation($input: ReleaseCustomerInput!) { releaseCustomer(input: $input) { customer { id } userErrors { field code message } } }`;
const CLAIM = `mutation($input: ClaimCustomerInput!) { claimCustomer(input: $input) { customer { owner { email } } userErrors { field code message } } }`;

describeOnDatabases(kinds)('the 撞单 mode on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5, env: { RAPPORT_DUPLICATE_CUSTOMERS: 'REFUSE' } });
  });
  afterAll(() => server?.close());

  const countNamed = (name: string) => server.db.prisma.customer.count({ where: { name } });

  it("refuses a second owner's copy by name or phone, naming the owner, and writes nothing", async () => {
    const rep = server.as('rep@demo.local');
    const colleague = server.as('li.wei@demo.local');
    const first = await rep.ok(CREATE, { input: { name: '远航重工机械有限公司', phone: '+86 571 8888 6666' } });
    expect(first.createCustomer.customer.owner).toEqual({ email: 'rep@demo.local' });

    const byName = await colleague.gql(CREATE, { input: { name: '远航重工机械有限公司' } });
    expect(byName.errors).toBeUndefined();
    expect(byName.data.createCustomer.customer).toBeNull();
    expect(userErrorOf(byName)).toMatchObject({ fields: ['name'], codes: ['DUPLICATE'], message: expect.stringMatching(/与 远航重工机械有限公司 重复，该客户已由 Ray Rep 负责：请让对方共享给你/) });

    // The same refusal for a colleague who reads English.
    const { viewer } = await colleague.ok('{ viewer { id version } }');
    await colleague.ok('mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { locale } } }', { input: { id: viewer.id, version: viewer.version, locale: 'en' } });
    expect(userErrorOf(await colleague.gql(CREATE, { input: { name: '远航重工机械有限公司' } })).message).toBe(
      'matches 远航重工机械有限公司, which Ray Rep already owns: ask them to share it with you (or a manager to transfer it) instead of creating a second one',
    );
    const again = (await colleague.ok('{ viewer { id version } }')).viewer;
    await colleague.ok('mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { locale } } }', { input: { id: again.id, version: again.version, locale: 'zh-CN' } });

    const byPhone = await colleague.gql(CREATE, { input: { name: '杭州远航重工', phone: '+86-571-8888-6666' } });
    expect(userErrorOf(byPhone)).toMatchObject({ fields: ['phone'], codes: ['DUPLICATE'] });
    expect(await countNamed('杭州远航重工')).toBe(0);
    expect(await server.db.prisma.customer.count({ where: { nameKey: { contains: '远航重工' } } })).toBe(1);

    // The owner's own second copy is only warned about.
    const own = await rep.ok(CREATE, { input: { name: '远航重工机械有限公司' } });
    expect(own.createCustomer.customer).not.toBeNull();
    expect(own.createCustomer.duplicateWarnings[0].reasons).toContain('NAME');
  });

  it('offers the claim for a customer in the public pool, and the claim succeeds', async () => {
    const rep = server.as('rep@demo.local');
    const colleague = server.as('li.wei@demo.local');
    const created = await rep.ok(CREATE, { input: { name: '苏州恒达机械' } });
    const id = created.createCustomer.customer.id;
    await rep.ok(RELEASE, { input: { customerId: id, reason: '客户暂无需求' } });

    const copy = await colleague.gql(CREATE, { input: { name: '苏州恒达机械' } });
    expect(userErrorOf(copy)).toMatchObject({ fields: ['name'], codes: ['DUPLICATE'], message: expect.stringMatching(/与公海中的 苏州恒达机械 重复：请直接领取/) });
    const claimed = await colleague.ok(CLAIM, { input: { customerId: id } });
    expect(claimed.claimCustomer.customer.owner).toEqual({ email: 'li.wei@demo.local' });
    expect(await countNamed('苏州恒达机械')).toBe(1);
  });
});
