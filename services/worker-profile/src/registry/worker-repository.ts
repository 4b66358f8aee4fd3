import { type Queryable, SqlParams, named, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { WorkerRecord } from './worker.ts';
import { TOKENS } from '../tokens.ts';

/** The unique index on the ID-number hash: a second registration of one person. */
export const WORKERS_ID_NUMBER_UNIQUE = 'workers_id_number_hash_key';

const COLUMNS: Record<string, string> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  idNumberEnc: 'id_number_enc',
  idNumberHash: 'id_number_hash',
  idNumberMasked: 'id_number_masked',
  phoneEnc: 'phone_enc',
  phoneMasked: 'phone_masked',
  homeVillageCode: 'home_village_code',
  currentRegionCode: 'current_region_code',
  householdNo: 'household_no',
  householdSize: 'household_size',
  householdStatus: 'household_status',
  relocated: 'relocated',
  relocation: 'relocation',
  education: 'education',
  skills: 'skills',
  tierPreferences: 'tier_preferences',
  expectedMinWage: 'expected_min_wage',
  availableFrom: 'available_from',
  employmentStatus: 'employment_status',
  officerId: 'officer_id',
  unionMember: 'union_member',
  consent: 'consent',
  lastContactAt: 'last_contact_at',
};
/** SQL types of the columns, for statements whose parameters Postgres cannot type from a target column. */
const SQL_TYPES: Record<string, string> = {
  birth_date: 'date',
  household_size: 'int',
  relocated: 'boolean',
  relocation: 'jsonb',
  skills: 'jsonb',
  tier_preferences: 'text[]',
  expected_min_wage: 'int',
  available_from: 'date',
  union_member: 'jsonb',
  consent: 'jsonb',
  last_contact_at: 'date',
};
/** Columns an import writes: everything but the ledger-maintained last contact. */
const WRITABLE = Object.entries(COLUMNS).filter(([f]) => f !== 'lastContactAt');
const JSON_FIELDS = new Set(['relocation', 'skills', 'unionMember', 'consent']);

export interface WorkerFilter {
  /** Region code prefixes the caller may see; undefined means all. */
  scope?: string[];
  village?: string;
  township?: string;
  householdStatus?: string;
  relocated?: boolean;
  employmentStatus?: string;
  skill?: string;
  /** A part of the name, matched literally. */
  nameContains?: string;
  idNumberHash?: string;
  afterSeq?: number;
  limit: number;
}

type Row = Record<string, unknown>;

/** A worker to insert: its id, who registers it, and its fields as `registration()` builds them. */
export interface NewWorker {
  id: string;
  createdBy: string;
  fields: Partial<WorkerRecord>;
}

function toRecord(r: Row): WorkerRecord {
  const rec: Record<string, unknown> = {
    id: r.id,
    seq: r.seq,
    version: r.version,
    createdBy: r.created_by,
    createdAt: (r.created_at as Date).toISOString(),
    updatedAt: (r.updated_at as Date).toISOString(),
  };
  for (const [field, column] of Object.entries(COLUMNS)) {
    const v = r[column];
    if (v !== null && v !== undefined) rec[field] = v;
  }
  return rec as unknown as WorkerRecord;
}

const param = (field: string, value: unknown): unknown =>
  JSON_FIELDS.has(field) && value !== undefined && value !== null ? JSON.stringify(value) : value;

