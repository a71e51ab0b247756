// Invitation and password-reset links reach people by e-mail when RAPPORT_SMTP_URL is set: a real
// SMTP server in-process receives what the graph's mutations send, in the recipient's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';
import { startMailbox, type Mailbox } from './support/mailbox.js';

describe('account links by e-mail', () => {
  let mailbox: Mailbox;
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
