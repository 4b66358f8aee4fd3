import pg from 'pg';

export interface PoolOptions {
  /** Connections in the pool; the embedded server multiplexes them onto one PGlite session. */
  max?: number;
  applicationName?: string;
  /** How long a query waits for a free connection before it fails (default 10 s). */
  connectionTimeoutMillis?: number;
}

// bigint (int8) and numeric come back as strings by default; counts and money here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Dates are calendar dates (birth date, start date): keep them as 'YYYY-MM-DD', never shift by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** A pg pool for one service. The caller closes it with `pool.end()`. */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'tongxin',
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
  });
  // An idle client that loses its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

export type { Pool, PoolClient, QueryResultRow } from 'pg';
