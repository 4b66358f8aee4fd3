import { createRequire } from 'node:module';

/** The parts of kafkajs's internal consumer Runner (src/consumer/runner.js) the guard touches. */
interface RunnerInternals {
  running: boolean;
  fetchManager?: { stop(): Promise<void> };
  fetch(nodeId: number): Promise<unknown[]>;
}

interface RunnerClass {
  prototype: RunnerInternals;
}

const GUARDED = Symbol.for('tongxin.kafkajs.runner-guard');

/**
 * Closes a kafkajs 2.2.4 race that blocks the event loop forever. When `consumer.disconnect()`
 * comes while the fetch manager is rebalancing its fetchers (the broker list changed, as after a
 * broker outage), the runner stops the old fetchers and the fetch manager then starts new ones.
 * Those call `Runner.fetch`, which answers `[]` at once because the runner no longer runs, and
 * loop on it in microtasks: no timer or I/O callback runs again (the process cannot even shut
 * down on a signal). The guard makes a fetch on a stopped runner stop the fetchers that are
 * still running, so the loop ends and the disconnect completes. kafkajs is no longer released
 * (2.2.4, 2023), so the fix lives here; see docs/decisions/0002-events.md.
 *
 * Returns the Runner class it guarded, for the test that proves the race and the fix.
 */
export function guardKafkajsRunner(): RunnerClass {
  // kafkajs is CommonJS without an exports map; this is the module its consumer requires.
  const Runner = createRequire(import.meta.url)('kafkajs/src/consumer/runner.js') as RunnerClass & {
    [GUARDED]?: true;
  };
  if (Runner[GUARDED]) return Runner;
  const fetch = Runner.prototype.fetch;
  if (typeof fetch !== 'function') {
    throw new Error('kafkajs Runner.fetch not found: check guardKafkajsRunner against this kafkajs version');
  }
  Runner.prototype.fetch = function guardedFetch(this: RunnerInternals, nodeId: number) {
    // Only a fetcher nobody stopped can fetch after the runner stopped: stop it (idempotent).
    if (!this.running) void this.fetchManager?.stop().catch(() => undefined);
    return fetch.call(this, nodeId);
  };
  Runner[GUARDED] = true;
  return Runner;
}
