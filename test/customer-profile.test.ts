// Customer nature and size, and regions coded by China's administrative divisions: written through
// the graph in any usual spelling, filtered and counted as one division, imported from a ledger.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codePendingRegions } from '@rapport/core';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      customer { id nature size region { country province city district code } }
      userErrors { field code message }
    }
  }
`;
const BY_PROVINCE = /* GraphQL */ `{ customerStats { byRegion(level: PROVINCE) { country province code count } } }`;

describeOnDatabases(kinds)('customer profile on %s', (database) => {
  let server: TestServer;
  const create = async (input: object) => (await server.ok(CREATE, { input })).createCustomer.customer;

  const FILTERS = [{ province: 'Zhejiang' }, { province: '浙江省' }, { regionCode: '330000' }, { province: '浙江', city: 'Hangzhou' }];
  const totalOf = async (filter: object) =>
    (await server.ok('query($filter: CustomerFilter) { customers(filter: $filter) { totalCount } }', { filter })).customers.totalCount as number;
  type Bucket = { country: string; province: string; code: string | null; count: number };
  const bucketsOf = async () => (await server.ok(BY_PROVINCE)).customerStats.byRegion as Bucket[];
  const countIn = (buckets: Bucket[], province: string) => buckets.find((b) => b.province === province)?.count ?? 0;
  const before: { buckets: Bucket[]; totals: number[]; natures: { value: string | null; count: number }[] } = { buckets: [], totals: [], natures: [] };

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
    // The demo's customers are there too: the assertions below are about what this file adds.
    before.buckets = await bucketsOf();
    before.totals = await Promise.all(FILTERS.map(totalOf));
    before.natures = (await server.ok('{ customerStats { byNature { value count } } }')).customerStats.byNature;
  });
  afterAll(() => server?.close());

  it('stores nature, size and the division a region typed in Chinese or English names', async () => {
    const english = await create({ name: '西湖机械', nature: 'DISTRIBUTOR', size: 'MEDIUM', region: { country: 'China', province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu' } });
    expect(english).toMatchObject({
      nature: 'DISTRIBUTOR',
      size: 'MEDIUM',
      region: { country: '中国', province: '浙江省', city: '杭州市', district: '西湖区', code: '330106' },
    });
    const chinese = await create({ name: '宁波港贸', nature: 'END_CUSTOMER', region: { province: '浙江', city: '宁波' } });
    expect(chinese.region).toMatchObject({ province: '浙江省', city: '宁波市', code: '330200' });
    const abroad = await create({ name: 'Bavaria Tools', size: 'SMALL', region: { country: 'Germany', province: 'Bavaria', city: 'Munich' } });
    expect(abroad.region).toEqual({ country: 'Germany', province: 'Bavaria', city: 'Munich', district: null, code: null });
  });

  it('counts "浙江" and "Zhejiang" in one province bucket and filters them alike', async () => {
    const buckets = await bucketsOf();
    expect(buckets.filter((b) => b.province === '浙江省')).toEqual([{ country: '中国', province: '浙江省', code: '330000', count: countIn(before.buckets, '浙江省') + 2 }]);
    expect(buckets.filter((b) => b.province === 'Bavaria')).toEqual([{ country: 'Germany', province: 'Bavaria', code: null, count: countIn(before.buckets, 'Bavaria') + 1 }]);
    // Inside China no bucket is a spelling: every one is a division.
    expect(buckets.filter((b) => b.country === '中国' && b.code === null)).toEqual([]);
    const added = [2, 2, 2, 1];
    for (const [i, filter] of FILTERS.entries()) expect(await totalOf(filter), JSON.stringify(filter)).toBe(before.totals[i]! + added[i]!);
    const { customers } = await server.ok('{ customers(filter: { regionCode: "330106", nature: [DISTRIBUTOR] }) { nodes { name } } }');
    expect(customers.nodes).toEqual([{ name: '西湖机械' }]);
    const { customerStats: stats } = await server.ok('{ customerStats { byNature { value count } bySize { value count } } }');
    // Every nature in order, zero included, then the unset: here one more distributor, end customer and unset.
    const grew = { AGENT: 0, DISTRIBUTOR: 1, INTERMEDIARY: 0, END_CUSTOMER: 1, null: 1 } as Record<string, number>;
    expect(stats.byNature).toEqual(before.natures.map((n) => ({ value: n.value, count: n.count + grew[`${n.value}`]! })));
    expect(stats.bySize.map((r: { value: string | null }) => r.value)).toEqual(['LARGE', 'MEDIUM', 'SMALL', 'MICRO', null]);
  });

  it('refuses an unknown division code at the field and writes nothing', async () => {
    const before = await server.db.prisma.customer.count();
    const result = await server.gql(CREATE, { input: { name: '无效地区', region: { code: '999999' } } });
    expect(userErrorOf(result)).toMatchObject({ fields: ['region.code'] });
    expect(await server.db.prisma.customer.count()).toBe(before);
  });

  it('lists the divisions for a region picker', async () => {
    const { provinces } = await server.ok('{ provinces: administrativeDivisions { code name level hasChildren } }');
    expect(provinces).toContainEqual({ code: '330000', name: '浙江省', level: 'PROVINCE', hasChildren: true });
    const { cities } = await server.ok('{ cities: administrativeDivisions(parentCode: "330000") { code name } }');
    expect(cities[0]).toEqual({ code: '330100', name: '杭州市' });
  });

  it('codes the customers written before regions were, once, at start-up', async () => {
    const prisma = server.db.prisma;
    const old = await prisma.customer.create({
      data: { name: 'Old Ledger Co', nameKey: 'old ledger co', country: 'China', province: 'Jiangsu', city: 'Suzhou', regionPending: true },
    });
    expect(await codePendingRegions(prisma)).toBe(1);
    expect(await prisma.customer.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      country: '中国',
      province: '江苏省',
      city: '苏州市',
      regionCode: '320500',
      regionPending: false,
    });
    expect(await codePendingRegions(prisma)).toBe(0);
  });

  it('imports 客户性质, 企业规模 and 区县 from a ledger, resolving the region', async () => {
    const csv = ['客户名称,省份,城市,区县,客户性质,企业规模', '深南电子,广东,深圳,南山,经销商,小型', '浦江贸易,上海,上海,浦东新区,终端客户,微型'].join('\n');
    const run = await server.ok(
      `mutation($input: ImportRecordsInput!) { importRecords(input: $input) { dataImport { status createdCount invalidCount } userErrors { field message } } }`,
      { input: { entity: 'CUSTOMER', data: csv } },
    );
    expect(run.importRecords.userErrors).toEqual([]);
    expect(run.importRecords.dataImport).toMatchObject({ status: 'DONE', createdCount: 2, invalidCount: 0 });
    const { customers } = await server.ok('{ customers(filter: { namePrefix: "深南" }) { nodes { nature size region { province city district code } } } }');
    expect(customers.nodes).toEqual([{ nature: 'DISTRIBUTOR', size: 'SMALL', region: { province: '广东省', city: '深圳市', district: '南山区', code: '440305' } }]);
  });
});
