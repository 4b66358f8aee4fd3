// Plays kafkajs's stop-during-fetcher-rebalance race on the real kafkajs Runner and FetchManager.
// Run as a child process (`node --import tsx kafkajs-runner-race.ts guarded|unguarded`): without
// the guard the race blocks the event loop for good, which only a separate process survives.
// Prints `tick` every 50 ms while the event loop runs and `stopped` when runner.stop() resolves.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { guardKafkajsRunner } from '../../src/kafkajs-runner-guard.ts';
import { deferred, delay } from './wait.ts';

interface Runner {
  start(): Promise<void>;
  stop(): Promise<void>;
}
type RunnerClass = new (options: Record<string, unknown>) => Runner;

const Runner = (
  process.argv[2] === 'guarded'
    ? guardKafkajsRunner()
    : createRequire(import.meta.url)('kafkajs/src/consumer/runner.js')
) as RunnerClass;

const noop = (): void => undefined;
const logger = { namespace: () => logger, info: noop, debug: noop, warn: noop, error: noop };

// The consumer group stands in for the brokers: node 1's fetch is in flight when the stop
// comes; node 2's fetch changes the broker list, so its fetcher's next fetch asks for a rebalance.
let nodeIds = [1, 2];
const node1Fetch = deferred();
let node2Fetched = false;
const consumerGroup = {
  groupId: 'race',
  memberId: 'member',
  connect: async () => undefined,
  joinAndSync: async () => undefined,
  leave: async () => undefined,
  heartbeat: async () => undefined,
  getNodeIds: () => nodeIds,
  fetch: async (nodeId: number) => {
    if (nodeId === 1) await node1Fetch.promise;
    else {
      node2Fetched = true;
      nodeIds = [1, 3];
      await delay(10);
    }
    return [];
  },
};

setInterval(() => process.stdout.write('tick\n'), 50);
const runner = new Runner({
  logger,
  consumerGroup,
  instrumentationEmitter: new EventEmitter(),
  eachMessage: async () => undefined,
  heartbeatInterval: 3_000,
  onCrash: (err: Error) => process.stdout.write(`crash ${err.message}\n`),
});
await runner.start();
while (!node2Fetched) await delay(5);
await delay(100); // fetcher 2 has asked for a rebalance; the manager waits for fetcher 1 to stop
const stopped = runner.stop();
await delay(20);
node1Fetch.resolve(); // fetcher 1 ends, and the manager starts new fetchers for nodes 1 and 3
await stopped;
process.stdout.write('stopped\n');
process.exit(0);
