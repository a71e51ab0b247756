import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type GraphQLResponse, type TestClient, type TestServer } from '@rapport/core/testing';

const run = promisify(execFile);
const kinds = await databaseKinds();

const ATTACH = `mutation($input: AddContractAttachmentInput!) { addContractAttachment(input: $input) { attachment { id fileName mimeType size sha256 uploadedBy { email } contract { id } } userErrors { field code message } } }`;
const TEMPLATE = `kind companyName title headerText footerText columns version updatedBy { email }`;
const SAVE = `mutation($input: UpdatePrintTemplateInput!) { updatePrintTemplate(input: $input) { template { ${TEMPLATE} } userErrors { field code message } } }`;
const PDF_LINK = `mutation($id: ID!) { createContractPdfLink(input: { id: $id }) { link { url expiresAt } userErrors { field code message } } }`;
const FILE_LINK = `mutation($id: ID!) { createContractAttachmentLink(input: { id: $id }) { link { url expiresAt } userErrors { field code message } } }`;
// The smallest PDF header is enough for the signature check.
const SCAN = Buffer.from('%PDF-1.4\n% 已签署合同扫描件\n%%EOF\n');

/**
 * Contract attachments through the GraphQL multipart request (content-addressed: same bytes, one
 * file), downloaded through a short-lived link, visible with the contract; print templates saved by an
 * admin (version-checked) and used by the quote PDF and the new contract PDF, whose Chinese texts
 * pdftotext reads back and whose first page pdftoppm rasterises.
 */
