// Issue #19's whole path in one test, through the graph: a lead → converted into customer, contact and
// opportunity → a quote whose discount needs approval → approved by the owner's manager, then an admin
// → sent (offer fact: tier C) → accepted → contract → signed (deal fact: tier A, stage NEW) → two
// payments → the reports, every figure worked out by hand. It runs a year after the demo data, so the
// reports hold this path alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, startTestServer, type TestClient, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const ERRORS = 'userErrors { field code message }';
const m = (name: string, body: string) => `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${body} ${ERRORS} } }`;
const CUSTOMER_FACTS = 'customer { id tier stage }';

describe.each(kinds)('from lead to cash on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let stages: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 20,
      plugins: resolvePlugins([salesPlugin], ['sales'], {
        sales: {
          quoteApproval: { discountAbovePercent: 10, steps: [{ kind: 'OWNER_MANAGER' }, { kind: 'ROLE', role: 'ADMIN' }] },
          contractApproval: { amountAbove: 1_000_000 },
        },
      }),
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    stages = Object.fromEntries((await server.ok(`{ salesPipelines { stages { id key } } }`)).salesPipelines[0].stages.map((s: any) => [s.key, s.id]));
    // Monday 2027-11-01, 17:00 in Shanghai: a year after the demo company's history.
    server.clock.set('2027-11-01T09:00:00Z');
  });
  afterAll(() => server?.close());

  it('walks a lead to two payments, moving tier and stage, and reports it to the cent', async () => {
    const lead = (await rep.ok(m('createLead', 'lead { id version }'), { input: { name: '宁波海曙精密机械有限公司', contactName: '陈静', phone: '0574-8765 4321' } })).createLead.lead;
    const converted = (
      await rep.ok(m('convertLead', `lead { status customer { id tier stage } opportunity { id version } }`), {
        input: { id: lead.id, version: lead.version, opportunity: { name: '数控车床采购', amount: '600000.00', stageId: stages.proposal } },
      })
    ).convertLead.lead;
    expect(converted).toMatchObject({ status: 'CONVERTED', customer: { tier: 'D', stage: 'POTENTIAL' } });
    const customerId = converted.customer.id;
    const opportunity = converted.opportunity;
    await rep.ok(m('createActivity', 'activity { id }'), { input: { customerId, kind: 'VISIT', subject: '上门拜访', outcome: '确认五台数控车床的需求', completedAt: '2027-11-01T09:00:00Z' } });

    // 5 × 120000 = 600000; 15 % off → 510000; 13 % VAT 66300 → 576300.
    const QUOTE = `quote { id version status total maxDiscount needsApproval approval { id } ${CUSTOMER_FACTS} }`;
    const quote = (
      await rep.ok(m('createQuote', QUOTE), {
        input: { customerId, opportunityId: opportunity.id, title: '数控车床报价', lines: [{ description: '数控车床 CNC lathe', quantity: '5', unitPrice: '120000.00', discountPercent: '15', taxPercent: '13' }] },
      })
    ).createQuote.quote;
    expect(quote).toMatchObject({ total: '576300.00', maxDiscount: '15.00', needsApproval: true });
    const submitted = (await rep.ok(m('submitQuoteForApproval', QUOTE), { input: { id: quote.id, version: quote.version } })).submitQuoteForApproval.quote;
    const DECIDE = 'request { status version currentStep }';
    const step1 = (await manager.ok(m('approveRequest', DECIDE), { input: { id: submitted.approval.id, version: 1 } })).approveRequest.request;
    expect(step1).toMatchObject({ status: 'PENDING', currentStep: 2 });
    expect((await server.ok(m('approveRequest', DECIDE), { input: { id: submitted.approval.id, version: step1.version } })).approveRequest.request.status).toBe('APPROVED');
    const sent = (await rep.ok(m('sendQuote', QUOTE), { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    expect(sent).toMatchObject({ status: 'SENT', customer: { tier: 'C', stage: 'POTENTIAL' } });
    server.clock.advance(DAY);
    expect((await rep.ok(m('acceptQuote', QUOTE), { input: { id: quote.id, version: sent.version } })).acceptQuote.quote.status).toBe('ACCEPTED');

    const CONTRACT = `contract { id version status amount signedDate received outstanding ${CUSTOMER_FACTS} }`;
    const draft = (await rep.ok(m('createContract', CONTRACT), { input: { quoteId: quote.id, paymentTerms: '60% 预付, 40% 到货' } })).createContract.contract;
    expect(draft).toMatchObject({ status: 'DRAFT', amount: '576300.00' });
    const signed = (await rep.ok(m('signContract', CONTRACT), { input: { id: draft.id, version: draft.version } })).signContract.contract;
    // The deal fact: 576300 ≥ 500000 with contact yesterday → tier A; the first deal → stage NEW.
    expect(signed).toMatchObject({ status: 'ACTIVE', signedDate: '2027-11-02', customer: { tier: 'A', stage: 'NEW' } });

    // 60 % 345780.00 + 40 % 230520.00 = 576300.00.
    const planned = (
      await rep.ok(m('setPaymentPlan', CONTRACT), {
        input: { contractId: draft.id, version: signed.version, instalments: [{ dueDate: '2027-11-05', amount: '345780.00' }, { dueDate: '2027-12-15', amount: '230520.00' }] },
      })
    ).setPaymentPlan.contract;
    const PAY = 'payment { status amount }';
    expect((await rep.ok(m('recordPayment', PAY), { input: { contractId: planned.id, amount: '345780.00', receivedOn: '2027-11-02', method: 'BANK_TRANSFER' } })).recordPayment.payment).toEqual({ status: 'CONFIRMED', amount: '345780.00' });
    server.clock.advance(DAY);
    expect((await rep.ok(m('recordPayment', PAY), { input: { contractId: planned.id, amount: '100000.00', receivedOn: '2027-11-03', method: 'BANK_TRANSFER' } })).recordPayment.payment.status).toBe('CONFIRMED');
    const after = (await rep.ok(`query($id: ID!) { contract(id: $id) { received outstanding ${CUSTOMER_FACTS} } }`, { id: draft.id })).contract;
    // 345780 + 100000 = 445780 received; 576300 − 445780 = 130520 outstanding; payments move neither tier nor stage.
    expect(after).toMatchObject({ received: '445780.00', outstanding: '130520.00', customer: { tier: 'A', stage: 'NEW' } });

    // The reports. The signed contract is the month's one deal (576300, its amount); both payments are collections.
    const BOARD = `query($input: SalesLeaderboardInput!) { salesLeaderboard(input: $input) { rank owner { email } revenue deals collections newCustomers } }`;
    expect((await manager.ok(BOARD, { input: { from: '2027-11-01', to: '2027-12-01' } })).salesLeaderboard).toEqual([
      { rank: 1, owner: { email: 'rep@demo.local' }, revenue: '576300.00', deals: 1, collections: '445780.00', newCustomers: 1 },
    ]);
    // The week of Monday 2027-11-01: one visit, effective (it has an outcome); one deal per visit; one rep.
    const WEEK = `query($input: WeeklySalesReportInput!) { weeklySalesReport(input: $input) { weekStart weekEnd newCustomers collections effectiveVisitRate dealRate sales averageSalesPerRep
      rows { owner { email } visits effectiveVisits deals sales } } }`;
    expect((await manager.ok(WEEK, { input: { day: '2027-11-03' } })).weeklySalesReport).toEqual({
      weekStart: '2027-11-01',
      weekEnd: '2027-11-08',
      newCustomers: 1,
      collections: '445780.00',
      effectiveVisitRate: 1,
      dealRate: 1,
      sales: '576300.00',
      averageSalesPerRep: '576300.00',
      rows: [{ owner: { email: 'rep@demo.local' }, visits: 1, effectiveVisits: 1, deals: 1, sales: '576300.00' }],
    });
    // A month's revenue target of 1000000 for the rep: 576300 achieved, 423700 to go, 57.63 %.
    const repId = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    const target = (
      await manager.ok(m('setSalesTarget', 'target { achieved remaining percentAchieved }'), {
        input: { metric: 'REVENUE', period: 'MONTH', day: '2027-11-01', userId: repId, amount: '1000000.00' },
      })
    ).setSalesTarget.target;
    expect(target).toEqual({ achieved: '576300.00', remaining: '423700.00', percentAchieved: '57.63' });
  });
});
