import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { invalidSchemaName, migrationMissing } from './errors.ts';
import { withTransaction } from './transaction.ts';

export interface MigrateOptions {
  /** The service's own schema; every statement in its files names it explicitly. */
  schema: string;
  /** Folder of `NNNN-name.sql` files, applied in name order. */
  dir: string;
  /** Extra SQL run before the files, e.g. the outbox tables a library owns. */
  preamble?: { name: string; sql: string }[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Applies the pending forward-only migrations of one schema, each in its own
 * transaction, and returns the names applied. `{{schema}}` in a file is replaced by the schema name.
 */
export async function migrate(pool: pg.Pool, options: MigrateOptions): Promise<string[]> {
  const { schema } = options;
  if (!SCHEMA_NAME.test(schema)) throw invalidSchemaName(schema);
  const files = (await readdir(options.dir)).filter((f) => f.endsWith('.sql')).sort();
  const steps = [
    ...(options.preamble ?? []),
    ...(await Promise.all(files.map(async (name) => ({ name, sql: await readFile(join(options.dir, name), 'utf8') })))),
  ];
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const step of steps) {
    const done = await withTransaction(pool, async (client) => {
      // Two instances starting together: the table lock makes the second wait and then skip.
      await client.query(`LOCK TABLE ${schema}.schema_migrations IN EXCLUSIVE MODE`);
      const seen = await client.query(`SELECT 1 FROM ${schema}.schema_migrations WHERE name = $1`, [step.name]);
      if (seen.rowCount) return false;
      await client.query(step.sql.replaceAll('{{schema}}', schema));
      await client.query(`INSERT INTO ${schema}.schema_migrations (name) VALUES ($1)`, [step.name]);
      return true;
    });
    if (done) applied.push(step.name);
  }
  const known = new Set(steps.map((s) => s.name));
  const recorded = await pool.query<{ name: string }>(`SELECT name FROM ${schema}.schema_migrations`);
  for (const { name } of recorded.rows) if (!known.has(name)) throw migrationMissing(schema, name);
  return applied;
}
