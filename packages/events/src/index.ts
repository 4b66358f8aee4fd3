export {
  createEvent,
  createCloudEvent,
  type CloudEvent,
  type TongxinEvent,
  type EventOf,
  type EventPayload,
  type CreateEventInput,
  type CreateEventInputOf,
  type CreateCloudEventInput,
} from './cloud-event.ts';
export type * from './event-types.generated.ts';
export {
  TOPICS,
  topicForEventType,
  topicSpecs,
  DEFAULT_TOPIC_PARTITIONS,
  type Topic,
  type TopicSpec,
} from './topics.ts';
export { EventSchemas, DEFAULT_CONTRACTS_DIR, type EventSchemasOptions } from './event-schemas.ts';
export { EventsError, isEventsError, type EventsErrorCode, type EventsErrorOptions } from './errors.ts';
export type { Logger } from './logger.ts';
// The bus contract is all types: EventBus, EventHandler, MessageMeta, OutgoingMessage, RetryOptions, SubscribeOptions, Subscription.
export type * from './event-bus.ts';
export { outboxMigrationSql } from './outbox-sql.ts';
export { Outbox, type OutboxOptions } from './outbox.ts';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
export {
  consumeOnce,
  consumeBatchOnce,
  type ConsumeOnceOptions,
  type ConsumeBatchOnceOptions,
} from './consume-once.ts';
export { KafkaBus, type KafkaBusOptions } from './kafka-bus.ts';
export { EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus.ts';
export { embeddedBusMigrationSql } from './embedded-bus-sql.ts';
export { partitionForKey } from './partition-for-key.ts';
export { withTraceContext } from './trace-context.ts';
