import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { customFieldInputOf, parseDate, parseList, parseMoney, parseNature, parseSize, parseStage, parseTier } from './cells.js';
import { splitRegion } from './customers.js';
import { foldHeader, mappingProblems, suggestMapping } from './mapping.js';
import { detectDelimiter, detectEncoding, openSheet } from './read.js';

describe('cells', () => {
  it('reads tiers, stages, lists, money and dates as ledgers write them', () => {
    expect(['A', 'b', 'C类', 'D级', 'Ａ'].map((t) => parseTier(t))).toEqual([{ value: 'A' }, { value: 'B' }, { value: 'C' }, { value: 'D' }, { value: 'A' }]);
    expect(parseTier('Z')).toHaveProperty('error');
    expect(parseStage('休眠')).toEqual({ value: 'DORMANT' });
    expect(parseList('vip，export、distributor; vip')).toEqual(['vip', 'export', 'distributor']);
    expect(parseMoney('¥12,500.50')).toEqual({ value: '12500.50' });
    expect(parseMoney('-5')).toHaveProperty('error');
    expect(parseDate('2026年3月31日')).toEqual({ value: new Date('2026-03-31T00:00:00Z') });
    expect(parseDate('2026-02-30')).toEqual({ error: { 'zh-CN': '不是有效的日期', en: 'is not a calendar date' } });
    expect(customFieldInputOf({ key: 'size', kind: 'SELECT', options: ['Large'] }, 'large')).toEqual({ value: { key: 'size', option: 'Large' } });
    expect(customFieldInputOf({ key: 'n', kind: 'NUMBER', options: [] }, '1,200')).toEqual({ value: { key: 'n', number: 1200 } });
    expect(splitRegion('广东省 深圳市')).toEqual({ province: '广东省', city: '深圳市', district: null });
    expect(splitRegion('广东/深圳/南山区')).toEqual({ province: '广东', city: '深圳', district: '南山区' });
    expect(parseNature('经销商')).toEqual({ value: 'DISTRIBUTOR' });
    expect(parseNature('END_CUSTOMER')).toEqual({ value: 'END_CUSTOMER' });
    expect(parseNature('朋友')).toHaveProperty('error');
    expect(parseSize('中型企业')).toEqual({ value: 'MEDIUM' });
    expect(parseSize('Micro')).toEqual({ value: 'MICRO' });
  });
});

describe('mapping', () => {
  const fields = [
    { field: 'name', label: '客户名称', aliases: ['公司名称', 'Name'], required: true },
    { field: 'phone', label: '电话', aliases: ['Phone'] },
  ];
  it('folds width, case, spaces and marks, and suggests each field once', () => {
    expect(foldHeader(' 客户名称（必填）* ')).toBe('客户名称必填');
    expect(suggestMapping(['公司名称', 'PHONE', '客户名称', '备注'], fields)).toEqual([
      { column: '公司名称', field: 'name' },
      { column: 'PHONE', field: 'phone' },
      { column: '客户名称', field: null },
      { column: '备注', field: null },
    ]);
  });
  it('names every problem of a mapping', () => {
    expect(mappingProblems([{ column: '电话', field: 'phone' }, { column: 'x', field: 'phone' }], ['电话'], fields).map((p) => p.field)).toEqual(['mapping.1.column', 'mapping.1.field', 'mapping']);
  });
});

describe('reading', () => {
  it('detects encodings and delimiters', () => {
    expect(detectEncoding(iconv.encode('客户名称', 'gb18030')).encoding).toBe('gb18030');
    expect(detectEncoding(new TextEncoder().encode('客户名称')).encoding).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });
  it('streams CSV rows with their line numbers, quoted newlines included, blank rows skipped', async () => {
    const sheet = await openSheet(new TextEncoder().encode('名称|备注\n甲|"两\n行"\n\n乙|x\n'));
    const rows = [];
    for await (const row of sheet.rows) rows.push(row);
    expect(sheet.header).toEqual(['名称', '备注']);
    expect(rows).toEqual([{ number: 2, cells: ['甲', '两\n行'] }, { number: 5, cells: ['乙', 'x'] }]);
  });
});

describe('uuidv7', () => {
  it('counts up within a millisecond and under a clock set back, so id order is creation order', async () => {
    const { uuidv7, isUuid } = await import('../shared/ids.js');
    const ids = [uuidv7(5_000), uuidv7(5_000), uuidv7(4_000), uuidv7(6_000)];
    expect(ids.every(isUuid)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]![14]).toBe('7');
  });
});
