import { randomUUID } from 'node:crypto';

/** A CloudEvents 1.0 envelope in structured JSON mode. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** UUID; consumers deduplicate on it. */
  id: string;
  /** Producing service, e.g. `/tongxin/worker-profile`. */
  source: string;
  /** Dotted event type, e.g. `worker.registered`; selects the topic and the schema. */
  type: string;
  /** ISO-8601 timestamp of the change. */
  time: string;
  /** Aggregate id; also the bus key, so one aggregate's events keep their order. */
  subject: string;
  datacontenttype: 'application/json';
  data: T;
}

/** Input of {@link createEvent}. */
export interface CreateEventInput<T> {
  type: string;
  source: string;
  subject: string;
  data: T;
  /** Defaults to a random UUID. */
  id?: string;
  /** Defaults to now. */
  time?: string | Date;
}

/** Builds a CloudEvents 1.0 envelope, filling `id`, `time` and the constant attributes. */
export function createEvent<T>(input: CreateEventInput<T>): CloudEvent<T> {
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
