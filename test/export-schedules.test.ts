// Scheduled exports through the public surface: schedules managed in the graph, run by the job runner
// on the injected clock, delivered by a real in-process SMTP server (the XLSX attachment parsed with
// exceljs) and a local DingTalk stand-in (its link downloaded and the CSV parsed).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatReceiver } from './support/chat-bots.js';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';
import { startMailbox, type Mailbox } from './support/mailbox.js';

const kinds = await databaseKinds();
const FIELDS = 'id name entity format filter frequency dayOfWeek dayOfMonth time timeZone channels active nextRunAt lastRunAt version owner { email }';
const CREATE = `mutation($input: CreateExportScheduleInput!) { createExportSchedule(input: $input) { exportSchedule { ${FIELDS} } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateExportScheduleInput!) { updateExportSchedule(input: $input) { exportSchedule { ${FIELDS} } userErrors { field code message } } }`;
const DELETE = 'mutation($input: DeleteExportScheduleInput!) { deleteExportSchedule(input: $input) { deletedId userErrors { field code message } } }';

describeOnDatabases(kinds)('scheduled exports on %s', (database) => {
  let server: TestServer;
  let mailbox: Mailbox;
  const robots = new ChatReceiver();

  /** The job runner's passes, a little later each time (every job keeps its own interval). */
  const pump = async (passes = 3) => {
    for (let i = 0; i < passes; i++) {
      server.clock.advance(65_000);
      await server.app.jobs.runDue();
    }
  };

  beforeAll(async () => {
    mailbox = await startMailbox();
    await robots.start();
    server = await startTestServer({
      database,
      customers: 40,
      env: { RAPPORT_SMTP_URL: mailbox.url, RAPPORT_MAIL_FROM: 'Rapport <crm@demo.local>', RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
    await robots.stop();
  });

  it('mails the weekly XLSX every Friday 17:00 Shanghai time and posts a download link to the chat bot, under the owner’s visibility', async () => {
    const manager = server.as('manager@demo.local');
    robots.secrets.set('mgr', 'SECmanager-robot-secret');
    const bot = await manager.ok('mutation($input: SetChatBotInput!) { setChatBot(input: $input) { userErrors { message } } }', {
      input: { provider: 'DINGTALK', url: robots.dingTalkUrl('mgr'), secret: 'SECmanager-robot-secret' },
    });
    expect(bot.setChatBot.userErrors).toEqual([]);

    // Monday 2026-11-02 17:00 in Shanghai (the test clock): the first run is Friday 6 November, 17:00 local.
    const xlsx = await manager.ok(CREATE, {
      input: { name: '每周 A 类客户', entity: 'CUSTOMER', format: 'XLSX', filter: { tier: ['A'] }, frequency: 'WEEKLY', dayOfWeek: 5, time: '17:00', channels: ['EMAIL'] },
    });
    expect(xlsx.createExportSchedule.userErrors).toEqual([]);
    const schedule = xlsx.createExportSchedule.exportSchedule;
    expect(schedule).toMatchObject({ timeZone: 'Asia/Shanghai', nextRunAt: '2026-11-06T09:00:00.000Z', lastRunAt: null, active: true, filter: { tier: ['A'] }, owner: { email: 'manager@demo.local' } });
    const csv = await manager.ok(CREATE, { input: { name: '全部客户', entity: 'CUSTOMER', format: 'CSV', frequency: 'DAILY', time: '08:30', channels: ['CHAT'] } });
    expect(csv.createExportSchedule.exportSchedule.nextRunAt).toBe('2026-11-03T00:30:00.000Z');

    // What the manager's own export of the same list holds (the same visibility and columns).
    const onDemand = async (format: string, filter?: object) => {
      const { requestExport } = await server.as('manager@demo.local').ok('mutation($input: RequestExportInput!) { requestExport(input: $input) { link { path } } }', { input: { entity: 'CUSTOMER', format, filter } });
      return parse((await (await fetch(new URL(requestExport.link.path, server.url))).text()).replace(/^\uFEFF/, '')) as string[][];
    };

    // Tuesday 08:30 local: the daily CSV goes to the chat bot as a link; nothing by e-mail yet.
    server.clock.set('2026-11-03T00:30:00Z');
    await pump();
    expect(mailbox.received).toHaveLength(0);
    const chats = robots.accepted('DINGTALK').filter((m) => m.text.includes('全部客户'));
    expect(chats).toHaveLength(1);
    expect(chats[0]!.text).toContain('【定期导出】全部客户');
    const link = /https?:\/\/\S+\/exports\/download\?token=\S+/.exec(chats[0]!.text)?.[0];
    expect(link).toBeDefined();
    const download = await fetch(new URL(new URL(link!).pathname + new URL(link!).search, server.url));
    expect(download.status).toBe(200);
    const rows = parse((await download.text()).replace(/^\uFEFF/, '')) as string[][];
    // The rows are read at download time, as the owner may see them then: the same as their own export now.
    const allRows = await onDemand('CSV');
    expect(rows.length).toBe(allRows.length);
    expect(rows[0]).toContain('客户名称');
    // The link works once.
    expect((await fetch(new URL(new URL(link!).pathname + new URL(link!).search, server.url))).status).toBe(404);

    // Friday 17:00 local: one e-mail with the XLSX of the manager's tier-A customers.
    server.clock.set('2026-11-06T09:00:00Z');
    await pump();
    const mails = mailbox.received.filter((m) => m.subject?.includes('每周 A 类客户'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('【定期导出】每周 A 类客户');
    expect(mails[0]!.attachments).toHaveLength(1);
    const attachment = mails[0]!.attachments[0]!;
    expect(attachment.filename).toMatch(/^customer-2026-11-06\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(attachment.content as never);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('客户名称');
    expect(header).toContain('年合同额'); // the manager may see financials
    const tierColumn = header.indexOf('等级') + 1;
    const tierA = await onDemand('CSV', { tier: ['A'] });
    expect(tierA.length).toBeGreaterThan(1);
    expect(tierA.length).toBeLessThan(allRows.length);
    expect(sheet.actualRowCount).toBe(tierA.length);
    for (let r = 2; r <= sheet.actualRowCount; r++) expect(String(sheet.getRow(r).getCell(tierColumn).value)).toMatch(/^A/);

    const after = await manager.ok(`query($id: ID!) { node(id: $id) { ... on ExportSchedule { nextRunAt lastRunAt } } }`, { id: schedule.id });
    expect(after.node).toEqual({ nextRunAt: '2026-11-13T09:00:00.000Z', lastRunAt: expect.stringMatching(/^2026-11-06T09:0/) });
    // More passes the same week: nothing more.
    await pump();
    expect(mailbox.received.filter((m) => m.subject?.includes('每周 A 类客户'))).toHaveLength(1);

    // Audited as an export of the owner's.
    const audit = await server.db.prisma.auditEntry.findMany({ where: { action: 'data.export', actorLabel: 'manager@demo.local' } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('manages schedules in the graph with userErrors; others see only their own; a paused one does not run', async () => {
    const manager = server.as('manager@demo.local');
    const missingDay = await manager.ok(CREATE, { input: { name: 'x', entity: 'CUSTOMER', format: 'CSV', frequency: 'WEEKLY', time: '17:00', channels: ['EMAIL'] } });
    expect(missingDay.createExportSchedule).toMatchObject({ exportSchedule: null, userErrors: [{ field: ['input', 'dayOfWeek'], code: 'REQUIRED' }] });
    const badZone = await manager.ok(CREATE, { input: { name: 'x', entity: 'CUSTOMER', format: 'CSV', frequency: 'DAILY', time: '25:00', timeZone: 'Mars/Olympus', channels: [] } });
    expect(badZone.createExportSchedule.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.channels', 'input.time', 'input.timeZone']);
    const badFilter = await manager.ok(CREATE, { input: { name: 'x', entity: 'CUSTOMER', format: 'CSV', frequency: 'DAILY', time: '08:00', filter: { tier: ['Z'] }, channels: ['EMAIL'] } });
    expect(badFilter.createExportSchedule.userErrors[0].field.join('.')).toMatch(/filter/);

    const created = await manager.ok(CREATE, {
      input: { name: '月报', entity: 'CUSTOMER', format: 'CSV', frequency: 'MONTHLY', dayOfMonth: 1, time: '09:00', timeZone: 'Europe/Berlin', channels: ['EMAIL'] },
    });
    const schedule = created.createExportSchedule.exportSchedule;
    expect(schedule.nextRunAt).toBe('2026-12-01T08:00:00.000Z');

    // A rep has no data.export and does not see the manager's schedules.
    const rep = server.as('rep@demo.local');
    expect((await rep.ok('{ exportSchedules(first: 10) { totalCount } }')).exportSchedules.totalCount).toBe(0);
    await expect(rep.ok(DELETE, { input: { id: schedule.id } })).rejects.toThrow(/NOT_FOUND/);
    const listed = await manager.ok('{ exportSchedules(first: 10) { totalCount edges { node { name } } } }');
    expect(listed.exportSchedules.edges.map((e: { node: { name: string } }) => e.node.name)).toContain('月报');

    const paused = await manager.ok(UPDATE, { input: { id: schedule.id, version: schedule.version, active: false, time: '10:00' } });
    expect(paused.updateExportSchedule).toMatchObject({ userErrors: [], exportSchedule: { active: false, time: '10:00', nextRunAt: '2026-12-01T09:00:00.000Z' } });
    const stale = await manager.ok(UPDATE, { input: { id: schedule.id, version: schedule.version, name: 'again' } });
    expect(stale.updateExportSchedule.userErrors[0].code).toBe('STALE_VERSION');

    const before = mailbox.received.length;
    server.clock.set('2026-12-01T09:00:00Z');
    await pump();
    expect(mailbox.received.filter((m) => m.subject?.includes('月报'))).toHaveLength(0);
    expect(mailbox.received.length).toBeGreaterThanOrEqual(before);

    const deleted = await manager.ok(DELETE, { input: { id: schedule.id } });
    expect(deleted.deleteExportSchedule).toEqual({ deletedId: schedule.id, userErrors: [] });
  });
});
