// Daily visit plans and sales reports (#20, seed 004: 每日访问计划表 / 每日销售报告表, signed off by the
// supervisor) and the weekly follow-up summary (004 6.22), over HTTP. The demo users live in
// Asia/Shanghai: the day is cut at local midnight (16:00 UTC the day before).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const PLAN_FIELDS = 'id day timeZone version status note lines { position purpose plannedAt customer { id name } } approval { id version status decisions { action comment } }';
const CREATE_PLAN = `mutation($input: CreateDailyVisitPlanInput!) { createDailyVisitPlan(input: $input) { plan { ${PLAN_FIELDS} } userErrors { field code message } } }`;
const UPDATE_PLAN = `mutation($input: UpdateDailyVisitPlanInput!) { updateDailyVisitPlan(input: $input) { plan { ${PLAN_FIELDS} } userErrors { field code message } } }`;
const SUBMIT_PLAN = `mutation($input: SubmitDailyVisitPlanInput!) { submitDailyVisitPlan(input: $input) { plan { ${PLAN_FIELDS} } userErrors { field code message } } }`;
const REPORT_FIELDS = `id day version status summary expenses approval { id version status decisions { action comment } }
  facts { plannedVisits plannedVisitsDone visitsDone visitRate plannedVisitChecks { visited line { position } visit { id } }
          unplannedVisits { id } interactions { id kind outcome } newCustomers { id } nextSteps { id subject } }`;
