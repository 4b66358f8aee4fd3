import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { OPEN_STATUSES } from '../domain/pipeline.ts';
import { TOKENS } from '../tokens.ts';

/** One registered-poor or relocated worker and the three facts coverage is made of. */
export interface CoverageRow {
  workerId: string;
  name: string;
  homeVillageCode: string;
  householdNo?: string;
  householdStatus: string;
  relocated: boolean;
  employmentStatus: string;
  officerId?: string;
  lastContact?: string;
  hasOfficer: boolean;
  recentContact: boolean;
  engaged: boolean;
}

/** Whose coverage: region prefixes the caller may see, a township or village asked for, and the contact window's start. */
export interface CoverageFilter {
  scope?: string[];
  region?: string;
  since: string;
  /** Every member of a household with a target worker, not the target workers alone. */
  households?: boolean;
}

/** A worker's household as counted: its number, or the worker alone when it has none. */
const HOUSEHOLD = `COALESCE(household_no, id::text)`;

const ACTIVE_ENROLLMENT = `e.status NOT IN ('completed', 'dropped', 'failed')`;

type Row = Record<string, any>;
const int = (v: unknown): number => Number(v ?? 0);

/** Read-only queries behind coverage and the dashboard; scope is a list of region prefixes (undefined: all). */
@injectable()
export class ReportRepository {
  readonly #t: Tables<
    | 'workers'
    | 'party_entries'
    | 'enrollments'
    | 'batches'
    | 'employers'
    | 'openings'
    | 'applications'
    | 'placements'
    | 'follow_ups'
    | 'subsidies'
    | 'worker_contacts'
  >;

