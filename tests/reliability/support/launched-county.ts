import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type TestDatabase, createTestDatabase } from '@tongxin/db';
import { type KafkaMock, startKafkaMock } from '@tongxin/kafka-mock';
import { ApiClient, deleteStackTopics, stackPrefix, testKafkaBrokers } from '@tongxin/test-harness';
import { freePort, launch, type Launched } from '../../support/launcher.ts';

export type ServiceProcess = 'worker-profile' | 'employer' | 'matching' | 'training' | 'placement' | 'gateway';
export const ROOT = join(import.meta.dirname, '..', '..', '..');
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
  /** librdkafka's mock cluster, when the county runs on it (`kafka: 'mock'`): its fault injection. */
  kafka?: KafkaMock;
  /** The county's Kafka: bootstrap addresses and its prefix of topics and groups (empty on the mock). */
  bus?: { brokers: string[]; prefix: string };
  /** What a further gateway needs to join this county: secrets, database, bus and service URLs. */
  gatewayEnv(): Record<string, string>;
  /** The pid of a service process of this county (never another engineer's: children of our launcher only). */
  pidOf(name: ServiceProcess): number | undefined;
  /** SIGKILLs a service process; the supervisor restarts it. */
  kill(name: ServiceProcess): number;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  postgresUrl?: string;
  /**
   * true: the run's real Kafka broker, the county's topics under a prefix of its own; 'mock':
   * librdkafka's 3-broker mock, for the faults a real broker cannot be made to have (ADR 0002).
   */
  kafka?: boolean | 'mock';
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
  const kafka = options.kafka === 'mock' ? await startKafkaMock({ brokers: 3 }) : undefined;
  let bus: { brokers: string[]; prefix: string } | undefined;
  if (kafka) {
    bus = { brokers: kafka.brokers, prefix: '' };
    // The mock has no CreateTopics API (its topics are auto-created) and refuses idempotent producers.
    Object.assign(env, { KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_MANAGE_TOPICS: 'false' });
  } else if (options.kafka) {
    bus = { brokers: await testKafkaBrokers(), prefix: stackPrefix() };
    Object.assign(env, {
      KAFKA_BROKERS: bus.brokers.join(','),
      KAFKA_TOPIC_PREFIX: bus.prefix,
      KAFKA_IDEMPOTENT: 'true',
      KAFKA_TOPIC_PARTITIONS: '3',
    });
  }
  // A SIGKILLed service's consumers hold their partitions for the session timeout: 10 s, not the
  // default 30 s, so that each fault's recovery is not mostly waiting for the group to notice.
  if (bus) env.KAFKA_SESSION_TIMEOUT_MS = '10000';
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

  const gatewayEnv = (): Record<string, string> => {
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    const urls: Record<string, string> = {};
    for (const line of launched.output) {
      const m = /^\[supervisor\] ([a-z-]+) up on :(\d+)/.exec(line);
      if (m) urls[m[1]!] = `http://127.0.0.1:${m[2]}`;
    }
    return {
      ...secrets,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: env.KAFKA_BROKERS ?? '',
      ...Object.fromEntries(
        [
          'KAFKA_TOPIC_PREFIX',
          'KAFKA_IDEMPOTENT',
          'KAFKA_TOPIC_PARTITIONS',
          'KAFKA_MANAGE_TOPICS',
          'KAFKA_SESSION_TIMEOUT_MS',
        ].flatMap((k) => (env[k] ? [[k, env[k]]] : [])),
      ),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WORKER_PROFILE_URL: urls['worker-profile'] ?? '',
      EMPLOYER_URL: urls.employer ?? '',
      MATCHING_URL: urls.matching ?? '',
      TRAINING_URL: urls.training ?? '',
      PLACEMENT_URL: urls.placement ?? '',
    };
  };

  return {
    api: new ApiClient(launched.url),
    gatewayEnv,
    url: launched.url,
    output: launched.output,
    databaseUrl,
    ...(kafka ? { kafka } : {}),
    ...(bus ? { bus } : {}),
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
      if (bus?.prefix) await deleteStackTopics(bus.brokers, bus.prefix);
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

export interface ExtraGateway {
  url: string;
  api: ApiClient;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts one more gateway process in front of the county's services, with its own settings. A start
 * that dies on the way (tsx's esbuild service can fail on a loaded machine) is tried again, twice.
 * A start that is merely slow is waited for: each new gateway joins the gateway's consumer groups,
 * and a rebalance may wait out a member that is going (up to the 30 s session timeout) for each of
 * its two groups; killing it and starting another would only add one more member to wait for.
 */
export async function spawnGateway(env: Record<string, string>, timeoutMs = 240_000): Promise<ExtraGateway> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnGatewayOnce(env, timeoutMs);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof GatewayExited)) throw err;
    }
  }
}

class GatewayExited extends Error {}

async function spawnGatewayOnce(env: Record<string, string>, timeoutMs: number): Promise<ExtraGateway> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'services', 'gateway', 'src', 'server.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (l) => output.push(l));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new GatewayExited(`gateway exited: ${output.slice(-10).join('\n')}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      // SIGTERM: the gateway leaves its consumer groups, so that it holds up no one else's rebalance.
      child.kill('SIGTERM');
      throw new Error(`gateway not up in ${timeoutMs} ms: ${output.slice(-10).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    api: new ApiClient(url),
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A private Redis on a free port of its own (never the machine's main one on 6379, nor anyone
 * else's), which the test may stop and start.
 */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  const start = async () => {
    execFileSync('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
    ]);
    for (let i = 0; i < 50; i++) {
      try {
        if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`redis-server on ${port} did not answer`);
  };
  const stop = async () => {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    } catch {
      // already stopped: redis-cli reports the closed connection as an error
    }
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
