import { type Queryable, type Tables, tablesIn } from '@tongxin/db';
import type { BatchSnapshot, EmployerSnapshot, OpeningSnapshot, WorkerSkill, WorkerSnapshot } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface WorkerRow {
  id: string;
  name: string;
  gender: string;
  homeVillageCode: string;
  townshipCode: string;
  householdStatus: string;
  relocated: boolean;
  skills: { code: string; level: number; certificateNo?: string }[];
  employmentStatus: string;
  officerId?: string;
}

export interface OpeningRow {
  id: string;
  employerId: string;
  employerName: string;
  title: string;
  tier: 'in_county' | 'in_province' | 'out_of_province';
  headcount: number;
  wageMin: number;
  wageMax: number;
  status: string;
  reservedForPoor: boolean;
}

const toWorker = (r: Record<string, any>): WorkerRow => ({
  id: r.id,
  name: r.name,
  gender: r.gender,
  homeVillageCode: r.home_village_code,
  townshipCode: r.township_code,
  householdStatus: r.household_status,
  relocated: r.relocated,
  skills: r.skills,
  employmentStatus: r.employment_status,
  ...(r.officer_id ? { officerId: r.officer_id } : {}),
});

const toOpening = (r: Record<string, any>): OpeningRow => ({
  id: r.id,
  employerId: r.employer_id,
  employerName: r.employer_name,
  title: r.title,
  tier: r.tier,
  headcount: r.headcount,
  wageMin: r.wage_min,
  wageMax: r.wage_max,
  status: r.status,
  reservedForPoor: r.reserved_for_poor,
});

/**
 * The read models placement keeps from other services' events. Every upsert ignores a
 * snapshot older than the one stored, so replays and reordering change nothing.
 */
