import type { Queryable } from '@tongxin/db';
import type { ApplicationMark } from '../domain/match-store.ts';

/** A worker's marks as ranking reads them: "not interested" (oldest first) and their applications. */
export interface WorkerMarks {
  notInterested: string[];
  applications: [openingId: string, mark: ApplicationMark][];
}

/** Workers' "not interested" marks (migration 0003), read with their application marks (migration 0004). */
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

  /** Every worker's marks of both kinds, by worker, in one statement: read once at start into the in-memory copy. */
  async allMarks(db: Queryable): Promise<Map<string, WorkerMarks>> {
    const r = await db.query(
      `SELECT worker_id, opening_id, NULL AS status, NULL::boolean AS referred, at FROM ${this.schema}.not_interested
       UNION ALL
       SELECT worker_id, opening_id, status, referred, NULL FROM ${this.schema}.applications
       ORDER BY at, opening_id`,
    );
    const byWorker = new Map<string, WorkerMarks>();
    for (const row of r.rows) {
      let marks = byWorker.get(row.worker_id as string);
      if (!marks) byWorker.set(row.worker_id as string, (marks = { notInterested: [], applications: [] }));
      if (row.status === null) marks.notInterested.push(row.opening_id as string);
      else
        marks.applications.push([
          row.opening_id as string,
          { status: row.status as ApplicationMark['status'], referred: row.referred as boolean },
        ]);
    }
    return byWorker;
  }
}
