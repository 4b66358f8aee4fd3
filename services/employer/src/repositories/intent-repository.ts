import { type Queryable, SqlParams, named, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { IntentRecord } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, actingForSql, iso } from './rows.ts';

function toRecord(r: Row): IntentRecord {
  return {
    id: r.id as string,
    seq: r.seq as number,
    employerId: r.employer_id as string,
    employerName: r.employer_name as string,
    ...(r.employer_owner != null ? { employerOwnerAccountId: r.employer_owner as string } : {}),
    committed: r.committed as number,
    hired: r.hired as number,
    deadline: r.deadline as string,
    openingIds: (r.opening_ids as string[]) ?? [],
    ...(r.note != null ? { note: r.note as string } : {}),
    status: r.status as IntentRecord['status'],
    version: r.version as number,
    createdBy: r.created_by as string,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export interface IntentFilter {
  actingFor?: { employerId?: string; accountId: string };
  employerId?: string;
  status?: string;
  afterSeq?: number;
  limit: number;
}

/** SQL for recruitment intents (招聘意向). */
@injectable()
export class IntentRepository {
  readonly #t: Tables<'recruitment_intents' | 'employers' | 'placements'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'recruitment_intents', 'employers', 'placements');
  }

  #select(where: string, lock = false): string {
    return `SELECT i.*, e.name AS employer_name, e.owner_account_id AS employer_owner FROM ${this.#t.recruitment_intents} i JOIN ${this.#t.employers} e ON e.id = i.employer_id ${where}${lock ? ' FOR UPDATE OF i' : ''}`;
  }

  async insert(
    db: Queryable,
    i: Pick<IntentRecord, 'id' | 'employerId' | 'committed' | 'deadline' | 'openingIds' | 'status' | 'createdBy'> & {
      note?: string;
    },
  ): Promise<IntentRecord> {
    // An employer that is not there is a ForeignKeyViolation (the use case checks it first).
    await named(
      db.query(
        `INSERT INTO ${this.#t.recruitment_intents} (id, employer_id, committed, deadline, opening_ids, note, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [i.id, i.employerId, i.committed, i.deadline, i.openingIds, i.note ?? null, i.status, i.createdBy],
      ),
    );
    return (await this.findById(db, i.id))!;
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<IntentRecord | undefined> {
    const r = await db.query(this.#select('WHERE i.id = $1', forUpdate), [id]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  async update(
    db: Queryable,
    id: string,
    f: Partial<Pick<IntentRecord, 'committed' | 'hired' | 'deadline' | 'openingIds' | 'note' | 'status'>>,
  ): Promise<IntentRecord> {
    const map: Record<string, string> = {
      committed: 'committed',
      hired: 'hired',
      deadline: 'deadline',
      openingIds: 'opening_ids',
      note: 'note',
      status: 'status',
    };
    const entries = Object.entries(f).filter(([k, v]) => map[k] && v !== undefined);
    const sets = entries.map(([k], n) => `${map[k]} = $${n + 2}`);
    await db.query(
      `UPDATE ${this.#t.recruitment_intents} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...entries.map(([, v]) => v)],
    );
    return (await this.findById(db, id))!;
  }

  /**
   * Hires that count towards an intent: active placements in its openings (in any of the
   * employer's openings when it names none) made by its deadline.
   */
  async countHired(
    db: Queryable,
    intent: Pick<IntentRecord, 'employerId' | 'openingIds' | 'deadline'>,
  ): Promise<number> {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#t.placements}
        WHERE status = 'active' AND employer_id = $1
          AND (cardinality($2::uuid[]) = 0 OR opening_id = ANY($2::uuid[]))
          AND (hired_at IS NULL OR (hired_at AT TIME ZONE 'Asia/Shanghai')::date <= $3::date)`,
      [intent.employerId, intent.openingIds, intent.deadline],
    );
    return r.rows[0]?.n ?? 0;
  }

  /** Intents a hire at this opening may count towards, locked for the progress update. */
  async lockAffected(db: Queryable, employerId: string, openingId: string): Promise<IntentRecord[]> {
    const r = await db.query(
      this.#select(
        `WHERE i.employer_id = $1 AND (cardinality(i.opening_ids) = 0 OR $2::uuid = ANY(i.opening_ids)) ORDER BY i.seq`,
        true,
      ),
      [employerId, openingId],
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  /** Active intents whose deadline has passed. */
  async dueForLapse(db: Queryable, today: string, limit: number): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `SELECT id FROM ${this.#t.recruitment_intents} WHERE status = 'active' AND deadline < $1 ORDER BY deadline, seq LIMIT $2`,
      [today, limit],
    );
    return r.rows.map((row) => row.id);
  }

  async list(db: Queryable, f: IntentFilter): Promise<IntentRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.actingFor ? actingForSql(f.actingFor, args, 'e') : undefined,
      f.employerId ? `i.employer_id = ${args.add(f.employerId)}` : undefined,
      f.status ? `i.status = ${args.add(f.status)}` : undefined,
      f.afterSeq !== undefined ? `i.seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(`${this.#select(where)} ORDER BY i.seq LIMIT ${args.add(f.limit)}`, args.values);
    return r.rows.map((row) => toRecord(row as Row));
  }
}
