import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer , staffAlerts } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const QUOTE = `id status version total maxDiscount needsApproval approvedForSending customer { tier stage } approval { id status version currentStep awaitingMe }`;
const q = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { quote { ${QUOTE} } userErrors { field code message } } }`;
const APPROVAL = `request { id status version currentStep approvers { email } decisions { step action decider { email } comment } }`;
const decide = (name: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${APPROVAL} userErrors { field code message } } }`;

/**
 * The sales flow end to end through the graph: opportunity → quote with a discount that needs
 * approval → approved by the owner's manager, then an admin → sent (offer fact: tier C) →
 * accepted → opportunity won (deal fact: tier A, stage NEW), with every figure worked out by hand.
 */
describe.each(kinds)('sales flow with approvals on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let otherManager: TestClient;
  let customerId: string;
  let stages: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 20,
      plugins: resolvePlugins([salesPlugin], ['sales'], {
        sales: { quoteApproval: { discountAbovePercent: 10, steps: [{ kind: 'OWNER_MANAGER' }, { kind: 'ROLE', role: 'ADMIN' }] } },
      }),
      // Reps see money in this deployment: they quote.
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    otherManager = server.as('zhang.min@demo.local');
    const me = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    customerId = (
      await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id tier stage } } }`, {
        input: { name: '宁波东海液压件厂', ownerId: me },
      })
    ).createCustomer.customer.id;
    const pipeline = await server.ok(`{ salesPipelines { stages { id key } } }`);
    stages = Object.fromEntries(pipeline.salesPipelines[0].stages.map((s: any) => [s.key, s.id]));
  });
  afterAll(() => server?.close());

  it('needs approval for a discount above the threshold, by the owner’s manager then an admin, before the quote can be sent', async () => {
    const opportunity = (
      await rep.ok(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id version } userErrors { field code message } } }`, {
        input: { customerId, name: '液压站改造', amount: '540000.00', expectedCloseDate: '2026-11-30', stageId: stages.proposal },
      })
    ).createOpportunity.opportunity;
    // 4 × 150000 = 600000, 15 % off → 510000, 13 % VAT 66300 → 576300.
    const quote = (
      await rep.ok(q('createQuote', 'CreateQuoteInput'), {
        input: {
          customerId,
          opportunityId: opportunity.id,
          title: '液压站改造报价',
          lines: [{ description: '液压站 Hydraulic power unit', quantity: '4', unitPrice: '150000.00', discountPercent: '15', taxPercent: '13' }],
        },
      })
    ).createQuote.quote;
    expect(quote).toMatchObject({ total: '576300.00', maxDiscount: '15.00', needsApproval: true, approvedForSending: false, approval: null });

    const unapproved = await rep.gql(q('sendQuote', 'SendQuoteInput'), { input: { id: quote.id, version: quote.version } });
    expect(userErrorOf(unapproved)).toMatchObject({ codes: ['CONFLICT'], fields: ['id'] });
    expect(userErrorOf(unapproved).message).toBe('折扣 15% 超过 10%：请先提交审批（submitQuoteForApproval）');

    const submitted = (await rep.ok(q('submitQuoteForApproval', 'SubmitQuoteForApprovalInput'), { input: { id: quote.id, version: quote.version } })).submitQuoteForApproval.quote;
    expect(submitted.approval).toMatchObject({ status: 'PENDING', currentStep: 1, awaitingMe: false });
    const locked = await rep.gql(q('updateQuote', 'UpdateQuoteInput'), { input: { id: quote.id, version: quote.version, title: 'cheaper' } });
    expect(userErrorOf(locked).message).toBe('报价正在等待审批：请先撤回审批请求再修改');

    // Step 1 is the rep's team manager: alerted, and the only one who may decide it.
    const requestId = submitted.approval.id;
    const alerted = async (kind: string) =>
      (await staffAlerts(server.db.prisma, { kind })).map((a) => a.recipient.email).sort();
    expect(await alerted('APPROVAL_REQUESTED')).toEqual(['manager@demo.local']);
    expect(errorOf(await otherManager.gql(decide('approveRequest'), { input: { id: requestId, version: 1 } })).code).toBe('NOT_FOUND');
    expect(errorOf(await rep.gql(decide('approveRequest'), { input: { id: requestId, version: 1 } })).code).toBe('FORBIDDEN');
    const waiting = await manager.ok(`{ approvalRequests(first: 10, awaitingMe: true) { edges { node { id title reason } } } }`);
    expect(waiting.approvalRequests.edges.map((e: any) => [e.node.id, e.node.reason])).toEqual([[requestId, '折扣 15% 超过 10%']]);

    const step1 = (await manager.ok(decide('approveRequest'), { input: { id: requestId, version: 1, comment: '战略客户，同意' } })).approveRequest.request;
    expect(step1).toMatchObject({ status: 'PENDING', currentStep: 2, approvers: [{ email: 'admin@demo.local' }] });
    expect(errorOf(await manager.gql(decide('approveRequest'), { input: { id: requestId, version: step1.version } })).code).toBe('FORBIDDEN');
    expect(userErrorOf(await server.gql(decide('approveRequest'), { input: { id: requestId, version: 1 } })).codes).toEqual(['STALE_VERSION']);
    expect(await alerted('APPROVAL_REQUESTED')).toEqual(['admin@demo.local', 'manager@demo.local']);
    const step2 = (await server.ok(decide('approveRequest'), { input: { id: requestId, version: step1.version } })).approveRequest.request;
    expect(step2.status).toBe('APPROVED');
    expect(step2.decisions.map((d: any) => [d.step, d.action, d.decider.email, d.comment])).toEqual([
      [1, 'APPROVE', 'manager@demo.local', '战略客户，同意'],
      [2, 'APPROVE', 'admin@demo.local', null],
    ]);
    expect(await alerted('APPROVAL_DECIDED')).toEqual(['rep@demo.local']);

    const sent = (await rep.ok(q('sendQuote', 'SendQuoteInput'), { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    expect(sent).toMatchObject({ status: 'SENT', approvedForSending: null, customer: { tier: 'C', stage: 'POTENTIAL' } });
    server.clock.advance(DAY);
    const accepted = (await rep.ok(q('acceptQuote', 'AcceptQuoteInput'), { input: { id: quote.id, version: sent.version } })).acceptQuote.quote;
    expect(accepted.status).toBe('ACCEPTED');

    const won = (
      await rep.ok(`mutation($input: MoveOpportunityInput!) { moveOpportunity(input: $input) { opportunity { status deal { amount } customer { tier stage } } userErrors { field code message } } }`, {
        input: { id: opportunity.id, version: opportunity.version, stageId: stages.won },
      })
    ).moveOpportunity.opportunity;
    // 540000 ≥ 500000 with contact today: tier A; the first deal: stage NEW.
    expect(won).toEqual({ status: 'WON', deal: { amount: '540000.00' }, customer: { tier: 'A', stage: 'NEW' } });

    const trail = await server.db.prisma.auditEntry.findMany({ where: { entityId: dbId(requestId) }, orderBy: { at: 'asc' }, select: { action: true } });
    expect(trail.map((a) => a.action).sort()).toEqual(['approval.approve', 'approval.approve', 'approval.request']);
  });

  it('a rejection or a withdrawal frees the quote; a change after approval voids it', async () => {
    const quote = (
      await rep.ok(q('createQuote', 'CreateQuoteInput'), {
        input: { customerId, title: 'Spare pumps', lines: [{ description: 'Pump', quantity: '10', unitPrice: '2000.00', discountPercent: '20' }] },
      })
    ).createQuote.quote;
    const submit = async (version: number) => (await rep.ok(q('submitQuoteForApproval', 'SubmitQuoteForApprovalInput'), { input: { id: quote.id, version } })).submitQuoteForApproval.quote;
    const first = await submit(quote.version);
    const rejected = (await manager.ok(decide('rejectRequest'), { input: { id: first.approval.id, version: 1, comment: '折扣太大' } })).rejectRequest.request;
    expect(rejected.status).toBe('REJECTED');
    const again = await submit(quote.version);
    expect(again.approval.status).toBe('PENDING');
    expect(errorOf(await manager.gql(decide('withdrawApprovalRequest'), { input: { id: again.approval.id, version: 1 } })).code).toBe('FORBIDDEN');
    const withdrawn = (await rep.ok(decide('withdrawApprovalRequest'), { input: { id: again.approval.id, version: 1 } })).withdrawApprovalRequest.request;
    expect(withdrawn.status).toBe('WITHDRAWN');
    const third = await submit(quote.version);
    await manager.ok(decide('approveRequest'), { input: { id: third.approval.id, version: 1 } });
    await server.ok(decide('approveRequest'), { input: { id: third.approval.id, version: 2 } });
    // Editing the approved quote voids the approval: the new version must be approved again.
    const edited = (await rep.ok(q('updateQuote', 'UpdateQuoteInput'), { input: { id: quote.id, version: quote.version, title: 'Spare pumps (12)' } })).updateQuote.quote;
    expect(edited).toMatchObject({ approvedForSending: false, needsApproval: true });
    expect(userErrorOf(await rep.gql(q('sendQuote', 'SendQuoteInput'), { input: { id: quote.id, version: edited.version } })).message).toContain('请先提交审批');
    expect(await server.db.prisma.approvalDecision.count({ where: { request: { entityId: dbId(quote.id) } } })).toBe(4);
  });

  it('sends a quote without approval when no discount is above the threshold', async () => {
    const quote = (
      await rep.ok(q('createQuote', 'CreateQuoteInput'), {
        input: { customerId, title: 'Seals', lines: [{ description: 'Seal kit', quantity: '3', unitPrice: '99.90', discountPercent: '10' }] },
      })
    ).createQuote.quote;
    expect(quote).toMatchObject({ needsApproval: false, approvedForSending: true, total: '269.73' });
    expect(userErrorOf(await rep.gql(q('submitQuoteForApproval', 'SubmitQuoteForApprovalInput'), { input: { id: quote.id, version: quote.version } })).message).toBe('无需审批：没有超过 10% 的折扣');
    expect((await rep.ok(q('sendQuote', 'SendQuoteInput'), { input: { id: quote.id, version: quote.version } })).sendQuote.quote.status).toBe('SENT');
  });
});
