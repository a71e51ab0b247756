// Texts of the rules that decide an owner change (CustomerTransfer.rule with its parameters), one
// catalogue per language in ICU MessageFormat like the alert and error catalogues: a transfer keeps
// the rule's key and parameters, and `ruleText` renders them in the reader's language when read.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../shared/locale.js';

const zh = {
  'pool.release.noFollowUp': '{tier} 类客户 {days} 天无跟进记录，退回公海',
  'pool.release.noDeal': '{tier} 类客户 {days} 天未成交，退回公海',
  'pool.release.noOpenOpportunity': '{tier} 类客户 {days} 天无进行中的商机，退回公海',
  'pool.claim': '从公海领取（今日第 {count} 个{max, select, 0 {} other {，每日上限 {max} 个}}）',
  'pool.assign': '公海管理员分配',
} as const;

export type PoolRuleKey = keyof typeof zh;

const en: Record<PoolRuleKey, string> = {
  'pool.release.noFollowUp': 'tier {tier} customer without a follow-up for {days} days: released to the pool',
  'pool.release.noDeal': 'tier {tier} customer without a deal for {days} days: released to the pool',
  'pool.release.noOpenOpportunity': 'tier {tier} customer without an open opportunity for {days} days: released to the pool',
  'pool.claim': "claimed from the pool (today's claim {count}{max, select, 0 {} other { of at most {max}}})",
  'pool.assign': 'assigned by a pool admin',
};

export const POOL_RULE_MESSAGES: Readonly<Record<Language, Readonly<Record<PoolRuleKey, string>>>> = { 'zh-CN': zh, en };

/** A transfer's rule in one language; null for a rule this version has no text for (or none). */
export function ruleText(rule: string | null, params: unknown, language: Language): string | null {
  if (!rule || !Object.hasOwn(en, rule)) return null;
  const values = Object.fromEntries(Object.entries((params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)]));
  try {
    return String(new IntlMessageFormat(POOL_RULE_MESSAGES[language][rule as PoolRuleKey], language, undefined, { ignoreTag: true }).format(values));
  } catch {
    return null;
  }
}
