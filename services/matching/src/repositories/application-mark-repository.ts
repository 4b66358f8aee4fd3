import type { Queryable } from '@tongxin/db';
import type { ApplicationSnapshot } from '@tongxin/events';
import type { ApplicationMark } from '../domain/match-store.ts';

/** Workers' applications as matching marks them (migration 0004), one row per worker and opening. */
export class ApplicationMarkRepository {
  constructor(private readonly schema: string) {}

  /**
   * Records an application as it now is. The newer snapshot (updatedAt, then application id) decides
   * the status, so a redelivered or late event changes nothing; `referred` only ever turns on.
   * Returns the mark as it now stands.
   */
  async record(db: Queryable, a: ApplicationSnapshot): Promise<ApplicationMark> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.applications AS t (worker_id, opening_id, application_id, status, referred, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (worker_id, opening_id) DO UPDATE SET
         referred = t.referred OR EXCLUDED.referred,
         application_id = CASE WHEN (EXCLUDED.updated_at, EXCLUDED.application_id) > (t.updated_at, t.application_id)
           THEN EXCLUDED.application_id ELSE t.application_id END,
         status = CASE WHEN (EXCLUDED.updated_at, EXCLUDED.application_id) > (t.updated_at, t.application_id)
           THEN EXCLUDED.status ELSE t.status END,
         updated_at = GREATEST(t.updated_at, EXCLUDED.updated_at)
       RETURNING status, referred`,
      [a.workerId, a.openingId, a.id, a.status, a.referredBy !== undefined, a.updatedAt],
    );
    return { status: r.rows[0].status as ApplicationMark['status'], referred: r.rows[0].referred as boolean };
  }
}
