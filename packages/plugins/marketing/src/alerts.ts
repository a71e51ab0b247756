import type { AlertCatalogue, AlertKindDefinition, AlertText } from '@rapport/core';

export const CAMPAIGN_STARTING = 'CAMPAIGN_STARTING';
export const CAMPAIGN_ENDING = 'CAMPAIGN_ENDING';
export const CAMPAIGN_MEMBER_RESPONDED = 'CAMPAIGN_MEMBER_RESPONDED';

export const MARKETING_ALERT_KINDS = [
  { kind: CAMPAIGN_STARTING, description: 'A PLANNED campaign you own starts soon (see alertLeadHours).' },
  { kind: CAMPAIGN_ENDING, description: 'An ACTIVE or PAUSED campaign you own ends soon (see alertLeadHours).' },
  {
    kind: CAMPAIGN_MEMBER_RESPONDED,
    description: "A contact of one of your customers responded to a campaign; sent to the customer's owner.",
  },
] as const satisfies readonly AlertKindDefinition[];

/** The marketing plugin's alert texts in zh-CN and en (ICU MessageFormat, see @rapport/core alertMessage). */
const zhCN = {
  [CAMPAIGN_STARTING]: { title: '营销活动将于 {at, date, dateTime} 开始：{campaign}' },
  [CAMPAIGN_ENDING]: { title: '营销活动将于 {at, date, dateTime} 结束：{campaign}' },
  [CAMPAIGN_MEMBER_RESPONDED]: { title: '{contact}（{customer}）响应了营销活动 {campaign}：{status}', body: '{note}' },
} as const satisfies Record<string, AlertText>;

const en: Record<keyof typeof zhCN, AlertText> = {
  [CAMPAIGN_STARTING]: { title: 'Campaign starts {at, date, dateTime}: {campaign}' },
  [CAMPAIGN_ENDING]: { title: 'Campaign ends {at, date, dateTime}: {campaign}' },
  [CAMPAIGN_MEMBER_RESPONDED]: { title: '{contact} ({customer}) responded to {campaign}: {status}', body: '{note}' },
};

export const MARKETING_ALERT_MESSAGES: AlertCatalogue<keyof typeof zhCN> = { 'zh-CN': zhCN, en };
