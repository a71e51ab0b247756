import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, errorOf, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const REQUEST = `mutation($input: RequestExportInput!) { requestExport(input: $input) { link { path token expiresAt } userErrors { field code } } }`;
const IMPORT = `mutation($input: ImportRecordsInput!) { importRecords(input: $input) { dataImport { status createdCount invalidCount errors { row field message } } userErrors { field code message } } }`;
const ROWS = 1200;

/** A ledger with every kind of value, formula-looking text included. */
function ledger(): string {
  const header = '客户名称,电话,邮箱,省份,城市,等级,阶段,标签,年合同额,Credit level,Employees,联系人,职务,手机,行业';
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const name = i === 0 ? '"=HYPERLINK(""http://evil.example"",""x"")"' : i === 1 ? '@SUM(A1)' : `导出公司${String(i).padStart(4, '0')}`;
    return [name, `+86 21 5555 ${String(i).padStart(4, '0')}`, `e${i}@example.cn`, '浙江', '杭州', 'ABCDX'[i % 5], ['潜在', '新客户', '忠诚'][i % 3], i % 2 ? '"vip, export"' : 'distributor', `${1000 + i}.50`, ['AAA', 'BB', 'C'][i % 3], String(i), `联系人${i}`, '-经理', `139${String(i).padStart(8, '0')}`, '制造'].join(',');
  });
  return `${header}\n${rows.join('\n')}\n`;
}

async function download(server: TestServer, path: string) {
  return fetch(new URL(path, server.url));
}

async function csvRows(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  return parse(await response.text(), { bom: true }) as string[][];
}

