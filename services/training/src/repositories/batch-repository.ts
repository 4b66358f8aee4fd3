import { type Queryable, named, SqlParams, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { BatchRecord } from '../domain/records.ts';
import type { BatchStatus, Place } from '../domain/schemas.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, day, iso } from './rows.ts';

const toBatch = (r: Row): BatchRecord => ({
  id: r.id as string,
  seq: Number(r.seq),
  courseId: r.course_id as string,
  courseTitle: (r.course_title as string) ?? '',
  startDate: day(r.start_date),
  endDate: day(r.end_date),
  place: { regionCode: r.region_code as string, address: r.address as string },
  capacity: r.capacity as number,
  enrolled: r.enrolled as number,
  status: r.status as BatchStatus,
  createdBy: r.created_by as string,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

export interface BatchFilter {
  courseId?: string;
  courseIds?: string[];
  status?: BatchStatus;
  /** Batches starting on or after this date that still take enrolments. */
  upcomingFrom?: string;
  region?: string;
  afterSeq?: number;
  limit: number;
}

export interface NewBatch {
  courseId: string;
  startDate: string;
  endDate: string;
  place: Place;
  capacity: number;
  status: BatchStatus;
}

/** SQL for batches (期) and their places. */
@injectable()
export class BatchRepository {
  readonly #t: Tables<'batches' | 'courses'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'batches', 'courses');
  }

  /** Inserts; a course that is not there is a ForeignKeyViolation (the use case checks it first). */
  async insert(db: Queryable, id: string, createdBy: string, b: NewBatch): Promise<BatchRecord> {
    await named(
      db.query(
        `INSERT INTO ${this.#t.batches} (id, course_id, start_date, end_date, region_code, address, capacity, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, b.courseId, b.startDate, b.endDate, b.place.regionCode, b.place.address, b.capacity, b.status, createdBy],
      ),
    );
    return (await this.findById(db, id))!;
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<BatchRecord | undefined> {
    const r = await db.query(
      `SELECT b.*, c.title AS course_title FROM ${this.#t.batches} b JOIN ${this.#t.courses} c ON c.id = b.course_id
       WHERE b.id = $1${forUpdate ? ' FOR UPDATE OF b' : ''}`,
      [id],
    );
    return r.rows[0] ? toBatch(r.rows[0] as Row) : undefined;
  }

  /**
   * Takes one place if the batch still takes enrolments and has one left. A single conditional
   * UPDATE: concurrent callers queue on the row lock and each re-checks `enrolled < capacity`
   * against the committed count, so the batch can never be overbooked.
   */
  async takePlace(db: Queryable, id: string, enrollable: readonly BatchStatus[]): Promise<boolean> {
    const r = await db.query(
      `UPDATE ${this.#t.batches} SET enrolled = enrolled + 1, updated_at = now()
       WHERE id = $1 AND enrolled < capacity AND status = ANY($2::text[])`,
      [id, enrollable],
    );
    return r.rowCount === 1;
  }

  async releasePlace(db: Queryable, id: string): Promise<void> {
    await db.query(
      `UPDATE ${this.#t.batches} SET enrolled = enrolled - 1, updated_at = now() WHERE id = $1 AND enrolled > 0`,
      [id],
    );
  }

  async update(db: Queryable, id: string, fields: { status?: BatchStatus; capacity?: number }): Promise<BatchRecord> {
    const p = new SqlParams();
    const sets = ['updated_at = now()'];
    if (fields.status) sets.push(`status = ${p.add(fields.status)}`);
    if (fields.capacity !== undefined) sets.push(`capacity = ${p.add(fields.capacity)}`);
    await db.query(`UPDATE ${this.#t.batches} SET ${sets.join(', ')} WHERE id = ${p.add(id)}`, p.values);
    return (await this.findById(db, id))!;
  }

  async list(db: Queryable, f: BatchFilter): Promise<BatchRecord[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (f.courseId) where.push(`b.course_id = ${p.add(f.courseId)}`);
    if (f.courseIds) where.push(`b.course_id = ANY(${p.add(f.courseIds)}::uuid[])`);
    if (f.status) where.push(`b.status = ${p.add(f.status)}`);
    if (f.upcomingFrom)
      where.push(`b.start_date >= ${p.add(f.upcomingFrom)}::date AND b.status IN ('scheduled', 'open')`);
    if (f.region) where.push(`b.region_code LIKE ${p.add(`${f.region}%`)}`);
    if (f.afterSeq !== undefined) where.push(`b.seq > ${p.add(f.afterSeq)}`);
    const r = await db.query(
      `SELECT b.*, c.title AS course_title FROM ${this.#t.batches} b JOIN ${this.#t.courses} c ON c.id = b.course_id
       ${whereSql(where)} ORDER BY b.seq LIMIT ${p.add(f.limit)}`,
      p.values,
    );
    return r.rows.map((row) => toBatch(row as Row));
  }
}
