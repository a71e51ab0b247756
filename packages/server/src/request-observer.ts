import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RapportContext } from '@rapport/core';
import type { Logger } from './logger.js';
import { operationLabel, type RapportMetrics } from './metrics.js';

/** What is known about one HTTP request once it is answered. */
export interface RequestSummary {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** `ok`, the first error's code, or `http_<status>` for a non-GraphQL answer. */
  outcome: string;
  operation?: string | undefined;
  operationType?: string | undefined;
  viewerId?: string | undefined;
}

/** Tracing as the request observer uses it: a span per request, ended with the summary. */
export interface RequestTracing {
  start(req: IncomingMessage, path: string): (summary: RequestSummary) => void;
  shutdown(): Promise<void>;
}

interface Details {
  requestId: string;
  endpoint: string;
  operation?: string | undefined;
  operationType?: string | undefined;
  viewerId?: string | undefined;
  outcome?: string | undefined;
}

/** An `x-request-id` we accept from a caller (or a proxy); anything else is replaced by our own. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function outcomeOf(result: unknown): string | undefined {
  const first = (Array.isArray(result) ? result[0] : result) as ExecutionResult | undefined;
  if (!first || typeof first !== 'object' || Symbol.asyncIterator in first) return undefined;
  const error = first.errors?.[0];
  return error ? String(error.extensions?.code ?? 'GRAPHQL_ERROR') : 'ok';
}

/**
 * One structured log line, metrics and (when on) a span per HTTP request: request id, operation,
 * viewer, duration and outcome. Nothing from the request body or its credentials is recorded.
 */
export class RequestObserver {
  private readonly details = new WeakMap<IncomingMessage, Details>();

  constructor(
    private readonly logger: Logger,
    private readonly metrics: RapportMetrics,
    private readonly tracing: RequestTracing | undefined,
  ) {}

  /** Wraps the HTTP handler: assigns and echoes the request id, and reports when the response ends. */
  handle(req: IncomingMessage, res: ServerResponse, endpoint: string | undefined, next: () => void): void {
    const started = performance.now();
    const offered = req.headers['x-request-id'];
    const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('x-request-id', requestId);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const details: Details = { requestId, endpoint: endpoint ?? path };
    this.details.set(req, details);
    const endSpan = this.tracing?.start(req, path);
    this.metrics.inFlight.inc();
    res.once('close', () => {
      this.metrics.inFlight.dec();
      const status = res.statusCode;
      const summary: RequestSummary = {
        requestId,
        method: req.method ?? '',
        path,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        outcome: details.outcome ?? (res.writableFinished ? (status < 400 ? 'ok' : `http_${status}`) : 'aborted'),
        operation: details.operation,
        operationType: details.operationType,
        viewerId: details.viewerId,
      };
      this.report(summary, endpoint);
      endSpan?.(summary);
    });
    next();
  }

  private report(summary: RequestSummary, endpoint: string | undefined): void {
    const { requestId, method, path, status, durationMs, outcome, operation, operationType, viewerId } = summary;
    this.metrics.httpRequests.inc({ route: endpoint ? 'graphql' : path.startsWith('/webhooks') ? 'webhook' : path, status: String(status) });
    if (endpoint && method !== 'GET' || operation) {
      const labels = { endpoint: endpoint ?? path, operation: operationLabel(operation) };
      this.metrics.operations.inc({ ...labels, outcome });
      this.metrics.duration.observe(labels, durationMs / 1000);
    }
    // Probes would drown the log at info.
    const level = path === '/healthz' || path === '/readyz' || path === '/metrics' ? 'debug' : status >= 500 ? 'error' : 'info';
    this.logger[level]({ requestId, method, path, status, durationMs, outcome, operation, operationType, viewerId }, 'request');
  }

  /** An operation over graphql-ws (one socket carries many): a log line and the operation counter. */
  socketOperation(endpoint: string, args: ExecutionArgs, result: unknown): void {
    const operation = getOperationAST(args.document, args.operationName);
    const name = operation?.name?.value ?? args.operationName ?? undefined;
    const outcome = outcomeOf(result) ?? 'stream';
    this.metrics.operations.inc({ endpoint, operation: operationLabel(name), outcome });
    const viewerId = (args.contextValue as RapportContext | undefined)?.viewer?.id;
    this.logger.info({ transport: 'graphql-ws', path: endpoint, operation: name, operationType: operation?.operation, viewerId, outcome }, 'socket operation');
  }

  /** An operation graphql-ws refused before running it (parse, validation, limits). */
  socketRefused(endpoint: string, operationName: string | null | undefined, errors: readonly GraphQLError[]): void {
    const outcome = String(errors[0]?.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED');
    this.metrics.operations.inc({ endpoint, operation: operationLabel(operationName), outcome });
    this.logger.info({ transport: 'graphql-ws', path: endpoint, operation: operationName ?? undefined, outcome }, 'socket operation');
  }

  /** The yoga side: the operation, who asked, and how it ended, filed under the request. */
  plugin(): Plugin<RapportContext> {
    const details = this.details;
    const of = (context: unknown) => {
      const req = (context as { req?: IncomingMessage } | undefined)?.req;
      return req ? details.get(req) : undefined;
    };
    const noteOperation = (args: { contextValue: unknown; document: Parameters<typeof getOperationAST>[0]; operationName?: string | null | undefined }) => {
      const found = of(args.contextValue);
      if (!found) return;
      const operation = getOperationAST(args.document, args.operationName);
      found.operation = operation?.name?.value ?? args.operationName ?? undefined;
      found.operationType = operation?.operation;
      found.viewerId = (args.contextValue as RapportContext).viewer?.id ?? undefined;
    };
    return {
      onExecute: ({ args }) => noteOperation(args),
      onSubscribe: ({ args }) => noteOperation(args),
      onParams: ({ params, context }) => {
        const found = of(context);
        if (found && params.operationName) found.operation = params.operationName;
      },
      onResultProcess: ({ result, serverContext }) => {
        const found = of(serverContext);
        if (found) found.outcome = outcomeOf(result) ?? 'stream';
      },
    };
  }
}
