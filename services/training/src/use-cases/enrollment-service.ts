import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import {
  type FieldError,
  badRequest,
  forbidden,
  invalidField,
  notFound,
  ServiceContext,
  pageBySeq,
} from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { mayManageBatch } from '../domain/batch-scope.ts';
import type { EnrollmentRecord, WorkerFacts } from '../domain/records.ts';
import type { EnrollmentInput, EnrollmentListQuery, EnrollmentPatch, EnrollmentView } from '../domain/schemas.ts';
import { ENROLLABLE, ENROLLMENT_MOVES, canMoveEnrollment } from '../domain/transitions.ts';
import {
  alreadyEnrolled,
  batchFull,
  batchOutOfScope,
  batchNotEnrolling,
  batchNotUpcoming,
  illegalTransition,
  workerUnknown,
} from '../errors.ts';
import { BatchRepository } from '../repositories/batch-repository.ts';
import { CourseRepository } from '../repositories/course-repository.ts';
import { type EnrollmentFields, EnrollmentRepository } from '../repositories/enrollment-repository.ts';
import { WorkerReadModel } from '../repositories/worker-read-model.ts';
import { EnrollmentEvents } from './enrollment-events.ts';
import { enrollmentView } from './views.ts';

/** Enrolment: scope checks, places under concurrency, the status machine and its events. */
@injectable()
export class EnrollmentService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(CourseRepository) private readonly courses: CourseRepository,
    @inject(BatchRepository) private readonly batches: BatchRepository,
    @inject(EnrollmentRepository) private readonly enrollments: EnrollmentRepository,
    @inject(WorkerReadModel) private readonly workers: WorkerReadModel,
    @inject(EnrollmentEvents) private readonly events: EnrollmentEvents,
  ) {}

  /**
   * Officers enrol workers of their villages, administrators anyone, a worker themself into a
   * batch that has not started. The place is taken by a conditional UPDATE on the batch row
   * in the same transaction as the enrolment, so concurrent enrolments never overbook.
   */
  async enrol(p: Principal, batchId: string, input: EnrollmentInput): Promise<EnrollmentView> {
    if (p.role === 'employer') throw forbidden('employers do not enrol workers');
    const workerId = input.workerId ?? (p.role === 'worker' ? p.workerId : undefined);
    if (!workerId) throw invalidField('workerId', 'is required');
    if (p.role === 'worker' && workerId !== p.workerId) throw forbidden('workers enrol only themselves');
    const worker = await this.visibleWorker(p, workerId);

    const record = await this.ctx.transaction(async (tx) => {
      const batch = await this.batches.findById(tx, batchId);
      if (!batch) throw notFound('batch', batchId);
      if (!ENROLLABLE.includes(batch.status)) throw batchNotEnrolling(batch.status);
      if (p.role === 'worker' && batch.startDate <= this.ctx.calendar.today()) throw batchNotUpcoming();
      const open = await this.enrollments.list(tx, { batchId, workerId, limit: 10 });
      if (open.some((e) => e.status === 'enrolled' || e.status === 'attending')) throw alreadyEnrolled(workerId);
      if (!(await this.batches.takePlace(tx, batchId, ENROLLABLE))) {
        // Re-read under the lock the UPDATE just waited for: full, or moved on meanwhile.
        const now = await this.batches.findById(tx, batchId);
        if (now && !ENROLLABLE.includes(now.status)) throw batchNotEnrolling(now.status);
        throw batchFull(batchId, now?.capacity ?? batch.capacity);
      }
      const created = await this.enrollments.insert(tx, randomUUID(), p.sub, {
        batchId,
        courseId: batch.courseId,
        workerId,
        homeVillageCode: worker.homeVillageCode,
        ...(input.note ? { note: input.note } : {}),
      });
      // A concurrent enrolment of the same worker won the unique index: roll the place back.
      if (!created) throw alreadyEnrolled(workerId);
      await this.events.created(tx, created);
      return created;
    });
    return enrollmentView(record);
  }

  async get(p: Principal, id: string): Promise<EnrollmentView> {
    const e = await this.enrollments.findById(this.ctx.pool, id);
    if (!e || !(await this.canSee(this.ctx.pool, p, e))) throw notFound('enrollment', id);
    return enrollmentView(e);
  }

  async list(p: Principal, q: EnrollmentListQuery): Promise<{ items: EnrollmentView[]; nextCursor?: string }> {
    if (p.role === 'employer') throw forbidden('employers do not see enrolments');
    if (p.role === 'worker' && q.workerId && q.workerId !== p.workerId)
      throw forbidden('workers see only their own enrolments');
    return pageBySeq(
      q,
      (window) =>
        this.enrollments.list(this.ctx.pool, {
          ...(p.role === 'officer' ? { scope: p.regions ?? [] } : {}),
          ...(p.role === 'worker'
            ? { workerId: p.workerId ?? '00000000-0000-0000-0000-000000000000' }
            : q.workerId
              ? { workerId: q.workerId }
              : {}),
          ...(q.batchId ? { batchId: q.batchId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...window,
        }),
      enrollmentView,
    );
  }

  /**
   * Officers of the batch's township and administrators move an enrolment and record attendance,
   * result and certificate; the worker and the worker's own officer may only drop it. Completing emits training.completed
   * with the course's skills and, when the course issues one, the certificate (then required).
   */
  async update(p: Principal, id: string, patch: EnrollmentPatch): Promise<EnrollmentView> {
    if (p.role === 'employer') throw forbidden('employers do not manage enrolments');
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.enrollments.findById(tx, id, true);
      if (!current || !(await this.canSee(tx, p, current))) throw notFound('enrollment', id);
      const onlyDrop = patch.status === 'dropped' && Object.keys(patch).every((k) => k === 'status' || k === 'note');
      if (p.role === 'worker' && !onlyDrop) throw forbidden('a worker may only drop their own enrolment');
      // The batch's township runs its roster; the worker's own officer may still take the worker out.
      if (p.role === 'officer' && !onlyDrop) {
        const place = (await this.batches.findById(tx, current.batchId))?.place.regionCode ?? '';
        if (!mayManageBatch(p, place)) throw batchOutOfScope(place);
      }
      const course = (await this.courses.findById(tx, current.courseId))!;
      const to = patch.status && patch.status !== current.status ? patch.status : undefined;
      if (to && !canMoveEnrollment(current.status, to)) {
        throw illegalTransition('enrolment', current.status, to, ENROLLMENT_MOVES[current.status]);
      }
      const finalStatus = to ?? current.status;
      if (!to && (current.status === 'completed' || current.status === 'failed' || current.status === 'dropped')) {
        throw illegalTransition('enrolment', current.status, current.status, []);
      }
      const errors: FieldError[] = [];
      const attended = patch.attendance;
      if (attended && attended.sessionsAttended > attended.sessionsTotal) {
        errors.push({ field: 'attendance/sessionsAttended', message: 'cannot exceed sessionsTotal' });
      }
      if (patch.certificateNo !== undefined && !course.certificateName) {
        errors.push({ field: 'certificateNo', message: 'this course issues no certificate' });
      }
      if (patch.certificateNo !== undefined && finalStatus !== 'completed') {
        errors.push({ field: 'certificateNo', message: 'is recorded when the enrolment is completed' });
      }
      if (to === 'completed' && course.certificateName && !patch.certificateNo && !current.certificateNo) {
        errors.push({ field: 'certificateNo', message: `is required: the course issues ${course.certificateName}` });
      }
      if (errors.length)
        throw badRequest('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

      const fields: EnrollmentFields = {
        ...(to ? { status: to } : {}),
        ...(attended ? { sessionsAttended: attended.sessionsAttended, sessionsTotal: attended.sessionsTotal } : {}),
        ...(patch.result !== undefined ? { result: patch.result } : {}),
        ...(patch.score !== undefined ? { score: patch.score } : {}),
        ...(patch.certificateNo !== undefined ? { certificateNo: patch.certificateNo } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
      };
      const updated = await this.enrollments.update(tx, id, fields);
      if (to === 'dropped') {
        await this.batches.releasePlace(tx, current.batchId);
        await this.events.dropped(tx, updated);
      } else if (to === 'completed') {
        await this.events.completed(tx, updated, course);
      } else if (to === 'failed') {
        await this.events.failed(tx, updated);
      }
      return updated;
    });
    return enrollmentView(record);
  }

  /** The worker as training knows it, if the caller may act for them; one answer for unknown and out of scope. */
  private async visibleWorker(p: Principal, workerId: string): Promise<WorkerFacts> {
    const w = await this.workers.findById(this.ctx.pool, workerId);
    if (!w) throw workerUnknown(workerId);
    if (p.role === 'worker' ? p.workerId !== w.id : !inRegionScope(p, w.homeVillageCode)) throw workerUnknown(workerId);
    return w;
  }

  /** The worker, officers of the worker's current village or of the batch's township, administrators. */
  private async canSee(db: Queryable, p: Principal, e: EnrollmentRecord): Promise<boolean> {
    if (p.role === 'worker') return p.workerId === e.workerId;
    if (p.role === 'employer') return false;
    if (inRegionScope(p, e.homeVillageCode)) return true;
    const batch = await this.batches.findById(db, e.batchId);
    return Boolean(batch && mayManageBatch(p, batch.place.regionCode));
  }
}
