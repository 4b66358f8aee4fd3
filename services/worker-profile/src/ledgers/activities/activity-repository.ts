import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { ActivityView } from '../schemas.ts';
import { TOKENS } from '../../tokens.ts';

export type ActivityRecord = ActivityView & { seq: number };

type Row = Record<string, unknown>;
const toRecord = (r: Row): ActivityRecord => ({
  id: r.id as string,
  seq: r.seq as number,
  kind: r.kind as ActivityView['kind'],
  regionCode: r.region_code as string,
  date: r.date as string,
  officerId: r.officer_id as string,
  ...(r.title !== null ? { title: r.title as string } : {}),
  ...(r.note !== null ? { note: r.note as string } : {}),
  ...(r.participants !== null ? { participants: r.participants as number } : {}),
  createdAt: (r.created_at as Date).toISOString(),
});

/** SQL of the programme activities (六个一). */
@injectable()
export class ActivityRepository {
  readonly #t: Tables<'activities'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'activities');
  }

  async insert(db: Queryable, a: Omit<ActivityView, 'createdAt'>): Promise<ActivityRecord> {
    const r = await db.query(
      `INSERT INTO ${this.#t.activities} (id, kind, region_code, date, officer_id, title, note, participants)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [a.id, a.kind, a.regionCode, a.date, a.officerId, a.title ?? null, a.note ?? null, a.participants ?? null],
    );
    return toRecord(r.rows[0] as Row);
  }

  /** Every activity of these regions and the places below them, oldest first: for exports. */
  async listInRegion(db: Queryable, prefixes: string[]): Promise<ActivityRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT * FROM ${this.#t.activities} WHERE ${regionScopeSql('region_code', prefixes, params)} ORDER BY date, seq`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  /** The activities held for exactly these regions: an import's existing entries. */
  async forRegions(db: Queryable, regions: string[]): Promise<ActivityRecord[]> {
    if (regions.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.activities} WHERE region_code = ANY ($1::text[])`, [regions]);
    return r.rows.map((row) => toRecord(row as Row));
  }

  async update(
    db: Queryable,
    id: string,
    fields: { note: string | undefined; participants: number | undefined },
  ): Promise<ActivityRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.activities} SET note = $2, participants = $3 WHERE id = $1 RETURNING *`,
      [id, fields.note ?? null, fields.participants ?? null],
    );
    return toRecord(r.rows[0] as Row);
  }

  async list(
    db: Queryable,
    f: {
      scope?: string[];
      regionPrefix?: string;
      kind?: string;
      officerId?: string;
      /** The cursor: the seq of the last row of the previous page, in the order asked for. */
      afterSeq?: number;
      newestFirst?: boolean;
      limit: number;
    },
  ): Promise<ActivityRecord[]> {
    const where: string[] = [];
    const params = new SqlParams();
    const arg = (v: unknown) => params.add(v);
    if (f.scope) where.push(regionScopeSql('region_code', f.scope, params));
    if (f.regionPrefix) where.push(`region_code LIKE ${arg(`${f.regionPrefix}%`)}`);
    if (f.kind) where.push(`kind = ${arg(f.kind)}`);
    if (f.officerId) where.push(`officer_id = ${arg(f.officerId)}`);
    if (f.afterSeq !== undefined) where.push(`seq ${f.newestFirst ? '<' : '>'} ${arg(f.afterSeq)}`);
    const r = await db.query(
      `SELECT * FROM ${this.#t.activities} ${whereSql(where)}
       ORDER BY seq ${f.newestFirst ? 'DESC' : 'ASC'} LIMIT ${arg(f.limit)}`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }
}
