import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, closeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, where infra/kafka lives. */
const ROOT = join(import.meta.dirname, '..', '..', '..');
export const KAFKA_INFRA = join(ROOT, 'infra', 'kafka');
/** Where infra/kafka/fetch.sh puts the broker's classpath (git-ignored). */
export const KAFKA_LIB = join(KAFKA_INFRA, 'lib');

/** A one-node KRaft Kafka broker (broker and controller in one JVM) with its data in a directory of its own. */
export interface KafkaBroker {
  /** Bootstrap address, `127.0.0.1:port`. */
  readonly brokers: string[];
  readonly dataDir: string;
  /** The JVM's pid while it runs. */
  readonly pid: number | undefined;
  /** SIGKILLs the JVM: no shutdown, no flush beyond what the OS already has. */
  kill(): Promise<void>;
  /** Starts it again on the same data directory and port; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL) and removes its data unless `keepData`. Idempotent. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface KafkaBrokerOptions {
  /** Data directory (default: a new temporary one, removed by `stop()`). */
  dataDir?: string;
  /** How long to wait for the broker to answer after a start (default 120 s: a loaded 2-core machine). */
  startTimeoutMs?: number;
  /** JVM heap (default 384m). */
  heap?: string;
  /**
   * The broker is SIGKILLed (and its own temporary data removed) once this process is gone, even
   * when it dies without cleaning up — a test killed on timeout must not leave a JVM behind.
   * Default: this process.
   */
  watchPid?: number;
  /** Start the JVM in its own process group, not held by this process (a broker for the whole test run). */
  detached?: boolean;
}

export class KafkaBrokerError extends Error {
  override name = 'KafkaBrokerError';
}

/** True when infra/kafka/fetch.sh has run and Java is on the PATH. */
export function kafkaBrokerAvailable(): boolean {
  return classpath() !== undefined && javaPath() !== undefined;
}

function classpath(): string | undefined {
  if (!existsSync(join(KAFKA_LIB, '.pom.sha256'))) return undefined;
  const jars = readdirSync(KAFKA_LIB).filter((f) => f.endsWith('.jar'));
  return jars.length > 0 ? jars.map((j) => join(KAFKA_LIB, j)).join(':') : undefined;
}

function javaPath(): string | undefined {
  const home = process.env.JAVA_HOME;
  if (home && existsSync(join(home, 'bin', 'java'))) return join(home, 'bin', 'java');
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, 'java');
    if (dir && existsSync(candidate)) {
      // bare-machine.sh hides java by binding /dev/null over it: an empty file is no Java.
      try {
        if (readFileSync(candidate).length > 0) return candidate;
      } catch {
        // unreadable: not usable either
      }
    }
  }
  return undefined;
}

/** A free TCP port on loopback (the broker's, a launched county's). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding (what `kafka-storage random-uuid` prints).
 * Never one that begins with '-': the storage tool would read it as an option and refuse to format
 * (one start in 64 failed so); Kafka's own Uuid.randomUuid draws again for the same reason.
 */
