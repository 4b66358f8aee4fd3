import type pg from 'pg';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { CourseRecord, EnrollmentRecord } from '../domain/records.ts';

const enrollmentSnapshot = (e: EnrollmentRecord, at: string) => ({
  id: e.id,
  batchId: e.batchId,
  courseId: e.courseId,
  workerId: e.workerId,
  status: e.status,
  at,
});

/** The events of an enrolment's life, written to the outbox in the caller's transaction. */
@injectable()
export class EnrollmentEvents {
  constructor(@inject(ServiceContext) private readonly ctx: ServiceContext) {}

  created(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.ctx.emit(tx, 'enrollment.created', e.id, { enrollment: enrollmentSnapshot(e, e.createdAt) });
  }

  dropped(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.ctx.emit(tx, 'enrollment.dropped', e.id, {
      enrollment: enrollmentSnapshot(e, e.droppedAt ?? e.updatedAt),
    });
  }

  /** The course's taught skills travel with the event, so worker-profile need not ask for them. */
  completed(tx: pg.ClientBase, e: EnrollmentRecord, course: CourseRecord): Promise<void> {
    return this.ctx.emit(tx, 'training.completed', e.id, {
      enrollmentId: e.id,
      workerId: e.workerId,
      courseId: e.courseId,
      batchId: e.batchId,
      skills: course.skills.map((s) => ({ code: s.code, level: s.level })),
      ...(e.certificateNo ? { certificateNo: e.certificateNo } : {}),
      ...(course.certificateName && e.certificateNo ? { certificateName: course.certificateName } : {}),
      completedAt: e.completedAt ?? e.updatedAt,
    });
  }

  failed(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.ctx.emit(tx, 'training.failed', e.id, {
      enrollmentId: e.id,
      workerId: e.workerId,
      courseId: e.courseId,
      batchId: e.batchId,
      at: e.completedAt ?? e.updatedAt,
    });
  }
}
