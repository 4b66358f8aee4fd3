import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freshClusterTemplate, startEmbeddedPostgres } from './embedded.ts';

export interface TestDatabase {
  connectionString: string;
  kind: 'postgres' | 'embedded';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test: on the PostgreSQL server named by
 * `postgresUrl` (a new database with a random name), or else a new in-memory embedded server (from the cached initdb template).
 */
export async function createTestDatabase(postgresUrl?: string): Promise<TestDatabase> {
  if (!postgresUrl) {
    const embedded = await startEmbeddedPostgres({ from: await freshClusterTemplate(), autovacuum: false });
    return { connectionString: embedded.connectionString, kind: 'embedded', drop: () => embedded.stop() };
  }
  const name = `tongxin_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    connectionString: url.toString(),
    kind: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
