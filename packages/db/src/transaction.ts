import type pg from 'pg';

/** Any object that can run a query: a pool, or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/**
 * Runs `fn` in one transaction on a dedicated client: committed when it resolves,
 * rolled back when it throws. Keep it short: on the embedded server an open
 * transaction holds every other connection.
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
