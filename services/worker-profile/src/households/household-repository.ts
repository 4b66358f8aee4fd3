import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { HouseholdIncomeInput, HouseholdIncomeView } from './schemas.ts';
import type { HouseholdRecord } from './household.ts';
import { TOKENS } from '../tokens.ts';

type Row = Record<string, any>;

function toRecord(r: Row): HouseholdRecord {
  return {
    id: r.id,
    seq: Number(r.seq),
    householdNo: r.household_no,
    homeVillageCode: r.home_village_code,
    status: r.status,
    ...(r.left_poverty_year !== null ? { leftPovertyYear: r.left_poverty_year } : {}),
    relocated: r.relocated,
    ...(r.relocation ? { relocation: r.relocation } : {}),
    otherMembers: r.other_members,
    version: r.version,
    createdAt: (r.created_at as Date).toISOString(),
    updatedAt: (r.updated_at as Date).toISOString(),
  };
}

export interface HouseholdMemberRow {
  id: string;
  name: string;
  gender: string;
  homeVillageCode: string;
  householdNo: string;
  employmentStatus: string;
  lastContactAt?: string;
}

export interface HouseholdFilter {
  scope?: string[];
  region?: string;
  status?: string;
  relocated?: boolean;
  householdNo?: string;
  afterSeq?: number;
  limit: number;
}

/** SQL of households, their income lines and their members (workers by household number). */
@injectable()
export class HouseholdRepository {
  readonly #t: Tables<'households' | 'workers' | 'household_incomes'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'households', 'workers', 'household_incomes');
  }

  async findByNumbers(db: Queryable, numbers: string[], forUpdate = false): Promise<HouseholdRecord[]> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.households} WHERE household_no = ANY($1::text[]) ORDER BY household_no ${forUpdate ? 'FOR UPDATE' : ''}`,
      [numbers],
    );
    return r.rows.map(toRecord);
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<HouseholdRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.households} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [
      id,
    ]);
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  /** Creates the household unless its number exists (or is being created by a concurrent writer): true when created. */
  async insertIfAbsent(
    db: Queryable,
    h: Omit<HouseholdRecord, 'seq' | 'version' | 'createdAt' | 'updatedAt'>,
  ): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.households} (id, household_no, home_village_code, status, relocated, relocation, other_members)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (household_no) DO NOTHING RETURNING id`,
      [
        h.id,
        h.householdNo,
        h.homeVillageCode,
        h.status,
        h.relocated,
        h.relocation ? JSON.stringify(h.relocation) : null,
        h.otherMembers,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async update(db: Queryable, h: HouseholdRecord): Promise<HouseholdRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.households} SET home_village_code = $2, status = $3, left_poverty_year = $4, relocated = $5,
         relocation = $6, other_members = $7, version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [
        h.id,
        h.homeVillageCode,
        h.status,
        h.leftPovertyYear ?? null,
        h.relocated,
        h.relocation ? JSON.stringify(h.relocation) : null,
        h.otherMembers,
      ],
    );
    return toRecord(r.rows[0]);
  }

  async list(db: Queryable, f: HouseholdFilter): Promise<HouseholdRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.scope && regionScopeSql('home_village_code', f.scope, args),
      f.region ? `home_village_code LIKE ${args.add(`${f.region}%`)}` : undefined,
      f.status ? `status = ${args.add(f.status)}` : undefined,
      f.relocated !== undefined ? `relocated = ${args.add(f.relocated)}` : undefined,
      f.householdNo ? `household_no = ${args.add(f.householdNo)}` : undefined,
      f.afterSeq !== undefined ? `seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT * FROM ${this.#t.households} ${where} ORDER BY seq LIMIT ${args.add(f.limit)}`,
      args.values,
    );
    return r.rows.map(toRecord);
  }

  /** The workers of these households, by household number, oldest registration first. */
  async members(db: Queryable, numbers: string[]): Promise<Map<string, HouseholdMemberRow[]>> {
    const r = await db.query(
      `SELECT id, name, gender, home_village_code, household_no, employment_status, last_contact_at::text AS last_contact
       FROM ${this.#t.workers} WHERE household_no = ANY($1::text[]) ORDER BY seq`,
      [numbers],
    );
    const out = new Map<string, HouseholdMemberRow[]>();
    for (const row of r.rows as Row[]) {
      const list = out.get(row.household_no) ?? [];
      list.push({
        id: row.id,
        name: row.name,
        gender: row.gender,
        homeVillageCode: row.home_village_code,
        householdNo: row.household_no,
        employmentStatus: row.employment_status,
        ...(row.last_contact ? { lastContactAt: row.last_contact } : {}),
      });
      out.set(row.household_no, list);
    }
    return out;
  }

  async addIncome(
    db: Queryable,
    id: string,
    householdId: string,
    recordedBy: string,
    i: HouseholdIncomeInput,
  ): Promise<HouseholdIncomeView> {
    const r = await db.query(
      `INSERT INTO ${this.#t.household_incomes} (id, household_id, year, source, amount, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [id, householdId, i.year, i.source, i.amount, i.note ?? null, recordedBy],
    );
    return incomeView(r.rows[0]);
  }

  async incomes(db: Queryable, householdId: string, year: number): Promise<HouseholdIncomeView[]> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.household_incomes} WHERE household_id = $1 AND year = $2 ORDER BY seq`,
      [householdId, year],
    );
    return r.rows.map(incomeView);
  }
}

const incomeView = (r: Row): HouseholdIncomeView => ({
  id: r.id,
  year: r.year,
  source: r.source,
  amount: Number(r.amount),
  ...(r.note !== null ? { note: r.note } : {}),
  recordedBy: r.recorded_by,
  createdAt: (r.created_at as Date).toISOString(),
});
