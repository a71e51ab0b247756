import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatAnswerProblem, chatRequest } from './chat-bots.js';

const sentAt = new Date('2026-12-03T02:00:00.000Z');

describe('chat bot requests', () => {
  it('WeCom: a text message to the URL as given, unsigned', () => {
    const request = chatRequest({ provider: 'WECOM', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: null }, '你好', sentAt);
    expect(request).toEqual({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', body: JSON.stringify({ msgtype: 'text', text: { content: '你好' } }) });
  });

  it('DingTalk: timestamp in ms and the HMAC of "<timestamp>\\n<secret>" in the query, keeping the access token', () => {
    const request = chatRequest({ provider: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECabc' }, 'hi', sentAt);
    const url = new URL(request.url);
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe(String(sentAt.getTime()));
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECabc').update(`${sentAt.getTime()}\nSECabc`).digest('base64'));
    expect(chatRequest({ provider: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: null }, 'hi', sentAt).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
  });

  it('Feishu: timestamp in seconds and the HMAC keyed with "<timestamp>\\n<secret>" in the body', () => {
    const body = JSON.parse(chatRequest({ provider: 'FEISHU', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/h', secret: 's' }, 'hi', sentAt).body);
    const seconds = sentAt.getTime() / 1000;
    expect(body).toEqual({ timestamp: String(seconds), sign: createHmac('sha256', `${seconds}\ns`).update('').digest('base64'), msg_type: 'text', content: { text: 'hi' } });
    expect(JSON.parse(chatRequest({ provider: 'FEISHU', url: 'https://x/h', secret: null }, 'hi', sentAt).body)).toEqual({ msg_type: 'text', content: { text: 'hi' } });
  });

  it('reads the error code the apps answer with HTTP 200', () => {
    expect(chatAnswerProblem('{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(chatAnswerProblem('{"code":0,"msg":"success"}')).toBeNull();
    expect(chatAnswerProblem('{"StatusCode":0}')).toBeNull();
    expect(chatAnswerProblem('{"errcode":310000,"errmsg":"sign not match"}')).toBe('refused: 310000 sign not match');
    expect(chatAnswerProblem('{"code":19021,"msg":"sign match fail"}')).toBe('refused: 19021 sign match fail');
    expect(chatAnswerProblem('<html>')).toBe('the answer is not JSON');
  });
});