  readonly #schema: string;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#schema = config.SCHEMA;
    this.#t = tablesIn(
      config,
      'workers',
      'party_entries',
      'enrollments',
      'batches',
      'employers',
      'openings',
      'applications',
      'placements',
      'follow_ups',
      'subsidies',
      'worker_contacts',
    );
  }

  /** Changes with every committed write to this schema (migration 0007); the dashboard is kept while it does not. */
  async dataVersion(db: Queryable): Promise<string> {
    const r = await db.query(`SELECT sum(n)::text AS v FROM ${this.#schema}.data_version`);
    return r.rows[0].v as string;
  }

  /**
   * Every registered-poor or relocated worker in `regions` (prefixes, all of which must match one of `scope`),
   * with: an assigned officer; a service or contact since `since`; employed, in training or referred.
   */
  async coverage(db: Queryable, o: CoverageFilter): Promise<CoverageRow[]> {
    const args = new SqlParams();
    const r = await db.query(`${this.coverageSql(o, args)} ORDER BY w.home_village_code, w.name, w.id`, args.values);
    return r.rows.map((row: Row) => ({
      workerId: row.id,
      name: row.name,
      homeVillageCode: row.home_village_code,
      ...(row.household_no ? { householdNo: row.household_no } : {}),
      householdStatus: row.household_status,
      relocated: row.relocated,
      employmentStatus: row.employment_status,
      ...(row.officer_id ? { officerId: row.officer_id } : {}),
      ...(row.last_contact ? { lastContact: row.last_contact } : {}),
      hasOfficer: Boolean(row.officer_id),
      recentContact: row.recent,
      engaged: row.engaged,
    }));
  }

  /**
   * The dashboard's coverage figures counted in the database, from the same rows as `coverage` by household:
   * target workers and those covered; households with a target member and those reached (a member's recent
   * contact). A county's 20,000 rows are not worth sending to be counted.
   */
  async coverageFigures(db: Queryable, o: Omit<CoverageFilter, 'households' | 'region'>) {
    const args = new SqlParams();
    const r = await db.query(
      `SELECT count(*) FILTER (WHERE target) AS target,
         count(*) FILTER (WHERE target AND officer_id IS NOT NULL AND recent AND engaged) AS covered,
         count(DISTINCT ${HOUSEHOLD}) AS households, count(DISTINCT ${HOUSEHOLD}) FILTER (WHERE recent) AS reached
       FROM (${this.coverageSql({ ...o, households: true }, args)}) x`,
      args.values,
    );
    const row = r.rows[0] as Row;
    return {
      target: int(row.target),
      covered: int(row.covered),
      households: int(row.households),
      reached: int(row.reached),
    };
  }

  /** The rows behind coverage (see `coverage`), unordered. */
  private coverageSql(o: CoverageFilter, args: SqlParams): string {
    const t = this.#t;
    const since = args.add(o.since);
    const open = args.add([...OPEN_STATUSES]);
    const target = `(w.household_status = 'registered_poor' OR w.relocated)`;
    const where = whereSql([
      // By household: every member of a household one of whose members is a target.
      o.households
        ? `(${target} OR (w.household_no IS NOT NULL AND EXISTS (SELECT 1 FROM ${t.workers} h
             WHERE h.household_no = w.household_no AND (h.household_status = 'registered_poor' OR h.relocated))))`
        : target,
      o.scope && regionScopeSql('w.home_village_code', o.scope, args),
      o.region ? `w.home_village_code LIKE ${args.add(`${o.region}%`)}` : undefined,
    ]);
    return `SELECT w.id, w.name, w.home_village_code, w.household_no, w.household_status, w.relocated, w.employment_status, w.officer_id,
         ${target} AS target, c.last_contact::text AS last_contact,
         (c.last_contact IS NOT NULL AND c.last_contact >= ${since}::date) AS recent,
         (w.employment_status IN ('employed', 'in_training')
           OR EXISTS (SELECT 1 FROM ${t.placements} p WHERE p.worker_id = w.id AND p.status = 'active')
           OR EXISTS (SELECT 1 FROM ${t.enrollments} e WHERE e.worker_id = w.id AND ${ACTIVE_ENROLLMENT})
           OR EXISTS (SELECT 1 FROM ${t.applications} a WHERE a.worker_id = w.id AND a.referred_by IS NOT NULL
                      AND a.status = ANY(${open}::text[]))) AS engaged
       FROM ${t.workers} w LEFT JOIN ${t.worker_contacts} c ON c.worker_id = w.id
       ${where}`;
  }

  async workerFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('home_village_code', scope, args)]);
    const r = await db.query(
      `SELECT employment_status, count(*) AS n,
         count(*) FILTER (WHERE household_status = 'registered_poor') AS poor,
         count(*) FILTER (WHERE relocated) AS relocated,
         count(*) FILTER (WHERE union_member) AS union_members
       FROM ${this.#t.workers} ${where} GROUP BY employment_status`,
      args.values,
    );
    const byEmploymentStatus: Record<string, number> = {};
    let registered = 0,
      registeredPoor = 0,
      relocated = 0,
      unionMembers = 0;
    for (const row of r.rows as Row[]) {
      byEmploymentStatus[row.employment_status] = int(row.n);
      registered += int(row.n);
      registeredPoor += int(row.poor);
      relocated += int(row.relocated);
      unionMembers += int(row.union_members);
    }
    return { registered, registeredPoor, relocated, unionMembers, byEmploymentStatus };
  }

  /** Households with a migrant worker (a worker without a household number is a household of one), by status. */
  async householdFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('home_village_code', scope, args)]);
    const r = await db.query(
      `SELECT count(DISTINCT ${HOUSEHOLD}) AS total,
         count(DISTINCT ${HOUSEHOLD}) FILTER (WHERE household_status = 'registered_poor') AS poor,
         count(DISTINCT ${HOUSEHOLD}) FILTER (WHERE relocated) AS relocated,
         count(DISTINCT ${HOUSEHOLD}) FILTER (WHERE household_status = 'monitored') AS monitored
       FROM ${this.#t.workers} ${where}`,
      args.values,
    );
    const row = r.rows[0] as Row;
    return {
      total: int(row.total),
      registeredPoor: int(row.poor),
      relocated: int(row.relocated),
      monitored: int(row.monitored),
    };
  }

  async partyFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    // Entries without a region code are county-wide and counted for administrators only.
    const where = whereSql([scope && regionScopeSql('region_code', scope, args)]);
    const r = await db.query(
      `SELECT kind, count(*) AS n FROM ${this.#t.party_entries} ${where} GROUP BY kind`,
      args.values,
    );
    const n = (k: string) => int((r.rows as Row[]).find((x) => x.kind === k)?.n);
    // An applicant who becomes an activist is recorded again with activistAt: counted once.
    const moreArgs = new SqlParams();
    const more = await db.query(
      `SELECT count(*) FILTER (WHERE kind = 'ledger.party-member-added' AND (data->'member'->>'mobile')::boolean) AS mobile,
         count(DISTINCT data->'application'->>'workerId') FILTER (
           WHERE kind = 'ledger.party-application-recorded' AND data->'application' ? 'activistAt') AS activists
       FROM ${this.#t.party_entries} ${whereSql([
         `kind IN ('ledger.party-member-added', 'ledger.party-application-recorded')`,
         scope && regionScopeSql('region_code', scope, moreArgs),
       ])}`,
      moreArgs.values,
    );
    const row = more.rows[0] as Row;
    return {
      groups: n('ledger.party-group-created'),
      members: n('ledger.party-member-added'),
      mobileMembers: int(row.mobile),
      contacts: n('ledger.party-contact-linked'),
      applications: n('ledger.party-application-recorded'),
      activists: int(row.activists),
    };
  }

  /**
   * 六个一 activities (ledger.activity-recorded): distinct activities by kind, the villages that
   * held any, and those that held all six kinds. An activity corrected by an import is recorded
   * again under its id and counts once.
   */
  async activityFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([`kind = 'ledger.activity-recorded'`, scope && regionScopeSql('region_code', scope, args)]);
    const r = await db.query(
      `SELECT data->'activity'->>'kind' AS kind, count(DISTINCT data->'activity'->>'id') AS n
       FROM ${this.#t.party_entries} ${where} GROUP BY 1`,
      args.values,
    );
    const v = await db.query(
      `SELECT count(*) AS villages, count(*) FILTER (WHERE kinds = 6) AS all_six FROM (
         SELECT region_code, count(DISTINCT data->'activity'->>'kind') AS kinds
         FROM ${this.#t.party_entries} ${where} AND length(region_code) = 12 GROUP BY region_code
       ) x`,
      args.values,
    );
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const row of r.rows as Row[]) {
      byKind[row.kind] = int(row.n);
      total += int(row.n);
    }
    const row = v.rows[0] as Row;
    return { total, byKind, villages: int(row.villages), villagesWithAllSix: int(row.all_six) };
  }

  /**
   * Union figures from the ledger entries: work groups created (counted in their first village),
   * members joined less those who left, and villages whose latest 七有 status is met.
   */
  async unionFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('region_code', scope, args)]);
    const r = await db.query(
      `SELECT count(*) FILTER (WHERE kind = 'union.work-group-created') AS groups,
              count(*) FILTER (WHERE kind = 'union.membership-joined') - count(*) FILTER (WHERE kind = 'union.membership-left') AS members
       FROM ${this.#t.party_entries} ${where}`,
      args.values,
    );
    const statusArgs = new SqlParams();
    const q = await db.query(
      `SELECT count(*) AS evaluated, count(*) FILTER (WHERE met) AS met FROM (
         SELECT DISTINCT ON (region_code) (data->'status'->>'met')::boolean AS met FROM ${this.#t.party_entries}
         ${whereSql([`kind = 'village.qiyou-status-changed'`, scope && regionScopeSql('region_code', scope, statusArgs)])}
         ORDER BY region_code, data->'status'->>'evaluatedAt' DESC
       ) x`,
      statusArgs.values,
    );
    const row = r.rows[0] as Row;
    const status = q.rows[0] as Row;
    return {
      workGroups: int(row.groups),
      members: int(row.members),
      qiyouVillagesMet: int(status.met),
      qiyouVillagesEvaluated: int(status.evaluated),
    };
  }

  async trainingFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('w.home_village_code', scope, args)]);
    const r = await db.query(
      `SELECT count(*) AS enrollments, count(DISTINCT e.worker_id) AS trainees, count(DISTINCT e.batch_id) AS batches,
         count(*) FILTER (WHERE e.status = 'completed') AS completed,
         count(DISTINCT e.worker_id) FILTER (WHERE ${ACTIVE_ENROLLMENT}) AS in_training
       FROM ${this.#t.enrollments} e JOIN ${this.#t.workers} w ON w.id = e.worker_id ${where}`,
      args.values,
    );
    const row = r.rows[0] as Row;
    // Batches scheduled but not yet enrolled in count too, county-wide (a batch has no village).
    const scheduled = scope ? 0 : int((await db.query(`SELECT count(*) AS n FROM ${this.#t.batches}`)).rows[0]?.n);
    return {
      batches: Math.max(int(row.batches), scheduled),
      trainees: int(row.trainees),
      enrollments: int(row.enrollments),
      completed: int(row.completed),
      inTraining: int(row.in_training),
    };
  }

  async employerFigures(db: Queryable) {
    const r = await db.query(`SELECT tier, status, count(*) AS n FROM ${this.#t.employers} GROUP BY tier, status`);
    const byTier = { in_county: 0, in_province: 0, out_of_province: 0 } as Record<string, number>;
    let total = 0,
      verified = 0;
    for (const row of r.rows as Row[]) {
      total += int(row.n);
      if (row.status === 'verified') {
        verified += int(row.n);
        byTier[row.tier] = (byTier[row.tier] ?? 0) + int(row.n);
      }
    }
    return { total, verified, byTier: byTier as { in_county: number; in_province: number; out_of_province: number } };
  }

  async openingFigures(db: Queryable) {
    const r = await db.query(
      `SELECT count(*) AS open, coalesce(sum(o.headcount), 0) AS positions,
         coalesce(sum(o.headcount) FILTER (WHERE o.reserved_for_poor), 0) AS reserved
       FROM ${this.#t.openings} o WHERE o.status = 'open'`,
    );
    const row = r.rows[0] as Row;
    return { open: int(row.open), positions: int(row.positions), reservedForPoorPositions: int(row.reserved) };
  }

  async applicationFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('home_village_code', scope, args)]);
    const r = await db.query(
      `SELECT status, count(*) AS n, count(*) FILTER (WHERE referred_by IS NOT NULL) AS referrals
       FROM ${this.#t.applications} ${where} GROUP BY status`,
      args.values,
    );
    const byStatus: Record<string, number> = {};
    let total = 0,
      referrals = 0;
    for (const row of r.rows as Row[]) {
      byStatus[row.status] = int(row.n);
      total += int(row.n);
      referrals += int(row.referrals);
    }
    return { total, referrals, byStatus };
  }

  async placementFigures(db: Queryable, scope: string[] | undefined, today: string, graceDays: number) {
    const args = new SqlParams();
    const r = await db.query(
      `SELECT p.tier, p.status, count(*) AS n FROM ${this.#t.placements} p
       ${whereSql([scope && regionScopeSql('p.home_village_code', scope, args)])} GROUP BY p.tier, p.status`,
      args.values,
    );
    const byTier = { in_county: 0, in_province: 0, out_of_province: 0 } as Record<string, number>;
    let total = 0,
      active = 0,
      separated = 0;
    for (const row of r.rows as Row[]) {
      total += int(row.n);
      if (row.status === 'active') active += int(row.n);
      else separated += int(row.n);
      byTier[row.tier] = (byTier[row.tier] ?? 0) + int(row.n);
    }
    const a = new SqlParams();
    const t = a.add(today);
    const g = a.add(graceDays);
    const pending = await db.query(
      `SELECT count(*) FILTER (WHERE p.start_date + d.day + ${g}::int >= ${t}::date) AS due,
              count(*) FILTER (WHERE p.start_date + d.day + ${g}::int < ${t}::date) AS overdue
       FROM ${this.#t.placements} p CROSS JOIN unnest(ARRAY[30, 90, 180]) AS d(day)
       ${whereSql([
         scope && regionScopeSql('p.home_village_code', scope, a),
         `p.status = 'active'`,
         `p.start_date + d.day <= ${t}::date`,
         `NOT EXISTS (SELECT 1 FROM ${this.#t.follow_ups} f WHERE f.placement_id = p.id AND f.day = d.day)`,
       ])}`,
      a.values,
    );
    const row = pending.rows[0] as Row;
    return {
      total,
      active,
      separated,
      byTier: byTier as { in_county: number; in_province: number; out_of_province: number },
      followUpsDue: int(row.due),
      followUpsOverdue: int(row.overdue),
    };
  }

  async subsidyFigures(db: Queryable, scope: string[] | undefined) {
    const args = new SqlParams();
    const where = whereSql([scope && regionScopeSql('home_village_code', scope, args)]);
    const r = await db.query(
      `SELECT status, count(*) AS n, coalesce(sum(amount), 0) AS amount FROM ${this.#t.subsidies} ${where} GROUP BY status`,
      args.values,
    );
    const get = (s: string) => (r.rows as Row[]).find((x) => x.status === s);
    return {
      eligible: int(get('eligible')?.n),
      approved: int(get('approved')?.n),
      paid: int(get('paid')?.n),
      paidAmount: int(get('paid')?.amount),
    };
  }

  /** Placements per month of their start date, from `fromMonth` (YYYY-MM) on. */
  async monthlyPlacements(db: Queryable, scope: string[] | undefined, fromMonth: string) {
    const args = new SqlParams();
    const where = whereSql([
      scope && regionScopeSql('p.home_village_code', scope, args),
      `p.start_date >= ${args.add(`${fromMonth}-01`)}::date`,
    ]);
    const r = await db.query(
      `SELECT to_char(p.start_date, 'YYYY-MM') AS month, count(*) AS n,
         count(*) FILTER (WHERE w.household_status = 'registered_poor' OR w.relocated) AS poor
       FROM ${this.#t.placements} p LEFT JOIN ${this.#t.workers} w ON w.id = p.worker_id ${where} GROUP BY 1`,
      args.values,
    );
    return new Map(
      (r.rows as Row[]).map((row) => [row.month as string, { placements: int(row.n), poorOrRelocated: int(row.poor) }]),
    );
  }
}
