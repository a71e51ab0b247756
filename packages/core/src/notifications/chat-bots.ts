// The request each chat app's webhook robot expects, signed the way each documents it. The signature
// uses the real time of sending (the apps refuse old timestamps), never the injected clock.
import { createHmac } from 'node:crypto';
import type { ChatBotProvider } from '../../generated/prisma/client.js';

export interface ChatBotTarget {
  provider: ChatBotProvider;
  url: string;
  secret: string | null;
}

export interface ChatRequest {
  url: string;
  body: string;
}

/** DingTalk custom robot: base64 HMAC-SHA256 of "<ms timestamp>\n<secret>" keyed with the secret, URL-encoded into the query. */
export function dingTalkSignature(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu custom bot: base64 HMAC-SHA256 of the empty string keyed with "<s timestamp>\n<secret>", in the body. */
export function feishuSignature(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The POST that puts `text` into the bot's chat. */
export function chatRequest(bot: ChatBotTarget, text: string, sentAt: Date): ChatRequest {
  switch (bot.provider) {
    case 'WECOM':
      return { url: bot.url, body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
    case 'DINGTALK': {
      const body = JSON.stringify({ msgtype: 'text', text: { content: text } });
      if (!bot.secret) return { url: bot.url, body };
      const url = new URL(bot.url);
      url.searchParams.set('timestamp', String(sentAt.getTime()));
      url.searchParams.set('sign', dingTalkSignature(sentAt.getTime(), bot.secret));
      return { url: url.toString(), body };
    }
    case 'FEISHU': {
      const seconds = Math.floor(sentAt.getTime() / 1000);
      const signed = bot.secret ? { timestamp: String(seconds), sign: feishuSignature(seconds, bot.secret) } : {};
      return { url: bot.url, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text } }) };
    }
  }
}

/**
 * Whether the app took the message: all three answer HTTP 200 with an error code in the body
 * (WeCom/DingTalk `errcode`, Feishu `code`, older Feishu `StatusCode`), 0 meaning sent.
 */
export function chatAnswerProblem(responseBody: string): string | null {
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(responseBody) as Record<string, unknown>;
  } catch {
    return 'the answer is not JSON';
  }
  const code = answer.errcode ?? answer.code ?? answer.StatusCode;
  if (code === 0) return null;
  return `refused: ${String(code)} ${String(answer.errmsg ?? answer.msg ?? answer.StatusMessage ?? '')}`.trim();
}
