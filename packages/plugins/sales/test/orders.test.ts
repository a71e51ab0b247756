import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer , staffAlerts } from '@rapport/core/testing';

const kinds = await databaseKinds();
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const ORDER = `id number status version expectedDeliveryDate deliveryOverdue currency amount note cancelReason owner { email } contract { id number } customer { id }
  lines { position contractLinePosition description unit quantity deliveredQuantity remainingQuantity amount }
  deliveries { deliveredOn note recordedBy { email } lines { quantity orderLine { position } } }`;
const m = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { order { ${ORDER} } userErrors { field code message } } }`;
const CREATE = m('createSalesOrder', 'CreateSalesOrderInput');
const DELIVER = m('recordSalesDelivery', 'RecordSalesDeliveryInput');
const CANCEL = m('cancelSalesOrder', 'CancelSalesOrderInput');

/**
 * Orders from a signed contract through the graph: lines drawn on the contract's, never beyond its
 * quantities across orders; deliveries moving PENDING → PARTIALLY_DELIVERED → DELIVERED and never
 * beyond what was ordered; cancelling releases the undelivered rest; every refusal a typed userError
 * in the reader's language with nothing written; the owner alerted once when the expected delivery day
 * passes, on the clock; and a colleague outside the customer's row rule finds nothing.
 */
describe.each(kinds)('sales orders on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let colleague: TestClient;
  let customerId: string;
  let contract: any;
  let first: any;
  let second: any;

  const orderCount = () => server.db.prisma.salesOrder.count({ where: { contractId: dbId(contract.id) } });

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 10,
      plugins: resolvePlugins([salesPlugin], ['sales'], { sales: { contractApproval: { amountAbove: 1_000_000, steps: [{ kind: 'OWNER_MANAGER' }] } } }),
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    colleague = server.as('li.wei@demo.local');
    const me = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    customerId = (
      await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: { name: '无锡华光精工有限公司', ownerId: me } })
    ).createCustomer.customer.id;
    // 10 × 8000 = 80000 and 1 × 5000 installation: 85000, no tax.
    const quote = (
      await rep.ok(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } userErrors { field code message } } }`, {
        input: {
          customerId,
          title: '数控车床采购',
          lines: [
            { description: '数控车床 CK6150', quantity: '10', unitPrice: '8000.00' },
            { description: '安装调试服务', quantity: '1', unitPrice: '5000.00' },
          ],
        },
      })
    ).createQuote.quote;
    const sent = (await rep.ok(`mutation($input: SendQuoteInput!) { sendQuote(input: $input) { quote { version } userErrors { field code message } } }`, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    await rep.ok(`mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { status } userErrors { field code message } } }`, { input: { id: quote.id, version: sent.version } });
    contract = (
      await rep.ok(`mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id number version status amount } userErrors { field code message } } }`, {
        input: { quoteId: quote.id, startDate: '2026-11-02', endDate: '2026-11-20', deliveryTerms: '签订后 18 天内交货' },
      })
    ).createContract.contract;
  });
  afterAll(() => server?.close());

  it('refuses an order from an unsigned contract, in the reader’s language, and writes nothing', async () => {
    const draft = await rep.gql(CREATE, { input: { contractId: contract.id } });
    expect(userErrorOf(draft)).toEqual({ codes: ['CONFLICT'], fields: ['contractId'], message: '合同状态为 DRAFT：只有已签订（ACTIVE）的合同才能下订单' });
    expect(draft.data?.createSalesOrder.order).toBeNull();
    expect(await orderCount()).toBe(0);
    contract = (
      await rep.ok(`mutation($input: SignContractInput!) { signContract(input: $input) { contract { id number version status amount } userErrors { field code message } } }`, {
        input: { id: contract.id, version: contract.version },
      })
    ).signContract.contract;
    expect(contract).toMatchObject({ status: 'ACTIVE', amount: '85000.00', number: 'HT-2026-0001' });
  });

  it('orders part of the contract, then the rest by default, and never beyond its quantities', async () => {
    first = (await rep.ok(CREATE, { input: { contractId: contract.id, lines: [{ position: 1, quantity: '6' }], note: '第一批' } })).createSalesOrder.order;
    expect(first).toMatchObject({
      number: 'HT-2026-0001-01',
      status: 'PENDING',
      version: 1,
      expectedDeliveryDate: '2026-11-20',
      deliveryOverdue: false,
      currency: 'CNY',
      amount: '48000.00',
      owner: { email: 'rep@demo.local' },
      contract: { id: contract.id },
      customer: { id: customerId },
      lines: [{ position: 1, contractLinePosition: 1, description: '数控车床 CK6150', unit: null, quantity: '6', deliveredQuantity: '0', remainingQuantity: '6', amount: '48000.00' }],
      deliveries: [],
    });

    const beyond = await rep.gql(CREATE, { input: { contractId: contract.id, lines: [{ position: 2, quantity: '1' }, { position: 1, quantity: '4.001' }] } });
    expect(userErrorOf(beyond)).toEqual({ codes: ['OUT_OF_RANGE'], fields: ['lines.1.quantity'], message: '超出合同数量：第 1 行尚可下单 4（合同 10）' });
    const unknown = await rep.gql(CREATE, { input: { contractId: contract.id, lines: [{ position: 3, quantity: '1' }] } });
    expect(userErrorOf(unknown)).toMatchObject({ codes: ['NOT_FOUND'], fields: ['lines.0.position'] });
    expect(await orderCount()).toBe(1);

    second = (await rep.ok(CREATE, { input: { contractId: contract.id, expectedDeliveryDate: '2026-11-25' } })).createSalesOrder.order;
    expect(second).toMatchObject({ number: 'HT-2026-0001-02', amount: '37000.00', expectedDeliveryDate: '2026-11-25' });
    expect(second.lines.map((l: any) => [l.position, l.contractLinePosition, l.quantity, l.amount])).toEqual([
      [1, 1, '4', '32000.00'],
      [2, 2, '1', '5000.00'],
    ]);
    const nothing = await rep.gql(CREATE, { input: { contractId: contract.id } });
    expect(userErrorOf(nothing)).toEqual({ codes: ['CONFLICT'], fields: ['contractId'], message: '合同的全部数量都已下单' });
    const lines = (await rep.ok(`query($id: ID!) { contract(id: $id) { lines { position quantity orderedQuantity } orders { number } } }`, { id: contract.id })).contract;
    expect(lines).toEqual({
      lines: [
        { position: 1, quantity: '10', orderedQuantity: '10' },
        { position: 2, quantity: '1', orderedQuantity: '1' },
      ],
      orders: [{ number: 'HT-2026-0001-01' }, { number: 'HT-2026-0001-02' }],
    });
    const audited = await server.db.prisma.auditEntry.count({ where: { action: 'salesOrder.create' } });
    expect(audited).toBe(2);
  });

  it('delivers part of an order, refuses more than ordered, a future day or a stale version, and writes nothing then', async () => {
    const tooMuch = await rep.gql(DELIVER, { input: { orderId: first.id, version: first.version, deliveredOn: '2026-11-02', lines: [{ position: 1, quantity: '7' }] } });
    expect(userErrorOf(tooMuch)).toEqual({ codes: ['OUT_OF_RANGE'], fields: ['lines.0.quantity'], message: '超出订单数量：第 1 行尚待发货 6（订购 6）' });
    const future = await rep.gql(DELIVER, { input: { orderId: first.id, version: first.version, deliveredOn: '2026-11-03', lines: [{ position: 1, quantity: '1' }] } });
    expect(userErrorOf(future)).toMatchObject({ codes: ['OUT_OF_RANGE'], fields: ['deliveredOn'], message: '发货日期不能晚于今天' });
    const stale = await rep.gql(DELIVER, { input: { orderId: first.id, version: first.version + 1, deliveredOn: '2026-11-02', lines: [{ position: 1, quantity: '1' }] } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    expect(await server.db.prisma.salesDelivery.count()).toBe(0);

    const partly = (await rep.ok(DELIVER, { input: { orderId: first.id, version: first.version, deliveredOn: '2026-11-02', lines: [{ position: 1, quantity: '4' }], note: '顺丰 SF1234567890' } }))
      .recordSalesDelivery.order;
    expect(partly).toMatchObject({
      status: 'PARTIALLY_DELIVERED',
      version: 2,
      lines: [{ quantity: '6', deliveredQuantity: '4', remainingQuantity: '2' }],
      deliveries: [{ deliveredOn: '2026-11-02', note: '顺丰 SF1234567890', recordedBy: { email: 'rep@demo.local' }, lines: [{ quantity: '4', orderLine: { position: 1 } }] }],
    });
    first = partly;
  });

  it('cancels an order: the undelivered rest goes back to the contract, and a cancelled order takes nothing more', async () => {
    const noReason = await rep.gql(CANCEL, { input: { id: first.id, version: first.version } });
    expect(userErrorOf(noReason)).toMatchObject({ codes: ['REQUIRED'], fields: ['reason'], message: '请说明取消原因' });
    const cancelled = (await rep.ok(CANCEL, { input: { id: first.id, version: first.version, reason: '客户调整为分批采购' } })).cancelSalesOrder.order;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '客户调整为分批采购', lines: [{ deliveredQuantity: '4' }] });
    const late = await rep.gql(DELIVER, { input: { orderId: first.id, version: cancelled.version, deliveredOn: '2026-11-02', lines: [{ position: 1, quantity: '1' }] } });
    expect(userErrorOf(late)).toEqual({ codes: ['CONFLICT'], fields: ['orderId'], message: '订单状态为 CANCELLED：不能再发货或取消' });
    // 10 contracted: 4 delivered by the cancelled order, 4 on the second: 2 left.
    const third = await rep.gql(CREATE, { input: { contractId: contract.id, lines: [{ position: 1, quantity: '3' }] } });
    expect(userErrorOf(third)).toMatchObject({ codes: ['OUT_OF_RANGE'], message: '超出合同数量：第 1 行尚可下单 2（合同 10）' });
    // Two orders for the last 2 at once: the contract row is locked while quantities are checked, so one wins.
    const both = await Promise.all([1, 2].map(() => rep.gql(CREATE, { input: { contractId: contract.id, lines: [{ position: 1, quantity: '2' }] } })));
    const won = both.filter((r) => r.data?.createSalesOrder.order);
    expect(won).toHaveLength(1);
    expect(userErrorOf(both.find((r) => !r.data?.createSalesOrder.order)!)).toMatchObject({ codes: ['OUT_OF_RANGE'], message: '超出合同数量：第 1 行尚可下单 0（合同 10）' });
    const rest = won[0]!.data!.createSalesOrder.order;
    expect(rest).toMatchObject({ number: 'HT-2026-0001-03', amount: '16000.00', expectedDeliveryDate: '2026-11-20', status: 'PENDING' });
  });

  it('delivers an order in full in two deliveries', async () => {
    const once = (await rep.ok(DELIVER, { input: { orderId: second.id, version: second.version, deliveredOn: '2026-11-02', lines: [{ position: 1, quantity: '4' }] } })).recordSalesDelivery.order;
    expect(once.status).toBe('PARTIALLY_DELIVERED');
    const twice = (await rep.ok(DELIVER, { input: { orderId: second.id, version: once.version, deliveredOn: '2026-11-02', lines: [{ position: 2, quantity: '1' }] } })).recordSalesDelivery.order;
    expect(twice).toMatchObject({ status: 'DELIVERED', deliveryOverdue: false });
    expect(twice.deliveries).toHaveLength(2);
    const again = await rep.gql(DELIVER, { input: { orderId: second.id, version: twice.version, deliveredOn: '2026-11-02', lines: [{ position: 2, quantity: '1' }] } });
    expect(userErrorOf(again)).toMatchObject({ codes: ['CONFLICT'], message: '订单状态为 DELIVERED：不能再发货或取消' });
  });

  it('keeps orders with their customer: a colleague outside the row rule finds nothing, a key without viewFinancials reads no amounts', async () => {
    const byId = await colleague.gql(`query($id: ID!) { salesOrder(id: $id) { id } }`, { id: second.id });
    expect(errorOf(byId).code).toBe('NOT_FOUND');
    expect((await colleague.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [first.id, second.id] })).nodes).toEqual([null, null]);
    expect((await colleague.ok(`{ salesOrders(first: 10) { totalCount nodes { id } } }`)).salesOrders).toEqual({ totalCount: 0, nodes: [] });
    const cancel = await colleague.gql(CANCEL, { input: { id: second.id, version: 1, reason: 'x' } });
    expect(errorOf(cancel).code).toBe('NOT_FOUND');

    const mine = await rep.ok(`{ salesOrders(first: 10, filter: { status: [PENDING, DELIVERED] }) { totalCount nodes { number amount } } }`);
    expect(mine.salesOrders).toEqual({ totalCount: 2, nodes: [{ number: 'HT-2026-0001-03', amount: '16000.00' }, { number: 'HT-2026-0001-02', amount: '37000.00' }] });

    const key = (await server.ok('mutation { createApiKey(input: { name: "只读", scopes: [CUSTOMER_READ, CUSTOMER_READ_ALL] }) { key userErrors { field code message } } }')).createApiKey.key;
    const reader = server.client({ authorization: `ApiKey ${key}` });
    const read = await reader.ok(`query($id: ID!) { salesOrder(id: $id) { number amount lines { quantity amount } } }`, { id: second.id });
    expect(read.salesOrder).toEqual({ number: 'HT-2026-0001-02', amount: null, lines: [{ quantity: '4', amount: null }, { quantity: '1', amount: null }] });
  });

  it('alerts the owner once when an open order passes its expected delivery day, on the clock', async () => {
    const alerts = () => staffAlerts(server.db.prisma, { kind: 'SALES_ORDER_DELIVERY_OVERDUE' });
    await server.app.jobs.runDue();
    expect(await alerts()).toEqual([]);
    // 2026-11-21 in Shanghai: the third order (due 11-20) is late; the second is delivered, the first cancelled.
    server.clock.advance(19 * DAY);
    await server.app.jobs.runDue();
    server.clock.advance(2 * 3600_000);
    await server.app.jobs.runDue();
    const raised = await alerts();
    expect(raised.map((a) => [a.recipient.email, a.title, a.entityType])).toEqual([['rep@demo.local', '订单 HT-2026-0001-03 已过预计交货日 2026-11-20：无锡华光精工有限公司', 'SalesOrder']]);
    const overdue = await rep.ok(`{ salesOrders(first: 10, filter: { deliveryOverdueOnly: true }) { totalCount nodes { number deliveryOverdue } } }`);
    expect(overdue.salesOrders).toEqual({ totalCount: 1, nodes: [{ number: 'HT-2026-0001-03', deliveryOverdue: true }] });
  });
});
