import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertMessage } from '../alerts/messages.js';
import { emitAlerts } from '../alerts/service.js';
import { storedMessage, storedMessageIn } from '../error-messages.js';
import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { guardedLookup, isPrivateAddress } from './ssrf.js';
import type { WebhookSettings } from './settings.js';

export { WEBHOOK_DEFAULTS, type WebhookSettings } from './settings.js';

/** When a delivery that failed `attempts` times is tried again: base, 2×base, 4×base, … capped. */
export function webhookRetryDelayMs(attempts: number, settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

/** The `webhook-id` header of a delivery: the same on every attempt and redelivery. */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId.replace(/-/g, '')}`;
}

/** Whether an endpoint failing `failures` times in a row since `failingSince` is paused now. */
export function shouldPause(failures: number, failingSince: Date, now: Date, settings: Pick<WebhookSettings, 'pauseAfterFailures' | 'pauseAfterMs'>): boolean {
  return failures >= settings.pauseAfterFailures && now.getTime() - failingSince.getTime() >= settings.pauseAfterMs;
}

/** How long a claimed delivery is its claimer's before any instance may send it again. */
const CLAIM_LEASE_MS = 5 * 60_000;
const ERROR_LENGTH = 500;

interface Claimed {
  id: string;
  endpointId: string;
}

/**
 * Claims deliveries due now whose endpoint is active and that no earlier pending delivery of the same
 * entity (for the same endpoint) holds back; the lease keeps other instances off them while they are
 * sent. `SKIP LOCKED` lets instances claim side by side.
 */
async function claimDue(prisma: PrismaClient, now: Date, limit: number): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  return prisma.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" AS d SET "nextAttemptAt" = ${leaseUntil}
    WHERE d."id" IN (
      SELECT c."id" FROM "WebhookDelivery" c
      JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"
      WHERE c."status" = 'PENDING' AND c."nextAttemptAt" <= ${now} AND e."status" = 'ACTIVE'
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" p
          WHERE p."endpointId" = c."endpointId" AND p."entityKey" = c."entityKey" AND p."status" = 'PENDING' AND p."sequence" < c."sequence"
        )
      ORDER BY c."sequence"
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED
    )
    RETURNING d."id", d."endpointId"`;
}

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  responseTimeMs: number;
  /** The first RESPONSE_BODY_LIMIT bytes of the answer (chat bots answer errors with 200 and a code in it). */
  responseBody: string;
}

const RESPONSE_BODY_LIMIT = 4_096;

/** POSTs a body with the given headers; never follows redirects; 2xx is success. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, settings: Pick<WebhookSettings, 'allowPrivate' | 'timeoutMs'>): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ ok: false, statusCode: null, error: 'invalid URL', responseTimeMs: 0, responseBody: '' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !settings.allowPrivate && isPrivateAddress(host)) {
      return resolve({ ok: false, statusCode: null, error: `${host} is a private address`, responseTimeMs: 0, responseBody: '' });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Rapport-Webhooks/1', ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: guardedLookup(settings.allowPrivate),
        timeout: settings.timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // Read all of it so the connection can close; keep only the beginning.
        const kept: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_BODY_LIMIT) kept.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - size));
          size += chunk.length;
        });
        const responseBody = () => Buffer.concat(kept).toString('utf8');
        res.on('end', () =>
          resolve({ ok: status >= 200 && status < 300, statusCode: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}`, responseTimeMs: elapsed(), responseBody: responseBody() }),
        );
        res.on('error', (error) => resolve({ ok: false, statusCode: status, error: error.message, responseTimeMs: elapsed(), responseBody: responseBody() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, statusCode: null, error: (error.code ? `${error.code}: ` : '') + error.message, responseTimeMs: elapsed(), responseBody: '' }),
    );
    req.end(body);
  });
}

export interface WebhookDispatcherOptions {
  prisma: PrismaClient;
  clock: Clock;
  settings: WebhookSettings;
  /** Most deliveries claimed per statement; a pass repeats while it finds some. */
  batchSize?: number;
  log?: (line: string) => void;
}

export const WEBHOOK_ENDPOINT_PAUSED = 'WEBHOOK_ENDPOINT_PAUSED';

