import type { IncomingMessage } from 'node:http';
import { NoSchemaIntrospectionCustomRule, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import {
  authenticate,
  RapportError,
  type Authentication,
  type AuthSettings,
  type Clock,
  type Credentials,
  type PrismaClient,
  type RapportContext,
  type RequestOrigin,
} from '@rapport/core';

/** What yoga hands the context factory: a fetch Request over HTTP; the upgrade request and graphql-ws payload over WebSocket. */
export interface InitialContext {
  request?: Request;
  req?: IncomingMessage;
  connectionParams?: Readonly<Record<string, unknown>>;
}

function header(initial: InitialContext, name: string): string | null {
  const fromNode = initial.req?.headers[name];
  return initial.request?.headers.get(name) ?? (Array.isArray(fromNode) ? fromNode[0] : fromNode) ?? null;
}

/** HTTP: `Authorization` or `X-Api-Key`. graphql-ws: `connection_init` payload `{ authorization }` (or `{ apiKey }`). */
export function credentialsOf(initial: InitialContext): Credentials {
  const params = initial.connectionParams;
  if (params) return { authorization: stringOrNull(params.authorization), apiKey: stringOrNull(params.apiKey) };
  return { authorization: header(initial, 'authorization'), apiKey: header(initial, 'x-api-key') };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The client address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function originOf(initial: InitialContext, trustProxy: boolean): RequestOrigin {
  const forwarded = trustProxy ? header(initial, 'x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  const address = forwarded || initial.req?.socket.remoteAddress || null;
  return { ip: address?.replace(/^::ffff:/, '') ?? null, userAgent: header(initial, 'user-agent') };
}

/** Resolves presented credentials into a viewer: core's for /graphql, an endpoint's own elsewhere. */
export type Authenticator = (prisma: PrismaClient, settings: AuthSettings, credentials: Credentials, now: Date) => Promise<Authentication>;

/** The per-request part of the context: who is asking (one query when credentials are presented) and from where. */
export function requestIdentity(
  prisma: PrismaClient,
  settings: AuthSettings,
  clock: Clock,
  trustProxy: boolean,
  authenticateWith: Authenticator = authenticate,
) {
  return async (initial: InitialContext) => {
    const { viewer, problem } = await authenticateWith(prisma, settings, credentialsOf(initial), clock.now());
    return { viewer, authProblem: problem, origin: originOf(initial, trustProxy), acceptLanguage: header(initial, 'accept-language') };
  };
}

/** In production, the schema is for signed-in callers only: anonymous introspection gets UNAUTHENTICATED. */
export function useAnonymousIntrospectionGuard(): Plugin<RapportContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (args.contextValue.viewer || !asksForSchema(args.document)) return;
      setResultAndStopExecution({ errors: [RapportError.of('UNAUTHENTICATED', 'auth.introspectSignIn')] });
    },
  };
}

function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** An endpoint whose schema is not to be introspected: `__schema` and `__type` fail validation, for everyone. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
