import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { guardExtendedProtocolSequences } from './pglite-sequence-guard.ts';

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data across restarts; undefined keeps it in memory. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Concurrent client connections the socket server accepts (PGlite multiplexes them). */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  connectionString: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts PGlite behind the Postgres wire protocol so the services' ordinary `pg` code runs
 * unchanged. All connections share one PGlite session: SQL must name schemas explicitly
 * and never rely on session settings, and a transaction holds the other connections until it ends.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 100,
  });
  guardExtendedProtocolSequences(server);
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    connectionString: `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
