// Spreadsheet text to typed values, accepting what Chinese and English ledgers write. Each parser
// returns the value or a message for the row report; an empty cell is `null` (not given).
import type { CustomFieldInput, FieldDefinition } from '../custom-fields/rules.js';
import { errorMessages, type ErrorMessageKey, type ErrorParams } from '../error-messages.js';
import type { Messages } from '../shared/locale.js';
import type { CustomerKind, CustomerNature, CustomerSize, CustomerStage, CustomerTier } from '../../generated/prisma/client.js';

/** A value, or what is wrong with the text in every language (for the row report). */
export type Parsed<T> = { value: T } | { error: Messages };

const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = (key: ErrorMessageKey, params?: ErrorParams): Parsed<never> => ({ error: errorMessages(key, params) });

const TIERS = ['A', 'B', 'C', 'D', 'X'] as const;
/** `A`, `a`, `A类`, `A级`, `A类客户`. */
export function parseTier(text: string): Parsed<CustomerTier> {
  const letter = text.normalize('NFKC').trim().toUpperCase().replace(/(类|级|等)?(客户)?$/, '');
  return (TIERS as readonly string[]).includes(letter) ? ok(letter as CustomerTier) : fail('import.cell.tier', { tiers: TIERS.join(', ') });
}

const STAGES: Record<string, CustomerStage> = {
  potential: 'POTENTIAL', 潜在: 'POTENTIAL', 潜在客户: 'POTENTIAL',
  new: 'NEW', 新: 'NEW', 新客户: 'NEW', 新客: 'NEW',
  returning: 'RETURNING', 回头客: 'RETURNING', 复购: 'RETURNING', 复购客户: 'RETURNING',
  loyal: 'LOYAL', 忠诚: 'LOYAL', 忠诚客户: 'LOYAL', 老客户: 'LOYAL',
  dormant: 'DORMANT', 休眠: 'DORMANT', 休眠客户: 'DORMANT', 沉睡: 'DORMANT',
};
export function parseStage(text: string): Parsed<CustomerStage> {
  return STAGES[text.trim().toLowerCase()] ? ok(STAGES[text.trim().toLowerCase()]!) : fail('import.cell.stage');
}

const KINDS: Record<string, CustomerKind> = { company: 'COMPANY', 企业: 'COMPANY', 公司: 'COMPANY', 单位: 'COMPANY', person: 'PERSON', 个人: 'PERSON' };
export function parseKind(text: string): Parsed<CustomerKind> {
  return KINDS[text.trim().toLowerCase()] ? ok(KINDS[text.trim().toLowerCase()]!) : fail('import.cell.kind');
}

const NATURES: Record<string, CustomerNature> = {
  agent: 'AGENT', 代理: 'AGENT', 代理商: 'AGENT',
  distributor: 'DISTRIBUTOR', dealer: 'DISTRIBUTOR', 经销: 'DISTRIBUTOR', 经销商: 'DISTRIBUTOR', 分销商: 'DISTRIBUTOR',
  intermediary: 'INTERMEDIARY', broker: 'INTERMEDIARY', 中介: 'INTERMEDIARY', 中间商: 'INTERMEDIARY',
  end_customer: 'END_CUSTOMER', 'end customer': 'END_CUSTOMER', 'end user': 'END_CUSTOMER', 终端: 'END_CUSTOMER', 终端客户: 'END_CUSTOMER', 最终用户: 'END_CUSTOMER', 直客: 'END_CUSTOMER',
};
export function parseNature(text: string): Parsed<CustomerNature> {
  const nature = NATURES[text.normalize('NFKC').trim().toLowerCase()];
  return nature ? ok(nature) : fail('import.cell.nature');
}

const SIZES: Record<string, CustomerSize> = {
  large: 'LARGE', 大: 'LARGE', 大型: 'LARGE', 大型企业: 'LARGE',
  medium: 'MEDIUM', 中: 'MEDIUM', 中型: 'MEDIUM', 中型企业: 'MEDIUM',
  small: 'SMALL', 小: 'SMALL', 小型: 'SMALL', 小型企业: 'SMALL',
  micro: 'MICRO', 微: 'MICRO', 微型: 'MICRO', 微型企业: 'MICRO',
};
export function parseSize(text: string): Parsed<CustomerSize> {
  const size = SIZES[text.normalize('NFKC').trim().toLowerCase()];
  return size ? ok(size) : fail('import.cell.size');
}

/** Tags separated by commas (either width), 、, ; or |. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[,，、;；|]/).map((t) => t.trim()).filter(Boolean))];
}

/** An amount such as 12,500.50, ¥12500 or 12500元, as the decimal string the money rule takes. */
export function parseMoney(text: string): Parsed<string> {
  const plain = text.normalize('NFKC').replace(/[¥￥,\s]|元$|CNY$/gi, '');
  return /^\d{1,12}(\.\d{1,2})?$/.test(plain) ? ok(plain) : fail('import.cell.money');
}

/** 2026-03-31, 2026/3/31, 2026年3月31日, or an instant with a time; as a UTC date. */
export function parseDate(text: string): Parsed<Date> {
  const t = text.trim();
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (ymd) {
    const date = new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3])));
    if (date.getUTCMonth() === Number(ymd[2]) - 1 && date.getUTCDate() === Number(ymd[3])) return ok(date);
    return fail('import.cell.notCalendarDate');
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t) && !Number.isNaN(Date.parse(t))) return ok(new Date(t));
  return fail('import.cell.date');
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '有', '√']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不', '无', '×']);
export function parseBoolean(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return fail('import.cell.boolean');
}

/** A custom-field input from a cell, by the field's kind; options match ignoring case. */
export function customFieldInputOf(definition: Pick<FieldDefinition, 'key' | 'kind' | 'options'>, text: string): Parsed<CustomFieldInput> {
  const key = definition.key;
  const option = (t: string) => definition.options.find((o) => o.toLowerCase() === t.toLowerCase()) ?? t;
  switch (definition.kind) {
    case 'TEXT':
      return ok({ key, text });
    case 'NUMBER': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isFinite(n) && text.trim() !== '' ? ok({ key, number: n }) : fail('import.cell.number');
    }
    case 'DATE': {
      const d = parseDate(text);
      return 'error' in d ? d : ok({ key, date: d.value });
    }
    case 'BOOLEAN': {
      const b = parseBoolean(text);
      return 'error' in b ? b : ok({ key, boolean: b.value });
    }
    case 'SELECT':
      return ok({ key, option: option(text.trim()) });
    case 'MULTI_SELECT':
      return ok({ key, options: parseList(text).map(option) });
  }
}
