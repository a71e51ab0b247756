// Local stand-ins for the chat apps' webhook robots (node:http): WeCom's group robot, DingTalk's
// custom robot and Feishu's custom bot. Each checks the request the way its app does — DingTalk's and
// Feishu's signatures recomputed here from their documentation, timestamps within an hour — and
// answers as the app answers (HTTP 200 with an error code in the body when it refuses).
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatApp = 'WECOM' | 'DINGTALK' | 'FEISHU';

export interface ChatMessage {
  app: ChatApp;
  text: string;
  /** The app accepted it (signature and key right). */
  accepted: boolean;
}

const HOUR_MS = 3_600_000;

export class ChatReceiver {
  messages: ChatMessage[] = [];
  /** Requests answered HTTP 500 before any check (an outage). */
  failNext = 0;
  private server: Server | null = null;
  private port = 0;
  /** DingTalk and Feishu robots' signing secrets, by robot token. */
  readonly secrets = new Map<string, string>();

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (this.failNext > 0) {
          this.failNext -= 1;
          return answer(500, { error: 'down' });
        }
        const url = new URL(req.url ?? '/', 'http://localhost');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (url.pathname === '/cgi-bin/webhook/send') {
          const accepted = url.searchParams.get('key') === 'wecom-key' && body.msgtype === 'text';
          this.messages.push({ app: 'WECOM', text: body.text?.content, accepted });
          return answer(200, accepted ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' });
        }
        if (url.pathname === '/robot/send') {
          const accepted = this.dingTalkSigned(url);
          this.messages.push({ app: 'DINGTALK', text: body.text?.content, accepted });
          return answer(200, accepted ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' });
        }
        if (url.pathname.startsWith('/open-apis/bot/v2/hook/')) {
          const accepted = this.feishuSigned(url.pathname.split('/').pop() ?? '', body);
          this.messages.push({ app: 'FEISHU', text: body.content?.text, accepted });
          return answer(200, accepted ? { code: 0, msg: 'success', data: {} } : { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' });
        }
        answer(404, { error: 'no such robot' });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  wecomUrl(): string {
    return `${this.base}/cgi-bin/webhook/send?key=wecom-key`;
  }

  dingTalkUrl(token: string): string {
    return `${this.base}/robot/send?access_token=${token}`;
  }

  feishuUrl(hook: string): string {
    return `${this.base}/open-apis/bot/v2/hook/${hook}`;
  }

  accepted(app?: ChatApp): ChatMessage[] {
    return this.messages.filter((m) => m.accepted && (!app || m.app === app));
  }

  /** sign = urlencode(base64(HmacSHA256(key: secret, "<timestamp ms>\n<secret>"))) in the query. */
  private dingTalkSigned(url: URL): boolean {
    const secret = this.secrets.get(url.searchParams.get('access_token') ?? '');
    if (!secret) return true;
    const timestamp = Number(url.searchParams.get('timestamp'));
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    return Math.abs(Date.now() - timestamp) < HOUR_MS && url.searchParams.get('sign') === expected;
  }

  /** sign = base64(HmacSHA256(key: "<timestamp s>\n<secret>", "")) in the body. */
  private feishuSigned(hook: string, body: { timestamp?: string; sign?: string; msg_type?: string }): boolean {
    const secret = this.secrets.get(hook);
    if (!secret) return body.msg_type === 'text';
    const timestamp = Number(body.timestamp);
    const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
    return Math.abs(Date.now() - timestamp * 1000) < HOUR_MS && body.sign === expected;
  }
}
