// OpenTelemetry tracing: loaded (dynamically, with the SDK) only when an OTLP endpoint is configured,
// so a deployment without it carries no tracer at all. The exporter reads the standard OTEL_* variables
// (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME, ...).
import type { IncomingMessage } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RequestTracing } from './request-observer.js';

export function startTracing(url: string): RequestTracing {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))] });
  provider.register();
  const tracer = trace.getTracer('rapport');
  return {
    start(req: IncomingMessage, path: string) {
      // A caller's traceparent makes this request part of its trace.
      const parent = propagation.extract(context.active(), req.headers);
      const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': path } }, parent);
      return (done) => {
        if (done.operation) span.updateName(`${done.operationType ?? 'graphql'} ${done.operation}`);
        span.setAttributes({
          'http.response.status_code': done.status,
          'rapport.request_id': done.requestId,
          'rapport.outcome': done.outcome,
          ...(done.operation ? { 'graphql.operation.name': done.operation } : {}),
          ...(done.operationType ? { 'graphql.operation.type': done.operationType } : {}),
          ...(done.viewerId ? { 'enduser.id': done.viewerId } : {}),
        });
        if (done.status >= 500 || done.outcome === 'INTERNAL_SERVER_ERROR') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
    shutdown: () => provider.shutdown(),
  };
}
