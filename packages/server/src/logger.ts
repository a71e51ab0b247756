import { pino, type DestinationStream, type Logger } from 'pino';
import type { YogaLogger } from 'graphql-yoga';
import type { RapportConfig } from '@rapport/core';

export type { Logger };

/**
 * Never logged, whatever a log call is given: credentials in headers, GraphQL variables (passwords,
 * tokens, personal data) and anything named like a secret. Request logs carry none of these anyway;
 * this catches a careless future log line.
 */
const REDACTED = [
  'authorization',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'variables',
  '*.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.variables',
  'headers.cookie',
  'headers["x-api-key"]',
];

/** JSON lines on stdout (or the given stream): one object per event, with `msg` and `level`. */
export function createLogger(config: Pick<RapportConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, base: { service: 'rapport' }, redact: { paths: REDACTED, censor: '[redacted]' } }, destination);
}

/** yoga's own messages (unexpected errors, mostly) through the same logger. */
export function yogaLogger(logger: Logger): YogaLogger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const [first, ...rest] = args;
    if (first instanceof Error) logger[level]({ err: first }, rest.map(String).join(' ') || first.message);
    else logger[level](args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
