import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import marketingPlugin from '@rapport/plugin-marketing';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestClient, type TestServer , staffAlerts } from '@rapport/core/testing';

const kinds = await databaseKinds();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const CAMPAIGN = /* GraphQL */ `id name status version budget actualCost owner { email } parent { id }`;
const METRICS = /* GraphQL */ `campaigns members sent responses conversions optedOut responseRate conversionRate
  budget actualCost expectedRevenue attributedRevenue costPerResponse roi`;
const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { ${CAMPAIGN} } userErrors { field code message } } }`;
const CHANGE_STATUS = `mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { campaign { ${CAMPAIGN} } userErrors { field code message } } }`;
const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id name version preview { contacts customers } } userErrors { field code message } } }`;
const PREVIEW = `query($filter: SegmentFilterInput!) { segmentPreview(filter: $filter) { contacts customers } }`;
const MEMBERS_RESULT = 'added alreadyMembers skippedOptedOut campaign { id }';
const ADD_SEGMENT = `mutation($input: AddSegmentToCampaignInput!) { addSegmentToCampaign(input: $input) { ${MEMBERS_RESULT} userErrors { field code message } } }`;
const REFRESH_SEGMENT = `mutation($input: RefreshCampaignSegmentInput!) { refreshCampaignSegment(input: $input) { ${MEMBERS_RESULT} userErrors { field code message } } }`;
const ADD_CONTACTS = `mutation($input: AddCampaignContactsInput!) { addCampaignContacts(input: $input) { ${MEMBERS_RESULT} userErrors { field code message } } }`;
const OPT_OUT = `mutation($input: OptOutContactInput!) { optOutContact(input: $input) { optOut { optedOutAt reason } contact { id marketingOptOut { reason } } userErrors { field code message } } }`;
const RECORD = `mutation($input: RecordCampaignResponseInput!) { recordCampaignResponse(input: $input) {
  response { id revenue status { name } } member { status { name } sentAt respondedAt convertedAt optedOutAt contactOptedOut } userErrors { field code message } } }`;
const IMPORT = `mutation($input: ImportCampaignResponsesInput!) { importCampaignResponses(input: $input) {
  applied imported skipped errors { row line field message } userErrors { field code message } } }`;
const METRICS_OF = `query($id: ID!) { campaign(id: $id) { metrics { ${METRICS} } rollupMetrics { ${METRICS} } } }`;
const MEMBERS_OF = `query($id: ID!) { campaign(id: $id) { members(first: 50) { totalCount edges { node {
  contact { id name } status { name } contactOptedOut responses { status { name } revenue note } } } } } }`;

interface Cast {
  users: Record<string, string>;
}

async function castOf(server: TestServer): Promise<Cast> {
  const data = await server.ok(`{ users(first: 100) { edges { node { id email } } } }`);
  return { users: Object.fromEntries(data.users.edges.map((e: any) => [e.node.email, e.node.id])) };
}

