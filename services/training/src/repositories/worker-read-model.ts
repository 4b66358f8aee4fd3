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

  /** Stores the snapshot unless a newer version is already here (events may be redelivered late). */
  async upsert(db: Queryable, w: WorkerFacts): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.workers} (id, name, home_village_code, household_status, relocated, employment_status, skills, tier_preferences, expected_min_wage, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, home_village_code = excluded.home_village_code,
         household_status = excluded.household_status, relocated = excluded.relocated,
         employment_status = excluded.employment_status, skills = excluded.skills,
         tier_preferences = excluded.tier_preferences, expected_min_wage = excluded.expected_min_wage,
         version = excluded.version, updated_at = excluded.updated_at
       WHERE ${this.#t.workers}.version < excluded.version`,
      [
        w.id,
        w.name,
        w.homeVillageCode,
        w.householdStatus,
        w.relocated,
        w.employmentStatus,
        JSON.stringify(w.skills),
        w.tierPreferences,
        w.expectedMinWage ?? null,
        w.version,
        w.updatedAt,
      ],
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
