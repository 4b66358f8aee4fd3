import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { isKnownRegion } from '@tongxin/regions';
import { type FieldError, badRequest, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import { type BatchRecord, batchSnapshot, courseSnapshot } from '../domain/records.ts';
import type {
  BatchInput,
  BatchListQuery,
  BatchPatch,
  BatchView,
  CourseInput,
  CourseListQuery,
  CourseView,
} from '../domain/schemas.ts';
import { mayManageBatch } from '../domain/batch-scope.ts';
import { BATCH_MOVES, canMoveBatch } from '../domain/transitions.ts';
import { batchOutOfScope, capacityBelowEnrolled, illegalTransition } from '../errors.ts';
import { BatchRepository } from '../repositories/batch-repository.ts';
import { CourseRepository } from '../repositories/course-repository.ts';
import { EnrollmentRepository } from '../repositories/enrollment-repository.ts';
import { TOKENS } from '../tokens.ts';
import { EnrollmentEvents } from './enrollment-events.ts';
import { SkillGapService } from './skill-gap-service.ts';
import { batchView, courseView } from './views.ts';

const failed = (errors: FieldError[]) =>
  badRequest('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);

/** The course catalogue and its batches (期): who may create them, and their status moves. */
@injectable()
export class CourseService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(CourseRepository) private readonly courses: CourseRepository,
    @inject(BatchRepository) private readonly batches: BatchRepository,
    @inject(EnrollmentRepository) private readonly enrollments: EnrollmentRepository,
    @inject(EnrollmentEvents) private readonly events: EnrollmentEvents,
    @inject(SkillGapService) private readonly skillGaps: SkillGapService,
  ) {}

  async createCourse(p: Principal, input: CourseInput): Promise<CourseView> {
    const errors: FieldError[] = [];
    input.skills.forEach((s, i) => {
      if (!this.taxonomy.has(s.code))
        errors.push({ field: `skills/${i}/code`, message: `unknown skill code ${s.code}` });
    });
    if (new Set(input.skills.map((s) => s.code)).size !== input.skills.length) {
      errors.push({ field: 'skills', message: 'each skill code may appear once' });
    }
    if (errors.length) throw failed(errors);
    const course = await this.ctx.transaction(async (tx) => {
      const c = await this.courses.insert(tx, randomUUID(), p.sub, input);
      await this.ctx.emit(tx, 'course.created', c.id, { course: courseSnapshot(c) });
      return c;
    });
    return courseView(course, this.taxonomy);
  }

  async getCourse(id: string): Promise<CourseView> {
    const c = await this.courses.findById(this.ctx.pool, id);
    if (!c) throw notFound('course', id);
    return courseView(c, this.taxonomy);
  }

  async listCourses(q: CourseListQuery): Promise<{ items: CourseView[]; nextCursor?: string }> {
    return pageBySeq(
      q,
      (window) =>
        this.courses.list(this.ctx.pool, {
          ...(q.skill ? { skill: this.taxonomy.resolve(q.skill) ?? q.skill } : {}),
          ...(q.certificate !== undefined ? { certificate: q.certificate } : {}),
          ...window,
        }),
      (c) => courseView(c, this.taxonomy),
    );
  }

  async createBatch(p: Principal, courseId: string, input: BatchInput): Promise<BatchView> {
    const errors: FieldError[] = [];
    if (input.endDate < input.startDate) errors.push({ field: 'endDate', message: 'must not be before startDate' });
    if (!isKnownRegion(input.place.regionCode))
      errors.push({ field: 'place/regionCode', message: 'is not a known region code' });
    if (errors.length) throw failed(errors);
    if (!mayManageBatch(p, input.place.regionCode)) throw batchOutOfScope(input.place.regionCode);
    const batch = await this.ctx.transaction(async (tx) => {
      const course = await this.courses.findById(tx, courseId);
      if (!course) throw notFound('course', courseId);
      const b = await this.batches.insert(tx, randomUUID(), p.sub, {
        courseId,
        startDate: input.startDate,
        endDate: input.endDate,
        place: input.place,
        capacity: input.capacity ?? course.capacity,
        status: input.status ?? 'scheduled',
      });
      await this.ctx.emit(tx, 'batch.scheduled', b.id, { batch: batchSnapshot(b) });
      // The workers whose matches lack what the batch teaches are told of it (issue 15).
      const { workerIds, skills } = await this.skillGaps.recommendedFor(tx, course);
      if (workerIds.length > 0) {
        await this.ctx.emit(tx, 'batch.recommended', b.id, { batchId: b.id, courseId, skills, workerIds });
      }
      return b;
    });
    return batchView(batch);
  }

  async getBatch(id: string): Promise<BatchView> {
    const b = await this.batches.findById(this.ctx.pool, id);
    if (!b) throw notFound('batch', id);
    return batchView(b);
  }

  async listBatches(q: BatchListQuery): Promise<{ items: BatchView[]; nextCursor?: string }> {
    return pageBySeq(
      q,
      (window) =>
        this.batches.list(this.ctx.pool, {
          ...(q.courseId ? { courseId: q.courseId } : {}),
          ...(q.status ? { status: q.status as BatchRecord['status'] } : {}),
          ...(q.upcoming ? { upcomingFrom: this.ctx.calendar.today() } : {}),
          ...(q.region ? { region: q.region } : {}),
          ...window,
        }),
      batchView,
    );
  }

  /**
   * Moves a batch along BATCH_MOVES or changes its capacity. Cancelling drops every open
   * enrolment (each with enrollment.dropped) so that workers are free to enrol elsewhere.
   */
  async updateBatch(p: Principal, id: string, patch: BatchPatch): Promise<BatchView> {
    const batch = await this.ctx.transaction(async (tx) => {
      const current = await this.batches.findById(tx, id, true);
      if (!current) throw notFound('batch', id);
      if (!mayManageBatch(p, current.place.regionCode)) throw batchOutOfScope(current.place.regionCode);
      const to = patch.status;
      if (to && to !== current.status && !canMoveBatch(current.status, to)) {
        throw illegalTransition('batch', current.status, to, BATCH_MOVES[current.status]);
      }
      if (patch.capacity !== undefined && patch.capacity < current.enrolled)
        throw capacityBelowEnrolled(current.enrolled);
      if (
        (to === undefined || to === current.status) &&
        (patch.capacity === undefined || patch.capacity === current.capacity)
      ) {
        return current;
      }
      if (to === 'cancelled') {
        for (const enrollmentId of await this.enrollments.openOfBatch(tx, id)) {
          const dropped = await this.enrollments.update(tx, enrollmentId, {
            status: 'dropped',
            note: 'batch cancelled',
          });
          await this.batches.releasePlace(tx, id);
          await this.events.dropped(tx, dropped);
        }
      }
      const updated = await this.batches.update(tx, id, {
        ...(to ? { status: to } : {}),
        ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      });
      await this.ctx.emit(tx, 'batch.updated', id, { batch: batchSnapshot(updated), by: p.sub });
      return updated;
    });
    return batchView(batch);
  }
}
