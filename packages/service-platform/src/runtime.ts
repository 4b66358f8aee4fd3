import { type Pool, createPool, migrate } from '@tongxin/db';
import {
  type CloudEvent,
  type EventBus,
  type EventType,
  type TongxinEvent,
  EventSchemas,
  Outbox,
  OutboxRelay,
  type Subscription,
  TOPICS,
  consumeBatchOnce,
  consumeOnce,
  outboxMigrationSql,
} from '@tongxin/events';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { createBus } from './bus.ts';
import type { BaseConfig } from './config.ts';
import type { ReadinessCheck } from './health.ts';
import { ServiceMetrics } from './metrics.ts';
import { SESSIONS_REVOKED, SessionRevocations, sessionsMigrationSql } from './sessions.ts';
import { idempotencyClaimMigrationSql, idempotencyMigrationSql } from './idempotency.ts';
import { withConsumerSpan, withConsumerSpans } from './tracing.ts';

/** One consumer group's lag on one topic, as `/ready` reports it. */
export interface ConsumerLag {
  /** The consumer's name within the service (`read-model`); its group is `<service>.<name>`. */
  consumer: string;
  group: string;
  topic: string;
  events: number;
  /** Age of the oldest event not yet handled; null when the bus cannot tell (Kafka, see ADR 0019). */
  secondsBehind: number | null;
  /** False while the consumer is paused (tests, operations). */
  running: boolean;
}

export interface RuntimeOptions {
  /** Service name: the bus client id and the prefix of its consumer groups. */
  name: string;
  /** The service's own database schema. */
  schema: string;
  migrationsDir: string;
  config: BaseConfig;
  logger: FastifyBaseLogger;
}

export interface ConsumerOptions<K extends EventType = EventType, B extends K = never> {
  /** Consumer name, unique within the service; the group id is `<service>.<name>`. */
  name: string;
  topics: string[];
  /** Only these event types are handed over, typed by their contracts; others are acknowledged and skipped. */
  types: readonly K[];
  /**
   * Runs once per event, in one transaction with the inbox row that makes redelivery harmless — the
   * transaction of a whole batch of the partition's events, run in order; so it must use only `tx`.
   */
  handle: (event: TongxinEvent<Exclude<K, B>>, tx: pg.PoolClient) => Promise<void>;
  /**
   * Types applied in bulk: each unbroken run of them within a delivered batch goes to `apply` in one
   * call (in order, in the batch's transaction), so a read model writes the run with one multi-row
   * statement; an event retried alone comes as a run of one. Other types still go through `handle`.
   */
  bulk?: { types: readonly B[]; apply: (events: TongxinEvent<B>[], tx: pg.PoolClient) => Promise<void> };
}

/**
 * Events of a partition fetched at once for a consumer that applies runs in bulk (the embedded log's
 * own default, 25, suits one statement per event): a run of them costs a few statements, so the
 * batch's transaction stays short while the import's events go through in fewer of them.
 */
const BULK_BATCH_SIZE = 200;

/**
 * The tables the platform keeps in every service schema (outbox, inbox, idempotency keys). Anyone
 * who migrates a service schema passes these too, so that its forward-only history agrees.
 */
export function platformMigrations(schema: string): { name: string; sql: string }[] {
  return [
    { name: '0000-outbox.platform', sql: outboxMigrationSql(schema) },
    { name: '0000-idempotency.platform', sql: idempotencyMigrationSql(schema) },
    { name: '0000-revoked-sessions.platform', sql: sessionsMigrationSql(schema) },
    { name: '0001-idempotency-claims.platform', sql: idempotencyClaimMigrationSql(schema) },
  ];
}

/**
 * What every service runs on: its pool and migrated schema, the event bus (Kafka when
 * KAFKA_BROKERS is set, otherwise the embedded log), the outbox and its relay.
 */
export class ServiceRuntime {
  /** Each consumer by name: how to subscribe it again, and its subscription while it runs. */
  readonly #consumers = new Map<
    string,
    { topics: string[]; subscribe: () => Promise<Subscription>; sub?: Subscription }
  >();
  #lagCache: { at: number; value: Promise<ConsumerLag[]> } | undefined;
  readonly #pools: Pool[];
  /** Revoked sessions as this service has heard of them; the authentication hook asks it. */
  readonly sessions: SessionRevocations;
  /** The service's Prometheus metrics; its app serves them at `/metrics`. */
  readonly metrics: ServiceMetrics;

