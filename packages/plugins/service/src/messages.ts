import { defineMessages, type MessageBook } from '@rapport/core';

/**
 * The service plugin's texts for people (refusals of tickets and their metrics), zh-CN and en in ICU
 * MessageFormat: raise with `service.refuse`/`service.field`, the reader gets their language
 * (RapportPlugin.messages).
 */
const book = defineMessages({
  'zh-CN': {
    'service.ticket.alreadyStatus': '工单已是 {status} 状态',
    'service.ticket.useAction':
      '要将工单从 {from} 改为 {to}，请{via, select, change {修改状态} resolve {填写解决说明后解决（resolveTicket）} close {关闭工单（closeTicket）} other {说明原因后重新打开（reopenTicket）}}',
    'service.ticket.notAllowed': '{from} 状态的工单不能改为 {to}（{from} 状态只能改为 {targets}）',
    'service.ticket.cannotEscalate': '{status} 状态的工单不能升级：请先重新打开',
    'service.ticket.rateWhenResolved': '工单解决（RESOLVED）或关闭（CLOSED）后才能评价，当前状态为 {status}',
    'service.ticket.alreadyRated': '该工单已评价过',
    'service.ticket.closed': '工单已关闭（CLOSED）：请先重新打开',
    'service.ticket.alreadyAssigned': '工单已分配给该用户',
    'service.notCustomerContact': '不是该客户的联系人',
    'service.noSuchTeam': '团队不存在',
    'service.afterFrom': '必须晚于 from',
  },
  en: {
    'service.ticket.alreadyStatus': 'ticket is already {status}',
    'service.ticket.useAction':
      'to go from {from} to {to}, {via, select, change {change its status} resolve {resolve it with a resolution note (resolveTicket)} close {close it (closeTicket)} other {reopen it with a reason (reopenTicket)}}',
    'service.ticket.notAllowed': 'a {from} ticket cannot become {to} (from {from} it can become {targets})',
    'service.ticket.cannotEscalate': 'a {status} ticket cannot be escalated; reopen it first',
    'service.ticket.rateWhenResolved': 'a ticket can be rated once it is RESOLVED or CLOSED; it is {status}',
    'service.ticket.alreadyRated': 'ticket was already rated',
    'service.ticket.closed': 'ticket is CLOSED; reopen it first',
    'service.ticket.alreadyAssigned': 'ticket is already assigned to this user',
    'service.notCustomerContact': "is not one of the customer's contacts",
    'service.noSuchTeam': 'no such team',
    'service.afterFrom': 'must be after from',
  },
});

export type ServiceMessageKey = keyof (typeof book.catalogue)['en'];

/** Typed explicitly so `service.refuse(...)` narrows like a throw. */
export const service: MessageBook<ServiceMessageKey> = book;
