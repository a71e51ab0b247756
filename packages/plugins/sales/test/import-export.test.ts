// The sales ledger in and out (#21): opportunities imported from a CSV with Chinese headers (bad rows
// reported by field, all or nothing unless asked to skip, undone while unchanged) and exported again
// through the same list filter, re-importing to the same opportunities.
import { parse } from 'csv-parse/sync';
import { resolvePlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestServer, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const plugins = () => resolvePlugins([salesPlugin], ['sales'], {});

const IMPORT = `mutation($input: ImportRecordsInput!) { importRecords(input: $input) {
  dataImport { id status createdCount invalidCount errors { row field message } }
  userErrors { field code message } } }`;
const UNDO = `mutation($input: UndoImportInput!) { undoImport(input: $input) { dataImport { status } userErrors { field code message } } }`;
const EXPORT = `mutation($input: RequestExportInput!) { requestExport(input: $input) { path } }`;
const LIST = `query($search: String) { opportunities(first: 100, filter: { search: $search }) {
  totalCount edges { node { name amount currency probability expectedCloseDate source owner { email } stage { name } customer { name } } } } }`;

describe.each(kinds)('sales opportunities import and export on %s', (database) => {
  let server: TestServer;
  let customers: Array<{ name: string; code: string }>;
  let stage: string;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 10, plugins: plugins() });
    customers = (await server.ok('{ customers(first: 3) { edges { node { name code } } } }')).customers.edges.map((e: any) => e.node);
    stage = (await server.ok('{ salesPipelines { isDefault stages { name outcome } } }')).salesPipelines.find((p: any) => p.isDefault).stages.filter((s: any) => s.outcome === 'OPEN')[1].name;
  });
  afterAll(() => server?.close());

  function ledger(): string {
    const [a, b, c] = customers;
    return [
      '客户,商机名称,金额,币种,阶段,赢率,预计成交日期,来源,负责人',
      `${a!.code},导入商机-设备采购,"¥128,000.50",CNY,${stage},40%,2027/3/31,展会,manager@demo.local`,
      `${b!.name},导入商机-年度维保,56000,,,,2027年4月30日,老客户转介绍,`,
      `${c!.code},导入商机-备件,9800.00,USD,,0.3,2027-05-15,,rep@demo.local`,
      `不存在的客户,导入商机-坏客户,100,,,,2027-05-15,,`,
      `${a!.code},导入商机-坏金额,12.345,,不存在的阶段,150,2027-02-30,,nobody@demo.local`,
    ].join('\n');
  }

  it('reports every bad cell, writes nothing unless asked to skip, then writes the good rows and undoes them', async () => {
    const refused = (await server.ok(IMPORT, { input: { entity: 'OPPORTUNITY', data: ledger() } })).importRecords.dataImport;
    expect(refused).toMatchObject({ status: 'REFUSED', invalidCount: 2 });
    expect(refused.errors.map((e: any) => `${e.row}:${e.field}`).sort()).toEqual(['5:customer', '6:amount', '6:expectedCloseDate', '6:owner', '6:probability', '6:stage'].sort());
    expect((await server.ok(LIST, { search: '导入商机' })).opportunities.totalCount).toBe(0);

    const imported = (await server.ok(IMPORT, { input: { entity: 'OPPORTUNITY', data: ledger(), skipInvalid: true } })).importRecords.dataImport;
    expect(imported).toMatchObject({ status: 'DONE', createdCount: 3, invalidCount: 2 });
    const rows = (await server.ok(LIST, { search: '导入商机' })).opportunities.edges.map((e: any) => e.node);
    const byName = Object.fromEntries(rows.map((r: any) => [r.name, r]));
    expect(byName['导入商机-设备采购']).toMatchObject({ amount: '128000.50', currency: 'CNY', probability: 40, expectedCloseDate: '2027-03-31', source: '展会', owner: { email: 'manager@demo.local' }, stage: { name: stage } });
    expect(byName['导入商机-年度维保']).toMatchObject({ amount: '56000.00', currency: 'CNY', expectedCloseDate: '2027-04-30', owner: { email: 'admin@demo.local' }, customer: { name: customers[1]!.name } });
    expect(byName['导入商机-备件']).toMatchObject({ currency: 'USD', probability: 30 });

    const undone = (await server.ok(UNDO, { input: { id: imported.id } })).undoImport;
    expect(undone).toMatchObject({ dataImport: { status: 'UNDONE' }, userErrors: [] });
    expect((await server.ok(LIST, { search: '导入商机' })).opportunities.totalCount).toBe(0);
  });

  it('exports the opportunities it imported, and the export imports again to the same opportunities', async () => {
    await server.ok(IMPORT, { input: { entity: 'OPPORTUNITY', data: ledger(), skipInvalid: true } });
    const before = (await server.ok(LIST, { search: '导入商机' })).opportunities;
    const { path } = (await server.ok(EXPORT, { input: { entity: 'OPPORTUNITY', format: 'CSV', filter: { search: '导入商机' } } })).requestExport;
    const csv = await (await fetch(new URL(path, server.url))).text();
    expect(parse(csv, { bom: true })).toHaveLength(before.totalCount + 1);
    const again = (await server.ok(IMPORT, { input: { entity: 'OPPORTUNITY', data: csv } })).importRecords.dataImport;
    expect(again).toMatchObject({ status: 'DONE', createdCount: before.totalCount, invalidCount: 0 });
    const after = (await server.ok(LIST, { search: '导入商机' })).opportunities.edges.map((e: any) => e.node);
    const key = (o: any) => JSON.stringify(o);
    const counts = new Map<string, number>();
    for (const o of after) counts.set(key(o), (counts.get(key(o)) ?? 0) + 1);
    for (const o of before.edges.map((e: any) => e.node)) expect(counts.get(key(o))).toBe(2);
  });
});
