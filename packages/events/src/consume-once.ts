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
  const schema = sqlIdentifier(options.schema);
  const client = await options.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO ${schema}.inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [options.consumer, options.event.id],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return false;
    }
    await options.handle(client);
    await client.query('COMMIT');
    return true;
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
