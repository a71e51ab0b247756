import { describe, expect, it } from 'vitest';
import { childDivisions, divisionByCode, divisionsMatching, regionKey, resolveRegion } from './regions.js';

describe('resolveRegion', () => {
  it('puts the Chinese, short and English spellings of one province in one code', () => {
    const spellings = [{ province: '浙江省' }, { province: '浙江' }, { province: 'Zhejiang' }, { province: 'ZHEJIANG Province', country: 'China' }];
    for (const typed of spellings) expect(resolveRegion(typed)).toMatchObject({ country: '中国', province: '浙江省', regionCode: '330000' });
  });

  it('resolves province, city and district top-down to the finest code', () => {
    expect(resolveRegion({ province: '浙江', city: '杭州', district: '西湖' })).toEqual({
      country: '中国',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      regionCode: '330106',
    });
    expect(resolveRegion({ province: 'Guangdong', city: 'Shenzhen' })).toMatchObject({ city: '深圳市', regionCode: '440300' });
  });

  it('takes the province from a city typed alone when only one city has that name', () => {
    expect(resolveRegion({ city: '苏州' })).toMatchObject({ province: '江苏省', city: '苏州市', regionCode: '320500' });
  });

  it("reads a municipality's city as the municipality itself", () => {
    expect(resolveRegion({ province: '上海', city: '上海', district: '浦东新区' })).toMatchObject({
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      regionCode: '310115',
    });
    expect(resolveRegion({ province: 'Beijing', district: '朝阳区' })).toMatchObject({ city: '北京市', regionCode: '110105' });
  });

  it('keeps Shaanxi (陕西) and Shanxi (山西) apart, and knows the autonomous regions by their short names', () => {
    expect(resolveRegion({ province: 'Shaanxi' }).regionCode).toBe('610000');
    expect(resolveRegion({ province: 'Shanxi' }).regionCode).toBe('140000');
    expect(resolveRegion({ province: '广西' }).province).toBe('广西壮族自治区');
    expect(resolveRegion({ province: 'Inner Mongolia' }).province).toBe('内蒙古自治区');
    expect(resolveRegion({ province: 'Hong Kong' }).regionCode).toBe('810000');
    expect(resolveRegion({ province: '新疆' }).province).toBe('新疆维吾尔自治区');
    expect(resolveRegion({ province: '湖北', city: '恩施' }).city).toBe('恩施土家族苗族自治州');
  });

  it('keeps other countries and unknown names as typed, without a code', () => {
    expect(resolveRegion({ country: 'Germany', province: 'Bayern', city: 'München' })).toEqual({
      country: 'Germany',
      province: 'Bayern',
      city: 'München',
      district: null,
      regionCode: null,
    });
    expect(resolveRegion({ province: '不存在省' }).regionCode).toBeNull();
  });

  it('keeps a city it cannot place under a resolved province, coded at province level', () => {
    expect(resolveRegion({ province: '浙江', city: '未知镇' })).toMatchObject({ province: '浙江省', city: '未知镇', regionCode: '330000' });
  });

  it('takes a code alone and fills the names from it', () => {
    expect(resolveRegion({ code: '330106' })).toMatchObject({ province: '浙江省', city: '杭州市', district: '西湖区', regionCode: '330106' });
  });
});

describe('divisions', () => {
  it('lists provinces (Taiwan, Hong Kong and Macau included) and the children of a code', () => {
    expect(childDivisions(null)).toHaveLength(34);
    expect(childDivisions('330000').map((c) => c.name)).toContain('杭州市');
    expect(divisionByCode('330100')?.parent?.name).toBe('浙江省');
  });

  it('compares names without suffixes, case or spaces', () => {
    expect(regionKey('Hang Zhou City')).toBe('hangzhou');
    expect(regionKey('杭州市')).toBe('杭州');
  });
});

describe('municipalities typed loosely', () => {
  it('reads a district typed as the city, and a municipality typed as a city alone', () => {
    expect(resolveRegion({ province: '上海', city: '浦东' })).toMatchObject({ city: '上海市', district: '浦东新区', regionCode: '310115' });
    expect(resolveRegion({ city: 'Shanghai' })).toMatchObject({ province: '上海市', city: '上海市', regionCode: '310100' });
  });
});

describe('divisionsMatching', () => {
  it('reads a city several cities are called as each of them, and a unique one as itself', () => {
    expect(divisionsMatching({ city: 'SUZHOU' }).sort()).toEqual(['320500', '341300']);
    expect(divisionsMatching({ province: 'Jiangsu', city: 'Suzhou' })).toEqual(['320500']);
    expect(divisionsMatching({ city: '上海' })).toEqual(['310000']);
    expect(divisionsMatching({ province: '浙江', city: '不存在' })).toEqual([]);
    expect(divisionsMatching({ country: 'Germany', city: 'Munich' })).toEqual([]);
  });
});
