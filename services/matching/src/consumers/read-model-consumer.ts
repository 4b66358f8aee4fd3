import { TOPICS, type TongxinEvent } from '@tongxin/events';
import type { ConsumerOptions } from '@tongxin/service-platform';
import type pg from 'pg';
import type { MatchStore } from '../domain/match-store.ts';
import type { WorkerSnapshot } from '../domain/snapshots.ts';
import type { ReadModelRepository } from '../repositories/read-model-repository.ts';
import type { Indexer } from '../use-cases/indexer.ts';
import type { OpeningAlerts } from '../use-cases/opening-alerts.ts';

/** The read model's consumer name: its group is `matching.read-model`. */
export const READ_MODEL_CONSUMER = 'read-model';

/** The event types matching keeps its read model from (docs/event-catalogue.md, "Who consumes what"). */
export const READ_MODEL_TYPES = [
  'worker.registered',
  'worker.updated',
  'worker.skills-changed',
  'employer.registered',
  'employer.updated',
  'employer.verified',
  'employer.suspended',
  'opening.published',
  'opening.updated',
  'opening.paused',
  'opening.filled',
  'opening.closed',
  'course.created',
  'batch.scheduled',
  'batch.updated',
] as const;
/** Worker snapshots: a registry import's thousands are written a run at a time (see readModelConsumer). */
const WORKER_SNAPSHOTS = ['worker.registered', 'worker.updated'] as const;
type ReadModelEvent = TongxinEvent<Exclude<(typeof READ_MODEL_TYPES)[number], (typeof WORKER_SNAPSHOTS)[number]>>;
type Deps = { repo: ReadModelRepository; store: MatchStore; indexer: Indexer; alerts?: OpeningAlerts };

/**
 * Applies one event to the read model (in the consumer's transaction), then to the in-memory
 * copy and the search engine's queue. Snapshots carry a version; an older one than stored
 * changes nothing, so replays and out-of-order redeliveries are harmless.
 */
export async function applyEvent(event: ReadModelEvent, tx: pg.PoolClient, deps: Deps): Promise<void> {
  const { repo, store, indexer } = deps;
  switch (event.type) {
    case 'worker.skills-changed': {
      const row = await repo.replaceWorkerSkills(tx, event.data.workerId, event.data.skills);
      if (row) putWorkers([row], deps);
      return;
    }
    case 'employer.registered':
    case 'employer.updated':
    case 'employer.verified':
    case 'employer.suspended': {
      const row = await repo.upsertEmployer(tx, event.data.employer);
      if (row) {
        store.putEmployer(row);
        indexer.employer(row.id);
      }
      return;
    }
    case 'opening.published':
    case 'opening.updated':
    case 'opening.paused':
    case 'opening.filled':
    case 'opening.closed': {
      const row = await repo.upsertOpening(tx, event.data.opening);
      if (row) {
        store.putOpening(row);
        indexer.opening(row.id);
        // A newly published opening is announced to its matching workers and saved searches (issue 15).
        if (event.type === 'opening.published') await deps.alerts?.onPublished(tx, row.id);
      }
      return;
    }
    case 'course.created': {
      const row = await repo.upsertCourse(tx, event.data.course, event.time);
      if (row) store.putCourse(row);
      return;
    }
    case 'batch.scheduled':
    case 'batch.updated': {
      const row = await repo.upsertBatch(tx, event.data.batch, event.time);
      if (row) store.putBatch(row);
      return;
    }
  }
}

/**
 * Applies a run of worker snapshots with one statement, then to the in-memory copy and the search
 * engine's queue: only those newer than what was stored come back from the statement.
 */
async function applyWorkerSnapshots(
  events: readonly TongxinEvent<(typeof WORKER_SNAPSHOTS)[number]>[],
  tx: pg.PoolClient,
  deps: Deps,
): Promise<void> {
  putWorkers(
    await deps.repo.upsertWorkers(
      tx,
      events.map((e) => e.data.worker),
    ),
    deps,
  );
}

function putWorkers(rows: readonly WorkerSnapshot[], { store, indexer }: Deps): void {
  for (const row of rows) {
    store.putWorker(row);
    indexer.worker(row.id);
  }
}

/** The consumer registration: one group reading every topic matching keeps a model of. */
export function readModelConsumer(
  deps: Deps,
): ConsumerOptions<(typeof READ_MODEL_TYPES)[number], (typeof WORKER_SNAPSHOTS)[number]> {
  return {
    name: READ_MODEL_CONSUMER,
    topics: [TOPICS.worker, TOPICS.employer, TOPICS.opening, TOPICS.training],
    types: READ_MODEL_TYPES,
    handle: (event, tx) => applyEvent(event, tx, deps),
    bulk: { types: WORKER_SNAPSHOTS, apply: (events, tx) => applyWorkerSnapshots(events, tx, deps) },
  };
}
