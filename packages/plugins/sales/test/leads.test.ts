import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin, { runLeadPool, type SalesConfig } from '@rapport/plugin-sales';
import { databaseKinds, errorOf, staffAlerts, startTestServer, type TestClient, type TestServer } from '../../../../test/support/harness.js';

/**
 * Leads (线索) through the graph: the row rule on every path, duplicate candidates and DUPLICATE
 * user errors, assignment alerts, follow-ups and the timeline, the lead pool on the clock (warned,
 * released, claimed), and conversion into customer + contact + opportunity in one transaction —
 * a refused opportunity leaving nothing behind.
 */
const kinds = await databaseKinds();
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const LEAD = /* GraphQL */ `
  id code name contactName contactTitle phone email source region notes status invalidReason inPool version
  lastFollowUpAt releaseAt releasedAt convertedAt owner { email } convertedBy { email }
  customer { id name owner { email } contacts { id name phone } activities(first: 10) { totalCount edges { node { kind subject completedAt } } } }
  contact { id name } opportunity { id name stage { key } owner { email } lead { id } }
  followUps { kind subject at author { email } activity { id } }
  timeline { kind action actor followUp { subject } }
`;
const ERRORS = 'userErrors { field code message }';
const CREATE = `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD} } ${ERRORS} } }`;
const UPDATE = `mutation($input: UpdateLeadInput!) { updateLead(input: $input) { lead { ${LEAD} } ${ERRORS} } }`;
const FOLLOW_UP = `mutation($input: FollowUpLeadInput!) { followUpLead(input: $input) { lead { ${LEAD} } ${ERRORS} } }`;
const CLAIM = `mutation($input: ClaimLeadInput!) { claimLead(input: $input) { lead { ${LEAD} } ${ERRORS} } }`;
const CONVERT = `mutation($input: ConvertLeadInput!) { convertLead(input: $input) { lead { ${LEAD} } ${ERRORS} } }`;
const DUPLICATES = `query($input: LeadDuplicatesInput!) { leadDuplicates(input: $input) { reasons existsButHidden customer { name } contact { name } lead { name } } }`;

const enabled = resolvePlugins([salesPlugin], ['sales'], { sales: { leadPool: { releaseAfterDays: 15, warnDaysBefore: 3 } } });
const config = enabled[0]!.config as SalesConfig;

