// Alerts out by e-mail and chat bot. When the alert scheduler fires an alert it stores one
// NotificationDelivery per channel the recipient chose (unique by alert and channel, so a re-fire
// or a second instance adds nothing); the delivery job claims due ones with FOR UPDATE SKIP LOCKED
// and a lease, sends them, and retries failures with the webhooks' backoff. See docs/notifications.md.
import type { Transporter } from 'nodemailer';
import type { PrismaClient } from '../db/client.js';
import type { JobDefinition } from '../jobs/runner.js';
import { postWebhook, webhookRetryDelayMs } from '../webhooks/delivery.js';
import type { WebhookSettings } from '../webhooks/settings.js';
import { chatAnswerProblem, chatRequest } from './chat-bots.js';
import { deliverableAt, localMinutes } from './quiet-hours.js';
import type { AlertCatalogue } from '../alerts/messages.js';
import { digestMessage, notificationMessage, scheduledExportMessage, type Message } from './render.js';
import type { Readable } from 'node:stream';

/** What a scheduled export's delivery needs: its file (streamed into the e-mail) and its download link (for chat). */
export interface ExportAttachments {
  file(run: { id: string; entity: string; format: string; filter: unknown; viewer: unknown }, now: Date): Promise<{ filename: string; contentType: string; content: Readable }>;
  link(exportId: string): string;
}

export interface NotificationTransport {
  /** Null without RAPPORT_SMTP_URL: nothing is queued for e-mail. */
  mailer: Transporter | null;
  from: string;
  /** Chat bots are posted to like webhooks: same timeout, private-address rule and backoff. */
  webhooks: WebhookSettings;
  /** The alert kinds' texts (core's and the enabled plugins'), so a message reads in its recipient's language. */
  catalogue?: AlertCatalogue;
  /** Scheduled exports' files and links; without it such deliveries fail. */
  exports?: ExportAttachments;
}

/** After this many failed attempts a delivery is given up (FAILED, with its last error). */
export const NOTIFICATION_MAX_ATTEMPTS = 10;
/**
 * How long a claimed delivery is its claimer's before any instance may send it again: longer than an
 * SMTP exchange may take with nodemailer's timeouts, so a slow server does not get a message twice.
 */
const CLAIM_LEASE_MS = 15 * 60_000;
const ERROR_LENGTH = 500;
const DAY_MS = 24 * 3_600_000;

/**
 * Queues the fired alerts' notifications: per alert, the channels its recipient chose for its kind,
 * else the admins' default; CHAT only where the user or their team has a chat bot, EMAIL only with
 * SMTP configured. Idempotent (dedupe key per alert and channel); inactive recipients get nothing.
 */
