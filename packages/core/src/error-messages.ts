import { IntlMessageFormat } from 'intl-messageformat';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { LANGUAGES, type Language, type Messages } from './shared/locale.js';

/**
 * Error texts (GraphQL error messages and userErrors messages) in one catalogue per language, keyed
 * by message key, in ICU MessageFormat like the alert catalogues (alerts/messages.ts). An error is
 * raised with a key and parameters; both languages are rendered then (`errorMessages`), the English
 * one serves as the error's `message` in logs, and the response carries the reader's language
 * (readerLanguage: the viewer's locale, else Accept-Language, else zh-CN). Errors raised with a plain
 * string (plugins' own rules that have no key yet) read the same in every language.
 */

/** Names of records as errors name them (`{entity}` in a text): the GraphQL type name, and its zh-CN word. */
const ENTITY_ZH =
  '{entity, select, Customer {客户} Contact {联系人} Activity {活动} User {用户} Team {团队} Alert {提醒} Tag {标签} ApiKey {API 密钥} ' +
  'Opportunity {商机} Quote {报价} Contract {合同} Ticket {工单} Campaign {营销活动} Article {文章} Call {通话} WebhookEndpoint {Webhook 端点} WebhookDelivery {Webhook 投递} NotificationDelivery {通知投递} ' +
  'ApprovalRequest {审批请求} CustomFieldDefinition {自定义字段} Import {导入} Export {导出} DealRegistration {商机报备} Record {记录} Viewer {当前用户} other {{entity}}}';

const zh = {
  'error.notFound': `${ENTITY_ZH}不存在`,
  'error.staleVersion': `${ENTITY_ZH}在你读取之后已被他人修改（当前版本 {currentVersion}），请刷新后重试`,
  'error.uniqueValue': '已存在具有相同唯一值的记录',
  'error.missingReference': '引用的记录不存在',
  'error.concurrentUpdate': '检测到并发修改，请重试',
  'error.invalidInput': '输入无效：{summary}',
  'auth.signInFirst': '请先登录：发送 Authorization: Bearer <访问令牌>',
  'auth.wrongPassword': '邮箱或密码错误',
  'auth.deactivated': '该账号已停用',
  'auth.accountInactive': '该账号或其所属机构已停用',
  'auth.unknownRefreshToken': '刷新令牌无效，请重新登录',
  'auth.sessionEnded': '会话已结束，请重新登录',
  'auth.refreshTokenReused': '该刷新令牌已被使用过，会话已被吊销，请重新登录',
  'auth.notASession': '只有已登录的用户才有会话（API 密钥请用 revokeApiKey 吊销）',
  'auth.locked': '登录失败次数过多，请 {retryAfterSeconds} 秒后再试',
  'auth.introspectSignIn': '请先登录再查询 schema',
  'auth.needsPermission': '此操作需要 {permission} 权限',
  'rule.notEmpty': '不能为空',
  'rule.maxCharacters': '最多 {max} 个字符',
  'rule.email': '必须是有效的电子邮箱地址',
  'rule.phone': '必须是电话号码，只能包含数字、空格和 + ( ) - . /',
  'rule.money': '必须是非负金额，最多 2 位小数、12 位整数',
  'rule.tagNotEmpty': '标签不能为空',
  'rule.tagMaxCharacters': '标签最多 50 个字符',
  'rule.maxTags': '最多 50 个标签',
  'rule.jsonObject': '必须是 JSON 对象',
  'customer.duplicateOwned': '与 {customer} 重复，该客户已由 {owner} 负责：请让对方共享给你（或请经理转移），不要再建一个',
  'customer.duplicateInPool': '与公海中的 {customer} 重复：请直接领取，不要再建一个',
  'webhook.pausedByAdmin': '由管理员暂停',
  'webhook.pausedFailing': '自 {since} 起连续 {failures} 次投递失败（最近一次：{error}）',
} as const;

export type ErrorMessageKey = keyof typeof zh;

