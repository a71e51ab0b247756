import { authExchange } from '@urql/exchange-auth';
import { persistedExchange } from '@urql/exchange-persisted';
import { cacheExchange, Client, fetchExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { RefreshTokenDocument } from './generated/graphql.js';

export * from './generated/graphql.js';
export { graphql } from './generated/gql.js';

/** What a signed-in viewer holds: the pair `login` and `refreshToken` return. */
export interface Tokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

/** The tokens a `login` or `refreshToken` payload holds, or null when it holds none (it answered userErrors). */
export function tokensOf(payload: { accessToken?: string | null; accessTokenExpiresAt?: string | null; refreshToken?: string | null } | null | undefined): Tokens | null {
  const { accessToken, accessTokenExpiresAt, refreshToken } = payload ?? {};
  return accessToken && accessTokenExpiresAt && refreshToken ? { accessToken, accessTokenExpiresAt, refreshToken } : null;
}

/** Where the app keeps its tokens (memory, localStorage, …); `set(null)` means signed out. */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export interface RapportClientOptions {
  /** The HTTP endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** The graphql-ws endpoint; derived from `url` (http → ws) when omitted. */
  wsUrl?: string;
  tokens: TokenStore;
  /** A WebSocket constructor where the runtime has none (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
  /** Refresh this long before the access token expires. */
  refreshLeewayMs?: number;
  /** Extra headers on every HTTP request, e.g. `accept-language`. */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  /**
   * Send only the operation's id (its sha256, from `persisted-documents.json`), never its text:
   * for a server running the allow-list (RAPPORT_PERSISTED_OPERATIONS) built from that manifest.
   */
  persistedOnly?: boolean;
}

export interface RapportClient {
  client: Client;
  ws: WsClient;
  /** Closes the WebSocket (subscriptions end). */
  dispose(): void;
}

const memoryStore = (): TokenStore => {
  let tokens: Tokens | null = null;
  return { get: () => tokens, set: (next) => void (tokens = next) };
};

/** A token store that lives only as long as the page or process. */
export const inMemoryTokens = memoryStore;

function isUnauthenticated(error: { graphQLErrors: Array<{ extensions?: Record<string, unknown> }>; response?: { status?: number } }): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') || error.response?.status === 401;
}

/**
 * An urql client for Rapport: the bearer token on every request, a refresh (once, rotating the
 * refresh token) shortly before the access token expires or when the server says UNAUTHENTICATED,
 * and subscriptions over graphql-ws authenticated in `connection_init`.
 */
export function createRapportClient(options: RapportClientOptions): RapportClient {
  const { tokens } = options;
  const leeway = options.refreshLeewayMs ?? 30_000;
  const wsUrl = options.wsUrl ?? options.url.replace(/^http/, 'ws');
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    retryAttempts: 5,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    connectionParams: () => {
      const current = tokens.get();
      return current ? { authorization: `Bearer ${current.accessToken}` } : {};
    },
  });

  const auth: Exchange = authExchange(async (utils) => ({
    addAuthToOperation(operation) {
      const current = tokens.get();
      const extra = options.headers?.() ?? {};
      const headers = current ? { ...extra, authorization: `Bearer ${current.accessToken}` } : extra;
      return Object.keys(headers).length ? utils.appendHeaders(operation, headers) : operation;
    },
    willAuthError() {
      const current = tokens.get();
      return !!current && Date.parse(current.accessTokenExpiresAt) - Date.now() < leeway;
    },
    didAuthError: (error) => isUnauthenticated(error),
    async refreshAuth() {
      const current = tokens.get();
      if (!current) return;
      const result = await utils.mutate(RefreshTokenDocument, { input: { refreshToken: current.refreshToken } });
      const next = tokensOf(result.data?.refreshToken);
      tokens.set(next);
      // A new access token means a new WebSocket handshake for later subscriptions.
      if (next) ws.terminate();
    },
  }));

  const client = new Client({
    url: options.url,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      auth,
      ...(options.persistedOnly ? [persistedOnlyExchange()] : []),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { client, ws, dispose: () => void ws.dispose() };
}

/** Operations go out as `extensions.persistedQuery.sha256Hash`, the id codegen put in `__meta__`. */
function persistedOnlyExchange(): Exchange {
  return persistedExchange({
    enforcePersistedQueries: true,
    enableForMutation: true,
    enableForSubscriptions: true,
    generateHash: async (_query, document) => (document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '',
  });
}
