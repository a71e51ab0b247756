import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { credentialsOf, originOf } from './auth.js';

const upgrade = (headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.7') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('request identity', () => {
  it('reads credentials from headers, or from the graphql-ws connection_init payload when there is one', () => {
    const request = new Request('http://x/graphql', { headers: { authorization: 'Bearer a', 'x-api-key': 'k' } });
    expect(credentialsOf({ request })).toEqual({ authorization: 'Bearer a', apiKey: 'k' });
    expect(credentialsOf({ req: upgrade({ authorization: 'Bearer h' }), connectionParams: { authorization: 'Bearer p' } })).toEqual({ authorization: 'Bearer p', apiKey: null });
    expect(credentialsOf({ req: upgrade({ authorization: 'Bearer h' }) })).toEqual({ authorization: 'Bearer h', apiKey: null });
  });

  it('takes the client IP from the socket, or from X-Forwarded-For only behind a trusted proxy', () => {
    const req = upgrade({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1', 'user-agent': 'crm-app/2' });
    expect(originOf({ req }, false)).toEqual({ ip: '10.0.0.7', userAgent: 'crm-app/2' });
    expect(originOf({ req }, true)).toEqual({ ip: '203.0.113.9', userAgent: 'crm-app/2' });
  });
});
