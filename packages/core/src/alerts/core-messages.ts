import type { AlertCatalogue, AlertText } from './messages.js';

/** Core's alert texts in zh-CN, by kind (ICU MessageFormat; see messages.ts). */
const zhCN = {
  TASK_ASSIGNED: { title: '分配给你的任务：{subject}' },
  TASK_DUE_SOON: { title: '提醒：{subject}', body: '{hasDue, select, no {未设截止时间} other {截止于 {due, date, dateTime}}}' },
  TASK_OVERDUE: { title: '已逾期：{subject}' },
  TASK_PARTICIPANT_ADDED: { title: '你已被加入任务：{subject}', body: '{hasDue, select, no {未设截止时间} other {截止于 {due, date, dateTime}}}' },
  TASK_PARTICIPANT_DUE: { title: '任务已到截止时间：{subject}' },
  FOLLOW_UP_NEEDED: { title: '请跟进 {customer}', body: '该客户已有 {days} 天无人联系。' },
  CUSTOMER_ABOUT_TO_BE_RELEASED: {
    title: '即将退回公海：{customer}',
    body: '该客户自 {since, date, day} 起{basis, select, DEAL {未成交} OPPORTUNITY {无进行中的商机} other {无人跟进}}；若无变化，将在 {days} 天后退回{poolKind, select, DEFAULT {公海} other {公海「{pool}」}}。',
  },
  CUSTOMER_RELEASED_TO_POOL: { title: '已退回公海：{customer}', body: '该客户 {days} 天{basis, select, DEAL {未成交} OPPORTUNITY {无进行中的商机} other {无人跟进}}，已退回{poolKind, select, DEFAULT {公海} other {公海「{pool}」}}，同事现在可以领取。' },
  APPROVAL_REQUESTED: { title: '待你审批（第 {step} 步）：{subject}', body: '{reason}' },
  APPROVAL_DECIDED: { title: '{decision, select, APPROVED {已批准} other {已驳回}}：{subject}', body: '{comment}' },
  WEBHOOK_ENDPOINT_PAUSED: {
    title: 'Webhook 端点已暂停：{url}',
    body: '自 {since, date, dateTime} 起连续 {failures} 次投递失败（最近一次：{error}）。恢复（resumeWebhookEndpoint）前，投递将保持等待。',
  },
  CUSTOMER_AT_RISK: {
    title: '流失风险：{customer}',
    body:
      '流失预警：{contactsFell, select, yes {近 {windowDays} 天联系 {recentContacts} 次，此前平均每 {windowDays} 天 {baselineContacts} 次} other {}}' +
      '{contactsFell, select, yes {{dealsFell, select, yes {；} other {}}} other {}}' +
      '{dealsFell, select, yes {近 {windowDays} 天成交 {recentDeals} 笔，此前平均每 {windowDays} 天 {baselineDeals} 笔} other {}}。',
  },
  BIRTHDAY_CARE_DUE: { title: '生日关怀：{contact}（{customer}）', body: '{contact} 的生日是 {day}，记得送上祝福。' },
  HOLIDAY_CARE_DUE: { title: '节日关怀：{holiday}（{day}）', body: '{holiday}将至：请问候你的 {count} 位客户，关怀任务已加入你的待办。' },
  CUSTOMER_FILE_REVIEW_DUE: { title: '客户档案复查：{customer}', body: '距上次复查（或建档）已满 {days} 天，请检查并更新客户档案；完成任务即记为已复查。' },
} as const satisfies Record<string, AlertText>;

type CoreAlertKind = keyof typeof zhCN;

const en: Record<CoreAlertKind, AlertText> = {
  TASK_ASSIGNED: { title: 'Assigned to you: {subject}' },
  TASK_DUE_SOON: { title: 'Reminder: {subject}', body: '{hasDue, select, no {No due time} other {Due {due, date, dateTime}}}' },
  TASK_OVERDUE: { title: 'Overdue: {subject}' },
  TASK_PARTICIPANT_ADDED: { title: 'You were added to a task: {subject}', body: '{hasDue, select, no {No due time} other {Due {due, date, dateTime}}}' },
  TASK_PARTICIPANT_DUE: { title: 'Task due now: {subject}' },
  FOLLOW_UP_NEEDED: { title: 'Follow up with {customer}', body: 'Nobody has contacted this customer for {days} days.' },
  CUSTOMER_ABOUT_TO_BE_RELEASED: {
    title: 'About to be released to the public pool: {customer}',
    body: '{basis, select, DEAL {No deal with this customer since {since, date, day}} OPPORTUNITY {No open opportunity with this customer since {since, date, day}} other {Nobody followed this customer up since {since, date, day}}}; unless that changes it goes back to the public pool{poolKind, select, DEFAULT {} other { ({pool})}} in {days, plural, one {# day} other {# days}}.',
  },
  CUSTOMER_RELEASED_TO_POOL: {
    title: 'Released to the public pool: {customer}',
    body:
      '{basis, select, DEAL {No deal with this customer for {days} days} OPPORTUNITY {No open opportunity with this customer for {days} days} other {Nobody followed this customer up for {days} days}}' +
      '{poolKind, select, DEFAULT {} other {; it is in the pool {pool}}}; colleagues may claim it now.',
  },
  APPROVAL_REQUESTED: { title: 'Approval needed (step {step}): {subject}', body: '{reason}' },
  APPROVAL_DECIDED: { title: '{decision, select, APPROVED {Approved} other {Rejected}}: {subject}', body: '{comment}' },
  WEBHOOK_ENDPOINT_PAUSED: {
    title: 'Webhook endpoint paused: {url}',
    body: 'It failed {failures} attempts in a row since {since, date, dateTime} (last: {error}). Deliveries wait until it is resumed (resumeWebhookEndpoint).',
  },
  CUSTOMER_AT_RISK: {
    title: 'At risk: {customer}',
    body:
      'Churn warning: {contactsFell, select, yes {contacts fell to {recentContacts} in the last {windowDays} days from {baselineContacts} per {windowDays} days before} other {}}' +
      '{contactsFell, select, yes {{dealsFell, select, yes {; } other {}}} other {}}' +
      '{dealsFell, select, yes {deals fell to {recentDeals} in the last {windowDays} days from {baselineDeals} per {windowDays} days before} other {}}.',
  },
  BIRTHDAY_CARE_DUE: { title: 'Birthday care: {contact} ({customer})', body: '{contact}’s birthday is on {day}; remember to send your wishes.' },
  HOLIDAY_CARE_DUE: {
    title: 'Holiday care: {holidayEn} ({day})',
    body: '{holidayEn} is coming: greet your {count, plural, one {# customer} other {# customers}}; the care tasks are on your list.',
  },
  CUSTOMER_FILE_REVIEW_DUE: {
    title: 'Customer file review: {customer}',
    body: 'It is {days} days since the file was last reviewed (or created); check and update it. Completing the task records the review.',
  },
};

export const CORE_ALERT_MESSAGES: AlertCatalogue<CoreAlertKind> = { 'zh-CN': zhCN, en };
