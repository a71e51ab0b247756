import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type GraphQLResponse, type TestServer } from './support/harness.js';
import { subscribeWs, wsClient } from './support/clients.js';

const kinds = await databaseKinds();

const REPORT = `id status dryRun format encoding delimiter totalRows createdCount mergedCount skippedCount invalidCount duplicateCount failure
  errors { row field column value message }
  duplicates { row reasons action fileRow customerId customers { id name } }`;
const IMPORT = `mutation($input: ImportRecordsInput!) { importRecords(input: $input) { dataImport { ${REPORT} } userErrors { field code message } } }`;
const UNDO = `mutation($id: ID!) { undoImport(input: { id: $id }) { dataImport { id status } userErrors { field code message } } }`;
const COUNT = `query($filter: CustomerFilter) { customers(first: 1, filter: $filter) { totalCount } }`;

/** A GraphQL multipart request (the spec yoga implements): the operation, the map, the file part. */
async function upload(server: TestServer, query: string, input: Record<string, unknown>, file: { bytes: Uint8Array; name: string }, as?: string): Promise<GraphQLResponse> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { input: { ...input, file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
  const client = as ? server.as(as) : server;
  const response = await fetch(server.url, { method: 'POST', headers: { authorization: (await client.authorization())! }, body: form });
  const body = (await response.json()) as GraphQLResponse;
  return body;
}

const HEADER = ['客户名称', '电话', '邮箱', '地区', '等级', '标签', '客户规模', 'Employees', '联系人', '手机', '负责人'];

/** Row index (0-based among data rows) → the one defect it carries. */
const BAD: Record<number, (row: string[]) => void> = {
  40: (r) => (r[0] = ''), // no name
  150: (r) => (r[1] = 'call me'), // phone
  260: (r) => (r[2] = 'not-an-email'),
  370: (r) => (r[4] = 'Z'), // tier
  480: (r) => (r[5] = 'vip，no-such-tag'), // unlisted tag
  590: (r) => (r[6] = '巨大'), // not an option
  700: (r) => (r[7] = 'many'), // not a number
};

function ledgerRows(existing: { merge: string; create: string }): string[][] {
  return Array.from({ length: 1000 }, (_, i) => {
    const row = [`导入测试公司${i}`, `021-5555${String(i).padStart(4, '0')}`, `buyer${i}@example.cn`, '上海 浦东', 'B类', 'vip', ['大', '中', '小'][i % 3]!, String(10 + i), `联系人${i}`, `1390000${String(i).padStart(4, '0')}`, 'rep@demo.local'];
    BAD[i]?.(row);
    return row;
  }).map((row, i) => {
    // Two rows name existing customers: one to merge into, one to create anyway.
    if (i === 10) return [existing.merge, '', '', '', '', 'export', '', '', '', '', ''];
    if (i === 20) return [existing.create, '', '', '', '', '', '', '', '', '', ''];
    return row;
  });
}

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户信息动态管理台帐');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row.map((cell, i) => (i === 7 && /^\d+$/.test(cell) ? Number(cell) : cell)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe.each(kinds)('spreadsheet import on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20, env: { RAPPORT_IMPORT_MAX_BYTES: String(4 * 1024 * 1024) } });
    await server.ok(`mutation { createCustomFieldDefinition(input: { entity: CUSTOMER, key: "size", label: "客户规模", kind: SELECT, options: ["大", "中", "小"] }) { definition { id } userErrors { field code message } } }`);
  });
  afterAll(() => server?.close());

  it('suggests the mapping from Chinese headers', async () => {
    const data = `${HEADER.join(',')}\n甲公司,010-1234567,,,,,,,,,\n`;
    const preview = (await server.ok(`query($data: String!) { importPreview(entity: CUSTOMER, data: $data) { format delimiter header suggestedMapping { column field } sample } }`, { data })).importPreview;
    expect(preview.suggestedMapping).toEqual([
      { column: '客户名称', field: 'name' },
      { column: '电话', field: 'phone' },
      { column: '邮箱', field: 'email' },
      { column: '地区', field: 'region' },
      { column: '等级', field: 'tier' },
      { column: '标签', field: 'tags' },
      { column: '客户规模', field: 'custom.size' },
      { column: 'Employees', field: 'custom.employees' },
      { column: '联系人', field: 'contact.name' },
      { column: '手机', field: 'contact.phone' },
      { column: '负责人', field: 'owner' },
    ]);
    expect(preview.sample[0][0]).toBe('甲公司');
  });

  it('an XLSX of 1,000 customers with 7 bad rows: the dry run names them, the import writes 993, the same file again is all duplicates', async () => {
    const existing = (await server.ok('{ customers(first: 2, orderBy: { field: NAME }) { edges { node { id name version phone tags } } } }')).customers.edges.map((e: any) => e.node);
    const [mergeInto, createBeside] = existing;
    const file = { bytes: await xlsx(ledgerRows({ merge: mergeInto.name, create: createBeside.name })), name: '客户台帐.xlsx' };
    const before = (await server.ok(COUNT)).customers.totalCount;
    const choices = { duplicateChoices: [{ row: 12, action: 'MERGE' }, { row: 22, action: 'CREATE' }] };

    const dry = (await upload(server, IMPORT, { entity: 'CUSTOMER', dryRun: true, ...choices }, file)).data!.importRecords.dataImport;
    expect(dry).toMatchObject({ status: 'DONE', dryRun: true, format: 'XLSX', totalRows: 1000, invalidCount: 7, createdCount: 992, mergedCount: 1 });
    // Spreadsheet row numbers: the header is row 1, data row i is row i + 2.
    expect(dry.errors.map((e: any) => [e.row, e.field])).toEqual([
      [42, 'name'],
      [152, 'phone'],
      [262, 'email'],
      [372, 'tier'],
      [482, 'tags'],
      [592, 'custom.size'],
      [702, 'custom.employees'],
    ]);
    expect(dry.errors[4]).toMatchObject({ column: '标签', value: 'vip，no-such-tag', message: 'no-such-tag 不在标签列表中' });
    // In the reader's language (zh-CN by default): the import's own texts, the rules' and the custom fields'.
    expect(dry.errors.map((e: any) => e.message)).toEqual([
      '必填',
      '必须是电话号码，只能包含数字、空格和 + ( ) - . /',
      '必须是有效的电子邮箱地址',
      '必须是客户等级 A, B, C, D, X（例如 A 或 A类）',
      'no-such-tag 不在标签列表中',
      '必须是以下之一：大, 中, 小',
      '必须是数字',
    ]);
    expect(dry.duplicates.map((d: any) => [d.row, d.action, d.reasons, d.customers.map((c: any) => c.id)])).toEqual([
      [12, 'MERGE', ['NAME'], [mergeInto.id]],
      [22, 'CREATE', ['NAME'], [createBeside.id]],
    ]);
    expect((await server.ok(COUNT)).customers.totalCount).toBe(before);

    // All or nothing: invalid rows refuse the whole file unless asked to skip them.
    const refused = (await upload(server, IMPORT, { entity: 'CUSTOMER', ...choices }, file)).data!.importRecords.dataImport;
    expect(refused).toMatchObject({ status: 'REFUSED', invalidCount: 7 });
    expect((await server.ok(COUNT)).customers.totalCount).toBe(before);

    const done = (await upload(server, IMPORT, { entity: 'CUSTOMER', skipInvalid: true, ...choices }, file)).data!.importRecords.dataImport;
    expect(done).toMatchObject({ status: 'DONE', createdCount: 992, mergedCount: 1, invalidCount: 7, skippedCount: 0 });
    expect((await server.ok(COUNT)).customers.totalCount).toBe(before + 992);
    const merged = (await server.ok('query($id: ID!) { customer(id: $id) { version tags } }', { id: mergeInto.id })).customer;
    expect(merged.tags).toContain('export');
    expect(merged.version).toBe(mergeInto.version + 1);
    const imported = (await server.ok(`{ customers(first: 1, filter: { namePrefix: "导入测试公司999" }) { edges { node { tier region { province city district code } owner { email } tags contacts { name phone }
      customFields { key ... on SelectFieldValue { option: value } ... on NumberFieldValue { number: value } } } } } }`)).customers.edges[0].node;
    expect(imported).toMatchObject({ tier: 'B', region: { province: '上海市', city: '上海市', district: '浦东新区', code: '310115' }, owner: { email: 'rep@demo.local' }, tags: ['vip'], contacts: [{ name: '联系人999', phone: '13900000999' }] });
    expect(imported.customFields).toEqual([{ key: 'size', option: '大' }, { key: 'employees', number: 1009 }]);
    const audit = (await server.ok('{ auditLog(first: 1, filter: { action: "data.import" }) { edges { node { after } } } }')).auditLog.edges[0].node.after;
    expect(audit).toMatchObject({ created: 992, merged: 1, invalid: 7 });

    const again = (await upload(server, IMPORT, { entity: 'CUSTOMER', dryRun: true }, file)).data!.importRecords.dataImport;
    expect(again).toMatchObject({ invalidCount: 7, createdCount: 0, duplicateCount: 993, skippedCount: 993 });
  }, 180_000);

  it('reads CSV in GB18030 with semicolons, and with a UTF-8 BOM and tabs, as the same rows', async () => {
    const csv = '客户名称;电话;等级\n"分号公司;甲";0755-8888001;A\n分号公司乙;0755-8888002;c级\n';
    const gb = await upload(server, IMPORT, { entity: 'CUSTOMER', dryRun: true }, { bytes: iconv.encode(csv, 'gb18030'), name: 'gb.csv' });
    expect(gb.data!.importRecords.dataImport).toMatchObject({ encoding: 'gb18030', delimiter: ';', totalRows: 2, createdCount: 2, invalidCount: 0 });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv.replaceAll(';', '\t').replace('"分号公司\t甲"', '分号公司甲'))]);
    const tabbed = await upload(server, IMPORT, { entity: 'CUSTOMER', dryRun: true }, { bytes: bom, name: 'bom.csv' });
    expect(tabbed.data!.importRecords.dataImport).toMatchObject({ encoding: 'utf-8', delimiter: '\t', totalRows: 2, createdCount: 2, invalidCount: 0 });
  });

  it('refuses a bad mapping, a file over the size limit, and imports without data.import', async () => {
    const data = '客户名称,电话\n甲,123456\n';
    const unmapped = await server.gql(IMPORT, { input: { entity: 'CUSTOMER', data, mapping: [{ column: '电话', field: 'phone' }] } });
    expect(unmapped.data!.importRecords.dataImport).toBeNull();
    expect(userErrorOf(unmapped)).toMatchObject({ fields: ['mapping'], codes: ['INVALID'] });
    expect(userErrorOf(await server.gql(IMPORT, { input: { entity: 'CUSTOMER', data, mapping: [{ column: '客户名称', field: 'name' }, { column: '传真', field: 'fax' }] } })).fields).toEqual(['mapping.1.column', 'mapping.1.field']);
    expect(errorOf(await server.as('rep@demo.local').gql(IMPORT, { input: { entity: 'CUSTOMER', data } })).code).toBe('FORBIDDEN');
    const big = await upload(server, IMPORT, { entity: 'CUSTOMER' }, { bytes: new Uint8Array(server.config.imports.maxBytes + 1), name: 'big.csv' });
    expect(userErrorOf(big)).toMatchObject({ fields: ['file'], message: `文件有 ${server.config.imports.maxBytes + 1} 字节，最多 ${server.config.imports.maxBytes} 字节` });
  });

  it('saves a mapping, imports contacts and activities by customer name, and undoes while nothing changed', async () => {
    await server.ok(`mutation { createCustomer(input: { name: "撤销测试公司" }) { customer { id } userErrors { field code message } } }`);
    const SAVE = `mutation($input: SaveImportMappingInput!) { saveImportMapping(input: $input) { mapping { id version } userErrors { field code message } } }`;
    const columns = [{ column: '公司', field: 'customer' }, { column: '姓名', field: 'name' }, { column: '手机', field: 'phone' }, { column: '备注', field: null }];
    const refusedMapping = await server.gql(SAVE, { input: { entity: 'CONTACT', name: ' ', columns: [...columns, { column: '传真', field: 'fax' }] } });
    expect(refusedMapping.data!.saveImportMapping.mapping).toBeNull();
    expect(userErrorOf(refusedMapping).fields).toEqual(['name']);
    expect((await server.ok(SAVE, { input: { entity: 'CONTACT', name: '台帐联系人', columns } })).saveImportMapping).toMatchObject({ mapping: { version: 1 }, userErrors: [] });
    const contacts = (await server.ok(IMPORT, { input: { entity: 'CONTACT', mappingName: '台帐联系人', data: '公司,姓名,手机,备注\n撤销测试公司,王五,13800000001,x\n没有这家,赵六,13800000002,y\n', skipInvalid: true } })).importRecords.dataImport;
    expect(contacts).toMatchObject({ status: 'DONE', createdCount: 1, invalidCount: 1, errors: [{ row: 3, field: 'customer' }] });
    const activities = (await server.ok(IMPORT, { input: { entity: 'ACTIVITY', data: '客户,类型,主题,完成时间\n撤销测试公司,拜访,首次拜访,2026-10-01\n' } })).importRecords.dataImport;
    expect(activities).toMatchObject({ status: 'DONE', createdCount: 1 });

    const customers = (await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: 'Name,Phone\nUndo One,020-1111111\nUndo Two,020-2222222\n' } })).importRecords.dataImport;
    const two = (await server.ok('{ customers(first: 1, filter: { namePrefix: "Undo Two" }) { edges { node { id version } } } }')).customers.edges[0].node;
    await server.ok('mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { field code message } } }', { input: { id: two.id, version: two.version, industry: '制造' } });
    const changed = await server.gql(UNDO, { id: customers.id });
    expect(changed.data!.undoImport.dataImport).toBeNull();
    expect(userErrorOf(changed).codes).toEqual(['CONFLICT']);
    expect((await server.ok(UNDO, { id: activities.id })).undoImport.dataImport.status).toBe('UNDONE');
    expect((await server.ok(UNDO, { id: contacts.id })).undoImport.dataImport.status).toBe('UNDONE');
    const left = (await server.ok('{ customers(first: 1, filter: { namePrefix: "撤销测试公司" }) { edges { node { contacts { name } activities(first: 5) { totalCount } } } } }')).customers.edges[0].node;
    expect(left).toEqual({ contacts: [], activities: { totalCount: 0 } });
    expect(userErrorOf(await server.gql(UNDO, { id: contacts.id })).fields).toEqual(['id']);
  });

  it('runs a large file as a job with progress over a subscription', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `后台公司${i},0571-${String(7000000 + i)}`).join('\n');
    server.statements.length = 0;
    const started = (await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: `客户名称,电话\n${rows}\n`, background: true } })).importRecords.dataImport;
    expect(started.status).toBe('RUNNING');
    const client = wsClient(server.url, { authorization: (await server.authorization())! });
    const progress = subscribeWs<any>(client, `subscription($id: ID!) { dataImportProgress(id: $id) { status totalRows createdCount } }`, { id: started.id });
    try {
      const items = await progress.waitFor(1);
      let last = items.at(-1)!.dataImportProgress;
      while (last.status === 'RUNNING') last = (await progress.waitFor(items.length + 1)).at(-1)!.dataImportProgress;
      expect(last).toEqual({ status: 'DONE', totalRows: 1200, createdCount: 1200 });
    } finally {
      await progress.stop();
      await client.dispose();
    }
    const stored = (await server.ok('query($id: ID!) { node(id: $id) { ... on DataImport { status createdCount } } }', { id: started.id })).node;
    expect(stored).toEqual({ status: 'DONE', createdCount: 1200 });
    // Rows go in batches of 500: one insert of customers per batch, however many rows.
    expect(server.statements.filter((sql) => /^INSERT INTO "public"\."Customer"/.test(sql))).toHaveLength(3);
  });

  /** Waits for a background import to end, through the graph. */
  const finished = async (id: string) => {
    for (;;) {
      const { node } = await server.ok(`query($id: ID!) { node(id: $id) { ... on DataImport { ${REPORT} } } }`, { id });
      if (node.status !== 'RUNNING') return node;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('commits a background import batch by batch: no transaction spans the file, and it is audited and undoable', async () => {
    const rows = Array.from({ length: 1300 }, (_, i) => `分批公司${i},0571-${String(8000000 + i)}`).join('\n');
    server.statements.length = 0;
    const started = (await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: `客户名称,电话\n${rows}\n`, background: true } })).importRecords.dataImport;
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'DONE', totalRows: 1300, createdCount: 1300, invalidCount: 0 });
    // Each batch's customers go in with a transaction of their own (a 100k-row file held one
    // transaction open for the whole file and failed on PostgreSQL with P2028).
    const perTransaction: number[] = [];
    for (const sql of server.statements) {
      if (sql === 'BEGIN') perTransaction.push(0);
      else if (/^INSERT INTO "public"\."Customer"/.test(sql)) perTransaction[perTransaction.length - 1]! += 1;
    }
    expect(perTransaction.filter((n) => n > 0)).toEqual([1, 1, 1]);
    expect((await server.ok(COUNT, { filter: { namePrefix: '分批公司' } })).customers.totalCount).toBe(1300);
    const audit = await server.db.prisma.auditEntry.findMany({ where: { action: 'data.import', entityId: Buffer.from(started.id, 'base64').toString().split(':')[1] } });
    expect(audit.map((a) => (a.after as { created: number }).created)).toEqual([1300]);
    expect((await server.ok(UNDO, { id: started.id })).undoImport).toEqual({ dataImport: { id: started.id, status: 'UNDONE' }, userErrors: [] });
    expect((await server.ok(COUNT, { filter: { namePrefix: '分批公司' } })).customers.totalCount).toBe(0);
  }, 240_000);

  it('takes back the committed batches of a background import refused for an invalid row in a later batch, and reports every invalid row', async () => {
    const rows = Array.from({ length: 1300 }, (_, i) => `退回公司${i},${i === 1100 || i === 1250 ? 'call me' : `0571-${String(8100000 + i)}`}`).join('\n');
    const started = (await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: `客户名称,电话\n${rows}\n`, background: true } })).importRecords.dataImport;
    const refused = await finished(started.id);
    expect(refused).toMatchObject({ status: 'REFUSED', totalRows: 1300, invalidCount: 2 });
    expect(refused.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[1102, 'phone'], [1252, 'phone']]);
    expect((await server.ok(COUNT, { filter: { namePrefix: '退回公司' } })).customers.totalCount).toBe(0);
    expect(await server.db.prisma.dataImportRecord.count({ where: { importId: Buffer.from(started.id, 'base64').toString().split(':')[1] } })).toBe(0);

    // A background dry run writes nothing either, and the same file with skipInvalid writes the rest.
    const dry = await finished((await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: `客户名称,电话\n${rows}\n`, background: true, dryRun: true, skipInvalid: true } })).importRecords.dataImport.id);
    expect(dry).toMatchObject({ status: 'DONE', dryRun: true, createdCount: 1298, invalidCount: 2 });
    expect((await server.ok(COUNT, { filter: { namePrefix: '退回公司' } })).customers.totalCount).toBe(0);
    const skipped = await finished((await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: `客户名称,电话\n${rows}\n`, background: true, skipInvalid: true } })).importRecords.dataImport.id);
    expect(skipped).toMatchObject({ status: 'DONE', createdCount: 1298, invalidCount: 2 });
    expect((await server.ok(COUNT, { filter: { namePrefix: '退回公司' } })).customers.totalCount).toBe(1298);
  }, 240_000);
});
