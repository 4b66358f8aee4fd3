import kafkajs from 'kafkajs';
import type {
  Admin,
  Consumer,
  EachMessagePayload,
  Kafka,
  LogEntry,
  Producer,
  RetryOptions as KafkaRetryOptions,
} from 'kafkajs';
import type { CloudEvent } from './cloud-event.ts';
import { EventsError, isEventsError } from './errors.ts';
import type {
  EventBus,
  MessageMeta,
  OutgoingMessage,
  RetryOptions,
  SubscribeOptions,
  Subscription,
  TopicLag,
} from './event-bus.ts';
import type { EventSchemas } from './event-schemas.ts';
import { handleWithRetry, retryDefaults } from './handle-with-retry.ts';
import { guardKafkajsRunner } from './kafkajs-runner-guard.ts';
import type { Logger } from './logger.ts';
import { atMost } from './sleep.ts';

const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

// Before any consumer exists: a consumer stopped mid-rebalance must not block the event loop.
guardKafkajsRunner();

/** Configuration of {@link KafkaBus}. */
export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /**
   * Idempotent producer (default false): exactly-once appends per partition. Needs brokers
   * that grant producer ids; the test broker refuses it. Without it at most one request is
   * in flight per connection, so retries cannot reorder a key's events.
   */
  idempotent?: boolean;
  /** Consumer session timeout (default 30 s): how long a silent member keeps its partitions. */
  sessionTimeoutMs?: number;
  /** Consumer heartbeat interval (default 3 s). */
  heartbeatIntervalMs?: number;
  /** Rebalance timeout (default 60 s). */
  rebalanceTimeoutMs?: number;
  /** kafkajs retry policy for produce, fetch and admin calls (default: 10 retries, 300 ms … 10 s). */
  clientRetry?: KafkaRetryOptions;
  /** Handler retry backoff. */
  retry?: RetryOptions;
  /** How long `stop()` lets a running handler finish before abandoning it uncommitted (default 5 s). */
  stopGraceMs?: number;
  /** Longest fetch long-poll (default 1 s); `stop()` waits for the running fetch. */
  maxWaitTimeMs?: number;
  /** How long `subscribe()` waits for the group join (default 30 s). */
  joinTimeoutMs?: number;
  /** When given, every published event is validated first. */
  schemas?: EventSchemas;
}

/**
 * The bus on Kafka (kafkajs). Producer: acks from all in-sync replicas, retries, key =
 * aggregate id (Java-compatible murmur2 partitioner). Each `subscribe()` is its own
 * kafkajs consumer in the group; offsets are committed explicitly, message by message,
 * after the handler succeeded — never automatically.
 */
export class KafkaBus implements EventBus {
  readonly #o: KafkaBusOptions;
  readonly #kafka: Kafka;
  readonly #retry: Required<RetryOptions>;
  readonly #subscriptions = new Set<KafkaSubscription>();
  #producer: Producer | undefined;
  #admin: Admin | undefined;

