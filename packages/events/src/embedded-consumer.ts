import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CloudEvent } from './cloud-event.ts';
import { isEventsError } from './errors.ts';
import type { BatchHandler, EventHandler, MessageMeta, RetryOptions, Subscription } from './event-bus.ts';
import { attemptBatch, handleWithRetry, type RetryContext } from './handle-with-retry.ts';
import type { Logger } from './logger.ts';
import { backoffMs, sleep } from './sleep.ts';
import { Wakeup } from './wakeup.ts';

/** Settings of one embedded-bus group member (see {@link EmbeddedBusOptions}). */
export interface EmbeddedConsumerOptions {
  pool: pg.Pool;
  schema: string;
  logger: Logger;
  partitions: number;
  pollIntervalMs: number;
  leaseMs: number;
  batchSize: number;
  stopGraceMs: number;
  retry: Required<RetryOptions>;
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
  handler: EventHandler;
  batchHandler?: BatchHandler | undefined;
}

interface OwnedPartition {
  topic: string;
  partition: number;
  /** Next offset to handle (as a decimal string: bigint in SQL). */
  position: string;
}

interface LogRow {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  payload: CloudEvent;
}

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** The rows not yet handled: at or past the partition's position. */
const freshRows = (owned: OwnedPartition, rows: LogRow[]): LogRow[] =>
  rows.filter((row) => BigInt(row.offset) >= BigInt(owned.position));

const metaOf = (row: LogRow): MessageMeta => ({
  topic: row.topic,
  partition: row.partition,
  offset: row.offset,
  key: row.key,
});

/**
 * One member of a consumer group on the embedded bus. It owns the partitions whose
 * lease it holds (renewed on a timer, every third of the lease), polls them, handles each
 * partition sequentially and commits after every handled message (or batch), fenced by its lease.
 */
export class EmbeddedConsumer implements Subscription {
  readonly memberId = randomUUID();
  readonly #o: EmbeddedConsumerOptions;
  readonly #owned = new Map<string, OwnedPartition>();
  readonly #inFlight = new Set<string>();
  readonly #stopping = new AbortController();
  readonly #wakeup = new Wakeup();
  readonly #retryCtx: RetryContext;
  #loop: Promise<void> | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
  #stopped: Promise<void> | undefined;

