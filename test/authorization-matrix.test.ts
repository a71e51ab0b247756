import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

/** Customers by how they relate to rep@demo.local (East Sales, managed by manager@demo.local). */
const CUSTOMERS = ['own', 'teammate', 'otherTeam', 'pool', 'sharedRead', 'sharedEdit'] as const;
type CustomerKey = (typeof CUSTOMERS)[number];
type Access = 'edit' | 'read' | 'none';

const ROLES: Record<string, { email: string; access: Record<CustomerKey, Access> }> = {
  admin: { email: 'admin@demo.local', access: { own: 'edit', teammate: 'edit', otherTeam: 'edit', pool: 'edit', sharedRead: 'edit', sharedEdit: 'edit' } },
  manager: { email: 'manager@demo.local', access: { own: 'edit', teammate: 'edit', otherTeam: 'none', pool: 'read', sharedRead: 'none', sharedEdit: 'none' } },
  rep: { email: 'rep@demo.local', access: { own: 'edit', teammate: 'none', otherTeam: 'none', pool: 'read', sharedRead: 'read', sharedEdit: 'edit' } },
  agent: { email: 'agent@demo.local', access: { own: 'read', teammate: 'read', otherTeam: 'read', pool: 'read', sharedRead: 'read', sharedEdit: 'read' } },
  marketing: { email: 'lucas.silva@demo.local', access: { own: 'none', teammate: 'none', otherTeam: 'none', pool: 'read', sharedRead: 'none', sharedEdit: 'none' } },
};
const ROLE_NAMES = Object.keys(ROLES);

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

interface Fixture {
  id: string;
  contactId: string;
  activityId: string;
  prefix: string;
}

const READ_PATHS = /* GraphQL */ `
  query($id: ID!, $contact: ID!, $activity: ID!, $prefix: String!) {
    list: customers(first: 10, filter: { namePrefix: $prefix }) { totalCount edges { node { id } } }
    node(id: $id) { id }
    nodes(ids: [$id]) { id }
    contactNode: node(id: $contact) { ... on Contact { customer { id } } }
    activityNode: node(id: $activity) { ... on Activity { customer { id } } }
    contacts(filter: { customerId: $id }) { totalCount }
    activities(filter: { customerId: $id }) { totalCount }
  }
`;
const BY_ID = [
  'query($id: ID!) { found: customer(id: $id) { id } }',
  'query($contact: ID!) { found: contact(id: $contact) { customer { id } } }',
  'query($activity: ID!) { found: activity(id: $activity) { customer { id } } }',
];

