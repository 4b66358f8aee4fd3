import type { Queryable } from '@tongxin/db';
import type { SavedSearchFilters } from '../domain/saved-search.ts';

export interface SavedSearchRecord {
  id: string;
  workerId: string;
  name: string;
  query: string;
  filters: SavedSearchFilters;
  createdAt: string;
}

const toRecord = (r: Record<string, any>): SavedSearchRecord => ({
  id: r.id,
  workerId: r.worker_id,
  name: r.name,
  query: r.query,
  filters: r.filters,
  createdAt: (r.created_at as Date).toISOString(),
});

/** Workers' saved searches, the openings each was told of, and the guard of opening alerts (migration 0002). */
export class SavedSearchRepository {
  constructor(private readonly schema: string) {}

  async insert(db: Queryable, s: Omit<SavedSearchRecord, 'createdAt'>, at: Date): Promise<SavedSearchRecord> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.saved_searches (id, worker_id, name, query, filters, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [s.id, s.workerId, s.name, s.query, JSON.stringify(s.filters), at],
    );
    return toRecord(r.rows[0]);
  }

  async ofWorker(db: Queryable, workerId: string): Promise<SavedSearchRecord[]> {
    const r = await db.query(
      `SELECT * FROM ${this.schema}.saved_searches WHERE worker_id = $1 ORDER BY created_at, id`,
      [workerId],
    );
    return r.rows.map(toRecord);
  }

  /** The worker's saved search with exactly this query and these filters, if any. */
  async findSame(db: Queryable, workerId: string, query: string, filters: SavedSearchFilters) {
    const r = await db.query(
      `SELECT * FROM ${this.schema}.saved_searches WHERE worker_id = $1 AND query = $2 AND filters = $3::jsonb`,
      [workerId, query, JSON.stringify(filters)],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  async countOf(db: Queryable, workerId: string): Promise<number> {
    const r = await db.query(`SELECT count(*)::int AS n FROM ${this.schema}.saved_searches WHERE worker_id = $1`, [
      workerId,
    ]);
    return r.rows[0].n as number;
  }

  /** Deletes the worker's own saved search; false when it is not theirs or does not exist. */
  async delete(db: Queryable, id: string, workerId: string): Promise<boolean> {
    const r = await db.query(`DELETE FROM ${this.schema}.saved_searches WHERE id = $1 AND worker_id = $2`, [
      id,
      workerId,
    ]);
    return r.rowCount === 1;
  }

  /** Every saved search, in pages (the check of a newly published opening reads them all). */
  async *all(db: Queryable, page = 2000): AsyncGenerator<SavedSearchRecord[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const r = await db.query(`SELECT * FROM ${this.schema}.saved_searches WHERE id > $1 ORDER BY id LIMIT $2`, [
        after,
        page,
      ]);
      if (r.rows.length === 0) return;
      yield r.rows.map(toRecord);
      if (r.rows.length < page) return;
      after = r.rows[r.rows.length - 1].id;
    }
  }

  /** Records that saved searches were told of an opening; answers those not told before. */
  async claimHits(db: Queryable, ids: string[], openingId: string, at: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const r = await db.query(
      `INSERT INTO ${this.schema}.saved_search_hits (saved_search_id, opening_id, at)
       SELECT unnest($1::uuid[]), $2, $3 ON CONFLICT DO NOTHING RETURNING saved_search_id`,
      [ids, openingId, at],
    );
    return new Set(r.rows.map((row) => row.saved_search_id as string));
  }

  /** Claims the opening's one opening.matched; false when it was announced already. */
  async claimOpeningAlert(db: Queryable, openingId: string, at: Date): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.schema}.opening_alerts (opening_id, matched, alerted_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
      [openingId, at],
    );
    return r.rowCount === 1;
  }

  async setAlertCount(db: Queryable, openingId: string, matched: number): Promise<void> {
    await db.query(`UPDATE ${this.schema}.opening_alerts SET matched = $2 WHERE opening_id = $1`, [openingId, matched]);
  }
}
