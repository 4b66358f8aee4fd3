import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import type { OpeningSnapshot } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import type { OpeningFacts } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';

/** Training's copy of the openings, fed by tongxin.opening: the snapshot, newest version wins. */
@injectable()
export class OpeningReadModel {
  readonly #t: Tables<'openings'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'openings');
  }

  async upsert(db: Queryable, o: OpeningSnapshot): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.openings} (id, status, snapshot, version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, snapshot = excluded.snapshot,
         version = excluded.version, updated_at = excluded.updated_at
       WHERE ${this.#t.openings}.version < excluded.version`,
      [o.id, o.status, JSON.stringify(o), o.version, o.updatedAt],
    );
  }

  /** Openings published as `open`; places left are checked by the caller. */
  async open(db: Queryable): Promise<OpeningFacts[]> {
    const r = await db.query<{ snapshot: OpeningSnapshot }>(
      `SELECT snapshot FROM ${this.#t.openings} WHERE status = 'open'`,
    );
    return r.rows.map(({ snapshot: s }) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      tier: s.tier,
      headcount: s.headcount,
      filledCount: s.filledCount,
      requiredSkills: s.requiredSkills,
    }));
  }
}
