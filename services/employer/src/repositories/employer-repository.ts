import { type Queryable, SqlParams, named, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { EmployerRecord } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, actingForSql, iso, pick, tierCondition } from './rows.ts';

const COLUMNS: Record<string, string> = {
  name: 'name',
  creditCode: 'credit_code',
  industry: 'industry',
  regionCode: 'region_code',
  address: 'address',
  contact: 'contact',
  status: 'status',
  ownerAccountId: 'owner_account_id',
  registeredBy: 'registered_by',
  suspensionReason: 'suspension_reason',
};

function toRecord(r: Row): EmployerRecord {
  const rec = pick(r, COLUMNS, {
    id: r.id,
    seq: r.seq,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  });
  const verifiedAt = iso(r.verified_at);
  if (verifiedAt) rec.verifiedAt = verifiedAt;
  return rec as unknown as EmployerRecord;
}

/** The unique constraint on the credit code (migration 0001): one employer per 统一社会信用代码. */
export const CREDIT_CODE_UNIQUE = 'employers_credit_code_key';

const param = (field: string, v: unknown): unknown =>
  field === 'contact' && v != null ? JSON.stringify(v) : (v ?? null);

export interface EmployerFilter {
  /** An employer account sees the companies it acts for only. */
  actingFor?: { employerId?: string; accountId: string };
  status?: string;
  region?: string;
  tier?: { tier: string; homeCounty: string };
  industry?: string;
  afterSeq?: number;
  limit: number;
}

/** SQL for employers; schema-qualified everywhere. */
@injectable()
export class EmployerRepository {
  readonly #t: Tables<'employers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'employers');
  }

  /** Inserts; a credit code already registered is a UniqueViolation of CREDIT_CODE_UNIQUE. */
  async insert(db: Queryable, id: string, fields: Partial<EmployerRecord>): Promise<EmployerRecord> {
    const entries = Object.entries(fields).filter(([k, v]) => COLUMNS[k] && v !== undefined);
    const cols = ['id', ...entries.map(([k]) => COLUMNS[k])];
    const values = [id, ...entries.map(([k, v]) => param(k, v))];
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.employers} (${cols.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        values,
      ),
    );
    return toRecord(r.rows[0] as Row);
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<EmployerRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.employers} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  async findByCreditCode(db: Queryable, creditCode: string): Promise<EmployerRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.employers} WHERE credit_code = $1`, [creditCode]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  async findByOwner(db: Queryable, accountId: string): Promise<EmployerRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.employers} WHERE owner_account_id = $1 ORDER BY seq LIMIT 1`, [
      accountId,
    ]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  /** Updates fields; `verifiedAt: true` stamps the verification time. A taken credit code is a UniqueViolation. */
  async update(
    db: Queryable,
    id: string,
    fields: Partial<EmployerRecord>,
    stampVerified = false,
  ): Promise<EmployerRecord> {
    const entries = Object.entries(fields).filter(([k]) => COLUMNS[k]);
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 2}`);
    if (stampVerified) sets.push('verified_at = now()');
    const r = await named(
      db.query(
        `UPDATE ${this.#t.employers} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
        [id, ...entries.map(([k, v]) => param(k, v))],
      ),
    );
    return toRecord(r.rows[0] as Row);
  }

  async list(db: Queryable, f: EmployerFilter): Promise<EmployerRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.actingFor ? actingForSql(f.actingFor, args) : undefined,
      f.status ? `status = ${args.add(f.status)}` : undefined,
      f.region ? `region_code LIKE ${args.add(`${f.region}%`)}` : undefined,
      f.tier ? tierCondition(args, 'region_code', f.tier.tier, f.tier.homeCounty) : undefined,
      f.industry ? `industry = ${args.add(f.industry)}` : undefined,
      f.afterSeq !== undefined ? `seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT * FROM ${this.#t.employers} ${where} ORDER BY seq LIMIT ${args.add(f.limit)}`,
      args.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }
}
