import { type Queryable, SqlParams, named, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { OpeningRecord } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, actingForSql, iso, pick } from './rows.ts';

const COLUMNS: Record<string, string> = {
  employerId: 'employer_id',
  title: 'title',
  occupationCode: 'occupation_code',
  requiredSkills: 'required_skills',
  description: 'description',
  worksiteRegionCode: 'worksite_region_code',
  tier: 'tier',
  headcount: 'headcount',
  filledCount: 'filled_count',
  wageMin: 'wage_min',
  wageMax: 'wage_max',
  benefits: 'benefits',
  hours: 'hours',
  contractType: 'contract_type',
  contractMonths: 'contract_months',
  startDate: 'start_date',
  closingDate: 'closing_date',
  status: 'status',
  reservedForPoor: 'reserved_for_poor',
  pausedBySuspension: 'paused_by_suspension',
  createdBy: 'created_by',
};
const JSON_FIELDS = new Set(['requiredSkills', 'benefits']);

function toRecord(r: Row): OpeningRecord {
  const rec = pick(r, COLUMNS, {
    id: r.id,
    seq: r.seq,
    version: r.version,
    employerName: r.employer_name,
    employerStatus: r.employer_status,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  });
  if (r.employer_owner != null) rec.employerOwnerAccountId = r.employer_owner;
  const publishedAt = iso(r.published_at);
  if (publishedAt) rec.publishedAt = publishedAt;
  return rec as unknown as OpeningRecord;
}

const param = (field: string, v: unknown): unknown =>
  JSON_FIELDS.has(field) && v != null ? JSON.stringify(v) : (v ?? null);

export interface OpeningFilter {
  /** Employer ids or owner account an employer account acts for. */
  actingFor?: { employerId?: string; accountId: string };
  /** Workers and anonymous callers: open openings of verified employers only. */
  publicOnly?: boolean;
  employerId?: string;
  tier?: string;
  occupationCode?: string;
  status?: string;
  region?: string;
  reservedForPoor?: boolean;
  afterSeq?: number;
  limit: number;
}

/** SQL for openings; reads join the employer's name and status, which every snapshot carries. */
@injectable()
export class OpeningRepository {
  readonly #t: Tables<'openings' | 'employers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'openings', 'employers');
  }

  #select(where: string, lock = false): string {
    return `SELECT o.*, e.name AS employer_name, e.status AS employer_status, e.owner_account_id AS employer_owner
      FROM ${this.#t.openings} o JOIN ${this.#t.employers} e ON e.id = o.employer_id ${where}${lock ? ' FOR UPDATE OF o' : ''}`;
  }

  /** Inserts; an employer that is not there is a ForeignKeyViolation (the use case checks it first). */
  async insert(db: Queryable, id: string, fields: Partial<OpeningRecord>, publish: boolean): Promise<OpeningRecord> {
    const entries = Object.entries(fields).filter(([k, v]) => COLUMNS[k] && v !== undefined);
    const cols = ['id', ...entries.map(([k]) => COLUMNS[k]), 'published_at'];
    const values = [id, ...entries.map(([k, v]) => param(k, v))];
    await named(
      db.query(
        `INSERT INTO ${this.#t.openings} (${cols.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, ${publish ? 'now()' : 'NULL'})`,
        values,
      ),
    );
    return (await this.findById(db, id))!;
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<OpeningRecord | undefined> {
    const r = await db.query(this.#select('WHERE o.id = $1', forUpdate), [id]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  /** Every opening of an employer in the given statuses, locked for a status change. */
  async lockByEmployer(db: Queryable, employerId: string, statuses: string[]): Promise<OpeningRecord[]> {
    const r = await db.query(
      this.#select('WHERE o.employer_id = $1 AND o.status = ANY($2::text[]) ORDER BY o.seq', true),
      [employerId, statuses],
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  /** Ids of openings whose closing date has passed and that are still live, oldest first. */
  async dueForClosing(db: Queryable, today: string, limit: number): Promise<string[]> {
    const r = await db.query<{ id: string }>(
      `SELECT id FROM ${this.#t.openings} WHERE status IN ('open', 'paused', 'filled') AND closing_date < $1 ORDER BY closing_date, seq LIMIT $2`,
      [today, limit],
    );
    return r.rows.map((row) => row.id);
  }

  /** Updates fields; the first move to `open` stamps the publication time. */
  async update(db: Queryable, id: string, fields: Partial<OpeningRecord>): Promise<OpeningRecord> {
    const entries = Object.entries(fields).filter(([k]) => COLUMNS[k] && k !== 'employerId' && k !== 'createdBy');
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 2}`);
    if (fields.status === 'open') sets.push('published_at = coalesce(published_at, now())');
    await db.query(
      `UPDATE ${this.#t.openings} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...entries.map(([k, v]) => param(k, v))],
    );
    return (await this.findById(db, id))!;
  }

  async list(db: Queryable, f: OpeningFilter): Promise<OpeningRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.actingFor ? actingForSql(f.actingFor, args, 'e') : undefined,
      f.publicOnly ? `o.status = 'open' AND e.status = 'verified'` : undefined,
      f.employerId ? `o.employer_id = ${args.add(f.employerId)}` : undefined,
      f.tier ? `o.tier = ${args.add(f.tier)}` : undefined,
      f.occupationCode ? `o.occupation_code = ${args.add(f.occupationCode)}` : undefined,
      f.status ? `o.status = ${args.add(f.status)}` : undefined,
      f.region ? `o.worksite_region_code LIKE ${args.add(`${f.region}%`)}` : undefined,
      f.reservedForPoor !== undefined ? `o.reserved_for_poor = ${args.add(f.reservedForPoor)}` : undefined,
      f.afterSeq !== undefined ? `o.seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(`${this.#select(where)} ORDER BY o.seq LIMIT ${args.add(f.limit)}`, args.values);
    return r.rows.map((row) => toRecord(row as Row));
  }
}
