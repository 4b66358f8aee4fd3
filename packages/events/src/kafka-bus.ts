import kafkajs from 'kafkajs';
import type {
  Admin,
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  Kafka,
  LogEntry,
  Producer,
  RetryOptions as KafkaRetryOptions,
} from 'kafkajs';
import type { CloudEvent } from './cloud-event.ts';
import { EventsError, isEventsError } from './errors.ts';
import type {
  DeliveredMessage,
  EventBus,
  MessageMeta,
  OutgoingMessage,
  RetryOptions,
  SubscribeOptions,
  Subscription,
  TopicLag,
} from './event-bus.ts';
import type { EventSchemas } from './event-schemas.ts';
import { attemptBatch, handleWithRetry, retryDefaults } from './handle-with-retry.ts';
import { guardKafkajsRunner } from './kafkajs-runner-guard.ts';
import type { Logger } from './logger.ts';
import { atMost } from './sleep.ts';
import { type TopicSpec, topicSpecs } from './topics.ts';

const { Kafka: KafkaClient, Partitioners, logLevel, ConfigResourceTypes } = kafkajs;

// Before any consumer exists: a consumer stopped mid-rebalance must not block the event loop.
guardKafkajsRunner();

/** Configuration of {@link KafkaBus}. */
export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /**
   * Idempotent producer (default false): exactly-once appends per partition, up to 5 requests in
   * flight without reordering. Needs brokers that grant producer ids (a real broker does;
   * librdkafka's mock refuses it). Without it at most one request is in flight per connection, so
   * retries cannot reorder a key's events.
   */
  idempotent?: boolean;
  /**
   * Put before every topic name, consumer group id and the client id (default none). Several
   * deployments (the test stacks of one run) share one broker this way while the services keep
   * their logical topic names: the prefix is applied here and stripped from what comes back.
   */
  topicPrefix?: string;
  /**
   * The topics `connect()` creates when missing and checks when present, by logical name (default
   * every domain topic, {@link topicSpecs}). A topic whose partitions or configs differ fails
   * `connect()` with `EVENTS_TOPIC_MISMATCH` naming topic and setting. `false`: neither (only for a
   * broker without the CreateTopics API, librdkafka's mock, whose topics are auto-created).
   */
  topics?: Record<string, TopicSpec> | false;
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
  /**
   * Largest produce request `publish()` sends (default 512 KiB); a larger publish goes as several, in
   * order. The broker refuses a partition's record batch above its `message.max.bytes` (1 MiB by
   * default), and the relay publishes up to 500 rows at once: 500 of matching's opening.matched
   * events are ~29 MB.
   */
  maxRequestBytes?: number;
}

/** What a message adds to a produce request besides its key and value: headers and record framing. */
const MESSAGE_OVERHEAD_BYTES = 256;

/**
 * The bus on Kafka (kafkajs). Producer: acks from all in-sync replicas, retries, key =
 * aggregate id (Java-compatible murmur2 partitioner). Each `subscribe()` is its own
 * kafkajs consumer in the group; offsets are committed explicitly, message by message (or
 * once per batch with a batch handler), after the handler succeeded — never automatically.
 */
export class KafkaBus implements EventBus {
  readonly #o: KafkaBusOptions;
  readonly #kafka: Kafka;
  readonly #retry: Required<RetryOptions>;
  readonly #subscriptions = new Set<KafkaSubscription>();
  #producer: Producer | undefined;
  #admin: Admin | undefined;

  readonly #prefix: string;

