// Tasks (#20): a priority to filter and order by, a warning when a new task collides with another
// open task of the same person, and participants alerted when added and when the task falls due,
// once each, in the reader's language.
import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = /* GraphQL */ `
  mutation($input: CreateActivityInput!) {
    createActivity(input: $input) {
      activity { id version priority dueAt participants { email } }
      collisionWarnings { activity { id subject } dueAt minutesApart }
      userErrors { field code message }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation($input: UpdateActivityInput!) {
    updateActivity(input: $input) {
      activity { id version priority participants { email } }
      collisionWarnings { activity { id } minutesApart }
      userErrors { field code message }
    }
  }
`;
const ALERTS = '{ alerts(first: 20, kinds: [TASK_PARTICIPANT_ADDED, TASK_PARTICIPANT_DUE]) { nodes { kind title body subject { id } } } }';

const MINUTE = 60_000;
// Far from the demo data's tasks, so only this file's tasks are near it.
const T = Date.parse('2027-03-01T02:07:00Z');
const at = (minutes: number) => new Date(T + minutes * MINUTE).toISOString();

describeOnDatabases(kinds)('tasks on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let colleague: TestClient;
  let colleagueId: string;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
    rep = server.as('rep@demo.local');
    colleague = server.as('li.wei@demo.local');
    colleagueId = (await colleague.ok('{ viewer { id } }')).viewer.id;
    customerId = (await rep.ok('mutation { createCustomer(input: { name: "远航机械" }) { customer { id } } }')).createCustomer.customer.id;
  });
  afterAll(() => server?.close());

  it('sets a priority on create and update, NORMAL by default, and filters and orders by it', async () => {
    const normal = (await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '整理报价单' } })).createActivity.activity;
    expect(normal.priority).toBe('NORMAL');
    const urgent = (await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '回复投诉', priority: 'URGENT' } })).createActivity.activity;
    expect(urgent.priority).toBe('URGENT');
    const low = (await rep.ok(UPDATE, { input: { id: normal.id, version: normal.version, priority: 'LOW' } })).updateActivity.activity;
    expect(low).toMatchObject({ priority: 'LOW', version: normal.version + 1 });

    const list = await rep.ok(
      `query($c: ID!) { activities(first: 50, filter: { customerId: $c }, orderBy: { field: PRIORITY, direction: DESC }) { edges { node { id priority } } } }`,
      { c: customerId },
    );
    const priorities = list.activities.edges.map((e: any) => e.node.priority);
    expect(priorities[0]).toBe('URGENT');
    expect(priorities.at(-1)).toBe('LOW');
    const filtered = await rep.ok(`query($c: ID!) { activities(filter: { customerId: $c, priority: [URGENT, HIGH] }) { totalCount edges { node { id } } } }`, { c: customerId });
    expect(filtered.activities).toMatchObject({ totalCount: 1, edges: [{ node: { id: urgent.id } }] });
  });

  it('warns, without refusing, when a task is due within 30 minutes of another open task of the same person', async () => {
    const first = (await rep.ok(CREATE, { input: { customerId, kind: 'VISIT', subject: '上门拜访', dueAt: at(0) } })).createActivity;
    expect(first.collisionWarnings).toEqual([]);

    const second = (await rep.ok(CREATE, { input: { customerId, kind: 'CALL', subject: '电话回访', dueAt: at(20) } })).createActivity;
    expect(second.activity).not.toBeNull();
    expect(second.collisionWarnings).toEqual([{ activity: { id: first.activity.id, subject: '上门拜访' }, dueAt: at(0), minutesApart: 20 }]);

    // Another person's task at the same time, and one of the rep's 31 minutes later, do not collide.
    const colleagues = (await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '同事的任务', dueAt: at(0), assigneeId: colleagueId } })).createActivity;
    expect(colleagues.collisionWarnings).toEqual([]);
    const later = (await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '晚些的任务', dueAt: at(51) } })).createActivity;
    expect(later.collisionWarnings).toEqual([]);

    // Moved next to both: nearest first (equal distance by id).
    const moved = (await rep.ok(UPDATE, { input: { id: later.activity.id, version: later.activity.version, dueAt: at(10) } })).updateActivity;
    expect(moved.collisionWarnings.map((w: any) => w.minutesApart)).toEqual([10, 10]);
    expect(moved.collisionWarnings.map((w: any) => w.activity.id).sort()).toEqual([first.activity.id, second.activity.id].sort());

    // A completed task collides with nothing.
    await rep.ok(`mutation($input: CompleteActivityInput!) { completeActivity(input: $input) { userErrors { message } } }`, {
      input: { id: first.activity.id, version: first.activity.version },
    });
    const after = (await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '再一个任务', dueAt: at(-15) } })).createActivity;
    expect(after.collisionWarnings.map((w: any) => w.activity.id)).toEqual([later.activity.id]);
  });

  it('alerts participants when added and when the task falls due, once each, in zh-CN', async () => {
    const adminId = (await server.ok('{ viewer { id } }')).viewer.id;
    const dueAt = new Date(server.clock.now().getTime() + 60 * MINUTE).toISOString();
    const created = (
      await rep.ok(CREATE, { input: { customerId, kind: 'TASK', subject: '准备合同', dueAt, participantIds: [colleagueId, adminId, colleagueId] } })
    ).createActivity.activity;
    expect(created.participants).toEqual([{ email: 'li.wei@demo.local' }, { email: 'admin@demo.local' }]);

    await server.app.alerts.fireDue();
    const added = (await colleague.ok(ALERTS)).alerts.nodes;
    // Like an assignee, a participant opens the task only when they may see its customer: the
    // colleague (another team) hears of it, the admin can open it too.
    expect(added).toEqual([{ kind: 'TASK_PARTICIPANT_ADDED', title: '你已被加入任务：准备合同', body: '截止于 2026/11/02 18:00', subject: null }]);
    expect((await server.ok(ALERTS)).alerts.nodes).toEqual([
      { kind: 'TASK_PARTICIPANT_ADDED', title: '你已被加入任务：准备合同', body: '截止于 2026/11/02 18:00', subject: { id: created.id } },
    ]);

    // Changing the task (the list given again) does not add the participant a second time.
    await rep.ok(UPDATE, { input: { id: created.id, version: created.version, subject: '准备合同', participantIds: [colleagueId, adminId] } });
    server.clock.advance(61 * MINUTE);
    await server.app.alerts.fireDue();
    await server.app.alerts.fireDue();
    const kindsHeard = (await colleague.ok(ALERTS)).alerts.nodes.map((a: any) => `${a.kind} ${a.title}`);
    expect(kindsHeard.sort()).toEqual(['TASK_PARTICIPANT_ADDED 你已被加入任务：准备合同', 'TASK_PARTICIPANT_DUE 任务已到截止时间：准备合同']);

    const filtered = await rep.ok(`query($u: [ID!]) { activities(filter: { participantIds: $u }) { totalCount } }`, { u: [colleagueId] });
    expect(filtered.activities.totalCount).toBe(1);
    expect((await server.ok(ALERTS)).alerts.nodes.map((a: any) => a.kind).sort()).toEqual(['TASK_PARTICIPANT_ADDED', 'TASK_PARTICIPANT_DUE']);
  });

  it('refuses an unknown participant at its index, writing nothing', async () => {
    const before = await server.db.prisma.activity.count();
    const unknownUser = encodeGlobalID('User', randomUUID());
    const result = await rep.gql(CREATE, { input: { customerId, kind: 'TASK', subject: '任务', participantIds: [colleagueId, unknownUser] } });
    expect(userErrorOf(result)).toMatchObject({ fields: ['participantIds.1'], codes: ['NOT_FOUND'] });
    expect(await server.db.prisma.activity.count()).toBe(before);
  });
});
