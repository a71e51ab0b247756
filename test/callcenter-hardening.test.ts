import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import callcenterPlugin, { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_PATH } from '@rapport/plugin-callcenter';
import { startTestServer, type TestServer } from './support/harness.js';

const SECRET = 'telephony-test-secret-of-at-least-32-chars';
const MINUTE = 60_000;
const plugins = () => resolvePlugins([callcenterPlugin], ['callcenter'], { callcenter: { webhook: { secret: SECRET } } });

/**
 * Streams an unsigned chunked body of `totalBytes` in 64 KiB chunks, stopping as soon as the server
 * answers; returns the status and how many bytes were written by then.
 */
function streamUntilAnswered(url: string, totalBytes: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe('call-center webhook hardening', () => {
  let server: TestServer;
  let webhookUrl: string;

  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 5, plugins: plugins() });
    webhookUrl = server.url.replace('/graphql', WEBHOOK_PATH);
  });
  afterAll(() => server?.close());

  async function deliver(event: object) {
    const raw = JSON.stringify(event);
    const timestamp = String(Math.floor(server.clock.now().getTime() / 1000));
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(SECRET, timestamp, raw) },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('refuses an oversized chunked body with 413 before the client has sent it all', async () => {
    const total = 32 * 1024 * 1024;
    const { status, sent } = await streamUntilAnswered(webhookUrl, total);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(total / 4);
    // the server still answers afterwards
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('records a missed call reported long after it ended, with its callback task due in the past and no reminder after it', async () => {
    const contact = await server.db.prisma.contact.findFirstOrThrow({ where: { phoneDigits: { not: null }, customer: { ownerId: { not: null } } } });
    const phone = contact.phone!;
    const at = (minutesAgo: number) => new Date(server.clock.now().getTime() - minutesAgo * MINUTE).toISOString();
    const call = { id: 'late-missed', direction: 'INBOUND', from: phone, to: '+86 21 6000 8000' };
    expect(await deliver({ id: 'late-1', type: 'call.started', occurredAt: at(120), call })).toMatchObject({ status: 200 });
    const ended = await deliver({ id: 'late-2', type: 'call.ended', occurredAt: at(119), call });
    expect(ended).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const stored = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId: 'late-missed' }, include: { callbacks: { include: { activity: true } } } });
    expect(stored.disposition).toBe('MISSED');
    expect(stored.callbacks).toHaveLength(1);
    const task = stored.callbacks[0]!.activity;
    expect(task.dueAt?.toISOString()).toBe(new Date(Date.parse(at(119)) + 30 * MINUTE).toISOString());
    expect(task.remindAt).toBeNull();
  });

  it('logs a missed call by hand more than 30 minutes after it ended', async () => {
    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: { not: null } } });
    const at = (minutesAgo: number) => new Date(server.clock.now().getTime() - minutesAgo * MINUTE).toISOString();
    const result = await server.gql(
      `mutation($input: LogCallInput!) { logCall(input: $input) { call { disposition callbacks { task { dueAt remindAt } } } userErrors { field code message } } }`,
      {
        input: {
          direction: 'INBOUND',
          from: '+86 139-3333-4444',
          to: '+86 21 6000 8000',
          customerId: Buffer.from(`Customer:${customer.id}`).toString('base64'),
          startedAt: at(61),
          endedAt: at(60),
          disposition: 'MISSED',
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.logCall.call.callbacks).toEqual([{ task: { dueAt: new Date(Date.parse(at(30))).toISOString(), remindAt: null } }]);
  });
});
