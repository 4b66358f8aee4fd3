import type { Queryable } from '@tongxin/db';
import type {
  BatchSnapshot,
  CourseSnapshot,
  EmployerSnapshot,
  OpeningSnapshot,
  WorkerSkill,
  WorkerSnapshot,
} from '../domain/snapshots.ts';

type Versioned = 'workers' | 'employers' | 'openings';

/**
 * The matching read model in PostgreSQL: one row per aggregate with its latest snapshot.
 * Writes keep the newest version: a stale or repeated snapshot changes nothing and returns
 * undefined, so the caller knows not to touch its in-memory copy either.
 */
export class ReadModelRepository {
  constructor(private readonly schema: string) {}

  async #upsert<T extends { id: string; version: number }>(
    db: Queryable,
    table: Versioned,
    snap: T,
  ): Promise<T | undefined> {
    return (await this.#upsertAll(db, table, [snap]))[0];
  }

  /** One statement for many snapshots: of several of one aggregate the newest; returns those stored. */
  async #upsertAll<T extends { id: string; version: number }>(
    db: Queryable,
    table: Versioned,
    snaps: readonly T[],
  ): Promise<T[]> {
    if (snaps.length === 0) return [];
    const r = await db.query<{ doc: T }>(
      `INSERT INTO ${this.schema}.${table} AS t (id, version, doc)
       SELECT DISTINCT ON (d->>'id') d->>'id', (d->>'version')::int, d FROM jsonb_array_elements($1::jsonb) AS d
       ORDER BY d->>'id', (d->>'version')::int DESC
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc, updated_at = now()
       WHERE t.version <= EXCLUDED.version
       RETURNING doc`,
      [JSON.stringify(snaps)],
    );
    return r.rows.map((row) => row.doc);
  }

  upsertWorkers = (db: Queryable, ws: readonly WorkerSnapshot[]) => this.#upsertAll(db, 'workers', ws);
  upsertEmployer = (db: Queryable, e: EmployerSnapshot) => this.#upsert(db, 'employers', e);
  upsertOpening = (db: Queryable, o: OpeningSnapshot) => this.#upsert(db, 'openings', o);

  /** worker.skills-changed carries skills without a version: they replace the worker's list. */
  async replaceWorkerSkills(
    db: Queryable,
    workerId: string,
    skills: WorkerSkill[],
  ): Promise<WorkerSnapshot | undefined> {
    const r = await db.query<{ doc: WorkerSnapshot }>(
      `UPDATE ${this.schema}.workers SET doc = jsonb_set(doc, '{skills}', $2::jsonb), updated_at = now() WHERE id = $1 RETURNING doc`,
      [workerId, JSON.stringify(skills)],
    );
    return r.rows[0]?.doc;
  }

  async upsertCourse(db: Queryable, course: CourseSnapshot, at: string): Promise<CourseSnapshot | undefined> {
    const r = await db.query<{ doc: CourseSnapshot }>(
      `INSERT INTO ${this.schema}.courses AS t (id, doc, event_time) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, event_time = EXCLUDED.event_time WHERE t.event_time <= EXCLUDED.event_time
       RETURNING doc`,
      [course.id, JSON.stringify(course), at],
    );
    return r.rows[0]?.doc;
  }

  async upsertBatch(db: Queryable, batch: BatchSnapshot, at: string): Promise<BatchSnapshot | undefined> {
    const r = await db.query<{ doc: BatchSnapshot }>(
      `INSERT INTO ${this.schema}.batches AS t (id, course_id, doc, event_time) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, event_time = EXCLUDED.event_time WHERE t.event_time <= EXCLUDED.event_time
       RETURNING doc`,
      [batch.id, batch.courseId, JSON.stringify(batch), at],
    );
    return r.rows[0]?.doc;
  }

  /** Every row of a table, in pages, for loading the in-memory copy at start. */
  async *all<T>(db: Queryable, table: Versioned | 'courses' | 'batches', pageSize = 5000): AsyncGenerator<T[]> {
    let after = '';
    for (;;) {
      const r = await db.query<{ id: string; doc: T }>(
        `SELECT id, doc FROM ${this.schema}.${table} WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, pageSize],
      );
      if (r.rows.length === 0) return;
      yield r.rows.map((row) => row.doc);
      after = r.rows[r.rows.length - 1]!.id;
      if (r.rows.length < pageSize) return;
    }
  }
}
