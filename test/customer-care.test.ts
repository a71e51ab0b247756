// Customer care (#20, seeds 003/004: 客户生日关怀, 节日问候, 定期检查和更新客户档案): the hourly
// core.customer-care job gives the owner a CARE task and an alert for each contact's birthday and
// each holiday within the lead days (local days of RAPPORT_TIMEZONE), and a file review task every
// fileReviewDays; once per occurrence, nothing for archived customers.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { customerCareJob } from '@rapport/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const HOUR = 3_600_000;

const configFile = path.join(tmpdir(), `rapport-care-${process.pid}.json`);
writeFileSync(
  configFile,
  JSON.stringify({
    customerRules: {
      care: { holidays: [{ name: '公司周年', nameEn: 'Company anniversary', date: '11-05' }], holidayTiers: ['A'], fileReviewDays: 30 },
    },
  }),
);

const CREATE = `mutation($name: String!) { createCustomer(input: { name: $name }) { customer { id version } } }`;
const CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field message } } }`;
const TIER = `mutation($id: ID!, $tier: CustomerTier!) { overrideCustomerTier(input: { customerId: $id, tier: $tier, reason: "关怀测试" }) { userErrors { message } } }`;
const ARCHIVE = `mutation($input: ArchiveCustomerInput!) { archiveCustomer(input: $input) { userErrors { message } } }`;
const TASKS = /* GraphQL */ `
  query($id: ID!) {
    customer(id: $id) {
      activities(first: 50) { nodes { id version kind subject dueAt completedAt owner { email } contact { name } } }
    }
  }`;
const ALERTS = /* GraphQL */ `
  query($kinds: [AlertKind!]) {
    alerts(first: 100, kinds: $kinds) { nodes { kind title body subject { ... on Customer { id } } } }
  }`;
const COMPLETE = `mutation($input: CompleteActivityInput!) { completeActivity(input: $input) { activity { id completedAt } userErrors { field message } } }`;

describeOnDatabases(kinds)('customer care on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  const ids: Record<'birthday' | 'archived' | 'tierA' | 'tierB' | 'later', string> = {} as never;

  beforeAll(async () => {
    // The pool release is another suite's subject: keep it from taking the customers during the review months.
    server = await startTestServer({
      database,
      customers: 3,
      env: { RAPPORT_CONFIG_FILE: configFile, RAPPORT_TIMEZONE: 'Asia/Shanghai', RAPPORT_POOL_RELEASE_DAYS: '3650' },
    });
    rep = server.as('rep@demo.local');
    const create = async (name: string) => (await rep.ok(CREATE, { name })).createCustomer.customer.id as string;
    ids.birthday = await create('关怀生日客户');
    ids.archived = await create('关怀已归档客户');
    ids.tierA = await create('关怀A级客户');
    ids.tierB = await create('关怀B级客户');
    ids.later = await create('关怀时区客户');
    const contact = async (customerId: string, name: string, birthday: string) =>
      expect((await rep.ok(CONTACT, { input: { customerId, name, birthday } })).createContact.userErrors).toEqual([]);
    await contact(ids.birthday, '王芳', '1988-11-05');
    await contact(ids.archived, '李雷', '1990-11-05');
    // Beyond the three lead days of 3 November (3–6 November) in Shanghai; within them a day later.
    await contact(ids.later, '赵敏', '1992-11-07');
    await contact(ids.tierA, '周杰', '1970-03-15');
    await server.ok(TIER, { id: ids.tierA, tier: 'A' });
    await server.ok(TIER, { id: ids.tierB, tier: 'B' });
    const archived = (await server.ok(`query($id: ID!) { customer(id: $id) { id version } }`, { id: ids.archived })).customer;
    expect((await server.ok(ARCHIVE, { input: { id: archived.id, version: archived.version } })).archiveCustomer.userErrors).toEqual([]);
    // 2026-11-02T17:30Z is 01:30 on 3 November in Shanghai (still 2 November in UTC): the birthday on 5 November is in 2 days.
    server.clock.set(new Date('2026-11-02T17:30:00Z'));
  });
  afterAll(() => server?.close());

  const tasksOf = async (id: string) => (await rep.ok(TASKS, { id })).customer.activities.nodes as any[];
  const alertsOf = async (kind: string) => (await rep.ok(ALERTS, { kinds: [kind] })).alerts.nodes as any[];
  const runJobs = async () => {
    await server.app.jobs.runDue();
    await server.app.alerts.fireDue();
  };
  /** The job as another instance runs it, past the runner's lease. */
  const runCareDirectly = () =>
    customerCareJob.run({
      prisma: server.db.prisma,
      clock: server.clock,
      config: { ...server.config.customerRules.care, timeZone: server.config.locale.timeZone, language: server.config.locale.language },
      log: () => {},
    });

  it('gives the owner one CARE task and one BIRTHDAY_CARE_DUE alert in zh-CN for a birthday in 2 days, once', async () => {
    await runJobs();
    const tasks = (await tasksOf(ids.birthday)).filter((t) => t.kind === 'CARE');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      subject: '生日祝福：王芳（关怀生日客户）',
      owner: { email: 'rep@demo.local' },
      contact: { name: '王芳' },
      completedAt: null,
      // Due on the day: its last minute in Shanghai (23:59 on 5 November is 15:59 UTC).
      dueAt: '2026-11-05T15:59:00.000Z',
    });
    const alerts = (await alertsOf('BIRTHDAY_CARE_DUE')).filter((a) => a.subject?.id === ids.birthday);
    expect(alerts).toEqual([
      { kind: 'BIRTHDAY_CARE_DUE', title: '生日关怀：王芳（关怀生日客户）', body: '王芳 的生日是 2026-11-05，记得送上祝福。', subject: { id: ids.birthday } },
    ]);

    // The next hourly run, and another instance's, create nothing new.
    server.clock.advance(HOUR);
    await runJobs();
    await runCareDirectly();
    await server.app.alerts.fireDue();
    expect((await tasksOf(ids.birthday)).filter((t) => t.kind === 'CARE')).toHaveLength(1);
    expect((await alertsOf('BIRTHDAY_CARE_DUE')).filter((a) => a.subject?.id === ids.birthday)).toHaveLength(1);
  });

  it('counts the lead days on the local day: 7 November is not within them on 3 November in Shanghai, then is; once with two instances racing', async () => {
    expect(await tasksOf(ids.later)).toEqual([]);
    // 17:30 UTC on 3 November: still 3 November in UTC (7 November beyond its lead days), 4 November in Shanghai.
    server.clock.advance(DAY);
    await Promise.all([runCareDirectly(), runCareDirectly()]);
    await server.app.alerts.fireDue();
    expect((await tasksOf(ids.later)).map((t) => t.subject)).toEqual(['生日祝福：赵敏（关怀时区客户）']);
    expect((await alertsOf('BIRTHDAY_CARE_DUE')).filter((a) => a.subject?.id === ids.later)).toHaveLength(1);
  });

  it('gives an archived customer nothing', async () => {
    expect(await tasksOf(ids.archived)).toEqual([]);
    const care = await server.db.prisma.alert.findMany({ where: { kind: { in: ['BIRTHDAY_CARE_DUE', 'HOLIDAY_CARE_DUE', 'CUSTOMER_FILE_REVIEW_DUE'] }, entityId: ids.archived } });
    expect(care).toEqual([]);
    expect(await server.db.prisma.activity.count({ where: { sourceType: 'CustomerCare', customer: { archivedAt: { not: null } } } })).toBe(0);
  });

  it('gives tier A customers (the configured holiday tiers) a task for a holiday within the lead days, not tier B', async () => {
    const holiday = (await tasksOf(ids.tierA)).filter((t) => t.subject.startsWith('公司周年'));
    expect(holiday).toMatchObject([{ kind: 'CARE', subject: '公司周年问候：关怀A级客户', dueAt: '2026-11-05T15:59:00.000Z', owner: { email: 'rep@demo.local' } }]);
    expect(await tasksOf(ids.tierB)).toEqual([]);
    const alerts = await alertsOf('HOLIDAY_CARE_DUE');
    // One alert per owner and holiday, counting the owner's customers to greet.
    expect(alerts).toHaveLength(1);
    expect(alerts[0].title).toBe('节日关怀：公司周年（2026-11-05）');
    expect(alerts[0].body).toMatch(/^公司周年将至：请问候你的 [1-9]\d* 位客户，关怀任务已加入你的待办。$/);
  });

  it('asks for a file review fileReviewDays after creation, and again that long after the review is completed', async () => {
    const reviews = async () => (await tasksOf(ids.tierB)).filter((t) => t.subject === '复查客户档案：关怀B级客户');
    expect(await reviews()).toEqual([]);
    // 30 days after the customer was created it comes due (createdAt is the database's time, not the test clock's).
    const { createdAt } = await server.db.prisma.customer.findUniqueOrThrow({ where: { id: rawId(ids.tierB) }, select: { createdAt: true } });
    server.clock.set(new Date(createdAt.getTime() + 30 * DAY - HOUR));
    await runJobs();
    expect(await reviews()).toEqual([]);
    server.clock.set(new Date(createdAt.getTime() + 30 * DAY + HOUR));
    await runJobs();
    const [review] = await reviews();
    expect(review).toMatchObject({ kind: 'TASK', completedAt: null, owner: { email: 'rep@demo.local' } });
    const alerts = (await alertsOf('CUSTOMER_FILE_REVIEW_DUE')).filter((a) => a.subject?.id === ids.tierB);
    expect(alerts.map((a) => a.title)).toEqual(['客户档案复查：关怀B级客户']);

    // Still open a week later: no second task.
    server.clock.advance(7 * DAY);
    await runJobs();
    expect(await reviews()).toHaveLength(1);

    // Completing it records the review: the next comes 30 days after the completion.
    const completed = (await rep.ok(COMPLETE, { input: { id: review.id, version: review.version } })).completeActivity;
    expect(completed.userErrors).toEqual([]);
    const reviewedAt = Date.parse(completed.activity.completedAt);
    server.clock.set(new Date(reviewedAt + 30 * DAY - HOUR));
    await runJobs();
    expect(await reviews()).toHaveLength(1);
    server.clock.set(new Date(reviewedAt + 30 * DAY + HOUR));
    await runJobs();
    const after = await reviews();
    expect(after).toHaveLength(2);
    expect(after.filter((t) => t.completedAt === null)).toHaveLength(1);
    expect((await alertsOf('CUSTOMER_FILE_REVIEW_DUE')).filter((a) => a.subject?.id === ids.tierB)).toHaveLength(2);
  });
});

function rawId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
}