describe.each(kinds)('exports on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    // Reps may export here (by default only managers and admins hold data.export), to test their visibility.
    const sales = JSON.stringify({ SALES: ['customer.read', 'customer.write', 'data.export'] });
    server = await startTestServer({ database, customers: 30, env: { RAPPORT_ROLE_PERMISSIONS: sales } });
    const imported = (await server.ok(IMPORT, { input: { entity: 'CUSTOMER', data: ledger() } })).importRecords.dataImport;
    expect(imported).toMatchObject({ status: 'DONE', createdCount: ROWS, invalidCount: 0 });
  });
  afterAll(() => server?.close());

  it('streams every row beyond the page-size cap, one query per batch, with formulas neutralised', async () => {
    const link = (await server.ok(REQUEST, { input: { entity: 'CUSTOMER', format: 'CSV', filter: { industry: '制造' } } })).requestExport.link;
    server.statements.length = 0;
    const rows = await csvRows(await download(server, link.path));
    const customerQueries = server.statements.filter((sql) => /^SELECT/.test(sql) && /FROM "public"\."Customer"/.test(sql));
    expect(customerQueries).toHaveLength(Math.ceil(ROWS / 1000));
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]!.slice(0, 3)).toEqual(['客户编号', '客户名称', '客户类型']);
    const names = rows.map((r) => r[1]);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(names).toContain(`'@SUM(A1)`);
    const phone = rows.find((r) => r[1] === '导出公司0002')![rows[0]!.indexOf('电话')];
    expect(phone).toBe("'+86 21 5555 0002");
    const audit = (await server.ok('{ auditLog(first: 1, filter: { action: "data.export" }) { edges { node { after } } } }')).auditLog.edges[0].node.after;
    expect(audit).toEqual({ entity: 'CUSTOMER', format: 'CSV', filter: { industry: '制造' } });
  });

  it('applies the viewer’s rows and fields, refuses a bad filter, and a link works once, unaltered, before it expires', async () => {
    const rep = server.as('rep@demo.local');
    const link = (await rep.ok(REQUEST, { input: { entity: 'CUSTOMER', format: 'CSV' } })).requestExport.link;
    const rows = await csvRows(await download(server, link.path));
    const visible = (await rep.ok('{ customers(first: 1) { totalCount } }')).customers.totalCount;
    expect(rows.length - 1).toBe(visible);
    expect(visible).toBeLessThan((await server.ok('{ customers(first: 1) { totalCount } }')).customers.totalCount);
    expect(rows[0]).not.toContain('年合同额');
    expect(rows[0]).not.toContain('Credit level');
    expect(rows[0]).toContain('Employees');

    expect((await download(server, link.path)).status).toBe(404);
    const fresh = (await rep.ok(REQUEST, { input: { entity: 'CUSTOMER', format: 'XLSX' } })).requestExport.link;
    expect((await download(server, `/exports/download?token=${fresh.token.slice(0, -2)}xx`)).status).toBe(403);
    server.clock.advance(6 * 60_000);
    expect((await download(server, fresh.path)).status).toBe(404);

    const badFilter = await server.gql(REQUEST, { input: { entity: 'CUSTOMER', format: 'CSV', filter: { tier: ['Q'], nope: 1 } } });
    expect(badFilter.data!.requestExport.link).toBeNull();
    expect(userErrorOf(badFilter).fields.every((f) => f.startsWith('filter'))).toBe(true);
    expect(userErrorOf(badFilter).codes.length).toBeGreaterThan(0);
    expect(errorOf(await server.as('agent@demo.local').gql(REQUEST, { input: { entity: 'CUSTOMER', format: 'CSV' } })).code).toBe('FORBIDDEN');
  });

  it('exports XLSX that re-imports losslessly', async () => {
    const link = (await server.ok(REQUEST, { input: { entity: 'CUSTOMER', format: 'XLSX', filter: { industry: '制造' } } })).requestExport.link;
    const response = await download(server, link.path);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: IMPORT, variables: { input: { entity: 'CUSTOMER', file: null, duplicateAction: 'CREATE' } } }));
    form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    form.set('0', new Blob([bytes]), 'customers.xlsx');
    const reimported = await (await fetch(server.url, { method: 'POST', headers: { authorization: (await server.authorization())! }, body: form })).json();
    expect(reimported.data.importRecords.dataImport).toMatchObject({ status: 'DONE', createdCount: ROWS, invalidCount: 0 });

    const again = (await server.ok(REQUEST, { input: { entity: 'CUSTOMER', format: 'XLSX', filter: { industry: '制造' } } })).requestExport.link;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await download(server, again.path)).arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const skip = new Set([header.indexOf('客户编号'), header.indexOf('创建时间')]);
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? '')).filter((_, i) => !skip.has(i));
    expect(sheet.rowCount).toBe(2 * ROWS + 1);
    const half = (from: number) => Array.from({ length: ROWS }, (_, i) => values(from + i).join('|')).sort();
    const originals = half(2);
    expect(half(2 + ROWS)).toEqual(originals);
    expect(new Set(originals).size).toBe(ROWS);
    expect(originals.join('\n')).toContain('vip, export');
  }, 120_000);

  it('exports contacts and activities through the same machinery', async () => {
    const link = (await server.ok(REQUEST, { input: { entity: 'CONTACT', format: 'CSV', filter: { search: '联系人11' } } })).requestExport.link;
    const rows = await csvRows(await download(server, link.path));
    expect(rows[0]!.slice(0, 3)).toEqual(['客户编号', '客户名称', '姓名']);
    expect(rows.slice(1).every((r) => r[2]!.startsWith('联系人11'))).toBe(true);
    expect(rows.length).toBeGreaterThan(1);
    const activities = (await server.ok(REQUEST, { input: { entity: 'ACTIVITY', format: 'CSV', filter: { kind: ['CALL'] } } })).requestExport.link;
    const activityRows = await csvRows(await download(server, activities.path));
    const calls = (await server.ok('{ activities(first: 1, filter: { kind: [CALL] }) { totalCount } }')).activities.totalCount;
    expect(activityRows.length - 1).toBe(calls);
  });
});
