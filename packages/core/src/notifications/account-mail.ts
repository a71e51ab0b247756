// Invitation and password-reset links by e-mail over SMTP (RAPPORT_SMTP_URL), in the recipient's locale.
import nodemailer, { type Transporter } from 'nodemailer';
import type { AccountMessage, Notifier } from '../users/notifier.js';

export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`, as nodemailer reads it. */
  smtpUrl: string;
  /** The From header, e.g. `Rapport <no-reply@example.com>`. */
  from: string;
}

interface Letter {
  subject: string;
  text: string;
}

/** The e-mail for one account message: zh-CN unless the user reads English. */
export function accountLetter(message: AccountMessage): Letter {
  const until = message.expiresAt.toISOString();
  const english = message.to.locale.startsWith('en');
  if (message.kind === 'invitation') {
    return english
      ? { subject: 'You are invited to Rapport', text: `Hello ${message.to.name},\n\nSet your password to start using Rapport:\n${message.link}\n\nThe link is valid until ${until} and works once.` }
      : { subject: '邀请您加入 Rapport', text: `${message.to.name}，您好：\n\n请通过以下链接设置密码后开始使用 Rapport：\n${message.link}\n\n链接有效期至 ${until}，仅可使用一次。` };
  }
  return english
    ? { subject: 'Reset your Rapport password', text: `Hello ${message.to.name},\n\nReset your password here:\n${message.link}\n\nThe link is valid until ${until} and works once. If you did not ask for it, ignore this e-mail.` }
    : { subject: '重置您的 Rapport 密码', text: `${message.to.name}，您好：\n\n请通过以下链接重置密码：\n${message.link}\n\n链接有效期至 ${until}，仅可使用一次。如非本人操作，请忽略此邮件。` };
}

/** The SMTP transport of RAPPORT_SMTP_URL (account links and alert notifications). */
export function createMailer(settings: MailSettings): Transporter {
  return nodemailer.createTransport(settings.smtpUrl);
}

export function smtpNotifier(settings: MailSettings): Notifier {
  const transport = createMailer(settings);
  return {
    async deliver(message) {
      await transport.sendMail({ from: settings.from, to: { name: message.to.name, address: message.to.email }, ...accountLetter(message) });
    },
  };
}
