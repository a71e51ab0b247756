// The customer score's campaign part (004: 参与活动次数) as the marketing plugin measures it: distinct
// campaigns any contact of the customer responded to within the window, not members merely sent to.
import marketingPlugin from '@rapport/plugin-marketing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const SCORE = `query($id: ID!) { node(id: $id) { ... on Customer { score { total parts { key label weight value points } } } } }`;

describeOnDatabases(kinds)('the campaign part of the customer score on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 2, plugins: [marketingPlugin] });
  });
  afterAll(() => server?.close());

  const campaign = async (name: string) => {
    const now = server.clock.now().getTime();
    const created = await server.ok(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id version } userErrors { code message } } }`,
      { input: { name, channel: 'EMAIL', startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + 30 * DAY).toISOString() } },
    );
    const { id, version } = created.createCampaign.campaign;
    await server.ok(`mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { userErrors { code message } } }`, {
      input: { id, version, status: 'ACTIVE' },
    });
    return id as string;
  };
  const record = (campaignId: string, contactId: string, status: string) =>
    server.ok(`mutation($input: RecordCampaignResponseInput!) { recordCampaignResponse(input: $input) { userErrors { code message } } }`, {
      input: { campaignId, contactId, status },
    });

  it('counts the campaigns its contacts responded to, once each, in zh-CN', async () => {
    const created = await server.ok(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id contacts { id name } } } }`,
      { input: { name: '活动评分客户', contacts: [{ name: '王芳', email: 'wf@score.test', isPrimary: true }, { name: '李强', email: 'lq@score.test' }] } },
    );
    const customer = created.createCustomer.customer;
    const [wang, li] = ['王芳', '李强'].map((n) => customer.contacts.find((c: any) => c.name === n).id);
    const [expo, mailing, webinar] = [await campaign('展会邀请'), await campaign('新品邮件'), await campaign('线上研讨会')];
    await server.ok(`mutation($input: AddCampaignContactsInput!) { addCampaignContacts(input: $input) { added } }`, { input: { campaignId: expo, contactIds: [wang, li] } });
    await server.ok(`mutation($input: AddCampaignContactsInput!) { addCampaignContacts(input: $input) { added } }`, { input: { campaignId: mailing, contactIds: [wang] } });
    await server.ok(`mutation($input: AddCampaignContactsInput!) { addCampaignContacts(input: $input) { added } }`, { input: { campaignId: webinar, contactIds: [li] } });

    await record(expo, wang, 'RESPONDED');
    await record(expo, li, 'RESPONDED'); // the same campaign through a second contact: still one
    await record(mailing, wang, 'RESPONDED');
    await record(webinar, li, 'SENT'); // sent to, not responded: not counted

    const { node } = await server.ok(SCORE, { id: customer.id });
    const part = node.score.parts.find((p: any) => p.key === 'campaigns');
    // Default weight 10, target 3: 2 campaigns earn 10 × 2/3 ≈ 6.67 points.
    expect(part).toMatchObject({ key: 'campaigns', label: '参与活动次数', weight: 10, value: 2 });
    expect(part.points).toBeCloseTo(6.67, 1);
  });
});
