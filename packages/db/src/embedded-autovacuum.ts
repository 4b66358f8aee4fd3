import pg from 'pg';

export interface EmbeddedAutovacuumOptions {
  /** Between passes (default 60 s). */
  intervalMs?: number;
  /** Told of each table vacuumed or analysed. */
  log?: (line: string) => void;
  /** Told of a failed pass (default: a warning on stderr); the next pass tries again. */
  onError?: (err: Error) => void;
}

export interface EmbeddedAutovacuum {
  /** One pass now: vacuums and analyses the tables past PostgreSQL's default thresholds; their names. */
  runOnce(): Promise<string[]>;
  stop(): Promise<void>;
}

// PostgreSQL's defaults: autovacuum_vacuum_threshold 50, scale factor 0.2; analyze 50 and 0.1.
const DUE = `
  SELECT format('%I.%I', schemaname, relname) AS name,
         n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum
  FROM pg_stat_user_tables
  WHERE n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup
  ORDER BY n_dead_tup DESC`;

/**
 * PostgreSQL's autovacuum for the embedded database, which has none (PGlite is one backend, with no
 * launcher to start workers): without it a table's dead rows stay, and so do their index entries —
 * every registration left one in the outbox's unpublished index, which each relay drain then read —
 * and no table is ever analysed, so plans rest on guesses. Each table is its own statement through
 * the socket's queue, so it waits for open transactions and holds the session only while it runs.
 */
export function startEmbeddedAutovacuum(
  connectionString: string,
  options: EmbeddedAutovacuumOptions = {},
): EmbeddedAutovacuum {
  const client = new pg.Client({ connectionString, application_name: 'tongxin-autovacuum' });
  const connected = client.connect();
  // A failed connection is reported by the first pass, not as an unhandled rejection.
  connected.catch(() => undefined);
  let running: Promise<string[]> | undefined;
  let stopped = false;

  async function pass(): Promise<string[]> {
    await connected;
    const done: string[] = [];
    for (const t of (await client.query<{ name: string; vacuum: boolean }>(DUE)).rows) {
      if (stopped) break;
      await client.query(t.vacuum ? `VACUUM (ANALYZE) ${t.name}` : `ANALYZE ${t.name}`);
      options.log?.(`[autovacuum] ${t.vacuum ? 'vacuumed' : 'analysed'} ${t.name}`);
      done.push(t.name);
    }
    return done;
  }
  const runOnce = () => (running ??= pass().finally(() => (running = undefined)));

  const timer = setInterval(() => {
    runOnce().catch(
      options.onError ?? ((err: Error) => process.emitWarning(`embedded autovacuum pass failed: ${err.message}`)),
    );
  }, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
