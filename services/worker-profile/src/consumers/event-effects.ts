import type { PoolClient } from '@tongxin/db';
import type {
  ApplicationSnapshot,
  PlacementFollowedUpData,
  PlacementSnapshot,
  TongxinEvent,
  TrainingCompletedData,
} from '@tongxin/events';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { FastifyBaseLogger } from 'fastify';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { PROGRESS, contactVisibleBefore } from '../registry/applicant-access.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import { ReadModelRepository } from '../registry/read-model-repository.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { TOKENS } from '../tokens.ts';
import type { ServiceKind } from '../ledgers/schemas.ts';
import { ServiceLedger } from '../ledgers/services/service-ledger.ts';
import { WorkerChanges, mergeTrainedSkills } from '../registry/worker-changes.ts';

/** The event types worker-profile consumes. */
export type ConsumedType = (typeof CONSUMED)[keyof typeof CONSUMED][number];

/** What worker-profile does when training, placement and employer report something about a worker or an employer. */
@injectable()
export class EventEffects {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.Logger) private readonly log: FastifyBaseLogger,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(ReadModelRepository) private readonly readModels: ReadModelRepository,
    @inject(WorkerChanges) private readonly changes: WorkerChanges,
    @inject(ServiceLedger) private readonly services: ServiceLedger,
  ) {}

  async handle(event: TongxinEvent<ConsumedType>, tx: PoolClient): Promise<void> {
    switch (event.type) {
      case 'training.completed':
        return this.trainingCompleted(tx, event.data);
      case 'training.failed':
        return this.enrollmentEnded(tx, event.data.enrollmentId, event.data.workerId);
      case 'enrollment.created':
        return this.enrollmentCreated(tx, event.data.enrollment.id, event.data.enrollment.workerId);
      case 'enrollment.dropped':
        return this.enrollmentEnded(tx, event.data.enrollment.id, event.data.enrollment.workerId);
      case 'placement.hired':
        return this.placementChanged(tx, event.data.placement, 'active');
      case 'placement.separated':
        return this.placementChanged(tx, event.data.placement, 'separated');
      case 'placement.followed-up':
        return this.followedUp(tx, event.data);
      case 'application.submitted':
      case 'application.status-changed':
        return this.application(tx, event.data.application);
      case 'employer.verified':
      case 'employer.suspended': {
        const e = event.data.employer;
        return this.readModels.setEmployerStanding(tx, e.id, e.status, e.version);
      }
    }
  }

  private async worker(tx: PoolClient, id: string, type: string): Promise<WorkerRecord | undefined> {
    const w = await this.workers.findById(tx, id, true);
    // Workers are never deleted, so this is another service's bad data: skip rather than block the partition.
    if (!w) this.log.warn({ workerId: id, type }, 'event about an unknown worker ignored');
    return w;
  }

  private async trainingCompleted(tx: PoolClient, e: TrainingCompletedData): Promise<void> {
    await this.readModels.setEnrollment(tx, e.enrollmentId, e.workerId, 'ended');
    let w = await this.worker(tx, e.workerId, 'training.completed');
    if (!w) return;
    const known = e.skills.filter((s) => this.taxonomy.has(s.code));
    if (known.length < e.skills.length)
      this.log.warn({ skills: e.skills }, 'training.completed names skills outside the taxonomy');
    const fields: Partial<WorkerRecord> = { skills: mergeTrainedSkills(w.skills, known, e.certificateNo) };
    if (w.employmentStatus === 'in_training' && (await this.readModels.openEnrollments(tx, w.id)) === 0)
      fields.employmentStatus = 'seeking';
    w = await this.changes.apply(tx, w, fields, 'training');
    const note = [`结业 (course ${e.courseId}, batch ${e.batchId})`, e.certificateName, e.certificateNo]
      .filter(Boolean)
      .join(' · ');
    await this.recordFromEvent(tx, w, { service: 'training', at: e.completedAt, note, outcome: 'completed' }, 'system');
  }

  private async enrollmentCreated(tx: PoolClient, enrollmentId: string, workerId: string): Promise<void> {
    await this.readModels.setEnrollment(tx, enrollmentId, workerId, 'enrolled');
    const w = await this.worker(tx, workerId, 'enrollment.created');
    if (!w || w.employmentStatus !== 'seeking') return;
    if ((await this.readModels.openEnrollments(tx, workerId)) > 0)
      await this.changes.apply(tx, w, { employmentStatus: 'in_training' });
  }

  private async enrollmentEnded(tx: PoolClient, enrollmentId: string, workerId: string): Promise<void> {
    await this.readModels.setEnrollment(tx, enrollmentId, workerId, 'ended');
    const w = await this.worker(tx, workerId, 'enrollment ended');
    if (!w || w.employmentStatus !== 'in_training') return;
    if ((await this.readModels.openEnrollments(tx, workerId)) === 0)
      await this.changes.apply(tx, w, { employmentStatus: 'seeking' });
  }

  /** Status follows the set of placements, so a late event of an old placement cannot override a newer hire. */
  private async placementChanged(tx: PoolClient, p: PlacementSnapshot, status: 'active' | 'separated'): Promise<void> {
    await this.readModels.setPlacement(tx, p.id, p.workerId, status);
    const w = await this.worker(tx, p.workerId, `placement ${status}`);
    if (!w) return;
    if ((await this.readModels.activePlacements(tx, w.id)) > 0) {
      await this.changes.apply(tx, w, { employmentStatus: 'employed' });
    } else if (w.employmentStatus === 'employed') {
      const training = (await this.readModels.openEnrollments(tx, w.id)) > 0;
      await this.changes.apply(tx, w, { employmentStatus: training ? 'in_training' : 'seeking' });
    }
  }

  private async followedUp(tx: PoolClient, f: PlacementFollowedUpData): Promise<void> {
    if (f.wagesPaidOnTime) return;
    const w = await this.worker(tx, f.workerId, 'placement.followed-up');
    if (!w) return;
    const note = [
      `${f.day}-day follow-up: wages not paid on time (placement ${f.placementId}, employer ${f.employerId})`,
      f.note,
    ]
      .filter(Boolean)
      .join(' — ');
    await this.recordFromEvent(tx, w, { service: 'rights', at: f.at, note, outcome: 'open' }, f.by);
  }

  /** A service record an event opens: nobody typed it, so the worker's officer (or `system`) holds it. */
  private async recordFromEvent(
    tx: PoolClient,
    w: WorkerRecord,
    r: { service: ServiceKind; at: string; note: string; outcome: string },
    recordedBy: string,
  ): Promise<void> {
    await this.services.recordInTx(
      tx,
      w,
      {
        service: r.service,
        date: this.ctx.calendar.dateOf(r.at),
        officerId: w.officerId ?? 'system',
        channel: 'system',
        note: r.note,
        outcome: r.outcome,
        source: 'event',
      },
      recordedBy,
    );
  }

  /** Each application is kept on its own: the employer's access follows the set (see `contactStage`). */
  private async application(tx: PoolClient, a: ApplicationSnapshot): Promise<void> {
    await this.readModels.setApplication(tx, {
      ...a,
      progress: PROGRESS[a.status] ?? 0,
      contactVisible: a.contactVisible ?? contactVisibleBefore(a.status),
    });
  }
}

/** Event types worker-profile consumes, by topic. */
export const CONSUMED = {
  'tongxin.training': ['training.completed', 'training.failed', 'enrollment.created', 'enrollment.dropped'],
  'tongxin.placement': [
    'placement.hired',
    'placement.separated',
    'placement.followed-up',
    'application.submitted',
    'application.status-changed',
  ],
  'tongxin.employer': ['employer.verified', 'employer.suspended'],
} as const;
