import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

/**
 * What worker-profile keeps of other services' events: applications per employer and the employer's
 * standing, placements and enrolments per worker.
 */
@injectable()
export class ReadModelRepository {
  readonly #t: Tables<'employer_applications' | 'employer_standing' | Engagements['table']>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'employer_applications', 'employer_standing', PLACEMENTS.table, ENROLLMENTS.table);
  }

  /**
   * Keeps an application's latest status. An event older than the one applied (placement's
   * `updatedAt`, then the pipeline position) changes nothing, so redelivery and reordering are safe.
   */
  async setApplication(
    db: Queryable,
    a: {
      id: string;
      employerId: string;
      workerId: string;
      status: string;
      updatedAt: string;
      progress: number;
      contactVisible: boolean;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.employer_applications}
         (application_id, employer_id, worker_id, status, changed_at, progress, contact_visible)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (application_id) DO UPDATE
         SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at, progress = EXCLUDED.progress,
             contact_visible = EXCLUDED.contact_visible, updated_at = now()
       WHERE (${this.#t.employer_applications}.changed_at, ${this.#t.employer_applications}.progress)
           < (EXCLUDED.changed_at, EXCLUDED.progress)`,
      [a.id, a.employerId, a.workerId, a.status, a.updatedAt, a.progress, a.contactVisible],
    );
  }

  /** The employer's applications from the worker, with whether each gives its contact; empty if none. */
  async employerApplications(
    db: Queryable,
    employerId: string,
    workerId: string,
  ): Promise<{ status: string; contactVisible: boolean }[]> {
    const r = await db.query<{ status: string; contactVisible: boolean }>(
      `SELECT status, contact_visible AS "contactVisible" FROM ${this.#t.employer_applications}
        WHERE employer_id = $1 AND worker_id = $2`,
      [employerId, workerId],
    );
    return r.rows;
  }

  /** Keeps the employer's status from its latest snapshot; an older version changes nothing. */
  async setEmployerStanding(db: Queryable, employerId: string, status: string, version: number): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.employer_standing} (employer_id, status, version) VALUES ($1, $2, $3)
       ON CONFLICT (employer_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
       WHERE ${this.#t.employer_standing}.version < EXCLUDED.version`,
      [employerId, status, version],
    );
  }

  /** Whether the employer is suspended; an employer never heard of is not. */
  async employerSuspended(db: Queryable, employerId: string): Promise<boolean> {
    const r = await db.query<{ status: string }>(
      `SELECT status FROM ${this.#t.employer_standing} WHERE employer_id = $1`,
      [employerId],
    );
    return r.rows[0]?.status === 'suspended';
  }

  /**
   * Sets a placement's status; a terminal status (`separated`) is never overwritten by a late `active`,
   * so a redelivered or reordered hire cannot undo a separation.
   */
  setPlacement(db: Queryable, placementId: string, workerId: string, status: 'active' | 'separated'): Promise<void> {
    return this.#setStatus(db, PLACEMENTS, placementId, workerId, status);
  }

  activePlacements(db: Queryable, workerId: string): Promise<number> {
    return this.#countOpen(db, PLACEMENTS, workerId);
  }

  /** Same rule as placements: once an enrolment ended (dropped, failed, completed) it stays ended. */
  setEnrollment(db: Queryable, enrollmentId: string, workerId: string, status: 'enrolled' | 'ended'): Promise<void> {
    return this.#setStatus(db, ENROLLMENTS, enrollmentId, workerId, status);
  }

  openEnrollments(db: Queryable, workerId: string): Promise<number> {
    return this.#countOpen(db, ENROLLMENTS, workerId);
  }

  /** Only a row still in its table's open status takes a new one: an ended engagement stays ended. */
  async #setStatus(db: Queryable, t: Engagements, id: string, workerId: string, status: string): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t[t.table]} (${t.key}, worker_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (${t.key}) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE ${this.#t[t.table]}.status = '${t.open}'`,
      [id, workerId, status],
    );
  }

  async #countOpen(db: Queryable, t: Engagements, workerId: string): Promise<number> {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#t[t.table]} WHERE worker_id = $1 AND status = '${t.open}'`,
      [workerId],
    );
    return r.rows[0]?.n ?? 0;
  }
}

/** A worker's placements or enrolments as placement and training report them: open until they end. */
interface Engagements {
  table: 'worker_placements' | 'worker_enrollments';
  key: string;
  open: string;
}
const PLACEMENTS: Engagements = { table: 'worker_placements', key: 'placement_id', open: 'active' };
const ENROLLMENTS: Engagements = { table: 'worker_enrollments', key: 'enrollment_id', open: 'enrolled' };
