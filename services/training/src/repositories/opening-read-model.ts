import type { Queryable } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { OpeningFacts } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';

/** Training's copy of the openings, fed by tongxin.opening: the snapshot, newest version wins. */
@injectable()
export class OpeningReadModel {
  readonly #t: string;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = `${config.SCHEMA}.openings`;
  }

  async upsert(
    db: Queryable,
    o: { id: string; status: string; version: number; updatedAt: string },
    snapshot: unknown,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t} (id, status, snapshot, version, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, snapshot = excluded.snapshot,
         version = excluded.version, updated_at = excluded.updated_at
       WHERE ${this.#t}.version < excluded.version`,
      [o.id, o.status, JSON.stringify(snapshot), o.version, o.updatedAt],
    );
  }

  /** Openings published as `open`; places left are checked by the caller. */
  async open(db: Queryable): Promise<OpeningFacts[]> {
    const r = await db.query<{ snapshot: Record<string, unknown> }>(
      `SELECT snapshot FROM ${this.#t} WHERE status = 'open'`,
    );
    return r.rows.map(({ snapshot: s }) => ({
      id: s.id as string,
      title: (s.title as string) ?? '',
      status: s.status as string,
      tier: s.tier as OpeningFacts['tier'],
      headcount: Number(s.headcount ?? 0),
      filledCount: Number(s.filledCount ?? 0),
      requiredSkills: ((s.requiredSkills as OpeningFacts['requiredSkills']) ?? []).map((k) => ({
        code: k.code,
        minLevel: Number(k.minLevel ?? 1),
        certificateRequired: Boolean(k.certificateRequired),
      })),
    }));
  }
}
