import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';
import type { RequestRecord, RequestFields } from './registration-request.ts';
import type { RequestStatus } from './schemas.ts';

type Row = Record<string, unknown>;

export interface RequestFilter {
  /** Region code prefixes the caller may see; undefined means all. */
  scope?: string[];
  status?: RequestStatus;
  village?: string;
  township?: string;
  afterSeq?: number;
  limit: number;
}

export interface Decision {
  status: 'confirmed' | 'declined';
  decidedBy: string;
  decidedAt: string;
  workerId?: string;
  declineReason?: string;
}

const date = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toRecord(r: Row): RequestRecord {
  return {
    id: r.id as string,
    seq: Number(r.seq),
    status: r.status as RequestStatus,
    homeVillageCode: r.home_village_code as string,
    name: r.name as string,
    fields: r.fields as RequestFields,
    idNumberEnc: r.id_number_enc as string,
    idNumberHash: r.id_number_hash as string,
    idNumberMasked: r.id_number_masked as string,
    phoneEnc: r.phone_enc as string,
    phoneMasked: r.phone_masked as string,
    submissionHash: r.submission_hash as string,
    submittedAt: (r.submitted_at as Date).toISOString(),
    dueDate: date(r.due_date),
    ...(r.decided_at ? { decidedAt: (r.decided_at as Date).toISOString() } : {}),
    ...(r.decided_by ? { decidedBy: r.decided_by as string } : {}),
    ...(r.decline_reason ? { declineReason: r.decline_reason as string } : {}),
    ...(r.worker_id ? { workerId: r.worker_id as string } : {}),
  };
}

/** SQL for the self-registration requests; schema-qualified everywhere. */
@injectable()
export class RegistrationRequestRepository {
  readonly #t: Tables<'registration_requests'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'registration_requests');
  }

  /**
   * Stores a new waiting request, or finds the waiting one with the same submission (a retry):
   * its id, and whether it was new.
   */
  async insert(
    db: Queryable,
    r: Omit<RequestRecord, 'seq' | 'status' | 'decidedAt' | 'decidedBy' | 'declineReason' | 'workerId'>,
  ): Promise<{ id: string; created: boolean }> {
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO ${this.#t.registration_requests} (id, home_village_code, name, fields, id_number_enc, id_number_hash, id_number_masked,
         phone_enc, phone_masked, submission_hash, submitted_at, due_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (submission_hash) WHERE status = 'waiting' DO NOTHING RETURNING id`,
      [
        r.id,
        r.homeVillageCode,
        r.name,
        JSON.stringify(r.fields),
        r.idNumberEnc,
        r.idNumberHash,
        r.idNumberMasked,
        r.phoneEnc,
        r.phoneMasked,
        r.submissionHash,
        r.submittedAt,
        r.dueDate,
      ],
    );
    if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
    const existing = await db.query<{ id: string }>(
      `SELECT id FROM ${this.#t.registration_requests} WHERE submission_hash = $1 AND status = 'waiting'`,
      [r.submissionHash],
    );
    return { id: existing.rows[0]!.id, created: false };
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<RequestRecord | undefined> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.registration_requests} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  async list(db: Queryable, f: RequestFilter): Promise<RequestRecord[]> {
    const where: string[] = [];
    const params = new SqlParams();
    const arg = (v: unknown) => params.add(v);
    if (f.scope) where.push(regionScopeSql('home_village_code', f.scope, params));
    if (f.status) where.push(`status = ${arg(f.status)}`);
    if (f.village) where.push(`home_village_code = ${arg(f.village)}`);
    if (f.township) where.push(`home_village_code LIKE ${arg(`${f.township}%`)}`);
    if (f.afterSeq !== undefined) where.push(`seq > ${arg(f.afterSeq)}`);
    const r = await db.query(
      `SELECT * FROM ${this.#t.registration_requests} ${whereSql(where)} ORDER BY seq LIMIT ${arg(f.limit)}`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  async decide(db: Queryable, id: string, d: Decision): Promise<RequestRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.registration_requests} SET status = $2, decided_by = $3, decided_at = $4, worker_id = $5, decline_reason = $6
       WHERE id = $1 RETURNING *`,
      [id, d.status, d.decidedBy, d.decidedAt, d.workerId ?? null, d.declineReason ?? null],
    );
    return toRecord(r.rows[0] as Row);
  }
}
