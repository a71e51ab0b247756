// Alerts by e-mail and chat bot, through the public surface: a real SMTP server in-process and local
// stand-ins for the WeCom, DingTalk and Feishu robots that verify each signature as the apps do. The
// clock is the injected one; passes of the alert scheduler and the job runner are driven by hand.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertScheduler, createMailer, emitAlerts, enqueueAlertNotifications, JobRunner, notificationJobs } from '@rapport/core';
import { ChatReceiver } from './support/chat-bots.js';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, userErrorOf, type TestServer } from './support/harness.js';
import { startMailbox, type Mailbox } from './support/mailbox.js';

const kinds = await databaseKinds();
const HOUR = 3_600_000;
const SETTINGS = `settings { quietHoursStart quietHoursEnd digestHour preferences { kind channels isDefault } chatBot { provider host signed } teamChatBot { provider host signed } }`;
const UPDATE = `mutation($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { ${SETTINGS} userErrors { field code message } } }`;
const SET_BOT = 'mutation($input: SetChatBotInput!) { setChatBot(input: $input) { chatBot { provider host signed } userErrors { field code message } } }';
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describeOnDatabases(kinds)('notifications on %s', (database) => {
  let server: TestServer;
  let mailbox: Mailbox;
  const robots = new ChatReceiver();
  const users: Record<'rep' | 'manager', { id: string; email: string; teamId: string | null }> = {} as never;

  /** Moves the clock to the next time it reads `hh:mm` in Asia/Shanghai (UTC+8, no daylight saving). */
  const advanceToShanghai = (hh: number, mm = 0) => {
    const now = server.clock.now().getTime();
    const day = Math.floor((now + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
    let target = day + hh * HOUR + mm * 60_000;
    if (target <= now) target += 24 * HOUR;
    server.clock.set(new Date(target).toISOString());
  };
  /** One pass of this instance: fire due alerts (queueing their notifications), then the due jobs (sending them). */
  const pump = async (ms = 5_000) => {
    server.clock.advance(ms);
    await server.app.alerts.fireDue();
    await server.app.jobs.runDue();
  };
  const mailsTo = (email: string, subject: RegExp) => mailbox.received.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === email && subject.test(m.subject ?? ''));

  beforeAll(async () => {
    mailbox = await startMailbox();
    await robots.start();
    server = await startTestServer({
      database,
      customers: 5,
      env: { RAPPORT_SMTP_URL: mailbox.url, RAPPORT_MAIL_FROM: 'Rapport <crm@demo.local>', RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1', RAPPORT_WEBHOOK_RETRY_BASE_MS: '60000' },
    });
    for (const name of ['rep', 'manager'] as const) {
      users[name] = await server.db.prisma.user.findUniqueOrThrow({ where: { email: `${name}@demo.local` }, select: { id: true, email: true, teamId: true } });
    }
  });
  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
    await robots.stop();
  });

  it('a rep offline when a task falls due receives the e-mail and the chat-bot message once, with two instances at work', async () => {
    const rep = server.as('rep@demo.local');
    const chosen = await rep.ok(UPDATE, { input: { preferences: [{ kind: 'TASK_OVERDUE', channels: ['EMAIL', 'CHAT'] }] } });
    expect(chosen.updateNotificationSettings.userErrors).toEqual([]);
    expect(chosen.updateNotificationSettings.settings.preferences).toContainEqual({ kind: 'TASK_OVERDUE', channels: ['EMAIL', 'CHAT'], isDefault: false });
    robots.secrets.set('rep-robot', 'SECrep-robot-signing-secret');
    const bot = await rep.ok(SET_BOT, { input: { provider: 'DINGTALK', url: robots.dingTalkUrl('rep-robot'), secret: 'SECrep-robot-signing-secret' } });
    expect(bot.setChatBot).toEqual({ chatBot: { provider: 'DINGTALK', host: new URL(robots.base).host, signed: true }, userErrors: [] });

    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: users.rep.id }, orderBy: { number: 'asc' } });
    const created = await rep.ok('mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { field code message } } }', {
      input: { customerId: globalId('Customer', customer.id), kind: 'TASK', subject: '回访：续约报价', dueAt: new Date(server.clock.now().getTime() + HOUR).toISOString() },
    });
    expect(created.createActivity.userErrors).toEqual([]);

    // A second instance on the same database: its own alert scheduler and job runner (its own SMTP connection).
    const { prisma } = server.db;
    const other = {
      alerts: new AlertScheduler({ prisma, bus: server.app.alertBus, clock: server.clock, onFired: (ids, now) => enqueueAlertNotifications(prisma, ids, now, { email: true }) }),
      jobs: new JobRunner({
        prisma,
        clock: server.clock,
        jobs: notificationJobs({ mailer: createMailer({ smtpUrl: mailbox.url, from: 'Rapport <crm@demo.local>' }), from: 'Rapport <crm@demo.local>', webhooks: server.config.webhooks }).map((job) => ({ job, config: undefined })),
      }),
    };
    server.clock.advance(HOUR + 60_000);
    for (let pass = 0; pass < 3; pass++) {
      server.clock.advance(5_000);
      await Promise.all([server.app.alerts.fireDue(), other.alerts.fireDue()]);
      await Promise.all([server.app.jobs.runDue(), other.jobs.runDue()]);
    }

    const mails = mailsTo(users.rep.email, /回访：续约报价/);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('【任务到期】已逾期：回访：续约报价'); // the kind's zh-CN text, the rep's language
    expect(mails[0]!.text).toMatch(/时间：/);
    const chats = robots.messages.filter((m) => m.text.includes('回访：续约报价'));
    expect(chats).toEqual([{ app: 'DINGTALK', text: expect.stringContaining('【任务到期】'), accepted: true }]);
    const deliveries = await prisma.notificationDelivery.findMany({ where: { recipientId: users.rep.id, alert: { kind: 'TASK_OVERDUE' } } });
    expect(deliveries.map((d) => [d.channel, d.status, d.attemptCount]).sort()).toEqual([
      ['CHAT', 'SENT', 1],
      ['EMAIL', 'SENT', 1],
    ]);
  });

  it('holds a non-urgent notification through quiet hours in the user’s time zone; an urgent kind goes at once', async () => {
    await server.db.prisma.user.update({ where: { id: users.manager.id }, data: { locale: 'en' } });
    const manager = server.as('manager@demo.local');
    const quiet = await manager.ok(UPDATE, { input: { quietHoursStart: '22:00', quietHoursEnd: '08:00', preferences: [{ kind: 'TASK_DUE_SOON', channels: ['EMAIL'] }] } });
    expect(quiet.updateNotificationSettings.settings).toMatchObject({ quietHoursStart: '22:00', quietHoursEnd: '08:00' });
    // The manager did not choose for approvals: the admins' default applies, and it is urgent.
    const setDefault = await server.ok('mutation { setNotificationDefault(input: { kind: APPROVAL_REQUESTED, channels: [EMAIL], urgent: true }) { notificationDefault { kind channels urgent } userErrors { field code message } } }');
    expect(setDefault.setNotificationDefault).toEqual({ notificationDefault: { kind: 'APPROVAL_REQUESTED', channels: ['EMAIL'], urgent: true }, userErrors: [] });

    advanceToShanghai(23, 0);
    const night = server.clock.now();
    await emitAlerts(
      server.db.prisma,
      [
        { recipientId: users.manager.id, kind: 'TASK_DUE_SOON', title: 'Call Acme back', dedupeKey: 'quiet-task' },
        { recipientId: users.manager.id, kind: 'APPROVAL_REQUESTED', title: 'Quote Q-1 waits for you', dedupeKey: 'quiet-approval' },
      ],
      night,
    );
    await pump();
    await pump();
    expect(mailsTo(users.manager.email, /Quote Q-1/).map((m) => m.subject)).toEqual(['[Approval requested] Quote Q-1 waits for you']);
    expect(mailsTo(users.manager.email, /Call Acme back/)).toHaveLength(0);

    advanceToShanghai(7, 59);
    await pump(0);
    expect(mailsTo(users.manager.email, /Call Acme back/)).toHaveLength(0);
    advanceToShanghai(8, 0);
    await pump();
    const morning = mailsTo(users.manager.email, /Call Acme back/);
    expect(morning.map((m) => m.subject)).toEqual(['[Task reminder] Call Acme back']);
    expect(morning[0]!.text).toMatch(/Time: .*23:00/);
  });

  it('mails a daily digest of unread alerts at the user’s local hour, once a day', async () => {
    const rep = server.as('rep@demo.local');
    await rep.ok(UPDATE, { input: { digestHour: 9 } });
    advanceToShanghai(8, 30);
    const { prisma } = server.db;
    await emitAlerts(
      prisma,
      [
        { recipientId: users.rep.id, kind: 'FOLLOW_UP_NEEDED', title: '深圳星河科技 30 天未联系', dedupeKey: 'digest-1' },
        { recipientId: users.rep.id, kind: 'FOLLOW_UP_NEEDED', title: 'Already read', dedupeKey: 'digest-2' },
      ],
      server.clock.now(),
    );
    await pump();
    const read = await prisma.alert.findUniqueOrThrow({ where: { dedupeKey: 'digest-2' } });
    await rep.ok('mutation($id: ID!) { markAlertRead(input: { id: $id }) { alert { readAt } userErrors { code } } }', { id: globalId('Alert', read.id) });
    await pump();
    expect(mailsTo(users.rep.email, /未读提醒/)).toHaveLength(0);

    advanceToShanghai(9, 1);
    await pump(0);
    await pump();
    const digests = mailsTo(users.rep.email, /未读提醒/);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('深圳星河科技 30 天未联系');
    expect(digests[0]!.text).not.toContain('Already read');

    for (let pass = 0; pass < 3; pass++) await pump(20 * 60_000);
    expect(mailsTo(users.rep.email, /未读提醒/)).toHaveLength(1);
  });

  it('retries a chat message with backoff while the robot is down; Feishu signs; a team’s WeCom bot serves a member without their own', async () => {
    const manager = server.as('manager@demo.local');
    robots.secrets.set('manager-hook', 'feishu-signing-secret');
    await manager.ok(UPDATE, { input: { quietHoursStart: null, quietHoursEnd: null, preferences: [{ kind: 'TASK_DUE_SOON', channels: ['CHAT'] }] } });
    expect((await manager.ok(SET_BOT, { input: { provider: 'FEISHU', url: robots.feishuUrl('manager-hook'), secret: 'feishu-signing-secret' } })).setChatBot.userErrors).toEqual([]);

    robots.failNext = 2;
    await emitAlerts(server.db.prisma, [{ recipientId: users.manager.id, kind: 'TASK_DUE_SOON', title: 'Visit Huaxin', dedupeKey: 'retry-1' }], server.clock.now());
    await pump(); // fired and queued
    await pump(); // attempt 1: HTTP 500, next in 60 s
    await pump(); // not due yet
    await pump(60_000); // attempt 2: HTTP 500, next in 120 s
    expect(robots.accepted('FEISHU')).toHaveLength(0);
    await pump(60_000); // not due yet
    await pump(60_000); // attempt 3: sent
    expect(robots.accepted('FEISHU').map((m) => m.text)).toEqual([expect.stringContaining('[Task reminder] Visit Huaxin')]);
    const delivery = await server.db.prisma.notificationDelivery.findFirstOrThrow({ where: { alert: { dedupeKey: 'retry-1' } } });
    expect(delivery).toMatchObject({ status: 'SENT', attemptCount: 3 });

    // The team's bot, set by its manager; the rep drops their own and is served by it.
    const teamBot = await manager.ok(SET_BOT, { input: { teamId: globalId('Team', users.rep.teamId!), provider: 'WECOM', url: robots.wecomUrl() } });
    expect(teamBot.setChatBot.chatBot).toEqual({ provider: 'WECOM', host: new URL(robots.base).host, signed: false });
    const rep = server.as('rep@demo.local');
    expect((await rep.ok('mutation { removeChatBot(input: {}) { removed userErrors { code } } }')).removeChatBot).toEqual({ removed: true, userErrors: [] });
    await emitAlerts(server.db.prisma, [{ recipientId: users.rep.id, kind: 'TASK_OVERDUE', title: '拜访华信', dedupeKey: 'team-bot-1' }], server.clock.now());
    await pump();
    await pump();
    expect(robots.accepted('WECOM').map((m) => m.text)).toEqual([expect.stringContaining('【任务到期】拜访华信')]);
  });

  it('sends a delivery whose sender died mid-way once its claim lapses, and only then', async () => {
    const { prisma } = server.db;
    await emitAlerts(prisma, [{ recipientId: users.rep.id, kind: 'TASK_OVERDUE', title: '致电宏远物流', dedupeKey: 'crash-1' }], server.clock.now());
    await server.app.alerts.fireDue();
    // What an instance leaves behind when it dies after claiming: the rows leased for 15 minutes.
    const queued = await prisma.notificationDelivery.findMany({ where: { alert: { dedupeKey: 'crash-1' } } });
    expect(queued.map((d) => d.channel).sort()).toEqual(['CHAT', 'EMAIL']);
    await prisma.notificationDelivery.updateMany({ where: { alert: { dedupeKey: 'crash-1' } }, data: { nextAttemptAt: new Date(server.clock.now().getTime() + 15 * 60_000) } });
    await pump();
    expect(mailsTo(users.rep.email, /致电宏远物流/)).toHaveLength(0);
    await pump(14 * 60_000);
    expect(mailsTo(users.rep.email, /致电宏远物流/)).toHaveLength(0);
    await pump(60_000);
    expect(mailsTo(users.rep.email, /致电宏远物流/)).toHaveLength(1);
    expect(robots.accepted('WECOM').filter((m) => m.text.includes('致电宏远物流'))).toHaveLength(1);
  });

  it('keeps preferences in the graph with typed userErrors, never reads a bot’s URL or secret back, and lets only admins set defaults', async () => {
    const rep = server.as('rep@demo.local');
    expect(userErrorOf(await rep.gql(UPDATE, { input: { quietHoursStart: '25:00', quietHoursEnd: '08:00' } }))).toMatchObject({ fields: ['quietHoursStart'], codes: ['INVALID'] });
    expect(userErrorOf(await rep.gql(UPDATE, { input: { quietHoursStart: null, quietHoursEnd: null } })).fields).toEqual([]);
    expect(userErrorOf(await rep.gql(UPDATE, { input: { quietHoursStart: '22:00' } }))).toMatchObject({ fields: ['quietHoursEnd'], codes: ['REQUIRED'] });
    expect(userErrorOf(await rep.gql(UPDATE, { input: { digestHour: 24 } }))).toMatchObject({ fields: ['digestHour'], codes: ['OUT_OF_RANGE'] });
    expect(userErrorOf(await rep.gql(SET_BOT, { input: { provider: 'WECOM', url: 'ftp://example.com/hook' } }))).toMatchObject({ fields: ['url'], codes: ['INVALID'] });
    expect(errorOf(await rep.gql(SET_BOT, { input: { teamId: globalId('Team', users.rep.teamId!), provider: 'WECOM', url: robots.wecomUrl() } })).code).toBe('FORBIDDEN');

    const fields = await rep.ok('{ __type(name: "ChatBot") { fields { name } } }');
    expect(fields.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['host', 'provider', 'signed', 'updatedAt']);
    const settings = await rep.ok(`{ notificationSettings { teamChatBot { provider host signed } preferences { kind channels isDefault } } }`);
    expect(settings.notificationSettings.teamChatBot).toEqual({ provider: 'WECOM', host: new URL(robots.base).host, signed: false });
    expect(settings.notificationSettings.preferences).toContainEqual({ kind: 'APPROVAL_REQUESTED', channels: ['EMAIL'], isDefault: true });

    const audit = JSON.stringify(await server.db.prisma.auditEntry.findMany({ where: { action: { startsWith: 'chatBot.' } } }));
    expect(audit).toContain('chatBot.set');
    for (const secret of ['SECrep-robot-signing-secret', 'feishu-signing-secret', 'wecom-key', 'rep-robot', 'manager-hook']) expect(audit).not.toContain(secret);

    expect(errorOf(await rep.gql('{ notificationDefaults { kind } }')).code).toBe('FORBIDDEN');
    expect(errorOf(await rep.gql('mutation { setNotificationDefault(input: { kind: TASK_OVERDUE, channels: [EMAIL] }) { userErrors { code } } }')).code).toBe('FORBIDDEN');
    expect((await server.ok('{ notificationDefaults { kind channels urgent } }')).notificationDefaults).toEqual([{ kind: 'APPROVAL_REQUESTED', channels: ['EMAIL'], urgent: true }]);
  });

  it('gives up at once on a delivery whose recipient was deactivated after it was queued', async () => {
    const { prisma } = server.db;
    await emitAlerts(prisma, [{ recipientId: users.rep.id, kind: 'TASK_OVERDUE', title: '离职前的任务', dedupeKey: 'deactivated-1' }], server.clock.now());
    await server.app.alerts.fireDue();
    await prisma.user.update({ where: { id: users.rep.id }, data: { active: false } });
    try {
      await pump();
      const deliveries = await prisma.notificationDelivery.findMany({ where: { alert: { dedupeKey: 'deactivated-1' } } });
      expect(deliveries.map((d) => [d.status, d.attemptCount, d.lastError])).toEqual([
        ['FAILED', 1, 'the recipient was deactivated'],
        ['FAILED', 1, 'the recipient was deactivated'],
      ]);
      expect(mailsTo(users.rep.email, /离职前的任务/)).toHaveLength(0);
    } finally {
      await prisma.user.update({ where: { id: users.rep.id }, data: { active: true } });
    }
  });

  it('shows the delivery log to admins and each user their own, and redelivers a sent chat message with the same id', async () => {
    const LOG = `query($status: NotificationDeliveryStatus) { notificationDeliveries(first: 20, status: $status) { totalCount edges { node { id channel status attemptCount lastError nextAttemptAt sentAt what alertKind recipient { email } } } } }`;
    const REDELIVER = 'mutation($input: RedeliverNotificationInput!) { redeliverNotification(input: $input) { delivery { id status attemptCount } userErrors { field code message } } }';
    const manager = server.as('manager@demo.local');
    await manager.ok(UPDATE, { input: { quietHoursStart: null, quietHoursEnd: null, preferences: [{ kind: 'FOLLOW_UP_NEEDED', channels: ['CHAT'] }] } });
    expect((await manager.ok(SET_BOT, { input: { provider: 'FEISHU', url: robots.feishuUrl('log-hook') } })).setChatBot.userErrors).toEqual([]);
    robots.failNext = 1;
    await emitAlerts(server.db.prisma, [{ recipientId: users.manager.id, kind: 'FOLLOW_UP_NEEDED', title: '回访宁波远航', dedupeKey: 'log-1' }], server.clock.now());
    await pump(); // fired and queued
    await pump(); // attempt 1: the robot answers 500

    const mine = (await manager.ok(LOG, { status: 'PENDING' })).notificationDeliveries;
    const pending = mine.edges.map((e: any) => e.node).find((d: any) => d.alertKind === 'FOLLOW_UP_NEEDED');
    expect(pending).toMatchObject({ channel: 'CHAT', status: 'PENDING', attemptCount: 1, what: 'ALERT', sentAt: null, recipient: { email: users.manager.email } });
    expect(pending.lastError).toMatch(/500/);
    expect(pending.nextAttemptAt).not.toBeNull();
    // Still queued: a redelivery leaves it as it is.
    expect((await manager.ok(REDELIVER, { input: { id: pending.id } })).redeliverNotification).toEqual({ delivery: { id: pending.id, status: 'PENDING', attemptCount: 1 }, userErrors: [] });

    await pump(60_000); // attempt 2: sent
    const sent = (await manager.ok('query($id: ID!) { node(id: $id) { ... on NotificationDelivery { status attemptCount lastError sentAt } } }', { id: pending.id })).node;
    expect(sent).toMatchObject({ status: 'SENT', attemptCount: 2, lastError: null });
    expect(robots.accepted('FEISHU').filter((m) => m.text.includes('回访宁波远航'))).toHaveLength(1);

    // The rep sees only their own; the admin sees everyone's; only they and the recipient may redeliver.
    const rep = server.as('rep@demo.local');
    const repLog = (await rep.ok(LOG, {})).notificationDeliveries;
    expect(repLog.edges.every((e: any) => e.node.recipient.email === users.rep.email)).toBe(true);
    expect((await rep.ok('query($id: ID!) { node(id: $id) { id } }', { id: pending.id })).node).toBeNull();
    expect(errorOf(await rep.gql(REDELIVER, { input: { id: pending.id } })).code).toBe('NOT_FOUND');
    const all = (await server.ok(LOG, {})).notificationDeliveries;
    expect(all.edges.map((e: any) => e.node.id)).toContain(pending.id);
    expect(all.totalCount).toBeGreaterThan(repLog.totalCount);

    const again = (await server.ok(REDELIVER, { input: { id: pending.id } })).redeliverNotification;
    expect(again).toEqual({ delivery: { id: pending.id, status: 'PENDING', attemptCount: 2 }, userErrors: [] });
    await pump();
    expect(robots.accepted('FEISHU').filter((m) => m.text.includes('回访宁波远航'))).toHaveLength(2);
    expect((await server.ok('query($id: ID!) { node(id: $id) { ... on NotificationDelivery { status attemptCount } } }', { id: pending.id })).node).toEqual({ status: 'SENT', attemptCount: 3 });
    const audit = await server.db.prisma.auditEntry.findMany({ where: { action: 'notificationDelivery.redeliver' } });
    expect(audit.map((a) => a.before)).toEqual([{ status: 'SENT', attemptCount: 2 }]);
  });
});