export function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Starts a one-node KRaft broker on free ports: writes its configuration, formats the storage with
 * a random cluster id (first start only), starts the JVM and waits until it answers a Kafka
 * ApiVersions request. Needs `bash infra/kafka/fetch.sh` and Java 17. Always pair with `stop()`.
 */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const cp = classpath();
  if (!cp) throw new KafkaBrokerError(`the Kafka broker is not fetched: run \`bash infra/kafka/fetch.sh\` (Maven)`);
  const java = javaPath();
  if (!java)
    throw new KafkaBrokerError(
      'java not found: the Kafka test broker needs Java 17 (apt-get install openjdk-17-jre-headless)',
    );
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tongxin-kafka-')));
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const port = await freePort();
  const controllerPort = await freePort();
  const logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const properties = join(dataDir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${join(dataDir, 'data')}`,
      // Topics on purpose: a topic nobody created is an error, as in production (ADR 0002).
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      // Few: every group of the run on one small broker, and each partition is loaded at start.
      'offsets.topic.num.partitions=4',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      // Tests start and stop consumers all the time: no waiting for more members to join.
      'group.initial.rebalance.delay.ms=0',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'num.network.threads=2',
      'num.io.threads=4',
      'log.retention.check.interval.ms=3600000',
      '',
    ].join('\n'),
  );
  const jvm = [
    `-Xmx${options.heap ?? '384m'}`,
    `-Xms${options.heap ?? '384m'}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xshare:auto',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(KAFKA_INFRA, 'log4j2.properties')}`,
    `-Dkafka.logs.dir=${logs}`,
    '-cp',
    cp,
  ];
  if (!existsSync(join(dataDir, 'data', 'meta.properties'))) {
    await runToEnd(java, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', properties], logs);
  }

  let child: ChildProcess | undefined;
  let stopped = false;
  const address = `127.0.0.1:${port}`;

  const start = async (): Promise<void> => {
    if (stopped) throw new KafkaBrokerError('the broker has been stopped');
    if (child && child.exitCode === null && child.signalCode === null) return;
    const out = openSync(join(logs, 'broker.out'), 'a');
    const proc = spawn(java, [...jvm, 'kafka.Kafka', properties], {
      stdio: ['ignore', out, out],
      detached: options.detached ?? false,
    });
    closeSync(out);
    if (options.detached) proc.unref();
    child = proc;
    watch(options.watchPid ?? process.pid, proc.pid!, ownDir ? dataDir : '');
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(port))) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new KafkaBrokerError(
          `the Kafka broker exited at start (${proc.exitCode ?? proc.signalCode}): ${tail(logs)}`,
        );
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new KafkaBrokerError(`the Kafka broker did not answer within ${timeoutMs} ms: ${tail(logs)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  const exited = (proc: ChildProcess): Promise<void> =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => proc.once('exit', () => resolve()));

  const kill = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGKILL');
    await exited(proc);
  };

  await start();
  return {
    brokers: [address],
    dataDir,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    kill,
    start,
    async stop(opts = {}) {
      if (stopped) return;
      stopped = true;
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited(proc);
        clearTimeout(timer);
      }
      if (ownDir && !opts.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A watchdog shell: SIGKILLs the JVM once `watched` is gone and removes `dir` (a broker's own temporary
 * data); ends quietly when the JVM ends first (a test's deliberate kill, a stop).
 */
function watch(watched: number, jvm: number, dir: string): void {
  const script =
    'while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 1; done; ' +
    'kill -9 "$2" 2>/dev/null; sleep 1; if [ -n "$3" ]; then rm -rf "$3"; fi';
  spawn('bash', ['-c', script, 'kafka-watchdog', String(watched), String(jvm), dir], {
    stdio: 'ignore',
    detached: true,
  }).unref();
}

/** True when something on the port answers a Kafka ApiVersions (v0) request with a response of its own. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      // size, api key 18 (ApiVersions), version 0, correlation id 1, client id "probe".
      const clientId = Buffer.from('probe');
      const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
      body.writeInt16BE(18, 0);
      body.writeInt16BE(0, 2);
      body.writeInt32BE(1, 4);
      body.writeInt16BE(clientId.length, 8);
      clientId.copy(body, 10);
      const size = Buffer.alloc(4);
      size.writeInt32BE(body.length);
      socket.write(Buffer.concat([size, body]));
    });
    let got = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      // correlation id 1 then error code 0: the broker is serving requests, not merely listening.
      if (got.length >= 10) done(got.readInt32BE(4) === 1 && got.readInt16BE(8) === 0);
    });
  });
}

function runToEnd(cmd: string, args: string[], logs: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = openSync(join(logs, 'format.out'), 'a');
    const proc = spawn(cmd, args, { stdio: ['ignore', out, out] });
    closeSync(out);
    proc.once('error', reject);
    proc.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new KafkaBrokerError(`formatting the Kafka storage failed (${code}): ${tail(logs, 'format.out')}`)),
    );
  });
}

function tail(logs: string, file = 'broker.out'): string {
  try {
    return readFileSync(join(logs, file), 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no output)';
  }
}