/** Creates a customer with contacts through the API; returns the contacts' ids by name. */
async function customer(client: TestClient, input: Record<string, unknown>): Promise<{ id: string; contacts: Record<string, string> }> {
  const data = await client.ok(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id contacts { id name } } userErrors { field code message } } }`,
    { input },
  );
  const created = data.createCustomer.customer;
  return { id: created.id, contacts: Object.fromEntries(created.contacts.map((c: any) => [c.name, c.id])) };
}

describeOnDatabases(kinds)('marketing campaigns on %s', (database) => {
  let server: TestServer;
  let cast: Cast;
  let materialsDir: string;
  /** Contact ids by name, over all customers made here. */
  const contacts: Record<string, string> = {};

  const createCampaign = async (input: Record<string, unknown>, client: TestClient = server) =>
    (
      await client.ok(CREATE_CAMPAIGN, {
        input: {
          channel: 'EMAIL',
          startsAt: new Date(server.clock.now().getTime() - DAY).toISOString(),
          endsAt: new Date(server.clock.now().getTime() + 30 * DAY).toISOString(),
          ...input,
        },
      })
    ).createCampaign.campaign;
  const activate = async (campaign: { id: string; version: number }) =>
    (await server.ok(CHANGE_STATUS, { input: { id: campaign.id, version: campaign.version, status: 'ACTIVE' } })).changeCampaignStatus.campaign;
  const metricsOf = async (id: string) => (await server.ok(METRICS_OF, { id })).campaign;
  const membersOf = async (id: string) => (await server.ok(MEMBERS_OF, { id })).campaign.members;
  const record = async (input: Record<string, unknown>) => (await server.ok(RECORD, { input })).recordCampaignResponse;

  /** The segment of the walkthrough: tier A/B customers in Suzhou tagged for the expo, 50+ employees, contacts with an e-mail. */
  const EXPO_FILTER = {
    tier: ['A', 'B'],
    city: 'SUZHOU',
    tagsAny: ['mkt-expo'],
    customFields: [{ key: 'employees', gte: 50 }],
    contact: { hasEmail: true },
  };

  beforeAll(async () => {
    materialsDir = await mkdtemp(join(tmpdir(), 'rapport-materials-'));
    const plugins = resolvePlugins([marketingPlugin], ['marketing'], { marketing: { materialsDir, maxMaterialBytes: 64 } });
    server = await startTestServer({ database, plugins, customers: 4 });
    await server.ok('mutation { createTag(input: { name: "mkt-expo" }) { tag { id } userErrors { field code message } } }');
    cast = await castOf(server);
    const rep = cast.users['rep@demo.local'];
    const manager = cast.users['manager@demo.local'];
    const suzhou = { country: 'China', province: 'Jiangsu', city: 'Suzhou' };
    const made = [
      // Matches: two contacts with e-mail (Anna, Ben).
      await customer(server, { name: 'Lens Works', tier: 'A', ownerId: rep, region: suzhou, tags: ['mkt-expo'], customFields: [{ key: 'employees', number: 500 }],
        contacts: [{ name: 'Anna', email: 'anna@lens.test', isPrimary: true }, { name: 'Ben', email: 'ben@lens.test' }] }),
      // Matches: Cara and Dan; Eve has no e-mail.
      await customer(server, { name: 'Prism Optics', tier: 'B', ownerId: manager, region: suzhou, tags: ['mkt-expo'], customFields: [{ key: 'employees', number: 80 }],
        contacts: [{ name: 'Cara', email: 'cara@prism.test', isPrimary: true }, { name: 'Dan', email: 'dan@prism.test' }, { name: 'Eve' }] }),
      // Tier C: no match.
      await customer(server, { name: 'Mirror Co', tier: 'C', ownerId: rep, region: suzhou, tags: ['mkt-expo'], customFields: [{ key: 'employees', number: 300 }],
        contacts: [{ name: 'Finn', email: 'finn@mirror.test' }] }),
      // Hangzhou, in the public pool: no match.
      await customer(server, { name: 'Glass Hub', tier: 'A', region: { country: 'China', city: 'Hangzhou' }, tags: ['mkt-expo'], customFields: [{ key: 'employees', number: 900 }],
        contacts: [{ name: 'Gus', email: 'gus@glass.test' }] }),
      // Too small (20 employees): no match.
      await customer(server, { name: 'Tiny Optics', tier: 'A', ownerId: rep, region: suzhou, tags: ['mkt-expo'], customFields: [{ key: 'employees', number: 20 }],
        contacts: [{ name: 'Hana', email: 'hana@tiny.test' }] }),
    ];
    for (const c of made) Object.assign(contacts, c.contacts);
  });
  afterAll(async () => {
    await server?.close();
    await rm(materialsDir, { recursive: true, force: true });
  });

  it('segment → members → responses → metrics, every figure worked out by hand', async () => {
    // Ben asked for no more mail before this campaign existed.
    await server.ok(OPT_OUT, { input: { contactId: contacts.Ben, reason: 'No more newsletters please' } });

    // The segment selects Anna, Ben (Lens Works) and Cara, Dan (Prism Optics): 4 contacts of 2 customers.
    // Eve has no e-mail, Mirror Co is tier C, Glass Hub is in Hangzhou, Tiny Optics has 20 < 50 employees.
    const segment = (await server.ok(CREATE_SEGMENT, { input: { name: 'Suzhou expo key accounts', filter: EXPO_FILTER } })).createSegment.segment;
    expect(segment.preview).toEqual({ contacts: 4, customers: 2 });
    const selected = (await server.ok(`query($id: ID!) { node(id: $id) { ... on Segment { contacts(first: 10) { totalCount edges { node { name } } } } } }`, { id: segment.id })).node.contacts;
    expect(selected.totalCount).toBe(4);
    expect(selected.edges.map((e: any) => e.node.name).sort()).toEqual(['Anna', 'Ben', 'Cara', 'Dan']);

    const parent = await activate(await createCampaign({ name: 'Optics Expo 2026', channel: 'TRADE_SHOW', actualCost: '300.00', budget: '500.00' }));
    const campaign = await activate(await createCampaign({ name: 'Expo follow-up mailing', actualCost: '1200.00', budget: '2000.00', expectedRevenue: '9000.00', parentId: parent.id }));
    const grandchild = await createCampaign({ name: 'Expo reminder SMS', channel: 'SMS', actualCost: '100.00', parentId: campaign.id });

    // 4 matches − Ben (opted out) = 3 added: Anna, Cara, Dan.
    expect((await server.ok(ADD_SEGMENT, { input: { campaignId: campaign.id, segmentId: segment.id } })).addSegmentToCampaign).toMatchObject({
      added: 3, alreadyMembers: 0, skippedOptedOut: 1,
    });
    // Finn individually: a 4th member.
    expect((await server.ok(ADD_CONTACTS, { input: { campaignId: campaign.id, contactIds: [contacts.Finn] } })).addCampaignContacts).toMatchObject({
      added: 1, alreadyMembers: 0, skippedOptedOut: 0,
    });
    // The parent campaign has one member of its own: Gus (public pool, so nobody to alert).
    await server.ok(ADD_CONTACTS, { input: { campaignId: parent.id, contactIds: [contacts.Gus] } });

    // Responses: two one by one, the rest imported.
    server.clock.advance(HOUR);
    const sent = await record({ campaignId: campaign.id, contactId: contacts.Anna, status: 'SENT' });
    expect(sent.member).toMatchObject({ status: { name: 'SENT' }, respondedAt: null, contactOptedOut: false });
    expect(sent.member.sentAt).toBe(server.clock.now().toISOString());
    await record({ campaignId: parent.id, contactId: contacts.Gus, status: 'RESPONDED', note: 'Visited the booth' });
    server.clock.advance(HOUR);
    const csv = [
      'email,status,revenue,note',
      'cara@prism.test,SENT,,',
      'dan@prism.test,SENT,,',
      'finn@mirror.test,BOUNCED,,"Mailbox full, ""try later"""',
      'cara@prism.test,RESPONDED,,Asked for a quote',
      'dan@prism.test,OPTED_OUT,,Unsubscribed',
      'anna@lens.test,CONVERTED,5000.00,"Order #1, signed"',
    ].join('\r\n');
    expect((await server.ok(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: csv } })).importCampaignResponses).toEqual({
      applied: true, imported: 6, skipped: 0, errors: [], userErrors: [],
    });

    const members = (await membersOf(campaign.id)).edges.map((e: any) => e.node);
    const byName = Object.fromEntries(members.map((m: any) => [m.contact.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['Anna', 'Cara', 'Dan', 'Finn']);
    expect(byName.Anna).toMatchObject({ status: { name: 'CONVERTED' }, responses: [{ status: { name: 'SENT' } }, { status: { name: 'CONVERTED' }, revenue: '5000.00', note: 'Order #1, signed' }] });
    expect(byName.Finn.responses[0].note).toBe('Mailbox full, "try later"');
    expect(byName.Dan).toMatchObject({ status: { name: 'OPTED_OUT' }, contactOptedOut: true });

    const { metrics, rollupMetrics } = await metricsOf(campaign.id);
    expect(metrics).toEqual({
      campaigns: 1,
      members: 4, // Anna, Cara, Dan, Finn
      sent: 3, // Anna (SENT→CONVERTED), Cara (SENT→RESPONDED), Dan (SENT→OPTED_OUT); Finn BOUNCED is not sent
      responses: 2, // Anna (a conversion is a response), Cara
      conversions: 1, // Anna
      optedOut: 1, // Dan
      responseRate: 2 / 3, // responses / sent = 2 / 3
      conversionRate: 1 / 3, // conversions / sent = 1 / 3
      budget: '2000.00',
      actualCost: '1200.00',
      expectedRevenue: '9000.00',
      attributedRevenue: '5000.00', // the revenue on Anna's CONVERTED response
      costPerResponse: '600.00', // 1200 / 2
      roi: (5000 - 1200) / 1200, // 3.1666…
    });
    // With the grandchild SMS campaign (no members, cost 100).
    expect(rollupMetrics).toEqual({
      campaigns: 2,
      members: 4,
      sent: 3,
      responses: 2,
      conversions: 1,
      optedOut: 1,
      responseRate: 2 / 3,
      conversionRate: 1 / 3,
      budget: '2000.00', // 2000 + 0
      actualCost: '1300.00', // 1200 + 100
      expectedRevenue: '9000.00',
      attributedRevenue: '5000.00',
      costPerResponse: '650.00', // 1300 / 2
      roi: (5000 - 1300) / 1300, // 2.846…
    });

    const top = await metricsOf(parent.id);
    expect(top.metrics).toEqual({
      campaigns: 1,
      members: 1, // Gus
      sent: 1, // a response counts as sent
      responses: 1,
      conversions: 0,
      optedOut: 0,
      responseRate: 1, // 1 / 1
      conversionRate: 0, // 0 / 1
      budget: '500.00',
      actualCost: '300.00',
      expectedRevenue: '0.00',
      attributedRevenue: '0.00',
      costPerResponse: '300.00', // 300 / 1
      roi: -1, // (0 − 300) / 300
    });
    expect(top.rollupMetrics).toEqual({
      campaigns: 3, // the expo, the mailing, the SMS
      members: 5, // 1 + 4 + 0
      sent: 4, // 1 + 3
      responses: 3, // 1 + 2
      conversions: 1, // 0 + 1
      optedOut: 1,
      responseRate: 3 / 4, // 0.75
      conversionRate: 1 / 4, // 0.25
      budget: '2500.00', // 500 + 2000 + 0
      actualCost: '1600.00', // 300 + 1200 + 100
      expectedRevenue: '9000.00',
      attributedRevenue: '5000.00',
      costPerResponse: '533.33', // 1600 / 3 = 533.333… to the cent
      roi: (5000 - 1600) / 1600, // 2.125
    });
    expect((await metricsOf(grandchild.id)).metrics).toMatchObject({ members: 0, sent: 0, responseRate: null, conversionRate: null, costPerResponse: null, roi: -1 });

    // Responses alert the owner of the responding contact's customer: Anna's CONVERTED → rep (Lens Works),
    // Cara's RESPONDED → manager (Prism Optics). SENT, BOUNCED and OPTED_OUT are no responses; Gus's customer has no owner.
    // Each change left its audit entry.
    const audited = await server.db.prisma.auditEntry.findMany({ where: { entityId: dbId(campaign.id) }, select: { action: true } });
    expect(audited.map((a) => a.action).sort()).toEqual(['campaign.addContacts', 'campaign.addSegment', 'campaign.changeStatus', 'campaign.create', 'campaign.importResponses']);

    const alerts = await staffAlerts(server.db.prisma, { kind: 'CAMPAIGN_MEMBER_RESPONDED' }, { title: 'asc' });
    expect(alerts.map((a) => [a.recipient.email, a.title])).toEqual([
      ['rep@demo.local', 'Anna（Lens Works）响应了营销活动 Expo follow-up mailing：CONVERTED'],
      ['manager@demo.local', 'Cara（Prism Optics）响应了营销活动 Expo follow-up mailing：RESPONDED'],
    ]);
  });

  it('honours opt-outs on every re-add and on segment refresh, and never adds a member twice', async () => {
    const segment = (await server.ok(CREATE_SEGMENT, { input: { name: 'Expo refresh test', filter: EXPO_FILTER } })).createSegment.segment;
    const campaign = await activate(await createCampaign({ name: 'Opt-out check' }));
    // Ben opted out (walkthrough), Dan opted out through his OPTED_OUT response: both hold here too.
    expect((await server.ok(ADD_SEGMENT, { input: { campaignId: campaign.id, segmentId: segment.id } })).addSegmentToCampaign).toMatchObject({
      added: 2, alreadyMembers: 0, skippedOptedOut: 2,
    });
    // Re-adding individually: opted-out contacts are skipped, members are not added twice.
    expect(
      (await server.ok(ADD_CONTACTS, { input: { campaignId: campaign.id, contactIds: [contacts.Anna, contacts.Ben, contacts.Dan, contacts.Anna] } })).addCampaignContacts,
    ).toMatchObject({ added: 0, alreadyMembers: 1, skippedOptedOut: 2 });

    // Eve gets an e-mail and Lens Works a new contact: both match now; Ivy then opts out before the refresh.
    await server.ok(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id } userErrors { field code message } } }`, {
      input: { id: contacts.Eve, version: 1, email: 'eve@prism.test' },
    });
    const lensWorks = (await server.ok(`{ customers(first: 5, filter: { search: "Lens Works" }) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const newContact = async (name: string) =>
      (await server.ok(`mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field code message } } }`, {
        input: { customerId: lensWorks, name, email: `${name.toLowerCase()}@lens.test` },
      })).createContact.contact.id;
    contacts.Ivy = await newContact('Ivy');
    contacts.Jay = await newContact('Jay');
    await server.ok(OPT_OUT, { input: { contactId: contacts.Ivy } });
    // Matches now: Anna, Cara (members), Ben, Dan, Ivy (opted out), Eve, Jay (new).
    expect((await server.ok(REFRESH_SEGMENT, { input: { campaignId: campaign.id, segmentId: segment.id } })).refreshCampaignSegment).toMatchObject({
      added: 2, alreadyMembers: 2, skippedOptedOut: 3,
    });
    const names = (await membersOf(campaign.id)).edges.map((e: any) => e.node.contact.name).sort();
    expect(names).toEqual(['Anna', 'Cara', 'Eve', 'Jay']);
    // A second refresh adds nothing.
    expect((await server.ok(REFRESH_SEGMENT, { input: { campaignId: campaign.id, segmentId: segment.id } })).refreshCampaignSegment).toMatchObject({
      added: 0, alreadyMembers: 4, skippedOptedOut: 3,
    });
    // Adding the same segment twice is refused: refresh it instead.
    expect(userErrorOf(await server.gql(ADD_SEGMENT, { input: { campaignId: campaign.id, segmentId: segment.id } }))).toMatchObject({ fields: ['segmentId'] });
    // The database refuses a duplicate member outright.
    const member = await server.db.prisma.campaignMember.findFirstOrThrow({ where: { campaignId: dbId(campaign.id) } });
    await expect(server.db.prisma.campaignMember.create({ data: { ...member, id: undefined } })).rejects.toThrow();
  });

  it('reports every invalid row of an import and writes nothing unless asked to skip them', async () => {
    const campaign = await activate(await createCampaign({ name: 'Import check' }));
    await server.ok(ADD_CONTACTS, { input: { campaignId: campaign.id, contactIds: [contacts.Anna, contacts.Cara, contacts.Finn] } });
    const future = new Date(server.clock.now().getTime() + DAY).toISOString();
    const csv = [
      'contactId,email,status,respondedAt,revenue,note',
      `${contacts.Anna},,OPENED,,,`, // row 1: fine
      ',nobody@x.test,RESPONDED,,,', // row 2: not a member
      ',cara@prism.test,CLICKED,,,', // row 3: unknown status
      ',finn@mirror.test,RESPONDED,,99.5,"multi', // row 4 (lines 5–6): revenue on a non-conversion
      'line note"',
      `,cara@prism.test,CONVERTED,${future},abc,`, // row 5: future date and a bad amount
      ',,SENT,,,', // row 6: no member named
    ].join('\n');
    const report = (await server.ok(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: csv } })).importCampaignResponses;
    expect(report).toMatchObject({ applied: false, imported: 0, skipped: 6 });
    expect(report.errors).toEqual([
      { row: 2, line: 3, field: 'email', message: '该营销活动没有使用此邮箱的成员' },
      { row: 3, line: 4, field: 'status', message: '不是该营销活动的状态（可选：TARGETED, SENT, OPENED, RESPONDED, CONVERTED, OPTED_OUT, BOUNCED）' },
      { row: 4, line: 5, field: 'revenue', message: '只有转化才有收入；RESPONDED 不是转化状态' },
      { row: 5, line: 7, field: 'respondedAt', message: '不能晚于现在' },
      { row: 5, line: 7, field: 'revenue', message: '必须是非负金额，最多 2 位小数，例如 1250.50' },
      { row: 6, line: 8, field: 'contactId', message: '请填写成员的 contactId 或邮箱' },
    ]);
    // A reader whose locale is English reads the same rows' problems, and a refusal, in English.
    await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'en' } });
    try {
      const inEnglish = server.as('admin@demo.local', { 'accept-language': 'en' });
      const english = (await inEnglish.ok(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: csv } })).importCampaignResponses;
      expect(english.errors.map((e: { message: string }) => e.message)).toEqual([
        'no member of this campaign has this e-mail',
        "is not one of the campaign's statuses (TARGETED, SENT, OPENED, RESPONDED, CONVERTED, OPTED_OUT, BOUNCED)",
        'only a conversion carries revenue; RESPONDED is not one',
        'must not be in the future',
        'must be a non-negative amount with at most 2 decimals, e.g. 1250.50',
        'give the contactId or the email of a member',
      ]);
      const brokenInEnglish = await inEnglish.gql(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: 'email,status\n"unclosed,SENT\n' } });
      expect(userErrorOf(brokenInEnglish)).toMatchObject({ fields: ['data'], message: 'is not valid CSV: line 2: a quoted field is never closed' });
    } finally {
      await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'zh-CN' } });
    }
    // Nothing changed: no response, every member still TARGETED.
    const untouched = (await membersOf(campaign.id)).edges.map((e: any) => e.node);
    expect(untouched.map((m: any) => [m.status.name, m.responses.length])).toEqual([['TARGETED', 0], ['TARGETED', 0], ['TARGETED', 0]]);

    // JSON, skipping the invalid rows: the valid ones are written in one go.
    const rows = [
      { contactId: contacts.Anna, status: 'opened' },
      { email: 'cara@prism.test', status: 'CONVERTED', revenue: 1250.5 },
      { email: 'finn@mirror.test', status: 'NOPE' },
    ];
    const partial = (await server.ok(IMPORT, { input: { campaignId: campaign.id, format: 'JSON', data: JSON.stringify(rows), skipInvalid: true } })).importCampaignResponses;
    expect(partial).toEqual({
      applied: true, imported: 2, skipped: 1,
      errors: [{ row: 3, line: null, field: 'status', message: '不是该营销活动的状态（可选：TARGETED, SENT, OPENED, RESPONDED, CONVERTED, OPTED_OUT, BOUNCED）' }],
      userErrors: [],
    });
    expect((await metricsOf(campaign.id)).metrics).toMatchObject({ members: 3, sent: 2, responses: 1, conversions: 1, attributedRevenue: '1250.50' });

    // A file that is not CSV at all is an error about `data`.
    const broken = await server.gql(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: 'email,status\n"unclosed,SENT\n' } });
    expect(userErrorOf(broken)).toMatchObject({ fields: ['data'] });
    expect(userErrorOf(broken).message).toBe('不是有效的 CSV：第 2 行：加引号的字段没有闭合');
    const unknownColumn = await server.gql(IMPORT, { input: { campaignId: campaign.id, format: 'CSV', data: 'mail,status\nx,SENT' } });
    expect(userErrorOf(unknownColumn).message).toBe('未知的列 mail；可用的列为 contactId, email, status, respondedAt, revenue, note');
  });

  it('lets only campaign.manage holders plan campaigns; others see them without money, and only members they may see', async () => {
    const rep = server.as('rep@demo.local');
    expect(errorOf(await rep.gql(CREATE_CAMPAIGN, { input: { name: 'x', channel: 'EMAIL', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' } })).code).toBe('FORBIDDEN');
    const marketer = server.as('lucas.silva@demo.local');
    const mine = await createCampaign({ name: 'Marketer campaign', budget: '100' }, marketer);
    expect(mine).toMatchObject({ owner: { email: 'lucas.silva@demo.local' }, budget: '100.00', status: 'PLANNED' });

    const walkthrough = (await rep.ok(`{ campaigns(first: 10, filter: { search: "follow-up mailing" }) { edges { node { id budget actualCost
      metrics { members responses actualCost roi } members(first: 10) { totalCount edges { node { contact { name } } } } } } } }`)).campaigns.edges[0].node;
    // The rep sees Lens Works (own) and Mirror Co (own), not the manager's Prism Optics.
    // Metrics count under the same rule: the rep's two members of four, one of the two responses.
    expect(walkthrough).toMatchObject({ budget: null, actualCost: null, metrics: { members: 2, responses: 1, actualCost: null, roi: null } });
    expect(walkthrough.members.edges.map((e: any) => e.node.contact.name).sort()).toEqual(['Anna', 'Finn']);
    expect(walkthrough.members.totalCount).toBe(2);

    // Previews count only what the viewer may see: for the rep, Lens Works' Anna, Ben, Ivy, Jay.
    expect((await rep.ok(PREVIEW, { filter: EXPO_FILTER })).segmentPreview).toEqual({ contacts: 4, customers: 1 });
    expect((await server.ok(PREVIEW, { filter: EXPO_FILTER })).segmentPreview).toEqual({ contacts: 7, customers: 2 });
  });

  it('lets a rep record an opt-out for contacts of customers they may change, and nobody else', async () => {
    const rep = server.as('rep@demo.local');
    // Hana's customer (Tiny Optics) is the rep's own; Eve's (Prism Optics) is the manager's, invisible to the rep.
    const own = await rep.ok(OPT_OUT, { input: { contactId: contacts.Hana, reason: 'Said so on the phone' } });
    expect(own.optOutContact).toMatchObject({ optOut: { reason: 'Said so on the phone' }, contact: { marketingOptOut: { reason: 'Said so on the phone' } } });
    expect(errorOf(await rep.gql(OPT_OUT, { input: { contactId: contacts.Eve } })).code).toBe('NOT_FOUND');
    // Recording it again keeps the first one.
    const again = await server.ok(OPT_OUT, { input: { contactId: contacts.Hana, reason: 'Second time' } });
    expect(again.optOutContact.optOut.reason).toBe('Said so on the phone');
  });

  it('validates segment filters, including recency and private custom fields', async () => {
    const bad = await server.gql(PREVIEW, { filter: { customFields: [{ key: 'employees', equals: 5, gte: 1 }], contactedWithinDays: 0 } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['filter.contactedWithinDays', 'filter.customFields.0.key'] });
    // Nobody contacted these customers yet: "not contacted for 30 days" includes never.
    const recency = { tagsAny: ['mkt-expo'], city: 'Suzhou', notContactedForDays: 30 };
    const before = (await server.ok(PREVIEW, { filter: recency })).segmentPreview;
    await server.ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { field code message } } }`, {
      input: { customerId: (await server.ok(`{ customers(first: 1, filter: { search: "Mirror Co" }) { edges { node { id } } } }`)).customers.edges[0].node.id, kind: 'CALL', subject: 'Expo follow-up call' },
    });
    const after = (await server.ok(PREVIEW, { filter: recency })).segmentPreview;
    expect(after).toEqual({ contacts: before.contacts - 1, customers: before.customers - 1 }); // Mirror Co (Finn) was just called
    expect((await server.ok(PREVIEW, { filter: { ...recency, notContactedForDays: undefined, contactedWithinDays: 1 } })).segmentPreview).toEqual({ contacts: 1, customers: 1 });

    // Filtering on a private custom field would reveal it: refused, as an unknown key is, to those who may not see it.
    const onPrivate = { customFields: [{ key: 'creditLevel', equals: 'A' }] };
    expect(errorOf(await server.as('rep@demo.local').gql(PREVIEW, { filter: onPrivate }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['filter.customFields.0.key'] });
    expect((await server.as('manager@demo.local').gql(PREVIEW, { filter: onPrivate })).errors).toBeUndefined();
  });

  it('gives each campaign its own member status set, validated, and changeable while unused', async () => {
    const broken = await server.gql(CREATE_CAMPAIGN, {
      input: { name: 'Broken set', channel: 'EVENT', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-03T00:00:00Z',
        memberStatuses: [{ name: 'INVITED' }, { name: 'WON', countsAsConversion: true }] },
    });
    expect(userErrorOf(broken)).toMatchObject({ fields: ['memberStatuses', 'memberStatuses.1.countsAsResponse'] });

    const statuses = [
      { name: 'INVITED', isInitial: true },
      { name: 'REGISTERED', countsAsSent: true },
      { name: 'ATTENDED', countsAsSent: true, countsAsResponse: true },
      { name: 'ORDERED', countsAsSent: true, countsAsResponse: true, countsAsConversion: true },
    ];
    const event = await activate(await createCampaign({ name: 'Customer day', channel: 'EVENT', memberStatuses: statuses }));
    await server.ok(ADD_CONTACTS, { input: { campaignId: event.id, contactIds: [contacts.Cara] } });
    const attended = await record({ campaignId: event.id, contactId: contacts.Cara, status: 'attended' });
    expect(attended.member).toMatchObject({ status: { name: 'ATTENDED' }, convertedAt: null });
    expect(attended.member.respondedAt).not.toBeNull();

    const CONFIGURE = `mutation($input: ConfigureCampaignMemberStatusesInput!) { configureCampaignMemberStatuses(input: $input) {
      campaign { version memberStatuses { name position isInitial countsAsOptOut } } userErrors { field code message } } }`;
    // REGISTERED is unused and may go; ATTENDED is used and may not.
    const inUse = await server.gql(CONFIGURE, { input: { id: event.id, version: 2, memberStatuses: statuses.filter((s) => s.name !== 'ATTENDED') } });
    expect(userErrorOf(inUse)).toMatchObject({ fields: ['memberStatuses'] });
    expect(userErrorOf(inUse).message).toBe('ATTENDED 不能删除：已有成员或响应在使用');
    const changed = (await server.ok(CONFIGURE, {
      input: { id: event.id, version: 2, memberStatuses: [statuses[0], statuses[2], statuses[3], { name: 'UNSUBSCRIBED', countsAsOptOut: true }] },
    })).configureCampaignMemberStatuses.campaign;
    expect(changed.version).toBe(3);
    expect(changed.memberStatuses.map((s: any) => [s.name, s.position, s.isInitial, s.countsAsOptOut])).toEqual([
      ['INVITED', 0, true, false], ['ATTENDED', 1, false, false], ['ORDERED', 2, false, false], ['UNSUBSCRIBED', 3, false, true],
    ]);
    expect(userErrorOf(await server.gql(CONFIGURE, { input: { id: event.id, version: 2, memberStatuses: statuses } })).codes).toEqual(['STALE_VERSION']);
  });

  it('moves campaigns only along the allowed transitions, with optimistic concurrency', async () => {
    const campaign = await createCampaign({ name: 'Lifecycle' });
    const refused = await server.gql(CHANGE_STATUS, { input: { id: campaign.id, version: 1, status: 'COMPLETED' } });
    expect(userErrorOf(refused)).toMatchObject({ fields: ['status'] });
    expect(userErrorOf(refused).message).toBe('PLANNED 状态的营销活动不能改为 COMPLETED（PLANNED 状态只能改为 ACTIVE, ABORTED）');
    const active = await activate(campaign);
    expect(active).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(userErrorOf(await server.gql(CHANGE_STATUS, { input: { id: campaign.id, version: 1, status: 'PAUSED' } })).codes).toEqual(['STALE_VERSION']);
    const ended = (await server.ok(CHANGE_STATUS, { input: { id: campaign.id, version: 2, status: 'COMPLETED' } })).changeCampaignStatus.campaign;
    expect(ended.status).toBe('COMPLETED');
    expect(userErrorOf(await server.gql(ADD_CONTACTS, { input: { campaignId: campaign.id, contactIds: [contacts.Finn] } }))).toMatchObject({ fields: ['campaignId'] });
    // A campaign cannot become its own ancestor.
    const child = await createCampaign({ name: 'Lifecycle child', parentId: campaign.id });
    const cycle = await server.gql(`mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { campaign { id } userErrors { field code message } } }`, {
      input: { id: campaign.id, version: 3, parentId: child.id },
    });
    expect(userErrorOf(cycle)).toMatchObject({ fields: ['parentId'] });
  });

  it('alerts owners before a campaign starts and ends, once however often the job runs', async () => {
    const owner = 'lucas.silva@demo.local';
    const startsAt = new Date(server.clock.now().getTime() + 30 * HOUR);
    const campaign = await createCampaign({ name: 'Clocked', ownerId: cast.users[owner], startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * DAY).toISOString() });
    const alertsOf = () =>
      staffAlerts(server.db.prisma, { entityId: dbId(campaign.id) }, { createdAt: 'asc' });
    server.clock.advance(6 * 60_000); // past the job's interval
    await server.app.jobs.runDue();
    expect(await alertsOf()).toEqual([]); // 30 h ahead: outside the 24 h lead
    server.clock.advance(7 * HOUR);
    expect(await server.app.jobs.runDue()).toContain('marketing.campaign-alerts');
    server.clock.advance(6 * 60_000);
    await server.app.jobs.runDue();
    const starting = await alertsOf();
    expect(starting.map((a) => [a.kind, a.recipient.email])).toEqual([['CAMPAIGN_STARTING', owner]]);

    await activate(campaign);
    server.clock.set(new Date(startsAt.getTime() + 2 * DAY + HOUR));
    await server.app.jobs.runDue();
    server.clock.advance(6 * 60_000);
    await server.app.jobs.runDue();
    expect((await alertsOf()).map((a) => a.kind)).toEqual(['CAMPAIGN_STARTING', 'CAMPAIGN_ENDING']);
  });

  it('keeps materials as links or stored files within the configured limits', async () => {
    const campaign = await createCampaign({ name: 'With materials' });
    const ADD = `mutation($input: AddCampaignMaterialInput!) { addCampaignMaterial(input: $input) { material { id name kind url fileName contentType sizeBytes contentBase64 } userErrors { field code message } } }`;
    const link = (await server.ok(ADD, { input: { campaignId: campaign.id, name: 'Landing page', kind: 'LANDING_PAGE', url: 'https://example.test/expo' } })).addCampaignMaterial.material;
    expect(link).toMatchObject({ url: 'https://example.test/expo', fileName: null, contentBase64: null });
    const content = Buffer.from('%PDF-1.4 brochure').toString('base64');
    const file = (await server.ok(ADD, { input: { campaignId: campaign.id, name: 'Brochure', kind: 'BROCHURE', file: { fileName: 'brochure.pdf', contentType: 'application/pdf', contentBase64: content } } })).addCampaignMaterial.material;
    expect(file).toMatchObject({ fileName: 'brochure.pdf', contentType: 'application/pdf', sizeBytes: 17, contentBase64: content });
    expect(await readdir(materialsDir)).toHaveLength(1);

    const tooBig = await server.gql(ADD, { input: { campaignId: campaign.id, name: 'Video', kind: 'VIDEO', file: { fileName: 'a.exe', contentType: 'application/x-msdownload', contentBase64: Buffer.alloc(65).toString('base64') } } });
    expect(userErrorOf(tooBig)).toMatchObject({ fields: ['file.contentBase64', 'file.contentType'] });
    const both = await server.gql(ADD, { input: { campaignId: campaign.id, name: 'x', kind: 'OTHER' } });
    expect(userErrorOf(both)).toMatchObject({ fields: ['url'] });

    const removed = await server.ok(`mutation($input: RemoveCampaignMaterialInput!) { removeCampaignMaterial(input: $input) { removedMaterialId campaign { materials { name } } userErrors { field code message } } }`, { input: { id: file.id } });
    expect(removed.removeCampaignMaterial).toEqual({ removedMaterialId: file.id, campaign: { materials: [{ name: 'Landing page' }] }, userErrors: [] });
    expect(await readdir(materialsDir)).toEqual([]);
  });

  it('lists campaigns with metrics, owners and members in a fixed number of statements', async () => {
    const LIST = `query($first: Int!) { campaigns(first: $first) { edges { node { name owner { name } parent { name }
      metrics { members responses roi } rollupMetrics { members costPerResponse } memberStatuses { name } materials { name }
      segments { segment { name } } children { name }
      members(first: 5) { edges { node { contact { name marketingOptOut { reason } } status { name } contactOptedOut } } }
      responses(first: 5) { edges { node { status { name } member { contact { name } } } } } } } } }`;
    const count = async (first: number) => {
      server.statements.length = 0;
      const data = await server.ok(LIST, { first });
      return { campaigns: data.campaigns.edges.length, statements: server.statements.length };
    };
    const few = await count(2);
    const many = await count(50);
    expect(few.campaigns).toBe(2);
    expect(many.campaigns).toBeGreaterThan(8);
    expect(many.statements).toBe(few.statements);
  });
});