describeOnDatabases(kinds)('authorization matrix on %s', (database) => {
  let server: TestServer;
  const fixtures = {} as Record<CustomerKey, Fixture>;
  const clients = new Map<string, TestClient>();
  const client = (role: string): TestClient => {
    if (!clients.has(role)) clients.set(role, server.as(ROLES[role]!.email));
    return clients.get(role)!;
  };
  const ids = (key: CustomerKey) => {
    const f = fixtures[key];
    return { id: globalId('Customer', f.id), contact: globalId('Contact', f.contactId), activity: globalId('Activity', f.activityId), prefix: f.prefix };
  };

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 12, env: { RAPPORT_PRIVATE_CUSTOM_FIELDS: 'creditLevel' } });
    const prisma = server.db.prisma;
    const user = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const rep = await user('rep@demo.local');
    const teammate = await user('li.wei@demo.local');
    const otherTeam = await user('chen.jing@demo.local');
    const admin = await user('admin@demo.local');
    const owners: Record<CustomerKey, string | null> = { own: rep, teammate, otherTeam, pool: null, sharedRead: otherTeam, sharedEdit: otherTeam };
    for (const key of CUSTOMERS) {
      const name = `Mx ${key} Trading`;
      const customer = await prisma.customer.create({
        data: {
          name,
          nameKey: name.toLowerCase(),
          ownerId: owners[key],
          annualContractValue: '123456',
          customFields: { creditLevel: 'AAA', employees: 50 },
          contacts: { create: { name: `Contact of ${key}`, isPrimary: true } },
        },
        include: { contacts: true },
      });
      const activity = await prisma.activity.create({
        data: { customerId: customer.id, kind: 'NOTE', subject: `Note on ${key}`, ownerId: owners[key] ?? admin, completedAt: server.clock.now() },
      });
      fixtures[key] = { id: customer.id, contactId: customer.contacts[0]!.id, activityId: activity.id, prefix: `mx ${key} `.toLowerCase() };
    }
    await prisma.customerShare.createMany({
      data: [
        { customerId: fixtures.sharedRead.id, userId: rep, access: 'READ' },
        { customerId: fixtures.sharedEdit.id, userId: rep, access: 'EDIT' },
      ],
    });
  });
  afterAll(() => server?.close());

  describe.each(ROLE_NAMES)('%s reading', (role) => {
    it.each(CUSTOMERS)('reaches the %s customer by list, node(id), nodes, a contact, an activity and counts only if visible', async (key) => {
      const visible = ROLES[role]!.access[key] !== 'none';
      const { id, contact, activity, prefix } = ids(key);
      const data = await client(role).ok(READ_PATHS, { id, contact, activity, prefix });
      expect(data).toEqual({
        list: { totalCount: visible ? 1 : 0, edges: visible ? [{ node: { id } }] : [] },
        node: visible ? { id } : null,
        nodes: [visible ? { id } : null],
        contactNode: visible ? { customer: { id } } : null,
        activityNode: visible ? { customer: { id } } : null,
        contacts: { totalCount: visible ? 1 : 0 },
        activities: { totalCount: visible ? 1 : 0 },
      });
      for (const query of BY_ID) {
        const byId = await client(role).gql(query, { id, contact, activity });
        expect(errorOf(byId).code, query).toBe(visible ? undefined : 'NOT_FOUND');
      }
    });
  });

  describe.each(ROLE_NAMES)('%s writing', (role) => {
    it.each(CUSTOMERS)('changes the %s customer, its contacts and activities only with edit access (FORBIDDEN if only visible)', async (key) => {
      const access = ROLES[role]!.access[key];
      const expected = { edit: undefined, read: 'FORBIDDEN', none: 'NOT_FOUND' }[access];
      const prisma = server.db.prisma;
      const { id, contact, activity } = ids(key);
      const before = await prisma.customer.findUniqueOrThrow({ where: { id: fixtures[key].id } });
      const contactRow = await prisma.contact.findUniqueOrThrow({ where: { id: fixtures[key].contactId } });
      const activityRow = await prisma.activity.findUniqueOrThrow({ where: { id: fixtures[key].activityId } });
      const activities = await prisma.activity.count({ where: { customerId: fixtures[key].id } });
      const attempts = [
        client(role).gql('mutation($id: ID!, $v: Int!) { updateCustomer(input: { id: $id, version: $v, tags: ["vip"] }) { customer { id } userErrors { field code message } } }', { id, v: before.version }),
        client(role).gql('mutation($id: ID!, $v: Int!) { updateContact(input: { id: $id, version: $v, title: "Buyer" }) { contact { id } userErrors { field code message } } }', { id: contact, v: contactRow.version }),
        client(role).gql('mutation($id: ID!, $v: Int!) { updateActivity(input: { id: $id, version: $v, body: "More" }) { activity { id } userErrors { field code message } } }', { id: activity, v: activityRow.version }),
        client(role).gql('mutation($id: ID!) { createActivity(input: { customerId: $id, kind: NOTE, subject: "Matrix" }) { activity { id } userErrors { field code message } } }', { id }),
        client(role).gql('mutation($id: ID!) { createContact(input: { customerId: $id, name: "Matrix Person" }) { contact { id } userErrors { field code message } } }', { id }),
      ];
      for (const result of await Promise.all(attempts)) expect(errorOf(result).code, JSON.stringify(result.errors)).toBe(expected);
      if (expected) {
        expect((await prisma.customer.findUniqueOrThrow({ where: { id: fixtures[key].id } })).version).toBe(before.version);
        expect(await prisma.activity.count({ where: { customerId: fixtures[key].id } })).toBe(activities);
      }
    });
  });

  it('counts for a rep only own, shared and public-pool customers, whatever the filter', async () => {
    const prisma = server.db.prisma;
    const rep = await prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const rule = { OR: [{ ownerId: rep.id }, { ownerId: null }, { shares: { some: { userId: rep.id } } }] };
    const repClient = client('rep');
    const visible = new Set((await prisma.customer.findMany({ where: rule, select: { id: true } })).map((c) => globalId('Customer', c.id)));
    for (const filter of [{}, { tier: ['A', 'B'] }, { inPublicPool: false }, { search: 'a' }]) {
      const data = await repClient.ok('query($f: CustomerFilter) { customers(first: 100, filter: $f) { totalCount edges { node { id } } } }', { f: filter });
      const found: string[] = data.customers.edges.map((e: any) => e.node.id);
      expect(found.filter((id) => !visible.has(id)), JSON.stringify(filter)).toEqual([]);
      expect(data.customers.totalCount).toBe(found.length);
    }
    const all = await repClient.ok('{ customers { totalCount } contacts { totalCount } activities { totalCount } }');
    expect(all.customers.totalCount).toBe(await prisma.customer.count({ where: rule }));
    expect(all.contacts.totalCount).toBe(await prisma.contact.count({ where: { customer: rule } }));
    expect(all.activities.totalCount).toBe(await prisma.activity.count({ where: { customer: rule } }));
    expect(all.customers.totalCount).toBeLessThan(await prisma.customer.count());
  });

  it('shares only as owner, owner’s manager or admin; an EDIT share does not pass it on', async () => {
    const SHARE = 'mutation($c: ID!, $u: ID!) { shareCustomer(input: { customerId: $c, userId: $u }) { customer { shares { user { email } access } } userErrors { field code message } } }';
    const sophie = globalId('User', (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'sophie.becker@demo.local' } })).id);
    const cases: Array<[string, CustomerKey, string | undefined]> = [
      ['rep', 'own', undefined],
      ['rep', 'sharedEdit', 'FORBIDDEN'],
      ['rep', 'otherTeam', 'NOT_FOUND'],
      ['manager', 'teammate', undefined],
      ['agent', 'teammate', 'FORBIDDEN'],
      ['admin', 'otherTeam', undefined],
    ];
    for (const [role, key, code] of cases) {
      const result = await client(role).gql(SHARE, { c: ids(key).id, u: sophie });
      expect(errorOf(result).code, `${role} sharing ${key}`).toBe(code);
      if (!code) expect(result.data.shareCustomer.customer.shares).toContainEqual({ user: { email: 'sophie.becker@demo.local' }, access: 'READ' });
    }
  });

  it('needs customer.assign to give a customer to someone else, taking over a shared one included', async () => {
    const user = async (email: string) => globalId('User', (await server.db.prisma.user.findUniqueOrThrow({ where: { email } })).id);
    const [rep, teammate] = [await user('rep@demo.local'), await user('li.wei@demo.local')];
    const OWNER = 'mutation($id: ID!, $v: Int!, $o: ID) { updateCustomer(input: { id: $id, version: $v, ownerId: $o }) { customer { owner { email } } userErrors { field code message } } }';
    const version = async (key: CustomerKey) => (await server.db.prisma.customer.findUniqueOrThrow({ where: { id: fixtures[key].id } })).version;
    expect(errorOf(await client('rep').gql('mutation($o: ID!) { createCustomer(input: { name: "Gift Co", ownerId: $o }) { customer { id } userErrors { field code message } } }', { o: teammate })).code).toBe('FORBIDDEN');
    expect(errorOf(await client('rep').gql(OWNER, { id: ids('own').id, v: await version('own'), o: teammate })).code).toBe('FORBIDDEN');
    expect(errorOf(await client('rep').gql(OWNER, { id: ids('sharedEdit').id, v: await version('sharedEdit'), o: rep })).code).toBe('FORBIDDEN');
    const given = await client('manager').ok(OWNER, { id: ids('teammate').id, v: await version('teammate'), o: rep });
    expect(given.updateCustomer.customer.owner).toEqual({ email: 'rep@demo.local' });
    const pooled = await client('rep').ok(OWNER, { id: ids('teammate').id, v: await version('teammate'), o: null });
    expect(pooled.updateCustomer.customer.owner).toBeNull();
  });

  describe('sensitive fields', () => {
    const VALUES = 'customFields { key ... on SelectFieldValue { option: value } ... on NumberFieldValue { number: value } }';
    const FIELDS = `query($id: ID!) { customer(id: $id) { annualContractValue ${VALUES} } }`;
    const flat = (values: any[]) => Object.fromEntries(values.map((v) => [v.key, v.option ?? v.number]));

    it.each(ROLE_NAMES.filter((r) => r !== 'marketing'))('shows %s the financials and private custom fields only with the permission', async (role) => {
      const privileged = role === 'admin' || role === 'manager';
      const { customer } = await client(role).ok(FIELDS, { id: ids('own').id });
      expect(customer.annualContractValue).toBe(privileged ? '123456.00' : null);
      expect(flat(customer.customFields)).toEqual(privileged ? { creditLevel: 'AAA', employees: 50 } : { employees: 50 });
    });

    it('refuses to order by or set what a rep may not see, and keeps private values a rep’s write cannot see', async () => {
      const rep = client('rep');
      const order = await rep.gql('{ customers(orderBy: { field: ANNUAL_CONTRACT_VALUE }) { edges { node { id } } } }');
      expect(errorOf(order).code).toBe('FORBIDDEN');
      const own = await server.db.prisma.customer.findUniqueOrThrow({ where: { id: fixtures.own.id } });
      const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { ${VALUES} version } userErrors { field code message } } }`;
      const money = await rep.gql(UPDATE, { input: { id: ids('own').id, version: own.version, annualContractValue: '1' } });
      expect(errorOf(money)).toMatchObject({ code: 'FORBIDDEN' });
      const secret = await rep.gql(UPDATE, { input: { id: ids('own').id, version: own.version, customFields: [{ key: 'creditLevel', option: 'D' }] } });
      expect(errorOf(secret)).toMatchObject({ code: 'FORBIDDEN' });
      const allowed = await rep.ok(UPDATE, { input: { id: ids('own').id, version: own.version, customFields: [{ key: 'employees', number: 60 }] } });
      expect(flat(allowed.updateCustomer.customer.customFields)).toEqual({ employees: 60 });
      const stored = await server.db.prisma.customer.findUniqueOrThrow({ where: { id: fixtures.own.id } });
      expect(stored.customFields).toEqual({ employees: 60, creditLevel: 'AAA' });
    });
  });
});