/** SQL for the information-registration ledger; schema-qualified everywhere. */
@injectable()
export class WorkerRepository {
  readonly #t: Tables<'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'workers');
  }

  /**
   * Inserts many workers with multi-row VALUES (about 1,000 rows per statement stays far
   * below the 65,535-parameter limit); the import's batch write.
   */
  async insertMany(db: Queryable, rows: NewWorker[], chunk = 1000): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) {
      const { sql, args } = this.#insertSql(rows.slice(i, i + chunk));
      await named(db.query(sql, args));
    }
  }

  /**
   * Inserts the workers whose ID number is not on file yet and returns them as stored; a row whose
   * ID number is (registered before, or earlier in these rows) is left out, for the caller to answer
   * 409. One statement for a group of registrations (ADR 0019).
   */
  async insertNew(db: Queryable, rows: NewWorker[]): Promise<WorkerRecord[]> {
    if (rows.length === 0) return [];
    const { sql, args } = this.#insertSql(rows);
    const r = await named(db.query(`${sql} ON CONFLICT (id_number_hash) DO NOTHING RETURNING *`, args));
    return r.rows.map((row) => toRecord(row as Row));
  }

  #insertSql(rows: NewWorker[]): { sql: string; args: unknown[] } {
    const cols = ['id', 'created_by', ...WRITABLE.map(([, c]) => c)];
    const args: unknown[] = [];
    const tuples = rows.map((r) => {
      const vals = [
        r.id,
        r.createdBy,
        ...WRITABLE.map(([f]) => param(f, (r.fields as Record<string, unknown>)[f] ?? null)),
      ];
      const start = args.length;
      args.push(...vals);
      return `(${vals.map((_, j) => `$${start + j + 1}`).join(', ')})`;
    });
    return { sql: `INSERT INTO ${this.#t.workers} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, args };
  }

  /** Replaces the writable columns of many workers, bumping each version (the import's batch update). */
  async updateMany(db: Queryable, rows: { id: string; fields: Partial<WorkerRecord> }[], chunk = 500): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const args: unknown[] = [];
      const tuples = part.map((r) => {
        const vals = [r.id, ...WRITABLE.map(([f]) => param(f, (r.fields as Record<string, unknown>)[f] ?? null))];
        const start = args.length;
        args.push(...vals);
        return `(${vals.map((_, j) => `$${start + j + 1}::${j === 0 ? 'uuid' : (SQL_TYPES[WRITABLE[j - 1]![1]] ?? 'text')}`).join(', ')})`;
      });
      const names = ['id', ...WRITABLE.map(([, c]) => c)];
      await db.query(
        `UPDATE ${this.#t.workers} AS w SET ${WRITABLE.map(([, c]) => `${c} = v.${c}`).join(', ')}, version = w.version + 1, updated_at = now()
         FROM (VALUES ${tuples.join(', ')}) AS v(${names.join(', ')}) WHERE w.id = v.id`,
        args,
      );
    }
  }

  /** Locks the rows and returns their versions: a batch update then knows nothing moved under it. */
  async lockVersions(db: Queryable, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const r = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM ${this.#t.workers} WHERE id = ANY($1::uuid[]) FOR UPDATE`,
      [ids],
    );
    return new Map(r.rows.map((row) => [row.id, row.version]));
  }

  /** Workers by ID-number hash (the import's natural key). */
  async findByIdNumberHashes(db: Queryable, hashes: string[]): Promise<WorkerRecord[]> {
    if (hashes.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id_number_hash = ANY($1::text[])`, [hashes]);
    return r.rows.map((row) => toRecord(row as Row));
  }

  async findByIds(db: Queryable, ids: string[]): Promise<WorkerRecord[]> {
    if (ids.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id = ANY($1::uuid[])`, [ids]);
    return r.rows.map((row) => toRecord(row as Row));
  }

  /**
   * Moves the date of last contact forward (never back) without touching the version: it is
   * ledger bookkeeping, not a change of the registry record, so it emits no worker.updated.
   */
  async touchLastContact(db: Queryable, workerIds: string[], dates: string[]): Promise<void> {
    if (workerIds.length === 0) return;
    await db.query(
      `UPDATE ${this.#t.workers} AS w SET last_contact_at = GREATEST(w.last_contact_at, v.d)
       FROM (SELECT id, max(d) AS d FROM unnest($1::uuid[], $2::date[]) AS u(id, d) GROUP BY id) AS v WHERE w.id = v.id`,
      [workerIds, dates],
    );
  }

  /** Every worker in the region prefixes, in registration order (exports). */
  async listInRegion(db: Queryable, prefixes: string[]): Promise<WorkerRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT * FROM ${this.#t.workers} WHERE ${regionScopeSql('home_village_code', prefixes, params)} ORDER BY seq`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<WorkerRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  async findIdByIdNumberHash(db: Queryable, hash: string): Promise<string | undefined> {
    const r = await db.query<{ id: string }>(`SELECT id FROM ${this.#t.workers} WHERE id_number_hash = $1`, [hash]);
    return r.rows[0]?.id;
  }

  async update(db: Queryable, id: string, fields: Partial<WorkerRecord>): Promise<WorkerRecord> {
    const entries = Object.entries(fields).filter(([k]) => COLUMNS[k]);
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 2}`);
    const r = await db.query(
      `UPDATE ${this.#t.workers} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
      [id, ...entries.map(([k, v]) => param(k, v ?? null))],
    );
    return toRecord(r.rows[0] as Row);
  }

  async list(db: Queryable, f: WorkerFilter): Promise<WorkerRecord[]> {
    const where: string[] = [];
    const params = new SqlParams();
    const arg = (v: unknown) => params.add(v);
    if (f.scope) where.push(regionScopeSql('home_village_code', f.scope, params));
    if (f.village) where.push(`home_village_code = ${arg(f.village)}`);
    if (f.township) where.push(`home_village_code LIKE ${arg(`${f.township}%`)}`);
    if (f.householdStatus) where.push(`household_status = ${arg(f.householdStatus)}`);
    if (f.relocated !== undefined) where.push(`relocated = ${arg(f.relocated)}`);
    if (f.employmentStatus) where.push(`employment_status = ${arg(f.employmentStatus)}`);
    if (f.skill) where.push(`skills @> ${arg(JSON.stringify([{ code: f.skill }]))}::jsonb`);
    if (f.nameContains) where.push(`strpos(name, ${arg(f.nameContains)}) > 0`);
    if (f.idNumberHash) where.push(`id_number_hash = ${arg(f.idNumberHash)}`);
    if (f.afterSeq !== undefined) where.push(`seq > ${arg(f.afterSeq)}`);
    const r = await db.query(
      `SELECT * FROM ${this.#t.workers} ${whereSql(where)} ORDER BY seq LIMIT ${arg(f.limit)}`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }
}
