import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer , staffAlerts } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const CONTRACT = `id number title status version amount currency signedDate paymentTerms deliveryTerms received outstanding overdue invoiced
  needsApproval approvedForSigning owner { email } customer { id tier stage } deal { id amount } quote { id } opportunity { id }
  lines { position description quantity unitPrice totalAmount }
  instalments { position dueDate amount paid outstanding overdue status }
  approval { id status version }`;
const c = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { contract { ${CONTRACT} } userErrors { field code message } } }`;
const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id status version amount method } userErrors { field code message } } }`;
const INVOICE = `mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { invoice { id number amount type status version } userErrors { field code message } } }`;
const APPROVE = `mutation($input: ApproveRequestInput!) { approveRequest(input: $input) { request { id status } } }`;

/**
 * Contracts through the graph: from an accepted quote (lines copied) with approval above the amount,
 * signed (deal fact: tier A), a payment plan that must add up, payments covering instalments in due
 * order, invoices up to the amount, overdue alerts once on the clock, the receivables report worked
 * out by hand — and a colleague outside the customer's row rule finds nothing on any path.
 */
describe.each(kinds)('sales contracts on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let manager: TestClient;
  let colleague: TestClient;
  let customerId: string;
  let stages: Record<string, string>;
  let fromQuote: any;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 20,
      plugins: resolvePlugins([salesPlugin], ['sales'], {
        sales: { contractApproval: { amountAbove: 100000, steps: [{ kind: 'OWNER_MANAGER' }] }, instalmentDueSoonDays: 3 },
      }),
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    manager = server.as('manager@demo.local');
    colleague = server.as('li.wei@demo.local');
    const me = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    customerId = (
      await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: { name: '苏州恒达精密机械有限公司', ownerId: me } })
    ).createCustomer.customer.id;
    const pipeline = await server.ok(`{ salesPipelines { stages { id key } } }`);
    stages = Object.fromEntries(pipeline.salesPipelines[0].stages.map((s: any) => [s.key, s.id]));
  });
  afterAll(() => server?.close());

  it('makes a contract from an accepted quote with its lines, needs approval above the amount, and signing records the deal', async () => {
    // 2 × 82000 = 164000, 13 % VAT 21320 → 185320.
    const quote = (
      await rep.ok(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } userErrors { field code message } } }`, {
        input: { customerId, title: '三轴加工中心报价', lines: [{ description: '三轴立式加工中心', quantity: '2', unitPrice: '82000.00', taxPercent: '13' }] },
      })
    ).createQuote.quote;
    const early = await rep.gql(c('createContract', 'CreateContractInput'), { input: { quoteId: quote.id } });
    expect(userErrorOf(early)).toMatchObject({ codes: ['CONFLICT'], fields: ['quoteId'] });
    const sent = (await rep.ok(`mutation($input: SendQuoteInput!) { sendQuote(input: $input) { quote { version } userErrors { field code message } } }`, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    await rep.ok(`mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { status } userErrors { field code message } } }`, { input: { id: quote.id, version: sent.version } });

    const draft = (
      await rep.ok(c('createContract', 'CreateContractInput'), { input: { quoteId: quote.id, paymentTerms: '30% 预付, 60% 到货, 10% 验收', deliveryTerms: '到货 60 天' } })
    ).createContract.contract;
    expect(draft).toMatchObject({
      number: 'HT-2026-0001',
      title: '三轴加工中心报价',
      status: 'DRAFT',
      amount: '185320.00',
      currency: 'CNY',
      needsApproval: true,
      approvedForSigning: false,
      quote: { id: quote.id },
      owner: { email: 'rep@demo.local' },
      customer: { tier: 'C' },
      deal: null,
      lines: [{ position: 1, description: '三轴立式加工中心', quantity: '2', unitPrice: '82000.00', totalAmount: '185320.00' }],
      received: '0.00',
      outstanding: '185320.00',
    });
    const again = await rep.gql(c('createContract', 'CreateContractInput'), { input: { quoteId: quote.id } });
    expect(userErrorOf(again)).toMatchObject({ codes: ['CONFLICT'], fields: ['quoteId'], message: expect.stringContaining('该报价已有合同') });

    const unapproved = await rep.gql(c('signContract', 'SignContractInput'), { input: { id: draft.id, version: draft.version } });
    expect(userErrorOf(unapproved)).toMatchObject({ codes: ['CONFLICT'], fields: ['id'], message: expect.stringContaining('超过 100000：请先提交审批') });
    expect(unapproved.data?.signContract).toMatchObject({ contract: null });
    const stale = await rep.gql(c('updateContract', 'UpdateContractInput'), { input: { id: draft.id, version: draft.version + 5, deliveryTerms: '90 天' } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    const submitted = (await rep.ok(c('submitContractForApproval', 'SubmitContractForApprovalInput'), { input: { id: draft.id, version: draft.version } })).submitContractForApproval.contract;
    expect(submitted).toMatchObject({ status: 'PENDING_APPROVAL', approval: { status: 'PENDING' } });
    const locked = await rep.gql(c('updateContract', 'UpdateContractInput'), { input: { id: draft.id, version: submitted.version, deliveryTerms: '90 天' } });
    expect(userErrorOf(locked)).toMatchObject({ codes: ['CONFLICT'], message: expect.stringContaining('等待审批') });
    const approvalId = (await server.db.prisma.approvalRequest.findFirstOrThrow({ where: { entityType: 'Contract', entityId: dbId(draft.id) } })).id;
    const requestId = Buffer.from(`ApprovalRequest:${approvalId}`).toString('base64');
    await manager.ok(APPROVE, { input: { id: requestId, version: 1, comment: '同意' } });

    const signed = (await rep.ok(c('signContract', 'SignContractInput'), { input: { id: draft.id, version: submitted.version } })).signContract.contract;
    // The deal fact moves the customer from C (offers only) to B by core's tier rules.
    expect(signed).toMatchObject({ status: 'ACTIVE', signedDate: '2026-11-02', customer: { tier: 'B' }, deal: { amount: '185320.00' }, approvedForSigning: null });
    const twice = await rep.gql(c('signContract', 'SignContractInput'), { input: { id: draft.id, version: signed.version } });
    expect(userErrorOf(twice)).toMatchObject({ codes: ['CONFLICT'], fields: ['id'], message: expect.stringContaining('ACTIVE') });
    expect(await server.db.prisma.deal.count({ where: { customerId: dbId(customerId) } })).toBe(1);
    fromQuote = signed;
  });

  it('numbers contracts per year, takes a won opportunity’s amount and deal, and signs below the threshold without approval', async () => {
    const opportunity = (
      await rep.ok(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id version } userErrors { field code message } } }`, {
        input: { customerId, name: '年度维保', amount: '36000.00', expectedCloseDate: '2026-11-30' },
      })
    ).createOpportunity.opportunity;
    const open = await rep.gql(c('createContract', 'CreateContractInput'), { input: { opportunityId: opportunity.id } });
    expect(userErrorOf(open)).toMatchObject({ codes: ['CONFLICT'], fields: ['opportunityId'] });
    const won = (
      await rep.ok(`mutation($input: MoveOpportunityInput!) { moveOpportunity(input: $input) { opportunity { deal { id } } userErrors { field code message } } }`, {
        input: { id: opportunity.id, version: opportunity.version, stageId: stages.won },
      })
    ).moveOpportunity.opportunity;
    const contract = (await rep.ok(c('createContract', 'CreateContractInput'), { input: { opportunityId: opportunity.id } })).createContract.contract;
    expect(contract).toMatchObject({ number: 'HT-2026-0002', title: '年度维保', amount: '36000.00', needsApproval: false, approvedForSigning: true, deal: { id: won.deal.id } });
    const signed = (await rep.ok(c('signContract', 'SignContractInput'), { input: { id: contract.id, version: contract.version } })).signContract.contract;
    expect(signed).toMatchObject({ status: 'ACTIVE', deal: { id: won.deal.id } });
    // The opportunity's deal is the contract's: no second deal fact.
    expect(await server.db.prisma.deal.count({ where: { customerId: dbId(customerId) } })).toBe(2);

    const standalone = await rep.gql(c('createContract', 'CreateContractInput'), { input: { customerId, title: '备件框架协议' } });
    expect(userErrorOf(standalone)).toMatchObject({ codes: ['REQUIRED'], fields: ['amount'] });
    const made = (await rep.ok(c('createContract', 'CreateContractInput'), { input: { customerId, title: '备件框架协议', amount: '8000.00', startDate: '2026-12-01', endDate: '2027-11-30' } }))
      .createContract.contract;
    expect(made.number).toBe('HT-2026-0003');
    const terminated = (await rep.ok(c('terminateContract', 'TerminateContractInput'), { input: { id: made.id, version: made.version, reason: '客户取消' } })).terminateContract.contract;
    expect(terminated.status).toBe('TERMINATED');
  });

  it('needs a payment plan that adds up to the contract amount, and says by how much it does not', async () => {
    const { id, version } = fromQuote;
    const short = await rep.gql(c('setPaymentPlan', 'SetPaymentPlanInput'), {
      input: { contractId: id, version, instalments: [{ dueDate: '2026-11-10', amount: '55596.00' }, { dueDate: '2026-12-20', amount: '111192.00' }] },
    });
    expect(userErrorOf(short)).toMatchObject({ codes: ['INVALID'], fields: ['instalments'] });
    expect(userErrorOf(short).message).toContain('分期合计 CNY 166788.00，比合同金额 185320.00 少 18532.00');
    const stale = await rep.gql(c('setPaymentPlan', 'SetPaymentPlanInput'), { input: { contractId: id, version: version - 1, instalments: [{ dueDate: '2026-11-10', amount: '185320.00' }] } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    // 30 % 55596.00, 60 % 111192.00, 10 % 18532.00.
    const planned = (
      await rep.ok(c('setPaymentPlan', 'SetPaymentPlanInput'), {
        input: {
          contractId: id,
          version,
          instalments: [
            { dueDate: '2026-11-04', amount: '55596.00', note: '预付款' },
            { dueDate: '2026-12-20', amount: '111192.00', note: '到货款' },
            { dueDate: '2027-02-28', amount: '18532.00', note: '验收款' },
          ],
        },
      })
    ).setPaymentPlan.contract;
    expect(planned.instalments.map((i: any) => [i.position, i.dueDate, i.amount, i.status])).toEqual([
      [1, '2026-11-04', '55596.00', 'OPEN'],
      [2, '2026-12-20', '111192.00', 'OPEN'],
      [3, '2027-02-28', '18532.00', 'OPEN'],
    ]);
    fromQuote = planned;
  });

  it('alerts the owner once when an instalment falls due soon and once when it is overdue, on the clock', async () => {
    const alerts = () => staffAlerts(server.db.prisma, { kind: { in: ['INSTALMENT_DUE_SOON', 'INSTALMENT_OVERDUE'] } }, { createdAt: 'asc' });
    await server.app.jobs.runDue();
    await server.app.jobs.runDue();
    const soon = await alerts();
    expect(soon.map((a) => [a.kind, a.recipient.email, a.title])).toEqual([['INSTALMENT_DUE_SOON', 'rep@demo.local', 'HT-2026-0001 第 1 期回款将于 2026-11-04 到期：CNY 55596.00']]);
    // 11-05 in Shanghai: the first instalment is overdue.
    server.clock.advance(3 * DAY);
    await server.app.jobs.runDue();
    server.clock.advance(2 * 3600_000);
    await server.app.jobs.runDue();
    const late = await alerts();
    expect(late.map((a) => a.kind)).toEqual(['INSTALMENT_DUE_SOON', 'INSTALMENT_OVERDUE']);
    expect(late[1]!.title).toBe('HT-2026-0001 第 1 期回款已逾期：CNY 55596.00');
    expect(late[1]!.entityId).toBe(dbId(fromQuote.id));
  });

  it('takes payments that cover instalments in due order, refuses more than is outstanding, and invoices up to the amount', async () => {
    const contractId = fromQuote.id;
    // Now 2026-11-05: instalment 1 (55596) is overdue.
    const first = (await rep.ok(PAY, { input: { contractId, amount: '50000.00', receivedOn: '2026-11-05', method: 'BANK_TRANSFER', reference: 'CMB-20261105-001' } })).recordPayment.payment;
    expect(first).toMatchObject({ status: 'CONFIRMED', amount: '50000.00', method: 'BANK_TRANSFER' });
    let read = (await rep.ok(`query($id: ID!) { contract(id: $id) { ${CONTRACT} } }`, { id: contractId })).contract;
    expect(read).toMatchObject({ received: '50000.00', outstanding: '135320.00', overdue: '5596.00' });
    expect(read.instalments.map((i: any) => [i.paid, i.outstanding, i.status])).toEqual([
      ['50000.00', '5596.00', 'OVERDUE'],
      ['0.00', '111192.00', 'OPEN'],
      ['0.00', '18532.00', 'OPEN'],
    ]);
    const overdueOnly = await rep.ok(`{ contracts(first: 10, filter: { overdueOnly: true }) { totalCount edges { node { number } } } }`);
    expect(overdueOnly.contracts).toEqual({ totalCount: 1, edges: [{ node: { number: 'HT-2026-0001' } }] });
    const future = await rep.gql(PAY, { input: { contractId, amount: '1.00', receivedOn: '2026-12-01', method: 'CASH' } });
    expect(userErrorOf(future)).toMatchObject({ codes: ['OUT_OF_RANGE'], fields: ['receivedOn'] });
    const tooMuch = await rep.gql(PAY, { input: { contractId, amount: '135320.01', receivedOn: '2026-11-05', method: 'BANK_TRANSFER' } });
    expect(userErrorOf(tooMuch)).toMatchObject({ codes: ['OUT_OF_RANGE'], fields: ['amount'], message: expect.stringContaining('合同尚未回款的金额只有 CNY 135320.00') });
    await rep.ok(PAY, { input: { contractId, amount: '60000.00', receivedOn: '2026-11-05', method: 'ACCEPTANCE_BILL' } });
    read = (await rep.ok(`query($id: ID!) { contract(id: $id) { ${CONTRACT} } }`, { id: contractId })).contract;
    expect(read).toMatchObject({ received: '110000.00', outstanding: '75320.00', overdue: '0.00' });
    expect(read.instalments.map((i: any) => [i.paid, i.status])).toEqual([
      ['55596.00', 'PAID'],
      ['54404.00', 'PARTLY_PAID'],
      ['0.00', 'OPEN'],
    ]);

    const invoice = (await rep.ok(INVOICE, { input: { contractId, number: '044031900111-00001234', amount: '100000.00', issuedOn: '2026-11-05', type: 'VAT_SPECIAL' } })).issueInvoice.invoice;
    expect(invoice).toMatchObject({ status: 'ISSUED', amount: '100000.00', type: 'VAT_SPECIAL' });
    const over = await rep.gql(INVOICE, { input: { contractId, number: 'INV-2', amount: '85320.01', issuedOn: '2026-11-05', type: 'VAT_ORDINARY' } });
    expect(userErrorOf(over)).toMatchObject({ codes: ['OUT_OF_RANGE'], fields: ['amount'], message: expect.stringContaining('合同金额 185320.00 中尚未开票的只有 CNY 85320.00') });
    const duplicate = await rep.gql(INVOICE, { input: { contractId, number: '044031900111-00001234', amount: '1.00', issuedOn: '2026-11-05', type: 'VAT_ORDINARY' } });
    expect(userErrorOf(duplicate)).toMatchObject({ codes: ['DUPLICATE'], fields: ['number'] });
    const voided = (await rep.ok(`mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { status } userErrors { field code message } } }`, { input: { id: invoice.id, version: invoice.version } }))
      .voidInvoice.invoice;
    expect(voided.status).toBe('VOIDED');
    await rep.ok(INVOICE, { input: { contractId, number: 'INV-3', amount: '185320.00', issuedOn: '2026-11-05', type: 'VAT_SPECIAL' } });
    expect((await rep.ok(`query($id: ID!) { contract(id: $id) { invoiced } }`, { id: contractId })).contract.invoiced).toBe('185320.00');
  });

  it('reports receivables by owner and month of the due date, worked out by hand, in one statement', async () => {
    // Signed: HT-2026-0001 (plan 55596 on 11-04, 111192 on 12-20, 18532 on 2027-02-28; 110000 received);
    // HT-2026-0002 without a plan; HT-2026-0003 terminated.
    server.statements.length = 0;
    const report = await rep.ok(`{ receivablesReport(input: { from: "2026-11-01", to: "2027-03-01", groupBy: [OWNER, MONTH] }) { owner { email } month currency instalments planned received outstanding overdue } }`);
    expect(server.statements.filter((s) => /receiv|covered/i.test(s)).length).toBe(1);
    expect(report.receivablesReport).toEqual([
      { owner: { email: 'rep@demo.local' }, month: '2026-11', currency: 'CNY', instalments: 1, planned: '55596.00', received: '55596.00', outstanding: '0.00', overdue: '0.00' },
      { owner: { email: 'rep@demo.local' }, month: '2026-12', currency: 'CNY', instalments: 1, planned: '111192.00', received: '54404.00', outstanding: '56788.00', overdue: '0.00' },
      { owner: { email: 'rep@demo.local' }, month: '2027-02', currency: 'CNY', instalments: 1, planned: '18532.00', received: '0.00', outstanding: '18532.00', overdue: '0.00' },
    ]);
    // Past 12-20 the second instalment's rest is overdue.
    server.clock.advance(50 * DAY);
    const later = await manager.ok(`{ receivablesReport(input: { from: "2026-01-01", to: "2028-01-01", groupBy: [] }) { currency planned received outstanding overdue } }`);
    expect(later.receivablesReport).toEqual([{ currency: 'CNY', planned: '185320.00', received: '110000.00', outstanding: '75320.00', overdue: '56788.00' }]);
    server.clock.advance(-50 * DAY);
  });

  it('keeps contracts, payments and invoices with their customer: a colleague outside the row rule gets NOT_FOUND on every path', async () => {
    const contract = (await rep.ok(`query($id: ID!) { contract(id: $id) { id version payments { id version } invoices { id version } } }`, { id: fromQuote.id })).contract;
    const payment = contract.payments[0];
    const invoice = contract.invoices[0];
    const byId = await colleague.gql(`query($id: ID!) { contract(id: $id) { id } }`, { id: contract.id });
    expect(errorOf(byId).code).toBe('NOT_FOUND');
    const nodes = await colleague.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [contract.id, payment.id, invoice.id] });
    expect(nodes.nodes).toEqual([null, null, null]);
    const list = await colleague.ok(`{ contracts(first: 50) { totalCount edges { node { id } } } }`);
    expect(list.contracts.edges.map((e: any) => e.node.id)).not.toContain(contract.id);
    expect(list.contracts.totalCount).toBe(0);
    const nested = await colleague.gql(`query($id: ID!) { customer(id: $id) { contracts(first: 5) { totalCount } } }`, { id: customerId });
    expect(errorOf(nested).code).toBe('NOT_FOUND');
    const report = await colleague.ok(`{ receivablesReport(input: { from: "2026-01-01", to: "2028-01-01", groupBy: [] }) { planned } }`);
    expect(report.receivablesReport).toEqual([]);
    const writes: Array<[string, string, Record<string, unknown>]> = [
      ['updateContract', 'UpdateContractInput', { id: contract.id, version: contract.version, title: 'x' }],
      ['signContract', 'SignContractInput', { id: contract.id, version: contract.version }],
      ['submitContractForApproval', 'SubmitContractForApprovalInput', { id: contract.id, version: contract.version }],
      ['completeContract', 'CompleteContractInput', { id: contract.id, version: contract.version }],
      ['terminateContract', 'TerminateContractInput', { id: contract.id, version: contract.version, reason: 'x' }],
      ['setPaymentPlan', 'SetPaymentPlanInput', { contractId: contract.id, version: contract.version, instalments: [{ dueDate: '2026-12-01', amount: '185320.00' }] }],
    ];
    for (const [name, type, input] of writes) {
      const result = await colleague.gql(c(name, type), { input });
      expect(errorOf(result).code, name).toBe('NOT_FOUND');
    }
    expect(errorOf(await colleague.gql(PAY, { input: { contractId: contract.id, amount: '1.00', receivedOn: '2026-11-05', method: 'CASH' } })).code).toBe('NOT_FOUND');
    expect(errorOf(await colleague.gql(INVOICE, { input: { contractId: contract.id, number: 'X-1', amount: '1.00', issuedOn: '2026-11-05', type: 'VAT_ORDINARY' } })).code).toBe('NOT_FOUND');
    expect(
      errorOf(await colleague.gql(`mutation($input: VoidInvoiceInput!) { voidInvoice(input: $input) { invoice { id } userErrors { field code message } } }`, { input: { id: invoice.id, version: invoice.version } })).code,
    ).toBe('NOT_FOUND');
    expect(
      errorOf(await colleague.gql(`mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { id } userErrors { field code message } } }`, { input: { id: payment.id, version: payment.version } })).code,
    ).toBe('NOT_FOUND');
    // The rep's own view is unchanged.
    expect((await rep.ok(`{ contracts(first: 50) { totalCount } }`)).contracts.totalCount).toBe(3);
  });

  it('lists contracts with their sums and plans in a fixed number of statements', async () => {
    const LIST = `{ contracts(first: 50) { edges { node { number received outstanding overdue invoiced instalments { paid status } payments { amount } } } } }`;
    // Each viewer's session is read once, then cached: not part of the count.
    await rep.ok('{ __typename }');
    await manager.ok('{ __typename }');
    server.statements.length = 0;
    const listed = await rep.ok(LIST);
    expect(listed.contracts.edges.map((e: any) => e.node.number)).toEqual(['HT-2026-0003', 'HT-2026-0002', 'HT-2026-0001']);
    expect(listed.contracts.edges[2].node).toMatchObject({ received: '110000.00', outstanding: '75320.00', invoiced: '185320.00' });
    // The page with the relations Prisma joins into it, then one statement per batched sum or list
    // (payments, payment sums, invoice sums, instalments): four in all, for any number of contracts.
    const perList = server.statements.length;
    expect(perList).toBe(4);
    server.statements.length = 0;
    await manager.ok(LIST);
    expect(server.statements.length).toBe(perList);
  });
});