export async function enqueueAlertNotifications(prisma: PrismaClient, alertIds: readonly string[], now: Date, options: { email: boolean }): Promise<number> {
  if (alertIds.length === 0) return 0;
  return prisma.$executeRaw`
    INSERT INTO "NotificationDelivery" ("id", "recipientId", "channel", "alertId", "digestAlertIds", "dedupeKey", "status", "attemptCount", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid(), a."recipientId", ch."channel"::"NotificationChannel", a."id", '{}', 'alert:' || a."id" || ':' || ch."channel", 'PENDING', 0, ${now}, ${now}
    FROM "Alert" a
    JOIN "User" u ON a."recipientKind" = 'USER' AND u."id" = a."recipientId" AND u."active"
    LEFT JOIN "NotificationSettings" s ON s."userId" = u."id"
    LEFT JOIN "NotificationDefault" d ON d."kind" = a."kind"
    CROSS JOIN LATERAL jsonb_array_elements_text(COALESCE(s."channels" -> a."kind", to_jsonb(d."channels"), '[]'::jsonb)) AS ch("channel")
    WHERE a."id" = ANY(${alertIds}::uuid[])
      AND (ch."channel" <> 'EMAIL' OR ${options.email})
      AND (ch."channel" <> 'CHAT' OR EXISTS (SELECT 1 FROM "ChatBot" b WHERE b."userId" = u."id" OR b."teamId" = u."teamId"))
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/** The user's local calendar date, YYYY-MM-DD. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Queues today's digest for every user whose digest hour has come in their time zone and who has
 * unread alerts fired in the last 24 hours: one per user and local day (dedupe key).
 */
export async function enqueueDigests(prisma: PrismaClient, now: Date): Promise<number> {
  const users = await prisma.user.findMany({
    where: { active: true, notificationSettings: { digestHour: { not: null } } },
    select: { id: true, timeZone: true, notificationSettings: { select: { digestHour: true } } },
  });
  let queued = 0;
  for (const user of users) {
    const hour = user.notificationSettings?.digestHour ?? 0;
    if (localMinutes(now, user.timeZone) < hour * 60) continue;
    const unread = await prisma.alert.findMany({
      where: { recipientKind: 'USER', recipientId: user.id, readAt: null, firedAt: { gt: new Date(now.getTime() - DAY_MS), lte: now } },
      select: { id: true },
      orderBy: { fireAt: 'asc' },
    });
    if (unread.length === 0) continue;
    const { count } = await prisma.notificationDelivery.createMany({
      data: [
        {
          recipientId: user.id,
          channel: 'EMAIL',
          digestAlertIds: unread.map((a) => a.id),
          dedupeKey: `digest:${user.id}:${localDate(now, user.timeZone)}`,
          nextAttemptAt: now,
          createdAt: now,
        },
      ],
      skipDuplicates: true,
    });
    queued += count;
  }
  return queued;
}

async function claimDue(prisma: PrismaClient, now: Date, limit: number): Promise<Array<{ id: string }>> {
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  return prisma.$queryRaw<Array<{ id: string }>>`
    UPDATE "NotificationDelivery" AS d SET "nextAttemptAt" = ${leaseUntil}
    WHERE d."id" IN (
      SELECT "id" FROM "NotificationDelivery"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d."id"`;
}

/** `final`: no retry can help (the recipient was deactivated). */
type Outcome = { sent: true } | { sent: false; error: string; final?: boolean } | { heldUntil: Date };

/** Sends every due delivery (in batches); returns how many went out. */
export async function deliverDueNotifications(prisma: PrismaClient, transport: NotificationTransport, now: Date, log: (line: string) => void = () => {}): Promise<number> {
  let sent = 0;
  for (let round = 0; round < 10; round++) {
    const claimed = await claimDue(prisma, now, 50);
    for (const { id } of claimed) {
      const outcome = await sendOne(prisma, transport, id, now).catch((error: Error): Outcome => ({ sent: false, error: error.message }));
      await record(prisma, transport, id, outcome, now);
      if ('sent' in outcome && outcome.sent) sent += 1;
      // Only the delivery id and the error: a chat bot's URL and secret are credentials.
      else if ('error' in outcome) log(`notifications: delivery ${id} failed: ${outcome.error}`);
    }
    if (claimed.length < 50) break;
  }
  return sent;
}

async function record(prisma: PrismaClient, transport: NotificationTransport, id: string, outcome: Outcome, now: Date): Promise<void> {
  if ('heldUntil' in outcome) {
    await prisma.notificationDelivery.update({ where: { id }, data: { nextAttemptAt: outcome.heldUntil } });
    return;
  }
  if (outcome.sent) {
    await prisma.notificationDelivery.update({ where: { id }, data: { status: 'SENT', sentAt: now, attemptCount: { increment: 1 }, lastError: null } });
    return;
  }
  const { attemptCount } = await prisma.notificationDelivery.findUniqueOrThrow({ where: { id }, select: { attemptCount: true } });
  const attempts = attemptCount + 1;
  const giveUp = outcome.final === true || attempts >= NOTIFICATION_MAX_ATTEMPTS;
  await prisma.notificationDelivery.update({
    where: { id },
    data: {
      attemptCount: attempts,
      lastError: outcome.error.slice(0, ERROR_LENGTH),
      ...(giveUp ? { status: 'FAILED' } : { nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempts, transport.webhooks)) }),
    },
  });
}

async function sendOne(prisma: PrismaClient, transport: NotificationTransport, id: string, now: Date): Promise<Outcome> {
  const delivery = await prisma.notificationDelivery.findUniqueOrThrow({
    where: { id },
    include: {
      alert: { select: { kind: true, title: true, body: true, params: true, fireAt: true } },
      export: { include: { schedule: { select: { name: true } } } },
      recipient: { select: { name: true, email: true, locale: true, timeZone: true, teamId: true, active: true, notificationSettings: { select: { quietHoursStart: true, quietHoursEnd: true } } } },
    },
  });
  const { recipient, alert } = delivery;
  if (!recipient.active) return { sent: false, error: 'the recipient was deactivated', final: true };
  if (alert) {
    const quiet = recipient.notificationSettings;
    const urgent = (await prisma.notificationDefault.findUnique({ where: { kind: alert.kind }, select: { urgent: true } }))?.urgent ?? false;
    if (!urgent && quiet?.quietHoursStart && quiet.quietHoursEnd) {
      const at = deliverableAt(now, recipient.timeZone, { start: quiet.quietHoursStart, end: quiet.quietHoursEnd });
      if (at > now) return { heldUntil: at };
    }
  }
  const run = delivery.export;
  if (run && !transport.exports) return { sent: false, error: 'scheduled exports are not available to this sender' };
  const runInfo = run ? { name: run.schedule?.name ?? run.entity, entity: run.entity, format: run.format, at: run.requestedAt } : null;
  const message = runInfo
    ? scheduledExportMessage(runInfo, recipient, delivery.channel === 'CHAT' ? transport.exports!.link(run!.id) : undefined)
    : alert
      ? notificationMessage(alert, recipient, transport.catalogue)
      : await digestOf(prisma, delivery.digestAlertIds, recipient, transport.catalogue);
  if (delivery.channel === 'EMAIL') {
    if (!transport.mailer) return { sent: false, error: 'no SMTP server is configured (RAPPORT_SMTP_URL)' };
    // The run's file is read now, as its owner may see the list, and streamed into the message.
    const attachments = run ? [await transport.exports!.file(run, now)] : [];
    // A stable Message-ID: a resend after a lost answer is recognisably the same message.
    await transport.mailer.sendMail({
      from: transport.from,
      to: { name: recipient.name, address: recipient.email },
      subject: message.subject,
      text: message.text,
      messageId: `<${delivery.id}@rapport.notifications>`,
      attachments,
    });
    return { sent: true };
  }
  const bot =
    (await prisma.chatBot.findUnique({ where: { userId: delivery.recipientId } })) ??
    (recipient.teamId ? await prisma.chatBot.findUnique({ where: { teamId: recipient.teamId } }) : null);
  if (!bot) return { sent: false, error: 'no chat bot is set for the user or their team' };
  const request = chatRequest(bot, message.text, new Date());
  const result = await postWebhook(request.url, {}, request.body, transport.webhooks);
  const problem = result.ok ? chatAnswerProblem(result.responseBody) : result.error;
  return problem ? { sent: false, error: problem } : { sent: true };
}

async function digestOf(prisma: PrismaClient, alertIds: readonly string[], reader: { name: string; locale: string; timeZone: string }, catalogue: AlertCatalogue | undefined): Promise<Message> {
  const alerts = await prisma.alert.findMany({ where: { id: { in: [...alertIds] } }, select: { kind: true, title: true, body: true, params: true, fireAt: true }, orderBy: { fireAt: 'asc' } });
  return digestMessage(alerts, reader, catalogue);
}

/** The delivery job (often) and the digest job (every quarter hour, so each local hour is seen). */
export function notificationJobs(transport: NotificationTransport): JobDefinition[] {
  return [
    {
      name: 'core.notification-delivery',
      everyMs: 5_000,
      async run({ prisma, clock, log }) {
        await deliverDueNotifications(prisma, transport, clock.now(), log);
      },
    },
    {
      name: 'core.notification-digest',
      everyMs: 15 * 60_000,
      async run({ prisma, clock, log }) {
        const queued = await enqueueDigests(prisma, clock.now());
        if (queued) log(`core.notification-digest: ${queued} digest(s) queued`);
      },
    },
  ];
}
