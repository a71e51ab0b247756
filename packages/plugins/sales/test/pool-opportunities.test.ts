// The sales plugin reports open opportunities to core's public pools (RapportPlugin.openOpportunities):
// a pool exempting customers with an open opportunity keeps such a customer with its owner on the
// clock, and releases an equally silent one without.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;

describeOnDatabases(kinds)('pools and open opportunities on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20, plugins: resolvePlugins([salesPlugin], ['sales']) });
  });
  afterAll(() => server?.close());

  it('keeps the customer with an open opportunity and releases the one without', async () => {
    const rep = server.as('rep@demo.local');
    const east = await server.db.prisma.team.findUniqueOrThrow({ where: { name: 'East Sales' } });
    await server.ok(`mutation($input: CreatePublicPoolInput!) { createPublicPool(input: $input) { publicPool { id } userErrors { field message } } }`, {
      input: {
        name: '华东公海',
        rules: { daysByTier: { A: 10, B: 10, C: 10, D: 10, X: 10 }, exemptOpenOpportunities: true },
        members: [{ teamId: Buffer.from(`Team:${east.id}`).toString('base64') }],
      },
    });
    const me = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    const create = async (name: string) =>
      (await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: { name, ownerId: me } })).createCustomer.customer.id;
    const [withOpportunity, without] = [await create('杭州明远机械有限公司'), await create('宁波海鸿贸易有限公司')];
    const created = await rep.ok(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { field message } } }`, {
      input: { customerId: withOpportunity, name: '数控产线改造' },
    });
    expect(created.createOpportunity.opportunity).not.toBeNull();
    // Rows the services create are stamped by the database's clock; the silence counts on the test's.
    const ids = [withOpportunity, without].map((id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!);
    await server.db.prisma.customer.updateMany({ where: { id: { in: ids } }, data: { createdAt: new Date(server.clock.now().getTime() - DAY), lastContactedAt: null } });
    await server.db.prisma.customerTransfer.deleteMany({ where: { customerId: { in: ids } } });

    server.clock.advance(11 * DAY);
    await server.app.jobs.runDue();
    const owner = async (id: string) => (await server.ok(`query($id: ID!) { customer(id: $id) { owner { email } pool { name } } }`, { id })).customer;
    expect(await owner(withOpportunity)).toEqual({ owner: { email: 'rep@demo.local' }, pool: null });
    expect(await owner(without)).toEqual({ owner: null, pool: { name: '华东公海' } });
  });
});
