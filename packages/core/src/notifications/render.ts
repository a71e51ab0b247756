// The text of an alert as e-mails and chat messages carry it, in the recipient's language and time
// zone. Every channel renders through notificationMessage, so how alert text is stored can change in
// one place: an alert raised with parameters reads from the kinds' catalogue (alerts/messages.ts), as
// the graph renders it; one without reads as stored.
import { type AlertCatalogue, type AlertParams, renderAlert } from '../alerts/messages.js';
import { languageOf } from '../shared/locale.js';

export interface AlertText {
  kind: string;
  title: string;
  body: string | null;
  params?: unknown;
  fireAt: Date;
}

export interface Reader {
  name: string;
  locale: string;
  timeZone: string;
}

export interface Message {
  subject: string;
  text: string;
}

const KIND_LABELS: Record<string, { zh: string; en: string }> = {
  TASK_ASSIGNED: { zh: '新任务', en: 'New task' },
  TASK_DUE_SOON: { zh: '任务提醒', en: 'Task reminder' },
  TASK_OVERDUE: { zh: '任务到期', en: 'Task due' },
  TASK_PARTICIPANT_ADDED: { zh: '参与任务', en: 'Task participant' },
  TASK_PARTICIPANT_DUE: { zh: '任务到期', en: 'Task due' },
  FOLLOW_UP_NEEDED: { zh: '待跟进', en: 'Follow-up needed' },
  CUSTOMER_ABOUT_TO_BE_RELEASED: { zh: '即将退回公海', en: 'About to return to the pool' },
  CUSTOMER_RELEASED_TO_POOL: { zh: '已退回公海', en: 'Returned to the pool' },
  APPROVAL_REQUESTED: { zh: '待审批', en: 'Approval requested' },
  APPROVAL_DECIDED: { zh: '审批结果', en: 'Approval decided' },
  WEBHOOK_ENDPOINT_PAUSED: { zh: 'Webhook 已暂停', en: 'Webhook paused' },
  CUSTOMER_AT_RISK: { zh: '流失预警', en: 'Churn warning' },
};

const english = (reader: Reader) => reader.locale.startsWith('en');

function kindLabel(kind: string, reader: Reader): string {
  const label = KIND_LABELS[kind];
  if (!label) return kind;
  return english(reader) ? label.en : label.zh;
}

function localTime(at: Date, reader: Reader): string {
  return new Intl.DateTimeFormat(english(reader) ? 'en-GB' : 'zh-CN', { timeZone: reader.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

function localised(alert: AlertText, reader: Reader, catalogue: AlertCatalogue | undefined): { title: string; body: string | null } {
  const stored = { title: alert.title, body: alert.body };
  if (!catalogue || alert.params == null || typeof alert.params !== 'object') return stored;
  return renderAlert(catalogue, alert.kind, alert.params as AlertParams, languageOf(reader.locale), reader.timeZone) ?? stored;
}

/** One alert as a message: subject line (e-mail) and text (e-mail body, chat message). */
export function notificationMessage(alert: AlertText, reader: Reader, catalogue?: AlertCatalogue): Message {
  const { title, body } = localised(alert, reader, catalogue);
  const label = kindLabel(alert.kind, reader);
  const subject = english(reader) ? `[${label}] ${title}` : `【${label}】${title}`;
  const when = english(reader) ? `Time: ${localTime(alert.fireAt, reader)}` : `时间：${localTime(alert.fireAt, reader)}`;
  return { subject, text: [subject, body, when].filter(Boolean).join('\n') };
}

/** The daily digest of unread alerts, oldest first. */
export function digestMessage(alerts: readonly AlertText[], reader: Reader, catalogue?: AlertCatalogue): Message {
  const lines = alerts.map((a) => `- ${notificationMessage(a, reader, catalogue).subject} (${localTime(a.fireAt, reader)})`);
  return english(reader)
    ? { subject: `Rapport: ${alerts.length} unread alert(s)`, text: `Hello ${reader.name},\n\nYou have ${alerts.length} unread alert(s):\n${lines.join('\n')}` }
    : { subject: `Rapport：${alerts.length} 条未读提醒`, text: `${reader.name}，您好：\n\n您有 ${alerts.length} 条未读提醒：\n${lines.join('\n')}` };
}

/** A scheduled export's run: the e-mail carries the file, the chat message its download link. */
export function scheduledExportMessage(run: { name: string; entity: string; format: string; at: Date }, reader: Reader, link?: string): Message {
  const when = localTime(run.at, reader);
  if (english(reader)) {
    const subject = `[Scheduled export] ${run.name}`;
    const lines = [subject, `${run.entity.toLowerCase()} list, ${run.format}, as of ${when}.`, link ? `Download (once, within 7 days): ${link}` : 'The file is attached.'];
    return { subject, text: lines.join('\n') };
  }
  const subject = `【定期导出】${run.name}`;
  const lines = [subject, `${run.entity} 列表（${run.format}），截至 ${when}。`, link ? `下载链接（7 天内有效，仅可下载一次）：${link}` : '文件见附件。'];
  return { subject, text: lines.join('\n') };
}