const CREATE_REPORT = `mutation($input: CreateDailySalesReportInput!) { createDailySalesReport(input: $input) { report { ${REPORT_FIELDS} } userErrors { field code message } } }`;
const UPDATE_REPORT = `mutation($input: UpdateDailySalesReportInput!) { updateDailySalesReport(input: $input) { report { ${REPORT_FIELDS} } userErrors { field code message } } }`;
const SUBMIT_REPORT = `mutation($input: SubmitDailySalesReportInput!) { submitDailySalesReport(input: $input) { report { ${REPORT_FIELDS} } userErrors { field code message } } }`;
const APPROVE = `mutation($input: ApproveRequestInput!) { approveRequest(input: $input) { request { id status } userErrors { field code message } } }`;
const REJECT = `mutation($input: RejectRequestInput!) { rejectRequest(input: $input) { request { id status } userErrors { field code message } } }`;
const PLANS = `query { dailyVisitPlans { totalCount edges { node { id } } } }`;
const REPORTS = `query { dailySalesReports { totalCount edges { node { id } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;
const WEEK = `query($day: Date) { weeklyFollowUpSummary(day: $day) { weekStart weekEnd timeZone
  rows { customer { id name } followUps lastContactAt activities { id } nextSteps { id subject dueAt } } } }`;

describeOnDatabases(kinds)('daily visit plans and reports on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let otherRep: TestClient;
  const customers: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
  let plan: any;
  let report: any;

  const activity = async (kind: string, customer: string, extra: string) =>
    (await rep.ok(`mutation($c: ID!) { createActivity(input: { customerId: $c, kind: ${kind}, ${extra} }) { activity { id } } }`, { c: customer })).createActivity.activity.id as string;

  beforeAll(async () => {
    // Weeks start on Sunday here (RAPPORT_WEEK_STARTS_ON; Monday by default).
    server = await startTestServer({ database, customers: 5, env: { RAPPORT_WEEK_STARTS_ON: 'SUNDAY' } });
    // The demo's own activities are other suites' subject: the day's facts here are this suite's alone.
    await server.db.prisma.activity.deleteMany({});
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    otherRep = server.as('chen.jing@demo.local');
    for (const [key, name] of [['a', '远航机械'], ['b', '华东贸易'], ['c', '北辰电子'], ['d', '南山物流']] as const) {
      customers[key] = (await rep.ok(`mutation { createCustomer(input: { name: "${name}" }) { customer { id } } }`)).createCustomer.customer.id;
    }
    // createCustomer stamps createdAt with the database's clock, not the server's: put them on the test's day.
    const rawIds = Object.values(customers).map((id) => Buffer.from(id, 'base64').toString().split(':')[1]!);
    await server.db.prisma.customer.updateMany({ where: { id: { in: rawIds } }, data: { createdAt: server.clock.now() } });
  });
  afterAll(() => server?.close());

  it("makes the rep's plan for a local day, checking the day, the planned times and the customers", async () => {
    // Now is 2026-11-02T09:00Z: 17:00 on Monday 2 November in Shanghai.
    const lines = [
      { customerId: customers.a, purpose: 'ORDER', plannedAt: '2026-11-02T02:00:00Z', note: '谈年度订单' },
      { customerId: customers.b, purpose: 'COLLECTION', plannedAt: '2026-11-02T06:00:00Z' },
    ];
    const past = await rep.gql(CREATE_PLAN, { input: { day: '2026-11-01', lines } });
    expect(userErrorOf(past)).toMatchObject({ fields: ['day'], codes: ['OUT_OF_RANGE'], message: '不能为已过去的日子制订访问计划' });
    // 16:30Z is 00:30 on the 3rd in Shanghai: not on the plan's day.
    const offDay = await rep.gql(CREATE_PLAN, { input: { day: '2026-11-02', lines: [{ ...lines[0], plannedAt: '2026-11-02T16:30:00Z' }] } });
    expect(userErrorOf(offDay)).toMatchObject({ fields: ['lines.0.plannedAt'], codes: ['OUT_OF_RANGE'], message: '计划时间必须在计划当天（2026-11-02，Asia/Shanghai）' });
    const foreign = (await otherRep.ok('mutation { createCustomer(input: { name: "别组的客户" }) { customer { id } } }')).createCustomer.customer.id;
    const unseen = await rep.gql(CREATE_PLAN, { input: { day: '2026-11-02', lines: [{ ...lines[0], customerId: foreign }] } });
    expect(userErrorOf(unseen)).toMatchObject({ fields: ['lines.0.customerId'], codes: ['NOT_FOUND'] });

    const made = (await rep.ok(CREATE_PLAN, { input: { day: '2026-11-02', note: '上午市区，下午开发区', lines } })).createDailyVisitPlan;
    expect(made.userErrors).toEqual([]);
    plan = made.plan;
    expect(plan).toMatchObject({ day: '2026-11-02', timeZone: 'Asia/Shanghai', version: 1, status: 'DRAFT', approval: null });
    expect(plan.lines.map((l: any) => [l.position, l.purpose, l.customer.name])).toEqual([
      [1, 'ORDER', '远航机械'],
      [2, 'COLLECTION', '华东贸易'],
    ]);
    const twice = await rep.gql(CREATE_PLAN, { input: { day: '2026-11-02', lines } });
    expect(userErrorOf(twice)).toMatchObject({ fields: ['day'], codes: ['DUPLICATE'], message: '你已有 2026-11-02 的访问计划' });
  });

  it('shows a plan to its rep, the manager of their team and admins, to no other rep, on every path', async () => {
    for (const client of [rep, manager, server]) {
      expect((await client.ok(PLANS)).dailyVisitPlans.edges.map((e: any) => e.node.id)).toContain(plan.id);
      expect((await client.ok(NODE, { id: plan.id })).node).toEqual({ id: plan.id });
    }
    expect((await otherRep.ok(PLANS)).dailyVisitPlans.totalCount).toBe(0);
    expect((await otherRep.ok(NODE, { id: plan.id })).node).toBeNull();
    expect((await otherRep.gql(SUBMIT_PLAN, { input: { id: plan.id, version: plan.version } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The manager sees it but only its rep changes it.
    expect((await manager.gql(UPDATE_PLAN, { input: { id: plan.id, version: plan.version, note: '经理改' } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("goes to the team manager for sign-off; refuses changes while pending; a stale edit is rejected; a change after approval voids it", async () => {
    const submitted = (await rep.ok(SUBMIT_PLAN, { input: { id: plan.id, version: plan.version } })).submitDailyVisitPlan;
    expect(submitted.plan).toMatchObject({ status: 'PENDING', approval: { status: 'PENDING' } });
    const again = await rep.gql(SUBMIT_PLAN, { input: { id: plan.id, version: plan.version } });
    expect(userErrorOf(again)).toMatchObject({ codes: ['CONFLICT'], message: '正在等待主管签核：请先撤回审批请求再修改' });
    const locked = await rep.gql(UPDATE_PLAN, { input: { id: plan.id, version: plan.version, note: '改计划' } });
    expect(userErrorOf(locked)).toMatchObject({ fields: ['id'], codes: ['CONFLICT'], message: '正在等待主管签核：请先撤回审批请求再修改' });

    const awaiting = (await manager.ok('{ approvalRequests(awaitingMe: true) { edges { node { id entityType title awaitingMe } } } }')).approvalRequests.edges.map((e: any) => e.node);
    expect(awaiting).toContainEqual({ id: submitted.plan.approval.id, entityType: 'DailyVisitPlan', title: '每日访问计划 2026-11-02 · Ray Rep', awaitingMe: true });
    const alert = await server.db.prisma.alert.findFirst({ where: { kind: 'APPROVAL_REQUESTED', recipientId: (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } })).id }, orderBy: { createdAt: 'desc' } });
    expect(alert).not.toBeNull();
    // Another team's rep is no approver.
    expect((await otherRep.gql(APPROVE, { input: { id: submitted.plan.approval.id, version: submitted.plan.approval.version } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const approved = (await manager.ok(APPROVE, { input: { id: submitted.plan.approval.id, version: submitted.plan.approval.version, comment: '同意，注意回款' } })).approveRequest;
    expect(approved.request.status).toBe('APPROVED');

    const read = (await rep.ok(`query($id: ID!) { node(id: $id) { ... on DailyVisitPlan { ${PLAN_FIELDS} } } }`, { id: plan.id })).node;
    expect(read).toMatchObject({ status: 'APPROVED', approval: { status: 'APPROVED', decisions: [{ action: 'APPROVE', comment: '同意，注意回款' }] } });

    const stale = await rep.gql(UPDATE_PLAN, { input: { id: plan.id, version: plan.version + 1, note: '旧版本' } });
    expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], codes: ['STALE_VERSION'] });
    const changed = (await rep.ok(UPDATE_PLAN, { input: { id: plan.id, version: plan.version, note: '下午加一家' } })).updateDailyVisitPlan;
    expect(changed.plan).toMatchObject({ version: plan.version + 1, status: 'DRAFT', note: '下午加一家' });
    expect(changed.plan.lines).toHaveLength(2);
    plan = changed.plan;
  });

  it("assembles the day's report from the activities of that local day, cut at Shanghai midnight", async () => {
    const visitA = await activity('VISIT', customers.a, 'subject: "拜访远航", outcome: "同意下单", completedAt: "2026-11-02T03:00:00Z"');
    const call = await activity('CALL', customers.b, 'subject: "催款电话", outcome: "周五付款", completedAt: "2026-11-02T07:00:00Z"');
    // 23:30 on the 2nd in Shanghai: that day's, unplanned.
    const visitD = await activity('VISIT', customers.d, 'subject: "顺路拜访南山", completedAt: "2026-11-02T15:30:00Z"');
    // 00:30 on the 3rd in Shanghai: the next day's, though still the 2nd in UTC.
    const visitC = await activity('VISIT', customers.c, 'subject: "拜访北辰", completedAt: "2026-11-02T16:30:00Z"');
    const nextStep = await activity('TASK', customers.a, 'subject: "送样品", dueAt: "2026-11-05T02:00:00Z"');
    await activity('TASK', customers.c, 'subject: "北辰报价", dueAt: "2026-11-06T02:00:00Z"');

    server.clock.set('2026-11-02T17:00:00Z'); // 01:00 on the 3rd: the report of the 2nd is written the morning after.
    const future = await rep.gql(CREATE_REPORT, { input: { day: '2026-11-04' } });
    expect(userErrorOf(future)).toMatchObject({ fields: ['day'], codes: ['OUT_OF_RANGE'], message: '不能为未来的日子写销售报告' });
    const made = (await rep.ok(CREATE_REPORT, { input: { day: '2026-11-02', summary: '远航有意向扩大采购', expenses: '86.50' } })).createDailySalesReport;
    expect(made.userErrors).toEqual([]);
    report = made.report;
    expect(report).toMatchObject({ day: '2026-11-02', status: 'DRAFT', summary: '远航有意向扩大采购', expenses: '86.50' });
    expect(report.facts).toEqual({
      plannedVisits: 2,
      plannedVisitsDone: 1,
      visitsDone: 2,
      visitRate: 0.5,
      plannedVisitChecks: [
        { visited: true, line: { position: 1 }, visit: { id: visitA } },
        { visited: false, line: { position: 2 }, visit: null },
      ],
      unplannedVisits: [{ id: visitD }],
      interactions: [
        { id: visitA, kind: 'VISIT', outcome: '同意下单' },
        { id: call, kind: 'CALL', outcome: '周五付款' },
        { id: visitD, kind: 'VISIT', outcome: null },
      ],
      // Created at 17:00 on the 2nd, Shanghai time.
      newCustomers: expect.arrayContaining([{ id: customers.a }, { id: customers.b }, { id: customers.c }, { id: customers.d }]),
      nextSteps: [{ id: nextStep, subject: '送样品' }],
    });
    expect(report.facts.interactions.map((i: any) => i.id)).not.toContain(visitC);
  });

  it('signs off the report the same way: rejected, changed, submitted again, approved; hidden from other reps', async () => {
    const submitted = (await rep.ok(SUBMIT_REPORT, { input: { id: report.id, version: report.version } })).submitDailySalesReport.report;
    expect(submitted).toMatchObject({ status: 'PENDING' });
    // What the supervisor signs is kept: a visit logged afterwards changes the live facts only.
    const late = await activity('VISIT', customers.b, 'subject: "补记拜访华东", completedAt: "2026-11-02T08:00:00Z"');
    const signed = (await manager.ok(`query($id: ID!) { node(id: $id) { ... on DailySalesReport { facts { visitsDone } submittedFacts { visitsDone plannedVisitsDone interactions { id } } } } }`, { id: report.id })).node;
    expect(signed).toEqual({ facts: { visitsDone: 3 }, submittedFacts: { visitsDone: 2, plannedVisitsDone: 1, interactions: report.facts.interactions.map((i: any) => ({ id: i.id })) } });
    await rep.ok(`mutation($id: ID!, $v: Int!) { deleteActivity(input: { id: $id, version: $v }) { deletedActivityId } }`, { id: late, v: 1 });
    const rejected = (await manager.ok(REJECT, { input: { id: submitted.approval.id, version: submitted.approval.version, comment: '请补充竞争对手信息' } })).rejectRequest;
    expect(rejected.request.status).toBe('REJECTED');
    const alert = await server.db.prisma.alert.findFirst({ where: { kind: 'APPROVAL_DECIDED', recipientId: (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id }, orderBy: { createdAt: 'desc' } });
    expect(alert).not.toBeNull();

    const changed = (await rep.ok(UPDATE_REPORT, { input: { id: report.id, version: report.version, competitorInfo: '对手降价 5%' } })).updateDailySalesReport.report;
    expect(changed).toMatchObject({ status: 'DRAFT', version: report.version + 1, summary: '远航有意向扩大采购' });
    const resubmitted = (await rep.ok(SUBMIT_REPORT, { input: { id: report.id, version: changed.version } })).submitDailySalesReport.report;
    expect(resubmitted.status).toBe('PENDING');
    await manager.ok(APPROVE, { input: { id: resubmitted.approval.id, version: resubmitted.approval.version, comment: '好' } });
    const done = await rep.gql(SUBMIT_REPORT, { input: { id: report.id, version: changed.version } });
    expect(userErrorOf(done)).toMatchObject({ codes: ['CONFLICT'], message: '主管已签核此版本' });

    expect((await manager.ok(REPORTS)).dailySalesReports.edges.map((e: any) => e.node.id)).toEqual([report.id]);
    expect((await otherRep.ok(REPORTS)).dailySalesReports.totalCount).toBe(0);
    expect((await otherRep.ok(NODE, { id: report.id })).node).toBeNull();
  });

  it('frees a plan again when its rep withdraws the request', async () => {
    // Now 01:00 on the 3rd in Shanghai.
    const made = (await rep.ok(CREATE_PLAN, { input: { day: '2026-11-03', lines: [{ customerId: customers.c, purpose: 'NEW_CUSTOMER', plannedAt: '2026-11-03T02:00:00Z' }] } })).createDailyVisitPlan.plan;
    const pending = (await rep.ok(SUBMIT_PLAN, { input: { id: made.id, version: made.version } })).submitDailyVisitPlan.plan;
    const WITHDRAW = 'mutation($input: WithdrawApprovalRequestInput!) { withdrawApprovalRequest(input: $input) { request { status } userErrors { field code message } } }';
    expect((await rep.ok(WITHDRAW, { input: { id: pending.approval.id, version: pending.approval.version } })).withdrawApprovalRequest.request.status).toBe('WITHDRAWN');
    const changed = (await rep.ok(UPDATE_PLAN, { input: { id: made.id, version: made.version, note: '改为下午' } })).updateDailyVisitPlan.plan;
    expect(changed).toMatchObject({ status: 'DRAFT', note: '改为下午', version: made.version + 1 });
    const empty = (await rep.ok(UPDATE_PLAN, { input: { id: made.id, version: changed.version, lines: [] } })).updateDailyVisitPlan.plan;
    const refused = await rep.gql(SUBMIT_PLAN, { input: { id: made.id, version: empty.version } });
    expect(userErrorOf(refused)).toMatchObject({ fields: ['id'], codes: ['CONFLICT'], message: '访问计划至少要有一条拜访' });
  });

  it("sums up the week per customer followed, with the next steps, under the viewer's rule", async () => {
    const week = (await rep.ok(WEEK)).weeklyFollowUpSummary;
    expect(week).toMatchObject({ weekStart: '2026-11-01', weekEnd: '2026-11-07', timeZone: 'Asia/Shanghai' });
    expect(week.rows.map((r: any) => [r.customer.name, r.followUps, r.nextSteps.map((s: any) => s.subject)])).toEqual([
      ['北辰电子', 1, ['北辰报价']],
      ['南山物流', 1, []],
      ['华东贸易', 1, []],
      ['远航机械', 1, ['送样品']],
    ]);
    expect((await manager.ok(WEEK)).weeklyFollowUpSummary.rows).toEqual(week.rows);
    expect((await otherRep.ok(WEEK)).weeklyFollowUpSummary.rows).toEqual([]);
    // The week before has nothing of this.
    expect((await rep.ok(WEEK, { day: '2026-10-31' })).weeklyFollowUpSummary).toMatchObject({ weekStart: '2026-10-25', weekEnd: '2026-10-31', rows: [] });
  });
});
