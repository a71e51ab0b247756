import type { PrismaClient } from '../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

/**
 * A client for core services called inside a caller's transaction: their own `$transaction` joins
 * it instead of opening another, so the caller's writes and theirs commit together or not at all.
 */
export function joinTransaction(tx: Prisma.TransactionClient): PrismaClient {
  return new Proxy(tx, {
    get: (target, property) =>
      property === '$transaction' ? (work: (client: Prisma.TransactionClient) => Promise<unknown>) => work(target) : Reflect.get(target, property),
  }) as unknown as PrismaClient;
}
