import type { Queryable } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

/** What worker-profile keeps of other services' events: applicants per employer, placements and enrolments per worker. */
@injectable()
export class ReadModelRepository {
  readonly #s: string;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#s = config.SCHEMA;
  }

  /** Records that the employer has an application from the worker, keeping the furthest stage reached. */
  async raiseEmployerAccess(
    db: Queryable,
    employerId: string,
    workerId: string,
    stage: string,
    rank: number,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#s}.employer_access (employer_id, worker_id, stage, stage_rank) VALUES ($1, $2, $3, $4)
       ON CONFLICT (employer_id, worker_id) DO UPDATE SET stage = EXCLUDED.stage, stage_rank = EXCLUDED.stage_rank, updated_at = now()
       WHERE ${this.#s}.employer_access.stage_rank < EXCLUDED.stage_rank`,
      [employerId, workerId, stage, rank],
    );
  }

  async employerAccess(
    db: Queryable,
    employerId: string,
    workerId: string,
  ): Promise<{ stage: string; rank: number } | undefined> {
    const r = await db.query<{ stage: string; stage_rank: number }>(
      `SELECT stage, stage_rank FROM ${this.#s}.employer_access WHERE employer_id = $1 AND worker_id = $2`,
      [employerId, workerId],
    );
    const row = r.rows[0];
    return row ? { stage: row.stage, rank: row.stage_rank } : undefined;
  }

  /**
   * Sets a placement's status; a terminal status (`separated`) is never overwritten by a late `active`,
   * so a redelivered or reordered hire cannot undo a separation.
   */
  async setPlacement(
    db: Queryable,
    placementId: string,
    workerId: string,
    status: 'active' | 'separated',
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#s}.worker_placements (placement_id, worker_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (placement_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE ${this.#s}.worker_placements.status = 'active'`,
      [placementId, workerId, status],
    );
  }

  async activePlacements(db: Queryable, workerId: string): Promise<number> {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#s}.worker_placements WHERE worker_id = $1 AND status = 'active'`,
      [workerId],
    );
    return r.rows[0]?.n ?? 0;
  }

  /** Same rule as placements: once an enrolment ended (dropped, failed, completed) it stays ended. */
  async setEnrollment(
    db: Queryable,
    enrollmentId: string,
    workerId: string,
    status: 'enrolled' | 'ended',
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#s}.worker_enrollments (enrollment_id, worker_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (enrollment_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE ${this.#s}.worker_enrollments.status = 'enrolled'`,
      [enrollmentId, workerId, status],
    );
  }

  async openEnrollments(db: Queryable, workerId: string): Promise<number> {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#s}.worker_enrollments WHERE worker_id = $1 AND status = 'enrolled'`,
      [workerId],
    );
    return r.rows[0]?.n ?? 0;
  }
}
