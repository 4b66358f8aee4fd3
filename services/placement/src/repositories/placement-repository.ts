import {
  type Queryable,
  type QueryResultRow,
  countedLimit,
  countedRows,
  named,
  SqlParams,
  regionScopeSql,
  whereSql,
  type Tables,
  tablesIn,
} from '@tongxin/db';
import type { PlacementSnapshot } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

/** A placement as its events describe it, with what only placement keeps. */
export interface PlacementRecord extends PlacementSnapshot {
  seq: number;
  hiredBy: string;
  separatedAt?: string;
  separationReason?: string;
}

export interface FollowUpRecord {
  placementId: string;
  day: number;
  stillEmployed: boolean;
  wagesPaidOnTime: boolean;
  note?: string;
  at: string;
  by: string;
}

/** Which owed follow-ups: `due` ones up to `horizonDays` ahead of `today`, or those past their grace period. */
export interface FollowUpWindow {
  state: 'due' | 'overdue';
  today: string;
  graceDays: number;
  horizonDays: number;
}

/** A follow-up owed: placement, worker, village, day (30/90/180) and its due date. */
export interface OwedFollowUp {
  placementId: string;
  workerId: string;
  homeVillageCode: string;
  day: number;
  dueDate: string;
  workerName?: string;
}

/** A placement whose latest follow-up reported unpaid wages. */
export interface RightsCase {
  placementId: string;
  workerId: string;
  homeVillageCode: string;
  day: number;
  reportedAt: string;
  workerName?: string;
}

export interface PlacementFilter {
  scope?: string[];
  workerId?: string;
  employerId?: string;
  officer?: string;
  status?: string;
  tier?: string;
  /** Placements with a follow-up in this state on `today`. */
  followUp?: { state: 'due' | 'overdue'; today: string; graceDays: number };
  afterSeq?: number;
  limit: number;
}

const COLUMNS = `*, start_date::text AS start_text, separated_at::text AS separated_text`;

const toRecord = (r: Record<string, any>): PlacementRecord => ({
  id: r.id,
  seq: Number(r.seq),
  applicationId: r.application_id,
  workerId: r.worker_id,
  openingId: r.opening_id,
  employerId: r.employer_id,
  homeVillageCode: r.home_village_code,
  startDate: r.start_text,
  agreedWage: r.agreed_wage,
  tier: r.tier,
  status: r.status,
  hiredBy: r.hired_by,
  hiredAt: (r.hired_at as Date).toISOString(),
  ...(r.separated_text ? { separatedAt: r.separated_text } : {}),
  ...(r.separation_reason ? { separationReason: r.separation_reason } : {}),
});