/**
 * Sends the outbox: claims due deliveries, signs each with its endpoint's secret (Standard
 * Webhooks), records every attempt, schedules retries with exponential backoff, and pauses an
 * endpoint that keeps failing (alerting its creator). Deliveries of one endpoint go one at a time,
 * in event order; endpoints are served side by side.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Sends what is due now (queued after a pass in flight); returns how many attempts this pass made. */
  deliverDue(): Promise<number> {
    this.pass = this.pass.then(() => this.drain()).catch((error: Error) => {
      this.options.log?.(`webhooks: ${error.message}`);
      return 0;
    });
    return this.pass;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.deliverDue(), this.options.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  private async drain(): Promise<number> {
    const { prisma, clock, batchSize = 100 } = this.options;
    let attempts = 0;
    // A full batch means more may be due; a pass stops after a few so a retry due at once waits for the next pass.
    for (let round = 0; round < 10; round++) {
      const claimed = await claimDue(prisma, clock.now(), batchSize);
      const byEndpoint = new Map<string, string[]>();
      for (const c of claimed) byEndpoint.set(c.endpointId, [...(byEndpoint.get(c.endpointId) ?? []), c.id]);
      const made = await Promise.all([...byEndpoint].map(([endpointId, ids]) => this.sendInOrder(endpointId, ids)));
      attempts += made.reduce((a, b) => a + b, 0);
      if (claimed.length < batchSize) break;
    }
    return attempts;
  }

  /** One endpoint's claimed deliveries, in order; after a failure the rest wait (their entity may be the failed one's). */
  private async sendInOrder(endpointId: string, deliveryIds: string[]): Promise<number> {
    const { prisma, clock } = this.options;
    let made = 0;
    for (const [index, deliveryId] of deliveryIds.entries()) {
      const ok = await this.attempt(endpointId, deliveryId);
      made += 1;
      if (!ok) {
        // Give the rest back: due again at once (a later pass sends the other entities' ones).
        await prisma.webhookDelivery.updateMany({ where: { id: { in: deliveryIds.slice(index + 1) }, status: 'PENDING' }, data: { nextAttemptAt: clock.now() } });
        return made;
      }
    }
    return made;
  }

  private async attempt(endpointId: string, deliveryId: string): Promise<boolean> {
    const { prisma, clock, settings } = this.options;
    const delivery = await prisma.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { event: { select: { payload: true } }, endpoint: { select: { url: true, secret: true, status: true } } },
    });
    if (delivery?.status !== 'PENDING') return true;
    if (delivery.endpoint.status !== 'ACTIVE') {
      await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: clock.now() } });
      return false;
    }
    const body = JSON.stringify(delivery.event.payload);
    const messageId = webhookMessageId(delivery.id);
    // Signed with the time of sending (receivers reject old timestamps), not the event's.
    const sentAt = new Date();
    const signature = new Webhook(delivery.endpoint.secret).sign(messageId, sentAt, body);
    const headers = { 'webhook-id': messageId, 'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'webhook-signature': signature };
    const result = await postWebhook(delivery.endpoint.url, headers, body, settings);
    const now = clock.now();
    const attempts = delivery.attemptCount + 1;
    await prisma.$transaction(async (tx) => {
      await tx.webhookDeliveryAttempt.create({
        data: {
          deliveryId,
          attemptedAt: now,
          succeeded: result.ok,
          statusCode: result.statusCode,
          responseTimeMs: result.responseTimeMs,
          error: result.error?.slice(0, ERROR_LENGTH) ?? null,
        },
      });
      if (result.ok) {
        await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'SUCCEEDED', attemptCount: attempts, deliveredAt: now } });
        await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { consecutiveFailures: 0, failingSince: null } });
        return;
      }
      await tx.webhookDelivery.update({
        where: { id: deliveryId },
        data: { attemptCount: attempts, nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempts, settings)) },
      });
      const [endpoint] = await tx.$queryRaw<Array<{ consecutiveFailures: number; failingSince: Date; status: string; createdById: string | null; url: string }>>`
        UPDATE "WebhookEndpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", ${now})
        WHERE "id" = ${endpointId}::uuid
        RETURNING "consecutiveFailures", "failingSince", "status"::text AS "status", "createdById", "url"`;
      if (endpoint?.status !== 'ACTIVE' || !shouldPause(endpoint.consecutiveFailures, endpoint.failingSince, now, settings)) return;
      const why = { failures: endpoint.consecutiveFailures, since: endpoint.failingSince.toISOString(), error: (result.error ?? 'error').slice(0, ERROR_LENGTH) };
      const reason = storedMessage('webhook.pausedFailing', why);
      await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { status: 'PAUSED', pausedAt: now, pausedReason: reason, version: { increment: 1 }, updatedAt: now } });
      this.options.log?.(`webhooks: endpoint ${endpointId} paused: ${storedMessageIn('en', reason)}`);
      if (endpoint.createdById) {
        await emitAlerts(
          tx,
          [
            {
              recipientId: endpoint.createdById,
              ...alertMessage(CORE_ALERT_MESSAGES, WEBHOOK_ENDPOINT_PAUSED, {
                url: endpoint.url,
                failures: endpoint.consecutiveFailures,
                since: endpoint.failingSince,
                error: result.error ?? 'error',
              }),
              entity: { type: 'WebhookEndpoint', id: endpointId },
              dedupeKey: `webhook-paused:${endpointId}:${now.toISOString()}`,
            },
          ],
          now,
        );
      }
    });
    return result.ok;
  }
}
