import type pg from 'pg';
import { type Outbox, createEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import type { CourseRecord, EnrollmentRecord } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';

const SOURCE = '/tongxin/training';

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
  constructor(@inject(TOKENS.Outbox) private readonly outbox: Outbox) {}

  created(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.outbox.add(
      tx,
      createEvent({
        type: 'enrollment.created',
        source: SOURCE,
        subject: e.id,
        data: { enrollment: enrollmentSnapshot(e, e.createdAt) },
      }),
    );
  }

  dropped(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.outbox.add(
      tx,
      createEvent({
        type: 'enrollment.dropped',
        source: SOURCE,
        subject: e.id,
        data: { enrollment: enrollmentSnapshot(e, e.droppedAt ?? e.updatedAt) },
      }),
    );
  }

  /** The course's taught skills travel with the event, so worker-profile need not ask for them. */
  completed(tx: pg.ClientBase, e: EnrollmentRecord, course: CourseRecord): Promise<void> {
    return this.outbox.add(
      tx,
      createEvent({
        type: 'training.completed',
        source: SOURCE,
        subject: e.id,
        data: {
          enrollmentId: e.id,
          workerId: e.workerId,
          courseId: e.courseId,
          batchId: e.batchId,
          skills: course.skills.map((s) => ({ code: s.code, level: s.level })),
          ...(e.certificateNo ? { certificateNo: e.certificateNo } : {}),
          ...(course.certificateName && e.certificateNo ? { certificateName: course.certificateName } : {}),
          completedAt: e.completedAt ?? e.updatedAt,
        },
      }),
    );
  }

  failed(tx: pg.ClientBase, e: EnrollmentRecord): Promise<void> {
    return this.outbox.add(
      tx,
      createEvent({
        type: 'training.failed',
        source: SOURCE,
        subject: e.id,
        data: {
          enrollmentId: e.id,
          workerId: e.workerId,
          courseId: e.courseId,
          batchId: e.batchId,
          at: e.completedAt ?? e.updatedAt,
        },
      }),
    );
  }
}
