import type { ServiceRuntime } from '@tongxin/service-platform';
import type { OpeningReadModel } from '../repositories/opening-read-model.ts';
import type { WorkerReadModel } from '../repositories/worker-read-model.ts';

/**
 * Keeps training's read models of workers and openings from their topics. Each event is handled
 * once (runtime.consume's inbox); snapshots carry a version, so a late redelivery cannot undo a newer one.
 */
export async function registerReadModelConsumers(
  runtime: ServiceRuntime,
  workers: WorkerReadModel,
  openings: OpeningReadModel,
): Promise<void> {
  await runtime.consume({
    name: 'workers',
    topics: ['tongxin.worker'],
    types: ['worker.registered', 'worker.updated', 'worker.skills-changed'],
    handle: (event, tx) => workers.setSkills(tx, event.data.workerId, event.data.skills),
    // A registry import's thousands of snapshots: a multi-row statement per run, not one per worker.
    bulk: {
      types: ['worker.registered', 'worker.updated'],
      apply: (events, tx) =>
        workers.upsertAll(
          tx,
          events.map((e) => e.data.worker),
        ),
    },
  });
  await runtime.consume({
    name: 'openings',
    topics: ['tongxin.opening'],
    types: ['opening.published', 'opening.updated', 'opening.paused', 'opening.filled', 'opening.closed'],
    handle: async (event, tx) => openings.upsert(tx, event.data.opening),
  });
}
