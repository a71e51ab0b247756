import { InputError, type Messages, type UserErrorCode } from '@rapport/core';

/**
 * Texts of the refusals of orders, deliveries, contract attachments and print templates, in zh-CN and
 * en, keyed like core's error catalogue; `{name}` takes a parameter. The reader gets their language
 * (the userError's `messages`), English is the log's.
 */
const TEXTS = {
  'order.contractNotActive': {
    'zh-CN': '合同状态为 {status}：只有已签订（ACTIVE）的合同才能下订单',
    en: 'the contract is {status}; orders are placed against a signed (ACTIVE) contract',
  },
  'order.contractHasNoLines': { 'zh-CN': '该合同没有明细行，无法下订单', en: 'the contract has no lines to order' },
  'order.nothingLeft': { 'zh-CN': '合同的全部数量都已下单', en: "every line of the contract is ordered in full" },
  'order.noSuchContractLine': { 'zh-CN': '合同没有第 {position} 行', en: 'the contract has no line {position}' },
  'order.duplicateLine': { 'zh-CN': '第 {position} 行重复出现', en: 'line {position} appears twice' },
  'order.quantityPositive': { 'zh-CN': '数量必须大于 0', en: 'must be more than 0' },
  'order.beyondContract': {
    'zh-CN': '超出合同数量：第 {position} 行尚可下单 {left}（合同 {contracted}）',
    en: 'beyond the contract: line {position} has {left} left to order (of {contracted})',
  },
  'order.notOpen': { 'zh-CN': '订单状态为 {status}：不能再发货或取消', en: 'the order is {status}; it takes no more deliveries or changes' },
  'order.noSuchOrderLine': { 'zh-CN': '订单没有第 {position} 行', en: 'the order has no line {position}' },
  'order.beyondOrdered': {
    'zh-CN': '超出订单数量：第 {position} 行尚待发货 {left}（订购 {ordered}）',
    en: 'more than ordered: line {position} has {left} left to deliver (of {ordered})',
  },
  'order.deliveredInFuture': { 'zh-CN': '发货日期不能晚于今天', en: 'must not be in the future' },
  'order.reasonRequired': { 'zh-CN': '请说明取消原因', en: 'say why the order is cancelled' },
  'order.deliveryNeedsLines': { 'zh-CN': '发货至少包含一行', en: 'a delivery needs at least one line' },
  'attachment.typeNotAllowed': { 'zh-CN': '文件类型必须是以下之一：{types}', en: 'must be one of {types}' },
  'attachment.empty': { 'zh-CN': '文件不能为空', en: 'must not be empty' },
  'attachment.tooLarge': { 'zh-CN': '文件最大 {max} 字节', en: 'must be at most {max} bytes' },
  'attachment.contentMismatch': { 'zh-CN': '文件内容不是 {type}', en: 'the content is not {type}' },
  'attachment.notUtf8': { 'zh-CN': '文本文件必须是 UTF-8 编码', en: 'text must be UTF-8' },
  'attachment.badName': { 'zh-CN': '文件名不能为空，且不能包含斜杠或控制字符', en: 'must not be empty nor contain slashes or control characters' },
  'template.columnsRequired': { 'zh-CN': '至少选择一列，且包含“产品 / 描述”列', en: 'choose at least the ITEM column' },
  'template.duplicateColumn': { 'zh-CN': '列 {column} 重复', en: 'column {column} appears twice' },
} as const satisfies Record<string, Messages>;

export type OrderMessageKey = keyof typeof TEXTS;
type Params = Record<string, string | number>;

export function orderMessages(key: OrderMessageKey, params: Params = {}): Messages {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  return { 'zh-CN': fill(TEXTS[key]['zh-CN']), en: fill(TEXTS[key].en) };
}

/** A field error from this catalogue; nothing is written. */
export function refuseField(field: string, key: OrderMessageKey, params: Params, code: UserErrorCode) {
  const messages = orderMessages(key, params);
  return { field, message: messages.en, messages, code };
}

export function refuse(field: string, key: OrderMessageKey, params: Params, code: UserErrorCode): never {
  throw new InputError([refuseField(field, key, params, code)]);
}
