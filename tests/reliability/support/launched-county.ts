import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestDatabase, createTestDatabase } from '@tongxin/db';
import { type KafkaMock, startKafkaMock } from '@tongxin/kafka-mock';
import { ApiClient } from '@tongxin/test-harness';
import { freePort, launch, type Launched } from '../../support/launcher.ts';

export type ServiceProcess = 'worker-profile' | 'employer' | 'matching' | 'training' | 'placement' | 'gateway';
export const SERVICE_PROCESSES: ServiceProcess[] = [
  'worker-profile',
  'employer',
  'matching',
  'training',
  'placement',
  'gateway',
];

export interface LaunchedCounty {
  api: ApiClient;
  url: string;
  /** Every line the launcher and its services printed (the services' logs). */
  output: string[];
  databaseUrl: string;
  kafka?: KafkaMock;
  /** The pid of a service process of this county (never another engineer's: children of our launcher only). */
  pidOf(name: ServiceProcess): number | undefined;
  /** SIGKILLs a service process; the supervisor restarts it. */
  kill(name: ServiceProcess): number;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  postgresUrl?: string;
  kafka?: boolean;
  env?: Record<string, string>;
}

/**
 * Runs the county as `npm start` does — each service its own supervised process — with no seed,
 * a private data directory, and PostgreSQL / the Kafka test broker when asked.
 */
export async function launchCounty(options: LaunchOptions = {}): Promise<LaunchedCounty> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-rel-'));
  let db: TestDatabase | undefined;
  let databaseUrl: string;
  const env: Record<string, string> = {
    TONGXIN_SEED: 'none',
    TONGXIN_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '1000000',
    TONGXIN_START_TIMEOUT_MS: '90000',
  };
  if (options.postgresUrl) {
    db = await createTestDatabase(options.postgresUrl);
    databaseUrl = db.connectionString;
    env.DATABASE_URL = databaseUrl;
  } else {
    const port = await freePort();
    env.TONGXIN_DB_PORT = String(port);
    databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  }
  const kafka = options.kafka ? await startKafkaMock({ brokers: 3 }) : undefined;
  if (kafka) env.KAFKA_BROKERS = kafka.brokers.join(',');
  let launched: Launched;
  try {
    launched = await launch({ ...env, ...(options.env ?? {}) }, 240_000);
  } catch (err) {
    await kafka?.stop();
    await db?.drop();
    throw err;
  }

  const pidOf = (name: ServiceProcess): number | undefined => {
    const parent = launched.process.pid;
    let children: string[];
    try {
      children = execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .filter(Boolean);
    } catch {
      return undefined; // pgrep exits 1 when there are none
    }
    for (const pid of children) {
      const cmd = readFileSyncSafe(`/proc/${pid}/cmdline`);
      if (cmd.includes(`services/${name}/src/server.ts`)) return Number(pid);
    }
    return undefined;
  };

  return {
    api: new ApiClient(launched.url),
    url: launched.url,
    output: launched.output,
    databaseUrl,
    ...(kafka ? { kafka } : {}),
    pidOf,
    kill(name) {
      const pid = pidOf(name);
      if (!pid) throw new Error(`no ${name} process under launcher ${launched.process.pid}`);
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async stop() {
      await launched.stop('SIGTERM');
      await kafka?.stop();
      await db?.drop().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
