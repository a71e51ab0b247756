import type { ErrorParams, Messages, UserErrorCode } from '@rapport/core';
import { sales, type SalesMessageKey } from './messages.js';

// The refusals of orders, deliveries, contract attachments and print templates: keys of the sales
// plugin's catalogue (messages.ts), kept under these names for their callers.
export type OrderMessageKey = SalesMessageKey;

export function orderMessages(key: OrderMessageKey, params: ErrorParams = {}): Messages {
  return sales.texts(key, params);
}

/** A field error from the catalogue; nothing is written. */
export function refuseField(field: string, key: OrderMessageKey, params: ErrorParams, code: UserErrorCode) {
  return sales.field(field, key, params, code);
}

export function refuse(field: string, key: OrderMessageKey, params: ErrorParams, code: UserErrorCode): never {
  return sales.refuse(field, key, params, code);
}
