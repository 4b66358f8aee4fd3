import { type Queryable, SqlParams, named, regionScopeSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { IncomeView } from '../schemas.ts';
import { TOKENS } from '../../tokens.ts';

export type IncomeRecord = IncomeView & { seq: number };
export type NewIncome = Omit<IncomeView, 'recordedAt' | 'supersededAt'>;

type Row = Record<string, unknown>;
const toRecord = (r: Row): IncomeRecord => ({
  id: r.id as string,
  seq: r.seq as number,
  workerId: r.worker_id as string,
  homeVillageCode: r.home_village_code as string,
  ...(r.household_no !== null ? { householdNo: r.household_no as string } : {}),
  month: r.month as string,
  amount: Number(r.amount),
  source: r.source as IncomeView['source'],
  ...(r.employer_name !== null ? { employerName: r.employer_name as string } : {}),
  verified: r.verified as boolean,
  ...(r.note !== null ? { note: r.note as string } : {}),
  ...(r.replaces !== null ? { replaces: r.replaces as string } : {}),
  ...(r.superseded_at !== null ? { supersededAt: (r.superseded_at as Date).toISOString() } : {}),
  recordedBy: r.recorded_by as string,
  recordedAt: (r.recorded_at as Date).toISOString(),
});

const COLS = [
  'id',
  'worker_id',
  'home_village_code',
  'household_no',
  'month',
  'amount',
  'source',
  'employer_name',
  'verified',
  'note',
  'replaces',
  'recorded_by',
];
const TYPES = ['uuid', 'uuid', 'text', 'text', 'text', 'numeric', 'text', 'text', 'boolean', 'text', 'uuid', 'text'];
const values = (i: NewIncome): unknown[] => [
  i.id,
  i.workerId,
  i.homeVillageCode,
  i.householdNo ?? null,
  i.month,
  i.amount,
  i.source,
  i.employerName ?? null,
  i.verified,
  i.note ?? null,
  i.replaces ?? null,
  i.recordedBy,
];

/** One current entry per worker, month and kind (verified or self-reported). */
export const incomeKey = (i: { workerId: string; month: string; verified: boolean }): string =>
  `${i.workerId}|${i.month}|${i.verified ? 'verified' : 'self-reported'}`;

export interface HouseholdRow {
  homeVillageCode: string;
  householdNo?: string;
  workerIds: string[];
  householdSize: number;
  annualIncome: number;
  /** The part of `annualIncome` from verified entries; the rest is self-reported. */
  verifiedIncome: number;
  monthsRecorded: number;
}

/** SQL of the income ledger. */
@injectable()
export class IncomeRepository {
  readonly #t: Tables<'incomes' | 'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'incomes', 'workers');
  }

  /** The current verified, or self-reported, entry of a worker's month. */
  async current(
    db: Queryable,
    workerId: string,
    month: string,
    verified: boolean,
    forUpdate = false,
  ): Promise<IncomeRecord | undefined> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.incomes} WHERE worker_id = $1 AND month = $2 AND verified = $3 AND superseded_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
      [workerId, month, verified],
    );
    return r.rows[0] ? toRecord(r.rows[0] as Row) : undefined;
  }

  /** Current entries for many (worker, month, verified) keys: the import's lookup, keyed by `incomeKey`. */
  async currentMany(
    db: Queryable,
    keys: { workerId: string; month: string; verified: boolean }[],
  ): Promise<Map<string, IncomeRecord>> {
    if (keys.length === 0) return new Map();
    const r = await db.query(
      `SELECT i.* FROM ${this.#t.incomes} i JOIN unnest($1::uuid[], $2::text[], $3::boolean[]) AS k(worker_id, month, verified)
       ON i.worker_id = k.worker_id AND i.month = k.month AND i.verified = k.verified WHERE i.superseded_at IS NULL`,
      [keys.map((k) => k.workerId), keys.map((k) => k.month), keys.map((k) => k.verified)],
    );
    return new Map(
      r.rows.map((row) => {
        const rec = toRecord(row as Row);
        return [incomeKey(rec), rec];
      }),
    );
  }

  /** Current entries of these workers in a year, by worker and month: what a household's total is made of. */
  async currentOfYear(db: Queryable, workerIds: string[], year: number): Promise<IncomeRecord[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(
      `SELECT * FROM ${this.#t.incomes} WHERE worker_id = ANY($1::uuid[]) AND month LIKE $2 AND superseded_at IS NULL
       ORDER BY worker_id, month, verified DESC`,
      [workerIds, `${year}-%`],
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  async supersede(db: Queryable, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.query(`UPDATE ${this.#t.incomes} SET superseded_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async insert(db: Queryable, i: NewIncome): Promise<IncomeRecord> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.incomes} (${COLS.join(', ')}) VALUES (${COLS.map((_, n) => `$${n + 1}`).join(', ')}) RETURNING *`,
        values(i),
      ),
    );
    return toRecord(r.rows[0] as Row);
  }

  async insertMany(db: Queryable, rows: NewIncome[]): Promise<void> {
    if (rows.length === 0) return;
    await named(
      db.query(
        `INSERT INTO ${this.#t.incomes} (${COLS.join(', ')}) SELECT * FROM unnest(${TYPES.map((t, n) => `$${n + 1}::${t}[]`).join(', ')})`,
        COLS.map((_, n) => rows.map((r) => values(r)[n])),
      ),
    );
  }

  async listForWorker(
    db: Queryable,
    workerId: string,
    history: boolean,
    afterSeq: number | undefined,
    limit: number,
  ): Promise<IncomeRecord[]> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.incomes} WHERE worker_id = $1 ${history ? '' : 'AND superseded_at IS NULL'} AND seq > $2 ORDER BY seq LIMIT $3`,
      [workerId, afterSeq ?? 0, limit],
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  /** Current entries of every worker under the prefixes (exports), by worker then month. */
  async listInRegion(db: Queryable, prefixes: string[]): Promise<IncomeRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT * FROM ${this.#t.incomes} WHERE superseded_at IS NULL AND ${regionScopeSql('home_village_code', prefixes, params)}
       ORDER BY home_village_code, worker_id, month`,
      params.values,
    );
    return r.rows.map((row) => toRecord(row as Row));
  }

  /**
   * Households under the prefixes with their members' income for the year. A worker without a
   * household number is a household of one; the size is the largest recorded household size, or
   * else the number of registered members. A worker's month counts its verified entry when there is
   * one, else the self-reported one: never both.
   */
  async households(db: Queryable, prefixes: string[], year: number, householdNo?: string): Promise<HouseholdRow[]> {
    const params = new SqlParams();
    const inScope = regionScopeSql('w.home_village_code', prefixes, params);
    // One household's row only, when asked for: its village's others need not be summed.
    const oneHousehold = householdNo === undefined ? '' : ` AND w.household_no = ${params.add(householdNo)}`;
    const yearMonths = params.add(`${year}-%`);
    const r = await db.query<{
      village: string;
      household_no: string | null;
      ids: string[];
      size: number;
      annual: number;
      verified: number;
      months: number;
    }>(
      `WITH inc AS (
         SELECT DISTINCT ON (worker_id, month) worker_id, month, amount, verified FROM ${this.#t.incomes}
         WHERE superseded_at IS NULL AND month LIKE ${yearMonths} ORDER BY worker_id, month, verified DESC
       )
       SELECT w.home_village_code AS village, w.household_no,
              array_agg(DISTINCT w.id::text) AS ids,
              COALESCE(max(w.household_size), count(DISTINCT w.id))::int AS size,
              COALESCE(sum(inc.amount), 0)::numeric AS annual,
              COALESCE(sum(inc.amount) FILTER (WHERE inc.verified), 0)::numeric AS verified,
              count(DISTINCT inc.month)::int AS months
       FROM ${this.#t.workers} w LEFT JOIN inc ON inc.worker_id = w.id
       WHERE ${inScope}${oneHousehold}
       GROUP BY w.home_village_code, w.household_no, CASE WHEN w.household_no IS NULL THEN w.id END
       ORDER BY w.home_village_code, w.household_no NULLS LAST, min(w.seq)`,
      params.values,
    );
    return r.rows.map((row) => ({
      homeVillageCode: row.village,
      ...(row.household_no !== null ? { householdNo: row.household_no } : {}),
      workerIds: row.ids,
      householdSize: row.size,
      annualIncome: Number(row.annual),
      verifiedIncome: Number(row.verified),
      monthsRecorded: row.months ?? 0,
    }));
  }
}
