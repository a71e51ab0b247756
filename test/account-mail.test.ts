// Invitation and password-reset links reach people by e-mail when RAPPORT_SMTP_URL is set: a real
// SMTP server in-process receives what the graph's mutations send, in the recipient's language.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startTestServer, type TestServer } from './support/harness.js';

/** An SMTP server on 127.0.0.1 that keeps every message it accepts. */
async function startMailbox() {
  const received: ParsedMail[] = [];
  const waiting: Array<(mail: ParsedMail) => void> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        waiting.shift()?.(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next: () => new Promise<ParsedMail>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

describe('account links by e-mail', () => {
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let server: TestServer;

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startTestServer({ database: 'pglite', customers: 5, env: { RAPPORT_SMTP_URL: mailbox.url, RAPPORT_MAIL_FROM: 'Rapport <crm@demo.local>' } });
  });
  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  it('mails an invitation in Chinese by default, with the set-password link', async () => {
    const next = mailbox.next();
    await server.ok('mutation { inviteUser(input: { name: "王芳", email: "wang.fang@demo.local" }) { user { id } userErrors { field code message } } }');
    const mail = await next;
    expect(mail.from?.value[0]).toMatchObject({ name: 'Rapport', address: 'crm@demo.local' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe('wang.fang@demo.local');
    expect(mail.subject).toBe('邀请您加入 Rapport');
    expect(mail.text).toMatch(/http:\/\/localhost:4000\/set-password\?token=\S+/);
  });

  it('mails a password reset in English to a user who reads English, and nothing for an unknown address', async () => {
    const before = mailbox.received.length;
    await server.anonymous.ok('mutation { requestPasswordReset(input: { email: "nobody@demo.local" }) { accepted userErrors { field code message } } }');
    const next = mailbox.next();
    await server.ok('mutation { inviteUser(input: { name: "Li Lei", email: "li.lei@demo.local", locale: "en" }) { user { id } userErrors { field code message } } }');
    await next;
    const reset = mailbox.next();
    await server.anonymous.ok('mutation { requestPasswordReset(input: { email: "li.lei@demo.local" }) { accepted userErrors { field code message } } }');
    const mail = await reset;
    expect(mail.subject).toBe('Reset your Rapport password');
    expect(mail.text).toMatch(/\/reset-password\?token=\S+/);
    expect(mailbox.received.length).toBe(before + 2);
  });
});
