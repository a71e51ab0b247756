import { createHmac, timingSafeEqual } from 'node:crypto';
import { BodyTooLargeError, readBodyWithin, unstorableText, type PluginRoute, type RouteContext } from '@rapport/core';
import type { CallcenterConfig } from './config.js';
import { ingestTelephonyEvent, parseTelephonyEvent, WebhookRejection } from './ingest.js';

export const WEBHOOK_PATH = '/webhooks/telephony';
export const TIMESTAMP_HEADER = 'x-telephony-timestamp';
export const SIGNATURE_HEADER = 'x-telephony-signature';

/** `sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>`: what the telephony system sends. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function reply(status: number, body: object): Response {
  // After a refused oversized body the connection is closed rather than drained.
  const close: Record<string, string> = status === 413 ? { connection: 'close' } : {};
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...close } });
}

function refuse(status: number, code: string, message: string): never {
  throw new WebhookRejection(status, code, message);
}

/** Reads the body as text, refusing it as soon as it passes the limit (whatever Content-Length claimed). */
async function rawBody(request: Request, maxBytes: number): Promise<string> {
  try {
    return (await readBodyWithin(request, maxBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) refuse(413, 'BODY_TOO_LARGE', error.message);
    throw error;
  }
}

/**
 * The signature must match before anything else is looked at, and the timestamp (seconds since the
 * epoch, signed with the body) must be within the tolerance: an old request replayed fails here; one
 * replayed within the window is a redelivery of a known event id, which changes nothing.
 */
function verify(request: Request, body: string, secret: string, toleranceSeconds: number, now: Date): void {
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  const signature = request.headers.get(SIGNATURE_HEADER);
  if (!timestamp || !signature) refuse(401, 'SIGNATURE_MISSING', `Send ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER}`);
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) refuse(401, 'SIGNATURE_INVALID', 'The signature does not match');
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (!/^\d{1,12}$/.test(timestamp) || skew > toleranceSeconds) {
    refuse(401, 'TIMESTAMP_OUT_OF_TOLERANCE', `The timestamp must be within ${toleranceSeconds} seconds of the server's time`);
  }
}

/** The body as JSON; strings that cannot be stored (NUL, lone surrogates) are refused like any invalid field. */
function parseJson(body: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse(400, 'MALFORMED_JSON', 'The body is not JSON');
  }
  const problems = unstorableText(parsed);
  if (problems.length) throw new WebhookRejection(422, 'INVALID_EVENT', 'The event is not a valid telephony event', problems);
  return parsed;
}

export async function handleTelephonyWebhook(request: Request, ctx: RouteContext<CallcenterConfig>): Promise<Response> {
  const { secret, toleranceSeconds, maxBodyBytes } = ctx.config.webhook;
  try {
    if (!secret) refuse(503, 'WEBHOOK_NOT_CONFIGURED', 'No telephony webhook secret is configured');
    const body = await rawBody(request, maxBodyBytes);
    verify(request, body, secret, toleranceSeconds, ctx.clock.now());
    if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
      refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json');
    }
    const event = parseTelephonyEvent(parseJson(body));
    const result = await ingestTelephonyEvent(ctx.prisma, ctx.clock, ctx.config, event, ctx);
    return reply(200, { status: result.status, eventId: event.id });
  } catch (error) {
    if (!(error instanceof WebhookRejection)) throw error;
    return reply(error.status, { error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
  }
}

export const telephonyWebhookRoute: PluginRoute<CallcenterConfig> = { method: 'POST', path: WEBHOOK_PATH, handler: handleTelephonyWebhook };