describeOnDatabases(kinds)('marketing demo data on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    const plugins = resolvePlugins([marketingPlugin], ['marketing']);
    server = await startTestServer({ database, plugins, customers: 60 });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now() });
  });
  afterAll(() => server?.close());

  it('seeds a campaign tree with segments, members, responses and metrics the rules produce', async () => {
    const data = await server.ok(`{
      campaigns(first: 10, orderBy: { field: STARTS_AT, direction: ASC }) { totalCount edges { node {
        name status channel owner { email } parent { name } segments { segment { name } }
        metrics { members sent responses conversions attributedRevenue } rollupMetrics { campaigns members } } } }
      segments(first: 10) { totalCount edges { node { name preview { contacts } } } }
    }`);
    const campaigns = data.campaigns.edges.map((e: any) => e.node);
    expect(campaigns.map((c: any) => [c.name, c.status])).toEqual([
      ['Industrial Expo 2026', 'COMPLETED'],
      ['Expo booth follow-up mailing', 'COMPLETED'],
      ['Key account webinar: new product line', 'ACTIVE'],
      ['Machinery win-back', 'PLANNED'],
    ]);
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns.filter((c: any) => !(c.owner.email === 'lucas.silva@demo.local'))).toEqual([]);
    expect(campaigns[1].parent).toEqual({ name: 'Industrial Expo 2026' });
    expect(campaigns[0].rollupMetrics.campaigns).toBe(2);
    expect(campaigns[0].rollupMetrics.members).toBe(campaigns[1].metrics.members);
    const webinar = campaigns[2].metrics;
    expect(webinar.members).toBeGreaterThan(0);
    expect(webinar.sent).toBeGreaterThanOrEqual(webinar.responses);
    expect(webinar.responses).toBeGreaterThanOrEqual(webinar.conversions);
    expect(data.segments.totalCount).toBe(3);
    // Each demo segment previews a real audience (a count, and not all of them empty).
    const previewed = data.segments.edges.map((e: any) => e.node.preview.contacts);
    expect(previewed.filter((n: unknown) => !Number.isInteger(n))).toEqual([]);
    expect(previewed.filter((n: number) => n > 0).length).toBeGreaterThan(0);
  });
});
