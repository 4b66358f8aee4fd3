import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildKafkaMock } from './build.ts';
import { KafkaMockError } from './errors.ts';

/** Options for {@link startKafkaMock}. */
export interface KafkaMockOptions {
  /** Number of brokers in the cluster, ids 1..brokers. Default 3. */
  brokers?: number;
  /** How long to wait for the cluster to come up, in ms. Default 10 000. */
  startTimeoutMs?: number;
}

/** A running mock Kafka cluster plus its fault-injection controls. */
export interface KafkaMock {
  /** Bootstrap addresses (`127.0.0.1:port`), one per broker, broker id 1 first. */
  readonly brokers: string[];
  /** Drops the broker's connections and refuses new ones. Partition leadership does not move. */
  brokerDown(id: number): Promise<void>;
  /** Lets a downed broker accept connections again. */
  brokerUp(id: number): Promise<void>;
  /**
   * Makes the next `errorCodes.length` requests with this API key (e.g. 0 Produce,
   * 1 Fetch, 8 OffsetCommit) fail with the given Kafka error codes, in order,
   * whichever broker receives them. Code -195 (`_TRANSPORT`) disconnects the client instead.
   */
  pushErrors(apiKey: number, errorCodes: number[]): Promise<void>;
  /** Delays every response from the broker by `ms`; 0 restores normal speed. */
  setRtt(id: number, ms: number): Promise<void>;
  /**
   * Creates a topic with an explicit layout. Needed because the mock rejects the
   * CreateTopics admin API; auto-created topics get 4 partitions.
   */
  createTopic(topic: string, partitions: number, replication?: number): Promise<void>;
  /** Shuts the cluster down; idempotent. Later control calls reject with `KAFKA_MOCK_STOPPED`. */
  stop(): Promise<void>;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const STDERR_KEEP = 8 * 1024;
const STOP_GRACE_MS = 3_000;

function invalid(message: string): never {
  throw new KafkaMockError('KAFKA_MOCK_INVALID_ARGUMENT', message);
}

function int(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

function brokerId(id: number, count: number): number {
  // -1 is librdkafka's "every broker" and is worth keeping for whole-cluster outages.
  if (id === -1) return id;
  return int('broker id', id, 1, count);
}

/**
 * Starts a mock Kafka cluster (librdkafka's mock brokers in a child process),
 * compiling it first if needed. Always pair with `stop()`, e.g. in `t.teardown`.
 */
export async function startKafkaMock(opts: KafkaMockOptions = {}): Promise<KafkaMock> {
  const count = int('brokers', opts.brokers ?? 3, 1, 64);
  const startTimeoutMs = opts.startTimeoutMs ?? 10_000;
  const bin = await buildKafkaMock();

  const child: ChildProcessWithoutNullStreams = spawn(bin, [String(count)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  // The child may die between our writes; its exit is reported through `exited`.
  child.stdin.on('error', () => {});

  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const waiters: Array<{
    resolve: (line: string) => void;
    reject: (err: Error) => void;
  }> = [];
  const early: string[] = [];
  let exitError: KafkaMockError | undefined;

  const exited = new Promise<void>((resolve) => {
    const onGone = (detail: string): void => {
      const missingLib = /librdkafka\.so/.test(stderr);
      exitError ??= new KafkaMockError(
        missingLib ? 'KAFKA_MOCK_LIBRDKAFKA_MISSING' : 'KAFKA_MOCK_EXITED',
        missingLib
          ? `librdkafka shared library not found; install it with \`apt-get install -y librdkafka-dev\`\n${stderr.trim()}`
          : `kafka-mock ${detail}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`,
      );
      for (const w of waiters.splice(0)) w.reject(exitError);
      resolve();
    };
    child.once('error', (err) => onGone(`failed to run: ${err.message}`));
    // 'close' rather than 'exit': it waits for stderr to drain, which the missing-library check reads.
    child.once('close', (code, signal) => onGone(`exited (${signal ?? `code ${String(code)}`})`));
  });

  lines.on('line', (line) => {
    const w = waiters.shift();
    if (w) w.resolve(line);
    else early.push(line);
  });

  function nextLine(): Promise<string> {
    const line = early.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (exitError) return Promise.reject(exitError);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  }

  let bootstrap: string;
  try {
    bootstrap = await withTimeout(nextLine(), startTimeoutMs, () => {
      child.kill('SIGKILL');
      return new KafkaMockError(
        'KAFKA_MOCK_START_TIMEOUT',
        `kafka-mock printed no BOOTSTRAP line within ${startTimeoutMs} ms${stderr.trim() ? `:\n${stderr.trim()}` : ''}`,
      );
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  if (!bootstrap.startsWith('BOOTSTRAP ')) {
    child.kill('SIGKILL');
    throw new KafkaMockError('KAFKA_MOCK_EXITED', `kafka-mock sent an unexpected first line: ${bootstrap}`);
  }
  const brokers = bootstrap.slice('BOOTSTRAP '.length).trim().split(',');

  let stopping: Promise<void> | undefined;
  // The child answers in order anyway; chaining keeps one command in flight so
  // a failed write cannot leave a later caller reading an earlier reply.
  let queue: Promise<unknown> = Promise.resolve();

  function command(line: string): Promise<void> {
    if (stopping) return Promise.reject(new KafkaMockError('KAFKA_MOCK_STOPPED', 'kafka-mock has been stopped'));
    const run = async (): Promise<void> => {
      if (exitError) throw exitError;
      const reply = nextLine();
      child.stdin.write(`${line}\n`);
      const answer = await reply;
      if (answer === 'OK') return;
      throw new KafkaMockError(
        'KAFKA_MOCK_COMMAND_FAILED',
        `kafka-mock rejected "${line}": ${answer.replace(/^ERR /, '')}`,
      );
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  }

  return {
    brokers,
    brokerDown: async (id) => command(`down ${brokerId(id, count)}`),
    brokerUp: async (id) => command(`up ${brokerId(id, count)}`),
    setRtt: async (id, ms) => command(`rtt ${brokerId(id, count)} ${int('rtt', ms, 0, 3_600_000)}`),
    pushErrors: async (apiKey, errorCodes) => {
      int('apiKey', apiKey, 0, 32767);
      if (!Array.isArray(errorCodes) || errorCodes.length < 1 || errorCodes.length > 256) {
        invalid('errorCodes must hold 1..256 codes');
      }
      for (const c of errorCodes) int('error code', c, -32768, 32767);
      return command(`errors ${apiKey} ${errorCodes.length} ${errorCodes.join(' ')}`);
    },
    createTopic: async (topic, partitions, replication = Math.min(3, count)) => {
      if (!TOPIC_NAME.test(topic)) invalid(`invalid topic name: ${JSON.stringify(topic)}`);
      return command(
        `partitions ${topic} ${int('partitions', partitions, 1, 10_000)} ${int('replication', replication, 1, count)}`,
      );
    },
    stop: () => {
      stopping ??= (async () => {
        await queue;
        if (!exitError) {
          child.stdin.end('quit\n');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        lines.close();
      })();
      return stopping;
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
