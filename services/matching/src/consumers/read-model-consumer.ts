import type { CloudEvent } from '@tongxin/events';
import { TOPICS } from '@tongxin/events';
import type { ConsumerOptions } from '@tongxin/service-platform';
import type pg from 'pg';
import type { MatchStore } from '../domain/match-store.ts';
import type {
  BatchSnapshot,
  CourseSnapshot,
  EmployerSnapshot,
  OpeningSnapshot,
  WorkerSkill,
  WorkerSnapshot,
} from '../domain/snapshots.ts';
import type { ReadModelRepository } from '../repositories/read-model-repository.ts';
import type { Indexer } from '../use-cases/indexer.ts';

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
];

/**
 * Applies one event to the read model (in the consumer's transaction), then to the in-memory
 * copy and the search engine's queue. Snapshots carry a version; an older one than stored
 * changes nothing, so replays and out-of-order redeliveries are harmless.
 */
export async function applyEvent(
  event: CloudEvent,
  tx: pg.PoolClient,
  deps: { repo: ReadModelRepository; store: MatchStore; indexer: Indexer },
): Promise<void> {
  const { repo, store, indexer } = deps;
  const data = event.data as Record<string, unknown>;
  const [kind] = event.type.split('.');
  switch (kind) {
    case 'worker': {
      const row =
        event.type === 'worker.skills-changed'
          ? await repo.replaceWorkerSkills(tx, String(data.workerId), data.skills as WorkerSkill[])
          : await repo.upsertWorker(tx, data.worker as WorkerSnapshot);
      if (row) {
        store.putWorker(row);
        indexer.worker(row.id);
      }
      return;
    }
    case 'employer': {
      const row = await repo.upsertEmployer(tx, data.employer as EmployerSnapshot);
      if (row) {
        store.putEmployer(row);
        indexer.employer(row.id);
      }
      return;
    }
    case 'opening': {
      const row = await repo.upsertOpening(tx, data.opening as OpeningSnapshot);
      if (row) {
        store.putOpening(row);
        indexer.opening(row.id);
      }
      return;
    }
    case 'course': {
      const row = await repo.upsertCourse(tx, data.course as CourseSnapshot, event.time);
      if (row) store.putCourse(row);
      return;
    }
    case 'batch': {
      const row = await repo.upsertBatch(tx, data.batch as BatchSnapshot, event.time);
      if (row) store.putBatch(row);
      return;
    }
  }
}

/** The consumer registration: one group reading every topic matching keeps a model of. */
export function readModelConsumer(deps: Parameters<typeof applyEvent>[2]): ConsumerOptions {
  return {
    name: 'read-model',
    topics: [TOPICS.worker, TOPICS.employer, TOPICS.opening, TOPICS.training],
    types: READ_MODEL_TYPES,
    handle: (event, tx) => applyEvent(event, tx, deps),
  };
}
