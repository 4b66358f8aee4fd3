import { type Queryable, named, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { ApplicationStatus } from '../domain/pipeline.ts';
import { TOKENS } from '../tokens.ts';

/** The unique index that keeps one open application per worker and opening (migration 0002). */
export const ONE_OPEN_APPLICATION = 'applications_one_open';

export interface ApplicationRecord {
  id: string;
  seq: number;
  workerId: string;
  openingId: string;
  employerId: string;
  homeVillageCode: string;
  status: ApplicationStatus;
  referredBy?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The interview the employer set (migration 0006); revision 1 for the first, then one more per change. */
  interview?: InterviewRecord;
}

export interface InterviewRecord {
  at: string;
  place: string;
  note?: string;
  revision: number;
  by: string;
  setAt: string;
}

export interface HistoryRecord {
  applicationId: string;
  from?: string;
  to: string;
  by: string;
  byRole: string;
  at: string;
  note?: string;
}

export interface ApplicationFilter {
  scope?: string[];
  employerId?: string;
  workerId?: string;
  openingId?: string;
  status?: string;
  afterSeq?: number;
  limit: number;
}

const toRecord = (r: Record<string, any>): ApplicationRecord => ({
  id: r.id,
  seq: Number(r.seq),
  workerId: r.worker_id,
  openingId: r.opening_id,
  employerId: r.employer_id,
  homeVillageCode: r.home_village_code,
  status: r.status,
  ...(r.referred_by ? { referredBy: r.referred_by } : {}),
  createdBy: r.created_by,
  createdAt: (r.created_at as Date).toISOString(),
  updatedAt: (r.updated_at as Date).toISOString(),
  ...(r.interview_at
    ? {
        interview: {
          at: (r.interview_at as Date).toISOString(),
          place: r.interview_place,
          ...(r.interview_note ? { note: r.interview_note } : {}),
          revision: r.interview_revision,
          by: r.interview_by,
          setAt: (r.interview_set_at as Date).toISOString(),
        },
      }
    : {}),
});

/** Applications and their move history. */
@injectable()
export class ApplicationRepository {
  readonly #t: Tables<'applications' | 'application_history'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'applications', 'application_history');
  }

  /** Inserts; a second open application of the same worker to the same opening is a UniqueViolation of ONE_OPEN_APPLICATION. */
  async insert(
    db: Queryable,
    a: Omit<ApplicationRecord, 'seq' | 'createdAt' | 'updatedAt' | 'status'>,
    at: Date,
  ): Promise<ApplicationRecord> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.applications} (id, worker_id, opening_id, employer_id, home_village_code, status, referred_by, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $8) RETURNING *`,
        [a.id, a.workerId, a.openingId, a.employerId, a.homeVillageCode, a.referredBy ?? null, a.createdBy, at],
      ),
    );
    return toRecord(r.rows[0]);
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<ApplicationRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.applications} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  async setStatus(db: Queryable, id: string, status: ApplicationStatus, at: Date): Promise<ApplicationRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.applications} SET status = $2, updated_at = $3 WHERE id = $1 RETURNING *`,
      [id, status, at],
    );
    return toRecord(r.rows[0]);
  }

  /** Sets (or re-sets) the interview, counting its revision up; returns the application as it is now. */
  async setInterview(
    db: Queryable,
    id: string,
    i: { at: string; place: string; note?: string; by: string },
    now: Date,
  ): Promise<ApplicationRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.applications}
          SET interview_at = $2, interview_place = $3, interview_note = $4, interview_by = $5,
              interview_set_at = $6, interview_revision = interview_revision + 1, updated_at = $6
        WHERE id = $1 RETURNING *`,
      [id, i.at, i.place, i.note ?? null, i.by, now],
    );
    return toRecord(r.rows[0]);
  }

  async addHistory(db: Queryable, h: HistoryRecord): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.application_history} (application_id, from_status, to_status, by_account, by_role, at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [h.applicationId, h.from ?? null, h.to, h.by, h.byRole, h.at, h.note ?? null],
    );
  }

  async historyOf(db: Queryable, ids: string[]): Promise<Map<string, HistoryRecord[]>> {
    const out = new Map<string, HistoryRecord[]>();
    if (ids.length === 0) return out;
    const r = await db.query(
      `SELECT * FROM ${this.#t.application_history} WHERE application_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    for (const row of r.rows) {
      const list = out.get(row.application_id) ?? [];
      list.push({
        applicationId: row.application_id,
        ...(row.from_status ? { from: row.from_status } : {}),
        to: row.to_status,
        by: row.by_account,
        byRole: row.by_role,
        at: (row.at as Date).toISOString(),
        ...(row.note ? { note: row.note } : {}),
      });
      out.set(row.application_id, list);
    }
    return out;
  }

  async list(db: Queryable, f: ApplicationFilter): Promise<ApplicationRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.scope && regionScopeSql('home_village_code', f.scope, args),
      f.employerId ? `employer_id = ${args.add(f.employerId)}` : undefined,
      f.workerId ? `worker_id = ${args.add(f.workerId)}` : undefined,
      f.openingId ? `opening_id = ${args.add(f.openingId)}` : undefined,
      f.status ? `status = ${args.add(f.status)}` : undefined,
      f.afterSeq !== undefined ? `seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT * FROM ${this.#t.applications} ${where} ORDER BY seq LIMIT ${args.add(f.limit)}`,
      args.values,
    );
    return r.rows.map(toRecord);
  }
}
