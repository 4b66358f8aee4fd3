import type pg from 'pg';
import type { CloudEvent } from './cloud-event.ts';
import { sqlIdentifier } from './sql-identifier.ts';

/** Input of {@link consumeOnce}. */
export interface ConsumeOnceOptions {
  pool: pg.Pool;
  /** The consuming service's schema holding `inbox`. */
  schema: string;
  /** Name of the consumer (usually its group id): each consumer handles an event once. */
  consumer: string;
  event: Pick<CloudEvent, 'id'>;
  /**
   * The effect, run in the same transaction as the inbox insert. Use only `client`:
   * on embedded PGlite another connection would wait for this transaction (deadlock).
   */
  handle: (client: pg.PoolClient) => Promise<void>;
}

/**
 * The idempotent consumer: records the event id in `<schema>.inbox` and runs the effect in
 * one transaction. Returns false (and changes nothing) when this consumer already handled
 * the event — the bus delivers at least once, this makes it effectively once.
 */
export async function consumeOnce(options: ConsumeOnceOptions): Promise<boolean> {
  // A batch of one: the same transaction, inbox statement and rollback handling.
  const applied = await consumeBatchOnce({
    pool: options.pool,
    schema: options.schema,
    consumer: options.consumer,
    events: [options.event],
    handle: (_event, client) => options.handle(client),
  });
  return applied === 1;
}

/** Input of {@link consumeBatchOnce}: the effect event by event (`handle`), or of all at once (`handleAll`). */
export type ConsumeBatchOnceOptions<E extends Pick<CloudEvent, 'id'>> = {
  pool: pg.Pool;
  /** The consuming service's schema holding `inbox`. */
  schema: string;
  /** Name of the consumer (usually its group id). */
  consumer: string;
  /** Consecutive events of one partition, in offset order. */
  events: E[];
} & (
  | {
      /** The effect of one event, run in the batch's transaction; use only `client` (see {@link consumeOnce}). */
      handle: (event: E, client: pg.PoolClient) => Promise<void>;
    }
  | {
      /**
       * The effect of every event not handled before (in order, each id once), in one call and the
       * batch's transaction: for effects written with multi-row statements.
       */
      handleAll: (events: E[], client: pg.PoolClient) => Promise<void>;
    }
);

/**
 * The batch form of {@link consumeOnce}: ONE transaction records every event id in the inbox with one
 * statement and runs the effect of each event it had not seen, in order. Returns how many were
 * applied. All or nothing: a failing effect rolls back the whole batch (the bus then handles the
 * events one at a time). An id that occurs twice in the batch (the relay republished it) is applied once.
 */
export async function consumeBatchOnce<E extends Pick<CloudEvent, 'id'>>(
  options: ConsumeBatchOnceOptions<E>,
): Promise<number> {
  if (options.events.length === 0) return 0;
  const schema = sqlIdentifier(options.schema);
  const client = await options.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const inserted = await client.query<{ event_id: string }>(
      `INSERT INTO ${schema}.inbox (consumer, event_id)
       SELECT $1, id FROM unnest($2::text[]) AS e(id)
       ON CONFLICT DO NOTHING
       RETURNING event_id`,
      [options.consumer, options.events.map((e) => e.id)],
    );
    const unseen = new Set(inserted.rows.map((r) => r.event_id));
    // Deleting on first use applies a repeated id once.
    const fresh = options.events.filter((e) => unseen.delete(e.id));
    if ('handleAll' in options) {
      if (fresh.length > 0) await options.handleAll(fresh, client);
    } else for (const event of fresh) await options.handle(event, client);
    await client.query('COMMIT');
    return fresh.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    // A connection that cannot roll back must not go back to the pool mid-transaction.
    client.release(broken);
  }
}
