import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { WorkerFacts, WorkerSkill } from '../domain/records.ts';
import { TOKENS } from '../tokens.ts';
import { type Row, iso, present } from './rows.ts';

const toWorker = (r: Row): WorkerFacts =>
  present<WorkerFacts>({
    id: r.id,
    name: r.name,
    homeVillageCode: r.home_village_code,
    householdStatus: r.household_status,
    relocated: r.relocated,
    employmentStatus: r.employment_status,
    skills: r.skills,
    tierPreferences: r.tier_preferences,
    expectedMinWage: r.expected_min_wage,
    version: r.version,
    updatedAt: iso(r.updated_at),
  });

/** Training's copy of the workers it needs for scope checks and the skill-gap view, fed by tongxin.worker. */
@injectable()
export class WorkerReadModel {
  readonly #t: Tables<'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'workers');
  }

  /**
   * Stores the snapshots with one statement: of several of one worker the newest, and none older than
   * the one already here (events may be redelivered late).
   */
  async upsertAll(db: Queryable, ws: readonly WorkerFacts[]): Promise<void> {
    if (ws.length === 0) return;
    const rows = ws.map((w) => ({
      id: w.id,
      name: w.name,
      home_village_code: w.homeVillageCode,
      household_status: w.householdStatus,
      relocated: w.relocated,
      employment_status: w.employmentStatus,
      skills: w.skills,
      tier_preferences: w.tierPreferences,
      expected_min_wage: w.expectedMinWage ?? null,
      version: w.version,
      updated_at: w.updatedAt,
    }));
    await db.query(
      `INSERT INTO ${this.#t.workers} (id, name, home_village_code, household_status, relocated, employment_status, skills, tier_preferences, expected_min_wage, version, updated_at)
       SELECT DISTINCT ON (id) id, name, home_village_code, household_status, relocated, employment_status, skills,
         tier_preferences, expected_min_wage, version, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS w(id uuid, name text, home_village_code text, household_status text,
         relocated boolean, employment_status text, skills jsonb, tier_preferences text[], expected_min_wage int,
         version int, updated_at timestamptz)
       ORDER BY id, version DESC
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, home_village_code = excluded.home_village_code,
         household_status = excluded.household_status, relocated = excluded.relocated,
         employment_status = excluded.employment_status, skills = excluded.skills,
         tier_preferences = excluded.tier_preferences, expected_min_wage = excluded.expected_min_wage,
         version = excluded.version, updated_at = excluded.updated_at
       WHERE ${this.#t.workers}.version < excluded.version`,
      [JSON.stringify(rows)],
    );
  }

  /** worker.skills-changed carries no version; per-key order on the topic keeps it after the snapshot it follows. */
  async setSkills(db: Queryable, id: string, skills: WorkerSkill[]): Promise<void> {
    await db.query(`UPDATE ${this.#t.workers} SET skills = $2 WHERE id = $1`, [id, JSON.stringify(skills)]);
  }

  async findById(db: Queryable, id: string): Promise<WorkerFacts | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id = $1`, [id]);
    return r.rows[0] ? toWorker(r.rows[0] as Row) : undefined;
  }

  /** Seeking workers, optionally only those whose home village starts with one of `scope` and with `region`. */
  async seeking(db: Queryable, scope: string[] | undefined, region: string | undefined): Promise<WorkerFacts[]> {
    const p = new SqlParams();
    const where = [`employment_status = 'seeking'`];
    if (scope) where.push(regionScopeSql('home_village_code', scope, p));
    if (region) where.push(`home_village_code LIKE ${p.add(`${region}%`)}`);
    const r = await db.query(`SELECT * FROM ${this.#t.workers} ${whereSql(where)}`, p.values);
    return r.rows.map((row) => toWorker(row as Row));
  }
}