describe.each(kinds)('contract attachments, print templates and PDFs on %s', (database) => {
  let server: TestServer;
  let rep: TestClient;
  let colleague: TestClient;
  let contractId: string;
  let quoteId: string;
  let storage: string;

  async function upload(client: TestClient, input: Record<string, unknown>, file: { bytes: Buffer; name: string; type: string }): Promise<GraphQLResponse> {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: ATTACH, variables: { input: { ...input, file: null } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(server.url, { method: 'POST', headers: { authorization: (await client.authorization())! }, body: form });
    return (await response.json()) as GraphQLResponse;
  }

  beforeAll(async () => {
    storage = await mkdtemp(path.join(tmpdir(), 'rapport-contract-files-'));
    server = await startTestServer({
      database,
      customers: 10,
      plugins: resolvePlugins([salesPlugin], ['sales'], { sales: { contractAttachments: { directory: storage, maxBytes: 4096 } } }),
      env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: ['customer.read', 'customer.write', 'customer.viewFinancials'] }) },
    });
    rep = server.as('rep@demo.local');
    colleague = server.as('li.wei@demo.local');
    const me = (await rep.ok(`{ viewer { id } }`)).viewer.id;
    const customerId = (
      await rep.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`, { input: { name: '常州新纪元自动化有限公司', ownerId: me } })
    ).createCustomer.customer.id;
    const quote = (
      await rep.ok(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id version } userErrors { field code message } } }`, {
        input: { customerId, title: '装配线改造', lines: [{ description: '六轴机器人工作站', quantity: '2', unitPrice: '31500.00', discountPercent: '5' }] },
      })
    ).createQuote.quote;
    quoteId = quote.id;
    const sent = (await rep.ok(`mutation($input: SendQuoteInput!) { sendQuote(input: $input) { quote { version } userErrors { field code message } } }`, { input: { id: quote.id, version: quote.version } })).sendQuote.quote;
    await rep.ok(`mutation($input: AcceptQuoteInput!) { acceptQuote(input: $input) { quote { status } userErrors { field code message } } }`, { input: { id: quote.id, version: sent.version } });
    contractId = (
      await rep.ok(`mutation($input: CreateContractInput!) { createContract(input: $input) { contract { id } userErrors { field code message } } }`, {
        input: { quoteId: quote.id, paymentTerms: '预付 30%，验收后付清', deliveryTerms: '签订后 45 天内交货' },
      })
    ).createContract.contract.id;
  });
  afterAll(async () => {
    await server?.close();
    await rm(storage, { recursive: true, force: true });
  });

  it('attaches uploaded files by content hash, refuses what does not match its type, and serves them through a short-lived link', async () => {
    const added = (await upload(rep, { contractId }, { bytes: SCAN, name: '合同扫描件.pdf', type: 'application/pdf' })).data!.addContractAttachment;
    const sha256 = createHash('sha256').update(SCAN).digest('hex');
    expect(added).toMatchObject({ userErrors: [], attachment: { fileName: '合同扫描件.pdf', mimeType: 'application/pdf', size: SCAN.length, sha256, uploadedBy: { email: 'rep@demo.local' }, contract: { id: contractId } } });
    // The same content under another name: a second attachment, one stored file.
    const copy = (await upload(rep, { contractId, fileName: '副本.pdf' }, { bytes: SCAN, name: 'x.pdf', type: 'application/pdf' })).data!.addContractAttachment.attachment;
    expect(copy.fileName).toBe('副本.pdf');
    expect(await readdir(path.join(storage, sha256.slice(0, 2)))).toEqual([sha256]);

    const renamed = await upload(rep, { contractId }, { bytes: Buffer.from('<html>hi</html>'), name: 'evil.pdf', type: 'application/pdf' });
    expect(userErrorOf(renamed)).toEqual({ codes: ['INVALID'], fields: ['mimeType'], message: '文件内容不是 application/pdf' });
    const html = await upload(rep, { contractId }, { bytes: Buffer.from('<html>hi</html>'), name: 'a.html', type: 'text/html' });
    expect(userErrorOf(html)).toMatchObject({ codes: ['NOT_ALLOWED_VALUE'], fields: ['mimeType'] });
    const big = await upload(rep, { contractId }, { bytes: Buffer.concat([SCAN, Buffer.alloc(5000)]), name: 'big.pdf', type: 'application/pdf' });
    expect(userErrorOf(big)).toEqual({ codes: ['TOO_LONG'], fields: ['file'], message: '文件最大 4096 字节' });
    expect(await server.db.prisma.contractAttachment.count()).toBe(2);

    const listed = (await rep.ok(`query($id: ID!) { contract(id: $id) { attachments { id fileName } } }`, { id: contractId })).contract.attachments;
    expect(listed.map((a: any) => a.fileName)).toEqual(['合同扫描件.pdf', '副本.pdf']);
    const link = (await rep.ok(FILE_LINK, { id: added.attachment.id })).createContractAttachmentLink.link;
    expect(link.url).toMatch(/^\/sales\/contract-file\?token=[\w-]{20,}$/);
    const response = await fetch(new URL(link.url, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('合同扫描件.pdf'));
    expect(Buffer.from(await response.arrayBuffer()).equals(SCAN)).toBe(true);
    server.clock.advance(11 * 60_000);
    expect((await fetch(new URL(link.url, server.url))).status).toBe(404);

    // Outside the customer's row rule: nothing to see, nothing to attach, remove or link.
    expect((await colleague.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [added.attachment.id] })).nodes).toEqual([null]);
    expect(errorOf(await upload(colleague, { contractId }, { bytes: SCAN, name: 'x.pdf', type: 'application/pdf' })).code).toBe('NOT_FOUND');
    expect(errorOf(await colleague.gql(FILE_LINK, { id: added.attachment.id })).code).toBe('NOT_FOUND');
    const REMOVE = `mutation($id: ID!) { removeContractAttachment(input: { id: $id }) { contract { attachments { fileName } } userErrors { field code message } } }`;
    expect(errorOf(await colleague.gql(REMOVE, { id: copy.id })).code).toBe('NOT_FOUND');

    // Removing one copy keeps the shared file; removing the last takes it away.
    expect((await rep.ok(REMOVE, { id: copy.id })).removeContractAttachment.contract.attachments).toEqual([{ fileName: '合同扫描件.pdf' }]);
    expect(await readdir(path.join(storage, sha256.slice(0, 2)))).toEqual([sha256]);
    expect((await rep.ok(REMOVE, { id: added.attachment.id })).removeContractAttachment.contract.attachments).toEqual([]);
    expect(await readdir(path.join(storage, sha256.slice(0, 2)))).toEqual([]);
    expect(await server.db.prisma.auditEntry.count({ where: { action: { in: ['contract.attach', 'contract.detach'] } } })).toBe(4);
  });

  it('keeps print templates for admins, version-checked, with the defaults until one is saved', async () => {
    expect((await rep.ok(`{ printTemplate(kind: CONTRACT) { ${TEMPLATE} } }`)).printTemplate).toEqual({
      kind: 'CONTRACT',
      companyName: '',
      title: '销售合同 Sales Contract',
      headerText: null,
      footerText: null,
      columns: ['POSITION', 'ITEM', 'QUANTITY', 'UNIT_PRICE', 'DISCOUNT', 'TAX', 'AMOUNT'],
      version: 0,
      updatedBy: null,
    });
    const input = {
      kind: 'CONTRACT',
      version: 0,
      companyName: '上海鼎信智能装备有限公司',
      title: '工业品买卖合同',
      headerText: '地址：上海市嘉定区安亭镇墨玉路 88 号　电话：021-5957 0000',
      footerText: '争议解决：双方协商不成的，提交卖方所在地人民法院诉讼解决。',
      columns: ['POSITION', 'ITEM', 'QUANTITY', 'AMOUNT'],
    };
    expect(errorOf(await rep.gql(SAVE, { input })).code).toBe('FORBIDDEN');
    const noItem = await server.gql(SAVE, { input: { ...input, columns: ['POSITION', 'AMOUNT'] } });
    expect(userErrorOf(noItem)).toMatchObject({ codes: ['REQUIRED'], fields: ['columns'] });
    const saved = (await server.ok(SAVE, { input })).updatePrintTemplate.template;
    expect(saved).toMatchObject({ ...input, version: 1, updatedBy: { email: 'admin@demo.local' } });
    const stale = await server.gql(SAVE, { input: { ...input, title: '旧版本' } });
    expect(userErrorOf(stale)).toMatchObject({ codes: ['STALE_VERSION'], fields: ['version'] });
    await server.ok(SAVE, {
      input: { kind: 'QUOTE', version: 0, companyName: '上海鼎信智能装备有限公司', title: '报价单 Quotation', footerText: '本报价含税，有效期 30 天。', columns: ['ITEM', 'QUANTITY', 'UNIT_PRICE', 'AMOUNT'] },
    });
    expect((await rep.ok(`{ printTemplate(kind: CONTRACT) { title version } }`)).printTemplate).toEqual({ title: '工业品买卖合同', version: 1 });
  });

  it('prints the contract and the quote with their templates: Chinese text in an embedded font, chosen columns only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rapport-contract-pdf-'));
    try {
      const contractLink = (await rep.ok(PDF_LINK, { id: contractId })).createContractPdfLink.link;
      expect(contractLink.url).toMatch(/^\/sales\/contract\.pdf\?token=[\w-]{20,}$/);
      const contractText = await textOf(dir, 'contract', contractLink.url);
      expect(contractText).toContain('上海鼎信智能装备有限公司');
      expect(contractText).toContain('工业品买卖合同');
      expect(contractText).toContain('墨玉路 88 号');
      expect(contractText).toContain('提交卖方所在地人民法院诉讼解决');
      expect(contractText).toContain('常州新纪元自动化有限公司');
      expect(contractText).toContain('六轴机器人工作站');
      // 2 × 31500 less 5 %: 59850.
      expect(contractText).toContain('59,850.00');
      expect(contractText).toContain('签订后 45 天内交货');
      expect(contractText).not.toContain('单价 Unit price');
      expect(contractText).not.toContain('折扣 Disc.');

      const quoteLink = (await rep.ok(`mutation($id: ID!) { createQuotePdfLink(input: { id: $id }) { link { url } userErrors { field code message } } }`, { id: quoteId })).createQuotePdfLink.link;
      const quoteText = await textOf(dir, 'quote', quoteLink.url);
      expect(quoteText).toContain('报价单 Quotation');
      expect(quoteText).toContain('上海鼎信智能装备有限公司');
      expect(quoteText).toContain('本报价含税，有效期 30 天。');
      expect(quoteText).toContain('单价 Unit price');
      expect(quoteText).not.toContain('税率 Tax');

      expect(errorOf(await colleague.gql(PDF_LINK, { id: contractId })).code).toBe('NOT_FOUND');
      expect((await fetch(new URL('/sales/contract.pdf?token=forged', server.url))).status).toBe(404);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** Downloads the PDF, checks its font and first page, and returns its text. */
  async function textOf(dir: string, name: string, url: string): Promise<string> {
    const response = await fetch(new URL(url, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const { stdout: fonts } = await run('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSansSC/);
    await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(dir, name)]);
    expect((await readFile(path.join(dir, `${name}-1.png`))).subarray(1, 4).toString()).toBe('PNG');
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  }
});
