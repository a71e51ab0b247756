import { defineMessages, type MessageBook } from '@rapport/core';

/**
 * The call center plugin's texts for people (refusals of logged calls, call edits, callbacks, caller
 * lookups and statistics), zh-CN and en in ICU MessageFormat: raise with `callcenter.refuse`/
 * `callcenter.field`/`callcenter.error`, the reader gets their language (RapportPlugin.messages).
 * The telephony webhook answers machines and keeps its English reasons.
 */
const book = defineMessages({
  'zh-CN': {
    'callcenter.notEmpty': '不能为空',
    'callcenter.maxCharacters': '最多 {max} 个字符',
    'callcenter.idOf': '必须是{what, select, customer {客户} contact {联系人} user {用户} team {团队} ticket {工单} other {{what}}}的 ID',
    'callcenter.httpUrl': '必须是 http(s) 网址',
    'callcenter.endBeforeStart': '不能早于 startedAt',
    'callcenter.answeredOutside': '必须在 startedAt 与 endedAt 之间',
    'callcenter.answeredRequired': '已接听（ANSWERED）的通话必须填写接听时间',
    'callcenter.answeredDisposition': '已接听的通话，结果只能是 ANSWERED 或 VOICEMAIL',
    'callcenter.outcomeOneOf': '必须是以下之一：{outcomes}',
    'callcenter.notCustomerContact': '不是该客户的联系人',
    'callcenter.noSuchContact': '联系人不存在',
    'callcenter.noSuchCustomer': '客户不存在',
    'callcenter.noSuchTicket': '工单不存在',
    'callcenter.notCustomerTicket': '不是该通话所属客户的工单',
    'callcenter.noSuchTeam': '团队不存在',
    'callcenter.notInFuture': '不能晚于现在',
    'callcenter.mayNotChange': '你无权修改这条通话记录',
    'callcenter.nothingToChange': '没有要修改的内容',
    'callcenter.lookupDigits': '至少需要 {min} 位数字',
    'callcenter.afterFrom': '必须晚于 from',
    'callcenter.callback.noCustomer': '该通话尚未匹配到你可查看的客户',
    'callcenter.callback.dueInFuture': '必须晚于现在',
  },
  en: {
    'callcenter.notEmpty': 'must not be empty',
    'callcenter.maxCharacters': 'must be at most {max} characters',
    'callcenter.idOf': 'must be the id of a {what}',
    'callcenter.httpUrl': 'must be an http(s) URL',
    'callcenter.endBeforeStart': 'must not be before startedAt',
    'callcenter.answeredOutside': 'must be between startedAt and endedAt',
    'callcenter.answeredRequired': 'is required for an ANSWERED call',
    'callcenter.answeredDisposition': 'must be ANSWERED or VOICEMAIL for an answered call',
    'callcenter.outcomeOneOf': 'must be one of: {outcomes}',
    'callcenter.notCustomerContact': "is not one of the customer's contacts",
    'callcenter.noSuchContact': 'no such contact',
    'callcenter.noSuchCustomer': 'no such customer',
    'callcenter.noSuchTicket': 'no such ticket',
    'callcenter.notCustomerTicket': "is not one of the call's customer's tickets",
    'callcenter.noSuchTeam': 'no such team',
    'callcenter.notInFuture': 'must not be in the future',
    'callcenter.mayNotChange': 'You may not change this call',
    'callcenter.nothingToChange': 'nothing to change',
    'callcenter.lookupDigits': 'must have at least {min} digits',
    'callcenter.afterFrom': 'must be after from',
    'callcenter.callback.noCustomer': 'call is not matched to a customer you can see',
    'callcenter.callback.dueInFuture': 'must be in the future',
  },
});

export type CallcenterMessageKey = keyof (typeof book.catalogue)['en'];

/** Typed explicitly so `callcenter.refuse(...)` narrows like a throw. */
export const callcenter: MessageBook<CallcenterMessageKey> = book;
