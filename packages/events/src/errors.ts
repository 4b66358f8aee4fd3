/**
 * Error codes of `@tongxin/events`.
 *
 * | code | meaning | fix |
 * |------|---------|-----|
 * | EVENTS_UNKNOWN_EVENT_TYPE | the event type's prefix maps to no topic | use a documented domain prefix (worker., employer., …) |
 * | EVENTS_SCHEMA_MISSING | no `<type>.json` in the contracts directory | add the schema to `contracts/events/` |
 * | EVENTS_INVALID_EVENT | the event does not match its schema | fix the producer; `details` lists the violations |
 * | EVENTS_SCHEMA_LOAD_FAILED | a schema file could not be read or compiled | fix the JSON Schema named in the message |
 * | EVENTS_PUBLISH_FAILED | the bus did not acknowledge a publish | retriable: the relay retries on its next tick |
 * | EVENTS_NOT_CONNECTED | the bus was used before `connect()` or after `close()` | call `connect()` first |
 * | EVENTS_INVALID_IDENTIFIER | a SQL schema name is not a plain identifier | use `[a-z_][a-z0-9_]*` |
 * | EVENTS_HANDLER_ABANDONED | a subscription stopped while its handler still ran; the message stays uncommitted | none: it is redelivered |
 * | EVENTS_TOPIC_MISMATCH | a topic on the broker has other partitions or configs than the service needs (ADR 0002) | fix the topic (or the setting) named in the message; never let a service reshape a topic that holds events |
 */
export type EventsErrorCode =
  | 'EVENTS_UNKNOWN_EVENT_TYPE'
  | 'EVENTS_SCHEMA_MISSING'
  | 'EVENTS_INVALID_EVENT'
  | 'EVENTS_SCHEMA_LOAD_FAILED'
  | 'EVENTS_PUBLISH_FAILED'
  | 'EVENTS_NOT_CONNECTED'
  | 'EVENTS_INVALID_IDENTIFIER'
  | 'EVENTS_HANDLER_ABANDONED'
  | 'EVENTS_TOPIC_MISMATCH';

/** Options of {@link EventsError}. */
export interface EventsErrorOptions {
  /** True when retrying the same operation later may succeed. */
  retriable?: boolean;
  cause?: unknown;
  /** Machine-readable detail, e.g. the schema violations. */
  details?: unknown;
}

/** Base error of the package: a stable `code`, `retriable`, and the original `cause`. */
export class EventsError extends Error {
  readonly code: EventsErrorCode;
  readonly retriable: boolean;
  readonly details: unknown;

  constructor(code: EventsErrorCode, message: string, options: EventsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EventsError';
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }
}

/** True when `err` is an {@link EventsError} with the given code. */
export function isEventsError(err: unknown, code?: EventsErrorCode): err is EventsError {
  return err instanceof EventsError && (code === undefined || err.code === code);
}