/** Placements (hires), their follow-ups, and the per-opening hire counter. */
@injectable()
export class PlacementRepository {
  readonly #t: Tables<'opening_hires' | 'placements' | 'follow_ups' | 'workers' | 'follow_up_due_notices'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'opening_hires', 'placements', 'follow_ups', 'workers', 'follow_up_due_notices');
  }

  /**
   * Takes one place of the opening if one is left. The conditional UPDATE locks the counter row:
   * a concurrent hire waits for this transaction and then re-checks `hired < headcount`.
   */
  async claimPlace(db: Queryable, openingId: string): Promise<boolean> {
    const r = await db.query(
      `UPDATE ${this.#t.opening_hires} SET hired = hired + 1 WHERE opening_id = $1 AND hired < headcount RETURNING hired`,
      [openingId],
    );
    return r.rowCount === 1;
  }

  /** A separation frees the place again (the employer reopens a filled opening on the same event). */
  async releasePlace(db: Queryable, openingId: string): Promise<void> {
    await db.query(`UPDATE ${this.#t.opening_hires} SET hired = GREATEST(hired - 1, 0) WHERE opening_id = $1`, [
      openingId,
    ]);
  }

  async hireCount(db: Queryable, openingId: string): Promise<{ headcount: number; hired: number } | undefined> {
    const r = await db.query(`SELECT headcount, hired FROM ${this.#t.opening_hires} WHERE opening_id = $1`, [
      openingId,
    ]);
    return r.rows[0] as { headcount: number; hired: number } | undefined;
  }

  /** Inserts; a second placement of one application is a UniqueViolation of `placements_application_id_key`. */
  async insert(
    db: Queryable,
    p: Omit<PlacementRecord, 'seq' | 'status' | 'hiredAt'>,
    at: Date,
  ): Promise<PlacementRecord> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.placements} (id, application_id, worker_id, opening_id, employer_id, home_village_code,
         start_date, agreed_wage, tier, hired_by, hired_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          p.id,
          p.applicationId,
          p.workerId,
          p.openingId,
          p.employerId,
          p.homeVillageCode,
          p.startDate,
          p.agreedWage,
          p.tier,
          p.hiredBy,
          at,
        ],
      ),
    );
    return toRecord(r.rows[0]);
  }

  async findById(db: Queryable, id: string, forUpdate = false): Promise<PlacementRecord | undefined> {
    const r = await db.query(
      `SELECT ${COLUMNS} FROM ${this.#t.placements} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return r.rows[0] ? toRecord(r.rows[0]) : undefined;
  }

  async idsByApplication(db: Queryable, applicationIds: string[]): Promise<Map<string, string>> {
    if (applicationIds.length === 0) return new Map();
    const r = await db.query(
      `SELECT id, application_id FROM ${this.#t.placements} WHERE application_id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(r.rows.map((row) => [row.application_id as string, row.id as string]));
  }

  async separate(db: Queryable, id: string, date: string, reason: string): Promise<PlacementRecord> {
    const r = await db.query(
      `UPDATE ${this.#t.placements} SET status = 'separated', separated_at = $2, separation_reason = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, date, reason],
    );
    return toRecord(r.rows[0]);
  }

  /** Records a follow-up; false when that day's follow-up was already recorded. */
  async insertFollowUp(db: Queryable, f: FollowUpRecord): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.follow_ups} (placement_id, day, still_employed, wages_paid_on_time, note, at, by_account)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [f.placementId, f.day, f.stillEmployed, f.wagesPaidOnTime, f.note ?? null, f.at, f.by],
    );
    return r.rowCount === 1;
  }

  async followUpsOf(db: Queryable, placementIds: string[]): Promise<Map<string, FollowUpRecord[]>> {
    const out = new Map<string, FollowUpRecord[]>();
    if (placementIds.length === 0) return out;
    const r = await db.query(`SELECT * FROM ${this.#t.follow_ups} WHERE placement_id = ANY($1::uuid[]) ORDER BY day`, [
      placementIds,
    ]);
    for (const row of r.rows) {
      const list = out.get(row.placement_id) ?? [];
      list.push({
        placementId: row.placement_id,
        day: row.day,
        stillEmployed: row.still_employed,
        wagesPaidOnTime: row.wages_paid_on_time,
        ...(row.note ? { note: row.note } : {}),
        at: (row.at as Date).toISOString(),
        by: row.by_account,
      });
      out.set(row.placement_id, list);
    }
    return out;
  }

  /**
   * The follow-ups owed in `scope` on `today`, one row per placement and day (`d.day`), soonest due
   * first: `due` from `horizonDays` before their date until the grace period ends, `overdue` after.
   * `total` counts them all, whatever `limit` lists.
   */
  async followUpsOwed(
    db: Queryable,
    o: FollowUpWindow & { scope?: string[]; limit: number },
  ): Promise<{ total: number; rows: OwedFollowUp[] }> {
    const args = new SqlParams();
    const where = whereSql([this.#owed(o, args), o.scope && regionScopeSql('p.home_village_code', o.scope, args)]);
    const r = await db.query(
      `SELECT p.id, p.worker_id, p.home_village_code, d.day, (p.start_date + d.day)::text AS due_date, w.name,
         count(*) OVER () AS total
       FROM ${this.#t.placements} p CROSS JOIN unnest(ARRAY[30, 90, 180]) AS d(day)
       LEFT JOIN ${this.#t.workers} w ON w.id = p.worker_id
       ${where} ORDER BY p.start_date + d.day, p.seq, d.day LIMIT ${args.add(countedLimit(o.limit))}`,
      args.values,
    );
    return countedRows(r.rows, o.limit, (row) => ({ ...placementWorkerOf(row), dueDate: row.due_date }));
  }

  /** The condition on placement `p` and follow-up day `d.day`: owed, not recorded, in the window asked. */
  #owed(w: FollowUpWindow, args: SqlParams): string {
    const today = args.add(w.today);
    const grace = args.add(w.graceDays);
    const window =
      w.state === 'due'
        ? `p.start_date + d.day <= ${today}::date + ${args.add(w.horizonDays)}::int AND p.start_date + d.day + ${grace}::int >= ${today}::date`
        : `p.start_date + d.day + ${grace}::int < ${today}::date`;
    return `p.status = 'active' AND ${window}
      AND NOT EXISTS (SELECT 1 FROM ${this.#t.follow_ups} f WHERE f.placement_id = p.id AND f.day = d.day)`;
  }

  /**
   * The open rights cases in `scope`: placements whose latest follow-up reported wages not paid on
   * time (a later follow-up reporting them paid closes the case), oldest report first.
   */
  async rightsCases(
    db: Queryable,
    o: { scope?: string[]; limit: number },
  ): Promise<{ total: number; rows: RightsCase[] }> {
    const args = new SqlParams();
    const where = whereSql([o.scope && regionScopeSql('p.home_village_code', o.scope, args)]);
    const r = await db.query(
      `SELECT l.*, w.name, count(*) OVER () AS total FROM (
         SELECT DISTINCT ON (p.id) p.id, p.seq, p.worker_id, p.home_village_code, f.day, f.wages_paid_on_time, f.at
         FROM ${this.#t.placements} p JOIN ${this.#t.follow_ups} f ON f.placement_id = p.id
         ${where} ORDER BY p.id, f.day DESC
       ) l LEFT JOIN ${this.#t.workers} w ON w.id = l.worker_id
       WHERE NOT l.wages_paid_on_time ORDER BY l.at, l.seq LIMIT ${args.add(countedLimit(o.limit))}`,
      args.values,
    );
    return countedRows(r.rows, o.limit, (row) => ({
      ...placementWorkerOf(row),
      reportedAt: (row.at as Date).toISOString(),
    }));
  }

  async list(db: Queryable, f: PlacementFilter): Promise<PlacementRecord[]> {
    const args = new SqlParams();
    const followUp = f.followUp
      ? `EXISTS (SELECT 1 FROM unnest(ARRAY[30, 90, 180]) AS d(day) WHERE ${this.#owed({ ...f.followUp, horizonDays: 0 }, args)})`
      : undefined;
    const where = whereSql([
      f.scope && regionScopeSql('p.home_village_code', f.scope, args),
      f.workerId ? `p.worker_id = ${args.add(f.workerId)}` : undefined,
      f.employerId ? `p.employer_id = ${args.add(f.employerId)}` : undefined,
      f.officer
        ? `p.worker_id IN (SELECT id FROM ${this.#t.workers} WHERE officer_id = ${args.add(f.officer)})`
        : undefined,
      f.status ? `p.status = ${args.add(f.status)}` : undefined,
      f.tier ? `p.tier = ${args.add(f.tier)}` : undefined,
      followUp,
      f.afterSeq !== undefined ? `p.seq > ${args.add(f.afterSeq)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT p.*, p.start_date::text AS start_text, p.separated_at::text AS separated_text
       FROM ${this.#t.placements} p ${where} ORDER BY p.seq LIMIT ${args.add(f.limit)}`,
      args.values,
    );
    return r.rows.map(toRecord);
  }

  /**
   * Claims up to `limit` follow-up steps of active placements that are due on `today` (from their
   * date to the end of the grace period), not yet recorded and not yet announced: inserts their
   * follow_up_due_notices rows and answers them. Inside the transaction that writes their events,
   * so a step is announced once however often the scan runs (ON CONFLICT skips a racing scan's).
   */
  async claimDueNotices(
    db: Queryable,
    today: string,
    graceDays: number,
    now: Date,
    limit: number,
  ): Promise<
    {
      placementId: string;
      workerId: string;
      employerId: string;
      village: string;
      day: 30 | 90 | 180;
      dueDate: string;
    }[]
  > {
    const r = await db.query(
      `WITH due AS (
         SELECT p.id, d.day, (p.start_date + d.day) AS due_date
           FROM ${this.#t.placements} p CROSS JOIN unnest(ARRAY[30, 90, 180]) AS d(day)
          WHERE p.status = 'active'
            AND p.start_date + d.day <= $1::date AND p.start_date + d.day + $2::int >= $1::date
            AND NOT EXISTS (SELECT 1 FROM ${this.#t.follow_ups} f WHERE f.placement_id = p.id AND f.day = d.day)
            AND NOT EXISTS (SELECT 1 FROM ${this.#t.follow_up_due_notices} n WHERE n.placement_id = p.id AND n.day = d.day)
          ORDER BY p.seq, d.day
          LIMIT $4
       ), claimed AS (
         INSERT INTO ${this.#t.follow_up_due_notices} (placement_id, day, due_date, noticed_at)
         SELECT id, day, due_date, $3 FROM due
         ON CONFLICT DO NOTHING
         RETURNING placement_id, day, due_date::text AS due_text
       )
       SELECT c.placement_id, c.day, c.due_text, p.worker_id, p.employer_id, p.home_village_code
         FROM claimed c JOIN ${this.#t.placements} p ON p.id = c.placement_id
        ORDER BY p.seq, c.day`,
      [today, graceDays, now, limit],
    );
    return r.rows.map((row) => ({
      placementId: row.placement_id,
      workerId: row.worker_id,
      employerId: row.employer_id,
      village: row.home_village_code,
      day: row.day,
      dueDate: row.due_text,
    }));
  }
}

/** The placement, its worker and the follow-up day of a worklist row (`id`, `worker_id`, `home_village_code`, `day`, `name`). */
function placementWorkerOf(row: QueryResultRow): Omit<OwedFollowUp, 'dueDate'> {
  return {
    placementId: row.id,
    workerId: row.worker_id,
    homeVillageCode: row.home_village_code,
    day: row.day,
    ...(row.name ? { workerName: row.name } : {}),
  };
}
