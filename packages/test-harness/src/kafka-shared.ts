import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { KAFKA_INFRA, type KafkaBroker, kafkaBrokerAvailable, startKafkaBroker } from './kafka-broker.ts';

export { kafkaBrokerAvailable, startKafkaBroker, type KafkaBroker } from './kafka-broker.ts';

/**
 * One Kafka broker for a whole test run, shared by every stack: a JVM costs seconds to start and
 * ~0.5 GB, too much per test file. tap's `before` hook (scripts/tap-before.ts) starts it and writes
 * where it listens to this file; its `after` hook stops it. Stacks keep apart by a topic prefix.
 */
export const SHARED_BROKER_STATE = join(KAFKA_INFRA, 'run', 'shared.json');

export interface SharedBrokerState {
  brokers: string[];
  /** The JVM. */
  pid: number;
  dataDir: string;
  /** The tap process whose hooks own it. */
  owner: number;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The run's shared broker when one is running. */
export function sharedBroker(): SharedBrokerState | undefined {
  try {
    const state = JSON.parse(readFileSync(SHARED_BROKER_STATE, 'utf8')) as SharedBrokerState;
    return alive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the shared broker for the tap run `owner` (unless one is running) and records it. */
export async function startSharedBroker(owner: number): Promise<SharedBrokerState> {
  const running = sharedBroker();
  if (running) return running;
  const broker = await startKafkaBroker({ detached: true, watchPid: owner });
  await warmUp(broker.brokers);
  const state: SharedBrokerState = { brokers: broker.brokers, pid: broker.pid!, dataDir: broker.dataDir, owner };
  mkdirSync(join(KAFKA_INFRA, 'run'), { recursive: true });
  const tmp = `${SHARED_BROKER_STATE}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, SHARED_BROKER_STATE);
  return state;
}

/** Stops the shared broker if the tap run `owner` started it; another run's broker is left alone. */
export async function stopSharedBroker(owner: number): Promise<void> {
  const state = sharedBroker();
  if (!state || state.owner !== owner) return;
  // Its data is thrown away: no controlled shutdown to wait for.
  process.kill(state.pid, 'SIGKILL');
  const deadline = Date.now() + 5_000;
  while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(SHARED_BROKER_STATE, { force: true });
}

/**
 * Has the broker create and load its consumer-offsets topic now, once, rather than while the first
 * test stack waits on "the coordinator is loading" for each of its groups.
 */
async function warmUp(brokers: string[]): Promise<void> {
  const admin = new kafkajs.Kafka({ brokers, clientId: 'warm-up', logLevel: kafkajs.logLevel.NOTHING }).admin({
    retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
  try {
    await admin.connect();
    await admin.fetchOffsets({ groupId: 'tongxin-warm-up', topics: [] });
  } catch {
    // Only a head start: the stacks wait for the coordinator themselves.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

let own: Promise<KafkaBroker> | undefined;

/**
 * The broker this test process should use: the run's shared one, or — when the file runs outside
 * tap's hooks (plain `node`, a hook that found no Java) — one of its own, started once and
 * SIGKILLed when the process ends.
 */
export async function testKafkaBrokers(): Promise<string[]> {
  const shared = sharedBroker();
  if (shared) return shared.brokers;
  if (!kafkaBrokerAvailable()) {
    throw new Error(
      'TONGXIN_TEST_KAFKA=1 but the Kafka test broker is not there: run `bash infra/kafka/fetch.sh` (Maven, Java 17)',
    );
  }
  own ??= startKafkaBroker();
  return (await own).brokers;
}

/** A prefix of topics, groups and client ids no other stack on the broker has (KAFKA_TOPIC_PREFIX). */
export const stackPrefix = (): string => `t${randomBytes(5).toString('hex')}.`;

/** Deletes a stack's topics from the shared broker once it is done with them (keeps the broker small). */
export async function deleteStackTopics(brokers: string[], prefix: string): Promise<void> {
  const admin = new kafkajs.Kafka({
    brokers,
    clientId: `${prefix}cleanup`,
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } catch {
    // Cleanup only: a broker already gone (a test that stopped it) loses nothing worth reporting.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
