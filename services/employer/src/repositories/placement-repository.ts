import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface PlacementRow {
  id: string;
  openingId: string;
  employerId: string;
  status: 'active' | 'separated';
}

/** Hires learned from placement events, so each placement is counted once and uncounted once. */
@injectable()
export class PlacementRepository {
  readonly #t: Tables<'placements'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'placements');
  }

  async lock(db: Queryable, id: string): Promise<PlacementRow | undefined> {
    const r = await db.query(
      `SELECT id, opening_id, employer_id, status FROM ${this.#t.placements} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = r.rows[0] as Record<string, string> | undefined;
    return row
      ? {
          id: row.id!,
          openingId: row.opening_id!,
          employerId: row.employer_id!,
          status: row.status as PlacementRow['status'],
        }
      : undefined;
  }

  /** Inserts the placement unless known; true when this call inserted it. */
  async insert(db: Queryable, p: PlacementRow & { hiredAt?: string; separatedAt?: string }): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.placements} (id, opening_id, employer_id, status, hired_at, separated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [p.id, p.openingId, p.employerId, p.status, p.hiredAt ?? null, p.separatedAt ?? null],
    );
    return r.rowCount === 1;
  }

  async markSeparated(db: Queryable, id: string, separatedAt: string): Promise<void> {
    await db.query(
      `UPDATE ${this.#t.placements} SET status = 'separated', separated_at = $2, updated_at = now() WHERE id = $1`,
      [id, separatedAt],
    );
  }
}
