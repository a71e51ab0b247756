import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const DEFINE = `mutation($input: CreateCustomFieldDefinitionInput!) {
  createCustomFieldDefinition(input: $input) { definition { id key kind version private required options } userErrors { field code message } }
}`;
const VALUES = `customFields {
  __typename key definition { label kind }
  ... on TextFieldValue { text: value }
  ... on NumberFieldValue { number: value }
  ... on DateFieldValue { date: value }
  ... on BooleanFieldValue { flag: value }
  ... on SelectFieldValue { option: value }
  ... on MultiSelectFieldValue { options: value }
}`;
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version ${VALUES} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id version ${VALUES} } userErrors { field code message } } }`;
const READ = `query($id: ID!) { customer(id: $id) { ${VALUES} } }`;
const LIST = `query($filter: CustomerFilter) { customers(first: 100, filter: $filter) { totalCount edges { node { id name } } } }`;

/** Values as { key: value } for compact assertions. */
const flat = (values: any[]) =>
  Object.fromEntries(values.map((v) => [v.key, v.text ?? v.number ?? v.date ?? v.flag ?? v.option ?? v.options]));

describeOnDatabases(kinds)('custom fields on %s', (database) => {
  let server: TestServer;
  let definitions: Record<string, { id: string; version: number }>;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 4 });
    const fields = [
      { key: 'region', label: 'Sales region', kind: 'SELECT', options: ['North', 'East', 'South', 'West'], position: 1 },
      { key: 'headcount', label: 'Headcount', kind: 'NUMBER', position: 2 },
      { key: 'contractEnd', label: 'Contract end', kind: 'DATE', position: 3 },
      { key: 'certified', label: 'ISO certified', kind: 'BOOLEAN', position: 4 },
      { key: 'products', label: 'Products of interest', kind: 'MULTI_SELECT', options: ['pumps', 'valves', 'seals'], position: 5 },
      { key: 'motto', label: 'Motto', kind: 'TEXT', position: 6 },
      { key: 'segment', label: 'Segment', kind: 'TEXT', required: true, position: 7 },
      { key: 'margin', label: 'Margin (%)', kind: 'NUMBER', private: true, position: 8 },
    ];
    definitions = {};
    for (const input of fields) {
      const { definition } = (await server.ok(DEFINE, { input: { entity: 'CUSTOMER', ...input } })).createCustomFieldDefinition;
      definitions[definition.key] = definition;
    }
  });
  afterAll(() => server?.close());

  const full = {
    region: { option: 'East' },
    headcount: { number: 120 },
    contractEnd: { date: '2027-03-31' },
    certified: { boolean: true },
    products: { options: ['valves', 'pumps'] },
    motto: { text: '  Flow first ' },
    segment: { text: 'OEM' },
  };
  const input = (values: Record<string, object>) => Object.entries(values).map(([key, value]) => ({ key, ...value }));

  it('stores a value of each kind and returns it typed, in display order', async () => {
    const { customer } = (await server.ok(CREATE, { input: { name: 'Typed Fields Ltd', customFields: input({ ...full, margin: { number: 12.5 } }) } })).createCustomer;
    expect(customer.customFields.map((v: any) => v.__typename)).toEqual([
      'SelectFieldValue', 'NumberFieldValue', 'DateFieldValue', 'BooleanFieldValue', 'MultiSelectFieldValue', 'TextFieldValue', 'TextFieldValue', 'NumberFieldValue',
    ]);
    expect(flat(customer.customFields)).toEqual({
      region: 'East', headcount: 120, contractEnd: '2027-03-31', certified: true, products: ['pumps', 'valves'], motto: 'Flow first', segment: 'OEM', margin: 12.5,
    });
    expect(customer.customFields[0].definition).toEqual({ label: 'Sales region', kind: 'SELECT' });
  });

  it('refuses a wrong value for each kind, naming the field', async () => {
    const bad = await server.gql(CREATE, {
      input: {
        name: 'Bad Values Ltd',
        customFields: input({
          region: { option: 'Central' },
          headcount: { text: 'many' },
          products: { options: ['pumps', 'gears'] },
          certified: { number: 1 },
          contractEnd: { text: 'soon' },
          motto: { text: 'x'.repeat(2001) },
          segment: { text: 'OEM' },
          unknownKey: { text: 'x' },
        }),
      },
    });
    expect(userErrorOf(bad)).toMatchObject({
      fields: [
        'customFields.certified', 'customFields.contractEnd', 'customFields.headcount', 'customFields.motto',
        'customFields.products', 'customFields.region', 'customFields.unknownKey',
      ],
    });
    expect(await server.db.prisma.customer.count({ where: { name: 'Bad Values Ltd' } })).toBe(0);
  });

  it('requires required fields on create and refuses clearing them on update; other keys stay', async () => {
    const missing = await server.gql(CREATE, { input: { name: 'No Segment Ltd', customFields: input({ region: { option: 'North' } }) } });
    expect(userErrorOf(missing).fields).toEqual(['customFields.segment']);
    const { customer } = (await server.ok(CREATE, { input: { name: 'Segmented Ltd', customFields: input({ segment: { text: 'Retail' }, region: { option: 'North' } }) } })).createCustomer;
    const cleared = await server.gql(UPDATE, { input: { id: customer.id, version: customer.version, customFields: [{ key: 'segment' }] } });
    expect(userErrorOf(cleared).fields).toEqual(['customFields.segment']);
    const patched = (await server.ok(UPDATE, { input: { id: customer.id, version: customer.version, customFields: [{ key: 'region' }, { key: 'headcount', number: 7 }] } })).updateCustomer.customer;
    expect(flat(patched.customFields)).toEqual({ headcount: 7, segment: 'Retail' });
  });

  it('hides private fields from viewers without customer.viewPrivateFields: read, write, filter and definitions', async () => {
    const rep = server.as('rep@demo.local');
    const manager = server.as('manager@demo.local');
    const { customer } = (await rep.ok(CREATE, { input: { name: 'Private Margin Ltd', customFields: input({ segment: { text: 'OEM' } }) } })).createCustomer;
    const refused = await rep.gql(UPDATE, { input: { id: customer.id, version: customer.version, customFields: [{ key: 'margin', number: 30 }] } });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', fields: ['customFields.margin'] });
    await manager.ok(UPDATE, { input: { id: customer.id, version: customer.version, customFields: [{ key: 'margin', number: 30 }] } });
    expect(flat((await manager.ok(READ, { id: customer.id })).customer.customFields)).toEqual({ segment: 'OEM', margin: 30 });
    expect(flat((await rep.ok(READ, { id: customer.id })).customer.customFields)).toEqual({ segment: 'OEM' });
    const filter = await rep.gql(LIST, { filter: { customFields: [{ key: 'margin', min: 10 }] } });
    expect(errorOf(filter).fields).toEqual(['filter.customFields.0.key']);
    const keys = async (client: typeof rep) =>
      (await client.ok('{ customFieldDefinitions(entity: CUSTOMER) { key } }')).customFieldDefinitions.map((d: any) => d.key);
    expect(await keys(rep)).not.toContain('margin');
    expect(await keys(manager)).toContain('margin');
    expect((await rep.gql('query($id: ID!) { node(id: $id) { id } }', { id: definitions.margin!.id })).data.node).toBeNull();
    // A rep's later update of other fields keeps the private value they cannot see.
    const current = (await rep.ok('query($id: ID!) { customer(id: $id) { version } }', { id: customer.id })).customer;
    await rep.ok(UPDATE, { input: { id: customer.id, version: current.version, customFields: [{ key: 'motto', text: 'Hi' }] } });
    expect(flat((await manager.ok(READ, { id: customer.id })).customer.customFields)).toMatchObject({ margin: 30, motto: 'Hi' });
  });

  it('filters by equals, in, ranges and multi-select any/all, matching brute-force counts', async () => {
    const rows = [
      { name: 'Filter A', region: 'East', headcount: 10, contractEnd: '2027-01-15', products: ['pumps'], certified: true },
      { name: 'Filter B', region: 'West', headcount: 50, contractEnd: '2027-06-30', products: ['valves', 'seals'], certified: false },
      { name: 'Filter C', region: 'East', headcount: 500, contractEnd: '2028-01-01', products: ['pumps', 'seals'], certified: true },
      { name: 'Filter D', region: 'North', headcount: 5, contractEnd: '2026-12-01', products: [], certified: false },
    ];
    for (const r of rows) {
      await server.ok(CREATE, {
        input: {
          name: r.name,
          customFields: input({
            segment: { text: 'Filter' },
            region: { option: r.region },
            headcount: { number: r.headcount },
            contractEnd: { date: r.contractEnd },
            products: { options: r.products },
            certified: { boolean: r.certified },
          }),
        },
      });
    }
    const names = async (...filters: object[]) =>
      (await server.ok(LIST, { filter: { customFields: [{ key: 'segment', text: 'Filter' }, ...filters] } })).customers.edges.map((e: any) => e.node.name).sort();
    const expected = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).map((r) => r.name).sort();
    expect(await names({ key: 'region', option: 'East' })).toEqual(expected((r) => r.region === 'East'));
    expect(await names({ key: 'region', in: ['West', 'North'] })).toEqual(expected((r) => ['West', 'North'].includes(r.region)));
    expect(await names({ key: 'headcount', min: 10, max: 100 })).toEqual(expected((r) => r.headcount >= 10 && r.headcount <= 100));
    expect(await names({ key: 'contractEnd', from: '2027-01-01', to: '2027-12-31' })).toEqual(expected((r) => r.contractEnd.startsWith('2027')));
    expect(await names({ key: 'products', containsAny: ['valves', 'seals'] })).toEqual(expected((r) => r.products.some((p) => ['valves', 'seals'].includes(p))));
    expect(await names({ key: 'products', containsAll: ['pumps', 'seals'] })).toEqual(expected((r) => r.products.includes('pumps') && r.products.includes('seals')));
    expect(await names({ key: 'certified', boolean: true })).toEqual(expected((r) => r.certified));
    expect(await names({ key: 'headcount', number: 50 })).toEqual(['Filter B']);
    const wrongKind = await server.gql(LIST, { filter: { customFields: [{ key: 'headcount', containsAny: ['x'] }] } });
    expect(errorOf(wrongKind).fields).toEqual(['filter.customFields.0.containsAny']);
  });

  it('archives a field: hidden, refused on write, values kept and back on restore', async () => {
    const { customer } = (await server.ok(CREATE, { input: { name: 'Archive Ltd', customFields: input({ segment: { text: 'X' }, motto: { text: 'Keep me' } }) } })).createCustomer;
    const ARCHIVE = 'mutation($input: ArchiveCustomFieldDefinitionInput!) { archiveCustomFieldDefinition(input: $input) { definition { archived version } userErrors { field code message } } }';
    const archived = (await server.ok(ARCHIVE, { input: { id: definitions.motto!.id, version: definitions.motto!.version } })).archiveCustomFieldDefinition.definition;
    expect(archived.archived).toBe(true);
    expect(flat((await server.ok(READ, { id: customer.id })).customer.customFields)).toEqual({ segment: 'X' });
    const refused = await server.gql(UPDATE, { input: { id: customer.id, version: customer.version, customFields: [{ key: 'motto', text: 'New' }] } });
    expect(userErrorOf(refused).fields).toEqual(['customFields.motto']);
    const rep = await server.as('rep@demo.local').gql(ARCHIVE, { input: { id: definitions.motto!.id, version: archived.version, archived: false } });
    expect(errorOf(rep).code).toBe('FORBIDDEN');
    await server.ok(ARCHIVE, { input: { id: definitions.motto!.id, version: archived.version, archived: false } });
    expect(flat((await server.ok(READ, { id: customer.id })).customer.customFields)).toMatchObject({ motto: 'Keep me' });
  });

  it('validates contact and activity fields against their own definitions', async () => {
    await server.ok(DEFINE, { input: { entity: 'CONTACT', key: 'wechat', label: 'WeChat ID', kind: 'TEXT', required: true } });
    await server.ok(DEFINE, { input: { entity: 'ACTIVITY', key: 'mood', label: 'Mood', kind: 'SELECT', options: ['good', 'bad'] } });
    const { customer } = (await server.ok(CREATE, { input: { name: 'Contact Fields Ltd', customFields: input({ segment: { text: 'X' } }) } })).createCustomer;
    const CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id ${VALUES} } userErrors { field code message } } }`;
    const noWechat = await server.gql(CONTACT, { input: { customerId: customer.id, name: 'Liu Yang' } });
    expect(userErrorOf(noWechat).fields).toEqual(['customFields.wechat']);
    const nested = await server.gql(CREATE, { input: { name: 'Nested Ltd', customFields: input({ segment: { text: 'X' } }), contacts: [{ name: 'A', customFields: [{ key: 'wechat', text: 'a1' }] }, { name: 'B' }] } });
    expect(userErrorOf(nested).fields).toEqual(['contacts.1.customFields.wechat']);
    const contact = (await server.ok(CONTACT, { input: { customerId: customer.id, name: 'Liu Yang', customFields: [{ key: 'wechat', text: 'liuyang88' }] } })).createContact.contact;
    expect(flat(contact.customFields)).toEqual({ wechat: 'liuyang88' });
    const filtered = await server.ok('query($f: ContactFilter) { contacts(first: 10, filter: $f) { totalCount } }', { f: { customFields: [{ key: 'wechat', text: 'liuyang88' }] } });
    expect(filtered.contacts.totalCount).toBe(1);

    const ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id ${VALUES} } userErrors { field code message } } }`;
    const badMood = await server.gql(ACTIVITY, { input: { customerId: customer.id, kind: 'CALL', subject: 'Hi', customFields: [{ key: 'mood', option: 'meh' }] } });
    expect(userErrorOf(badMood).fields).toEqual(['customFields.mood']);
    const customerKey = await server.gql(ACTIVITY, { input: { customerId: customer.id, kind: 'CALL', subject: 'Hi', customFields: [{ key: 'segment', text: 'x' }] } });
    expect(userErrorOf(customerKey).fields).toEqual(['customFields.segment']);
    const activity = (await server.ok(ACTIVITY, { input: { customerId: customer.id, kind: 'CALL', subject: 'Hi', customFields: [{ key: 'mood', option: 'good' }] } })).createActivity.activity;
    expect(flat(activity.customFields)).toEqual({ mood: 'good' });
    const moods = await server.ok('query($f: ActivityFilter) { activities(first: 10, filter: $f) { totalCount } }', { f: { customFields: [{ key: 'mood', option: 'good' }] } });
    expect(moods.activities.totalCount).toBe(1);
  });

  it('costs at most one definitions query per request however many customers a page shows, none while the process’s copy is fresh', async () => {
    const definitionReads = () => server.statements.filter((s) => s.includes('"CustomFieldDefinition"') && s.startsWith('SELECT'));
    server.statements.length = 0;
    await server.ok(`{ customers(first: 3) { edges { node { ${VALUES} } } } }`);
    expect(definitionReads().length).toBeLessThanOrEqual(1);
    server.statements.length = 0;
    await server.ok(`{ customers(first: 30) { edges { node { ${VALUES} } } } }`);
    expect(definitionReads()).toHaveLength(0);
    // A change to the definitions drops the copy: the next request reads them again, and sees the change.
    await server.db.prisma.customFieldDefinition.updateMany({ where: { entity: 'CUSTOMER' }, data: { label: 'Relabelled' } });
    server.statements.length = 0;
    const page = await server.ok(`{ customers(first: 30) { edges { node { customFields { definition { label } } } } } }`);
    expect(definitionReads()).toHaveLength(1);
    const labels = page.customers.edges.flatMap((e: any) => e.node.customFields.map((v: any) => v.definition.label));
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(['Relabelled']));
  });
});
