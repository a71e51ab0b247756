import { readFile } from 'node:fs/promises';
import { usePersistedOperations, defaultExtractPersistedOperationId } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { ConfigError } from '@rapport/core';

/** The allow-list: operation id (e.g. the query's sha256) → query text. */
export type PersistedOperations = ReadonlyMap<string, string>;

const FileSchema = z.record(z.string().min(1), z.string().min(1));

export async function loadPersistedOperations(file: string): Promise<PersistedOperations> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new ConfigError(`Cannot read RAPPORT_PERSISTED_OPERATIONS ${file}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`Invalid RAPPORT_PERSISTED_OPERATIONS ${file}: expected { "<id>": "<query>", ... }`);
  return new Map(Object.entries(parsed.data));
}

/**
 * Over HTTP only listed operations run, named as Apollo's persisted queries do:
 * `extensions: { persistedQuery: { version: 1, sha256Hash: "<id>" } }` and no query text.
 */
export function usePersistedOperationsOnly(operations: PersistedOperations): Plugin {
  return usePersistedOperations({ getPersistedOperation: (id) => operations.get(id) ?? null, allowArbitraryOperations: false });
}

/** The same rule for graphql-ws, which yoga's onParams hook never sees: the listed query, or an error. */
export function persistedQueryOver(
  operations: PersistedOperations,
  params: { query?: string | null; extensions?: Record<string, unknown> | null },
): string | GraphQLError {
  const extensions = params.extensions ?? undefined;
  const id = params.query ? null : defaultExtractPersistedOperationId({ extensions } as GraphQLParams, undefined as never, {});
  const query = id ? operations.get(id) : undefined;
  if (query) return query;
  return new GraphQLError('Only persisted operations run on this server', { extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } });
}