  private constructor(
    private readonly options: RuntimeOptions,
    readonly pool: Pool,
    readonly bus: EventBus,
    readonly outbox: Outbox,
    readonly relay: OutboxRelay,
    /** The event contracts, loaded once: for consumers that validate what they receive. */
    readonly schemas: EventSchemas,
    extraPools: Pool[],
  ) {
    this.#pools = [pool, ...extraPools];
    this.sessions = new SessionRevocations(pool, options.schema);
    this.metrics = new ServiceMetrics(options.name);
    this.metrics.gauge(
      'tongxin_outbox_backlog',
      'Outbox rows written but not yet published to the bus',
      [],
      async () => {
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${options.schema}.outbox WHERE published_at IS NULL`,
        );
        return [{ labels: {}, value: rows[0]?.n ?? 0 }];
      },
    );
    this.metrics.gauge(
      'tongxin_consumer_lag_events',
      'Events in the log that a consumer group has not handled yet, per topic',
      ['group', 'topic'],
      async () =>
        (await this.consumerLag()).map((l) => ({ labels: { group: l.group, topic: l.topic }, value: l.events })),
    );
    this.metrics.gauge(
      'tongxin_consumer_lag_seconds',
      'Age of the oldest event a consumer group has not handled yet, per topic (absent where the bus cannot tell)',
      ['group', 'topic'],
      async () =>
        (await this.consumerLag())
          .filter((l) => l.secondsBehind !== null)
          .map((l) => ({ labels: { group: l.group, topic: l.topic }, value: l.secondsBehind! })),
    );
  }

  static async start(options: RuntimeOptions): Promise<ServiceRuntime> {
    const { config, schema, logger, name } = options;
    const pool = createPool(config.DATABASE_URL, { max: config.DB_POOL_MAX, applicationName: name });
    await migrate(pool, { schema, dir: options.migrationsDir, preamble: platformMigrations(schema) });
    const { bus, pools: extraPools } = createBus(config, name, logger);
    await bus.connect();
    const schemas = new EventSchemas();
    const outbox = new Outbox({ schema, schemas });
    const relay = new OutboxRelay({ pool, schema, bus, logger });
    relay.start();
    const runtime = new ServiceRuntime(options, pool, bus, outbox, relay, schemas, extraPools);
    // Every service refuses tokens the gateway revoked (ADR 0004), whether reached through it or not.
    await runtime.consume({
      name: 'revoked-sessions',
      topics: [TOPICS.account],
      types: [SESSIONS_REVOKED],
      handle: (event, tx) => runtime.sessions.record(tx, event.data),
    });
    return runtime;
  }

  /** The service secret, from which keys of the platform's own (e.g. idempotency answers) are derived. */
  get secret(): string {
    return this.options.config.JWT_SECRET;
  }

  /** The service's own database schema. */
  get schema(): string {
    return this.options.schema;
  }

  /** /ready checks: the database and the bus answer. */
  get readiness(): Record<string, ReadinessCheck> {
    return {
      database: async () => (await this.pool.query('SELECT 1')).rowCount === 1,
      bus: () => this.bus.ping(),
    };
  }

  /**
   * Subscribes an idempotent consumer: each event's effect happens once however often it arrives.
   * A fetched batch of one partition is applied in one transaction with its inbox rows (ADR 0002);
   * when that fails, its events are applied one per transaction, each retried alone.
   */
  async consume<K extends EventType, B extends K = never>(c: ConsumerOptions<K, B>): Promise<void> {
    const types = new Set<string>(c.types);
    const bulkTypes = new Set<string>(c.bulk?.types);
    // Its producer wrote it through Outbox.add, which held it to the contract of its type.
    const wanted = (event: CloudEvent): event is TongxinEvent<K> => types.has(event.type);
    const inBulk = (event: TongxinEvent<K>): event is TongxinEvent<B> => bulkTypes.has(event.type);
    const consumer = `${this.options.name}.${c.name}`;
    const service = this.options.name;
    if (this.#consumers.has(c.name)) throw new Error(`consumer ${consumer} is subscribed already`);
    const one = (event: TongxinEvent<K>, tx: pg.PoolClient) =>
      withConsumerSpan(service, consumer, event, () =>
        inBulk(event) ? c.bulk!.apply([event], tx) : c.handle(event as TongxinEvent<Exclude<K, B>>, tx),
      );
    // The batch's events in order: runs of bulk types together, the others one by one.
    const all = async (events: TongxinEvent<K>[], tx: pg.PoolClient) => {
      for (let i = 0; i < events.length;) {
        const first = events[i]!;
        let end = i + 1;
        if (inBulk(first)) while (end < events.length && inBulk(events[end]!)) end++;
        if (end - i === 1) await one(first, tx);
        else {
          const run = events.slice(i, end) as TongxinEvent<B>[];
          await withConsumerSpans(service, consumer, run, () => c.bulk!.apply(run, tx));
        }
        i = end;
      }
    };
    const subscribe = () =>
      this.bus.subscribe({
        groupId: consumer,
        topics: c.topics,
        fromBeginning: true,
        ...(c.bulk ? { batchSize: BULK_BATCH_SIZE } : {}),
        handler: async (event) => {
          if (!wanted(event)) return;
          const labels = { consumer, type: event.type };
          const handled = await consumeOnce({
            pool: this.pool,
            schema: this.options.schema,
            consumer,
            event,
            handle: (tx) => one(event, tx),
          }).catch((err: unknown) => {
            this.metrics.eventsFailed.inc(labels);
            throw err;
          });
          if (handled) this.metrics.eventsHandled.inc(labels);
          // A handler may have written outbox rows: publish them now rather than at the next poll.
          if (handled) this.relay.notify();
        },
        batchHandler: async (messages) => {
          const events = messages.map((m) => m.event).filter(wanted);
          let applied: TongxinEvent<K>[] = [];
          await consumeBatchOnce({
            pool: this.pool,
            schema: this.options.schema,
            consumer,
            events,
            handleAll: async (fresh, tx) => {
              await all(fresh, tx);
              applied = fresh;
            },
          });
          // Counted once the batch committed; a failed batch is retried event by event, and counted there.
          for (const event of applied) this.metrics.eventsHandled.inc({ consumer, type: event.type });
          if (applied.length > 0) this.relay.notify();
        },
      });
    this.#consumers.set(c.name, { topics: [...new Set(c.topics)], subscribe, sub: await subscribe() });
  }

  /**
   * Stops one consumer (its group keeps its committed offsets; events wait in the log) until
   * {@link resumeConsumer}. For operations and for tests that need a read model held back.
   */
  async pauseConsumer(name: string): Promise<void> {
    const c = this.#consumer(name);
    const sub = c.sub;
    c.sub = undefined;
    this.#lagCache = undefined;
    await sub?.stop();
  }

  /** Starts a paused consumer again, from its group's committed offsets. */
  async resumeConsumer(name: string): Promise<void> {
    const c = this.#consumer(name);
    if (c.sub) return;
    c.sub = await c.subscribe();
    this.#lagCache = undefined;
  }

  /**
   * Every consumer's lag per topic. Answers are shared for `maxAgeMs` (default 500 ms) so that a
   * busy route asking for freshness costs the bus one query per interval, not one per request.
   */
  consumerLag(maxAgeMs = 500): Promise<ConsumerLag[]> {
    const cached = this.#lagCache;
    if (cached && Date.now() - cached.at <= maxAgeMs) return cached.value;
    const value = Promise.all(
      [...this.#consumers].map(async ([name, c]) => {
        const group = `${this.options.name}.${name}`;
        const lags = await this.bus.lag(group, c.topics);
        return lags.map((l) => ({ consumer: name, group, ...l, running: c.sub !== undefined }));
      }),
    ).then((all) => all.flat());
    this.#lagCache = { at: Date.now(), value };
    value.catch(() => {
      if (this.#lagCache?.value === value) this.#lagCache = undefined;
    });
    return value;
  }

  /** `/ready` details: each consumer group's lag per topic (informative; lag does not make a service unready). */
  readinessDetails = async (): Promise<Record<string, unknown>> => ({ consumers: await this.consumerLag(0) });

  #consumer(name: string) {
    const c = this.#consumers.get(name);
    if (!c) throw new Error(`no consumer ${this.options.name}.${name}`);
    return c;
  }

  /** Stops consumers, drains the outbox, then closes the bus and the pools. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#consumers.values()].map((c) => c.sub?.stop()));
    await this.relay.stop().catch((err: unknown) => this.options.logger.error({ err }, 'outbox drain failed'));
    await this.bus.close().catch(() => {});
    await Promise.allSettled(this.#pools.map((p) => p.end()));
  }
}