  constructor(options: EmbeddedConsumerOptions) {
    this.#o = options;
    this.#retryCtx = {
      logger: options.logger,
      groupId: options.groupId,
      retry: options.retry,
      stopping: this.#stopping.signal,
      graceMs: options.stopGraceMs,
    };
  }

  get topics(): readonly string[] {
    return this.#o.topics;
  }

  /** Fixes the group's start position, joins, and starts polling. */
  async start(): Promise<void> {
    await this.#initPositions();
    await this.#refreshLeases();
    this.#leaseTimer = setInterval(
      () => void this.#refreshLeasesSerialized(),
      Math.max(50, Math.floor(this.#o.leaseMs / 3)),
    );
    this.#loop = this.#run();
  }

  /** Wakes the poll loop (after a local publish). */
  wake(): void {
    this.#wakeup.wake();
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#stopping.abort();
    this.#wakeup.wake();
    clearInterval(this.#leaseTimer);
    await this.#loop;
    await this.#refreshing;
    // Handing the partitions back at once spares the rest of the group the lease timeout.
    const { pool, schema, groupId } = this.#o;
    try {
      await pool.query(`DELETE FROM ${schema}.leases WHERE group_id = $1 AND owner = $2`, [groupId, this.memberId]);
      await pool.query(`DELETE FROM ${schema}.members WHERE group_id = $1 AND member_id = $2`, [
        groupId,
        this.memberId,
      ]);
    } catch (err) {
      this.#o.logger.warn(
        { err, groupId, memberId: this.memberId },
        'could not release leases; they expire on their own',
      );
    }
    this.#owned.clear();
  }

  /**
   * A new group starts at 0 (fromBeginning) or at each partition's current end. Written
   * once at subscribe time, so what is published after `subscribe()` resolves is delivered
   * even if this member dies before handling anything.
   */
  async #initPositions(): Promise<void> {
    const { pool, schema, groupId, fromBeginning } = this.#o;
    const [ts, ps] = this.#allPartitions();
    await pool.query(
      `INSERT INTO ${schema}.group_offsets (group_id, topic, partition, committed)
       SELECT $1, t.topic, t.partition, CASE WHEN $4 THEN 0 ELSE COALESCE(p.next_offset, 0) END
       FROM unnest($2::text[], $3::int[]) AS t(topic, partition)
       LEFT JOIN ${schema}.partitions p ON p.topic = t.topic AND p.partition = t.partition
       ON CONFLICT (group_id, topic, partition) DO NOTHING`,
      [groupId, ts, ps, fromBeginning],
    );
  }

  #allPartitions(): [string[], number[]] {
    const ts: string[] = [];
    const ps: number[] = [];
    for (const topic of this.#o.topics) {
      for (let p = 0; p < this.#o.partitions; p++) {
        ts.push(topic);
        ps.push(p);
      }
    }
    return [ts, ps];
  }

  #refreshLeasesSerialized(): Promise<void> {
    if (this.#refreshing || this.#stopping.signal.aborted) return this.#refreshing ?? Promise.resolve();
    this.#refreshing = this.#refreshLeases()
      .catch((err: unknown) => {
        this.#o.logger.warn({ err, groupId: this.#o.groupId, memberId: this.memberId }, 'lease refresh failed');
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  /**
   * Heartbeat, renew own leases, then even out: hold at most ceil(partitions / live
   * members), release extras that are idle, claim free or expired ones up to that share.
   */
  async #refreshLeases(): Promise<void> {
    const { pool, schema, groupId, leaseMs, topics } = this.#o;
    const me = this.memberId;
    await pool.query(
      `INSERT INTO ${schema}.members (group_id, member_id, expires_at)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (group_id, member_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [groupId, me, leaseMs],
    );
    const live = await pool.query<{ n: number }>(
      `WITH gone AS (DELETE FROM ${schema}.members WHERE group_id = $1 AND expires_at < now())
       SELECT count(*)::int AS n FROM ${schema}.members WHERE group_id = $1 AND expires_at >= now()`,
      [groupId],
    );
    const members = Math.max(1, live.rows[0]?.n ?? 1);
    const [ts, ps] = this.#allPartitions();
    const share = Math.ceil(ts.length / members);

    const renewed = await pool.query<{ topic: string; partition: number }>(
      `UPDATE ${schema}.leases SET expires_at = now() + $3 * interval '1 millisecond'
       WHERE group_id = $1 AND owner = $2 AND topic = ANY($4::text[])
       RETURNING topic, partition`,
      [groupId, me, leaseMs, topics],
    );
    const held = new Set(renewed.rows.map((r) => keyOf(r.topic, r.partition)));
    for (const k of this.#owned.keys()) {
      if (!held.has(k)) {
        this.#owned.delete(k);
        this.#o.logger.warn(
          { groupId, memberId: me, partition: k.replace('\u0000', '/') },
          'lease lost to another member',
        );
      }
    }

    if (this.#stopping.signal.aborted) return;
    if (held.size > share) {
      const idle = [...held].filter((k) => !this.#inFlight.has(k)).slice(0, held.size - share);
      for (const k of idle) {
        const [topic, partition] = k.split('\u0000') as [string, string];
        this.#owned.delete(k);
        held.delete(k);
        await pool.query(
          `DELETE FROM ${schema}.leases WHERE group_id = $1 AND topic = $2 AND partition = $3 AND owner = $4`,
          [groupId, topic, Number(partition), me],
        );
      }
    }

    // Held in the database but not yet loaded (first refresh after a restart of the loop).
    const toLoad = [...held].filter((k) => !this.#owned.has(k));
    const wanted = share - held.size;
    if (wanted > 0) {
      const free = await pool.query<{ topic: string; partition: number }>(
        `SELECT t.topic, t.partition
         FROM unnest($2::text[], $3::int[]) AS t(topic, partition)
         LEFT JOIN ${schema}.leases l ON l.group_id = $1 AND l.topic = t.topic AND l.partition = t.partition
         WHERE l.owner IS NULL OR l.expires_at < now()
         ORDER BY random() LIMIT $4`,
        [groupId, ts, ps, wanted],
      );
      if (free.rows.length > 0) {
        // The WHERE on the conflict path makes the claim atomic: of two members racing for a
        // free partition, exactly one sees its row returned.
        const claimed = await pool.query<{ topic: string; partition: number }>(
          `INSERT INTO ${schema}.leases (group_id, topic, partition, owner, expires_at)
           SELECT $1, t.topic, t.partition, $2, now() + $3 * interval '1 millisecond'
           FROM unnest($4::text[], $5::int[]) AS t(topic, partition)
           ON CONFLICT (group_id, topic, partition) DO UPDATE
             SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
             WHERE ${schema}.leases.expires_at < now()
           RETURNING topic, partition`,
          [groupId, me, leaseMs, free.rows.map((r) => r.topic), free.rows.map((r) => r.partition)],
        );
        for (const r of claimed.rows) toLoad.push(keyOf(r.topic, r.partition));
      }
    }
    if (toLoad.length === 0) return;

    const positions = await pool.query<{ topic: string; partition: number; committed: string }>(
      `SELECT t.topic, t.partition, COALESCE(o.committed, 0)::text AS committed
       FROM unnest($2::text[], $3::int[]) AS t(topic, partition)
       LEFT JOIN ${schema}.group_offsets o ON o.group_id = $1 AND o.topic = t.topic AND o.partition = t.partition`,
      [groupId, toLoad.map((k) => k.split('\u0000')[0]), toLoad.map((k) => Number(k.split('\u0000')[1]))],
    );
    for (const r of positions.rows) {
      // Resuming from the committed offset is what redelivers a dead member's unfinished message.
      this.#owned.set(keyOf(r.topic, r.partition), { topic: r.topic, partition: r.partition, position: r.committed });
    }
    this.#o.logger.debug({ groupId, memberId: me, claimed: toLoad.length }, 'partitions claimed');
    this.#wakeup.wake();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopping.signal.aborted) {
      try {
        const handled = await this.#pollOnce();
        failures = 0;
        if (!handled) await this.#wakeup.wait(this.#o.pollIntervalMs);
      } catch (err) {
        if (this.#stopping.signal.aborted) break;
        const waitMs = backoffMs(failures++, this.#o.pollIntervalMs, 5_000);
        this.#o.logger.warn({ err, groupId: this.#o.groupId, retryInMs: waitMs }, 'embedded bus poll failed');
        await sleep(waitMs, this.#stopping.signal);
      }
    }
  }

  /** One fetch over every owned partition; partitions are then handled concurrently. */
  async #pollOnce(): Promise<boolean> {
    const owned = [...this.#owned.values()];
    if (owned.length === 0) return false;
    const { pool, schema, batchSize } = this.#o;
    const res = await pool.query<LogRow>(
      `SELECT l.topic, l.partition, l."offset"::text AS "offset", l.key, l.payload
       FROM unnest($1::text[], $2::int[], $3::bigint[]) AS p(topic, partition, pos)
       CROSS JOIN LATERAL (
         SELECT * FROM ${schema}.log l
         WHERE l.topic = p.topic AND l.partition = p.partition AND l."offset" >= p.pos
         ORDER BY l."offset" LIMIT $4
       ) l
       ORDER BY l.topic, l.partition, l."offset"`,
      [owned.map((o) => o.topic), owned.map((o) => o.partition), owned.map((o) => o.position), batchSize],
    );
    if (res.rows.length === 0) return false;
    const byPartition = new Map<string, LogRow[]>();
    for (const row of res.rows) {
      const k = keyOf(row.topic, row.partition);
      const list = byPartition.get(k);
      if (list) list.push(row);
      else byPartition.set(k, [row]);
    }
    if (this.#o.batchHandler && res.rows.length > 1 && byPartition.size > 1 && (await this.#handleAll(byPartition)))
      return true;
    await Promise.all([...byPartition].map(([k, rows]) => this.#handlePartition(k, rows)));
    return true;
  }

  /**
   * The whole fetch as one batch: one handler call (one transaction) and one commit statement for
   * every partition, where a batch per partition took a transaction and a commit each — four of both
   * for a few events while a county registers, each holding the embedded database's one session
   * (issue 16). False when it did not apply (a partition moved meanwhile, or the handler failed and
   * applied nothing): each partition then goes its own way, and a poison message is isolated there.
   */
  async #handleAll(byPartition: Map<string, LogRow[]>): Promise<boolean> {
    const keys = [...byPartition.keys()];
    for (const k of keys) this.#inFlight.add(k);
    try {
      const parts = keys.flatMap((k) => {
        const owned = this.#owned.get(k);
        const fresh = owned ? freshRows(owned, byPartition.get(k)!) : [];
        return owned && fresh.length > 0 ? [{ k, owned, row: fresh[fresh.length - 1]!, fresh }] : [];
      });
      if (parts.length !== keys.length || this.#stopping.signal.aborted) return false;
      const outcome = await this.#applyBatch(parts.flatMap((p) => p.fresh));
      if (outcome === 'failed') return false;
      if (outcome === 'applied') await this.#advance(parts);
      return true;
    } finally {
      for (const k of keys) this.#inFlight.delete(k);
    }
  }

  /**
   * Hands the rows to the batch handler as one batch: 'failed' when it failed and applied nothing
   * (the rows then go one at a time), 'abandoned' when the consumer stopped first.
   */
  async #applyBatch(rows: LogRow[]): Promise<'applied' | 'failed' | 'abandoned'> {
    const messages = rows.map((row) => ({ event: row.payload, meta: metaOf(row) }));
    const batch = this.#o.batchHandler!;
    try {
      return (await attemptBatch(this.#retryCtx, messages[0]!.meta, messages.length, () => batch(messages)))
        ? 'applied'
        : 'failed';
    } catch (err) {
      if (!isEventsError(err, 'EVENTS_HANDLER_ABANDONED')) throw err;
      this.#o.logger.warn({ groupId: this.#o.groupId, ...messages[0]!.meta }, err.message);
      return 'abandoned';
    }
  }

  async #handlePartition(k: string, rows: LogRow[]): Promise<void> {
    this.#inFlight.add(k);
    try {
      // The batch first: one handler call and one commit for the whole run of messages. If it
      // fails (it applied nothing), the same rows go through the per-message loop below.
      if (this.#o.batchHandler && rows.length > 1) {
        const owned = this.#owned.get(k);
        if (!owned || this.#stopping.signal.aborted) return;
        const fresh = freshRows(owned, rows);
        if (fresh.length > 1) {
          const outcome = await this.#applyBatch(fresh);
          if (outcome === 'abandoned') return;
          if (outcome === 'applied') {
            await this.#advance([{ k, owned, row: fresh[fresh.length - 1]! }]);
            return;
          }
        }
      }
      for (const row of rows) {
        const owned = this.#owned.get(k);
        // Skip stale rows: the lease may have moved, or the position advanced meanwhile.
        if (!owned || this.#stopping.signal.aborted || BigInt(row.offset) < BigInt(owned.position)) return;
        const meta = metaOf(row);
        try {
          await handleWithRetry(this.#retryCtx, meta, () => this.#o.handler(row.payload, meta), {
            eventId: row.payload.id,
            eventType: row.payload.type,
          });
        } catch (err) {
          if (isEventsError(err, 'EVENTS_HANDLER_ABANDONED')) {
            this.#o.logger.warn({ groupId: this.#o.groupId, ...meta }, err.message);
            return;
          }
          throw err;
        }
        if (!(await this.#advance([{ k, owned, row }]))) return;
      }
    } finally {
      this.#inFlight.delete(k);
    }
  }

  /**
   * Commits past each partition's last handled row and moves its position, in one statement, under
   * the leases: the lease rows are share-locked in the same statement, so a member that lost a
   * partition cannot commit over the new owner; such a partition is dropped. True when every lease held.
   */
  async #advance(done: { k: string; owned: OwnedPartition; row: LogRow }[]): Promise<boolean> {
    const { pool, schema, groupId } = this.#o;
    const next = done.map((d) => (BigInt(d.row.offset) + 1n).toString());
    const res = await pool.query<{ topic: string; partition: number }>(
      `WITH c AS (
         SELECT * FROM unnest($2::text[], $3::int[], $5::bigint[]) AS c(topic, partition, committed)
       ), lease AS (
         SELECT c.topic, c.partition, c.committed FROM c JOIN ${schema}.leases l
           ON l.group_id = $1 AND l.topic = c.topic AND l.partition = c.partition AND l.owner = $4
         FOR SHARE OF l
       )
       INSERT INTO ${schema}.group_offsets (group_id, topic, partition, committed)
       SELECT $1, topic, partition, committed FROM lease
       ON CONFLICT (group_id, topic, partition) DO UPDATE
         SET committed = GREATEST(${schema}.group_offsets.committed, EXCLUDED.committed)
       RETURNING topic, partition`,
      [groupId, done.map((d) => d.owned.topic), done.map((d) => d.owned.partition), this.memberId, next],
    );
    const kept = new Set(res.rows.map((r) => keyOf(r.topic, r.partition)));
    done.forEach((d, i) => {
      if (kept.has(d.k)) {
        d.owned.position = next[i]!;
        return;
      }
      this.#owned.delete(d.k);
      this.#o.logger.warn({ groupId, ...metaOf(d.row) }, 'lease lost before commit; the new owner redelivers');
    });
    return kept.size === done.length;
  }
}
