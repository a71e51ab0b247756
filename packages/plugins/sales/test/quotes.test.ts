import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer } from '@rapport/core/testing';

const run = promisify(execFile);
const kinds = await databaseKinds();
const DAY = 86_400_000;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const QUOTE = /* GraphQL */ `
  id code number revision title status currency validUntil subtotal discountTotal taxTotal total maxDiscount version sentAt decidedAt
  customer { id tier } offer { kind } opportunity { name }
  lines { position description unit quantity unitPrice discountPercent taxPercent netAmount taxAmount totalAmount product { code } }
`;
const m = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) { quote { ${QUOTE} } userErrors { field code message } } }`;
const CREATE = m('createQuote', 'CreateQuoteInput');
const UPDATE = m('updateQuote', 'UpdateQuoteInput');
const SEND = m('sendQuote', 'SendQuoteInput');
const ACCEPT = m('acceptQuote', 'AcceptQuoteInput');
const REJECT = m('rejectQuote', 'RejectQuoteInput');
const REVISE = m('reviseQuote', 'ReviseQuoteInput');

describe.each(kinds)('sales quotes on %s', (database) => {
  let server: TestServer;
  let manager: TestClient;
  let rep: TestClient;
  let customerId: string;
  let priceListId: string;
  let products: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20, plugins: resolvePlugins([salesPlugin], ['sales']) });
    manager = server.as('manager@demo.local');
    rep = server.as('rep@demo.local');
    const repId = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    customerId = (
      await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, {
        input: { name: '苏州恒泰精密制造有限公司', ownerId: repId, contacts: [{ name: '陈静', phone: '0512-6666 8888' }] },
      })
    ).createCustomer.customer.id;
    const define = `mutation($input: DefineProductInput!) { defineProduct(input: $input) { product { id code } userErrors { field code message } } }`;
    products = {};
    for (const input of [
      { code: 'CNC-5X', name: '五轴数控加工中心 5-axis machining centre', unit: '台', cost: '98000.00' },
      { code: 'SVC-H', name: '安装调试 Installation', unit: '小时', cost: '300.00' },
      { code: 'OLD-1', name: 'Discontinued', unit: '件' },
    ]) {
      const made = (await server.ok(define, { input })).defineProduct.product;
      products[made.code] = made.id;
    }
    const old = await server.ok(`query($id: ID!) { node(id: $id) { ... on Product { version } } }`, { id: products['OLD-1'] });
    await server.ok(`mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { active } userErrors { field code message } } }`, {
      input: { id: products['OLD-1'], version: old.node.version, active: false },
    });
    priceListId = (
      await server.ok(`mutation($input: DefinePriceListInput!) { definePriceList(input: $input) { priceList { id currency prices { unitPrice product { code } } } userErrors { field code message } } }`, {
        input: {
          name: '2026 人民币价目表',
          currency: 'CNY',
          prices: [
            { productId: products['CNC-5X'], unitPrice: '150000.00' },
            { productId: products['SVC-H'], unitPrice: '800.00' },
          ],
        },
      })
    ).definePriceList.priceList.id;
  });
  afterAll(() => server?.close());

  const lines = [
    { productId: () => products['CNC-5X'], quantity: '2', discountPercent: '8', taxPercent: '13' },
    { productId: () => products['SVC-H'], quantity: '12.5', unitPrice: '760.00', taxPercent: '6' },
  ];
  const draft = async (extra: Record<string, unknown> = {}) =>
    (
      await manager.ok(CREATE, {
        input: { customerId, priceListId, title: '数控设备报价', lines: lines.map((l) => ({ ...l, productId: l.productId() })), ...extra },
      })
    ).createQuote.quote;

  it('prices lines from the price list and computes every total exactly', async () => {
    const quote = await draft();
    // Line 1: 2 × 150000 = 300000, 8 % off → 276000, 13 % VAT 35880 → 311880.
    // Line 2: 12.5 × 760 = 9500, no discount, 6 % VAT 570 → 10070.
    expect(quote).toMatchObject({
      status: 'DRAFT',
      currency: 'CNY',
      revision: 1,
      subtotal: '309500.00',
      discountTotal: '24000.00',
      taxTotal: '36450.00',
      total: '321950.00',
      maxDiscount: '8.00',
      validUntil: '2026-12-02',
      offer: null,
    });
    expect(quote.code).toMatch(/^Q-\d{6}$/);
    expect(quote.lines.map((l: any) => [l.product.code, l.unit, l.unitPrice, l.netAmount, l.taxAmount, l.totalAmount])).toEqual([
      ['CNC-5X', '台', '150000.00', '276000.00', '35880.00', '311880.00'],
      ['SVC-H', '小时', '760.00', '9500.00', '570.00', '10070.00'],
    ]);
  });

  it('refuses bad lines field by field, inactive products and reps without the financial permission', async () => {
    const before = await server.db.prisma.quote.count();
    const bad = await manager.gql(CREATE, {
      input: {
        customerId,
        title: 'x',
        lines: [
          { productId: products['OLD-1'], quantity: '1', unitPrice: '1.00' },
          { quantity: '0', unitPrice: '1.00' },
          { productId: products['SVC-H'], quantity: '1', discountPercent: '120' },
        ],
      },
    });
    expect(userErrorOf(bad).fields).toEqual(['lines.1.quantity', 'lines.2.discountPercent']);
    const unpriced = await manager.gql(CREATE, {
      input: { customerId, title: 'x', lines: [{ productId: products['OLD-1'], quantity: '1', unitPrice: '1.00' }, { quantity: '1', unitPrice: '5.00' }, { productId: products['SVC-H'], quantity: '1' }] },
    });
    expect(userErrorOf(unpriced)).toMatchObject({ fields: ['lines.0.productId', 'lines.1.description', 'lines.2.unitPrice'], codes: ['NOT_ALLOWED_VALUE', 'REQUIRED', 'REQUIRED'] });
    expect(errorOf(await rep.gql(CREATE, { input: { customerId, title: 'x', lines: [{ description: 'x', quantity: '1', unitPrice: '1.00' }] } })).code).toBe('FORBIDDEN');
    expect(await server.db.prisma.quote.count()).toBe(before);
  });

  it('sends a draft once: the offer fact makes the customer tier C, and a sent quote is immutable', async () => {
    const quote = await draft();
    const updated = (await manager.ok(UPDATE, { input: { id: quote.id, version: quote.version, title: '数控设备报价（含安装）' } })).updateQuote.quote;
    const stale = await manager.gql(SEND, { input: { id: quote.id, version: quote.version } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    const sent = (await manager.ok(SEND, { input: { id: quote.id, version: updated.version } })).sendQuote.quote;
    expect(sent).toMatchObject({ status: 'SENT', offer: { kind: 'QUOTE' }, customer: { tier: 'C' } });
    expect(sent.sentAt).toBe(server.clock.now().toISOString());
    const edit = await manager.gql(UPDATE, { input: { id: quote.id, version: sent.version, title: 'changed' } });
    expect(userErrorOf(edit)).toMatchObject({ codes: ['CONFLICT'], fields: ['id'], message: '报价状态为 SENT，不能修改：已发送的报价不能修改，请修订生成新版本' });
    const again = await manager.gql(SEND, { input: { id: quote.id, version: sent.version } });
    expect(userErrorOf(again).codes).toEqual(['CONFLICT']);
    expect(await server.db.prisma.offer.count({ where: { customerId: dbId(customerId) } })).toBe(1);
  });

  it('revises a sent quote into a new draft version and accepts or rejects sent ones', async () => {
    const quote = await draft();
    const sent = (await manager.ok(SEND, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    const revised = (await manager.ok(REVISE, { input: { id: sent.id, version: sent.version } })).reviseQuote.quote;
    expect(revised).toMatchObject({ number: sent.number, revision: 2, status: 'DRAFT', total: sent.total, code: `${sent.code}-2` });
    const old = await manager.ok(`query($id: ID!) { quote(id: $id) { status version } }`, { id: sent.id });
    expect(old.quote.status).toBe('SUPERSEDED');
    expect(userErrorOf(await manager.gql(ACCEPT, { input: { id: sent.id, version: old.quote.version } })).codes).toEqual(['CONFLICT']);
    const cheaper = (
      await manager.ok(UPDATE, { input: { id: revised.id, version: revised.version, lines: [{ productId: products['CNC-5X'], quantity: '2', discountPercent: '10' }] } })
    ).updateQuote.quote;
    expect(cheaper).toMatchObject({ subtotal: '300000.00', discountTotal: '30000.00', taxTotal: '0.00', total: '270000.00', maxDiscount: '10.00' });
    const sent2 = (await manager.ok(SEND, { input: { id: cheaper.id, version: cheaper.version } })).sendQuote.quote;
    const accepted = (await manager.ok(ACCEPT, { input: { id: sent2.id, version: sent2.version } })).acceptQuote.quote;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', decidedAt: server.clock.now().toISOString() });

    const other = await draft();
    const otherSent = (await manager.ok(SEND, { input: { id: other.id, version: other.version } })).sendQuote.quote;
    const rejected = (await manager.ok(REJECT, { input: { id: otherSent.id, version: otherSent.version, note: 'too expensive' } })).rejectQuote.quote;
    expect(rejected.status).toBe('REJECTED');
    const audit = await server.db.prisma.auditEntry.findMany({ where: { entityId: dbId(sent.id) }, orderBy: { at: 'asc' }, select: { action: true } });
    // Written within the same instant: compared as a set.
    expect(audit.map((a) => a.action).sort()).toEqual(['quote.create', 'quote.send', 'quote.supersede']);
  });

  it('expires sent quotes past their validity by a job on the clock', async () => {
    const quote = await draft({ validUntil: new Date(server.clock.now().getTime() + 2 * DAY).toISOString().slice(0, 10) });
    const sent = (await manager.ok(SEND, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    server.clock.advance(2 * DAY);
    await server.app.jobs.runDue();
    expect((await manager.ok(`query($id: ID!) { quote(id: $id) { status } }`, { id: sent.id })).quote.status).toBe('SENT');
    server.clock.advance(DAY);
    await server.app.jobs.runDue();
    const expired = (await manager.ok(`query($id: ID!) { quote(id: $id) { status version } }`, { id: sent.id })).quote;
    expect(expired.status).toBe('EXPIRED');
    expect(userErrorOf(await manager.gql(ACCEPT, { input: { id: sent.id, version: expired.version } })).codes).toEqual(['CONFLICT']);
    const revised = (await manager.ok(REVISE, { input: { id: sent.id, version: expired.version } })).reviseQuote.quote;
    expect(revised.validUntil).toBe(new Date(server.clock.now().getTime() + 30 * DAY + 8 * 3600_000).toISOString().slice(0, 10));
  });

  it('keeps quotes with their customer and amounts behind customer.viewFinancials', async () => {
    const quote = await draft();
    const colleague = server.as('chen.jing@demo.local');
    expect(errorOf(await colleague.gql(`query($id: ID!) { quote(id: $id) { id } }`, { id: quote.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await colleague.gql(`mutation($id: ID!) { createQuotePdfLink(input: { id: $id }) { link { url } userErrors { field code message } } }`, { id: quote.id })).code).toBe('FORBIDDEN');
    const asRep = (await rep.ok(`query($id: ID!) { quote(id: $id) { total lines { unitPrice totalAmount quantity } } }`, { id: quote.id })).quote;
    expect(asRep).toEqual({ total: null, lines: [{ unitPrice: null, totalAmount: null, quantity: '2' }, { unitPrice: null, totalAmount: null, quantity: '12.5' }] });
    expect(errorOf(await rep.gql(`mutation($id: ID!) { createQuotePdfLink(input: { id: $id }) { link { url } userErrors { field code message } } }`, { id: quote.id })).code).toBe('FORBIDDEN');
  });

  it('renders a printable PDF with the Chinese text, served through a short-lived link', async () => {
    const quote = await draft({ note: '含两年保修。Two years warranty included.' });
    const link = (await manager.ok(`mutation($id: ID!) { createQuotePdfLink(input: { id: $id }) { link { url expiresAt } userErrors { field code message } } }`, { id: quote.id })).createQuotePdfLink.link;
    expect(link.url).toMatch(/^\/sales\/quote\.pdf\?token=[\w-]{20,}$/);
    const response = await fetch(new URL(link.url, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-quote-'));
    try {
      await writeFile(path.join(dir, 'quote.pdf'), pdf);
      // pdftotext proves the CJK glyphs are real text in an embedded font, not boxes.
      const { stdout: text } = await run('pdftotext', ['-layout', path.join(dir, 'quote.pdf'), '-']);
      expect(text).toContain('报价单 Quotation');
      expect(text).toContain('苏州恒泰精密制造有限公司');
      expect(text).toContain('321,950.00');
      const { stdout: fonts } = await run('pdffonts', [path.join(dir, 'quote.pdf')]);
      expect(fonts).toMatch(/NotoSansSC/);
      await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path.join(dir, 'quote.pdf'), path.join(dir, 'page')]);
      const png = await readFile(path.join(dir, 'page-1.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(await darkPixelShare(dir)).toBeGreaterThan(0.005);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    server.clock.advance(11 * 60_000);
    expect((await fetch(new URL(link.url, server.url))).status).toBe(404);
    expect((await fetch(new URL('/sales/quote.pdf?token=forged', server.url))).status).toBe(404);
  });
});

/** The share of dark pixels on the first page, rasterised again as PGM so it reads without an image library. */
async function darkPixelShare(dir: string): Promise<number> {
  await run('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', path.join(dir, 'quote.pdf'), path.join(dir, 'gray')]);
  const pgm = await readFile(path.join(dir, 'gray-1.pgm'));
  // P5 header: magic, width, height, max value, each followed by whitespace; then one byte per pixel.
  const header = pgm.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return dark / pixels.length;
}
