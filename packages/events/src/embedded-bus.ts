import type pg from 'pg';
import { EventsError } from './errors.ts';
import type { EventBus, OutgoingMessage, RetryOptions, SubscribeOptions, Subscription, TopicLag } from './event-bus.ts';
import type { EventSchemas } from './event-schemas.ts';
import { EmbeddedConsumer } from './embedded-consumer.ts';
import { embeddedBusMigrationSql } from './embedded-bus-sql.ts';
import { retryDefaults } from './handle-with-retry.ts';
import type { Logger } from './logger.ts';
import { partitionForKey } from './partition-for-key.ts';
import { sqlIdentifier } from './sql-identifier.ts';

/** Configuration of {@link EmbeddedBus}. */
export interface EmbeddedBusOptions {
  /** Pool of the database holding the log (usually the service's own database). */
  pool: pg.Pool;
  logger: Logger;
  /** Partitions per topic (default 4). Must be the same for every instance, forever: it maps keys to partitions. */
  partitions?: number;
  /** Schema of the bus tables (default `bus`). */
  schema?: string;
  /** Poll interval of idle consumers (default 250 ms); local publishes wake them at once. */
  pollIntervalMs?: number;
  /** Partition lease (default 10 s): a dead member's partitions move after at most this long. */
  leaseMs?: number;
  /**
   * Messages fetched per partition and poll, and handled in one transaction (default 25). On PGlite every
   * connection shares one session: a batch holds it, so a larger batch buys consumer throughput with the
   * waits of every request behind it (100 let a pool wait pass 10 s during two 3,000-row imports).
   */
  batchSize?: number;
  /** How long `stop()` lets a running handler finish before abandoning it uncommitted (default 5 s). */
  stopGraceMs?: number;
  /** Handler retry backoff. */
  retry?: RetryOptions;
  /** When given, every published event is validated first. */
  schemas?: EventSchemas;
}

/**
 * The bus on PostgreSQL (or embedded PGlite) for running without Kafka: a durable,
 * partitioned log in the `bus` schema with Kafka's semantics — consumer groups, per-key
 * order, committed offsets, replay — and partition leases instead of group rebalancing.
 * Every statement is its own short transaction, as PGlite serialises all connections.
 */
export class EmbeddedBus implements EventBus {
  readonly #o: Required<Omit<EmbeddedBusOptions, 'schemas' | 'retry'>> & Pick<EmbeddedBusOptions, 'schemas'>;
  readonly #retry: Required<RetryOptions>;
  readonly #consumers = new Set<EmbeddedConsumer>();
  #connected = false;

