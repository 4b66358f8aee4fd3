import type { CloudEvent } from '@tongxin/events';
import type { ServiceRuntime } from '@tongxin/service-platform';
import type {
  EmployerSnapshot,
  OpeningSnapshot,
  ReadModelRepository,
  WorkerSnapshot,
} from '../repositories/read-model-repository.ts';

type Data = Record<string, any>;

/** Party-ledger entries carry their region under one of these names, one level down. */
function regionOf(data: Data): string | undefined {
  const keys = ['regionCode', 'villageCode', 'homeVillageCode', 'townshipCode'];
  for (const v of [data, ...Object.values(data).filter((x) => x && typeof x === 'object')] as Data[]) {
    for (const k of keys) if (typeof v[k] === 'string') return v[k];
  }
  return undefined;
}

/**
 * Subscribes the read models placement decides with: workers, openings, employers, the service
 * ledger (last contact), training enrolments and the party-building ledger. One consumer group per
 * topic, so a stuck topic holds back only its own read model.
 */
export async function registerReadModelConsumers(runtime: ServiceRuntime, repo: ReadModelRepository): Promise<void> {
  await runtime.consume({
    name: 'workers',
    topics: ['tongxin.worker'],
    types: ['worker.registered', 'worker.updated', 'worker.skills-changed'],
    handle: async (event: CloudEvent, tx) => {
      const data = event.data as Data;
      if (event.type === 'worker.skills-changed') await repo.setWorkerSkills(tx, data.workerId, data.skills ?? []);
      else {
        const worker = data.worker as WorkerSnapshot;
        await repo.upsertWorker(tx, worker);
        // Records follow the worker's current village (officers' scope), as training's enrolments do.
        await repo.followWorkerVillage(tx, worker.id);
      }
    },
  });

  await runtime.consume({
    name: 'openings',
    topics: ['tongxin.opening'],
    types: ['opening.published', 'opening.updated', 'opening.paused', 'opening.filled', 'opening.closed'],
    handle: async (event, tx) => repo.upsertOpening(tx, (event.data as Data).opening as OpeningSnapshot),
  });

  await runtime.consume({
    name: 'employers',
    topics: ['tongxin.employer'],
    types: ['employer.registered', 'employer.updated', 'employer.verified', 'employer.suspended'],
    handle: async (event, tx) => repo.upsertEmployer(tx, (event.data as Data).employer as EmployerSnapshot),
  });

  await runtime.consume({
    name: 'ledger',
    topics: ['tongxin.ledger'],
    types: [
      'ledger.service-recorded',
      'ledger.party-group-created',
      'ledger.party-member-added',
      'ledger.party-contact-linked',
      'ledger.party-application-recorded',
    ],
    handle: async (event, tx) => {
      const data = event.data as Data;
      if (
        event.type === 'ledger.service-recorded' &&
        data.record?.workerId &&
        data.record?.date &&
        isContact(data.record)
      ) {
        await repo.recordContact(tx, data.record.workerId, String(data.record.date).slice(0, 10));
      } else if (event.type.startsWith('ledger.party-')) {
        await repo.addPartyEntry(tx, event.id, event.type, regionOf(data), data);
      }
    },
  });

  await runtime.consume({
    name: 'training',
    topics: ['tongxin.training'],
    types: ['enrollment.created', 'enrollment.dropped', 'training.completed', 'training.failed', 'batch.scheduled'],
    handle: async (event, tx) => {
      const data = event.data as Data;
      switch (event.type) {
        case 'batch.scheduled':
          await repo.upsertBatch(tx, data.batch);
          return;
        case 'enrollment.created':
        case 'enrollment.dropped': {
          const e = data.enrollment;
          await repo.upsertEnrollment(tx, {
            id: e.id,
            workerId: e.workerId,
            batchId: e.batchId,
            courseId: e.courseId,
            status: event.type === 'enrollment.dropped' ? 'dropped' : (e.status ?? 'enrolled'),
            at: e.at ?? event.time,
          });
          return;
        }
        default:
          await repo.upsertEnrollment(tx, {
            id: data.enrollmentId,
            workerId: data.workerId,
            batchId: data.batchId,
            courseId: data.courseId,
            status: event.type === 'training.completed' ? 'completed' : 'failed',
            at: data.completedAt ?? data.at ?? event.time,
          });
      }
    },
  });
}

/**
 * A service record is a contact with the worker unless the system opened it from an event with
 * nobody having reached the worker yet (an unpaid-wage case from a follow-up): the same rule as
 * worker-profile's lastContactAt.
 */
function isContact(record: { source?: string; channel?: string; outcome?: string }): boolean {
  return !(record.source === 'event' && record.channel === 'system' && record.outcome === 'open');
}
