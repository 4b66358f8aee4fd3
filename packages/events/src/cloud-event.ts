import { randomUUID } from 'node:crypto';
import type { EventDataMap, EventType } from './event-types.generated.ts';

/** A CloudEvents 1.0 envelope in structured JSON mode. */
export interface CloudEvent<T = unknown, K extends string = string> {
  specversion: '1.0';
  /** UUID; consumers deduplicate on it. */
  id: string;
  /** Producing service, e.g. `/tongxin/worker-profile`. */
  source: string;
  /** Dotted event type, e.g. `worker.registered`; selects the topic and the schema. */
  type: K;
  /** ISO-8601 timestamp of the change. */
  time: string;
  /** Aggregate id; also the bus key, so one aggregate's events keep their order. */
  subject: string;
  datacontenttype: 'application/json';
  data: T;
  /** W3C trace context of the request that caused the event (CloudEvents distributed-tracing extension). */
  traceparent?: string;
  tracestate?: string;
}

/** The payload (`data`) of event type `K`, as its JSON Schema in contracts/events says. */
export type EventPayload<K extends EventType> = EventDataMap[K];

/**
 * An event of the event map `M` (type → payload): for each type `K` its payload is `M[K]`, and a union
 * over several types is a union of events, so that a type is never paired with another type's payload.
 */
export type EventOf<M, K extends keyof M & string> = { [P in K]: CloudEvent<M[P], P> }[K];

/**
 * An event of the contracts: for each type `K` its payload is the type generated from its JSON Schema,
 * and a union over several types narrows on `type`.
 */
export type TongxinEvent<K extends EventType = EventType> = EventOf<EventDataMap, K>;

/** Input of {@link createEvent} for one type: the payload must be what the type's schema says. */
export interface CreateEventInputOf<K extends EventType> {
  type: K;
  source: string;
  subject: string;
  data: EventDataMap[K];
  /** Defaults to a random UUID. */
  id?: string;
  /** Defaults to now. */
  time?: string | Date;
}

/**
 * Input of {@link createEvent}. Distributed over `K`, so that a `type` that is one of several (e.g.
 * `'subsidy.approved' | 'subsidy.paid'`) compiles only with a payload that every one of them accepts.
 */
export type CreateEventInput<K extends EventType> = { [P in K]: CreateEventInputOf<P> }[K];

/** Input of {@link createCloudEvent}: any type and payload, for the transport's own tests and tools. */
export interface CreateCloudEventInput<T, K extends string = string> {
  type: K;
  source: string;
  subject: string;
  data: T;
  /** Defaults to a random UUID. */
  id?: string;
  /** Defaults to now. */
  time?: string | Date;
}

/** Builds an event of the contracts; the compiler holds `data` to the schema of `type`. */
export function createEvent<K extends EventType>(input: CreateEventInput<K>): TongxinEvent<K> {
  return createCloudEvent(input);
}

/** Builds a CloudEvents 1.0 envelope, filling `id`, `time` and the constant attributes. */
export function createCloudEvent<T, K extends string = string>(input: CreateCloudEventInput<T, K>): CloudEvent<T, K> {
  const time = input.time instanceof Date ? input.time.toISOString() : (input.time ?? new Date().toISOString());
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time,
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
  };
}
