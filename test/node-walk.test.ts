// node(id) and nodes(ids) resolve every type through its row rule. The walk takes the types that
// implement Node in each endpoint's schema (internal and partner portal, every bundled plugin on), so a
// new type without a fixture here fails the test instead of slipping through. For each it asks, with
// an id a first viewer may see, as another viewer who may not: null from node and nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { emitAlerts, resolvePlugins, seedPlugins, type PrismaClient } from '@rapport/core';
import { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import { bundledPlugins } from '@rapport/server';
import { startTestServer, type TestClient, type TestServer } from './support/harness.js';
import { portalSignIn, type PortalClient } from './support/portal.js';

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const BY_ID = 'query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }';

function nodeTypes(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .map((type) => type.name)
    .sort();
}

/** Who may not see the row: the rep (SALES), or an API key scoped to tags only (no read scope). */
type Other = 'rep' | 'tagKey';
/** A row of the type that `owner` sees and `other` may not (`other: null`: every staff viewer sees it, by design). */
interface Fixture {
  id: (db: PrismaClient, ctx: { repId: string; adminId: string }) => Promise<string | null | undefined>;
  other: Other | null;
}

/** Customers the rep may not see: owned by someone else, not in the pool, not shared with the rep. */
const hiddenFromRep = (repId: string) => ({ ownerId: { not: repId }, NOT: { ownerId: null }, shares: { none: { userId: repId } } });

const INTERNAL: Record<string, Fixture> = {
  Activity: { id: async (db, { repId }) => (await db.activity.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  Alert: { id: async (db, { adminId }) => (await db.alert.findFirst({ where: { recipientId: adminId, firedAt: { not: null } } }))?.id, other: 'rep' },
  ApiKey: { id: async (db) => (await db.apiKey.findFirst())?.id, other: 'rep' },
  Article: { id: async (db) => (await db.article.findFirst({ where: { status: 'PUBLISHED' } }))?.id, other: 'tagKey' },
  ArticleAttachment: { id: async (db) => (await db.articleAttachment.findFirst({ where: { article: { status: 'PUBLISHED' } } }))?.id, other: 'tagKey' },
  // Approval requests are for their requester and approvers; import runs for whoever started them.
  ApprovalRequest: { id: async (db, { adminId }) => (await db.approvalRequest.findFirst({ where: { requestedById: adminId } }))?.id, other: 'rep' },
  ArticleCategory: { id: async (db) => (await db.articleCategory.findFirst())?.id, other: null },
  ArticleLink: { id: async (db, { repId }) => (await db.articleLink.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  ArticleVersion: { id: async (db) => (await db.articleVersion.findFirst({ where: { article: { status: 'PUBLISHED' } } }))?.id, other: 'tagKey' },
  AuditEntry: { id: async (db) => (await db.auditEntry.findFirst())?.id, other: 'rep' },
  Call: {
    id: async (db, { repId }) =>
      (await db.call.findFirst({ where: { customer: hiddenFromRep(repId), NOT: { agentId: repId }, legs: { none: { agentId: repId } } } }))?.id,
    other: 'rep',
  },
  Campaign: { id: async (db) => (await db.campaign.findFirst())?.id, other: 'tagKey' },
  CampaignMaterial: { id: async (db) => (await db.campaignMaterial.findFirst())?.id, other: 'tagKey' },
  CampaignMember: { id: async (db, { repId }) => (await db.campaignMember.findFirst({ where: { contact: { customer: hiddenFromRep(repId) } } }))?.id, other: 'rep' },
  CampaignResponse: {
    id: async (db, { repId }) => (await db.campaignResponse.findFirst({ where: { member: { contact: { customer: hiddenFromRep(repId) } } } }))?.id,
    other: 'rep',
  },
  Contract: { id: async (db, { repId }) => (await db.contract.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  ContractAttachment: { id: async (db, { repId }) => (await db.contractAttachment.findFirst({ where: { contract: { customer: hiddenFromRep(repId) } } }))?.id, other: 'rep' },
  Contact: { id: async (db, { repId }) => (await db.contact.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  // A rep's daily plan and report are for them, the managers of their team and admins: the admin's are hidden from the rep.
  DailySalesReport: { id: async (db, { adminId }) => (await db.dailySalesReport.findFirst({ where: { repId: adminId } }))?.id, other: 'rep' },
  DailyVisitPlan: { id: async (db, { adminId }) => (await db.dailyVisitPlan.findFirst({ where: { repId: adminId } }))?.id, other: 'rep' },
  CustomFieldDefinition: { id: async (db) => (await db.customFieldDefinition.findFirst({ where: { private: true } }))?.id, other: 'rep' },
  Customer: { id: async (db, { repId }) => (await db.customer.findFirst({ where: hiddenFromRep(repId) }))?.id, other: 'rep' },
  DataImport: { id: async (db, { adminId }) => (await db.dataImport.findFirst({ where: { startedById: adminId } }))?.id, other: 'rep' },
  Deal: { id: async (db, { repId }) => (await db.deal.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  // Partner programme rows are for partner managers (ADMIN, MANAGER by default).
  DealRegistration: { id: async (db) => (await db.dealRegistration.findFirst())?.id, other: 'rep' },
  // A schedule and a saved view (not shared) are their owner's; a lead someone else owns is hidden from the rep.
  ExportSchedule: { id: async (db, { adminId }) => (await db.exportSchedule.findFirst({ where: { ownerId: adminId } }))?.id, other: 'rep' },
  Lead: { id: async (db, { repId }) => (await db.lead.findFirst({ where: { ownerId: { not: repId }, NOT: { ownerId: null } } }))?.id, other: 'rep' },
  Invoice: { id: async (db, { repId }) => (await db.invoice.findFirst({ where: { contract: { customer: hiddenFromRep(repId) } } }))?.id, other: 'rep' },
  // A user's notification deliveries are theirs (and user.manage's).
  NotificationDelivery: { id: async (db, { adminId }) => (await db.notificationDelivery.findFirst({ where: { recipientId: adminId } }))?.id, other: 'rep' },
  Opportunity: { id: async (db, { repId }) => (await db.opportunity.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  PartnerOrganization: { id: async (db) => (await db.partnerOrganization.findFirst())?.id, other: 'rep' },
  PartnerUser: { id: async (db) => (await db.partnerUser.findFirst())?.id, other: 'rep' },
  // The catalogue and pipelines are reference data for every staff viewer who reads customers.
  Payment: { id: async (db, { repId }) => (await db.payment.findFirst({ where: { contract: { customer: hiddenFromRep(repId) } } }))?.id, other: 'rep' },
  PipelineStage: { id: async (db) => (await db.pipelineStage.findFirst())?.id, other: 'tagKey' },
  PriceList: { id: async (db) => (await db.priceList.findFirst())?.id, other: 'tagKey' },
  Product: { id: async (db) => (await db.product.findFirst())?.id, other: 'tagKey' },
  Quote: { id: async (db, { repId }) => (await db.quote.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  SalesOrder: { id: async (db, { repId }) => (await db.salesOrder.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  // Targets of teams the rep is not in (and their reps').
  SalesTarget: { id: async (db, { repId }) => (await db.salesTarget.findFirst({ where: { team: { members: { none: { id: repId } } } } }))?.id, other: 'rep' },
  SalesPipeline: { id: async (db) => (await db.salesPipeline.findFirst())?.id, other: 'tagKey' },
  Segment: { id: async (db) => (await db.segment.findFirst())?.id, other: 'tagKey' },
  // A pool the rep is not on (the default pool is everyone's).
  PublicPool: { id: async (db) => (await db.publicPool.findFirst({ where: { isDefault: false } }))?.id, other: 'rep' },
  SavedView: { id: async (db, { adminId }) => (await db.savedView.findFirst({ where: { ownerId: adminId, shared: false } }))?.id, other: 'rep' },
  Tag: { id: async (db) => (await db.tag.findFirst())?.id, other: null },
  Team: { id: async (db) => (await db.team.findFirst())?.id, other: null },
  Ticket: { id: async (db, { repId }) => (await db.ticket.findFirst({ where: { customer: hiddenFromRep(repId) } }))?.id, other: 'rep' },
  TicketEvent: { id: async (db, { repId }) => (await db.ticketEvent.findFirst({ where: { ticket: { customer: hiddenFromRep(repId) } } }))?.id, other: 'rep' },
  User: { id: async (db) => (await db.user.findFirst())?.id, other: null },
  // Webhook endpoints and their delivery logs are for webhook.manage (admins) only.
  WebhookDelivery: { id: async (db) => (await db.webhookDelivery.findFirst())?.id, other: 'rep' },
  WebhookEndpoint: { id: async (db) => (await db.webhookEndpoint.findFirst())?.id, other: 'rep' },
};

/** Portal rows of the Northwind partner, which Summit's user may not see (and the article types every partner reads). */
const PORTAL: Record<string, { id: (db: PrismaClient, northwind: string) => Promise<string | null | undefined>; hidden: boolean }> = {
  Alert: { id: async (db) => (await db.alert.findFirst({ where: { recipientKind: 'PARTNER_USER', recipientId: (await db.partnerUser.findUniqueOrThrow({ where: { email: DEMO_PARTNER_ACCOUNTS.northwind } })).id } }))?.id, hidden: true },
  Contact: { id: async (db, p) => (await db.partnerContactShare.findFirst({ where: { partnerId: p } }))?.contactId, hidden: true },
  Customer: { id: async (db, p) => (await db.partnerCustomerShare.findFirst({ where: { partnerId: p } }))?.customerId, hidden: true },
  DealRegistration: { id: async (db, p) => (await db.dealRegistration.findFirst({ where: { partnerId: p } }))?.id, hidden: true },
  // An opportunity of a customer shared with Northwind alone.
  Opportunity: {
    id: async (db, p) => (await db.opportunity.findFirst({ where: { customer: { partnerShares: { some: { partnerId: p }, none: { partnerId: { not: p } } } } } }))?.id,
    hidden: true,
  },
  // Published PARTNER and PUBLIC articles are for every partner alike; drafts and STAFF ones for none.
  KnowledgeArticle: { id: async (db) => (await db.article.findFirst({ where: { NOT: { status: 'PUBLISHED' } } }))?.id, hidden: true },
};

describe('node(id) and nodes(ids) through every type\'s row rule', () => {
  let server: TestServer;
  let clients: Record<'admin' | Other, TestClient>;
  let ids: { repId: string; adminId: string };
  let nora: PortalClient;
  let sam: PortalClient;

  beforeAll(async () => {
    const plugins = resolvePlugins(bundledPlugins, bundledPlugins.map((p) => p.name), { callcenter: { webhook: { secret: 'telephony-test-secret-of-at-least-32-chars' } } });
    server = await startTestServer({ database: 'pglite', customers: 40, plugins });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now() });
    const user = (email: string) => server.db.prisma.user.findUniqueOrThrow({ where: { email } });
    ids = { repId: (await user('rep@demo.local')).id, adminId: (await user('admin@demo.local')).id };
    await emitAlerts(server.db.prisma, [{ recipientId: ids.adminId, kind: 'TASK_DUE_SOON', title: 'Call 深圳星河 back', dedupeKey: 'walk' }], server.clock.now());
    await server.app.alerts.fireDue();
    // Rows the demo data has none of: a material, an attachment, an article linked to a customer hidden from the rep.
    const { prisma } = server.db;
    const now = server.clock.now();
    const article = await prisma.article.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const hidden = await prisma.customer.findFirstOrThrow({ where: hiddenFromRep(ids.repId) });
    await prisma.articleLink.create({ data: { articleId: article.id, customerId: hidden.id, createdAt: now } });
    await prisma.articleAttachment.create({ data: { articleId: article.id, fileName: '退货流程.pdf', mimeType: 'application/pdf', size: 3, sha256: '0'.repeat(64), createdAt: now } });
    // A contract attachment and an order on a contract hidden from the rep (the demo order may be the rep's).
    const contract = await prisma.contract.findFirstOrThrow({ where: { customer: hiddenFromRep(ids.repId) } });
    await prisma.contractAttachment.create({ data: { contractId: contract.id, fileName: '合同扫描件.pdf', mimeType: 'application/pdf', size: 3, sha256: '1'.repeat(64), createdAt: now } });
    await prisma.salesOrder.create({
      data: { contractId: contract.id, customerId: contract.customerId, seq: 99, currency: contract.currency, amount: contract.amount, ownerId: contract.ownerId, createdAt: now },
    });
    await prisma.campaignMaterial.create({ data: { campaignId: (await prisma.campaign.findFirstOrThrow()).id, name: '展会海报', kind: 'POSTER', url: 'https://example.com/poster', createdAt: now } });
    await prisma.dataImport.create({
      data: { entity: 'CUSTOMER', dryRun: true, format: 'CSV', options: {}, startedById: ids.adminId, startedAt: now, status: 'DONE' },
    });
    await prisma.publicPool.create({ data: { name: '华南公海', rules: { daysByTier: { B: 30 } }, createdAt: now, updatedAt: now } });
    await prisma.dailyVisitPlan.create({ data: { repId: ids.adminId, day: new Date('2026-11-02T00:00:00Z'), timeZone: 'Asia/Shanghai', createdAt: now, updatedAt: now } });
    await prisma.dailySalesReport.create({ data: { repId: ids.adminId, day: new Date('2026-11-02T00:00:00Z'), timeZone: 'Asia/Shanghai', summary: '拜访三家', createdAt: now, updatedAt: now } });
    await prisma.savedView.create({ data: { ownerId: ids.adminId, entity: 'CUSTOMER', name: '华东重点客户', filter: { tier: ['A'] }, createdAt: now, updatedAt: now } });
    await prisma.exportSchedule.create({
      data: { ownerId: ids.adminId, name: '周报', entity: 'CUSTOMER', format: 'XLSX', frequency: 'WEEKLY', dayOfWeek: 5, time: '17:00', timeZone: 'Asia/Shanghai', channels: ['EMAIL'], nextRunAt: now, createdAt: now, updatedAt: now },
    });
    await prisma.approvalRequest.create({
      data: { entityType: 'Quote', entityId: hidden.id, entityVersion: 1, title: '报价折扣审批', reason: 'discount 15% above 10%', steps: [], requestedById: ids.adminId, createdAt: now },
    });
    await prisma.notificationDelivery.create({ data: { recipientId: ids.adminId, channel: 'EMAIL', dedupeKey: 'walk:admin', nextAttemptAt: now, createdAt: now } });
    const endpoint = await prisma.webhookEndpoint.create({
      data: { url: 'https://hooks.example.com/rapport', eventTypes: ['customer.created'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdById: ids.adminId, createdAt: now, updatedAt: now },
    });
    const event = await prisma.webhookEvent.create({
      data: { id: '0192f2c4-5c1e-7000-8000-000000000001', type: 'customer.created', entityType: 'Customer', entityId: hidden.id, payload: {}, occurredAt: now },
    });
    await prisma.webhookDelivery.create({
      data: { id: '0192f2c4-5c1e-7000-8000-000000000002', endpointId: endpoint.id, eventId: event.id, entityKey: `Customer:${hidden.id}`, sequence: event.sequence, nextAttemptAt: now, createdAt: now },
    });
        const { createApiKey } = await server.ok('mutation { createApiKey(input: { name: "tags", scopes: [TAG_MANAGE] }) { key userErrors { field code message } } }');
    clients = { admin: server, rep: server.as('rep@demo.local'), tagKey: server.client({ authorization: `ApiKey ${createApiKey.key}` }) };
    nora = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, 'demo');
    sam = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.summit, 'demo');
  });
  afterAll(() => server?.close());

  it('has a fixture for every Node type of /graphql and of the portal', () => {
    expect(nodeTypes(server.app.schema)).toEqual(Object.keys(INTERNAL).sort());
    expect(nodeTypes(server.app.endpoints['partner-portal']!.schema)).toEqual(Object.keys(PORTAL).sort());
  });

  it.each(Object.keys(INTERNAL))('/graphql %s', async (type) => {
    const fixture = INTERNAL[type]!;
    const id = await fixture.id(server.db.prisma, ids);
    expect(id, `no ${type} row in the test data`).toBeTruthy();
    const global = gid(type, id!);
    expect(await clients.admin.ok(BY_ID, { id: global })).toEqual({ node: { id: global }, nodes: [{ id: global }] });
    const others: Other[] = fixture.other ? [fixture.other] : ['rep', 'tagKey'];
    for (const other of others) {
      const expected = fixture.other ? { node: null, nodes: [null] } : { node: { id: global }, nodes: [{ id: global }] };
      expect([other, await clients[other].ok(BY_ID, { id: global })]).toEqual([other, expected]);
    }
  });

  it.each(Object.keys(PORTAL))('/partner/graphql %s', async (type) => {
    const northwind = (await server.db.prisma.partnerUser.findUniqueOrThrow({ where: { email: DEMO_PARTNER_ACCOUNTS.northwind } })).partnerId;
    const id = await PORTAL[type]!.id(server.db.prisma, northwind);
    expect(id, `no ${type} row in the test data`).toBeTruthy();
    const global = gid(type, id!);
    if (type !== 'KnowledgeArticle') expect(await nora.ok(BY_ID, { id: global })).toEqual({ node: { id: global }, nodes: [{ id: global }] });
    expect(await sam.ok(BY_ID, { id: global })).toEqual({ node: null, nodes: [null] });
  });
});