@injectable()
export class ReadModelRepository {
  readonly #t: Tables<
    | 'workers'
    | 'employers'
    | 'openings'
    | 'opening_hires'
    | 'worker_contacts'
    | 'enrollments'
    | 'batches'
    | 'party_entries'
    | 'applications'
    | 'placements'
    | 'subsidies'
  >;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(
      config,
      'workers',
      'employers',
      'openings',
      'opening_hires',
      'worker_contacts',
      'enrollments',
      'batches',
      'party_entries',
      'applications',
      'placements',
      'subsidies',
    );
  }

  /**
   * Stores worker snapshots with one statement: of several of one worker the newest, and none older
   * than the one stored (a replayed or late snapshot changes nothing).
   */
  async upsertWorkers(db: Queryable, ws: readonly WorkerSnapshot[]): Promise<void> {
    if (ws.length === 0) return;
    const rows = ws.map((w) => ({
      id: w.id,
      name: w.name,
      gender: w.gender,
      home_village_code: w.homeVillageCode,
      township_code: w.townshipCode,
      household_status: w.householdStatus,
      relocated: w.relocated,
      skills: w.skills,
      employment_status: w.employmentStatus,
      officer_id: w.officerId ?? null,
      union_member: w.unionMember ?? false,
      version: w.version,
      updated_at: w.updatedAt,
      household_no: w.householdNo ?? null,
    }));
    await db.query(
      `INSERT INTO ${this.#t.workers} (id, name, gender, home_village_code, township_code, household_status, relocated,
         skills, employment_status, officer_id, union_member, version, updated_at, household_no)
       SELECT DISTINCT ON (id) id, name, gender, home_village_code, township_code, household_status, relocated,
         skills, employment_status, officer_id, union_member, version, updated_at, household_no
       FROM jsonb_to_recordset($1::jsonb) AS w(id uuid, name text, gender text, home_village_code text,
         township_code text, household_status text, relocated boolean, skills jsonb, employment_status text,
         officer_id text, union_member boolean, version int, updated_at timestamptz, household_no text)
       ORDER BY id, version DESC
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, gender = EXCLUDED.gender,
         home_village_code = EXCLUDED.home_village_code, township_code = EXCLUDED.township_code,
         household_no = EXCLUDED.household_no,
         household_status = EXCLUDED.household_status, relocated = EXCLUDED.relocated, skills = EXCLUDED.skills,
         employment_status = EXCLUDED.employment_status, officer_id = EXCLUDED.officer_id,
         union_member = EXCLUDED.union_member, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       WHERE ${this.#t.workers}.version < EXCLUDED.version`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Moves the workers' applications, placements and subsidies to each worker's current home village,
   * so that officers' scope follows a worker who moved. Copies from the stored snapshot (newest version
   * wins), so a replayed or late event changes nothing. Applications first, then placements, then
   * subsidies: a hire or follow-up in flight holds its row, and the next statement sees what it wrote.
   */
  async followWorkerVillages(db: Queryable, workerIds: readonly string[]): Promise<void> {
    if (workerIds.length === 0) return;
    for (const table of [this.#t.applications, this.#t.placements, this.#t.subsidies]) {
      await db.query(
        `UPDATE ${table} r SET home_village_code = w.home_village_code FROM ${this.#t.workers} w
         WHERE w.id = ANY($1::uuid[]) AND r.worker_id = w.id AND r.home_village_code <> w.home_village_code`,
        [workerIds],
      );
    }
  }

  /**
   * The worker's current home village, the row held until the transaction ends: a move of the worker
   * then waits for the record written with it, and followWorkerVillage sees that record.
   */
  async lockWorkerVillage(db: Queryable, workerId: string): Promise<string | undefined> {
    const r = await db.query(`SELECT home_village_code FROM ${this.#t.workers} WHERE id = $1 FOR SHARE`, [workerId]);
    return r.rows[0]?.home_village_code as string | undefined;
  }

  async setWorkerSkills(db: Queryable, workerId: string, skills: WorkerSkill[]): Promise<void> {
    await db.query(`UPDATE ${this.#t.workers} SET skills = $2 WHERE id = $1`, [workerId, JSON.stringify(skills)]);
  }

  async findWorker(db: Queryable, id: string): Promise<WorkerRow | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id = $1`, [id]);
    return r.rows[0] ? toWorker(r.rows[0]) : undefined;
  }

  async findWorkers(db: Queryable, ids: string[]): Promise<Map<string, WorkerRow>> {
    if (ids.length === 0) return new Map();
    const r = await db.query(`SELECT * FROM ${this.#t.workers} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(r.rows.map((row) => [row.id as string, toWorker(row)]));
  }

  async upsertEmployer(db: Queryable, e: EmployerSnapshot): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.employers} (id, name, region_code, tier, status, version) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, tier = EXCLUDED.tier,
         status = EXCLUDED.status, version = EXCLUDED.version
       WHERE ${this.#t.employers}.version < EXCLUDED.version`,
      [e.id, e.name, e.regionCode, e.tier, e.status, e.version],
    );
  }

  /** The employers of `ids` that are suspended (an employer placement has not heard of is not). */
  async suspendedEmployers(db: Queryable, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const r = await db.query(
      `SELECT id FROM ${this.#t.employers} WHERE id = ANY($1::uuid[]) AND status = 'suspended'`,
      [ids],
    );
    return new Set(r.rows.map((row) => row.id as string));
  }

  /** Stores the opening and keeps the hire counter's headcount in step with it. */
  async upsertOpening(db: Queryable, o: OpeningSnapshot): Promise<void> {
    const r = await db.query(
      `INSERT INTO ${this.#t.openings} (id, employer_id, employer_name, title, occupation_code, worksite_region_code, tier,
         headcount, wage_min, wage_max, status, reserved_for_poor, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET employer_id = EXCLUDED.employer_id, employer_name = EXCLUDED.employer_name,
         title = EXCLUDED.title, occupation_code = EXCLUDED.occupation_code,
         worksite_region_code = EXCLUDED.worksite_region_code, tier = EXCLUDED.tier, headcount = EXCLUDED.headcount,
         wage_min = EXCLUDED.wage_min, wage_max = EXCLUDED.wage_max, status = EXCLUDED.status,
         reserved_for_poor = EXCLUDED.reserved_for_poor, version = EXCLUDED.version
       WHERE ${this.#t.openings}.version < EXCLUDED.version`,
      [
        o.id,
        o.employerId,
        o.employerName,
        o.title,
        o.occupationCode,
        o.worksiteRegionCode,
        o.tier,
        o.headcount,
        o.wageMin,
        o.wageMax,
        o.status,
        o.reservedForPoor,
        o.version,
      ],
    );
    if (r.rowCount) {
      await db.query(
        `INSERT INTO ${this.#t.opening_hires} (opening_id, headcount) VALUES ($1, $2)
         ON CONFLICT (opening_id) DO UPDATE SET headcount = EXCLUDED.headcount`,
        [o.id, o.headcount],
      );
    }
  }

  async findOpening(db: Queryable, id: string): Promise<OpeningRow | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.openings} WHERE id = $1`, [id]);
    return r.rows[0] ? toOpening(r.rows[0]) : undefined;
  }

  async findOpenings(db: Queryable, ids: string[]): Promise<Map<string, OpeningRow>> {
    if (ids.length === 0) return new Map();
    const r = await db.query(`SELECT * FROM ${this.#t.openings} WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(r.rows.map((row) => [row.id as string, toOpening(row)]));
  }

  /** A service or contact with the worker on `date`; only the latest matters. */
  async recordContact(db: Queryable, workerId: string, date: string): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.worker_contacts} (worker_id, last_contact) VALUES ($1, $2)
       ON CONFLICT (worker_id) DO UPDATE SET last_contact = GREATEST(${this.#t.worker_contacts}.last_contact, EXCLUDED.last_contact)`,
      [workerId, date],
    );
  }

  async upsertEnrollment(
    db: Queryable,
    e: { id: string; workerId: string; batchId: string; courseId: string; status: string; at: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.enrollments} (id, worker_id, batch_id, course_id, status, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at
       WHERE ${this.#t.enrollments}.at <= EXCLUDED.at`,
      [e.id, e.workerId, e.batchId, e.courseId, e.status, e.at],
    );
  }

  async upsertBatch(db: Queryable, b: BatchSnapshot): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.batches} (id, course_id, start_date, capacity) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET course_id = EXCLUDED.course_id, start_date = EXCLUDED.start_date, capacity = EXCLUDED.capacity`,
      [b.id, b.courseId, b.startDate, b.capacity],
    );
  }

  async addPartyEntry(
    db: Queryable,
    eventId: string,
    kind: string,
    regionCode: string | undefined,
    data: unknown,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.party_entries} (event_id, kind, region_code, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [eventId, kind, regionCode ?? null, JSON.stringify(data)],
    );
  }
}