  constructor(options: EmbeddedBusOptions) {
    this.#o = {
      pool: options.pool,
      logger: options.logger,
      partitions: options.partitions ?? 4,
      schema: sqlIdentifier(options.schema ?? 'bus'),
      pollIntervalMs: options.pollIntervalMs ?? 250,
      leaseMs: options.leaseMs ?? 10_000,
      batchSize: options.batchSize ?? 25,
      stopGraceMs: options.stopGraceMs ?? 5_000,
      schemas: options.schemas,
    };
    this.#retry = retryDefaults(options.retry);
  }

  /** Creates the bus tables if missing. */
  async connect(): Promise<void> {
    const client = await this.#o.pool.connect();
    try {
      await client.query('BEGIN');
      // Concurrent CREATE IF NOT EXISTS can still collide on PostgreSQL's catalogs.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('tongxin.events.migrate'))`);
      await client.query(embeddedBusMigrationSql(this.#o.schema));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.#connected = true;
  }

  /**
   * Appends in one short transaction. Offsets come from `UPDATE … RETURNING` on the
   * partition's counter row, whose lock is held to commit: offset order is commit order,
   * so a consumer never passes an offset that a slower transaction fills in later.
   */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.#assertConnected();
    if (messages.length === 0) return;
    const schemas: EventSchemas | undefined = this.#o.schemas;
    if (schemas) for (const m of messages) schemas.validate(m.event);
    const { pool, schema, partitions } = this.#o;

    const groups = new Map<string, { topic: string; partition: number; rows: OutgoingMessage[] }>();
    for (const m of messages) {
      const partition = partitionForKey(m.key, partitions);
      const k = `${m.topic}\u0000${partition}`;
      const g = groups.get(k) ?? { topic: m.topic, partition, rows: [] };
      g.rows.push(m);
      groups.set(k, g);
    }
    // A fixed lock order keeps two multi-partition publishes from deadlocking.
    const ordered = [...groups.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );

    // One statement, so one round trip and atomic without a transaction: each partition's counter
    // is raised by its message count (in the fixed order, so two publishes never wait on each other in
    // a cycle) and the messages take the offsets just below the new value. A transaction of two
    // statements per partition held the embedded database's one session for ten round trips.
    const messagesOf = ordered.flatMap((g) => g.rows.map((r, i) => ({ g, r, i })));
    try {
      await pool.query(
        `WITH counts AS (
           SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[]) AS c(topic, partition, n)
         ), raised AS (
           INSERT INTO ${schema}.partitions AS p (topic, partition, next_offset)
           SELECT topic, partition, n FROM counts ORDER BY topic, partition
           ON CONFLICT (topic, partition) DO UPDATE SET next_offset = p.next_offset + EXCLUDED.next_offset
           RETURNING topic, partition, next_offset
         )
         INSERT INTO ${schema}.log (topic, partition, "offset", key, payload)
         SELECT m.topic, m.partition, r.next_offset - c.n + m.i, m.key, m.payload
         FROM unnest($4::text[], $5::int[], $6::bigint[], $7::text[], $8::jsonb[]) AS m(topic, partition, i, key, payload)
         JOIN raised r USING (topic, partition) JOIN counts c USING (topic, partition)`,
        [
          ordered.map((g) => g.topic),
          ordered.map((g) => g.partition),
          ordered.map((g) => g.rows.length),
          messagesOf.map((m) => m.g.topic),
          messagesOf.map((m) => m.g.partition),
          messagesOf.map((m) => m.i),
          messagesOf.map((m) => m.r.key),
          messagesOf.map((m) => JSON.stringify(m.r.event)),
        ],
      );
    } catch (cause) {
      throw new EventsError('EVENTS_PUBLISH_FAILED', `embedded bus append failed: ${(cause as Error).message}`, {
        cause,
        retriable: true,
      });
    }
    const topics = new Set(messages.map((m) => m.topic));
    for (const c of this.#consumers) if (c.topics.some((t) => topics.has(t))) c.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.#assertConnected();
    const consumer = new EmbeddedConsumer({
      pool: this.#o.pool,
      schema: this.#o.schema,
      logger: this.#o.logger,
      partitions: this.#o.partitions,
      pollIntervalMs: this.#o.pollIntervalMs,
      leaseMs: this.#o.leaseMs,
      batchSize: options.batchSize ?? this.#o.batchSize,
      stopGraceMs: this.#o.stopGraceMs,
      retry: this.#retry,
      groupId: options.groupId,
      topics: [...new Set(options.topics)],
      fromBeginning: options.fromBeginning ?? false,
      handler: options.handler,
      batchHandler: options.batchHandler,
    });
    await consumer.start();
    this.#consumers.add(consumer);
    return {
      stop: async () => {
        await consumer.stop();
        this.#consumers.delete(consumer);
      },
    };
  }

  /**
   * From the log tables: per partition, the end of the log minus the group's committed offset,
   * and the append time of the first message at or after the committed offset (one index probe).
   */
  async lag(groupId: string, topics: string[]): Promise<TopicLag[]> {
    this.#assertConnected();
    const { pool, schema } = this.#o;
    const res = await pool.query<{ topic: string; events: string; seconds: number | null }>(
      `SELECT p.topic,
              SUM(GREATEST(p.next_offset - COALESCE(o.committed, 0), 0))::text AS events,
              EXTRACT(EPOCH FROM (now() - MIN(first.appended_at)))::float8 AS seconds
       FROM ${schema}.partitions p
       LEFT JOIN ${schema}.group_offsets o
         ON o.group_id = $1 AND o.topic = p.topic AND o.partition = p.partition
       LEFT JOIN LATERAL (
         SELECT l.appended_at FROM ${schema}.log l
         WHERE l.topic = p.topic AND l.partition = p.partition AND l."offset" >= COALESCE(o.committed, 0)
         ORDER BY l."offset" LIMIT 1
       ) first ON true
       WHERE p.topic = ANY($2::text[])
       GROUP BY p.topic`,
      [groupId, topics],
    );
    const byTopic = new Map(res.rows.map((r) => [r.topic, r]));
    return topics.map((topic) => {
      const r = byTopic.get(topic);
      const events = r ? Number(r.events) : 0;
      return { topic, events, secondsBehind: events === 0 ? 0 : Math.max(0, r?.seconds ?? 0) };
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.#o.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Stops this bus's subscriptions; the pool belongs to the caller and stays open. */
  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((c) => c.stop()));
    this.#consumers.clear();
    this.#connected = false;
  }

  #assertConnected(): void {
    if (!this.#connected) throw new EventsError('EVENTS_NOT_CONNECTED', 'EmbeddedBus: call connect() first');
  }
}