const english: Record<ErrorMessageKey, string> = {
  'error.notFound': '{entity} not found',
  'error.staleVersion': '{entity} was changed by someone else since you read it (current version {currentVersion}); reload and retry',
  'error.uniqueValue': 'A record with the same unique value already exists',
  'error.missingReference': 'A referenced record does not exist',
  'error.concurrentUpdate': 'Concurrent update detected; retry the operation',
  'error.invalidInput': 'Invalid input: {summary}',
  'auth.signInFirst': 'Sign in first: send Authorization: Bearer <access token>',
  'auth.wrongPassword': 'Wrong e-mail or password',
  'auth.deactivated': 'This account is deactivated',
  'auth.accountInactive': 'This account or its organisation is not active',
  'auth.unknownRefreshToken': 'Unknown refresh token: sign in again',
  'auth.sessionEnded': 'This session has ended: sign in again',
  'auth.refreshTokenReused': 'This refresh token was already used, so the session has been revoked: sign in again',
  'auth.notASession': 'Only a signed-in user has a session (API keys are revoked with revokeApiKey)',
  'auth.locked': 'Too many failed sign-ins: try again in {retryAfterSeconds} s',
  'auth.introspectSignIn': 'Sign in to introspect the schema',
  'auth.needsPermission': 'This needs the {permission} permission',
  'rule.notEmpty': 'must not be empty',
  'rule.maxCharacters': 'must be at most {max} characters',
  'rule.email': 'must be a valid e-mail address',
  'rule.phone': 'must be a phone number of digits, spaces and + ( ) - . /',
  'rule.money': 'must be a non-negative amount with at most 2 decimals and 12 integer digits',
  'rule.tagNotEmpty': 'tags must not be empty',
  'rule.tagMaxCharacters': 'tags must be at most 50 characters',
  'rule.maxTags': 'at most 50 tags',
  'rule.jsonObject': 'must be a JSON object',
  'customer.duplicateOwned':
    'matches {customer}, which {owner} already owns: ask them to share it with you (or a manager to transfer it) instead of creating a second one',
  'customer.duplicateInPool': 'matches {customer} in the public pool: claim it instead of creating a second one',
  'webhook.pausedByAdmin': 'paused by an admin',
  'webhook.pausedFailing': 'failed {failures} attempts in a row since {since} (last: {error})',
};

export const ERROR_MESSAGES: Readonly<Record<Language, Readonly<Record<ErrorMessageKey, string>>>> = { 'zh-CN': zh, en: english };

export type ErrorParams = Record<string, string | number | null | undefined>;

export function isErrorMessageKey(value: string): value is ErrorMessageKey {
  return Object.hasOwn(english, value);
}

/** One error text in every language. */
export function errorMessages(key: ErrorMessageKey, params: ErrorParams = {}): Messages {
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v ?? '']));
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, String(new IntlMessageFormat(ERROR_MESSAGES[language][key], language, undefined, { ignoreTag: true }).format(values))]),
  ) as Messages;
}

/** Text in the reader's language when the error has one, else as raised. */
export function messageIn(language: Language, error: { message: string; messages?: Messages | null }): string {
  return error.messages?.[language] ?? error.message;
}

type ZodIssueLike = Parameters<ReturnType<typeof en>['localeError']>[0];
const zodLocales: Record<Language, ReturnType<typeof en>> = { 'zh-CN': zhCN(), en: en() };

function zodText(language: Language, issue: ZodIssueLike): string | null {
  const text = zodLocales[language].localeError(issue);
  return typeof text === 'string' ? text : (text?.message ?? null);
}

/**
 * A zod issue's text in every language: a rule written with a message key (`rules` in validation.ts)
 * renders from this catalogue (with the issue's limits as `{max}`/`{min}`), an issue with zod's own
 * default text from zod's locales; a rule written with a plain string is left as it is (null).
 */
export function zodIssueMessages(issue: { message: string; maximum?: unknown; minimum?: unknown }): Messages | null {
  if (isErrorMessageKey(issue.message)) return errorMessages(issue.message, { max: Number(issue.maximum ?? 0), min: Number(issue.minimum ?? 0) });
  if (zodText('en', issue as ZodIssueLike) !== issue.message) return null;
  const zhText = zodText('zh-CN', issue as ZodIssueLike);
  return zhText ? { 'zh-CN': zhText, en: issue.message } : null;
}

/**
 * A text stored in a row for later readers (e.g. why a webhook endpoint was paused): its key and
 * parameters, rendered in each reader's language by `storedMessageIn`.
 */
export function storedMessage(key: ErrorMessageKey, params: ErrorParams = {}): string {
  return JSON.stringify({ key, params });
}

/** A stored text in one language; text stored before it had a key reads as it was written. */
export function storedMessageIn(language: Language, stored: string | null): string | null {
  if (stored === null || !stored.startsWith('{')) return stored;
  try {
    const { key, params } = JSON.parse(stored) as { key: string; params?: ErrorParams };
    return isErrorMessageKey(key) ? errorMessages(key, params)[language] : stored;
  } catch {
    return stored;
  }
}
