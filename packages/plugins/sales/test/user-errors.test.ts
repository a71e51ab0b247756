import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { startTestServer, type TestServer } from '@rapport/core/testing';

const ERRORS = 'userErrors { field code message }';
const CREATE_OPPORTUNITY = `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id version } ${ERRORS} } }`;
const MOVE_OPPORTUNITY = `mutation($input: MoveOpportunityInput!) { moveOpportunity(input: $input) { opportunity { id version } ${ERRORS} } }`;
const contract = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { contract { id version status } ${ERRORS} } }`;
const RECORD_PAYMENT = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } ${ERRORS} } }`;
const ISSUE_INVOICE = `mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { invoice { id } ${ERRORS} } }`;

/**
 * The sales mutations' expected failures come back as typed userErrors (field path and code), with
 * the payload's result null, nothing in errors[], and nothing written — not even an audit entry.
 */
describe('sales userErrors', () => {
  let server: TestServer;
  let customerId: string;
  let stages: Record<string, string>;

  // Everything a refused sales mutation could have written.
  const written = async () => {
    const db = server.db.prisma;
    return {
      opportunities: await db.opportunity.findMany({ select: { id: true, version: true, stageId: true, status: true }, orderBy: { id: 'asc' } }),
      stageChanges: await db.opportunityStageChange.count(),
      contracts: await db.contract.findMany({ select: { id: true, version: true, status: true }, orderBy: { id: 'asc' } }),
      instalments: await db.paymentInstalment.count(),
      payments: await db.payment.count(),
      invoices: await db.invoice.count(),
      deals: await db.deal.count(),
      audit: await db.auditEntry.count(),
    };
  };
  /** Runs a mutation expected to be refused; answers its payload after checking nothing was written. */
  const refused = async (query: string, input: Record<string, unknown>) => {
    const before = await written();
    const result = await server.gql<Record<string, any>>(query, { input });
    expect(result.errors).toBeUndefined();
    const payload = Object.values(result.data!)[0];
    expect(await written()).toEqual(before);
    return payload;
  };
  const signedContract = async (amount: string) => {
    const draft = (await server.ok(contract('createContract', 'CreateContractInput'), { input: { customerId, title: '设备维保合同', amount } })).createContract.contract;
    return (await server.ok(contract('signContract', 'SignContractInput'), { input: { id: draft.id, version: draft.version } })).signContract.contract;
  };

  beforeAll(async () => {
    server = await startTestServer({
      database: 'pglite',
      customers: 3,
      plugins: resolvePlugins([salesPlugin], ['sales'], { sales: { contractApproval: { amountAbove: 100000, steps: [{ kind: 'ROLE', role: 'ADMIN' }] } } }),
    });
    customerId = (await server.ok(`{ customers(first: 1) { edges { node { id } } } }`)).customers.edges[0].node.id;
    const pipeline = await server.ok(`{ salesPipelines { isDefault stages { id key } } }`);
    stages = Object.fromEntries(pipeline.salesPipelines.find((p: any) => p.isDefault).stages.map((s: any) => [s.key, s.id]));
  });
  afterAll(() => server?.close());

  /** Three Latin words in a row: an English sentence a zh-CN reader must not get. */
  const ENGLISH_SENTENCE = /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/;

  it("answers the plugin's refusals in the reader's language: zh-CN by default, en when asked, never an English sentence in zh-CN", async () => {
    const refusals: Array<[string, Record<string, unknown>]> = [
      [contract('createContract', 'CreateContractInput'), { customerId, title: '零金额合同', amount: '0' }],
      [contract('createContract', 'CreateContractInput'), { customerId, title: '日期颠倒', amount: '100.00', startDate: '2026-05-01', endDate: '2026-04-01' }],
      [`mutation($input: SetSalesTargetInput!) { setSalesTarget(input: $input) { ${ERRORS} } }`, { metric: 'REVENUE', period: 'MONTH', day: '2026-06-01', amount: '1000' }],
      [`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { ${ERRORS} } }`, { customerId, title: '空报价', lines: [] }],
      [CREATE_OPPORTUNITY, { customerId, name: '直接赢单', stageId: stages.won }],
    ];
    const zh: string[] = [];
    const en: string[] = [];
    const english = async (query: string, input: Record<string, unknown>) => {
      // A reader whose locale is English (the viewer's locale comes before Accept-Language).
      await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'en' } });
      try {
        return await server.gql<Record<string, any>>(query, { input });
      } finally {
        await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'zh-CN' } });
      }
    };
    for (const [query, input] of refusals) {
      const chinese = await server.gql<Record<string, any>>(query, { input });
      const inEnglish = await english(query, input);
      zh.push(...(Object.values(chinese.data ?? {})[0]?.userErrors ?? []).map((e: any) => e.message), ...(chinese.errors ?? []).map((e) => e.message));
      en.push(...(Object.values(inEnglish.data ?? {})[0]?.userErrors ?? []).map((e: any) => e.message), ...(inEnglish.errors ?? []).map((e) => e.message));
    }
    expect(zh.length).toBeGreaterThanOrEqual(5);
    expect(zh).toEqual(
      expect.arrayContaining(['必须大于 0', '不能早于 startDate', '必须且只能指定 userId（销售）或 teamId（团队）之一', '报价至少要有一行明细', '新商机必须从进行中（OPEN）的阶段开始']),
    );
    expect(en).toEqual(
      expect.arrayContaining([
        'must be more than 0',
        'must not be before startDate',
        'name exactly one of userId (a rep) and teamId (a team)',
        'a quote needs at least one line',
        'a new opportunity starts in an OPEN stage',
      ]),
    );
    for (const message of zh) expect(message).not.toMatch(ENGLISH_SENTENCE);
  });

  it('createOpportunity names each refused field with its code', async () => {
    const payload = await refused(CREATE_OPPORTUNITY, { customerId, name: ' ', probability: 120, currency: 'yuan' });
    expect(payload).toEqual({
      opportunity: null,
      userErrors: [
        { field: ['input', 'name'], code: 'REQUIRED', message: expect.any(String) },
        { field: ['input', 'currency'], code: 'INVALID', message: '必须是 3 位 ISO 4217 货币代码' },
        { field: ['input', 'probability'], code: 'OUT_OF_RANGE', message: '必须在 0 到 100 之间' },
      ],
    });
    const closed = await refused(CREATE_OPPORTUNITY, { customerId, name: '年度框架', stageId: stages.won });
    expect(closed.userErrors).toEqual([{ field: ['input', 'stageId'], code: 'NOT_ALLOWED_VALUE', message: '新商机必须从进行中（OPEN）的阶段开始' }]);
  });

  it('moveOpportunity refuses a stale version and losing without a reason', async () => {
    const opened = (await server.ok(CREATE_OPPORTUNITY, { input: { customerId, name: '产线改造', amount: '50000.00' } })).createOpportunity.opportunity;
    const moved = (await server.ok(MOVE_OPPORTUNITY, { input: { id: opened.id, version: opened.version, stageId: stages.needs } })).moveOpportunity.opportunity;
    const stale = await refused(MOVE_OPPORTUNITY, { id: opened.id, version: opened.version, stageId: stages.proposal });
    expect(stale).toEqual({ opportunity: null, userErrors: [{ field: ['input', 'version'], code: 'STALE_VERSION', message: expect.stringContaining(`${moved.version}`) }] });
    const noReason = await refused(MOVE_OPPORTUNITY, { id: opened.id, version: moved.version, stageId: stages.lost });
    expect(noReason.userErrors).toEqual([{ field: ['input', 'lostReason'], code: 'REQUIRED', message: '请说明输单原因' }]);
  });

  it('setPaymentPlan refuses instalments that do not add up to the contract amount', async () => {
    const signed = await signedContract('30000.00');
    const payload = await refused(contract('setPaymentPlan', 'SetPaymentPlanInput'), {
      contractId: signed.id,
      version: signed.version,
      instalments: [
        { dueDate: '2026-12-01', amount: '10000.00' },
        { dueDate: '2027-01-01', amount: '10000.00' },
      ],
    });
    expect(payload).toEqual({
      contract: null,
      userErrors: [{ field: ['input', 'instalments'], code: 'INVALID', message: '分期合计 CNY 20000.00，比合同金额 30000.00 少 10000.00' }],
    });
  });

  it('recordPayment refuses more than is outstanding', async () => {
    const signed = await signedContract('20000.00');
    await server.ok(RECORD_PAYMENT, { input: { contractId: signed.id, amount: '15000.00', receivedOn: '2026-11-01', method: 'BANK_TRANSFER' } });
    const payload = await refused(RECORD_PAYMENT, { contractId: signed.id, amount: '5000.01', receivedOn: '2026-11-01', method: 'BANK_TRANSFER' });
    expect(payload).toEqual({
      payment: null,
      userErrors: [{ field: ['input', 'amount'], code: 'OUT_OF_RANGE', message: expect.stringContaining('合同尚未回款的金额只有 CNY 5000.00') }],
    });
  });

  it('signContract refuses a contract in the wrong state: unapproved above the threshold, or already signed', async () => {
    const draft = (await server.ok(contract('createContract', 'CreateContractInput'), { input: { customerId, title: 'MES 系统实施', amount: '250000.00' } })).createContract.contract;
    const unapproved = await refused(contract('signContract', 'SignContractInput'), { id: draft.id, version: draft.version });
    expect(unapproved).toEqual({
      contract: null,
      userErrors: [{ field: ['input', 'id'], code: 'CONFLICT', message: expect.stringContaining('请先提交审批（submitContractForApproval）') }],
    });
    const signed = await signedContract('8000.00');
    const twice = await refused(contract('signContract', 'SignContractInput'), { id: signed.id, version: signed.version });
    expect(twice.userErrors).toEqual([{ field: ['input', 'id'], code: 'CONFLICT', message: '合同状态为 ACTIVE：只有草稿（DRAFT）才能签订' }]);
  });

  it('issueInvoice refuses an amount above what is not invoiced yet, and a taken number', async () => {
    const signed = await signedContract('12000.00');
    const above = await refused(ISSUE_INVOICE, { contractId: signed.id, number: 'INV-A-1', amount: '12000.01', issuedOn: '2026-11-01', type: 'VAT_ORDINARY' });
    expect(above).toEqual({
      invoice: null,
      userErrors: [{ field: ['input', 'amount'], code: 'OUT_OF_RANGE', message: '合同金额 12000.00 中尚未开票的只有 CNY 12000.00' }],
    });
    await server.ok(ISSUE_INVOICE, { input: { contractId: signed.id, number: 'INV-A-1', amount: '2000.00', issuedOn: '2026-11-01', type: 'VAT_ORDINARY' } });
    const taken = await refused(ISSUE_INVOICE, { contractId: signed.id, number: 'INV-A-1', amount: '1.00', issuedOn: '2026-11-01', type: 'VAT_ORDINARY' });
    expect(taken.userErrors).toEqual([{ field: ['input', 'number'], code: 'DUPLICATE', message: '已有该编号的发票' }]);
  });

  it('keeps authorization and NOT_FOUND of the record acted on in errors', async () => {
    const signed = await signedContract('5000.00');
    const rep = server.as('rep@demo.local');
    const forbidden = await rep.gql(RECORD_PAYMENT, { input: { contractId: signed.id, amount: '1.00', receivedOn: '2026-11-01', method: 'CASH' } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await server.gql(contract('signContract', 'SignContractInput'), { input: { id: Buffer.from('Contract:00000000-0000-4000-8000-000000000000').toString('base64'), version: 1 } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
