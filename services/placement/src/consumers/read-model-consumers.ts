import type { ServiceRuntime } from '@tongxin/service-platform';
import type { ReadModelRepository } from '../repositories/read-model-repository.ts';

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
    handle: (event, tx) => repo.setWorkerSkills(tx, event.data.workerId, event.data.skills),
    // A registry import's thousands of snapshots: a multi-row statement per run, not one per worker.
    bulk: {
      types: ['worker.registered', 'worker.updated'],
      apply: async (events, tx) => {
        await repo.upsertWorkers(
          tx,
          events.map((e) => e.data.worker),
        );
        // Records follow the worker's current village (officers' scope), as training's enrolments do.
        // Only an update can move one: a worker has applications, hence placements and subsidies, only
        // once placement knows it, so a registration has none to move (three statements fewer a batch
        // while a county registers, issue 16).
        await repo.followWorkerVillages(
          tx,
          events.filter((e) => e.type === 'worker.updated').map((e) => e.data.worker.id),
        );
      },
    },
  });

  await runtime.consume({
    name: 'openings',
    topics: ['tongxin.opening'],
    types: ['opening.published', 'opening.updated', 'opening.paused', 'opening.filled', 'opening.closed'],
    handle: async (event, tx) => repo.upsertOpening(tx, event.data.opening),
  });

  await runtime.consume({
    name: 'employers',
    topics: ['tongxin.employer'],
    types: ['employer.registered', 'employer.updated', 'employer.verified', 'employer.suspended'],
    handle: async (event, tx) => repo.upsertEmployer(tx, event.data.employer),
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
      'ledger.activity-recorded',
      'union.work-group-created',
      'union.membership-joined',
      'union.membership-left',
      'village.qiyou-status-changed',
    ],
    handle: async (event, tx) => {
      switch (event.type) {
        case 'ledger.service-recorded': {
          const { record } = event.data;
          if (isContact(record)) await repo.recordContact(tx, record.workerId, record.date.slice(0, 10));
          return;
        }
        case 'ledger.party-group-created':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.group.regionCode, event.data);
        case 'ledger.party-member-added':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.member.regionCode, event.data);
        case 'ledger.party-contact-linked':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.contact.regionCode, event.data);
        case 'ledger.party-application-recorded':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.application.regionCode, event.data);
        // 六个一 activities share the table too: the dashboard counts them per village and kind.
        case 'ledger.activity-recorded':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.activity.regionCode, event.data);
        // The union's entries share the table of ledger entries; the dashboard counts them by kind.
        case 'union.work-group-created':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.workGroup.villageCodes[0], event.data);
        case 'union.membership-joined':
        case 'union.membership-left':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.membership.regionCode, event.data);
        case 'village.qiyou-status-changed':
          return repo.addPartyEntry(tx, event.id, event.type, event.data.status.villageCode, event.data);
      }
    },
  });

  await runtime.consume({
    name: 'training',
    topics: ['tongxin.training'],
    types: ['enrollment.created', 'enrollment.dropped', 'training.completed', 'training.failed', 'batch.scheduled'],
    handle: async (event, tx) => {
      switch (event.type) {
        case 'batch.scheduled':
          await repo.upsertBatch(tx, event.data.batch);
          return;
        case 'enrollment.created':
        case 'enrollment.dropped': {
          const e = event.data.enrollment;
          await repo.upsertEnrollment(tx, {
            id: e.id,
            workerId: e.workerId,
            batchId: e.batchId,
            courseId: e.courseId,
            status: event.type === 'enrollment.dropped' ? 'dropped' : e.status,
            at: e.at,
          });
          return;
        }
        case 'training.completed':
        case 'training.failed': {
          const d = event.data;
          await repo.upsertEnrollment(tx, {
            id: d.enrollmentId,
            workerId: d.workerId,
            batchId: d.batchId,
            courseId: d.courseId,
            status: event.type === 'training.completed' ? 'completed' : 'failed',
            at: 'completedAt' in d ? d.completedAt : d.at,
          });
        }
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
