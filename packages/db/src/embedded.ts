import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type EmbeddedAutovacuumOptions, startEmbeddedAutovacuum } from './embedded-autovacuum.ts';
import { guardExtendedProtocolSequences } from './pglite-sequence-guard.ts';

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data across restarts; undefined keeps it in memory. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Concurrent client connections the socket server accepts (PGlite multiplexes them). */
  maxConnections?: number;
  /**
   * A data directory (tarball) to start from instead of running initdb: see
   * {@link freshClusterTemplate}. Only for a database in memory.
   */
  from?: Blob;
  /** PostgreSQL's autovacuum, which PGlite lacks (see `startEmbeddedAutovacuum`); on unless false. */
  autovacuum?: EmbeddedAutovacuumOptions | false;
}

export interface EmbeddedPostgres {
  connectionString: string;
  port: number;
  /**
   * The whole data directory as a gzipped tarball, taken while no query runs (PGlite's exclusive
   * lock): a consistent snapshot of a running database, as `npm run backup` takes it.
   */
  dump(): Promise<Blob>;
  /** An autovacuum pass now (the tables it vacuumed or analysed); none when autovacuum is off. */
  vacuum(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Creates a data directory from a {@link EmbeddedPostgres.dump} tarball (`npm run restore`). */
export async function restoreEmbeddedPostgres(dataDir: string, tarball: Blob): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { loadDataDir: tarball });
  await db.close();
}

/**
 * Starts PGlite behind the Postgres wire protocol so the services' ordinary `pg` code runs
 * unchanged. All connections share one PGlite session: SQL must name schemas explicitly
 * and never rely on session settings, and a transaction holds the other connections until it ends.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = options.from ? await PGlite.create({ loadDataDir: options.from }) : await PGlite.create(options.dataDir);
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
  const connectionString = `postgres://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  const autovacuum =
    options.autovacuum === false ? undefined : startEmbeddedAutovacuum(connectionString, options.autovacuum);
  return {
    connectionString,
    port,
    dump: () => db.dumpDataDir('gzip'),
    vacuum: () => autovacuum?.runOnce() ?? Promise.resolve([]),
    async stop() {
      await autovacuum?.stop();
      await server.stop();
      await db.close();
    },
  };
}

/**
 * A just-initialised PGlite cluster as a tarball, made once per PGlite version and machine and kept
 * in the temporary directory. initdb is most of what a new in-memory PGlite costs (about three
 * quarters, measured), and every test stack starts one: starting from the tarball is what
 * PostgreSQL's CREATE DATABASE does with template1. Written under a unique name and renamed, so
 * concurrent test processes never read half a file.
 */
export function freshClusterTemplate(): Promise<Blob> {
  // One read per process: a test file that starts several stacks reads the 40 MB file once.
  template ??= readOrMakeTemplate().catch((err: unknown) => {
    template = undefined; // a failed read or write is tried again by the next caller
    throw err;
  });
  return template;
}

let template: Promise<Blob> | undefined;

async function readOrMakeTemplate(): Promise<Blob> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const file = join(tmpdir(), `tongxin-pglite-${manifest.version}-${process.getuid?.() ?? 0}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const db = await PGlite.create();
    const tarball = await db.dumpDataDir('none');
    await db.close();
    const partial = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(partial, file);
    return tarball;
  }
}
