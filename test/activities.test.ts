import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = /* GraphQL */ `
  mutation($input: CreateActivityInput!) {
    createActivity(input: $input) {
      activity { id kind subject completedAt dueAt remindAt isOpen isOverdue version customer { lastContactedAt } owner { email } }
    userErrors { field code message } }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation($input: CompleteActivityInput!) {
    completeActivity(input: $input) { activity { completedAt outcome version customer { lastContactedAt } } userErrors { field code message } }
  }
`;

describeOnDatabases(kinds)('activities on %s', (database) => {
  let server: TestServer;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 10 });
    const created = await server.ok(`mutation { createCustomer(input: { name: "Activity Test Co" }) { customer { id lastContactedAt } userErrors { field code message } } }`);
    customerId = created.createCustomer.customer.id;
    expect(created.createCustomer.customer.lastContactedAt).toBeNull();
  });
  afterAll(() => server?.close());

  it('logs a call as done now and moves the customer’s lastContactedAt', async () => {
    const now = server.clock.now().toISOString();
    const data = await server.ok(CREATE, { input: { customerId, kind: 'CALL', subject: 'Intro call' } });
    expect(data.createActivity.activity).toMatchObject({
      completedAt: now,
      isOpen: false,
      owner: { email: 'admin@demo.local' },
      customer: { lastContactedAt: now },
    });
  });

  it('keeps a note or an older interaction from moving lastContactedAt back or forward', async () => {
    const before = server.clock.now().toISOString();
    server.clock.advance(60_000);
    const note = await server.ok(CREATE, { input: { customerId, kind: 'NOTE', subject: 'Internal note' } });
    expect(note.createActivity.activity.customer.lastContactedAt).toBe(before);
    const older = await server.ok(CREATE, {
      input: { customerId, kind: 'VISIT', subject: 'Last year visit', completedAt: '2025-01-01T00:00:00Z' },
    });
    expect(older.createActivity.activity.customer.lastContactedAt).toBe(before);
  });

  it('schedules a follow-up that becomes overdue on the clock and completes it', async () => {
    const dueAt = new Date(server.clock.now().getTime() + 3_600_000).toISOString();
    const remindAt = new Date(server.clock.now().getTime() + 1_800_000).toISOString();
    const { createActivity } = await server.ok(CREATE, {
      input: { customerId, kind: 'CALL', subject: 'Call back about the quote', dueAt, remindAt },
    });
    expect(createActivity.activity).toMatchObject({ isOpen: true, isOverdue: false, completedAt: null, dueAt, remindAt });

    const overdueQuery = `query($c: ID!) { activities(filter: { customerId: $c, overdue: true }) { totalCount edges { node { id } } } }`;
    expect((await server.ok(overdueQuery, { c: customerId })).activities.totalCount).toBe(0);
    server.clock.advance(2 * 3_600_000);
    const overdue = await server.ok(overdueQuery, { c: customerId });
    expect(overdue.activities.edges.map((e: any) => e.node.id)).toEqual([createActivity.activity.id]);

    const completedAt = server.clock.now().toISOString();
    const done = await server.ok(COMPLETE, { input: { id: createActivity.activity.id, version: 1, outcome: 'Agreed to order' } });
    expect(done.completeActivity.activity).toMatchObject({
      completedAt,
      outcome: 'Agreed to order',
      version: 2,
      customer: { lastContactedAt: completedAt },
    });
    const again = await server.gql(COMPLETE, { input: { id: createActivity.activity.id, version: 2 } });
    expect(userErrorOf(again)).toMatchObject({ fields: ['id'] });
  });

  it('rejects a reminder after the due time, an empty subject and a foreign contact, writing nothing', async () => {
    const before = await server.db.prisma.activity.count();
    const late = await server.gql(CREATE, {
      input: { customerId, kind: 'TASK', subject: 'x', dueAt: '2026-12-01T10:00:00Z', remindAt: '2026-12-01T11:00:00Z' },
    });
    expect(userErrorOf(late)).toMatchObject({ fields: ['remindAt'] });
    const empty = await server.gql(CREATE, { input: { customerId, kind: 'TASK', subject: ' ' } });
    expect(userErrorOf(empty)).toMatchObject({ fields: ['subject'] });

    const other = await server.ok(`{ contacts(first: 1, filter: { search: "a" }) { edges { node { id customer { id } } } } }`);
    const foreign = other.contacts.edges[0].node;
    expect(foreign.customer.id).not.toBe(customerId);
    const wrong = await server.gql(CREATE, { input: { customerId, kind: 'CALL', subject: 'x', contactId: foreign.id } });
    expect(userErrorOf(wrong)).toMatchObject({ fields: ['contactId'] });
    expect(await server.db.prisma.activity.count()).toBe(before);
  });

  it('filters by kind, assignee, open and due window, newest first by default', async () => {
    const page = await server.ok(`{ activities(first: 100, filter: { kind: [CALL, TASK], open: true, dueAfter: "2000-01-01T00:00:00Z" }) { totalCount edges { node { kind completedAt dueAt } } } }`);
    expect(page.activities.totalCount).toBeGreaterThan(0);
    for (const { node } of page.activities.edges) {
      expect(['CALL', 'TASK']).toContain(node.kind);
      expect(node.completedAt).toBeNull();
      expect(node.dueAt).not.toBeNull();
    }
    const brute = await server.db.prisma.activity.count({ where: { kind: { in: ['CALL', 'TASK'] }, completedAt: null, dueAt: { gte: new Date('2000-01-01') } } });
    expect(page.activities.totalCount).toBe(brute);
  });
});
