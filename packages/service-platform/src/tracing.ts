import { type Context, type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { CloudEvent } from '@tongxin/events';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Tracing (ADR 0023): W3C trace context from the gateway through a service, its outbox, the bus and the
 * consumers on the other side. Without a registered provider every span below is a no-op, so tracing
 * costs nothing unless an OTLP endpoint is configured (or a test registers its own exporter).
 */
let registered: TracerProvider | undefined;

/**
 * Registers the process's tracer provider with the given span processors, the W3C propagator and an
 * AsyncLocalStorage context (so a request's span is current in its handler, its use case and the
 * outbox write). Once per process: a second call returns the provider already registered.
 */
export function registerTracing(serviceName: string, processors: SpanProcessor[]): TracerProvider {
  if (registered) return registered;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registered = provider;
  return provider;
}

/**
 * Starts exporting traces over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, as the OpenTelemetry specification names them;
 * otherwise does nothing. Returns a flush-and-stop for shutdown.
 */
export function startTracing(
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): (() => Promise<void>) | undefined {
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!tracesUrl && !base) return undefined;
  const url = tracesUrl || `${base!.replace(/\/$/, '')}/v1/traces`;
  const provider = registerTracing(env.OTEL_SERVICE_NAME || serviceName, [
    new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }),
  ]);
  return () => provider.shutdown();
}

const REQUEST_SPAN = Symbol('tongxin.requestSpan');
type TracedRequest = FastifyRequest & { [REQUEST_SPAN]?: Span };

/**
 * A server span per request, child of the caller's `traceparent` when it sent one, current for the
 * rest of the request's life; ended with the status code once the answer has gone.
 */
export function registerRequestTracing(app: FastifyInstance, serviceName: string): void {
  const tracer = trace.getTracer(serviceName);
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url === '/health' || request.url === '/ready' || request.url === '/metrics') return done();
    const parent = propagation.extract(context.active(), request.headers);
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'tongxin.request_id': request.id },
      },
      parent,
    );
    (request as TracedRequest)[REQUEST_SPAN] = span;
    // The hooks and the handler that follow run inside this call: the span is their current one.
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = (request as TracedRequest)[REQUEST_SPAN];
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}

/** The current trace context as W3C headers, for a request this process makes to another service. */
export function traceHeaders(into: Record<string, string> = {}): Record<string, string> {
  propagation.inject(context.active(), into);
  return into;
}

/**
 * Runs a consumer's handling of one event in a consumer span whose parent is the trace the event
 * carries (`traceparent`, set by the producer's outbox), so that writes it makes (and the events they
 * emit) continue that trace.
 */
export function withConsumerSpan<T>(
  serviceName: string,
  consumer: string,
  event: TracedEvent,
  fn: () => Promise<T>,
): Promise<T> {
  return trace
    .getTracer(serviceName)
    .startActiveSpan(`consume ${event.type}`, consumerSpanOptions(consumer, event), parentOf(event), (span) =>
      endingSpans([span], fn),
    );
}

/**
 * The spans of events applied together by one multi-row write: one consumer span per event, each the
 * child of its own event's trace, all lasting as long as the shared write. None is made current: the
 * write belongs to no single trace.
 */
export function withConsumerSpans<T>(
  serviceName: string,
  consumer: string,
  events: readonly TracedEvent[],
  fn: () => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(serviceName);
  const spans = events.map((e) => tracer.startSpan(`consume ${e.type}`, consumerSpanOptions(consumer, e), parentOf(e)));
  return endingSpans(spans, fn);
}

type TracedEvent = Pick<CloudEvent, 'id' | 'type' | 'traceparent' | 'tracestate'>;

function parentOf(event: TracedEvent): Context {
  const carrier: Record<string, string> = {};
  if (event.traceparent) carrier.traceparent = event.traceparent;
  if (event.tracestate) carrier.tracestate = event.tracestate;
  return propagation.extract(context.active(), carrier);
}

function consumerSpanOptions(consumer: string, event: TracedEvent) {
  return {
    kind: SpanKind.CONSUMER,
    attributes: { 'messaging.consumer.group.name': consumer, 'messaging.message.id': event.id },
  };
}

async function endingSpans<T>(spans: Span[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message });
    throw err;
  } finally {
    for (const span of spans) span.end();
  }
}