  constructor(options: KafkaBusOptions) {
    this.#o = options;
    this.#retry = retryDefaults(options.retry);
    const logger = options.logger;
    this.#kafka = new KafkaClient({
      clientId: options.clientId,
      brokers: options.brokers,
      retry: options.clientRetry ?? { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
      logLevel: logLevel.WARN,
      // kafkajs's own errors while it retries are warnings to us: the outcome is what we report.
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...rest } = log;
          const obj = { ...rest, component: 'kafkajs' };
          if (level <= logLevel.WARN) logger.warn(obj, message);
          else if (level === logLevel.INFO) logger.info(obj, message);
          else logger.debug(obj, message);
        },
    });
  }

  async connect(): Promise<void> {
    const idempotent = this.#o.idempotent ?? false;
    const producer = this.#kafka.producer({
      idempotent,
      maxInFlightRequests: idempotent ? 5 : 1,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const admin = this.#kafka.admin();
    await producer.connect();
    await admin.connect();
    this.#producer = producer;
    this.#admin = admin;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    const producer = this.#producer;
    if (!producer) throw new EventsError('EVENTS_NOT_CONNECTED', 'KafkaBus: call connect() first');
    if (messages.length === 0) return;
    const schemas: EventSchemas | undefined = this.#o.schemas;
    if (schemas) for (const m of messages) schemas.validate(m.event);
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({
        key: m.key,
        value: JSON.stringify(m.event),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          ce_id: m.event.id,
          ce_type: m.event.type,
        },
      });
      byTopic.set(m.topic, list);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
      });
    } catch (cause) {
      throw new EventsError('EVENTS_PUBLISH_FAILED', `kafka publish failed: ${(cause as Error).message}`, {
        cause,
        retriable: true,
      });
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const admin = this.#admin;
    if (!admin) throw new EventsError('EVENTS_NOT_CONNECTED', 'KafkaBus: call connect() first');
    const consumer = this.#kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.#o.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.#o.heartbeatIntervalMs ?? 3_000,
      rebalanceTimeout: this.#o.rebalanceTimeoutMs ?? 60_000,
      allowAutoTopicCreation: true,
      maxWaitTimeInMs: this.#o.maxWaitTimeMs ?? 1_000,
    });
    try {
      await consumer.connect();
      // Partitions without a committed offset start at the beginning; the floors below turn
      // that into "at the end as of now" when the caller did not ask for a replay.
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      const floors = options.fromBeginning ? new Map<string, string>() : await this.#endFloors(admin, options);
      const sub = new KafkaSubscription(consumer, options, floors, {
        logger: this.#o.logger,
        retry: this.#retry,
        graceMs: this.#o.stopGraceMs ?? 5_000,
      });
      await sub.run(this.#o.joinTimeoutMs ?? 30_000);
      await sub.pinFloors(admin);
      this.#subscriptions.add(sub);
      sub.onStop(() => this.#subscriptions.delete(sub));
      return sub;
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Current end offsets of the partitions this group has never committed. A new group left
   * to kafkajs would resolve "latest" at its first fetch, after the join, and skip whatever
   * was published in between; these floors pin the start to `subscribe()` time instead.
   */
  async #endFloors(admin: Admin, options: SubscribeOptions): Promise<Map<string, string>> {
    const floors = new Map<string, string>();
    const committed = await admin.fetchOffsets({ groupId: options.groupId, topics: options.topics });
    for (const { topic, partitions } of committed) {
      const missing = new Set(partitions.filter((p) => Number(p.offset) < 0).map((p) => p.partition));
      if (missing.size === 0) continue;
      for (const end of await admin.fetchTopicOffsets(topic)) {
        if (missing.has(end.partition)) floors.set(partitionKey(topic, end.partition), end.high);
      }
    }
    return floors;
  }

  /**
   * From the brokers: each partition's high watermark minus the group's committed offset (the low
   * watermark where it never committed). Kafka's admin API cannot read a message's timestamp, so the
   * age is known only for a partition whose first uncommitted message a subscription of this process
   * is handling; otherwise `secondsBehind` is null while events are behind (ADR 0019).
   */
  async lag(groupId: string, topics: string[]): Promise<TopicLag[]> {
    const admin = this.#admin;
    if (!admin) throw new EventsError('EVENTS_NOT_CONNECTED', 'KafkaBus: call connect() first');
    const committed = await admin.fetchOffsets({ groupId, topics });
    const now = Date.now();
    return Promise.all(
      topics.map(async (topic): Promise<TopicLag> => {
        const ends = await admin.fetchTopicOffsets(topic).catch(() => []);
        const done = new Map(
          (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
        );
        let events = 0n;
        let oldest: number | undefined;
        let unknownAge = false;
        for (const end of ends) {
          const from = done.get(end.partition) ?? -1n;
          const start = from < 0n ? BigInt(end.low) : from;
          const behind = BigInt(end.high) - start;
          if (behind <= 0n) continue;
          events += behind;
          const held = [...this.#subscriptions]
            .filter((s) => s.groupId === groupId)
            .map((s) => s.inHand(topic, end.partition))
            .find((ts) => ts !== undefined);
          if (held === undefined) unknownAge = true;
          else oldest = Math.min(oldest ?? held, held);
        }
        const secondsBehind =
          events === 0n ? 0 : oldest !== undefined ? Math.max(0, (now - oldest) / 1000) : unknownAge ? null : 0;
        return { topic, events: Number(events), secondsBehind };
      }),
    );
  }

  async ping(): Promise<boolean> {
    const admin = this.#admin;
    if (!admin) return false;
    try {
      const { brokers } = await admin.describeCluster();
      return brokers.length > 0;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    this.#subscriptions.clear();
    const limit = (this.#o.stopGraceMs ?? 5_000) + 5_000;
    const warn = (what: string) => () =>
      this.#o.logger.warn({ limitMs: limit }, `${what} disconnect did not finish; moving on`);
    await atMost(this.#producer?.disconnect() ?? Promise.resolve(), limit, warn('producer'));
    await atMost(this.#admin?.disconnect() ?? Promise.resolve(), limit, warn('admin'));
    this.#producer = undefined;
    this.#admin = undefined;
  }
}

interface SubscriptionSettings {
  logger: Logger;
  retry: Required<RetryOptions>;
  graceMs: number;
}

/** One kafkajs consumer running a handler with retry and per-message commits. */
class KafkaSubscription implements Subscription {
  readonly #consumer: Consumer;
  readonly #options: SubscribeOptions;
  readonly #floors: Map<string, string>;
  readonly #settings: SubscriptionSettings;
  #assignment: Record<string, number[]> = {};
  readonly #stopping = new AbortController();
  readonly #onStop: (() => void)[] = [];
  /** Broker timestamp (ms) of the message being handled, per partition: the group's oldest uncommitted there. */
  readonly #inHand = new Map<string, number>();
  #stopped: Promise<void> | undefined;

  constructor(
    consumer: Consumer,
    options: SubscribeOptions,
    floors: Map<string, string>,
    settings: SubscriptionSettings,
  ) {
    this.#consumer = consumer;
    this.#options = options;
    this.#floors = floors;
    this.#settings = settings;
  }

  get groupId(): string {
    return this.#options.groupId;
  }

  /** The timestamp of the message this subscription is handling on that partition, if any. */
  inHand(topic: string, partition: number): number | undefined {
    return this.#inHand.get(partitionKey(topic, partition));
  }

  onStop(fn: () => void): void {
    this.#onStop.push(fn);
  }

  /**
   * Starts consuming and resolves after the first group join or, for a subscription with no floors
   * to pin, after the timeout, the join going on in the background.
   */
  async run(joinTimeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let removeListener: (() => void) | undefined;
    const joined = new Promise<void>((resolve) => {
      removeListener = this.#consumer.on(this.#consumer.events.GROUP_JOIN, (e) => {
        this.#assignment = e.payload.memberAssignment;
        resolve();
      });
      timer = setTimeout(() => {
        this.#settings.logger.warn({ groupId: this.#options.groupId }, 'consumer group join is slow; continuing');
        resolve();
      }, joinTimeoutMs);
    });
    // kafkajs's run() itself waits for the first join and sync; while a group keeps rebalancing
    // (members coming and going, a crashed member not yet timed out) that can take minutes, so the
    // wait is bounded here rather than by run(). A start that fails outright still fails subscribe().
    const running = this.#consumer.run({ autoCommit: false, eachMessage: (payload) => this.#eachMessage(payload) });
    let returned = false;
    // Before this returns, a failed start fails subscribe() and its caller reports it; only a later one is logged here.
    running.catch((err: unknown) => {
      if (returned) this.#settings.logger.error({ err, groupId: this.#options.groupId }, 'consumer failed to start');
    });
    try {
      // Pinning floors needs this member in the group: then the join is waited for as long as it takes.
      if (this.#floors.size > 0) await running.then(() => joined);
      else await Promise.race([joined, running.then(() => joined)]);
    } finally {
      returned = true;
      clearTimeout(timer);
      removeListener?.();
    }
  }

  /**
   * Commits the floors of partitions still without a committed offset, so that every later
   * member of the group starts there too, and jumps this member's fetch position to them.
   */
  async pinFloors(admin: Admin): Promise<void> {
    if (this.#floors.size === 0) return;
    const { groupId, topics } = this.#options;
    const committed = await admin.fetchOffsets({ groupId, topics });
    const pins = committed.flatMap(({ topic, partitions }) =>
      partitions
        .filter((p) => Number(p.offset) < 0 && this.#floors.has(partitionKey(topic, p.partition)))
        .map((p) => ({ topic, partition: p.partition, offset: this.#floors.get(partitionKey(topic, p.partition))! })),
    );
    if (pins.length === 0) return;
    await this.#consumer.commitOffsets(pins);
    for (const pin of pins) {
      if (this.#assignment[pin.topic]?.includes(pin.partition)) this.#consumer.seek(pin);
    }
  }

  async #eachMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const floor = this.#floors.get(partitionKey(topic, partition));
    // Published before this group existed and the caller asked for the end: not ours.
    if (floor !== undefined && BigInt(message.offset) < BigInt(floor)) return;
    const key = message.key ? message.key.toString('utf8') : null;
    const meta: MessageMeta = { topic, partition, offset: message.offset, key };
    const held = partitionKey(topic, partition);
    this.#inHand.set(held, Number(message.timestamp));
    try {
      await this.#handleAndCommit(message, meta, heartbeat);
    } finally {
      this.#inHand.delete(held);
    }
  }

  async #handleAndCommit(
    message: EachMessagePayload['message'],
    meta: MessageMeta,
    heartbeat: EachMessagePayload['heartbeat'],
  ): Promise<void> {
    const { topic, partition } = meta;
    const { logger, retry, graceMs } = this.#settings;
    const { groupId, handler } = this.#options;
    const ctx = {
      logger,
      groupId,
      retry,
      stopping: this.#stopping.signal,
      graceMs,
      // Keeps the membership alive while a failing handler backs off; throws on a
      // rebalance, which hands the uncommitted message to the partition's next owner.
      onWait: heartbeat,
    };
    try {
      // Parsing inside the retried step: a payload we cannot read stops the partition
      // loudly instead of being skipped.
      let event: CloudEvent | undefined;
      await handleWithRetry(
        ctx,
        meta,
        async () => {
          event ??= parse(message.value);
          await handler(event, meta);
        },
        { eventId: message.headers?.ce_id?.toString(), eventType: message.headers?.ce_type?.toString() },
      );
    } catch (err) {
      if (isEventsError(err, 'EVENTS_HANDLER_ABANDONED')) {
        logger.warn({ groupId, ...meta }, err.message);
        return;
      }
      throw err;
    }
    try {
      await this.#consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    } catch (err) {
      // Handled but not committed: the next owner gets it again, which consumers tolerate.
      logger.warn({ err, groupId, ...meta }, 'offset commit failed; the message may be redelivered');
    }
  }

  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stopping.abort();
      try {
        // A consumer caught in a rebalance can wait forever to leave its group; shutdown must end.
        const limit = this.#settings.graceMs + 5_000;
        await atMost(this.#consumer.disconnect(), limit, () =>
          this.#settings.logger.warn(
            { groupId: this.#options.groupId, limitMs: limit },
            'consumer disconnect did not finish; moving on',
          ),
        );
      } finally {
        for (const fn of this.#onStop) fn();
      }
    })();
    return this.#stopped;
  }
}

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function parse(value: Buffer | null): CloudEvent {
  if (!value) throw new EventsError('EVENTS_INVALID_EVENT', 'kafka message has no value');
  return JSON.parse(value.toString('utf8')) as CloudEvent;
}
