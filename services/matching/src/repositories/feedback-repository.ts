import type { Queryable } from '@tongxin/db';

/** Workers' "not interested" marks (migration 0003). */
export class FeedbackRepository {
  constructor(private readonly schema: string) {}

  /** Marks once; marking again (a retry) changes nothing, not even the time. */
  async add(db: Queryable, workerId: string, openingId: string, at: Date): Promise<void> {
    await db.query(
      `INSERT INTO ${this.schema}.not_interested (worker_id, opening_id, at) VALUES ($1, $2, $3)
       ON CONFLICT (worker_id, opening_id) DO NOTHING`,
      [workerId, openingId, at],
    );
  }

  async remove(db: Queryable, workerId: string, openingId: string): Promise<void> {
    await db.query(`DELETE FROM ${this.schema}.not_interested WHERE worker_id = $1 AND opening_id = $2`, [
      workerId,
      openingId,
    ]);
  }

  async ofWorker(db: Queryable, workerId: string): Promise<string[]> {
    const r = await db.query(
      `SELECT opening_id FROM ${this.schema}.not_interested WHERE worker_id = $1 ORDER BY at, opening_id`,
      [workerId],
    );
    return r.rows.map((row) => row.opening_id as string);
  }
}
