import { type Queryable, SqlParams, named, regionScopeSql, type Tables, tablesIn } from '@tongxin/db';
import type { UnionWorkGroup } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';
import type { UnionFigures } from './schemas.ts';

export interface FederationRecord {
  id: string;
  seq: number;
  townshipCode: string;
  name: string;
  leaderName: string;
  createdAt: string;
}
/** A work group as its events describe it, with what only the ledger keeps. */
export interface WorkGroupRecord extends UnionWorkGroup {
  seq: number;
  createdAt: string;
  updatedAt: string;
}
export interface MembershipRecord {
  id: string;
  seq: number;
  workerId: string;
  workerName?: string;
  workGroupId: string;
  workGroupName?: string;
  /** The worker's home village now (memberships follow the worker, as the other ledgers do). */
  villageCode: string;
  membershipNo: string;
  joinedOn: string;
  leftOn?: string;
}
export type NewMembership = Omit<MembershipRecord, 'seq' | 'workerName' | 'workGroupName'>;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v as Date).toISOString();
const federation = (r: Row): FederationRecord => ({
  id: r.id as string,
  seq: Number(r.seq),
  townshipCode: r.township_code as string,
  name: r.name as string,
  leaderName: r.leader_name as string,
  createdAt: iso(r.created_at),
});
const workGroup = (r: Row): WorkGroupRecord => ({
  id: r.id as string,
  seq: Number(r.seq),
  federationId: r.federation_id as string,
  townshipCode: r.township_code as string,
  name: r.name as string,
  leaderName: r.leader_name as string,
  ...(r.leader_worker_id ? { leaderWorkerId: r.leader_worker_id as string } : {}),
  villageCodes: r.village_codes as string[],
  ...(r.party_group_id ? { partyGroupId: r.party_group_id as string } : {}),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
const membership = (r: Row): MembershipRecord => ({
  id: r.id as string,
  seq: Number(r.seq),
  workerId: r.worker_id as string,
  ...(r.worker_name ? { workerName: r.worker_name as string } : {}),
  workGroupId: r.work_group_id as string,
  ...(r.work_group_name ? { workGroupName: r.work_group_name as string } : {}),
  villageCode: r.village_code as string,
  membershipNo: r.membership_no as string,
  joinedOn: r.joined_on as string,
  ...(r.left_on ? { leftOn: r.left_on as string } : {}),
});

/** SQL of the union organisation: federations, work groups, memberships. */
@injectable()
export class UnionRepository {
  readonly #t: Tables<'union_work_groups' | 'union_federations' | 'union_memberships' | 'workers'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'union_work_groups', 'union_federations', 'union_memberships', 'workers');
  }

  /** Work groups with their federation's township, which scopes them. */
  get #groups(): string {
    return `SELECT g.*, f.township_code FROM ${this.#t.union_work_groups} g JOIN ${this.#t.union_federations} f ON f.id = g.federation_id`;
  }

  /** Memberships with the worker's current village and the names shown beside them. */
  get #memberships(): string {
    const t = this.#t;
    return `SELECT m.*, w.home_village_code AS village_code, w.name AS worker_name, g.name AS work_group_name
      FROM ${t.union_memberships} m JOIN ${t.workers} w ON w.id = m.worker_id JOIN ${t.union_work_groups} g ON g.id = m.work_group_id`;
  }

  async insertFederation(
    db: Queryable,
    f: Omit<FederationRecord, 'seq' | 'createdAt'>,
    by: string,
  ): Promise<FederationRecord> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.union_federations} (id, township_code, name, leader_name, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [f.id, f.townshipCode, f.name, f.leaderName, by],
      ),
    );
    return federation(r.rows[0] as Row);
  }

  async findFederation(db: Queryable, id: string): Promise<FederationRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.union_federations} WHERE id = $1`, [id]);
    return r.rows[0] ? federation(r.rows[0] as Row) : undefined;
  }

  /** Federations whose township is under one of `prefixes` or holds one of them (an officer of a village sees its township's). */
  async listFederations(db: Queryable, prefixes: string[]): Promise<FederationRecord[]> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.union_federations}
       WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE township_code LIKE p || '%' OR p LIKE township_code || '%')
       ORDER BY seq`,
      [prefixes],
    );
    return r.rows.map((row) => federation(row as Row));
  }

  async insertWorkGroup(
    db: Queryable,
    g: Omit<WorkGroupRecord, 'seq' | 'createdAt' | 'updatedAt' | 'townshipCode'>,
    by: string,
  ): Promise<void> {
    await named(
      db.query(
        `INSERT INTO ${this.#t.union_work_groups} (id, federation_id, name, leader_name, leader_worker_id, village_codes, party_group_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          g.id,
          g.federationId,
          g.name,
          g.leaderName,
          g.leaderWorkerId ?? null,
          g.villageCodes,
          g.partyGroupId ?? null,
          by,
        ],
      ),
    );
  }

  async updateWorkGroup(db: Queryable, g: WorkGroupRecord): Promise<void> {
    await named(
      db.query(
        `UPDATE ${this.#t.union_work_groups} SET name = $2, leader_name = $3, leader_worker_id = $4, village_codes = $5,
           party_group_id = $6, updated_at = now() WHERE id = $1`,
        [g.id, g.name, g.leaderName, g.leaderWorkerId ?? null, g.villageCodes, g.partyGroupId ?? null],
      ),
    );
  }

  async findWorkGroup(db: Queryable, id: string, forUpdate = false): Promise<WorkGroupRecord | undefined> {
    const r = await db.query(`${this.#groups} WHERE g.id = $1${forUpdate ? ' FOR UPDATE OF g' : ''}`, [id]);
    return r.rows[0] ? workGroup(r.rows[0] as Row) : undefined;
  }

  /** Work groups covering a village under one of `prefixes`. */
  async listWorkGroups(
    db: Queryable,
    prefixes: string[],
    afterSeq: number | undefined,
    limit: number,
  ): Promise<WorkGroupRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `${this.#groups} WHERE EXISTS (SELECT 1 FROM unnest(g.village_codes) v WHERE ${regionScopeSql('v', prefixes, params)})
       AND g.seq > ${params.add(afterSeq ?? 0)} ORDER BY g.seq LIMIT ${params.add(limit)}`,
      params.values,
    );
    return r.rows.map((row) => workGroup(row as Row));
  }

  /** Work groups of these names covering these villages: how a sheet names a group. */
  async findWorkGroupsByName(db: Queryable, names: string[]): Promise<WorkGroupRecord[]> {
    if (names.length === 0) return [];
    const r = await db.query(`${this.#groups} WHERE g.name = ANY($1::text[])`, [names]);
    return r.rows.map((row) => workGroup(row as Row));
  }

  async memberCounts(db: Queryable, groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const r = await db.query<{ id: string; n: number }>(
      `SELECT work_group_id AS id, count(*)::int AS n FROM ${this.#t.union_memberships}
       WHERE left_on IS NULL AND work_group_id = ANY($1::uuid[]) GROUP BY 1`,
      [groupIds],
    );
    return new Map(r.rows.map((x) => [x.id, x.n]));
  }

  async insertMemberships(db: Queryable, rows: NewMembership[], by: string): Promise<void> {
    for (const m of rows) {
      await named(
        db.query(
          `INSERT INTO ${this.#t.union_memberships} (id, worker_id, work_group_id, membership_no, joined_on, left_on, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [m.id, m.workerId, m.workGroupId, m.membershipNo, m.joinedOn, m.leftOn ?? null, by],
        ),
      );
    }
  }

  async close(db: Queryable, id: string, leftOn: string): Promise<void> {
    await db.query(`UPDATE ${this.#t.union_memberships} SET left_on = $2, updated_at = now() WHERE id = $1`, [
      id,
      leftOn,
    ]);
  }

  async openOf(db: Queryable, workerId: string): Promise<MembershipRecord | undefined> {
    const r = await db.query(`${this.#memberships} WHERE m.worker_id = $1 AND m.left_on IS NULL`, [workerId]);
    return r.rows[0] ? membership(r.rows[0] as Row) : undefined;
  }

  async ofWorkers(db: Queryable, workerIds: string[]): Promise<MembershipRecord[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(`${this.#memberships} WHERE m.worker_id = ANY($1::uuid[]) ORDER BY m.seq`, [workerIds]);
    return r.rows.map((row) => membership(row as Row));
  }

  async openByNumbers(db: Queryable, numbers: string[]): Promise<MembershipRecord[]> {
    if (numbers.length === 0) return [];
    const r = await db.query(`${this.#memberships} WHERE m.membership_no = ANY($1::text[]) AND m.left_on IS NULL`, [
      numbers,
    ]);
    return r.rows.map((row) => membership(row as Row));
  }

  async ofGroup(
    db: Queryable,
    groupId: string,
    open: boolean,
    afterSeq: number | undefined,
    limit: number,
  ): Promise<MembershipRecord[]> {
    const r = await db.query(
      `${this.#memberships} WHERE m.work_group_id = $1 ${open ? 'AND m.left_on IS NULL' : ''} AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
      [groupId, afterSeq ?? 0, limit],
    );
    return r.rows.map((row) => membership(row as Row));
  }

  /** Every membership (open and closed) of workers living under `prefixes`: the union sheet's export. */
  async listInRegion(db: Queryable, prefixes: string[]): Promise<MembershipRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `${this.#memberships} WHERE ${regionScopeSql('w.home_village_code', prefixes, params)} ORDER BY m.seq`,
      params.values,
    );
    return r.rows.map((row) => membership(row as Row));
  }

  /**
   * Work groups and open memberships under `prefix`, per unit of `unitLength` digits. A group
   * covering two villages counts once in each village and once in their township.
   */
  async figures(db: Queryable, prefix: string, unitLength: number): Promise<(UnionFigures & { unit: string })[]> {
    const t = this.#t;
    const r = await db.query<UnionFigures & { unit: string }>(
      `SELECT unit, sum(groups)::int AS "workGroups", sum(members)::int AS members FROM (
         SELECT substr(v, 1, $2) AS unit, count(DISTINCT g.id) AS groups, 0 AS members
           FROM ${t.union_work_groups} g, unnest(g.village_codes) v WHERE v LIKE $1 GROUP BY 1
         UNION ALL
         SELECT substr(w.home_village_code, 1, $2), 0, count(*)
           FROM ${t.union_memberships} m JOIN ${t.workers} w ON w.id = m.worker_id
           WHERE m.left_on IS NULL AND w.home_village_code LIKE $1 GROUP BY 1
       ) x GROUP BY unit ORDER BY unit`,
      [`${prefix}%`, unitLength],
    );
    return r.rows;
  }

  async countFederations(db: Queryable, region: string): Promise<number> {
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#t.union_federations} WHERE township_code LIKE $1 || '%' OR $1 LIKE township_code || '%'`,
      [region],
    );
    return r.rows[0]?.n ?? 0;
  }
}
