import { type Queryable, SqlParams, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { CourseRecord } from '../domain/records.ts';
import type { CourseInput } from '../domain/schemas.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, iso, present } from './rows.ts';

const toCourse = (r: Row): CourseRecord =>
  present<CourseRecord>({
    id: r.id,
    seq: Number(r.seq),
    title: r.title,
    description: r.description,
    skills: r.skills,
    certificateName: r.certificate_name,
    provider: r.provider,
    hours: r.hours,
    subsidyPerTrainee: r.subsidy_per_trainee,
    capacity: r.capacity,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  });

export interface CourseFilter {
  skill?: string;
  certificate?: boolean;
  afterSeq?: number;
  limit: number;
}

/** SQL for courses. */
@injectable()
export class CourseRepository {
  readonly #t: Tables<'courses'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'courses');
  }

  async insert(db: Queryable, id: string, createdBy: string, c: CourseInput): Promise<CourseRecord> {
    const r = await db.query(
      `INSERT INTO ${this.#t.courses} (id, title, description, skills, certificate_name, provider, hours, subsidy_per_trainee, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        id,
        c.title,
        c.description ?? null,
        JSON.stringify(c.skills),
        c.certificateName ?? null,
        c.provider,
        c.hours,
        c.subsidyPerTrainee,
        c.capacity,
        createdBy,
      ],
    );
    return toCourse(r.rows[0] as Row);
  }

  async findById(db: Queryable, id: string): Promise<CourseRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.courses} WHERE id = $1`, [id]);
    return r.rows[0] ? toCourse(r.rows[0] as Row) : undefined;
  }

  async list(db: Queryable, f: CourseFilter): Promise<CourseRecord[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (f.skill) where.push(`skills @> ${p.add(JSON.stringify([{ code: f.skill }]))}::jsonb`);
    if (f.certificate !== undefined) where.push(`certificate_name IS ${f.certificate ? 'NOT ' : ''}NULL`);
    if (f.afterSeq !== undefined) where.push(`seq > ${p.add(f.afterSeq)}`);
    const r = await db.query(
      `SELECT * FROM ${this.#t.courses} ${whereSql(where)} ORDER BY seq LIMIT ${p.add(f.limit)}`,
      p.values,
    );
    return r.rows.map((row) => toCourse(row as Row));
  }

  /** Every course: a county has tens of them, so the skill-gap view reads them whole. */
  async all(db: Queryable): Promise<CourseRecord[]> {
    const r = await db.query(`SELECT * FROM ${this.#t.courses} ORDER BY seq`);
    return r.rows.map((row) => toCourse(row as Row));
  }
}