describe.each(kinds)('sales leads on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let colleague: TestClient;
  let otherManager: TestClient;
  let stages: Record<string, string>;
  let repId: string;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 30, plugins: enabled });
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    colleague = server.as('li.wei@demo.local');
    otherManager = server.as('zhang.min@demo.local');
    const data = await server.ok(`{ salesPipelines { stages { id key } } }`);
    stages = Object.fromEntries(data.salesPipelines[0].stages.map((s: any) => [s.key, s.id]));
    repId = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, {
      input: { name: '杭州明远机械有限公司', contacts: [{ name: '王海', phone: '0571-8888 1234', email: 'wang.hai@mingyuan.cn' }] },
    });
    await colleague.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: { name: '上海星河贸易有限公司' } });
  });
  afterAll(() => server?.close());

  const create = async (client: TestClient, input: Record<string, unknown>) => (await client.ok(CREATE, { input })).createLead;

  it('creates a lead for its creator on the pool clock, visible to them, their manager and admins only', async () => {
    const { lead, userErrors } = await create(rep, {
      name: '宁波海天精密有限公司',
      contactName: '张伟',
      contactTitle: '采购经理',
      phone: '0574-8765 4321',
      email: 'zhang.wei@haitian.example',
      source: '展会 trade show',
      region: '浙江 宁波',
    });
    expect(userErrors).toEqual([]);
    expect(lead).toMatchObject({ code: 'L-000001', status: 'NEW', inPool: false, owner: { email: 'rep@demo.local' }, customer: null, version: 1 });
    expect(lead.releaseAt).toBe(new Date(server.clock.now().getTime() + 15 * DAY).toISOString());
    expect(lead.timeline).toEqual([{ kind: 'EVENT', action: 'lead.create', actor: 'rep@demo.local', followUp: null }]);

    const byId = `query($id: ID!) { lead(id: $id) { id } }`;
    for (const reader of [manager, server]) expect((await reader.ok(byId, { id: lead.id })).lead.id).toBe(lead.id);
    for (const outsider of [colleague, otherManager]) {
      expect(errorOf(await outsider.gql(byId, { id: lead.id })).code).toBe('NOT_FOUND');
      expect((await outsider.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: lead.id })).node).toBeNull();
      expect((await outsider.ok(`{ leads(first: 50) { totalCount } }`)).leads.totalCount).toBe(0);
      const change = await outsider.gql(UPDATE, { input: { id: lead.id, version: 1, notes: 'mine now' } });
      expect(errorOf(change).code).toBe('NOT_FOUND');
      expect(errorOf(await outsider.gql(CONVERT, { input: { id: lead.id, version: 1 } })).code).toBe('NOT_FOUND');
    }
    expect((await manager.ok(`{ leads(first: 50) { totalCount } }`)).leads.totalCount).toBe(1);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await server.db.prisma.lead.count();
    const bad = await rep.ok(CREATE, { input: { name: ' ', email: 'not-mail', phone: 'abc' } });
    expect(bad.createLead.lead).toBeNull();
    expect(bad.createLead.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.name', 'REQUIRED'],
      ['input.phone', 'INVALID'],
      ['input.email', 'INVALID'],
    ]);
    expect(await server.db.prisma.lead.count()).toBe(before);
  });

  it('finds duplicates among customers and contacts by search key, phone and e-mail, and refuses them unless told to proceed', async () => {
    const candidates = (await rep.ok(DUPLICATES, { input: { name: '  杭州明远机械有限公司 ', phone: '0571-88881234', email: 'WANG.HAI@mingyuan.cn' } })).leadDuplicates;
    expect(candidates).toEqual([{ reasons: ['NAME', 'PHONE', 'EMAIL'], existsButHidden: false, customer: { name: '杭州明远机械有限公司' }, contact: { name: '王海' }, lead: null }]);
    // A colleague's customer: the rep learns that it exists, not whose it is.
    const hidden = (await rep.ok(DUPLICATES, { input: { name: '上海星河贸易有限公司' } })).leadDuplicates;
    expect(hidden).toEqual([{ reasons: ['NAME'], existsButHidden: true, customer: null, contact: null, lead: null }]);
    // Another open lead.
    const lead = (await rep.ok(DUPLICATES, { input: { phone: '0574 87654321' } })).leadDuplicates;
    expect(lead).toEqual([{ reasons: ['PHONE'], existsButHidden: false, customer: null, contact: null, lead: { name: '宁波海天精密有限公司' } }]);

    const before = await server.db.prisma.lead.count();
    const refused = await create(rep, { name: '杭州明远机械有限公司', phone: '0571 8888 1234' });
    expect(refused.lead).toBeNull();
    expect(refused.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.name', 'DUPLICATE'],
      ['input.phone', 'DUPLICATE'],
    ]);
    expect(refused.userErrors[0].message).toContain('杭州明远机械有限公司');
    expect(await server.db.prisma.lead.count()).toBe(before);
    const forced = await create(rep, { name: '杭州明远机械有限公司', contactName: '李娜', ignoreDuplicates: true });
    expect(forced.lead.status).toBe('NEW');
  });

  it('alerts a rep a lead was given to (zh-CN text), and lets only customer.assign give leads away', async () => {
    const { lead } = await create(manager, { name: '苏州恒力自动化有限公司', ownerId: repId, contactName: '刘洋' });
    expect(lead.owner.email).toBe('rep@demo.local');
    const alerts = await staffAlerts(server.db.prisma, { kind: 'LEAD_ASSIGNED', entityId: dbId(lead.id) });
    expect(alerts.map((a) => [a.recipient.email, a.title, a.body])).toEqual([
      ['rep@demo.local', '分配给你的线索：苏州恒力自动化有限公司', `manager@demo.local 把线索 ${lead.code} 分配给了你。`],
    ]);
    const colleagueId = (await colleague.ok(`{ viewer { id } }`)).viewer.id;
    expect(errorOf(await rep.gql(UPDATE, { input: { id: lead.id, version: lead.version, ownerId: colleagueId } })).code).toBe('FORBIDDEN');
    const stale = await rep.ok(UPDATE, { input: { id: lead.id, version: lead.version + 5, notes: 'x' } });
    expect(stale.updateLead.userErrors.map((e: any) => e.code)).toEqual(['STALE_VERSION']);
    const invalid = await rep.ok(UPDATE, { input: { id: lead.id, version: lead.version, status: 'INVALID' } });
    expect(invalid.updateLead.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.invalidReason', 'REQUIRED']]);
  });

  it('lists leads with filters and ordering', async () => {
    const page = await manager.ok(`{ leads(first: 10, filter: { search: "恒力" }) { totalCount edges { node { name } } } }`);
    expect(page.leads).toEqual({ totalCount: 1, edges: [{ node: { name: '苏州恒力自动化有限公司' } }] });
    const byName = await rep.ok(`{ leads(first: 10, orderBy: { field: NAME, direction: ASC }, filter: { status: [NEW], inPool: false }) { totalCount edges { node { name } } } }`);
    expect(byName.leads.totalCount).toBe(3);
    const names = byName.leads.edges.map((e: any) => e.node.name);
    expect(names).toEqual([...names].sort());
    const bySource = await rep.ok(`{ leads(first: 10, filter: { source: "展会 TRADE SHOW" }) { totalCount } }`);
    expect(bySource.leads.totalCount).toBe(1);
  });

  it('warns before the pool takes an unfollowed lead, releases it on the clock, and lets a colleague claim it', async () => {
    const { lead } = await create(rep, { name: '无锡新锐电子有限公司', contactName: '陈静', phone: '0510-8123 4567' });
    const followed = (await rep.ok(FOLLOW_UP, { input: { leadId: lead.id, kind: 'CALL', subject: '首次电话沟通' } })).followUpLead.lead;
    expect(followed).toMatchObject({ status: 'FOLLOWING', version: lead.version + 1, lastFollowUpAt: server.clock.now().toISOString() });
    const alertsOf = async () =>
      (await server.db.prisma.alert.findMany({ where: { entityId: dbId(lead.id), kind: { startsWith: 'LEAD_' } }, orderBy: { createdAt: 'asc' } })).map((a) => [a.kind, a.title]);

    // The sales.lead-pool job's work, on the server's clock (runLeadPool is what the job runs).
    const tick = () => runLeadPool(server.db.prisma, config, server.clock.now());
    expect(salesPlugin.jobs?.map((j) => j.name)).toContain('sales.lead-pool');
    server.clock.advance(11 * DAY);
    expect(await tick()).toMatchObject({ released: 0 });
    expect(await alertsOf()).toEqual([]);
    server.clock.advance(DAY + 3_600_000);
    // Every lead of the suite so far is warned once (each was created at the same time), none twice.
    expect(await tick()).toEqual({ released: 0, warned: 4 });
    server.clock.advance(3_600_000);
    expect(await tick()).toEqual({ released: 0, warned: 0 });
    expect(await alertsOf()).toEqual([['LEAD_ABOUT_TO_BE_RELEASED', '线索即将退回公海：无锡新锐电子有限公司']]);
    const warned = await server.db.prisma.alert.findFirstOrThrow({ where: { entityId: dbId(lead.id), kind: 'LEAD_ABOUT_TO_BE_RELEASED' } });
    expect(warned.body).toBe('该线索自 2026/11/02 起无人跟进；若不跟进，将在 3 天后退回线索公海。');

    server.clock.advance(3 * DAY);
    expect(await tick()).toEqual({ released: 4, warned: 0 });
    expect(await tick()).toEqual({ released: 0, warned: 0 });
    expect((await alertsOf()).map(([kind]) => kind)).toEqual(['LEAD_ABOUT_TO_BE_RELEASED', 'LEAD_RELEASED_TO_POOL']);
    const pooled = (await colleague.ok(`query($id: ID!) { lead(id: $id) { ${LEAD} } }`, { id: lead.id })).lead;
    expect(pooled).toMatchObject({ inPool: true, owner: null, releaseAt: null });
    expect(pooled.releasedAt).toBe(server.clock.now().toISOString());
    // The former owner follows a pool lead only after claiming it back.
    const refused = await rep.ok(FOLLOW_UP, { input: { leadId: lead.id, kind: 'CALL', subject: 'too late' } });
    expect(refused.followUpLead.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.leadId', 'CONFLICT']]);

    const claimed = (await colleague.ok(CLAIM, { input: { id: lead.id, version: pooled.version } })).claimLead.lead;
    expect(claimed).toMatchObject({ inPool: false, owner: { email: 'li.wei@demo.local' }, lastFollowUpAt: server.clock.now().toISOString() });
    expect(claimed.timeline.map((e: any) => e.action ?? e.kind)).toEqual(['lead.create', 'FOLLOW_UP', 'lead.autoRelease', 'lead.claim']);
    expect(claimed.timeline[2].actor).toBe('sales.lead-pool');
    // Now the colleague's: the rep no longer sees it.
    expect(errorOf(await rep.gql(CLAIM, { input: { id: lead.id, version: claimed.version } })).code).toBe('NOT_FOUND');
  });

  it('converts into customer, contact and opportunity in one transaction, writing nothing when any part is refused', async () => {
    const { lead } = await create(rep, { name: '常州华辰机电有限公司', contactName: '杨磊', contactTitle: '设备部主管', phone: '0519-8666 0001', email: 'yang.lei@huachen.example', source: '官网 web' });
    server.clock.advance(DAY);
    await rep.ok(FOLLOW_UP, { input: { leadId: lead.id, kind: 'CALL', subject: '需求沟通', body: '两台五轴' } });
    server.clock.advance(DAY);
    const visited = (await rep.ok(FOLLOW_UP, { input: { leadId: lead.id, kind: 'VISIT', subject: '上门拜访' } })).followUpLead.lead;

    const counts = async () => ({
      customers: await server.db.prisma.customer.count(),
      contacts: await server.db.prisma.contact.count(),
      activities: await server.db.prisma.activity.count(),
      opportunities: await server.db.prisma.opportunity.count(),
      audit: await server.db.prisma.auditEntry.count({ where: { action: { in: ['customer.create', 'lead.convert', 'activity.create', 'opportunity.create'] } } }),
    });
    const before = await counts();
    // The customer, contact and activities are written before the opportunity is refused: all roll back.
    const refused = await rep.ok(CONVERT, { input: { id: lead.id, version: visited.version, opportunity: { stageId: stages.won } } });
    expect(refused.convertLead.lead).toBeNull();
    expect(refused.convertLead.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.opportunity.stageId', 'NOT_ALLOWED_VALUE']]);
    // An amount without customer.viewFinancials: FORBIDDEN, nothing written either.
    expect(errorOf(await rep.gql(CONVERT, { input: { id: lead.id, version: visited.version, opportunity: { amount: '300000.00' } } })).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    expect((await server.db.prisma.lead.findUniqueOrThrow({ where: { id: dbId(lead.id) } })).status).toBe('FOLLOWING');

    // The manager converts the rep's lead, with an amount: the rep owns what it becomes.
    const converted = (
      await manager.ok(CONVERT, { input: { id: lead.id, version: visited.version, opportunity: { name: '五轴加工中心采购', amount: '300000.00', stageId: stages.needs } } })
    ).convertLead;
    expect(converted.userErrors).toEqual([]);
    const done = converted.lead;
    expect(done).toMatchObject({
      status: 'CONVERTED',
      convertedAt: server.clock.now().toISOString(),
      convertedBy: { email: 'manager@demo.local' },
      releaseAt: null,
      customer: { name: '常州华辰机电有限公司', owner: { email: 'rep@demo.local' }, contacts: [{ name: '杨磊', phone: '0519-8666 0001' }] },
      contact: { name: '杨磊' },
      opportunity: { name: '五轴加工中心采购', stage: { key: 'needs' }, owner: { email: 'rep@demo.local' }, lead: { id: lead.id } },
    });
    // The follow-ups became the customer's activities, linked from the lead.
    expect(done.customer.activities.edges.map((e: any) => [e.node.kind, e.node.subject])).toEqual([
      ['VISIT', '上门拜访'],
      ['CALL', '需求沟通'],
    ]);
    for (const f of done.followUps) expect(f.activity).not.toBeNull();
    expect(done.timeline.map((e: any) => e.action ?? e.kind)).toEqual(['lead.create', 'FOLLOW_UP', 'FOLLOW_UP', 'lead.convert']);
    const after = await counts();
    expect(after).toEqual({
      customers: before.customers + 1,
      contacts: before.contacts + 1,
      activities: before.activities + 2,
      opportunities: before.opportunities + 1,
      audit: before.audit + 5,
    });
    const fromCustomer = await rep.ok(`query($id: ID!) { node(id: $id) { ... on Customer { leads { code } } } }`, { id: done.customer.id });
    expect(fromCustomer.node.leads).toEqual([{ code: lead.code }]);

    // A converted lead is final.
    const again = await manager.ok(CONVERT, { input: { id: lead.id, version: done.version } });
    expect(again.convertLead.userErrors.map((e: any) => e.code)).toEqual(['CONFLICT']);
    const edit = await rep.ok(UPDATE, { input: { id: lead.id, version: done.version, notes: 'x' } });
    expect(edit.updateLead.userErrors.map((e: any) => e.code)).toEqual(['CONFLICT']);
  });

  it('refuses to convert into a duplicate customer unless told, and converts into the existing one when named', async () => {
    const { lead } = await create(rep, { name: '杭州明远机械有限公司', contactName: '赵敏', phone: '0571-8000 1111', ignoreDuplicates: true });
    const refused = await rep.ok(CONVERT, { input: { id: lead.id, version: lead.version } });
    expect(refused.convertLead.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([['input.name', 'DUPLICATE']]);
    const existing = (await rep.ok(DUPLICATES, { input: { leadId: lead.id, name: lead.name } })).leadDuplicates;
    expect(existing.some((d: any) => d.customer?.name === '杭州明远机械有限公司')).toBe(true);
    const customers = await server.db.prisma.customer.count();
    const { customers: found } = await rep.ok(`{ customers(first: 5, filter: { search: "杭州明远" }) { edges { node { id } } } }`);
    const customerId = found.edges[0].node.id;
    const into = (await rep.ok(CONVERT, { input: { id: lead.id, version: lead.version, customerId } })).convertLead;
    expect(into.userErrors).toEqual([]);
    expect(into.lead.customer.id).toBe(customerId);
    expect(into.lead.customer.contacts.map((c: any) => c.name).sort()).toEqual(['王海', '赵敏'].sort());
    expect(await server.db.prisma.customer.count()).toBe(customers);
  });
});
