import { type Queryable, named, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { EnrollmentRecord } from '../domain/records.ts';
import type { EnrollmentStatus } from '../domain/schemas.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, iso, present } from './rows.ts';

const toEnrollment = (r: Row): EnrollmentRecord =>
  present<EnrollmentRecord>({
    id: r.id,
    seq: Number(r.seq),
    batchId: r.batch_id,
    courseId: r.course_id,
    courseTitle: r.course_title,
    workerId: r.worker_id,
    workerName: r.worker_name,
    homeVillageCode: r.home_village_code,
    status: r.status,
    sessionsAttended: r.sessions_attended,
    sessionsTotal: r.sessions_total,
    result: r.result,
    score: r.score,
    certificateNo: r.certificate_no,
    note: r.note,
    enrolledBy: r.enrolled_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    completedAt: iso(r.completed_at),
    droppedAt: iso(r.dropped_at),
  });

export interface NewEnrollment {
  batchId: string;
  courseId: string;
  workerId: string;
  homeVillageCode: string;
  note?: string;
}

/** What an update may change of an enrolment. */
export type EnrollmentFields = Partial<
  Pick<
    EnrollmentRecord,
    'status' | 'sessionsAttended' | 'sessionsTotal' | 'result' | 'score' | 'certificateNo' | 'note'
  >
>;

export interface EnrollmentFilter {
  /**
   * Region prefixes of the caller: enrolments of workers whose current home village they cover, and
   * the rosters of batches in the townships they cover.
   */
  scope?: string[];
  workerId?: string;
  batchId?: string;
  status?: EnrollmentStatus;
  afterSeq?: number;
  limit: number;
}

const COLUMNS: Record<keyof EnrollmentFields, string> = {
  status: 'status',
  sessionsAttended: 'sessions_attended',
  sessionsTotal: 'sessions_total',
  result: 'result',
  score: 'score',
  certificateNo: 'certificate_no',
  note: 'note',
};

/** SQL for enrolments. */
@injectable()
export class EnrollmentRepository {
  readonly #t: Tables<'enrollments' | 'courses' | 'workers' | 'batches'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'enrollments', 'courses', 'workers', 'batches');
  }

  /**
   * Returns undefined when the worker already holds an open enrolment in the batch (unique index);
   * a batch or course that is not there is a ForeignKeyViolation.
   */
  async insert(db: Queryable, id: string, enrolledBy: string, e: NewEnrollment): Promise<EnrollmentRecord | undefined> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.enrollments} (id, batch_id, course_id, worker_id, home_village_code, status, note, enrolled_by)
       VALUES ($1, $2, $3, $4, $5, 'enrolled', $6, $7)
       ON CONFLICT (batch_id, worker_id) WHERE status IN ('enrolled', 'attending') DO NOTHING`,
        [id, e.batchId, e.courseId, e.workerId, e.homeVillageCode, e.note ?? null, enrolledBy],
      ),
    );
    return r.rowCount === 1 ? this.findById(db, id) : undefined;
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<EnrollmentRecord | undefined> {
    const r = await db.query(
      `SELECT e.*, c.title AS course_title, w.name AS worker_name, coalesce(w.home_village_code, e.home_village_code) AS home_village_code
       FROM ${this.#t.enrollments} e JOIN ${this.#t.courses} c ON c.id = e.course_id LEFT JOIN ${this.#t.workers} w ON w.id = e.worker_id
       WHERE e.id = $1${forUpdate ? ' FOR UPDATE OF e' : ''}`,
      [id],
    );
    return r.rows[0] ? toEnrollment(r.rows[0] as Row) : undefined;
  }

  async update(db: Queryable, id: string, fields: EnrollmentFields): Promise<EnrollmentRecord> {
    const p = new SqlParams();
    const sets = ['updated_at = now()'];
    for (const [k, col] of Object.entries(COLUMNS)) {
      const v = fields[k as keyof EnrollmentFields];
      if (v !== undefined) sets.push(`${col} = ${p.add(v)}`);
    }
    if (fields.status === 'completed' || fields.status === 'failed') sets.push('completed_at = now()');
    if (fields.status === 'dropped') sets.push('dropped_at = now()');
    await db.query(`UPDATE ${this.#t.enrollments} SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
    return (await this.findById(db, id))!;
  }

  /** Open enrolments of a batch, locked: a cancelled batch drops them. */
  async openOfBatch(db: Queryable, batchId: string): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `SELECT id FROM ${this.#t.enrollments} WHERE batch_id = $1 AND status IN ('enrolled', 'attending') ORDER BY seq FOR UPDATE`,
      [batchId],
    );
    return r.rows.map((x) => x.id);
  }

  async list(db: Queryable, f: EnrollmentFilter): Promise<EnrollmentRecord[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (f.scope) {
      where.push(
        `(${regionScopeSql('coalesce(w.home_village_code, e.home_village_code)', f.scope, p)}
          OR EXISTS (SELECT 1 FROM ${this.#t.batches} b WHERE b.id = e.batch_id AND length(b.region_code) >= 9
            AND ${regionScopeSql('left(b.region_code, 9)', f.scope, p)}))`,
      );
    }
    if (f.workerId) where.push(`e.worker_id = ${p.add(f.workerId)}`);
    if (f.batchId) where.push(`e.batch_id = ${p.add(f.batchId)}`);
    if (f.status) where.push(`e.status = ${p.add(f.status)}`);
    if (f.afterSeq !== undefined) where.push(`e.seq > ${p.add(f.afterSeq)}`);
    const r = await db.query(
      `SELECT e.*, c.title AS course_title, w.name AS worker_name, coalesce(w.home_village_code, e.home_village_code) AS home_village_code
       FROM ${this.#t.enrollments} e JOIN ${this.#t.courses} c ON c.id = e.course_id LEFT JOIN ${this.#t.workers} w ON w.id = e.worker_id
       ${whereSql(where)} ORDER BY e.seq LIMIT ${p.add(f.limit)}`,
      p.values,
    );
    return r.rows.map((row) => toEnrollment(row as Row));
  }
}
