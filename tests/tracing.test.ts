import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { registerTracing } from '@tongxin/service-platform';
import { eventually, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

/**
 * One request's trace (issue 18, ADR 0023): the gateway's span, worker-profile's span under it, and
 * matching's consumer span for the event that request caused, carried across the bus by the event's
 * `traceparent`. The services run in this process, so one in-memory exporter sees every span; each
 * span's tracer is named after the service that made it.
 */
const exporter = new InMemorySpanExporter();
registerTracing('tongxin-test', [new SimpleSpanProcessor({ exporter })]);

const stack = await startStack({ services: ['worker-profile', 'matching'] });
t.teardown(() => stack.stop());
const officer = await stack.login('officer.yixing');

const service = (s: ReadableSpan): string => s.instrumentationScope.name;
const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;

t.test('a registration through the gateway is one trace down to the consumer in another service', async (t) => {
  // The caller's own trace context is continued, as W3C Trace Context asks.
  const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpan = '00f067aa0ba902b7';
  const created = await stack.api.request('POST', '/api/v1/workers', {
    token: officer,
    body: workerInput(),
    headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` },
  });
  t.equal(created.status, 201);
  const workerId = created.body.id as string;

  const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === callerTrace);
  const consumed = await eventually(
    'matching’s consumer span in the request’s trace',
    async () => inTrace().find((s) => service(s) === 'matching' && s.name === 'consume worker.registered') ?? false,
    30_000,
  );
  const spans = inTrace();
  const gateway = spans.find((s) => service(s) === 'gateway' && s.kind === SpanKind.SERVER);
  const profile = spans.find((s) => service(s) === 'worker-profile' && s.kind === SpanKind.SERVER);
  t.ok(gateway, 'the gateway’s server span');
  t.ok(profile, 'worker-profile’s server span');
  t.equal(parentOf(gateway!), callerSpan, 'the gateway continues the caller’s span');
  t.equal(gateway!.attributes['http.response.status_code'], 201);
  t.equal(parentOf(profile!), gateway!.spanContext().spanId, 'worker-profile’s span is the gateway’s child');
  t.equal(profile!.attributes['http.route'], '/api/v1/workers');
  t.equal(consumed.kind, SpanKind.CONSUMER);
  t.equal(
    parentOf(consumed),
    profile!.spanContext().spanId,
    'the consumer continues the span whose transaction wrote the event to the outbox',
  );
  t.equal(consumed.attributes['messaging.consumer.group.name'], 'matching.read-model');

  // The event itself carries the context on the bus: the consumer span names it.
  const eventId = consumed.attributes['messaging.message.id'];
  t.type(eventId, 'string');
  const stored = await stack.services['worker-profile']!.serviceRuntime!.pool.query(
    `SELECT payload FROM worker_profile.outbox WHERE event_id = $1`,
    [eventId],
  );
  t.equal(stored.rows[0]?.payload.subject, workerId);
  t.match(
    stored.rows[0]?.payload.traceparent,
    new RegExp(`^00-${callerTrace}-${profile!.spanContext().spanId}-0[01]$`),
  );
});

t.test('a request without a caller’s trace starts one at the gateway', async (t) => {
  exporter.reset();
  const r = await stack.api.get('/api/v1/workers?limit=1', officer);
  t.equal(r.status, 200);
  const isList = (s: ReadableSpan) => s.kind === SpanKind.SERVER && s.attributes['http.request.method'] === 'GET';
  const [gateway, profile] = await eventually('both server spans of the request ended', async () => {
    const spans = exporter.getFinishedSpans().filter(isList);
    const g = spans.find((s) => service(s) === 'gateway');
    const p = spans.find((s) => service(s) === 'worker-profile' && s.attributes['http.route'] === '/api/v1/workers');
    return g && p ? ([g, p] as const) : false;
  });
  t.equal(parentOf(gateway), undefined, 'a root span');
  t.equal(profile.spanContext().traceId, gateway.spanContext().traceId, 'one trace');
  t.equal(parentOf(profile), gateway.spanContext().spanId, 'worker-profile’s span is the gateway’s child');
});
