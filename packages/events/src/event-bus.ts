import type { CloudEvent } from './cloud-event.ts';

/** One message to publish: the event, its topic and its key (the aggregate id). */
export interface OutgoingMessage {
  topic: string;
  key: string;
  event: CloudEvent;
}

/** Where a delivered message sits in the log. */
export interface MessageMeta {
  topic: string;
  partition: number;
  /** Decimal string: Kafka offsets are int64. */
  offset: string;
  key: string | null;
}

/** Handles one message; a rejection makes the bus retry the same message with backoff. */
export type EventHandler = (event: CloudEvent, meta: MessageMeta) => Promise<void>;

/** One delivered message of a batch. */
export interface DeliveredMessage {
  event: CloudEvent;
  meta: MessageMeta;
}

/**
 * Handles consecutive messages of ONE partition, in offset order, all or nothing: it must either
 * apply every message (as {@link EventHandler} would, one after the other) or reject having applied
 * none (one transaction). A rejection is not retried as a batch: the bus hands the same messages to
 * the per-message handler one at a time, with its retry, so a poison message is isolated.
 */
export type BatchHandler = (messages: DeliveredMessage[]) => Promise<void>;

/** Input of {@link EventBus.subscribe}. */
export interface SubscribeOptions {
  /** Consumer group: every group sees every event; instances of a group share partitions. */
  groupId: string;
  topics: string[];
  /** For a group with no committed offsets: start at the first retained message instead of the end. */
  fromBeginning?: boolean;
  handler: EventHandler;
  /**
   * Optional batch form of `handler`. When given, each fetched run of a partition's messages is
   * handed over at once and the group's offset is committed once per batch; a batch that fails
   * falls back to `handler`, message by message, each committed after it succeeded.
   */
  batchHandler?: BatchHandler;
  /**
   * Messages of a partition fetched and handed to `batchHandler` at once, in place of the bus's own
   * setting: larger for a handler that writes a batch with a few multi-row statements. The embedded log
   * honours it; Kafka hands over what it fetched.
   */
  batchSize?: number;
}

/** How far one consumer group is behind on one topic (all its partitions together). */
export interface TopicLag {
  topic: string;
  /** Messages published but not yet committed by the group. */
  events: number;
  /**
   * Age in seconds of the oldest message the group has not committed yet; 0 when caught up,
   * null when the bus cannot tell (Kafka, while no member of this process holds that message).
   */
  secondsBehind: number | null;
}

/** A running subscription. */
export interface Subscription {
  /**
   * Stops consuming. A handler still running gets the bus's grace period; after it the
   * message is abandoned uncommitted (and redelivered to the group later).
   */
  stop(): Promise<void>;
}

/**
 * A partitioned, durable log with consumer groups.
 *
 * Semantics shared by every implementation (and checked by the contract tests):
 * at-least-once delivery; per-key order; a failing handler is retried with backoff on the
 * same message (never skipped, never reordered); offsets are committed only after the
 * handler succeeded, so a consumer that dies mid-message has it redelivered.
 * With a `batchHandler`: a partition's batch is committed once after the batch handler
 * succeeded; when it fails, its messages go one by one through `handler` (retried, committed
 * each), so the messages before a poison one are committed and nothing after it runs first.
 * `subscribe()` resolves once the group's start position is fixed: whatever is published
 * afterwards is delivered.
 */
export interface EventBus {
  connect(): Promise<void>;
  /** Resolves once every message is durably stored; rejects with `EVENTS_PUBLISH_FAILED` (retriable). */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** The group's lag on each of `topics`, in their order; a group that never committed is behind by everything. */
  lag(groupId: string, topics: string[]): Promise<TopicLag[]>;
  /** True when the bus answers; for readiness probes. */
  ping(): Promise<boolean>;
  /** Stops every subscription, then releases connections. */
  close(): Promise<void>;
}

/** Handler retry policy shared by the buses. */
export interface RetryOptions {
  /** First backoff after a handler failure (default 200 ms). */
  initialMs?: number;
  /** Backoff cap (default 10 s). */
  maxMs?: number;
}