describe('payments confirmed through approval', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      customers: 5,
      plugins: resolvePlugins([salesPlugin], ['sales'], { sales: { paymentApproval: { required: true, steps: [{ kind: 'ROLE', role: 'ADMIN' }] } } }),
    });
  });
  afterAll(() => server?.close());

  it('counts a payment only once an admin approved it and it was confirmed', async () => {
    const customerId = (await server.ok(`{ customers(first: 1) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const draft = (await server.ok(c('createContract', 'CreateContractInput'), { input: { customerId, title: '培训服务', amount: '20000.00' } })).createContract.contract;
    await server.ok(c('signContract', 'SignContractInput'), { input: { id: draft.id, version: draft.version } });
    const payment = (await server.ok(PAY, { input: { contractId: draft.id, amount: '20000.00', receivedOn: '2026-11-01', method: 'BANK_TRANSFER' } })).recordPayment.payment;
    expect(payment.status).toBe('PENDING');
    const early = await server.gql(`mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { status } userErrors { field code message } } }`, { input: { id: payment.id, version: payment.version } });
    expect(userErrorOf(early)).toMatchObject({ codes: ['CONFLICT'], message: expect.stringContaining('等待审批') });
    expect((await server.ok(`query($id: ID!) { contract(id: $id) { received outstanding } }`, { id: draft.id })).contract).toEqual({ received: '0.00', outstanding: '20000.00' });
    // The pending payment already counts against overpayment.
    const more = await server.gql(PAY, { input: { contractId: draft.id, amount: '1.00', receivedOn: '2026-11-01', method: 'CASH' } });
    expect(userErrorOf(more).message).toContain('尚未回款的金额只有 CNY 0.00');
    const request = (await server.ok(`{ approvalRequests(awaitingMe: true, first: 10) { edges { node { id version entityType } } } }`)).approvalRequests.edges
      .map((e: any) => e.node)
      .find((r: any) => r.entityType === 'Payment');
    await server.ok(APPROVE, { input: { id: request.id, version: request.version } });
    const confirmed = (await server.ok(`mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { payment { status } userErrors { field code message } } }`, { input: { id: payment.id, version: payment.version } }))
      .confirmPayment.payment;
    expect(confirmed.status).toBe('CONFIRMED');
    expect((await server.ok(`query($id: ID!) { contract(id: $id) { received outstanding } }`, { id: draft.id })).contract).toEqual({ received: '20000.00', outstanding: '0.00' });
    const signed = (await server.ok(`query($id: ID!) { contract(id: $id) { version } }`, { id: draft.id })).contract;
    const done = (await server.ok(c('completeContract', 'CompleteContractInput'), { input: { id: draft.id, version: signed.version } })).completeContract.contract;
    expect(done.status).toBe('COMPLETED');
  });

  it('keeps contracts behind customer.viewFinancials: a rep without it can neither make one nor read the receivables', async () => {
    const rep = server.as('rep@demo.local');
    const customerId = (await rep.ok(`{ customers(first: 1) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const refused = await rep.gql(c('createContract', 'CreateContractInput'), { input: { customerId, title: '设备升级', amount: '5000.00' } });
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const report = await rep.gql(`{ receivablesReport(input: { from: "2026-01-01", to: "2027-01-01", groupBy: [OWNER] }) { planned } }`);
    expect(errorOf(report).code).toBe('FORBIDDEN');
  });

  it('lets a rejected contract approval be changed and submitted again', async () => {
    const customerId = (await server.ok(`{ customers(first: 1) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const draft = (await server.ok(c('createContract', 'CreateContractInput'), { input: { customerId, title: 'MES 系统实施', amount: '250000.00' } })).createContract.contract;
    const submitted = (await server.ok(c('submitContractForApproval', 'SubmitContractForApprovalInput'), { input: { id: draft.id, version: draft.version } })).submitContractForApproval.contract;
    const request = submitted.approval;
    // The default contract flow is the owner's manager; the admin's team has none, so admins decide.
    await server.ok(`mutation($input: RejectRequestInput!) { rejectRequest(input: $input) { request { status } } }`, { input: { id: request.id, version: request.version, comment: '价格太低' } });
    const rejected = await server.gql(c('signContract', 'SignContractInput'), { input: { id: draft.id, version: submitted.version } });
    expect(userErrorOf(rejected).message).toContain('审批被驳回');
    const changed = (await server.ok(c('updateContract', 'UpdateContractInput'), { input: { id: draft.id, version: submitted.version, amount: '280000.00' } })).updateContract.contract;
    expect(changed).toMatchObject({ status: 'DRAFT', amount: '280000.00', approvedForSigning: false });
    const again = (await server.ok(c('submitContractForApproval', 'SubmitContractForApprovalInput'), { input: { id: draft.id, version: changed.version } })).submitContractForApproval.contract;
    expect(again).toMatchObject({ status: 'PENDING_APPROVAL', approval: { status: 'PENDING' } });
  });
});
