import { context, propagation } from '@opentelemetry/api';
import type { CloudEvent } from './cloud-event.ts';

/**
 * The event with the current trace context as its CloudEvents distributed-tracing attributes
 * (`traceparent`, `tracestate`), so that the consumers on the other side of the bus continue the trace
 * of the request that caused it. Unchanged when nothing is being traced (no provider registered, or no
 * current span).
 */
export function withTraceContext<E extends CloudEvent<unknown, string>>(event: E): E {
  if (event.traceparent) return event;
  const carrier: { traceparent?: string; tracestate?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { ...event, ...carrier } : event;
}