  constructor(options: KafkaBusOptions) {
    this.#o = options;
    this.#prefix = options.topicPrefix ?? '';
    this.#retry = retryDefaults(options.retry);
    const logger = options.logger;
    this.#kafka = new KafkaClient({
      clientId: `${this.#prefix}${options.clientId}`,
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
      // Topics on purpose (ADR 0002): connect() made them; a topic missing here is an error, not a default.
      allowAutoTopicCreation: this.#o.topics === false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const admin = this.#kafka.admin();
    try {
      await admin.connect();
      if (this.#o.topics !== false) await this.#ensureTopics(admin, this.#o.topics ?? topicSpecs());
      await producer.connect();
    } catch (err) {
      await admin.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
    this.#producer = producer;
    this.#admin = admin;
  }

  /**
   * Creates the missing topics, then checks every one as the broker has it: the partitions and
   * each config of its spec. Another service creating the same topic at the same moment is fine
   * (both create it alike); a topic laid out otherwise is refused, never altered, because changing
   * the partitions of a topic that holds events moves keys between partitions and breaks their order.
   */
  async #ensureTopics(admin: Admin, specs: Record<string, TopicSpec>): Promise<void> {
    const wanted = Object.entries(specs).map(([logical, spec]) => ({ logical, name: this.#topic(logical), spec }));
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((w) => !existing.has(w.name));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((w) => ({
            topic: w.name,
            numPartitions: w.spec.partitions,
            // -1: the broker's default.replication.factor (1 on the test broker, 3 in production).
            replicationFactor: -1,
            configEntries: Object.entries(w.spec.configs).map(([name, value]) => ({ name, value })),
          })),
        });
      } catch (err) {
        // Created meanwhile by another instance: the check below decides whether it is usable.
        if (!/already exists/i.test((err as Error).message)) throw err;
      }
    }
    const metadata = await admin.fetchTopicMetadata({ topics: wanted.map((w) => w.name) });
    const partitions = new Map(metadata.topics.map((m) => [m.name, m.partitions.length]));
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: wanted.map((w) => ({
        type: ConfigResourceTypes.TOPIC,
        name: w.name,
        configNames: Object.keys(w.spec.configs),
      })),
    });
    const configs = new Map(
      described.resources.map((r) => [
        r.resourceName,
        new Map(r.configEntries.map((e) => [e.configName, e.configValue])),
      ]),
    );
    const problems: string[] = [];
    for (const { name, spec } of wanted) {
      const has = partitions.get(name);
      if (has !== spec.partitions) {
        problems.push(`topic "${name}": partitions is ${String(has)}, needs ${spec.partitions}`);
      }
      for (const [setting, value] of Object.entries(spec.configs)) {
        const actual = configs.get(name)?.get(setting);
        if (actual !== value) problems.push(`topic "${name}": ${setting} is ${String(actual)}, needs ${value}`);
      }
    }
    if (problems.length > 0) {
      throw new EventsError(
        'EVENTS_TOPIC_MISMATCH',
        `the broker's topics differ from what this service needs (ADR 0002); fix them, the service will not:\n  ${problems.join('\n  ')}`,
        { details: problems },
      );
    }
  }

  /** The broker's name of a logical topic or group. */
  #topic(logical: string): string {
    return `${this.#prefix}${logical}`;
  }

  /** The logical name of a broker topic. */
  #logical(topic: string): string {
    return this.#prefix && topic.startsWith(this.#prefix) ? topic.slice(this.#prefix.length) : topic;
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
      // One request at a time, each awaited: a key's messages keep their order across requests.
      for (const request of this.#requests(byTopic)) {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...request].map(([topic, msgs]) => ({ topic: this.#topic(topic), messages: msgs })),
        });
      }
    } catch (cause) {
      throw new EventsError('EVENTS_PUBLISH_FAILED', `kafka publish failed: ${(cause as Error).message}`, {
        cause,
        retriable: true,
      });
    }
  }

  /** Splits a publish into produce requests of at most `maxRequestBytes` (a larger message goes alone). */
  *#requests<M extends { key: string; value: string }>(byTopic: Map<string, M[]>): Generator<Map<string, M[]>> {
    const max = this.#o.maxRequestBytes ?? 512 * 1024;
    let request = new Map<string, M[]>();
    let bytes = 0;
    for (const [topic, messages] of byTopic) {
      for (const m of messages) {
        const size = Buffer.byteLength(m.value) + Buffer.byteLength(m.key) + MESSAGE_OVERHEAD_BYTES;
        if (bytes > 0 && bytes + size > max) {
          yield request;
          request = new Map();
          bytes = 0;
        }
        const list = request.get(topic) ?? [];
        list.push(m);
        request.set(topic, list);
        bytes += size;
      }
    }
    if (bytes > 0) yield request;
  }

  async subscribe(logicalOptions: SubscribeOptions): Promise<Subscription> {
    // The rest of the bus speaks the broker's names; the handler hears the logical topic.
    const options: SubscribeOptions = this.#prefix
      ? {
          ...logicalOptions,
          groupId: this.#topic(logicalOptions.groupId),
          topics: logicalOptions.topics.map((t) => this.#topic(t)),
          handler: (event, meta) => logicalOptions.handler(event, { ...meta, topic: this.#logical(meta.topic) }),
        }
      : logicalOptions;
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
  async lag(logicalGroupId: string, logicalTopics: string[]): Promise<TopicLag[]> {
    const admin = this.#admin;
    if (!admin) throw new EventsError('EVENTS_NOT_CONNECTED', 'KafkaBus: call connect() first');
    const groupId = this.#topic(logicalGroupId);
    const topics = logicalTopics.map((t) => this.#topic(t));
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
        return { topic: this.#logical(topic), events: Number(events), secondsBehind };
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
    const running = this.#options.batchHandler
      ? this.#consumer.run({
          autoCommit: false,
          // Resolved by hand: a batch abandoned halfway must be fetched again from where it stopped.
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.#eachBatch(payload),
        })
      : this.#consumer.run({ autoCommit: false, eachMessage: (payload) => this.#eachMessage(payload) });
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

  /**
   * One fetched batch of a partition: handed to the batch handler at once and committed once; when
   * that fails, its messages go one by one through the per-message handler (retried, committed each).
   */
  async #eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale()) return;
    const { topic, partition } = batch;
    const floor = this.#floors.get(partitionKey(topic, partition));
    const fresh: EachBatchPayload['batch']['messages'] = [];
    for (const message of batch.messages) {
      // Published before this group existed and the caller asked for the end: not ours.
      if (floor !== undefined && BigInt(message.offset) < BigInt(floor)) resolveOffset(message.offset);
      else fresh.push(message);
    }
    if (fresh.length === 0) return;
    const held = partitionKey(topic, partition);
    const metaOf = (message: EachBatchPayload['batch']['messages'][number]): MessageMeta => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
    });
    // The first message of the batch is the group's oldest uncommitted one on this partition.
    this.#inHand.set(held, Number(fresh[0]!.timestamp));
    try {
      const batchHandler = this.#options.batchHandler;
      const delivered = fresh.length > 1 && batchHandler ? parseAll(fresh, metaOf) : undefined;
      if (batchHandler && delivered) {
        let ok: boolean;
        try {
          ok = await attemptBatch(this.#retryContext(heartbeat), delivered[0]!.meta, delivered.length, () =>
            batchHandler(delivered),
          );
        } catch (err) {
          if (isEventsError(err, 'EVENTS_HANDLER_ABANDONED')) {
            this.#settings.logger.warn({ groupId: this.groupId, ...delivered[0]!.meta }, err.message);
            return;
          }
          throw err;
        }
        if (ok) {
          const last = fresh[fresh.length - 1]!;
          resolveOffset(last.offset);
          await this.#commit(metaOf(last));
          return;
        }
      }
      for (const message of fresh) {
        if (!isRunning() || isStale()) return;
        this.#inHand.set(held, Number(message.timestamp));
        if (!(await this.#handleAndCommit(message, metaOf(message), heartbeat))) return;
        resolveOffset(message.offset);
        await heartbeat();
      }
    } finally {
      this.#inHand.delete(held);
    }
  }

  #retryContext(heartbeat: EachMessagePayload['heartbeat']) {
    const { logger, retry, graceMs } = this.#settings;
    return {
      logger,
      groupId: this.groupId,
      retry,
      stopping: this.#stopping.signal,
      graceMs,
      // Keeps the membership alive while a failing handler backs off; throws on a
      // rebalance, which hands the uncommitted message to the partition's next owner.
      onWait: heartbeat,
    };
  }

  /** Handles one message with retry and commits it; false when abandoned (stopping) uncommitted. */
  async #handleAndCommit(
    message: EachMessagePayload['message'],
    meta: MessageMeta,
    heartbeat: EachMessagePayload['heartbeat'],
  ): Promise<boolean> {
    const { logger } = this.#settings;
    const { groupId, handler } = this.#options;
    try {
      // Parsing inside the retried step: a payload we cannot read stops the partition
      // loudly instead of being skipped.
      let event: CloudEvent | undefined;
      await handleWithRetry(
        this.#retryContext(heartbeat),
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
        return false;
      }
      throw err;
    }
    await this.#commit(meta);
    return true;
  }

  /** Commits past `meta`'s message. */
  async #commit(meta: MessageMeta): Promise<void> {
    const { topic, partition } = meta;
    try {
      await this.#consumer.commitOffsets([{ topic, partition, offset: (BigInt(meta.offset) + 1n).toString() }]);
    } catch (err) {
      // Handled but not committed: the next owner gets it again, which consumers tolerate.
      this.#settings.logger.warn(
        { err, groupId: this.groupId, ...meta },
        'offset commit failed; the message may be redelivered',
      );
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

/** Every message of a batch parsed, or undefined when one cannot be (the per-message path then reports it). */
function parseAll(
  messages: EachBatchPayload['batch']['messages'],
  metaOf: (m: EachBatchPayload['batch']['messages'][number]) => MessageMeta,
): DeliveredMessage[] | undefined {
  try {
    return messages.map((m) => ({ event: parse(m.value), meta: metaOf(m) }));
  } catch {
    return undefined;
  }
}

function parse(value: Buffer | null): CloudEvent {
  if (!value) throw new EventsError('EVENTS_INVALID_EVENT', 'kafka message has no value');
  return JSON.parse(value.toString('utf8')) as CloudEvent;
}
